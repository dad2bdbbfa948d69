"""2D noise modes for training windows (train.py --noise).

detector:  the hand-made detector-like noise of round 2 (hot.data.detector_noise).
blazepose: noise drawn from the model measured by training/measure_noise.py (BlazePose against the
           renderer's truth; training/noise/blazepose.json, docs/formats.md "2D noise model"): per-joint
           bias along/across the bone, temporally correlated residual (AR(1) with the measured spread and
           lag-1 correlation), runs of gross outliers, left/right limb swaps, and missed frames (the previous
           frame's 2D held). Version 2 models leave out frames where BlazePose tracked a collapsed or wrong body
           (failedFrameRate): those are not simulated, because no lifter can recover the pose from them; they are
           the 2D stage's to prevent. Each window draws a strength factor (0.6-1.4) so the model is not learnt as a
           constant.
none:      clean 2D on every window."""
import json
import os

import numpy as np

from .data import detector_noise
from .skeleton import NAMES, PARENTS

NOISE_MODES = ("detector", "blazepose", "none")
BLAZEPOSE_MODEL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "noise", "blazepose.json")
_LIMBS = {"legs": ([1, 2, 3], [4, 5, 6]), "arms": ([14, 15, 16], [11, 12, 13])}


def make_noise(mode, model_path=BLAZEPOSE_MODEL):
    """A function (uv [B,F,J,2] pixels, numpy Generator) -> noisy uv for the named mode."""
    if mode == "detector":
        return detector_noise
    if mode == "none":
        return lambda uv, rng: uv
    if mode == "blazepose":
        return MeasuredNoise.load(model_path)
    raise ValueError(f"unknown noise mode '{mode}'; expected one of {list(NOISE_MODES)}")


class MeasuredNoise:
    """Samples 2D error from a measured noise model (a dict in the format measure_noise.py writes)."""

    def __init__(self, model, strength=(0.6, 1.4), outlier_run=4.0):
        if model.get("version") not in (1, 2):
            raise ValueError(f"noise model version {model.get('version')} not supported; expected 1 or 2")
        if list(model.get("joints", [])) != list(NAMES):
            raise ValueError("noise model: joint order differs from assets/skeleton/h36m17.json")
        self.bias = np.asarray(model["bias"]["values"], dtype=np.float64)           # [17, 2] along/across
        self.spread = np.asarray(model["spread"]["values"], dtype=np.float64)       # [17, 2] image x/y
        self.rho = np.asarray(model["lag1Correlation"], dtype=np.float64)           # [17]
        self.out_rate = np.asarray(model["outliers"]["rate"], dtype=np.float64)
        self.out_size = np.asarray(model["outliers"]["medianSize"], dtype=np.float64)
        self.swaps = {k: (float(v["rate"]), max(1.0, float(v["meanRunFrames"]))) for k, v in model["swaps"].items()}
        self.missed = float(model["missedFrameRate"])
        for name, a in (("bias", self.bias), ("spread", self.spread), ("lag1Correlation", self.rho)):
            if not np.all(np.isfinite(a)):
                raise ValueError(f"noise model: non-finite values in '{name}'")
        self.strength = strength
        self.outlier_run = outlier_run

    @classmethod
    def load(cls, path):
        if not os.path.isfile(path):
            raise ValueError(f"noise model {path} not found; measure it with training/measure_noise.py "
                             f"(training/README.md, '2D noise model')")
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def __call__(self, uv, rng):
        B, F, J, _ = uv.shape
        out = uv.astype(np.float64).copy()
        ext = np.maximum((uv.max(2) - uv.min(2)).max(-1), 1.0)[..., None, None]    # [B,F,1,1]
        k = rng.uniform(*self.strength, (B, 1, 1, 1))
        # bias in each joint's bone frame (image axes for the root)
        along = np.zeros((B, F, J, 2))
        along[..., 0] = 1.0
        for j in range(1, J):
            d = uv[:, :, j] - uv[:, :, PARENTS[j]]
            n = np.linalg.norm(d, axis=-1, keepdims=True)
            along[:, :, j] = np.where(n > 1e-6, d / np.maximum(n, 1e-6), [1.0, 0.0])
        across = np.stack([-along[..., 1], along[..., 0]], -1)
        across[:, :, 0] = [0.0, 1.0]
        bias = along * self.bias[:, 0, None] + across * self.bias[:, 1, None]
        # AR(1) residual with the measured stationary spread and lag-1 correlation
        e = np.empty((B, F, J, 2))
        xi = rng.standard_normal((B, F, J, 2)) * self.spread
        e[:, 0] = xi[:, 0]
        c = np.sqrt(1 - self.rho ** 2)[:, None]
        for t in range(1, F):
            e[:, t] = self.rho[:, None] * e[:, t - 1] + c * xi[:, t]
        out += k * (bias + e) * ext
        # gross outliers in runs (mean length outlier_run frames), each run a fixed displacement
        start = rng.random((B, F, J)) < self.out_rate / self.outlier_run
        for b, t, j in zip(*np.nonzero(start)):
            L = min(F - t, rng.geometric(1 / self.outlier_run))
            ang = rng.uniform(0, 2 * np.pi)
            size = self.out_size[j] * rng.uniform(0.5, 1.5)
            out[b, t:t + L, j] += size * ext[b, t:t + L, 0] * np.array([np.cos(ang), np.sin(ang)])
        # left/right swaps of a limb pair for a run of frames
        for rate, run, (r, l) in ((self.swaps[k][0], self.swaps[k][1], _LIMBS[k]) for k in _LIMBS if k in self.swaps):
            for b in range(B):
                for _ in range(rng.poisson(rate * F / run)):
                    t = rng.integers(F)
                    L = min(F - t, rng.geometric(1 / run))
                    tmp = out[b, t:t + L, r].copy()
                    out[b, t:t + L, r] = out[b, t:t + L, l]
                    out[b, t:t + L, l] = tmp
        # missed frames: the previous frame's 2D held
        miss = rng.random((B, F)) < self.missed
        miss[:, 0] = False
        for t in range(1, F):
            m = miss[:, t]
            out[m, t] = out[m, t - 1]
        return out.astype(np.float32)
