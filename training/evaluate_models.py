#!/usr/bin/env python3
"""Scores shipped models (assets/models/*.onnx, loaded back into PyTorch and checked against their golden
tensors) and training checkpoints (*.pt) on both validation splits, with clean and detector-like noisy 2D.

  python3 training/evaluate_models.py --data /work/data/cmu30v3 --frames 81 \
      assets/models/hot-f27.onnx assets/models/mixste-f27.onnx training/checkpoints/f81-hot/latest.pt \
      --out training/results/before.json

Every model is scored on the same F-frame windows (a model with a shorter window runs on consecutive
chunks of them; takes shorter than F are padded and the padding masked out). For a shipped model the
activity split is also scored on "activity_unseen": the held-out takes that were in that model's own
validation set (its manifest's training.validationTakes), i.e. never trained on."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.blas import pin_blas_threads  # noqa: E402  (before torch: see hot/blas.py)

pin_blas_threads(sys.argv)

import torch  # noqa: E402

from hot.data import SPLITS, clean_takes, load_dataset, validation_set  # noqa: E402
from hot.evaluate import evaluate  # noqa: E402
from hot.models import build_model  # noqa: E402
from hot.noise_model import make_noise  # noqa: E402
import train  # noqa: E402  (the trainer's checkpoint loading and --noise-model handling)
from hot.onnx_weights import load_shipped, verify_golden  # noqa: E402


def load_any(path):
    """(model, set of take ids the model never trained on or None, label)."""
    if path.endswith(".onnx"):
        model, man = load_shipped(path)
        verify_golden(model, path)
        unseen = set(man.get("training", {}).get("validationTakes", [])) or None
        return model, unseen, man["name"]
    ck = train.load_checkpoint(path)
    model = build_model(ck["cfg"])
    model.load_state_dict(ck["model"])
    model.eval()
    return model, None, os.path.basename(os.path.dirname(os.path.abspath(path)))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="+", help=".onnx (with manifest beside it) or checkpoint .pt files")
    ap.add_argument("--data", required=True, help="a `mocap dataset` folder")
    ap.add_argument("--frames", type=int, default=81, help="validation window length (a multiple of each model's)")
    ap.add_argument("--noise", default="detector", choices=["detector", "blazepose"],
                    help="what makes the noisy 2D: the hand-made detector-like noise or the measured BlazePose model")
    ap.add_argument("--noise-model", default=None, metavar="JSON",
                    help="with --noise blazepose: the measured model to draw from (default training/noise/blazepose.json)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=None, help="JSON file for the figures")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    takes = clean_takes(load_dataset(args.data)[0])
    splits = {name: SPLITS[name](takes) for name in ("take", "activity")}
    noise = make_noise(args.noise, **train.noise_path(args))
    vals = {name: validation_set(va, args.frames, noise=noise) for name, (_, va) in splits.items()}
    out = {"version": 1, "data": os.path.abspath(args.data), "frames": args.frames, "noise": args.noise,
           "noise_model": args.noise_model,
           "splits": {name: {"train_takes": len(tr), "train_frames": int(sum(t.frames for t in tr)),
                             "val_takes": [t.id for t in va], "val_frames": int(sum(t.frames for t in va)),
                             "val_windows": int(len(vals[name][2]))}
                      for name, (tr, va) in splits.items()},
           "models": {}}
    for path in args.models:
        model, unseen, label = load_any(path)
        res = {}
        for name, val in vals.items():
            res[name] = {k: round(v, 2) for k, v in evaluate(model, val, full=True).items()}
        if unseen:
            held = [t for t in splits["activity"][1] if t.id in unseen]
            if held:
                r = evaluate(model, validation_set(held, args.frames, noise=noise), full=True)
                res["activity_unseen"] = {k: round(v, 2) for k, v in r.items()}
                res["activity_unseen"]["takes"] = [t.id for t in held]
        out["models"][label] = dict(path=path, **res)
        print(label, json.dumps(res), flush=True)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
