"""Validation: MPJPE / PA-MPJPE in mm on the fixed validation windows, clean and noisy 2D."""
import numpy as np
import torch

from .metrics import mpjpe, pa_mpjpe

# End joints of the four limbs (R ankle, L ankle, L wrist, R wrist): "end-joint error" is their mean MPJPE.
END_JOINTS = [3, 6, 13, 16]


def model_frames(model):
    return getattr(model, "F", None)


def predict(model, x, batch=128):
    """Runs the model over windows x [N, F, 17, 2]. A seq2seq model with a shorter window f that divides F
    runs on the F/f consecutive chunks of each window (the same frames scored, whatever the model's f)."""
    f = model_frames(model)
    N, F = x.shape[:2]
    chunks = 1
    if f is not None and f != F:
        if F % f:
            raise ValueError(f"validation windows of {F} frames cannot be cut into the model's {f}-frame windows")
        chunks = F // f
        x = x.reshape(N * chunks, f, *x.shape[2:])
    was_training = model.training
    model.eval()
    device = next(model.parameters(), torch.zeros(0)).device  # parameterless test models: the CPU
    outs = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            xb = torch.from_numpy(np.ascontiguousarray(x[i:i + batch])).to(device)
            outs.append(model(xb).cpu().numpy())
    model.train(was_training)
    p = np.concatenate(outs)
    if chunks > 1:
        if p.shape[1] != f:
            raise ValueError("a seq2frame model cannot be scored on longer windows")
        p = p.reshape(N, F, *p.shape[2:])
    return p


def evaluate(model, val, full=False):
    """val = (clean, noisy, y) or (clean, noisy, y, mask [N, F]). Seq2seq models are scored on all F frames
    (those the mask keeps), on the centre frame and on the last frame (mpjpe_last_*: a live stream's output at
    look-ahead 0 when the windows are the model's own length); seq2frame (TPC-only) on the centre frame. Errors in mm.
    full=True adds PA-MPJPE and the end-joint error mpjpe_end_* (wrists and ankles, END_JOINTS)."""
    clean, noisy, y = val[:3]
    mask = val[3] if len(val) > 3 else np.ones(y.shape[:2], dtype=bool)
    c = y.shape[1] // 2
    res = {}
    for name, x in (("clean", clean), ("noisy", noisy)):
        p = predict(model, x)
        if p.shape[1] == 1:
            pc, yc, mc = p[:, 0], y[:, c], mask[:, c]
            res[f"mpjpe_{name}"] = 1000 * mpjpe(pc, yc, mc)
            if full:
                res[f"pa_mpjpe_{name}"] = 1000 * pa_mpjpe(pc, yc, mc)
                res[f"mpjpe_end_{name}"] = 1000 * mpjpe(pc[:, END_JOINTS], yc[:, END_JOINTS], mc)
        else:
            res[f"mpjpe_{name}"] = 1000 * mpjpe(p, y, mask)
            res[f"mpjpe_centre_{name}"] = 1000 * mpjpe(p[:, c], y[:, c], mask[:, c])
            # the window's newest frame: what a live stream with no look-ahead emits from a model of this window
            res[f"mpjpe_last_{name}"] = 1000 * mpjpe(p[:, -1], y[:, -1], mask[:, -1])
            # MPJVE: error of the frame-to-frame joint velocity (mm per frame); jitter shows here
            res[f"mpjve_{name}"] = 1000 * mpjpe(p[:, 1:] - p[:, :-1], y[:, 1:] - y[:, :-1],
                                                mask[:, 1:] & mask[:, :-1])
            if full:
                res[f"pa_mpjpe_{name}"] = 1000 * pa_mpjpe(p, y, mask)
                # end-joint error: mean error of the wrists and ankles (END_JOINTS), root-relative as MPJPE
                res[f"mpjpe_end_{name}"] = 1000 * mpjpe(p[:, :, END_JOINTS], y[:, :, END_JOINTS], mask)
    return res
