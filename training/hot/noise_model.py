"""2D noise modes for training windows (train.py --noise).

detector: the hand-made detector-like noise of round 2 (hot.data.detector_noise).
none:     clean 2D on every window."""
from .data import detector_noise

NOISE_MODES = ("detector", "none")


def make_noise(mode):
    """A function (uv [B,F,J,2] pixels, numpy Generator) -> noisy uv for the named mode."""
    if mode == "detector":
        return detector_noise
    if mode == "none":
        return lambda uv, rng: uv
    raise ValueError(f"unknown noise mode '{mode}'; expected one of {list(NOISE_MODES)}")
