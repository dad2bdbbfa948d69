#!/usr/bin/env python3
"""Re-evaluates final checkpoints on the validation set, adding MPJVE (velocity error, jitter):
  python3 training/evaluate_runs.py base hot mlp  -> training/runs/<name>/eval.json"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.data import load_dataset, split_takes, validation_windows  # noqa: E402
from hot.evaluate import evaluate  # noqa: E402
from hot.models import build_model  # noqa: E402

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs")
data = os.environ.get("DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cmu30"))
torch.set_num_threads(1)
_, val_takes = split_takes(load_dataset(data)[0])
val = validation_windows(val_takes, 27)
for name in sys.argv[1:]:
    ck = torch.load(os.path.join(RUNS, name, "final.pt"))
    m = build_model(ck["cfg"])
    m.load_state_dict(ck["model"])
    r = {k: round(v, 2) for k, v in evaluate(m, val, full=True).items()}
    with open(os.path.join(RUNS, name, "eval.json"), "w") as f:
        json.dump(r, f, indent=1)
    print(name, json.dumps(r), flush=True)
