"""Augmentations that create new motion and new viewing conditions (issue 13), each switched on by its own
train.py flag (--aug-mix, --aug-time-warp, --aug-proportions, --aug-camera, --aug-occlusion,
--aug-truncation; each the probability that a training window gets it; all 0 by default, and with all of them
0 the sampler draws exactly the same random numbers as before, so existing runs resume unchanged).

World data: [B, F, 17, 3] metres, Y up. Pixels: top-left origin. Hidden joints are filled the way the Java
runtime fills joints whose confidence is below 0.3 (see runtime_fill), because that is what the lifter is fed
at run time for an occluded or out-of-frame joint."""
import numpy as np

from .skeleton import NUM_JOINTS, PARENTS

AUG_NAMES = ("mix", "time_warp", "proportions", "camera", "occlusion", "truncation")

# H36M joints below the spine (kept from the lower-body take) and above it (from the upper-body take).
LOWER = (0, 1, 2, 3, 4, 5, 6)
UPPER = (7, 8, 9, 10, 11, 12, 13, 14, 15, 16)

# The runtime's gap rule (inference LiveLifter.MIN_CONFIDENCE / MIN_JOINTS, GapFiller.defaults).
MIN_OBSERVED_JOINTS = 9


# ------------------------------------------------------------------------------ per-limb mixing

def _heading(pos):
    """Heading angle [..., F] of the pelvis in the ground plane: the direction of the right-to-left hip
    vector, atan2(z, x)."""
    h = pos[..., 4, :] - pos[..., 1, :]
    return np.arctan2(h[..., 2], h[..., 0])


def mix_upper_lower(lower, upper):
    """One window [F, 17, 3] whose lower body (pelvis, hips, legs) and root path are `lower`'s and whose upper
    body moves as `upper`'s: each upper-body bone keeps its direction relative to its own take's pelvis
    heading (rotated about the vertical so both pelvises face the same way each frame; the lean against
    gravity is kept), and takes `lower`'s bone length (median over the window), so the result has one
    skeleton and the spine starts at `lower`'s pelvis."""
    out = lower.astype(np.float64).copy()
    d = _heading(lower) - _heading(upper)                    # [F] rotation of `upper` about Y
    c, s = np.cos(d)[:, None], np.sin(d)[:, None]
    for j in UPPER:  # parents precede children
        p = PARENTS[j]
        v = (upper[:, j] - upper[:, p]).astype(np.float64)
        # rotate in the ground plane so that atan2(z, x) grows by d
        v = np.stack([c[:, 0] * v[:, 0] - s[:, 0] * v[:, 2], v[:, 1], s[:, 0] * v[:, 0] + c[:, 0] * v[:, 2]], -1)
        n = np.linalg.norm(v, axis=-1, keepdims=True)
        length = np.median(np.linalg.norm(lower[:, j] - lower[:, p], axis=-1))
        out[:, j] = out[:, p] + v / np.maximum(n, 1e-9) * length
    return out.astype(np.float32)


# -------------------------------------------------------------------------------- time warping

def time_warp(F, rng, knots=4, sigma=0.4, lo=0.4, hi=2.5):
    """A smooth monotone warp g [F] with g[0] = 0, g[-1] = 1: the frame-to-frame rate follows a log-normal
    random curve through `knots` points (clipped to lo..hi times the mean rate), so the local speed changes
    within the window (not only a constant speed)."""
    r = np.clip(np.exp(rng.normal(0, sigma, knots)), lo, hi)
    steps = np.interp(np.linspace(0, knots - 1, F - 1), np.arange(knots), r)
    g = np.concatenate([[0.0], np.cumsum(steps)])
    return g / g[-1]


# --------------------------------------------------------------------- bone lengths and proportions

# Body part -> (bones, i.e. child joints, factor range); left and right share every factor.
PROPORTION_PARTS = {
    "legs": ((2, 3, 5, 6), (0.85, 1.15)),          # thigh and shin
    "shins": ((3, 6), (0.92, 1.08)),                # shin against thigh
    "arms": ((12, 13, 15, 16), (0.85, 1.15)),      # upper arm and forearm
    "forearms": ((13, 16), (0.92, 1.08)),
    "torso": ((7, 8), (0.85, 1.15)),               # pelvis-spine-thorax
    "neck_head": ((9, 10), (0.85, 1.15)),
    "shoulder_width": ((11, 14), (0.80, 1.20)),    # thorax -> shoulders
    "hip_width": ((1, 4), (0.80, 1.25)),           # pelvis -> hips
}


