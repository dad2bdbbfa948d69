#!/usr/bin/env python3
"""One table of every lifter (issue 14): accuracy on both validation splits with clean, detector-like and
BlazePose-like 2D, end-joint error, jitter, the newest-frame error, parameters, FLOPs, Java latency, and the
Java streaming accuracy when measured. Reads figures other commands measured; runs no model itself.

  python3 training/compare_lifters.py \
      --detector training/results/lifters-f81-detector.json --blazepose training/results/lifters-f81-blazepose.json \
      --latency training/results/lifters-latency.json --streaming training/results/lifters-streaming.json \
      --out training/results/lifters.json > /tmp/table.md

--detector / --blazepose: `evaluate_models.py --noise detector|blazepose --out` files (same models, same
windows). --latency: {"<model name>": ms per window (Java, ONNX Runtime, 1 thread), ...} or {"<name>": [runs]}.
--streaming: training/streaming_sweep.py's output (Java `mocap eval-lifter --sweep`: offline and look-ahead L). Model
parameters and FLOPs come from each model's manifest (assets/models/<name>.json) or its run's config.json."""
import argparse
import json
import os
import statistics

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def size_of(name, entry):
    """(params, flops per window) from the shipped manifest, or the checkpoint run's config.json."""
    man = os.path.join(ROOT, "assets", "models", name + ".json")
    if os.path.exists(man):
        m = read(man)
        return m.get("parameters"), m.get("flopsPerWindow")
    path = entry.get("path", "")
    conf = os.path.join(os.path.dirname(path), "config.json")
    if os.path.exists(conf):
        c = read(conf)
        return c.get("params"), c.get("flops_per_window")
    return None, None


def fmt(v, digits=1):
    return "-" if v is None else f"{v:.{digits}f}"


def pair(split, key):
    if split is None or key not in split:
        return "-"
    pa = split.get("pa_" + key)
    return fmt(split[key]) + (f" ({fmt(pa)})" if pa is not None else "")


def median_ms(v):
    if v is None:
        return None
    return statistics.median(v) if isinstance(v, list) else float(v)


def build(det, bp, latency, streaming):
    rows = []
    for name, d in det["models"].items():
        b = bp["models"].get(name, {})
        params, flops = size_of(name, d)
        rows.append(dict(
            name=name, params=params, flops=flops, ms=median_ms(latency.get(name)),
            take_clean=d["take"].get("mpjpe_clean"), take_clean_pa=d["take"].get("pa_mpjpe_clean"),
            take_detector=d["take"].get("mpjpe_noisy"), take_detector_pa=d["take"].get("pa_mpjpe_noisy"),
            take_blazepose=b.get("take", {}).get("mpjpe_noisy"), take_blazepose_pa=b.get("take", {}).get("pa_mpjpe_noisy"),
            activity_clean=d["activity"].get("mpjpe_clean"), activity_clean_pa=d["activity"].get("pa_mpjpe_clean"),
            activity_blazepose=b.get("activity", {}).get("mpjpe_noisy"),
            activity_blazepose_pa=b.get("activity", {}).get("pa_mpjpe_noisy"),
            end_clean=d["take"].get("mpjpe_end_clean"), end_detector=d["take"].get("mpjpe_end_noisy"),
            end_blazepose=b.get("take", {}).get("mpjpe_end_noisy"),
            jitter_clean=d["take"].get("mpjve_clean"), jitter_detector=d["take"].get("mpjve_noisy"),
            jitter_blazepose=b.get("take", {}).get("mpjve_noisy"),
            last_clean=d["take"].get("mpjpe_last_clean"), last_detector=d["take"].get("mpjpe_last_noisy"),
            streaming=streaming.get("models", {}).get(name)))
    return rows


def markdown(rows):
    out = ["| model | params | MFLOPs / window | ms / window (Java, 1 thread) | take: clean (PA) | take: detector-like (PA) "
           "| take: BlazePose-like (PA) | activity: clean (PA) | activity: BlazePose-like (PA) |",
           "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| `{r['name']}` | {str(round(r['params'] / 1000)) + 'k' if r['params'] else '-'} | "
                   f"{fmt(r['flops'] / 1e6 if r['flops'] else None)} | {fmt(r['ms'], 2)} | "
                   f"{fmt(r['take_clean'])} ({fmt(r['take_clean_pa'])}) | {fmt(r['take_detector'])} ({fmt(r['take_detector_pa'])}) | "
                   f"{fmt(r['take_blazepose'])} ({fmt(r['take_blazepose_pa'])}) | "
                   f"{fmt(r['activity_clean'])} ({fmt(r['activity_clean_pa'])}) | "
                   f"{fmt(r['activity_blazepose'])} ({fmt(r['activity_blazepose_pa'])}) |")
    out += ["", "| model | end-joint, take: clean / detector / BlazePose | MPJVE (jitter), take: clean / detector / "
                "BlazePose | newest frame of the window, take: clean / detector | Java streaming MPJPE, clean: L=0 / L=4 / "
                "offline | Java streaming MPJPE, detector-like: L=0 / L=4 / offline |",
            "|---|---|---|---|---|---|"]
    for r in rows:
        s = r["streaming"] or {}

        def sweep(noise):
            t = s.get(noise, {})
            return " / ".join(fmt(t.get(k, {}).get("mpjpe")) for k in ("L=0", "L=4", "offline"))
        out.append(f"| `{r['name']}` | {fmt(r['end_clean'])} / {fmt(r['end_detector'])} / {fmt(r['end_blazepose'])} | "
                   f"{fmt(r['jitter_clean'])} / {fmt(r['jitter_detector'])} / {fmt(r['jitter_blazepose'])} | "
                   f"{fmt(r['last_clean'])} / {fmt(r['last_detector'])} | {sweep('none')} | {sweep('detector')} |")
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--detector", required=True)
    ap.add_argument("--blazepose", required=True)
    ap.add_argument("--latency", default=None)
    ap.add_argument("--streaming", default=None)
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    det, bp = read(args.detector), read(args.blazepose)
    if det.get("frames") != bp.get("frames"):
        raise SystemExit(f"{args.detector} and {args.blazepose} use different windows ({det.get('frames')} vs "
                         f"{bp.get('frames')} frames); run evaluate_models.py with the same --frames")
    rows = build(det, bp, read(args.latency) if args.latency else {}, read(args.streaming) if args.streaming else {})
    print(markdown(rows))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump({"version": 1, "frames": det.get("frames"), "sources": vars(args), "models": rows}, f, indent=1)


if __name__ == "__main__":
    main()
