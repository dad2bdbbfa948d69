#!/usr/bin/env python3
"""Times PyTorch eager on the same weights and inputs as the shipped ONNX lifters, for the
ONNX-Runtime-Java/PyTorch ratio printed by `mocap bench lifter --pytorch /usr/bin/python3`.
Owned by the lifter runtime (docs/lifter.md); imports the training code's model definitions.

  /usr/bin/python3 training/bench_eager.py --models assets/models/hot-f27.onnx assets/models/mixste-f27.onnx \
      --threads 2 --reps 30 --warmup 5 [--ckpt assets/models/hot-f27.onnx=training/runs/hot/final.pt ...]

Weights: a model's manifest holds its config; an untrained export (manifest "trained": false) is rebuilt
exactly as export.py builds it (torch.manual_seed(0), then build_model); a trained one needs its
checkpoint, given with --ckpt or found among <runs>/*/final.pt (default training/runs) by config and golden
tensors. Either way the
model must reproduce the manifest's golden tensors (max abs difference <= 1e-4) before it is timed, so
the two runtimes are proven to run the same weights on the same input (the golden input).
Batch 1, torch.no_grad(), interleaved repetitions (A B A B ...), median milliseconds per window.
Last line: EAGER_MS <model file>=<ms> ...
"""
import argparse
import glob
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from hot.blas import pin_blas_threads  # noqa: E402  (before torch: see hot/blas.py)

pin_blas_threads(sys.argv, default="2")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from hot.models import build_model  # noqa: E402
from train import load_checkpoint  # noqa: E402  (torch.load onto the CPU, as the trainer reads its checkpoints)

PARITY = 1e-4


def load(onnx_path, ckpts, runs_dir):
    base = onnx_path[:-5] if onnx_path.endswith(".onnx") else onnx_path
    with open(base + ".json") as f:
        man = json.load(f)
    cfg = man["config"]
    ckpt = ckpts.get(onnx_path) or ckpts.get(os.path.basename(onnx_path))
    with open(base + ".golden.json") as f:
        golden = json.load(f)
    F = man["frames"]
    x = torch.tensor(np.asarray(golden["input"], dtype=np.float32).reshape(1, F, 17, 2))
    want = np.asarray(golden["output"], dtype=np.float32).reshape(man["output"]["shape"])

    def parity(model):
        model.eval()
        with torch.no_grad():
            return float(np.abs(model(x).numpy() - want).max())

    if ckpt is None and man.get("trained") is False:
        torch.manual_seed(0)
        model = build_model(cfg)
        how = "rebuilt untrained (seed 0, as export.py)"
    elif ckpt is not None:
        ck = load_checkpoint(ckpt)
        model = build_model(ck.get("cfg", cfg))
        model.load_state_dict(ck["model"])
        how = f"checkpoint {ckpt}"
    else:
        # Any checkpoint under the run folders whose config agrees with the manifest's on the keys it has;
        # the golden tensors decide which one holds the exported weights.
        model = None
        for cand in sorted(glob.glob(os.path.join(runs_dir, "*", "final.pt"))):
            ck = load_checkpoint(cand)
            c = ck.get("cfg") or {}
            if not c or any(cfg.get(k) != v for k, v in c.items()):
                continue
            m = build_model(c)
            m.load_state_dict(ck["model"])
            if parity(m) <= PARITY:
                model, how = m, f"checkpoint {cand} (found by config and golden tensors)"
                break
        if model is None:
            raise SystemExit(f"{onnx_path}: trained model and no checkpoint under {runs_dir} reproduces its golden"
                             f" tensors; pass --ckpt {onnx_path}=<final.pt> or --runs <folder>")
    diff = parity(model)
    if diff > PARITY:
        raise SystemExit(f"{onnx_path}: PyTorch output differs from the golden tensors by {diff:.2e} (> {PARITY});"
                         f" not the same weights ({how}); pass the right --ckpt")
    return man["name"], model, x, how, diff


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", nargs="+", required=True)
    ap.add_argument("--ckpt", action="append", default=[], help="MODEL.onnx=CHECKPOINT.pt")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--runs", default=os.path.join(HERE, "runs"), help="folder of training runs searched for checkpoints")
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    ckpts = dict(c.split("=", 1) for c in a.ckpt)
    models = [load(p, ckpts, a.runs) for p in a.models]
    for (name, _, _, how, diff), p in zip(models, a.models):
        print(f"{name}: {how}; golden parity max |PyTorch - golden| = {diff:.2e}")
    times = [[] for _ in models]
    with torch.no_grad():
        for _ in range(a.warmup):
            for _, m, x, _, _ in models:
                m(x)
        for r in range(a.reps):
            order = range(len(models)) if r % 2 == 0 else reversed(range(len(models)))
            for i in order:
                _, m, x, _, _ = models[i]
                t0 = time.perf_counter()
                m(x)
                times[i].append((time.perf_counter() - t0) * 1e3)
    print(f"PyTorch {torch.__version__} eager, batch 1, {a.threads} threads, {a.reps} interleaved windows each after {a.warmup} warm-up")
    for (name, _, x, _, _), t in zip(models, times):
        print(f"{name:22s} F={x.shape[1]:3d} median {np.median(t):8.2f} ms  min {np.min(t):8.2f} ms")
    print("EAGER_MS " + " ".join(f"{os.path.basename(p)}={np.median(t):.3f}" for p, t in zip(a.models, times)))


if __name__ == "__main__":
    main()
