"""Validation: MPJPE / PA-MPJPE in mm on the fixed validation windows, clean and noisy 2D."""
import numpy as np
import torch

from .metrics import mpjpe, pa_mpjpe


def predict(model, x, batch=128):
    model.eval()
    outs = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            outs.append(model(torch.from_numpy(x[i:i + batch])).numpy())
    model.train()
    return np.concatenate(outs)


def evaluate(model, val, full=False):
    """val = (clean, noisy, y). Seq2seq models are scored on all F frames and on the centre frame;
    seq2frame (TPC-only) on the centre frame. Errors in mm."""
    clean, noisy, y = val
    c = y.shape[1] // 2
    res = {}
    for name, x in (("clean", clean), ("noisy", noisy)):
        p = predict(model, x)
        if p.shape[1] == 1:
            pc, yc = p[:, 0], y[:, c]
            res[f"mpjpe_{name}"] = 1000 * mpjpe(pc, yc)
            if full:
                res[f"pa_mpjpe_{name}"] = 1000 * pa_mpjpe(pc, yc)
        else:
            res[f"mpjpe_{name}"] = 1000 * mpjpe(p, y)
            res[f"mpjpe_centre_{name}"] = 1000 * mpjpe(p[:, c], y[:, c])
            # MPJVE: error of the frame-to-frame joint velocity (mm per frame); jitter shows here
            res[f"mpjve_{name}"] = 1000 * mpjpe(p[:, 1:] - p[:, :-1], y[:, 1:] - y[:, :-1])
            if full:
                res[f"pa_mpjpe_{name}"] = 1000 * pa_mpjpe(p, y)
    return res
