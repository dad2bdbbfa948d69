#!/usr/bin/env python3
"""Train a lifter for a wall-clock budget, with resumable checkpoints and a JSON-lines log.

  python3 training/train.py --name hot --mode hot --n 9 --k 1 --minutes 45 --data /work/data/cmu30

Re-running the same command resumes from training/runs/<name>/ckpt.pt. The learning rate follows a
linear warmup then a cosine decay over the training-time budget (eval time not counted)."""
import argparse
import json
import math
import os
import sys
import time


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.blas import pin_blas_threads  # noqa: E402  (before torch: see hot/blas.py)

pin_blas_threads(sys.argv)

import numpy as np  # noqa: E402
import torch  # noqa: E402

from hot.data import (WindowSampler, load_dataset, split_takes, synthetic_dataset,  # noqa: E402
                      validation_windows, take_digest)
from hot.evaluate import evaluate  # noqa: E402
from hot.flops import count_linear_flops, count_params  # noqa: E402
from hot.metrics import mpjpe_torch  # noqa: E402
from hot.models import build_model, tra_flags  # noqa: E402

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs")


def get_data(spec):
    if spec == "synthetic":
        takes = synthetic_dataset()
    else:
        if not os.path.isfile(os.path.join(spec, "manifest.json")):
            raise SystemExit(f"--data {spec}: no manifest.json there; give a `mocap dataset` folder or 'synthetic'")
        takes, _ = load_dataset(spec)
    return split_takes(takes)


def loss_fn(pred, y, w_vel, w_tc):
    if pred.shape[1] == 1:
        c = y.shape[1] // 2
        return mpjpe_torch(pred[:, 0], y[:, c]), {}
    l_pos = mpjpe_torch(pred, y)
    vp, vy = pred[:, 1:] - pred[:, :-1], y[:, 1:] - y[:, :-1]
    l_vel = mpjpe_torch(vp, vy)                                      # MPJVE
    l_tc = torch.sqrt((vp ** 2).sum(-1) + 1e-12).mean()              # temporal consistency
    return l_pos + w_vel * l_vel + w_tc * l_tc, {"pos": float(l_pos), "vel": float(l_vel)}


