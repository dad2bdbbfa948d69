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
    fl = r["flops_per_window"] * (27 if r["cfg"].get("mode") == "mlp" else 1)
    rel = f"{100 * fl / base_flops:.0f}%" if base_flops else ""
    centre = r.get("mpjpe_centre_clean", r["mpjpe_clean"])
    return (f"| {label} | {r['mpjpe_clean']:.1f} | {r.get('pa_mpjpe_clean', float('nan')):.1f} | "
            f"{r['mpjpe_noisy']:.1f} | {r.get('pa_mpjpe_noisy', float('nan')):.1f} | {centre:.1f} | "
            f"{fl / 1e6:.1f} {rel} | {r['params'] / 1e3:.0f}k | {r['train_minutes']:.1f} ({r['step']} steps){extra} |")


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
    print("### Main runs (base, TPC+TRA and the MLP from scratch; the others continue them)\n")
    print(HEAD)
    for label, name in (("MixSTE baseline, 75 min", "base"), ("HoT n=11 k=1 TPC+TRA (main run)", "hot"),
                        ("HoT n=11 k=1 TPC+linear (TRA run at 59 min + 20 min linear fine-tune)", "hot-lin"),
                        ("MixSTE baseline + 15 min fine-tune (batch 16, peak LR 4e-4, cosine) = `mixste-f27`", "base-ft"),
                        ("HoT TPC+linear + 15 min fine-tune (same settings) = `hot-f27`", "hot-lin2"),
                        ("single-frame MLP (floor) = `frame-mlp-f27`", "mlp")):
        if load(name) is not None or name in ("base", "hot", "mlp"):
            print(row(label, load(name), bf))
    print("\nJitter: MPJVE (error of the frame-to-frame joint velocity, mm per frame at 30 fps; lower is "
          "smoother and closer to the true motion), from `training/evaluate_runs.py` on the same validation "
          "windows:\n")
    print("| model | MPJVE clean | MPJVE noisy 2D |\n|---|---|---|")
    for label, name in (("MixSTE baseline", "base"), ("HoT TPC+TRA", "hot"), ("HoT TPC+linear", "hot-lin"),
                        ("MixSTE baseline + 15 min", "base-ft"), ("HoT TPC+linear + 15 min", "hot-lin2"),
                        ("single-frame MLP", "mlp")):
        p = os.path.join(RUNS, name, "eval.json")
        if os.path.exists(p):
            e = json.load(open(p))
            print(f"| {label} | {e['mpjve_clean']:.1f} | {e['mpjve_noisy']:.1f} |")
    print("\nValidation MPJPE (clean/noisy, mm) against training time:\n")
    for n in ("base", "hot", "hot-lin", "base-ft", "hot-lin2", "mlp"):
        print("- " + curve(n))
    print("\n### Ablations\n")
    print("Each ablation row is a short fine-tune of the SAME snapshot: the main HoT run at step 326 "
          "(26 min of training), or for `baseline` the main baseline run at step 224 (23 min), with the knob "
          "changed, for 40 steps of batch 16 at a constant LR of 3e-4 (about 3-4 min each on the loaded "
          "machine; fresh optimiser state). A changed n gets a fresh kept-token position embedding; nearest/linear "
          "recovery drop the TRA weights; TPC-only drops them and pools. So these rows compare the knobs at equal, "
          "small extra training, not fully trained models; the step count is in the last column.\n")
    groups = (("n and k (TPC + TRA)", (("baseline (no pruning)", "ab-base"), ("n=5, k=1", "ab-hot-n5-k1"),
                                       ("n=9, k=1", "ab-hot-n9-k1"), ("n=11, k=1 (main)", "ab-hot-n11-k1"),
                                       ("n=18, k=1", "ab-hot-n18-k1"), ("n=5, k=2", "ab-hot-n5-k2"),
                                       ("n=11, k=2", "ab-hot-n11-k2"))),
              ("pruning (n=11, k=1, TRA)", (("TPC (density-peak clustering)", "ab-hot-n11-k1"),
                                            ("uniform sampling", "ab-prune-uniform"),
                                            ("attention score", "ab-prune-attention"),
                                            ("motion", "ab-prune-motion"))),
              ("recovery (TPC, n=11, k=1)", (("TRA (cross-attention)", "ab-hot-n11-k1"),
                                             ("nearest kept frame", "ab-rec-nearest"),
                                             ("linear interpolation", "ab-rec-linear"),
                                             ("none: TPC-only seq2frame (centre frame)", "ab-tpc-n11-k1"))))
    for title, rows in groups:
        print(f"\n**{title}**\n")
        print(HEAD)
        for label, name in rows:
            print(row(label, load(name), bf))

if __name__ == "__main__":
    main()
