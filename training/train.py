#!/usr/bin/env python3
"""Train a lifter: step-based and resumable across sessions (or, as in round 2, for a wall-clock budget).

  # a run of 20 000 steps, checkpointed every 10 min into its run folder; this session stops after 90 min
  python3 training/train.py --name f81-hot --run-dir training/checkpoints/f81-hot --steps 20000 \
      --mode hot --frames 81 --n 27 --k 1 --data /work/data/cmu30v3 --split activity --session-minutes 90
  # a later session (fresh clone, dataset rebuilt): continue where the committed latest.pt stopped
  python3 training/train.py --resume training/checkpoints/f81-hot --data /work/data/cmu30v3 --session-minutes 90

The run folder holds latest.pt (model, optimiser, step, the sampler's and PyTorch's RNG states, the seed and
all arguments), log.jsonl (validation error against steps), config.json, and at the end result.json and
final.pt. With --steps the learning rate follows a linear warmup then a cosine decay over the steps, so a
resumed run continues the same schedule; checkpoints are written at step boundaries and a resumed run
repeats the uninterrupted run's batches and updates exactly (same machine and thread count; tested).
Without --steps the cosine follows --minutes of training time (round 2's regime), or with --clock wall of wall-clock
time (a GPU session of fixed length, where sampler waits and validations must fit in the same minutes)."""
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

from hot.data import (SPLITS, WindowSampler, clean_takes, load_dataset, synthetic_dataset,  # noqa: E402
                      validation_set, take_digest)
from hot.evaluate import evaluate  # noqa: E402
from hot.flops import count_linear_flops, count_params  # noqa: E402
from hot.metrics import mpjpe_torch  # noqa: E402
from hot.models import build_model, tra_flags  # noqa: E402
from hot.noise_model import NOISE_MODES, make_noise  # noqa: E402

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs")
CKPT_VERSION = 2
# arguments a resumed run may change (they do not change what is trained)
SESSION_ARGS = ("data", "session_minutes", "session_steps", "threads", "eval_every", "ckpt_every",
                "val_max_windows", "resume", "device", "workers")


def get_data(spec, split):
    if spec == "synthetic":
        takes = synthetic_dataset()
    else:
        if not os.path.isfile(os.path.join(spec, "manifest.json")):
            raise SystemExit(f"--data {spec}: no manifest.json there; give a `mocap dataset` folder or 'synthetic'")
        takes = clean_takes(load_dataset(spec)[0])
    return SPLITS[split](takes)


def loss_fn(pred, y, w_vel, w_tc, w_live=0.0, live_lookahead=-1):
    if pred.shape[1] == 1:
        c = y.shape[1] // 2
        return mpjpe_torch(pred[:, 0], y[:, c]), {}
    l_pos = mpjpe_torch(pred, y)
    vp, vy = pred[:, 1:] - pred[:, :-1], y[:, 1:] - y[:, :-1]
    l_vel = mpjpe_torch(vp, vy)                                      # MPJVE
    l_tc = torch.sqrt((vp ** 2).sum(-1) + 1e-12).mean()              # temporal consistency
    loss = l_pos + w_vel * l_vel + w_tc * l_tc
    parts = {"pos": float(l_pos.detach()), "vel": float(l_vel.detach())}
    if w_live > 0 and live_lookahead >= 0:                           # the frame a live stream emits
        f = pred.shape[1] - 1 - live_lookahead
        if f < 0:
            raise ValueError(f"--live-lookahead {live_lookahead} is not below the window's {pred.shape[1]} frames")
        l_live = mpjpe_torch(pred[:, f], y[:, f])
        loss = loss + w_live * l_live
        parts["live"] = float(l_live.detach())
    return loss, parts


def lr_at(args, step, frac):
    """The learning rate at a step: linear warmup over --warmup steps, then a cosine from --lr down to 1e-5 over
    frac (the fraction of the run done: steps, or training time without --steps)."""
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    return 1e-5 + 0.5 * (args.lr - 1e-5) * (1 + math.cos(math.pi * min(1.0, frac)))


def rng_state(sampler):
    """The random states a checkpoint keeps so a resumed run draws what the uninterrupted one would."""
    return dict(sampler=sampler.rng.bit_generator.state, torch=torch.get_rng_state())


