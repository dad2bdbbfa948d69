#!/usr/bin/env python3
"""PoseCLR: contrastive pre-training of a lifter's encoder (hot/poseclr.py), step-based and resumable like
train.py; then fine-tune with train.py --init-from <run>/final.pt.

  # 20 minutes of pre-training of the HTNet encoder on the activity split's training takes
  python3 training/pretrain.py --name clr-htnet --mode htnet --dim 120 --depth 3 --heads 4 --frames 27 \
      --data /work/data/cmu30v3 --split activity --minutes 20 --session-minutes 90
  python3 training/pretrain.py --resume training/runs/clr-htnet --data /work/data/cmu30v3   # a later session
  python3 training/train.py --name ft-htnet --mode htnet --dim 120 --depth 3 --heads 4 ... \
      --init-from training/runs/clr-htnet/final.pt

The model arguments (--mode, --dim, --depth, --heads, --frames, ...), the 2D noise (--noise, --noise-model,
--noise-prob) and the augmentations (--aug-*) are train.py's own (copied from its parser; the model config is
train.model_cfg's), so the pre-trained encoder matches the fine-tuned model. Only the split's TRAINING takes
are used: all of them by default; --label-fraction P keeps the same subset as train.py's --label-fraction P (the
pairs are made from the takes' 3D, so a strict "less labelled data" experiment pre-trains on the subset too).

The run folder holds latest.pt (model, projection head, optimiser, step, sampler and torch RNG states, seed,
arguments), log.jsonl (training loss and the validation retrieval accuracy every --eval-every steps),
config.json, and at the end final.pt ({"model": the encoder's tensors only, "cfg": ..., ...}: what
train.init_weights reads; the output norm and head are left out so they start fresh) and result.json.
The validation figure: fixed pairs (two cameras each) of windows from the split's validation takes; top-1
retrieval accuracy of each view's positive among the --batch pairs of its chunk (chance 1/batch)."""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.blas import pin_blas_threads  # noqa: E402  (before torch: see hot/blas.py)

pin_blas_threads(sys.argv)

import torch  # noqa: E402

import train  # noqa: E402
from hot.data import take_digest  # noqa: E402
from hot.models import build_model  # noqa: E402
from hot.noise_model import make_noise  # noqa: E402
from hot.poseclr import (ProjectionHead, ViewPairSampler, embed, encoder_feature_dim,  # noqa: E402
                         encoder_parameter_names, nt_xent, retrieval_accuracy)

CKPT_VERSION = 1
SESSION_ARGS = ("data", "session_minutes", "session_steps", "threads", "eval_every", "ckpt_every", "resume")
# train.py arguments that pre-training does not take (supervised-only) or defines itself
TRAIN_ONLY = ("help", "w_vel", "w_tc", "w_live", "live_lookahead", "val_max_windows", "init_from")
VAL_SEED = 1234


def parser():
    ap = argparse.ArgumentParser(description="PoseCLR contrastive pre-training of a lifter's encoder")
    ap.add_argument("--name")
    ap.add_argument("--run-dir", default=None, help="run folder (default training/runs/<name>, git-ignored)")
    ap.add_argument("--resume", default=None, metavar="RUN_DIR",
                    help="continue the run in RUN_DIR from its latest.pt with its own arguments (only "
                         + ", ".join("--" + a.replace("_", "-") for a in SESSION_ARGS[:-1]) + " may change; "
                         "the session limits apply to this session only, the others stay as stored unless given)")
    ap.add_argument("--data", default="synthetic")
    ap.add_argument("--split", default="take", choices=sorted(train.SPLITS),
                    help="the split whose TRAINING takes are pre-trained on (its validation takes give the "
                         "retrieval figure only)")
    ap.add_argument("--batch", type=int, default=64, help="pairs per step (each pair's negatives: the others)")
    ap.add_argument("--temperature", type=float, default=0.1)
    ap.add_argument("--proj-dim", type=int, default=64, help="output size of the projection head")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--wd", type=float, default=0.01)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--steps", type=int, default=0, help="total steps; the cosine follows them (0: --minutes)")
    ap.add_argument("--minutes", type=float, default=10,
                    help="without --steps: training-time budget (minutes) the cosine follows")
    ap.add_argument("--session-minutes", type=float, default=0,
                    help="stop this process after this many wall-clock minutes, with a checkpoint (0: no limit)")
    ap.add_argument("--session-steps", type=int, default=0,
                    help="stop this process after this many steps, with a checkpoint (0: no limit)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--eval-every", type=int, default=50, help="steps between retrieval evaluations")
    ap.add_argument("--val-pairs", type=int, default=512, help="fixed validation pairs")
    ap.add_argument("--ckpt-every", type=float, default=600, help="seconds (wall clock) between checkpoints")
    own = {a.dest for a in ap._actions}
    for a in train.parser()._actions:  # model, noise and augmentation arguments: exactly train.py's
        if a.dest not in own and a.dest not in TRAIN_ONLY:
            ap._add_action(a)
    return ap