def proportion_factors(rng, n):
    """Per-bone length factors [n, 17] for n windows (1 for the root), symmetric left/right."""
    s = np.ones((n, NUM_JOINTS))
    for bones, (a, b) in PROPORTION_PARTS.values():
        f = rng.uniform(a, b, n)
        s[:, list(bones)] *= f[:, None]
    return s


def apply_bone_factors(pos, s):
    """Scales every bone of pos [n, F, 17, 3] by s [n, 17] (directions kept), then shifts each window
    vertically so its lowest ankle stays at the same height (the feet stay on the ground)."""
    out = np.empty_like(pos)
    out[:, :, 0] = pos[:, :, 0]
    for j in range(1, NUM_JOINTS):
        p = PARENTS[j]
        out[:, :, j] = out[:, :, p] + (pos[:, :, j] - pos[:, :, p]) * s[:, None, j, None]
    low_old = pos[:, :, [3, 6], 1].min(axis=(1, 2))
    low_new = out[:, :, [3, 6], 1].min(axis=(1, 2))
    out[..., 1] += (low_old - low_new)[:, None, None]
    return out.astype(pos.dtype)


# -------------------------------------------------------------------------------------- cameras

def _look_rotation(fwd, roll):
    """World->camera rotations [n, 3, 3] (rows = camera x right, y down, z forward) looking along fwd [n, 3]
    with the given roll [n] (radians) about the optical axis."""
    z = fwd / np.linalg.norm(fwd, axis=1, keepdims=True)
    x = np.cross(z, np.array([0.0, 1.0, 0.0]))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = np.cross(z, x)
    c, s = np.cos(roll)[:, None], np.sin(roll)[:, None]
    xr, yr = c * x + s * y, -s * x + c * y
    return np.stack([xr, yr, z], 1)


def camera_roll(R):
    """Roll [n] (radians) of world->camera rotations: the angle of the camera's x axis out of the ground
    plane (0 for a level camera)."""
    return np.arcsin(np.clip(-R[:, 0, 1], -1, 1))


