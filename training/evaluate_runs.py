#!/usr/bin/env python3
"""Re-evaluates final checkpoints: the validation figures (with MPJVE) and the same measures on windows of
the TRAINING takes (clean 2D, cameras drawn like the validation's), to see whether more data would help.
  DATA=/work/data/cmu30 python3 training/evaluate_runs.py v2-base v2-hot  -> training/runs/<name>/eval.json"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.blas import pin_blas_threads  # noqa: E402  (before torch: see hot/blas.py)

pin_blas_threads([])

import torch  # noqa: E402

from hot.data import load_dataset, split_takes, validation_windows  # noqa: E402
from hot.evaluate import evaluate  # noqa: E402
from hot.models import build_model  # noqa: E402
from train import load_checkpoint  # noqa: E402  (torch.load onto the CPU, as the trainer reads its checkpoints)

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs")
data = os.environ.get("DATA", "/work/data/cmu30")
torch.set_num_threads(1)
train_takes, val_takes = split_takes(load_dataset(data)[0])
val = validation_windows(val_takes, 27)
# the training takes at a stride that gives about as many windows as the validation set
stride = max(27, int(27 * sum(t.frames for t in train_takes) / max(1, sum(t.frames for t in val_takes))))
train = validation_windows(train_takes, 27, seed=99, stride=stride)
for name in sys.argv[1:]:
    ck = load_checkpoint(os.path.join(RUNS, name, "final.pt"))
    m = build_model(ck["cfg"])
    m.load_state_dict(ck["model"])
    r = {k: round(v, 2) for k, v in evaluate(m, val, full=True).items()}
    r.update({"train_" + k: round(v, 2) for k, v in evaluate(m, train, full=True).items()})
    with open(os.path.join(RUNS, name, "eval.json"), "w") as f:
        json.dump(r, f, indent=1)
    print(name, json.dumps(r), flush=True)
