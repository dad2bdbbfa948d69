#!/bin/sh
# Export the trained models into assets/models and check them in ONNX Runtime (Java).
set -e
cd "$(dirname "$0")/.."
ORT=${ORT_JAR:-$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.20.0/onnxruntime-1.20.0.jar}
N=training/manifest-notes
/usr/bin/python3 training/export.py --ckpt training/runs/base-ft/final.pt --name mixste-f27 --out assets/models --extra $N/extra-base.json
/usr/bin/python3 training/export.py --ckpt training/runs/hot-lin2/final.pt --name hot-f27 --out assets/models --extra $N/extra-hot.json
/usr/bin/python3 training/export.py --ckpt training/runs/mlp/final.pt --name frame-mlp-f27 --out assets/models --extra $N/extra-mlp.json
for m in mixste-f27 hot-f27 frame-mlp-f27; do
  java -cp "$ORT" training/tools/OrtParity.java assets/models/$m.onnx assets/models/$m.golden.json assets/models/$m.golden-ties.json
done
