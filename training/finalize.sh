#!/bin/sh
# Export the trained models into assets/models and check them in ONNX Runtime (Java).
set -e
cd "$(dirname "$0")/.."
ORT=${ORT_JAR:-$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime/1.20.0/onnxruntime-1.20.0.jar}
/usr/bin/python3 training/export.py --ckpt training/runs/base/final.pt --name mixste-f27 --out assets/models
/usr/bin/python3 training/export.py --ckpt training/runs/hot/final.pt --name hot-f27 --out assets/models
/usr/bin/python3 training/export.py --ckpt training/runs/mlp/final.pt --name frame-mlp-f27 --out assets/models
for m in mixste-f27 hot-f27; do
  java -cp "$ORT" training/tools/OrtParity.java assets/models/$m.onnx assets/models/$m.golden.json assets/models/$m.golden-ties.json
done
java -cp "$ORT" training/tools/OrtParity.java assets/models/frame-mlp-f27.onnx assets/models/frame-mlp-f27.golden.json
