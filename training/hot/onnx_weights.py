"""Load a shipped lifter (assets/models/<name>.onnx + its manifest) back into the PyTorch module that
exported it, so the shipped models can be scored on any validation split in Python and fine-tuned.

The exporter names most initializers after the module's parameters ("m.sblocks.0.n1.weight"); the
weights of linear layers without a following named node come out as anonymous, transposed MatMul
operands ("onnx::MatMul_1045"). Those are matched by exporting a freshly built model of the same
configuration, whose parameters are all distinct, and finding which parameter each anonymous
initializer holds. The result is checked against the manifest's golden tensors (verify_golden)."""
import io
import json
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .models import PRUNING_MODES, build_model


def onnx_wrapper(model, hot):
    """The module exported to ONNX: the lifter, plus the kept frame indices as a second output for a HoT."""
    class Wrap(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, k):
            y = self.m(k)
            return (y, self.m.last_kept) if hot else y

    return Wrap(model).eval()


def _initializers(onnx_model):
    """{name: array} of the initializers, plus the names Identity nodes give them: the exporter stores
    parameters of equal value once and reads the others through an Identity (e.g. HTNet's two part-level
    biases, which always receive the same gradient)."""
    inits = {i.name: numpy_helper.to_array(i) for i in onnx_model.graph.initializer}
    for n in onnx_model.graph.node:
        if n.op_type == "Identity" and n.input[0] in inits and n.output[0] not in inits:
            inits[n.output[0]] = inits[n.input[0]]
    return inits


def anonymous_map(cfg):
    """{onnx initializer name: (state_dict key, transposed?)} for a model of configuration cfg, found by
    exporting a fresh model with distinct random parameters."""
    torch.manual_seed(12345)
    model = build_model(cfg)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p))
    model.eval()
    F = cfg.get("frames", 27)
    hot = cfg["mode"] in PRUNING_MODES
    buf = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(onnx_wrapper(model, hot), (torch.zeros(1, F, 17, 2) + 0.1 * torch.randn(1, F, 17, 2),),
                          buf, opset_version=17, input_names=["keypoints"],
                          output_names=["pose3d", "keptFrames"] if hot else ["pose3d"], do_constant_folding=True)
    inits = _initializers(onnx.load_from_string(buf.getvalue()))
    sd = {"m." + k: v.numpy() for k, v in model.state_dict().items()}
    out = {}
    for name, arr in inits.items():
        if name in sd:
            out[name] = (name[2:], False)
            continue
        for key, val in sd.items():
            if val.shape == arr.shape and np.array_equal(val, arr):
                out[name] = (key[2:], False)
                break
            if val.ndim == 2 and val.T.shape == arr.shape and np.array_equal(val.T, arr):
                out[name] = (key[2:], True)
                break
            if val.size == arr.size and np.array_equal(val.ravel(), arr.ravel()):  # a folded reshape/slice
                out[name] = (key[2:], False)
                break
    return out


def load_shipped(onnx_path, manifest_path=None):
    """Returns (model in eval mode, manifest dict) rebuilt from a shipped ONNX file. Raises ValueError
    naming the file when a parameter cannot be recovered."""
    manifest_path = manifest_path or os.path.splitext(onnx_path)[0] + ".json"
    with open(manifest_path, encoding="utf-8") as f:
        man = json.load(f)
    cfg = dict(man["config"])
    mapping = anonymous_map(cfg)
    inits = _initializers(onnx.load(onnx_path))
    model = build_model(cfg)
    sd = model.state_dict()
    got = {}
    for name, arr in inits.items():
        if name not in mapping:
            continue
        key, transposed = mapping[name]
        got[key] = torch.from_numpy(np.ascontiguousarray(arr.T if transposed else arr)).reshape(sd[key].shape)
    missing = [k for k in sd if k not in got]
    if missing:
        raise ValueError(f"{onnx_path}: could not recover parameters {missing[:5]} "
                         f"({len(missing)} of {len(sd)}); was it exported from a different code version?")
    model.load_state_dict(got)
    model.eval()
    return model, man


def verify_golden(model, onnx_path, tol=1e-4):
    """Largest |torch - golden| over the golden window; raises ValueError above tol (metres)."""
    gpath = os.path.splitext(onnx_path)[0] + ".golden.json"
    with open(gpath, encoding="utf-8") as f:
        g = json.load(f)
    x = torch.tensor(g["input"], dtype=torch.float32).reshape(g["inputShape"])
    with torch.no_grad():
        y = model(x).numpy().ravel()
    err = float(np.abs(y - np.asarray(g["output"], dtype=np.float32)).max())
    if not err <= tol:
        raise ValueError(f"{gpath}: rebuilt model differs from the golden output by {err:.3g} m (> {tol})")
    return err
