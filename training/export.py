#!/usr/bin/env python3
"""Export a trained (or, with --untrained, freshly initialised) lifter to ONNX (opset 17, fixed
[1, F, 17, 2] input) with its manifest JSON and golden tensors (docs/formats.md "Lifter model").

  python3 training/export.py --ckpt training/runs/hot/final.pt --name hot-f27 --out assets/models
  python3 training/export.py --untrained --mode hot --name hot-f27 --out assets/models

Golden files: <name>.golden.json (a projected validation-like window) and <name>.golden-ties.json
(windows with exactly repeated frames, so the clustering meets density ties), each
{"version": 1, "input": [...], "output": [...], "keptFrames": [...]} with flat row-major arrays
computed by PyTorch."""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.data import (CMU_CREDIT, CameraSampler, project, screen_normalise,  # noqa: E402
                      synthetic_take)
from hot.flops import count_linear_flops, count_params  # noqa: E402
from hot.lineage import LINEAGE_BASIS, held_out_takes, present_dataset  # noqa: E402
from hot.models import PRUNING_MODES, build_model, tra_flags  # noqa: E402
from hot.onnx_weights import onnx_wrapper  # noqa: E402
from hot.skeleton import NAMES  # noqa: E402
from train import load_checkpoint  # noqa: E402  (torch.load onto the CPU, as the trainer reads its checkpoints)

OPSET = 17
ARCH = {"baseline": "mixste", "hot": "hot", "tpc": "tpc", "mlp": "mlp", "htnet": "htnet", "nanohtnet": "nanohtnet"}


