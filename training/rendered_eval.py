"""Render and recapture on several rendered clips: lifts each clip's keypoints (from `mocap keypoints`) with the Java
runtime (`mocap lift`, offline and streaming at the given look-aheads) and scores the 3D joints against the
renderer's truth (`mocap render-synthetic`'s .truth.json beside each .kp.json), as the end-to-end tests do on their
one clip: PA-MPJPE in mm and the mean angle of the 8 limb bones after a per-frame similarity alignment, each
against the lifter's own mean pose held still (the static baseline; a lifter that follows the motion scores below
1 x static).

    python3 training/rendered_eval.py --models hot-f27 /tmp/cand/x.onnx --lookahead 0 \
        --out training/results/rendered.json /work/data/noise-lite/ninja-*.truth.json

Frames where the 2D stage found no person are left out of every figure.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from hot.metrics import limb_angle_deg, pa_mpjpe  # noqa: E402
from measure_noise import truth_camera17  # noqa: E402

MOCAP = os.path.join(os.path.dirname(HERE), "mocap")


def score(pred, truth):
    """{pa_mm, limbs_deg} of pred and of its mean pose held still, and their ratios; pred, truth [T, 17, 3]."""
    static = np.repeat(pred.mean(0, keepdims=True), len(pred), 0)
    out = {"pa_mm": 1000 * pa_mpjpe(pred, truth), "limbs_deg": limb_angle_deg(pred, truth),
           "static_pa_mm": 1000 * pa_mpjpe(static, truth), "static_limbs_deg": limb_angle_deg(static, truth)}
    out["pa_x_static"] = out["pa_mm"] / out["static_pa_mm"]
    out["limbs_x_static"] = out["limbs_deg"] / out["static_limbs_deg"]
    return {k: round(v, 4 if "_x_" in k else 2) for k, v in out.items()}


def lift(kp, model, lookahead, out):
    cmd = [MOCAP, "lift", kp, "--model", model, "--out", out]
    if lookahead is not None:
        cmd += ["--mode", "streaming", "--lookahead", str(lookahead)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    with open(out) as f:
        d = json.load(f)
    return (np.array([fr["joints"] for fr in d["frames"]], dtype=np.float64),
            np.array([bool(fr.get("valid", True)) for fr in d["frames"]]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", nargs="+", required=True, help="shipped names or .onnx paths")
    ap.add_argument("--lookahead", type=int, nargs="*", default=[0],
                    help="streaming look-aheads to score beside offline (default 0)")
    ap.add_argument("--out", required=True)
    ap.add_argument("truth", nargs="+", help=".truth.json files, each with its .kp.json beside it")
    args = ap.parse_args(argv)
    modes = [("offline", None)] + [(f"L={n}", n) for n in args.lookahead]
    res = {"version": 1, "modes": [m for m, _ in modes], "clips": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for tp in args.truth:
            kp = tp.replace(".truth.json", ".kp.json")
            if not os.path.isfile(kp):
                raise SystemExit(f"{tp}: no keypoints file {kp} beside it; make one with mocap keypoints")
            with open(tp) as f:
                truth = json.load(f)
            try:
                t17 = truth_camera17(truth)
            except ValueError as e:
                raise SystemExit(f"{tp}: {e}")
            with open(kp) as f:
                found = np.array([bool(fr.get("person")) for fr in json.load(f)["frames"]])
            clip = os.path.basename(tp)[:-len(".truth.json")]
            res["clips"][clip] = {}
            for m in args.models:
                name = os.path.basename(m)[:-5] if m.endswith(".onnx") else m
                res["clips"][clip][name] = {}
                for mode, la in modes:
                    pred, valid = lift(kp, m, la, os.path.join(tmp, "p.json"))
                    n = min(len(pred), len(t17), len(found))
                    ok = valid[:n] & found[:n]   # the same frames in every mode: those with a person found
                    s = score(pred[:n][ok], t17[:n][ok])
                    s["frames"] = int(ok.sum())
                    res["clips"][clip][name][mode] = s
                    print(f"{clip:34s} {name:22s} {mode:8s} PA {s['pa_mm']:6.1f} "
                          f"(static {s['static_pa_mm']:6.1f}, {s['pa_x_static']:.3f}x)  limbs {s['limbs_deg']:5.1f} "
                          f"(static {s['static_limbs_deg']:5.1f}, {s['limbs_x_static']:.3f}x)  {s['frames']} frames",
                          flush=True)
    names = {n for c in res["clips"].values() for n in c}
    res["mean"] = {n: {mode: {k: round(float(np.mean([c[n][mode][k] for c in res["clips"].values()])), 4)
                              for k in ("pa_mm", "limbs_deg", "pa_x_static", "limbs_x_static")}
                       for mode, _ in modes} for n in sorted(names)}
    for n, r in res["mean"].items():
        for mode, s in r.items():
            print(f"mean over {len(res['clips'])} clips  {n:22s} {mode:8s} PA {s['pa_mm']:6.1f} "
                  f"({s['pa_x_static']:.3f}x)  limbs {s['limbs_deg']:5.1f} ({s['limbs_x_static']:.3f}x)")
    with open(args.out, "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