def resolve_args(argv):
    """As train.resolve_args: with --resume the stored arguments come back, session arguments may change."""
    args, ck, given, stored = train.parse_for_resume(
        parser(), argv, lambda c: None if c.get("version") == CKPT_VERSION and c.get("kind") == "poseclr"
        else f"not a PoseCLR checkpoint of version {CKPT_VERSION}")
    if ck is None:
        return args, None
    return train.session_namespace(args, given, stored, SESSION_ARGS), ck


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args, ck = resolve_args(argv)
    if args.batch < 2:
        raise SystemExit(f"--batch {args.batch}: contrastive pre-training needs at least 2 pairs per batch")
    if args.temperature <= 0:
        raise SystemExit(f"--temperature {args.temperature}: expected > 0")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run = args.run_dir or os.path.join(train.RUNS, args.name)
    os.makedirs(run, exist_ok=True)
    ckpt_path = os.path.join(run, "latest.pt")
    if ck is None and os.path.exists(ckpt_path):
        raise SystemExit(f"{ckpt_path} exists: continue it with --resume {run}, or choose another --run-dir")
    train_takes, val_takes = train.get_data(args.data, args.split)
    train_takes = train.label_subset(train_takes, args.label_fraction)  # default 1: every training take
    cfg = train.model_cfg(args)
    model = build_model(cfg)
    if not hasattr(model, "encode"):
        raise SystemExit(f"--mode {args.mode}: the model has no encode(); it cannot be pre-trained")
    head = ProjectionHead(encoder_feature_dim(model, args.frames), out=args.proj_dim)
    enc_names = encoder_parameter_names(model, args.frames)
    named = dict(model.named_parameters())
    params = [named[n] for n in enc_names] + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=args.wd)
    augment = {k: getattr(args, "aug_" + k) for k in train.AUG_HELP}
    noise = make_noise(args.noise, **train.noise_path(args))
    sampler = ViewPairSampler(train_takes, args.frames, seed=args.seed, noise_prob=args.noise_prob, noise=noise,
                              aug=augment)
    v1, v2 = ViewPairSampler(val_takes, args.frames, seed=VAL_SEED, noise_prob=args.noise_prob,
                             noise=noise).pairs(args.val_pairs)
    v1, v2 = torch.from_numpy(v1), torch.from_numpy(v2)
    digest = take_digest(train_takes + val_takes)
    # run_loss / run_n: the training loss summed since the last log line (kept so a resumed run logs the same)
    state = dict(step=0, train_s=0.0, wall_s=0.0, loss=None, run_loss=0.0, run_n=0)
    if ck is not None:
        state = train.restore(ck, digest, args, {"model": model, "head": head}, opt, sampler)
    info = dict(args=vars(args), cfg=cfg, augment=augment, encoder_tensors=len(enc_names),
                params=sum(p.numel() for p in model.parameters()), head_params=sum(p.numel() for p in head.parameters()),
                train_takes=len(train_takes), val_takes=[t.id for t in val_takes],
                train_frames=int(sum(t.frames for t in train_takes)), val_pairs=int(len(v1)), data_digest=digest,
                torch_threads=torch.get_num_threads())
    with open(os.path.join(run, "config.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(json.dumps({k: v for k, v in info.items() if k != "val_takes"}), flush=True)
    log = open(os.path.join(run, "log.jsonl"), "a")

    def validate():
        model.eval()
        head.eval()
        with torch.no_grad():
            z1 = torch.cat([embed(model, head, v1[i:i + 256]) for i in range(0, len(v1), 256)])
            z2 = torch.cat([embed(model, head, v2[i:i + 256]) for i in range(0, len(v2), 256)])
            losses = [float(nt_xent(z1[i:i + args.batch], z2[i:i + args.batch], args.temperature))
                      for i in range(0, len(z1) - args.batch + 1, args.batch)] or \
                     [float(nt_xent(z1, z2, args.temperature))]
        model.train()
        head.train()
        return dict(val_top1=round(retrieval_accuracy(z1, z2, args.batch), 4),
                    val_loss=round(sum(losses) / len(losses), 4))

    def save():
        state["wall_s"] = time.time() - wall0
        train.atomic_save(dict(version=CKPT_VERSION, kind="poseclr", model=model.state_dict(), head=head.state_dict(),
                               opt=opt.state_dict(), state=state, cfg=cfg, args=vars(args), seed=args.seed,
                               data_digest=digest,
                               rng=train.rng_state(sampler)),
                          ckpt_path)

    budget = args.minutes * 60
    start_step, session_t0 = state["step"], time.time()
    last_ckpt = time.time()
    wall0 = time.time() - state["wall_s"]
    last_val = None
    if state["step"] == 0:
        last_val = validate()
        rec = dict(step=0, train_s=0.0, wall_s=0.0, loss=None, lr=0.0, chance=round(1 / args.batch, 4), **last_val)
        log.write(json.dumps(rec) + "\n")
        log.flush()
        print(json.dumps(rec), flush=True)

    def finished():
        return state["step"] >= args.steps if args.steps else state["train_s"] >= budget

    while not finished():
        t0 = time.time()
        for g in opt.param_groups:
            g["lr"] = train.lr_at(args, state["step"], state["step"] / args.steps if args.steps else state["train_s"] / budget)
        x1, x2 = sampler.pairs(args.batch)
        loss = nt_xent(embed(model, head, torch.from_numpy(x1)), embed(model, head, torch.from_numpy(x2)),
                       args.temperature)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        state["step"] += 1
        state["train_s"] += time.time() - t0
        state["run_loss"] += float(loss)
        state["run_n"] += 1
        done = finished()
        stop = done or (args.session_steps and state["step"] - start_step >= args.session_steps) or \
            (args.session_minutes and time.time() - session_t0 >= 60 * args.session_minutes)
        if state["step"] % args.eval_every == 0 or done:
            last_val = validate()
            state["wall_s"] = time.time() - wall0
            state["loss"] = state["run_loss"] / max(state["run_n"], 1)
            rec = dict(step=state["step"], train_s=round(state["train_s"], 1), wall_s=round(state["wall_s"], 1),
                       loss=round(state["loss"], 4), lr=opt.param_groups[0]["lr"],
                       s_per_step=round(state["train_s"] / state["step"], 4), **last_val)
            log.write(json.dumps(rec) + "\n")
            log.flush()
            print(json.dumps(rec), flush=True)
            state["run_loss"], state["run_n"] = 0.0, 0
        if time.time() - last_ckpt >= args.ckpt_every or stop:
            save()
            last_ckpt = time.time()
        if stop and not done:
            print(f"session over at step {state['step']}; continue with: pretrain.py --resume {run}", flush=True)
            log.close()
            return
    log.close()
    if last_val is None:
        last_val = validate()
    state["wall_s"] = time.time() - wall0
    keep = set(enc_names)
    drop = {n for n, _ in model.named_parameters()} - keep
    encoder = {k: v for k, v in model.state_dict().items() if k not in drop}
    result = dict(cfg=cfg, step=state["step"], train_minutes=round(state["train_s"] / 60, 2),
                  wall_minutes=round(state["wall_s"] / 60, 2), s_per_step=round(state["train_s"] / state["step"], 4),
                  final_loss=None if state["loss"] is None else round(state["loss"], 4), batch=args.batch,
                  chance=round(1 / args.batch, 4), encoder_tensors=len(encoder), left_out=sorted(drop), **last_val)
    with open(os.path.join(run, "result.json"), "w") as f:
        json.dump(result, f, indent=1)
    train.atomic_save(dict(model=encoder, cfg=cfg, state=state, kind="poseclr-encoder", head=head.state_dict(),
                           poseclr=dict(temperature=args.temperature, proj_dim=args.proj_dim, batch=args.batch,
                                        split=args.split, frames=args.frames)),
                      os.path.join(run, "final.pt"))
    print("FINAL " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