class VariedCameraSampler:
    """Cameras placed as real webcams and phones are: height above the ground from 0.2 m (on the floor or a
    low table) to 3 m (a high shelf, a wall mount), 30 % low (0.2-0.8 m), 45 % at chest height (0.8-1.8 m),
    25 % high (1.8-3 m); horizontal distance 1.5-7 m; aimed at a point between the feet and the head, then
    tilted/panned up to +-8 deg off it (the subject is not always centred); roll N(0, 6 deg) clipped to
    +-15 deg (a hand-held phone); the same image sizes and field of view as CameraSampler. A camera the
    subject would come nearer than 1 m to is backed off horizontally."""

    def __init__(self, base, height=((0.2, 0.8), (0.8, 1.8), (1.8, 3.0)), height_p=(0.30, 0.45, 0.25),
                 dist=(1.5, 7.0), aim_off_deg=8.0, roll_sd_deg=6.0, roll_max_deg=15.0, min_depth=1.0):
        self.base = base
        self.min_depth = min_depth
        self.height, self.height_p = height, height_p
        self.dist = dist
        self.aim = np.radians(aim_off_deg)
        self.roll_sd, self.roll_max = np.radians(roll_sd_deg), np.radians(roll_max_deg)

    def sample(self, rng, pos):
        """pos [B, F, 17, 3] world windows. Returns R, cam, focal, size as CameraSampler.sample."""
        B = pos.shape[0]
        ground = pos[:, :, [3, 6], 1].min(axis=(1, 2)) - 0.08          # ankles are ~8 cm above the floor
        band = rng.choice(len(self.height), size=B, p=self.height_p)
        lo = np.array([h[0] for h in self.height])[band]
        hi = np.array([h[1] for h in self.height])[band]
        cam_h = ground + rng.uniform(lo, hi)
        size = self.base.SIZES[rng.integers(0, len(self.base.SIZES), B)]
        hfov = rng.uniform(*self.base.hfov, B)
        focal = (size[:, 0] / 2) / np.tan(hfov / 2)
        d = rng.uniform(*self.dist, B) * np.clip(focal / size.max(1) / 0.9, 0.6, 2.0)
        az = rng.uniform(0, 2 * np.pi, B)
        pelvis = pos[:, :, 0].mean(1)
        head = pos[:, :, 10, 1].mean(1)
        aim_y = rng.uniform(ground + 0.1, head)
        cam = np.stack([pelvis[:, 0] + d * np.sin(az), cam_h, pelvis[:, 2] + d * np.cos(az)], -1)
        target = np.stack([pelvis[:, 0], aim_y, pelvis[:, 2]], -1)
        f = target - cam
        yaw = np.arctan2(f[:, 0], f[:, 2]) + rng.uniform(-self.aim, self.aim, B)
        pitch = np.arctan2(f[:, 1], np.hypot(f[:, 0], f[:, 2])) + rng.uniform(-self.aim, self.aim, B)
        fwd = np.stack([np.cos(pitch) * np.sin(yaw), np.sin(pitch), np.cos(pitch) * np.cos(yaw)], -1)
        roll = np.clip(rng.normal(0, self.roll_sd, B), -self.roll_max, self.roll_max)
        R = _look_rotation(fwd, roll)
        # a subject walking towards the camera must not reach it: back the camera off horizontally (its
        # height kept) so that every joint of the window stays at least min_depth in front of it
        flat = np.stack([np.sin(yaw), np.zeros(B), np.cos(yaw)], -1)
        for _ in range(3):
            depth = np.einsum("bk,bfjk->bfj", R[:, 2], pos - cam[:, None, None, :]).min(axis=(1, 2))
            cam = cam - flat * (np.maximum(0.0, self.min_depth - depth) / np.maximum(np.cos(pitch), 0.3))[:, None]
        return R.astype(np.float32), cam.astype(np.float32), focal.astype(np.float32), size


# ------------------------------------------------------------------------ hidden joints at run time

def propagate_derived(hidden):
    """The runtime derives pelvis, thorax, spine and head from BlazePose landmarks, each with the lowest
    confidence of its sources (inference H36mFromBlazePose): a hidden hip hides the pelvis, a hidden
    shoulder the thorax, either of those the spine, a hidden thorax the head. hidden [..., 17] bool."""
    h = hidden.copy()
    h[..., 0] |= h[..., 1] | h[..., 4]
    h[..., 8] |= h[..., 11] | h[..., 14]
    h[..., 7] |= h[..., 0] | h[..., 8]
    h[..., 10] |= h[..., 8]
    return h


def _fill_window(x, hid, live, lo, hi):
    """x [F, J, 2] pixels, hid [F, J] bool. The window is bracketed by two pseudo-frames holding every
    joint's own value at the window's first/last frame clamped to the image (as if the joint was last
    seen there: the runtime's state from before the window is not known)."""
    F, J = hid.shape
    ext = np.concatenate([np.clip(x[:1], lo, hi), x, np.clip(x[-1:], lo, hi)]).astype(np.float64)
    obs = np.concatenate([np.ones((1, J), bool), ~hid, np.ones((1, J), bool)])
    usable = obs.sum(1) >= MIN_OBSERVED_JOINTS
    if live:
        # LiveLifter: a usable frame's unobserved joints keep their last position; an unusable frame
        # repeats the last usable frame.
        res = ext.copy()
        last = ext[0]
        for i in range(1, F + 1):
            if usable[i]:
                cur = ext[i].copy()
                cur[~obs[i]] = last[~obs[i]]
            else:
                cur = last.copy()
            res[i] = cur
            last = cur
        return res[1:-1]
    # GapFiller (offline): per joint, unobserved joints of usable frames are interpolated linearly in time
    # from the same joint's observations; then unusable frames are interpolated between usable ones.
    res = ext.copy()
    t = np.arange(F + 2)
    for j in range(J):
        known = usable & obs[:, j]
        need = usable & ~obs[:, j]
        if need.any():
            for d in range(2):
                res[need, j, d] = np.interp(t[need], t[known], ext[known, j, d])
    bad = ~usable
    if bad.any():
        for j in range(J):
            for d in range(2):
                res[bad, j, d] = np.interp(t[bad], t[usable], res[usable, j, d])
    return res[1:-1]


