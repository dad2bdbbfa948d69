#!/usr/bin/env python3
"""Prints the model card's result tables (markdown) from training/runs/*/result.json, eval.json and log.jsonl.

  python3 training/summarise.py > /tmp/tables.md"""
import json
import os

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs")

# (label, run) of the main runs; the HoT and TPC-only rows are compared with the baseline row above them
MAIN = (("MixSTE baseline, from scratch", "v2-base"),
        ("HoT: TPC n=11 k=1 + TRA (time-keyed), from scratch", "v2-hot"),
        ("single-frame MLP (floor), from scratch", "v2-mlp"),
        ("MixSTE baseline, + the ablation fine-tune = `mixste-f27`", "ab2-base"),
        ("HoT TPC + TRA, + the ablation fine-tune = `hot-f27`", "ab2-hot-n11-k1"),
        ("TPC-only seq2frame (from the HoT run, + the ablation fine-tune)", "ab2-tpc-n11-k1"))
ABLATIONS = (
    ("n and k (TPC + time-keyed TRA)", (("baseline (no pruning)", "ab2-base"), ("n=5, k=1", "ab2-hot-n5-k1"),
                                       ("n=8, k=1", "ab2-hot-n8-k1"), ("n=11, k=1 (main)", "ab2-hot-n11-k1"),
                                       ("n=15, k=1", "ab2-hot-n15-k1"), ("n=5, k=2", "ab2-hot-n5-k2"),
                                       ("n=11, k=2", "ab2-hot-n11-k2"))),
    ("pruning (n=11, k=1, time-keyed TRA)", (("TPC (density-peak clustering)", "ab2-hot-n11-k1"),
                                             ("uniform sampling", "ab2-prune-uniform"),
                                             ("attention score", "ab2-prune-attention"),
                                             ("motion", "ab2-prune-motion"))),
    ("recovery (TPC, n=11, k=1)", (("TRA with time-keyed keys (main)", "ab2-hot-n11-k1"),
                                   ("TRA as specified (no time keys)", "ab2-rec-tra-plain"),
                                   ("nearest kept frame", "ab2-rec-nearest"),
                                   ("linear interpolation", "ab2-rec-linear"),
                                   ("none: TPC-only seq2frame (centre frame)", "ab2-tpc-n11-k1"))))


def load(name, what="result.json"):
    p = os.path.join(RUNS, name, what)
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)


def fmt(v):
    return "-" if v is None else f"{v:.1f}"


def row(label, r, base=None):
    if r is None:
        return f"| {label} | (not run) |||||||||"
    fl = r["flops_per_window"] * (27 if r["cfg"].get("mode") == "mlp" else 1)
    rel = f" ({100 * fl / base['flops_per_window']:.0f}%)" if base else ""
    delta = ""
    if base and base is not r:
        delta = f" ({100 * (r['mpjpe_clean'] / base['mpjpe_clean'] - 1):+.1f}%)"
    centre = r.get("mpjpe_centre_clean", r["mpjpe_clean"])
    return (f"| {label} | {r['mpjpe_clean']:.1f}{delta} | {fmt(r.get('pa_mpjpe_clean'))} | "
            f"{r['mpjpe_noisy']:.1f} | {fmt(r.get('pa_mpjpe_noisy'))} | {centre:.1f} | "
            f"{fmt(r.get('mpjve_clean'))} / {fmt(r.get('mpjve_noisy'))} | "
            f"{fl / 1e6:.1f}{rel} | {r['params'] / 1e3:.0f}k | {r['train_minutes']:.1f} ({r['step']}) |")


HEAD = ("| model | MPJPE clean (vs baseline) | PA clean | MPJPE noisy | PA noisy | MPJPE centre frame, clean | "
        "MPJVE clean / noisy | MFLOPs/window (vs baseline) | params | trained min (steps) |\n"
        "|---|---|---|---|---|---|---|---|---|---|")


def curve(name):
    p = os.path.join(RUNS, name, "log.jsonl")
    if not os.path.exists(p):
        return f"`{name}`: (not run)"
    return f"`{name}`: " + ", ".join(f"{r['train_s'] / 60:.0f} min {r['mpjpe_clean']:.0f}/{r['mpjpe_noisy']:.0f}"
                                     for r in map(json.loads, open(p)) if r["step"] > 1)


def main():
    print("### Main runs\n")
    print("The first three rows trained from scratch, the baseline and the HoT side by side (two jobs, one "
          "thread each, same budget); the last three continue them by the same number of ablation steps "
          "(see Ablations) and are what ships. The % after MPJPE compares with the baseline at the same "
          "stage.\n")
    print(HEAD)
    for i, (label, name) in enumerate(MAIN):
        base = load("v2-base") if i < 3 else load("ab2-base")
        print(row(label, load(name), base))
    print("\n**More time or more data?** Error on the training takes (clean 2D, windows drawn the same way as "
          "validation; `training/evaluate_runs.py`) against the validation takes:\n")
    print("| model | MPJPE train takes | MPJPE validation takes | gap |\n|---|---|---|---|")
    for label, name in MAIN:
        e, r = load(name, "eval.json"), load(name)
        if e and r and "train_mpjpe_clean" in e:
            print(f"| {label} | {e['train_mpjpe_clean']:.1f} | {r['mpjpe_clean']:.1f} | "
                  f"{r['mpjpe_clean'] - e['train_mpjpe_clean']:+.1f} |")
    print("\nValidation MPJPE (clean/noisy, mm) against training time (minutes of training, evaluations "
          "excluded):\n")
    for n in ("v2-base", "v2-hot", "v2-mlp"):
        print("- " + curve(n))
    print("\nTRA variants from scratch, validation MPJPE clean (mm) at training step (batch 32; cosine over the "
          "6 871 steps, where the main run's 55-minute cosine ended; the two variants were stopped early to free the machine):\n")
    for n, label in (("v2-hot", "time keys + identity start (main run)"),
                     ("v2-hot-plain-tra", "identity start only"),
                     ("v2-hot-spec-tra", "neither: TRA as specified")):
        p = os.path.join(RUNS, n, "log.jsonl")
        if os.path.exists(p):
            pts = [r for r in map(json.loads, open(p)) if r["step"] > 1][:6]
            print(f"- {label} (`{n}`): " + ", ".join(f"step {r['step']} {r['mpjpe_clean']:.1f}" for r in pts))
    print("\n### Ablations\n")
    abl = load("ab2-base")
    steps = abl["step"] if abl else "?"
    print(f"Every row below is a fine-tune of the SAME checkpoints for the same {steps} steps (batch 32, peak "
          "LR 3e-4, 20-step warmup, cosine over the steps, fresh optimiser): the HoT variants start from the "
          "end of the main HoT run, `baseline` from the end of the main baseline run. A changed n gets a fresh "
          "kept-token position embedding; nearest/linear recovery and TPC-only drop the TRA weights; plain TRA "
          "drops the time keys. So they compare knobs at equal, short extra training on the same trained "
          "backbone, not separately trained models.\n")
    for title, rows in ABLATIONS:
        print(f"\n**{title}**\n")
        print(HEAD)
        for label, name in rows:
            print(row(label, load(name), abl))


if __name__ == "__main__":
    main()
