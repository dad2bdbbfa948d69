#!/bin/sh
# Export the shipped models into assets/models and check them in ONNX Runtime (Java).
# Prints the parity lines gen_card.py puts in the model card.
set -e
cd "$(dirname "$0")/.."
ORT=${ORT_JAR:-$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.20.0/onnxruntime-1.20.0.jar}
N=training/manifest-notes
/usr/bin/python3 training/export.py --ckpt training/runs/ab2-base/final.pt --name mixste-f27 --out assets/models --extra $N/extra-base.json
/usr/bin/python3 training/export.py --ckpt training/runs/ab2-hot-n11-k1/final.pt --name hot-f27 --out assets/models --extra $N/extra-hot.json
/usr/bin/python3 training/export.py --ckpt training/runs/v2-mlp/final.pt --name frame-mlp-f27 --out assets/models --extra $N/extra-mlp.json
for m in mixste-f27 hot-f27 frame-mlp-f27; do
  java -cp "$ORT" training/tools/OrtParity.java assets/models/$m.onnx assets/models/$m.golden.json assets/models/$m.golden-ties.json
done
