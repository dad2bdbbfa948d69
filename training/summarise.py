#!/usr/bin/env python3
"""Prints the model card's result tables (markdown) from training/runs/*/result.json and log.jsonl.

  python3 training/summarise.py > /tmp/tables.md"""
import json
import os

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs")


def load(name):
    p = os.path.join(RUNS, name, "result.json")
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)


def row(label, r, base_flops=None, extra=""):
    if r is None:
        return f"| {label} | (not run) |||||||"
    fl = r["flops_per_window"]
    rel = f"{100 * fl / base_flops:.0f}%" if base_flops else ""
    centre = r.get("mpjpe_centre_clean", r["mpjpe_clean"])
    return (f"| {label} | {r['mpjpe_clean']:.1f} | {r.get('pa_mpjpe_clean', float('nan')):.1f} | "
            f"{r['mpjpe_noisy']:.1f} | {r.get('pa_mpjpe_noisy', float('nan')):.1f} | {centre:.1f} | "
            f"{fl / 1e6:.1f} {rel} | {r['params'] / 1e3:.0f}k | {r['train_minutes']:.1f}{extra} |")


HEAD = ("| model | MPJPE clean | PA clean | MPJPE noisy | PA noisy | MPJPE centre frame (clean) | "
        "MFLOPs/window (vs baseline) | params | trained (min) |\n|---|---|---|---|---|---|---|---|---|")


def curve(name):
    p = os.path.join(RUNS, name, "log.jsonl")
    if not os.path.exists(p):
        return ""
    out = [f"`{name}`: " + ", ".join(
        f"{r['train_s'] / 60:.0f} min {r['mpjpe_clean']:.0f}/{r['mpjpe_noisy']:.0f}"
        for r in map(json.loads, open(p)))]
    return out[0]


def main():
    base = load("base")
    bf = base["flops_per_window"] if base else None
    print("### Main runs (trained from scratch)\n")
    print(HEAD)
    for label, name in (("MixSTE baseline (shipped: mixste-f27)", "base"), ("HoT n=11 k=1 TPC+TRA", "hot"),
                        ("single-frame MLP (floor)", "mlp")):
        print(row(label, load(name), bf))
    print("\nValidation MPJPE (clean/noisy, mm) against training time:\n")
    for n in ("base", "hot", "mlp"):
        print("- " + curve(n))
    print("\n### Ablations (each a short fine-tune from the trained HoT, or the baseline for its row)\n")
    print(HEAD)
    for name in ("ab-base", "ab-hot-n11-k1", "ab-hot-n5-k1", "ab-hot-n9-k1", "ab-hot-n18-k1", "ab-hot-n5-k2",
                 "ab-hot-n11-k2", "ab-prune-uniform", "ab-prune-attention", "ab-prune-motion", "ab-rec-nearest",
                 "ab-rec-linear", "ab-tpc-n11-k1"):
        print(row(name, load(name), bf))


if __name__ == "__main__":
    main()
