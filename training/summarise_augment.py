#!/usr/bin/env python3
"""Scores the augmentation ablation's runs (training/ablate_augment.sh) and writes the table.

  python3 training/summarise_augment.py --root /work/runs-aug --data /work/data/cmu30v3 \
      --out training/results/augment-ablation.json

For every run folder under --root with a final.pt: the trainer's own final validation (result.json: activity
split, clean 2D and the trainer's validation noise, which is the hand-made detector-like noise whatever
--noise trained with), and the same checkpoint scored here on the same validation windows and cameras with
BlazePose-like 2D (the measured noise model, training/noise/blazepose.json), over both held-out activities
and per activity. A run without final.pt is listed as unfinished with the step its log reached."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.blas import pin_blas_threads  # noqa: E402  (before torch: see hot/blas.py)

pin_blas_threads(sys.argv)

import torch  # noqa: E402

from hot.data import HELD_OUT_ACTIVITIES, activity_of, clean_takes, load_dataset, split_by_activity, \
    validation_set  # noqa: E402
from hot.evaluate import evaluate  # noqa: E402
from hot.models import build_model  # noqa: E402
from hot.noise_model import make_noise  # noqa: E402

ORDER = ("aug-none", "aug-none-seed1", "aug-mix", "aug-time-warp", "aug-proportions", "aug-camera",
         "aug-occlusion", "aug-truncation", "aug-all")


def _r(d):
    return {k: round(float(v), 2) for k, v in d.items()}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="/work/runs-aug")
    ap.add_argument("--data", default="/work/data/cmu30v3")
    ap.add_argument("--frames", type=int, default=27)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    _, val_takes = split_by_activity(clean_takes(load_dataset(args.data)[0]))
    noise = make_noise("blazepose")
    sets = {"held_out": validation_set(val_takes, args.frames, noise=noise)}
    for act in HELD_OUT_ACTIVITIES:
        sets[act] = validation_set([t for t in val_takes if activity_of(t.id) == act], args.frames, noise=noise)
    names = [n for n in ORDER if os.path.isfile(os.path.join(args.root, n, "config.json"))]
    names += sorted(n for n in os.listdir(args.root) if n not in names and
                    os.path.isfile(os.path.join(args.root, n, "config.json")))
    runs = []
    for name in names:
        run = os.path.join(args.root, name)
        with open(os.path.join(run, "config.json")) as f:
            cfg = json.load(f)
        entry = dict(name=name, augment=cfg.get("augment", {}), seed=cfg["args"]["seed"],
                     steps=cfg["args"]["steps"])
        final = os.path.join(run, "final.pt")
        if not os.path.isfile(final):
            last = None
            if os.path.isfile(os.path.join(run, "log.jsonl")):
                with open(os.path.join(run, "log.jsonl")) as f:
                    lines = [json.loads(l) for l in f if l.strip()]
                last = lines[-1] if lines else None
            entry.update(finished=False, last_logged=last)
            runs.append(entry)
            print(name, "unfinished", flush=True)
            continue
        with open(os.path.join(run, "result.json")) as f:
            res = json.load(f)
        ck = torch.load(final)
        model = build_model(ck["cfg"])
        model.load_state_dict(ck["model"])
        model.eval()
        trainer = {k: res[k] for k in ("mpjpe_clean", "pa_mpjpe_clean", "mpjve_clean", "mpjpe_noisy",
                                       "pa_mpjpe_noisy") if k in res}
        blaze = {}
        for key, val in sets.items():
            e = evaluate(model, val, full=True)
            blaze[key] = _r({"mpjpe_clean": e["mpjpe_clean"], "pa_mpjpe_clean": e["pa_mpjpe_clean"],
                             "mpjpe_blazepose": e["mpjpe_noisy"], "pa_mpjpe_blazepose": e["pa_mpjpe_noisy"]})
        entry.update(finished=True, step=res["step"], train_minutes=res["train_minutes"],
                     wall_minutes=res["wall_minutes"], trainer_validation=trainer, blazepose_validation=blaze)
        runs.append(entry)
        print(name, json.dumps(trainer), json.dumps(blaze["held_out"]), flush=True)
    out = dict(version=1, kind="augmentation ablation (proxy runs)", split="activity",
               held_out_activities=list(HELD_OUT_ACTIVITIES), frames=args.frames, data=args.data,
               validation_windows=int(len(sets["held_out"][2])),
               notes="trainer_validation: train.py's final full validation (clean 2D and its detector-like "
                     "noise); blazepose_validation: the same windows and cameras with the measured BlazePose "
                     "noise model, over both held-out activities and per activity. Errors in mm.",
               runs=runs)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