def runtime_fill(uv, hidden, live, size):
    """What the Java runtime feeds the lifter for joints it did not observe (confidence < 0.3 or not
    finite): uv [B, F, 17, 2] pixels (the detector's output, noise included), hidden [B, F, 17] bool,
    live [B] bool (LiveLifter's causal hold, else ClipLifter/GapFiller's interpolation), size [B, 2]
    (w, h). Frames with fewer than 9 observed joints are filled whole. Returns a new array."""
    out = uv.copy()
    for b in np.nonzero(hidden.any(axis=(1, 2)))[0]:
        hi = np.asarray(size[b], dtype=np.float64)
        out[b] = _fill_window(uv[b], hidden[b], bool(live[b]), np.zeros(2), hi)
    return out.astype(uv.dtype)


# Occluders: joint groups hidden together (a wrist behind the body, a forearm, a lower leg, a whole arm in a
# side view, the face turned away) and their relative frequencies.
OCCLUDERS = (
    ((13,), 3.0), ((16,), 3.0), ((12, 13), 2.0), ((15, 16), 2.0), ((6,), 2.0), ((3,), 2.0),
    ((5, 6), 1.5), ((2, 3), 1.5), ((11, 12, 13), 1.0), ((14, 15, 16), 1.0), ((9, 10), 0.5),
    ((4, 5, 6), 0.5), ((1, 2, 3), 0.5),
)


def occlusion_mask(B, F, rng, p):
    """hidden [B, F, 17]: in a fraction p of the windows, 1-3 occluders (OCCLUDERS), each over a run of
    2..F frames at a random place; derived joints follow (propagate_derived)."""
    hidden = np.zeros((B, F, NUM_JOINTS), bool)
    w = np.array([o[1] for o in OCCLUDERS])
    for b in np.nonzero(rng.random(B) < p)[0]:
        for _ in range(rng.integers(1, 4)):
            joints = OCCLUDERS[rng.choice(len(OCCLUDERS), p=w / w.sum())][0]
            n = rng.integers(2, F + 1)
            f0 = rng.integers(0, F - n + 1)
            hidden[b, f0:f0 + n, list(joints)] = True
    return propagate_derived(hidden)


# ---------------------------------------------------------------------------------- truncation

def reproject(pos, R, cam, focal, centre):
    """pos [B, F, J, 3] world -> camera coords and pixels with a given principal point centre [B, 2]."""
    pc = np.einsum("bij,bfkj->bfki", R, pos - cam[:, None, None, :])
    z = np.maximum(pc[..., 2:3], 0.1)
    uv = pc[..., :2] / z * focal[:, None, None, None] + centre[:, None, None, :]
    return pc.astype(np.float32), uv.astype(np.float32)


def principal_point(pc, uv, focal):
    """The principal point [B, 2] a projection used (from its first joint of its first frame)."""
    z = np.maximum(pc[:, 0, 0, 2:3], 0.1)
    return uv[:, 0, 0] - pc[:, 0, 0, :2] / z * focal[:, None]


def _rot_x(a):
    c, s = np.cos(a), np.sin(a)
    R = np.zeros(np.shape(a) + (3, 3))
    R[..., 0, 0] = 1
    R[..., 1, 1], R[..., 1, 2], R[..., 2, 1], R[..., 2, 2] = c, -s, s, c
    return R


def _rot_y(a):
    c, s = np.cos(a), np.sin(a)
    R = np.zeros(np.shape(a) + (3, 3))
    R[..., 1, 1] = 1
    R[..., 0, 0], R[..., 0, 2], R[..., 2, 0], R[..., 2, 2] = c, s, -s, c
    return R


# edge -> probability: a webcam at a desk cuts the legs most often
TRUNCATION_EDGES = (("bottom", 0.5), ("left", 0.2), ("right", 0.2), ("top", 0.1))