def atomic_save(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--data", default="synthetic")
    ap.add_argument("--mode", default="baseline", choices=["baseline", "hot", "tpc", "mlp"])
    ap.add_argument("--prune", default="tpc", choices=["tpc", "uniform", "attention", "motion"])
    ap.add_argument("--recover", default="tra", choices=["tra", "nearest", "linear"])
    ap.add_argument("--frames", type=int, default=27)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--n", type=int, default=9)
    ap.add_argument("--k", type=int, default=1)
    ap.add_argument("--tra-time-keys", action="store_true",
                    help="TRA keys carry a learnable embedding of each kept token's original frame index")
    ap.add_argument("--tra-identity-init", action="store_true",
                    help="TRA value/output projections start as identity maps")
    ap.add_argument("--width", type=int, default=1024, help="MLP width (mode mlp)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--wd", type=float, default=0.01)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--w-vel", type=float, default=1.0)
    ap.add_argument("--w-tc", type=float, default=0.1)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--max-steps", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--init-from", default=None, help="checkpoint whose matching weights start this run")
    ap.add_argument("--eval-every", type=float, default=120, help="seconds of training between evaluations")
    ap.add_argument("--ckpt-every", type=float, default=120)
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run = os.path.join(RUNS, args.name)
    os.makedirs(run, exist_ok=True)
    train_takes, val_takes = get_data(args.data)
    if args.mode == "mlp":
        cfg = dict(mode="mlp", width=args.width)
    else:
        cfg = dict(frames=args.frames, dim=args.dim, depth=args.depth, heads=args.heads, mode=args.mode,
                   prune=args.prune, recover=args.recover, n=args.n, k=args.k)
        cfg.update(tra_flags(args.tra_time_keys, args.tra_identity_init))
    model = build_model(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.wd)
    sampler = WindowSampler(train_takes, args.frames, seed=args.seed)
    val = validation_windows(val_takes, args.frames)
    budget = args.minutes * 60
    state = dict(step=0, train_s=0.0, wall_s=0.0)
    ckpt_path = os.path.join(run, "ckpt.pt")
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        state = ck["state"]
        sampler.rng = np.random.default_rng(args.seed + state["step"])
        print(f"resumed {args.name} at step {state['step']} ({state['train_s']:.0f}s trained)", flush=True)
    elif args.init_from:
        src = torch.load(args.init_from)["model"]
        own = model.state_dict()
        taken = {k: v for k, v in src.items() if k in own and own[k].shape == v.shape}
        model.load_state_dict(taken, strict=False)
        print(f"initialised {len(taken)}/{len(own)} tensors from {args.init_from}", flush=True)
    flops = count_linear_flops(model, args.frames) if args.mode != "mlp" else \
        count_linear_flops(model, 1)
    info = dict(args=vars(args), cfg=cfg, params=count_params(model), flops_per_window=flops,
                train_takes=len(train_takes), val_takes=[t.id for t in val_takes],
                train_frames=int(sum(t.frames for t in train_takes)),
                val_windows=int(len(val[2])), data_digest=take_digest(train_takes + val_takes),
                torch_threads=torch.get_num_threads())
    with open(os.path.join(run, "config.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(json.dumps({k: v for k, v in info.items() if k != "val_takes"}), flush=True)
    log = open(os.path.join(run, "log.jsonl"), "a")

    def lr_at(step, frac):
        if step < args.warmup:
            return args.lr * (step + 1) / args.warmup
        return 1e-5 + 0.5 * (args.lr - 1e-5) * (1 + math.cos(math.pi * min(1.0, frac)))

    last_eval = state["train_s"] if state["step"] or args.eval_every >= 1e4 else -1e9
    last_ckpt = state["train_s"]
    wall0 = time.time() - state["wall_s"]
    run_loss, run_n = 0.0, 0
    final_res = None  # the full evaluation of the last step, reused for result.json
    while state["train_s"] < budget and (args.max_steps == 0 or state["step"] < args.max_steps):
        t0 = time.time()
        for g in opt.param_groups:
            # with --max-steps the cosine follows steps (fair between jobs sharing the CPU unevenly)
            g["lr"] = lr_at(state["step"], state["step"] / args.max_steps if args.max_steps
                            else state["train_s"] / budget)
        x, y = sampler.batch(args.batch)
        pred = model(torch.from_numpy(x))
        loss, parts = loss_fn(pred, torch.from_numpy(y), args.w_vel, args.w_tc)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        state["step"] += 1
        state["train_s"] += time.time() - t0
        run_loss += float(loss)
        run_n += 1
        done = state["train_s"] >= budget or (args.max_steps and state["step"] >= args.max_steps)
        if state["train_s"] - last_eval >= args.eval_every or done:
            res = evaluate(model, val, full=done)
            if done:
                final_res = res
            state["wall_s"] = time.time() - wall0
            rec = dict(step=state["step"], train_s=round(state["train_s"], 1), wall_s=round(state["wall_s"], 1),
                       loss=run_loss / max(run_n, 1), lr=opt.param_groups[0]["lr"],
                       **{k: round(v, 2) for k, v in res.items()})
            log.write(json.dumps(rec) + "\n")
            log.flush()
            print(json.dumps(rec), flush=True)
            run_loss, run_n = 0.0, 0
            last_eval = state["train_s"]
        if state["train_s"] - last_ckpt >= args.ckpt_every or done:
            state["wall_s"] = time.time() - wall0
            atomic_save(dict(model=model.state_dict(), opt=opt.state_dict(), state=state, cfg=cfg), ckpt_path)
            last_ckpt = state["train_s"]
    res = final_res if final_res is not None else evaluate(model, val, full=True)
    state["wall_s"] = time.time() - wall0
    final = dict(cfg=cfg, params=info["params"], flops_per_window=flops, step=state["step"],
                 train_minutes=round(state["train_s"] / 60, 2), wall_minutes=round(state["wall_s"] / 60, 2),
                 **{k: round(v, 2) for k, v in res.items()})
    with open(os.path.join(run, "result.json"), "w") as f:
        json.dump(final, f, indent=1)
    atomic_save(dict(model=model.state_dict(), cfg=cfg, state=state), os.path.join(run, "final.pt"))
    print("FINAL " + json.dumps(final), flush=True)


if __name__ == "__main__":
    main()