def golden_inputs(F, seed=7):
    """A realistic window and a tie-heavy batch of windows (static pose; pairs of repeated frames;
    a frozen block at the start like edge padding)."""
    rng = np.random.default_rng(seed)
    take = synthetic_take("golden", 3 * F, seed)
    pos = take.positions[None, F:2 * F]
    R, cam, focal, size = CameraSampler().sample(rng, pos[:, :, 0].mean(1))
    size = np.array([[641, 479]], dtype=np.float32)
    _, uv = project(pos, R, cam, focal, size)
    real = screen_normalise(uv, size)
    static = np.repeat(real[:, F // 2:F // 2 + 1], F, axis=1)
    pairs = real[:, (np.arange(F) // 2) * 2]
    padded = real.copy()
    padded[:, :F // 3] = real[:, F // 3:F // 3 + 1]
    return real, [static, pairs, padded]


def atomic_write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def flat(a):
    return [float(round(float(v), 7)) for v in np.asarray(a, dtype=np.float64).ravel()]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt")
    ap.add_argument("--untrained", action="store_true")
    ap.add_argument("--mode", default="hot")
    ap.add_argument("--frames", type=int, default=27)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--heads", type=int, default=8, help="attention heads (--untrained --mode htnet)")
    ap.add_argument("--n", type=int, default=9)
    ap.add_argument("--k", type=int, default=1)
    ap.add_argument("--prune", default="tpc")
    ap.add_argument("--recover", default="tra")
    ap.add_argument("--tra-time-keys", action="store_true")
    ap.add_argument("--coefficients", type=int, default=9, help="DCT coefficients (--untrained --mode nanohtnet)")
    ap.add_argument("--nano-recover", default="idct", help="NanoHTNet output recovery (--untrained)")
    ap.add_argument("--tra-identity-init", action="store_true")
    ap.add_argument("--name", required=True)
    ap.add_argument("--out", default="assets/models")
    ap.add_argument("--extra", default=None, help="JSON file merged into the manifest (training, validation)")
    args = ap.parse_args(argv)

    if args.untrained:
        torch.manual_seed(0)
        if args.mode == "htnet":
            cfg = dict(mode="htnet", dim=args.dim, depth=args.depth, heads=args.heads)
        elif args.mode == "nanohtnet":
            cfg = dict(mode="nanohtnet", frames=args.frames, dim=args.dim, depth=args.depth, heads=args.heads,
                       coefficients=args.coefficients, recover=args.nano_recover)
        else:
            cfg = dict(mode=args.mode, frames=args.frames, dim=args.dim, depth=args.depth, n=args.n, k=args.k,
                       prune=args.prune, recover=args.recover)
            cfg.update(tra_flags(args.tra_time_keys, args.tra_identity_init))
        model = build_model(cfg)
        cfg = model.cfg
    else:
        ck = load_checkpoint(args.ckpt)
        cfg = ck["cfg"]
        model = build_model(cfg)
        model.load_state_dict(ck["model"])
        cfg = dict(model.cfg)
    model.eval()
    F = cfg.get("frames", args.frames)
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, args.name + ".onnx")
    tmp = onnx_path + ".tmp"
    real, ties = golden_inputs(F)
    x = torch.from_numpy(real)
    hot = cfg["mode"] in PRUNING_MODES

    outputs = ["pose3d", "keptFrames"] if hot else ["pose3d"]
    with torch.no_grad():
        torch.onnx.export(onnx_wrapper(model, hot), (x,), tmp, opset_version=OPSET, input_names=["keypoints"],
                          output_names=outputs, do_constant_folding=True)
    model.eval()  # export restores the wrapper's (training) mode on exit; goldens need eval mode
    m = onnx.load(tmp)
    onnx.checker.check_model(m, full_check=True)
    ops = sorted({n.op_type for n in m.graph.node})
    os.replace(tmp, onnx_path)
    size = os.path.getsize(onnx_path)
    if size > 20e6:
        raise SystemExit(f"{onnx_path}: {size} bytes, over the 20 MB limit")
    sha = hashlib.sha256(open(onnx_path, "rb").read()).hexdigest()

    def run(inp):
        with torch.no_grad():
            y = model(torch.from_numpy(inp))
        kept = model.last_kept.numpy() if hot else None
        ties = model.pruner.stats.get("density_ties") if hot and model.pruner is not None else None
        return y.numpy(), kept, ties

    goldens = {}
    for suffix, inp in (("golden", real), ("golden-ties", None)):
        cases = [real] if inp is not None else ties
        recs = []
        for c in cases:
            y, kept, nties = run(c)
            rec = {"version": 1, "input": flat(c), "inputShape": list(c.shape), "output": flat(y),
                   "outputShape": list(y.shape)}
            if hot:
                rec["keptFrames"] = [int(v) for v in kept.ravel()]
                if nties is not None:
                    rec["densityTiesBeforeTieBreak"] = nties
            recs.append(rec)
        if suffix == "golden":
            doc = recs[0]
        else:  # several cases in one file: same fields per case, under "cases"
            doc = {"version": 1, "cases": recs}
        path = os.path.join(args.out, f"{args.name}.{suffix}.json")
        atomic_write(path, json.dumps(doc))
        goldens[suffix] = os.path.basename(path)

    out_shape = [1, 1 if cfg["mode"] == "tpc" else F, 17, 3]
    man = {
        "version": 1, "name": args.name, "architecture": ARCH[cfg["mode"]], "frames": F, "joints": 17,
        "jointOrder": NAMES,
        "input": {"name": "keypoints", "shape": [1, F, 17, 2], "normalisation": "screen"},
        "output": {"name": "pose3d", "shape": out_shape, "units": "metres", "rootRelative": True},
        "sha256": sha, "file": os.path.basename(onnx_path), "bytes": size, "opset": OPSET,
        "internalNormalisation": "per frame: subtract the pelvis (joint 0), divide by the RMS joint distance "
                                 "from the pelvis (clamped at 1e-4)",
        "outputFrame": "camera: x right, y down, z forward; pelvis at the origin",
        "parameters": count_params(model),
        "flopsPerWindow": count_linear_flops(model, F),
        "flopsCounting": "2 x multiply-adds of the linear layers only (as the HoT paper); attention "
                         "products, norms, activations and the clustering are not counted",
        "config": {k: v for k, v in cfg.items()},
        "golden": goldens, "trained": not args.untrained, "credit": CMU_CREDIT,
        "onnxOps": ops,
    }
    if hot:
        man["extraOutputs"] = [{"name": "keptFrames", "shape": [1, cfg["n"]], "type": "int64",
                                "meaning": "indices of the frames the pruning kept, ascending"}]
        man["hot"] = {"tokensKept": cfg["n"], "pruneAfterBlock": cfg["k"], "pruning": cfg["prune"],
                      "recovery": cfg["recover"] if cfg["mode"] == "hot" else None, "knn": cfg["knn"],
                      "tieBreak": "density + frame index x 1e-5; score + frame index x 1e-7"}
    if args.ckpt:
        run = os.path.dirname(os.path.abspath(args.ckpt))
        rp, cp = os.path.join(run, "result.json"), os.path.join(run, "config.json")
        if os.path.exists(rp) and os.path.exists(cp):
            res, conf = json.load(open(rp)), json.load(open(cp))
            man["training"] = {"trainMinutes": res["train_minutes"], "wallMinutes": res["wall_minutes"],
                               "steps": res["step"], "batch": conf["args"]["batch"],
                               "trainTakes": conf["train_takes"], "trainFrames": conf["train_frames"],
                               "validationTakes": conf["val_takes"], "dataDigest": conf["data_digest"]}
            # Takes no stage of the --init-from chain trained on (hot/lineage.py); [] when a stage is unknown.
            # With the run's dataset at hand, a stage also held out the takes its own dataset lacked.
            universe, cleaned = present_dataset((conf.get("args") or {}).get("data"))
            held = held_out_takes(conf, os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                  universe=universe, cleaned=cleaned)
            man["training"]["heldOutTakes"] = held if held is not None else []
            if universe is not None:
                man["training"]["heldOutBasis"] = LINEAGE_BASIS
            man["validation"] = {k: v for k, v in res.items() if "mpjpe" in k}
            man["validation"]["units"] = "mm"
    if args.extra:
        with open(args.extra) as f:
            man.update(json.load(f))
    atomic_write(os.path.join(args.out, args.name + ".json"), json.dumps(man, indent=1))
    print(json.dumps({k: man[k] for k in ("name", "bytes", "parameters", "flopsPerWindow", "onnxOps")}))


if __name__ == "__main__":
    main()