def truncate(pos, R, cam, focal, size, pc, uv, rng, p, cut=(0.1, 0.45), hide_at=(0.0, 0.12), extrap_sd=0.25):
    """Turns the camera of a fraction p of the windows (tilt or pan, about its own centre) so that a part
    (cut: fraction of the person's extent over the window) of the person lies beyond one image edge
    (TRUNCATION_EDGES), and says which joints BlazePose would not report. BlazePose still places landmarks
    beyond the border (the Java pipeline keeps such coordinates unclamped), with a visibility that falls
    as the landmark leaves the frame: a joint farther out than a per-window, per-joint threshold
    (hide_at, fraction of the person's extent) counts as hidden (confidence < 0.3); one nearer the border
    stays, with an extrapolation error that grows with its distance beyond the border (extrap_sd x that
    distance). Returns new (R, pc, uv, hidden [B, F, 17]); windows whose every frame would be unusable
    keep their camera and hide nothing."""
    B, F, J = uv.shape[:3]
    R, pc, uv = R.copy(), pc.copy(), uv.copy()
    hidden = np.zeros((B, F, J), bool)
    sel = np.nonzero(rng.random(B) < p)[0]
    if not len(sel):
        return R, pc, uv, hidden
    names = [e[0] for e in TRUNCATION_EDGES]
    probs = np.array([e[1] for e in TRUNCATION_EDGES])
    edge = rng.choice(len(names), size=len(sel), p=probs)
    frac = rng.uniform(*cut, len(sel))
    thr = rng.uniform(*hide_at, (len(sel), J))
    err = rng.normal(0, extrap_sd, (len(sel), J, 2))
    centre = principal_point(pc[sel], uv[sel], focal[sel])
    for i, b in enumerate(sel):
        w, h = float(size[b, 0]), float(size[b, 1])
        x = uv[b]
        ext_w = float(np.median(x[..., 0].max(1) - x[..., 0].min(1)))
        ext_h = float(np.median(x[..., 1].max(1) - x[..., 1].min(1)))
        kind = names[edge[i]]
        # image shift (pixels) that puts `frac` of the person beyond the edge
        if kind == "bottom":
            shift = (h + frac[i] * ext_h) - float(np.median(x[..., 1].max(1)))
            turn = _rot_x(-np.arctan2(shift, focal[b]))   # tilt up: the picture moves down
        elif kind == "top":
            shift = -frac[i] * ext_h - float(np.median(x[..., 1].min(1)))
            turn = _rot_x(-np.arctan2(shift, focal[b]))
        elif kind == "right":
            shift = (w + frac[i] * ext_w) - float(np.median(x[..., 0].max(1)))
            turn = _rot_y(np.arctan2(shift, focal[b]))    # pan left: the picture moves right
        else:
            shift = -frac[i] * ext_w - float(np.median(x[..., 0].min(1)))
            turn = _rot_y(np.arctan2(shift, focal[b]))
        Rb = (turn @ R[b]).astype(np.float32)
        pcb, uvb = reproject(pos[b:b + 1], Rb[None], cam[b:b + 1], focal[b:b + 1], centre[i:i + 1])
        pcb, uvb = pcb[0], uvb[0]
        if np.any(pcb[..., 2] < 0.2):
            continue  # the turn put the person behind or at the camera: leave the window as it was
        ext = max(float(np.median(uvb[..., 0].max(1) - uvb[..., 0].min(1))),
                  float(np.median(uvb[..., 1].max(1) - uvb[..., 1].min(1))), 1.0)
        below = np.maximum(0, -uvb)
        above = np.maximum(0, uvb - np.array([w, h], np.float32))
        out = below + above                                      # [F, J, 2] distance beyond the border
        dist = np.linalg.norm(out, axis=-1)                      # [F, J]
        hid = propagate_derived(dist > thr[i][None, :] * ext)
        if not np.any((~hid).sum(1) >= MIN_OBSERVED_JOINTS):
            continue
        uvb = uvb + (err[i][None] * dist[..., None]).astype(np.float32)
        R[b], pc[b], uv[b], hidden[b] = Rb, pcb, uvb, hid
    return R, pc, uv, hidden