def restore(ck, digest, args, modules, opt, sampler):
    """Continues a checkpoint: checks its data digest, loads modules ({checkpoint key: module}), the optimiser
    and the random states; returns its state dict."""
    if ck["data_digest"] != digest:
        raise SystemExit(f"--data {args.data}: takes differ from the run's (digest {digest}, run "
                         f"{ck['data_digest']}); rebuild the dataset with the documented command")
    for key, module in modules.items():
        module.load_state_dict(ck[key])
    opt.load_state_dict(ck["opt"])
    sampler.rng.bit_generator.state = ck["rng"]["sampler"]
    torch.set_rng_state(ck["rng"]["torch"])
    state = ck["state"]
    print(f"resumed {args.name} at step {state['step']} ({state['train_s']:.0f}s trained)", flush=True)
    return state


def cpu_state(module):
    """module.state_dict() (a model's or an optimiser's) with every tensor on the CPU, so checkpoints of a GPU
    run load anywhere."""
    def cpu(v):
        if isinstance(v, torch.Tensor):
            return v.detach().cpu()
        if isinstance(v, dict):
            return {k: cpu(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return type(v)(cpu(x) for x in v)
        return v
    return cpu(module.state_dict())


class _Batches(torch.utils.data.IterableDataset):
    """Endless training batches from a copy of the sampler in each DataLoader worker, worker i seeded with
    (seed, resume step, i) so workers, and a resumed session, draw different windows."""

    def __init__(self, sampler, batch, seed, step):
        self.sampler, self.batch, self.seed, self.step = sampler, batch, seed, step

    def __iter__(self):
        w = torch.utils.data.get_worker_info()
        self.sampler.rng = np.random.default_rng([self.seed, self.step, w.id if w else 0])
        return _endless(self.sampler, self.batch)


def _endless(sampler, batch):
    while True:
        x, y = sampler.batch(batch)
        yield torch.from_numpy(x), torch.from_numpy(y)


def sampler_stream(sampler, batch, workers, seed, step):
    """An iterator of (x, y) tensor batches: from the sampler in this process (workers 0: exact resumes), or
    from `workers` processes that draw ahead of the training loop."""
    if workers <= 0:
        return _endless(sampler, batch)
    loader = torch.utils.data.DataLoader(_Batches(sampler, batch, seed, step), batch_size=None,
                                         num_workers=workers, pin_memory=torch.cuda.is_available(),
                                         prefetch_factor=4, persistent_workers=True)
    return iter(loader)


def atomic_save(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def parser():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name")
    ap.add_argument("--run-dir", default=None, help="run folder (default training/runs/<name>, git-ignored)")
    ap.add_argument("--resume", default=None, metavar="RUN_DIR",
                    help="continue the run in RUN_DIR from its latest.pt with its own arguments "
                         "(only " + ", ".join("--" + a.replace("_", "-") for a in SESSION_ARGS if a != "resume")
                         + " may change; the session limits apply to this session only, the others stay as stored "
                         "unless given)")
    ap.add_argument("--data", default="synthetic")
    ap.add_argument("--split", default="take", choices=sorted(SPLITS),
                    help="validation split: by take, by activity (whole activities held out), or both (train on takes that are training in both; validate on the union)")
    ap.add_argument("--noise", default="detector", choices=NOISE_MODES,
                    help="2D noise on training windows: the hand-made detector-like model, the measured "
                         "BlazePose model (training/noise/blazepose.json), or none")
    ap.add_argument("--noise-model", default=None, metavar="JSON",
                    help="measured noise model for --noise blazepose (default training/noise/blazepose.json; runs "
                         "started before it existed resume with training/noise/blazepose-v1.json, their model)")
    ap.add_argument("--noise-prob", type=float, default=0.5, help="fraction of training windows made noisy")
    ap.add_argument("--rendered", default=None, nargs="+", metavar="DIR",
                    help="folders of rendered training takes (training/render_train_takes.sh: <take>.truth.json and "
                         ".kp.json; several folders, e.g. other characters or cameras, are pooled): a share of the "
                         "windows (--rendered-prob) become BlazePose's own 2D of a rendered training take with the "
                         "take's 3D as target (training/rendered_pairs.py)")
    ap.add_argument("--rendered-prob", type=float, default=0.5,
                    help="share of the training windows drawn from --rendered (default 0.5)")
    ap.add_argument("--label-fraction", type=float, default=1.0, metavar="P",
                    help="train on this fraction of the split's training takes (evenly spaced by sorted take id: "
                         "train.label_subset; validation takes unchanged; default 1: all)")
    ap.add_argument("--mode", default="baseline", choices=["baseline", "hot", "tpc", "mlp", "htnet", "nanohtnet"])
    ap.add_argument("--prune", default="tpc", choices=["tpc", "uniform", "attention", "motion"])
    ap.add_argument("--recover", default="tra", choices=["tra", "tra-linear", "tra-skip", "nearest", "linear"],
                    help="recovery of the full sequence: Token Recovering Attention (zero-initialised queries), TRA whose "
                         "queries start from the linear interpolation of the kept tokens and whose output starts as "
                         "it (tra-linear), the same plus a zero-initialised map of each frame's own token from before "
                         "the pruning (tra-skip), or parameter-free interpolation")
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
    ap.add_argument("--coefficients", type=int, default=9,
                    help="NanoHTNet: DCT coefficients kept as tokens (the low-pass; at most --frames)")
    ap.add_argument("--nano-recover", default="idct", choices=["idct", "learned"],
                    help="NanoHTNet: output frames by the inverse of the kept DCT basis, or by a learned map "
                         "initialised to it (the live variant)")
    ap.add_argument("--live-lookahead", type=int, default=-1, metavar="L",
                    help="with --w-live: the live path's look-ahead L; frame F-1-L of each window (the one a "
                         "stream with look-ahead L emits) gets extra loss weight (-1: off)")
    ap.add_argument("--w-live", type=float, default=0.0,
                    help="weight of the extra position loss on frame F-1-L (--live-lookahead)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--wd", type=float, default=0.01)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--w-vel", type=float, default=1.0)
    ap.add_argument("--w-tc", type=float, default=0.1)
    ap.add_argument("--steps", "--max-steps", dest="steps", type=int, default=0,
                    help="total steps of the run; the cosine follows the steps (0: follow --minutes)")
    ap.add_argument("--minutes", type=float, default=10,
                    help="without --steps: training-time budget the cosine follows (round 2)")
    ap.add_argument("--clock", default="train", choices=["train", "wall"],
                    help="what --minutes counts: time spent in training steps, or wall-clock time since the run "
                         "started (validations and waits included; the final full validation comes after)")
    ap.add_argument("--session-minutes", type=float, default=0,
                    help="stop this process after this many wall-clock minutes, with a checkpoint (0: no limit)")
    ap.add_argument("--session-steps", type=int, default=0,
                    help="stop this process after this many steps, with a checkpoint (0: no limit)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cpu",
                    help="where the model trains and is validated: cpu, or cuda (checkpoints are saved on the CPU)")
    ap.add_argument("--workers", type=int, default=0, metavar="N",
                    help="sampler processes drawing batches beside the training loop (0: in the training process, "
                         "which a resumed run repeats exactly; N > 0: worker i draws with seed (--seed, the step the "
                         "session started at, i), so a resumed run is not batch-exact)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--init-from", default=None, help="checkpoint (or shipped .onnx) whose matching weights "
                                                      "start this run")
    ap.add_argument("--eval-every", type=int, default=500, help="steps between quick evaluations")
    ap.add_argument("--val-max-windows", type=int, default=0,
                    help="quick evaluations use at most this many validation windows (0: all)")
    ap.add_argument("--ckpt-every", type=float, default=600, help="seconds (wall clock) between checkpoints")
    for name, what in AUG_HELP.items():
        ap.add_argument("--aug-" + name.replace("_", "-"), type=float, default=0.0, metavar="P",
                        help=f"probability per training window of {what} (hot/augment.py; default 0: off)")
    return ap


AUG_HELP = {
    "mix": "per-limb mixing: the upper body of another take's window on this window's lower body and root path",
    "time_warp": "a smooth non-uniform time warp within the window (on top of the constant speed change)",
    "proportions": "limb/torso/head length and shoulder/hip width changes (left/right symmetric)",
    "camera": "a webcam/phone-like camera: height 0.2-3 m, aimed off the subject, roll up to 15 deg",
    "occlusion": "hidden joints, filled as the Java runtime fills low-confidence joints",
    "truncation": "the person partly beyond an image edge (joints out of frame reported or hidden as BlazePose does)",
}


LEGACY_NOISE_MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "noise", "blazepose-v1.json")


def noise_path(args):
    return {"model_path": args.noise_model} if getattr(args, "noise_model", None) else {}


def load_checkpoint(path):
    """torch.load of one of our checkpoints onto the CPU (they hold NumPy random states, which newer PyTorch
    refuses to unpickle by default)."""
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except TypeError:  # PyTorch before 1.13 has no weights_only
        return torch.load(path, map_location="cpu")


def parse_for_resume(ap, argv, check):
    """Parses argv with ap. Without --resume: (args, None, None, None). With --resume RUN_DIR: loads its
    latest.pt, refuses it when check(ck) returns a message, and returns (args, ck, the names of the arguments given
    on the command line, the run's stored arguments, those added to the parser since set to their defaults)."""
    args = ap.parse_args(argv)
    if not args.resume:
        if not args.name:
            ap.error("--name is required (or --resume RUN_DIR)")
        return args, None, None, None
    path = os.path.join(args.resume, "latest.pt")
    if not os.path.isfile(path):
        raise SystemExit(f"--resume {args.resume}: no latest.pt there")
    ck = load_checkpoint(path)
    problem = check(ck)
    if problem:
        raise SystemExit(f"{path}: {problem}")
    given = {a.dest for a in ap._actions if any(o in argv or any(x.startswith(o + "=") for x in argv)
                                                   for o in a.option_strings)}
    stored = dict(ck["args"])
    # runs started before --noise-model existed drew from the version 1 model: keep it so the resume is exact
    stored.setdefault("noise_model", LEGACY_NOISE_MODEL)
    for a in ap._actions:  # other arguments added after the run started keep their defaults (--aug-*: off)
        if a.dest != "help" and a.dest not in stored:
            stored[a.dest] = a.default
    return args, ck, given, stored


def resolve_args(argv):
    """Parses argv; with --resume, the run's stored arguments are restored (session arguments given on the
    command line win). Returns (args, checkpoint dict or None)."""
    args, ck, given, stored = parse_for_resume(
        parser(), argv, lambda c: None if c.get("version") == CKPT_VERSION
        else f"checkpoint version {c.get('version')}; expected {CKPT_VERSION}")
    if ck is None:
        return args, None
    return session_namespace(args, given, stored, SESSION_ARGS), ck


def session_namespace(args, given, stored, session_args):
    """The resumed run's arguments: the stored ones, with this session's limits (--session-minutes,
    --session-steps) and the session arguments given on the command line; a session argument not given keeps the
    run's stored value (a GPU run resumed without --device stays on the GPU)."""
    for k in session_args:
        if k in ("session_minutes", "session_steps", "resume") or k in given or k not in stored:
            stored[k] = getattr(args, k)
    stored["run_dir"] = args.resume
    return argparse.Namespace(**stored)


def init_weights(model, src):
    if src.endswith(".onnx"):
        from hot.onnx_weights import load_shipped
        weights = load_shipped(src)[0].state_dict()
    else:
        weights = load_checkpoint(src)["model"]
    own = model.state_dict()
    taken = {}
    for k, v in weights.items():
        if k not in own:
            continue
        if own[k].shape == v.shape:
            taken[k] = v
        elif k in TIME_INDEXED and _only_time_differs(own[k].shape, v.shape):
            taken[k] = resample_time(v, own[k].shape[1])
    model.load_state_dict(taken, strict=False)
    return len(taken), len(own)


# Parameters indexed by frame (dimension 1): a model of another window length initialises them resampled.
TIME_INDEXED = ("pos_t", "pos_kept", "recovery.query", "recovery.key_time")


def _only_time_differs(a, b):
    return len(a) == len(b) and len(a) >= 2 and all(x == y for i, (x, y) in enumerate(zip(a, b)) if i != 1)


def resample_time(v, frames):
    """Linear resampling of a [1, T, ...] tensor to [1, frames, ...] along dimension 1 (end points kept), so a
    model of a shorter window can start a longer one (--init-from hot-f27.onnx with --frames 81)."""
    T = v.shape[1]
    if frames == T:
        return v.clone()
    pos = torch.linspace(0, T - 1, frames, dtype=torch.float64)
    i0 = pos.floor().long().clamp(max=T - 1)
    i1 = (i0 + 1).clamp(max=T - 1)
    a = (pos - i0.to(torch.float64)).to(v.dtype).reshape((1, frames) + (1,) * (v.dim() - 2))
    return v[:, i0] * (1 - a) + v[:, i1] * a


def model_cfg(args):
    """The model configuration (build_model's cfg) from the parsed arguments (also used by pretrain.py)."""
    if args.mode == "mlp":
        cfg = dict(mode="mlp", width=args.width)
    elif args.mode == "htnet":  # per frame; --dim/--depth/--heads: channels (split in three), blocks, heads
        cfg = dict(mode="htnet", dim=args.dim, depth=args.depth, heads=args.heads)
    elif args.mode == "nanohtnet":  # DCT tokens; --dim channels (split in three), --depth mixers
        cfg = dict(mode="nanohtnet", frames=args.frames, dim=args.dim, depth=args.depth, heads=args.heads,
                   coefficients=args.coefficients, recover=args.nano_recover)
    else:
        cfg = dict(frames=args.frames, dim=args.dim, depth=args.depth, heads=args.heads, mode=args.mode,
                   prune=args.prune, recover=args.recover, n=args.n, k=args.k)
        cfg.update(tra_flags(args.tra_time_keys, args.tra_identity_init))
    return cfg


def label_subset(takes, fraction):
    """The labelled training takes of --label-fraction: of the takes sorted by id, the round(fraction x n)
    (at least 1) whose sorted indices are evenly spaced over 0..n-1 (np.linspace, rounded), so the subset
    spreads over the sources and activities (ids group them); deterministic, no seed. fraction 1 returns
    the list unchanged."""
    if not 0.0 < fraction <= 1.0:
        raise SystemExit(f"--label-fraction {fraction}: expected a fraction in (0, 1]")
    if fraction == 1.0:
        return takes
    ordered = sorted(takes, key=lambda t: t.id)
    k = max(1, int(round(fraction * len(ordered))))
    keep = set(np.linspace(0, len(ordered) - 1, k).round().astype(int).tolist())
    return [t for i, t in enumerate(ordered) if i in keep]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args, ck = resolve_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run = args.run_dir or os.path.join(RUNS, args.name)
    os.makedirs(run, exist_ok=True)
    ckpt_path = os.path.join(run, "latest.pt")
    if ck is None and os.path.exists(ckpt_path):
        raise SystemExit(f"{ckpt_path} exists: continue it with --resume {run}, or choose another --run-dir")
    train_takes, val_takes = get_data(args.data, args.split)
    train_takes = label_subset(train_takes, args.label_fraction)  # validation takes never change
    cfg = model_cfg(args)
    model = build_model(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.wd)
    augment = {k: getattr(args, "aug_" + k) for k in AUG_HELP}
    sampler = WindowSampler(train_takes, args.frames, seed=args.seed, noise_prob=args.noise_prob,
                            noise=make_noise(args.noise, **noise_path(args)), aug=augment)
    if args.rendered:
        from rendered_pairs import RenderedMix, RenderedPairs
        try:
            sampler = RenderedMix(sampler, RenderedPairs(args.rendered, train_takes, args.frames), args.rendered_prob)
        except ValueError as e:
            raise SystemExit(f"--rendered {args.rendered}: {e}")
    val = validation_set(val_takes, args.frames)
    quick = validation_set(val_takes, args.frames, max_windows=args.val_max_windows) \
        if args.val_max_windows else val
    digest = take_digest(train_takes + val_takes)
    state = dict(step=0, train_s=0.0, wall_s=0.0)
    if ck is not None:
        state = restore(ck, digest, args, {"model": model}, opt, sampler)
    elif args.init_from:
        got, total = init_weights(model, args.init_from)
        print(f"initialised {got}/{total} tensors from {args.init_from}", flush=True)
    flops = count_linear_flops(model, args.frames) if args.mode != "mlp" else \
        count_linear_flops(model, 1)
    info = dict(args=vars(args), cfg=cfg, augment=augment, params=count_params(model), flops_per_window=flops,
                train_takes=len(train_takes), val_takes=[t.id for t in val_takes],
                train_frames=int(sum(t.frames for t in train_takes)),
                val_windows=int(len(val[2])), data_digest=digest, torch_threads=torch.get_num_threads())
    with open(os.path.join(run, "config.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(json.dumps({k: v for k, v in info.items() if k != "val_takes"}), flush=True)
    log = open(os.path.join(run, "log.jsonl"), "a")

    def save():
        state["wall_s"] = time.time() - wall0
        atomic_save(dict(version=CKPT_VERSION, model=cpu_state(model), opt=cpu_state(opt), state=state,
                         cfg=cfg, args=vars(args), seed=args.seed, data_digest=digest,
                         rng=rng_state(sampler)),
                    ckpt_path)

    budget = args.minutes * 60
    start_step, session_t0 = state["step"], time.time()
    last_ckpt = time.time()
    wall0 = time.time() - state["wall_s"]
    run_loss, run_n = 0.0, 0
    final_res = None  # the full evaluation of the last step, reused for result.json

    def spent():
        """The seconds --minutes counts (--clock; runs stored before it existed get its default, training time)."""
        return time.time() - wall0 if args.clock == "wall" else state["train_s"]

    def finished():
        return state["step"] >= args.steps if args.steps else spent() >= budget

    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise SystemExit(f"--device {args.device}: no CUDA device here (run {args.name}); pass --device cpu to "
                         "train on the CPU (a GPU run's checkpoints continue there)")
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
    model.to(device)
    if ck is not None:  # the optimiser's moments follow the model (a CPU checkpoint resumed on a GPU)
        opt.load_state_dict(opt.state_dict())
    batches = sampler_stream(sampler, args.batch, args.workers, args.seed, state["step"])

    while not finished():
        t0 = time.time()
        for g in opt.param_groups:
            g["lr"] = lr_at(args, state["step"], state["step"] / args.steps if args.steps else spent() / budget)
        x, y = next(batches)
        pred = model(x.to(device, non_blocking=True))
        loss, parts = loss_fn(pred, y.to(device, non_blocking=True), args.w_vel, args.w_tc, args.w_live,
                              args.live_lookahead)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        state["step"] += 1
        state["train_s"] += time.time() - t0
        run_loss += float(loss.detach())
        run_n += 1
        done = finished()
        stop = done or (args.session_steps and state["step"] - start_step >= args.session_steps) or \
            (args.session_minutes and time.time() - session_t0 >= 60 * args.session_minutes)
        if state["step"] % args.eval_every == 0 or done:
            res = evaluate(model, val if done else quick, full=done)
            if done:
                final_res = res
            state["wall_s"] = time.time() - wall0
            rec = dict(step=state["step"], train_s=round(state["train_s"], 1), wall_s=round(state["wall_s"], 1),
                       loss=run_loss / max(run_n, 1), lr=opt.param_groups[0]["lr"],
                       val="full" if (done or quick is val) else f"{len(quick[2])} windows",
                       **{k: round(v, 2) for k, v in res.items()})
            log.write(json.dumps(rec) + "\n")
            log.flush()
            print(json.dumps(rec), flush=True)
            run_loss, run_n = 0.0, 0
        if time.time() - last_ckpt >= args.ckpt_every or stop:
            save()
            last_ckpt = time.time()
        if stop and not done:
            print(f"session over at step {state['step']}; continue with: train.py --resume {run}", flush=True)
            return
    res = final_res if final_res is not None else evaluate(model, val, full=True)
    state["wall_s"] = time.time() - wall0
    final = dict(cfg=cfg, params=info["params"], flops_per_window=flops, step=state["step"],
                 train_minutes=round(state["train_s"] / 60, 2), wall_minutes=round(state["wall_s"] / 60, 2),
                 **{k: round(v, 2) for k, v in res.items()})
    with open(os.path.join(run, "result.json"), "w") as f:
        json.dump(final, f, indent=1)
    atomic_save(dict(model=cpu_state(model), cfg=cfg, state=state), os.path.join(run, "final.pt"))
    print("FINAL " + json.dumps(final), flush=True)


if __name__ == "__main__":
    main()
