#!/usr/bin/env python3
"""Java streaming accuracy of several lifters: runs `./mocap eval-lifter --sweep` (ONNX Runtime, the live path's
StreamingLifter) for each model and 2D noise on the same BVH takes, and collects the sweep tables into JSON.

  python3 training/streaming_sweep.py --models hot-f27 htnet-f27 nanohtnet-f27 --noise none detector \
      --max-frames 300 --out training/results/lifters-streaming.json $(cat val-takes.txt)

Output: {"version": 1, ..., "models": {"<name>": {"<noise>": {"offline" | "L=<n>": {"mpjpe": mm, "pa_mpjpe": mm,
"mpjve": mm/frame, "ms_per_window": ms}}}}} (stride 1 for the streaming rows)."""
import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROW = re.compile(r"^(offline|streaming)\s+(-|\d+)\s+(-|\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)")


def parse_sweep(text):
    """{label: figures} from eval-lifter's sweep table; raises ValueError when there is none."""
    rows = {}
    for line in text.splitlines():
        m = ROW.match(line.strip())
        if not m:
            continue
        mode, look, stride = m.group(1), m.group(2), m.group(3)
        if mode == "streaming" and stride != "1":
            continue
        label = "offline" if mode == "offline" else f"L={look}"
        rows[label] = {"mpjpe": float(m.group(4)), "pa_mpjpe": float(m.group(5)), "mpjve": float(m.group(6)),
                       "ms_per_window": float(m.group(7))}
    if "offline" not in rows or len(rows) < 2:
        raise ValueError("no sweep table in eval-lifter's output:\n" + text[-2000:])
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("bvh", nargs="+")
    ap.add_argument("--models", nargs="+", required=True, help="shipped names or .onnx paths")
    ap.add_argument("--noise", nargs="+", default=["none"], choices=["none", "detector"])
    ap.add_argument("--max-frames", type=int, default=300)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--keep-side-swaps", action="store_true",
                    help="pass --keep-side-swaps: lift the noisy 2D without undoing its brief left/right swaps")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    extra = ["--keep-side-swaps"] if args.keep_side_swaps else []
    out = {"version": 1, "takes": args.bvh, "maxFrames": args.max_frames, "threads": args.threads,
           "command": " ".join(["mocap eval-lifter --sweep --sweep-strides 1"] + extra), "models": {}}
    for model in args.models:
        name = os.path.splitext(os.path.basename(model))[0]
        for noise in args.noise:
            cmd = [os.path.join(ROOT, "mocap"), "eval-lifter", *args.bvh, "--model", model, "--noise", noise,
                   "--max-frames", str(args.max_frames), "--sweep", "--sweep-strides", "1",
                   "--threads", str(args.threads)] + extra
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-2000:]}")
            rows = parse_sweep(r.stdout)
            out["models"].setdefault(name, {})[noise] = rows
            print(name, noise, json.dumps(rows), flush=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
    os.replace(tmp, args.out)


if __name__ == "__main__":
    sys.exit(main())
