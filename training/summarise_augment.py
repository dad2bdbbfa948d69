#!/usr/bin/env python3
"""Scores the augmentation ablation's runs (training/ablate_augment.sh) and writes the table.

  python3 training/summarise_augment.py --root /work/runs-aug --data /work/data/cmu30v3 \
      --out training/results/augment-ablation.json

For every run folder under --root with a final.pt: the trainer's own final validation (result.json: activity
split, clean 2D and the trainer's validation noise, which is the hand-made detector-like noise whatever
--noise trained with), and the same checkpoint scored here on the same validation windows and cameras with
BlazePose-like 2D (the measured noise model; --noise-model, default hot.noise_model's), over both held-out activities
and per activity; and on windows of the training activities ("seen_activities", no augmentation), whose
difference to the held-out figure is the generalisation gap; and the held-out windows under webcam/phone
conditions (webcam_set; made by the augmentation code, so it favours the runs trained with it). A run without final.pt is listed as unfinished with the step its log reached."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.blas import pin_blas_threads  # noqa: E402  (before torch: see hot/blas.py)

pin_blas_threads(sys.argv)

import numpy as np  # noqa: E402
import torch  # noqa: E402

from hot.data import HELD_OUT_ACTIVITIES, activity_of, clean_takes, load_dataset, split_by_activity, \
    validation_set  # noqa: E402
from hot.evaluate import predict  # noqa: E402
from hot.metrics import mpjpe, pa_mpjpe  # noqa: E402
from hot.models import build_model  # noqa: E402
from hot.noise_model import make_noise  # noqa: E402
from train import load_checkpoint  # noqa: E402  (torch.load onto the CPU, as the trainer reads its checkpoints)

ORDER = ("aug-none", "aug-none-seed1", "aug-mix", "aug-time-warp", "aug-proportions", "aug-camera",
         "aug-occlusion", "aug-truncation", "aug-motion", "aug-motion-occlusion", "aug-all")


def _r(d):
    return {k: round(float(v), 2) for k, v in d.items()}


def webcam_set(takes, F, noise, seed=4321, cams_per_window=2, p_truncation=0.3, p_occlusion=0.3):
    """The held-out windows under webcam/phone conditions, made by the same code as the augmentations (so it
    favours the runs trained with them; read it as robustness to those conditions, not as an independent
    test): VariedCameraSampler cameras, truncation and occlusion on 30 % of the windows each, hidden joints
    filled by the runtime's rule (live or offline, half each); clean and BlazePose-like 2D.
    Returns (clean, noisy, y, mask)."""
    from hot import augment as A
    from hot.data import CameraSampler, project, screen_normalise
    wins, masks = [], []
    for t in sorted(takes, key=lambda t: t.id):
        T = t.frames
        starts = range(0, T - F + 1, F) if T >= F else [0]
        for s in starts:
            idx = np.minimum(np.arange(s, s + F), T - 1)
            wins.append(t.positions[idx])
            masks.append(np.arange(s, s + F) < T)
    rng = np.random.default_rng(seed)
    pos = np.repeat(np.stack(wins), cams_per_window, axis=0)
    mask = np.repeat(np.stack(masks), cams_per_window, axis=0)
    base = CameraSampler()
    R, cam, focal, size = A.VariedCameraSampler(base).sample(rng, pos)
    pc, uv = project(pos, R, cam, focal, size)
    R, pc, uv, hidden = A.truncate(pos, R, cam, focal, size, pc, uv, rng, p_truncation)
    hidden = hidden | A.occlusion_mask(len(pos), F, rng, p_occlusion)
    live = rng.random(len(pos)) < 0.5
    noisy = noise(uv, rng)
    clean = screen_normalise(A.runtime_fill(uv, hidden, live, size), size)
    noisy = screen_normalise(A.runtime_fill(noisy, hidden, live, size), size)
    return clean, noisy, (pc - pc[:, :, :1]).astype(np.float32), mask


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="/work/runs-aug")
    ap.add_argument("--data", default="/work/data/cmu30v3")
    ap.add_argument("--frames", type=int, default=27)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seen-windows", type=int, default=300,
                    help="windows of the training activities scored too (evenly spaced over the training takes)")
    ap.add_argument("--noise-model", default=None, metavar="JSON",
                    help="BlazePose noise model (default: hot.noise_model's; the committed table used "
                         "training/noise/blazepose-v1.json)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    train_takes, val_takes = split_by_activity(clean_takes(load_dataset(args.data)[0]))
    kw = {"model_path": args.noise_model} if args.noise_model else {}
    val = validation_set(val_takes, args.frames, noise=make_noise("blazepose", **kw))
    # windows of the TRAINING activities (evenly spaced, fixed cameras, no augmentation): the held-out
    # figure minus this one is the generalisation gap, which an augmentation that slows fitting can still
    # narrow
    seen = validation_set(train_takes, args.frames, max_windows=args.seen_windows, noise=make_noise("blazepose", **kw))
    # activity of each validation window, in validation_set's order (takes sorted by id, two cameras each)
    acts = []
    for t in sorted(val_takes, key=lambda t: t.id):
        n = len(range(0, t.frames - args.frames + 1, args.frames)) if t.frames >= args.frames else 1
        acts += [activity_of(t.id)] * n * 2
    acts = np.array(acts)
    if len(acts) != len(val[2]):
        raise SystemExit(f"window count {len(acts)} differs from validation_set's {len(val[2])}")
    subsets = {"held_out": np.ones(len(acts), bool), **{a: acts == a for a in HELD_OUT_ACTIVITIES}}
    webcam = webcam_set(val_takes, args.frames, noise=make_noise("blazepose", **kw))
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
        ck = load_checkpoint(final)
        model = build_model(ck["cfg"])
        model.load_state_dict(ck["model"])
        model.eval()
        trainer = {k: res[k] for k in ("mpjpe_clean", "pa_mpjpe_clean", "mpjve_clean", "mpjpe_noisy",
                                       "pa_mpjpe_noisy") if k in res}
        clean, noisy, y, mask = val
        pc, pn = predict(model, clean), predict(model, noisy)
        blaze = {}
        for key, sel in subsets.items():
            m = mask & sel[:, None]
            blaze[key] = _r({"mpjpe_clean": 1000 * mpjpe(pc, y, m), "pa_mpjpe_clean": 1000 * pa_mpjpe(pc, y, m),
                             "mpjpe_blazepose": 1000 * mpjpe(pn, y, m),
                             "pa_mpjpe_blazepose": 1000 * pa_mpjpe(pn, y, m)})
        entry.update(finished=True, step=res["step"], train_minutes=res["train_minutes"],
                     wall_minutes=res["wall_minutes"], trainer_validation=trainer, blazepose_validation=blaze)
        sc, sn = predict(model, seen[0]), predict(model, seen[1])
        blaze["seen_activities"] = _r({"mpjpe_clean": 1000 * mpjpe(sc, seen[2], seen[3]),
                                       "pa_mpjpe_clean": 1000 * pa_mpjpe(sc, seen[2], seen[3]),
                                       "mpjpe_blazepose": 1000 * mpjpe(sn, seen[2], seen[3]),
                                       "pa_mpjpe_blazepose": 1000 * pa_mpjpe(sn, seen[2], seen[3])})
        wc, wn = predict(model, webcam[0]), predict(model, webcam[1])
        blaze["held_out_webcam"] = _r({"mpjpe_clean": 1000 * mpjpe(wc, webcam[2], webcam[3]),
                                       "pa_mpjpe_clean": 1000 * pa_mpjpe(wc, webcam[2], webcam[3]),
                                       "mpjpe_blazepose": 1000 * mpjpe(wn, webcam[2], webcam[3]),
                                       "pa_mpjpe_blazepose": 1000 * pa_mpjpe(wn, webcam[2], webcam[3])})
        entry["generalisation_gap_clean"] = round(blaze["held_out"]["mpjpe_clean"]
                                                  - blaze["seen_activities"]["mpjpe_clean"], 2)
        runs.append(entry)
        print(name, json.dumps(trainer), json.dumps(blaze["held_out"]), json.dumps(blaze["seen_activities"]),
              flush=True)
    out = dict(version=1, kind="augmentation ablation (proxy runs)", split="activity",
               held_out_activities=list(HELD_OUT_ACTIVITIES), frames=args.frames, data=args.data,
               validation_windows=int(len(val[2])), seen_windows=int(len(seen[2])),
               notes="trainer_validation: train.py's final full validation (clean 2D and its detector-like "
                     "noise); blazepose_validation: the same windows and cameras with the measured BlazePose "
                     "noise model, over both held-out activities and per activity, and on windows of the training "
                     "activities (seen_activities; generalisation_gap_clean = held-out minus seen, clean 2D); "
                     "held_out_webcam: the held-out windows under webcam/phone cameras with truncation and "
                     "occlusion (30 % of windows each) filled by the runtime's rule, made by the augmentation "
                     "code itself (so it favours the runs trained with it). "
                     "Errors in mm.",
               runs=runs)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
