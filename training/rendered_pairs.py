"""Training pairs from rendered takes: BlazePose's own 2D of a training take rendered on a character, with the take's
3D joints as the target (issue 13, "realistic 2D error": train on the detector's real errors, not only on a model of
them).

A folder made by training/render_train_takes.sh holds, per take, <stem>.truth.json (mocap render-synthetic) and
<stem>.kp.json (mocap keypoints); the stem is the take id with '/' as '_'. The input is the kp file's joints17 (H36M
order, pixels) screen-normalised as the runtime does. The target is the dataset take's own 17 joints (the actor's
proportions, as in every other training window), root-relative and turned into the render camera's frame: the
rotation is fitted per take (Kabsch over all frames, at the frame offset that fits best) between the take's
root-relative joints and the rendered character's (measure_noise.truth_camera17). The character's proportions differ
from the actor's, so the fit's residual is measured as the mean angle between matching limb bones; a take whose fit
is worse than MAX_FIT_DEG (a retarget or frame-alignment fault) is left out and reported.

Windows are drawn from runs of F consecutive frames where BlazePose found a person; half are mirrored (image x and
camera x negated, left and right swapped), like the synthetic windows.
"""
import glob
import json
import os

import numpy as np

from hot.data import screen_normalise
from hot.metrics import limb_angle_deg
from hot.skeleton import FLIP
from measure_noise import detections, read_render, truth_camera17

MAX_FIT_DEG = 20.0
OFFSETS = range(-3, 4)


def kabsch(a, b):
    """The rotation R minimising |R a - b| over point sets a, b [N, 3] (no translation, no scale)."""
    u, _, vt = np.linalg.svd(a.T @ b)
    d = np.sign(np.linalg.det(vt.T @ u.T))
    return vt.T @ np.diag([1.0, 1.0, d]) @ u.T


def pair_from_files(truth_path, take):
    """One rendered take: dict(id, x [n,17,2] screen-normalised (NaN where no person), y [n,17,3] root-relative
    camera-frame metres, fit_deg, offset) or raises ValueError saying what is wrong. The frame offset between the
    render and the take (a few frames either way) is the one whose rotation fit is best; fit_deg is the mean angle
    between the fitted take's limb bones and the rendered character's."""
    tr, kp = read_render(truth_path)
    n = min(len(tr["frames"]), len(kp["frames"]), take.frames)
    if n < 2:
        raise ValueError(f"{truth_path}: {n} usable frames")
    try:
        rendered = truth_camera17(tr)[:n]
    except ValueError as e:
        raise ValueError(f"{truth_path}: {e}")
    best = None
    for off in OFFSETS:  # rendered frame i shows the take's frame i + off (measured: -1 or 0)
        lo, hi = max(0, -off), min(n, take.frames - off)
        actor = take.positions[lo + off:hi + off].astype(np.float64)
        actor = actor - actor[:, :1]
        rot = kabsch(actor.reshape(-1, 3), rendered[lo:hi].reshape(-1, 3))
        y = actor @ rot.T
        fit = limb_angle_deg(y, rendered[lo:hi], align=False)
        if best is None or fit < best[0]:
            best = (fit, off, lo, hi, y)
    fit, off, lo, hi, y = best
    size = np.array([[kp["width"], kp["height"]]], dtype=np.float64)
    x = screen_normalise(detections(kp, hi)[lo:][None], size)[0]
    return dict(id=take.id, x=x.astype(np.float32), y=y.astype(np.float32), fit_deg=fit, offset=off)


class RenderedPairs:
    """The rendered training pairs of one folder or several (a list: say one per character or camera set; a take
    rendered in several folders gives a pair from each), for the takes given (others, such as validation takes, are
    ignored)."""

    def __init__(self, folders, takes, frames, log=print):
        folders = [folders] if isinstance(folders, str) else list(folders)
        by_stem = {t.id.replace("/", "_"): t for t in takes}
        self.F = frames
        self.pairs, self.skipped = [], []
        paths = [p for folder in folders for p in sorted(glob.glob(os.path.join(folder, "*.truth.json")))]
        for path in paths:
            stem = os.path.basename(path)[:-len(".truth.json")]
            take = by_stem.get(stem)
            if take is None:
                continue
            try:
                p = pair_from_files(path, take)
            except (ValueError, KeyError, json.JSONDecodeError) as e:
                self.skipped.append((path, str(e)))
                continue
            if p["fit_deg"] > MAX_FIT_DEG:
                self.skipped.append((path, f"rotation fit {p['fit_deg']:.1f} deg > {MAX_FIT_DEG}"))
                continue
            ok = np.isfinite(p["x"]).all(axis=(1, 2))
            run = np.convolve(ok.astype(int), np.ones(frames, int), "valid") == frames if len(ok) >= frames \
                else np.zeros(0, bool)
            p["starts"] = np.nonzero(run)[0]
            if len(p["starts"]):
                self.pairs.append(p)
            else:
                self.skipped.append((path, f"no run of {frames} frames with a person"))
        if not self.pairs:
            raise ValueError(f"{', '.join(folders)}: no rendered training pairs for these takes "
                             f"(skipped: {self.skipped[:5]}); make them with training/render_train_takes.sh")
        w = np.array([len(p["starts"]) for p in self.pairs], dtype=np.float64)
        self.p = w / w.sum()
        fits = [p["fit_deg"] for p in self.pairs]
        offs = np.bincount([p["offset"] - OFFSETS[0] for p in self.pairs], minlength=len(OFFSETS))
        log(f"rendered pairs: {len(self.pairs)} renders of {len(set(p['id'] for p in self.pairs))} takes "
            f"from {len(folders)} folder(s), {int(w.sum())} windows of {frames}; rotation fit "
            f"{np.mean(fits):.1f} deg mean, {np.max(fits):.1f} max; frame offsets "
            f"{dict((o, int(c)) for o, c in zip(OFFSETS, offs) if c)}; skipped {len(self.skipped)}"
            + "".join(f"\n  skipped {s}: {why}" for s, why in self.skipped))

    def sample(self, rng, count):
        """count windows: x [count, F, 17, 2], y [count, F, 17, 3] (root-relative camera-frame metres)."""
        x = np.empty((count, self.F, 17, 2), np.float32)
        y = np.empty((count, self.F, 17, 3), np.float32)
        for i in range(count):
            p = self.pairs[rng.choice(len(self.pairs), p=self.p)]
            s = p["starts"][rng.integers(len(p["starts"]))]
            x[i], y[i] = p["x"][s:s + self.F], p["y"][s:s + self.F]
            if rng.random() < 0.5:
                x[i] = x[i][:, FLIP]
                y[i] = y[i][:, FLIP]
                x[i, ..., 0] *= -1
                y[i, ..., 0] *= -1
        return x, y


class RenderedMix:
    """A training sampler that replaces a share of the base sampler's windows with rendered pairs; it draws from the
    base sampler's random generator, so checkpoints resume it exactly."""

    def __init__(self, base, pairs, prob):
        if not 0.0 < prob <= 1.0:
            raise ValueError(f"--rendered-prob {prob} out of range; expected (0, 1]")
        self.base, self.pairs, self.prob = base, pairs, prob

    @property
    def rng(self):
        return self.base.rng

    @rng.setter
    def rng(self, value):
        self.base.rng = value

    def batch(self, count):
        x, y = self.base.batch(count)
        sel = np.nonzero(self.rng.random(count) < self.prob)[0]
        if len(sel):
            x[sel], y[sel] = self.pairs.sample(self.rng, len(sel))
        return x, y
