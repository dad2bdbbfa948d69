"""Training data: the `mocap dataset` folder (docs/formats.md "Training dataset"), a synthetic stand-in,
and the on-the-fly pipeline (random cameras, projection, screen normalisation, augmentation, 2D noise).

World data: [frames, 17, 3] float32 metres, Y up, 30 fps. Targets: root-relative 3D in camera
coordinates (x right, y down, z forward, metres). Inputs: screen-normalised 2D,
x' = 2u/w - 1, y' = 2v/w - h/w (pixels, top-left origin), exactly what the Java runtime feeds.
"""
import hashlib
import json
import os

import numpy as np

from .skeleton import FLIP, LEFT, NAMES, PARENTS, RIGHT, NUM_JOINTS

CMU_CREDIT = ("The data used in this project was obtained from mocap.cs.cmu.edu. "
              "The database was created with funding from NSF EIA-0196217.")


# --------------------------------------------------------------------------------------------- takes

class Take:
    def __init__(self, take_id, positions, subject=None):
        if positions.ndim != 3 or positions.shape[1:] != (NUM_JOINTS, 3):
            raise ValueError(f"take {take_id}: expected [frames, 17, 3], got {positions.shape}")
        self.id = take_id
        self.positions = np.ascontiguousarray(positions, dtype=np.float32)
        self.subject = subject

    @property
    def frames(self):
        return self.positions.shape[0]


def load_dataset(folder):
    """Reads manifest.json + takes/*.npy (format version 1)."""
    path = os.path.join(folder, "manifest.json")
    with open(path, "r", encoding="utf-8") as f:
        man = json.load(f)
    if man.get("version") != 1:
        raise ValueError(f"{path}: dataset version {man.get('version')} not supported; expected 1")
    if man.get("frameRateHz") != 30:
        raise ValueError(f"{path}: frameRateHz {man.get('frameRateHz')}; the trainer expects 30")
    if list(man.get("joints", NAMES)) != list(NAMES):
        raise ValueError(f"{path}: joint order differs from assets/skeleton/h36m17.json")
    takes = []
    for t in man["takes"]:
        arr = np.load(os.path.join(folder, t["file"]))
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{t['file']}: non-finite values")
        takes.append(Take(t["id"], arr, t.get("subject")))
    return takes, man


# Source folders added after round 2 (each counted on its own by split_takes, so that adding a folder never
# moves an existing take between training and validation).
LATER_SOURCES = ("cmu-daz",)


def split_takes(takes, every=6, offset=4):
    """Deterministic split by take: sort by id, every `every`-th take starting at `offset` is validation,
    counted separately within round 2's collections (cmu-acrnn + cmu-iclone, counted together as round 2
    did) and within each folder of LATER_SOURCES. Round 2's 15 validation takes stay exactly the same
    (the shipped models never trained on them); offset 4 holds out cmu-iclone/002_01 (the walk the
    project's end-to-end, render and retarget tests use), so those tests run on a take never trained on.
    Takes round 2 counted and cleaning later dropped (ROUND2_DROPPED) keep their place in the count, so
    dropping them moves no other take across the split."""
    groups = {}
    for t in sorted(takes, key=lambda t: t.id):
        src = t.id.split("/", 1)[0]
        groups.setdefault(src if src in LATER_SOURCES else "", []).append(t)
    train, val = [], []
    for key in sorted(groups):
        ids = {t.id for t in groups[key]}
        if key == "" and any(i.startswith("cmu-acrnn/") for i in ids):
            ids |= set(ROUND2_DROPPED)      # a dropped take keeps its place in the count
        place = {take_id: i for i, take_id in enumerate(sorted(ids))}
        for t in groups[key]:
            (val if place[t.id] % every == offset else train).append(t)
    return sorted(train, key=lambda t: t.id), sorted(val, key=lambda t: t.id)


# Takes of round 2's collections that round 2's split counted and clean_takes now drops (EXCLUDED_TAKES).
ROUND2_DROPPED = ("cmu-acrnn/standard_tpose",)

# Takes the project's own tests replay (the end-to-end render-and-recapture walk): no split trains on them.
# The split by take already holds them out; the split by activity leaves them out of training and of its
# validation (which stays the held-out activities).
TEST_TAKES = ("cmu-iclone/002_01",)


# Activity of each take: the first matching rule (regular expression on the take id) wins. The CMU
# subject_trial ids follow CMU_data.csv's "Motion Description" (../shared/mocap/cmu-iclone/CMU_data.csv).
ACTIVITY_RULES = (
    (r"^cmu-acrnn/salsa/", "salsa"),
    (r"^cmu-acrnn/martial/", "martial arts"),
    (r"^cmu-acrnn/standard_tpose$", "t-pose"),
    (r"^cmu-iclone/006_(0[2-9]|1[0-2])$", "basketball"),
    (r"^cmu-iclone/005_(0[2-9]|1[0-9]|20)$", "ballet / modern dance"),
    (r"^cmu-iclone/002_0[7-9]$", "swordplay"),
    (r"^cmu-iclone/001_", "playground"),
    (r"^cmu-iclone/002_0[46]$|^cmu-iclone/002_10$", "misc. (jump, bend, wash)"),
    (r"^cmu-iclone/002_03$|^cmu-daz/09_", "run"),
    (r"^cmu-daz/1[346]_", "jump / reach"),
    (r"^cmu-(iclone|daz)/", "walk"),
)

# The activity split's held-out activities: one dance style and one sport, none of their takes trained on.
HELD_OUT_ACTIVITIES = ("salsa", "basketball")


def activity_of(take_id):
    """The activity label of a take id (ACTIVITY_RULES); 'other' when no rule matches."""
    import re
    for pattern, label in ACTIVITY_RULES:
        if re.search(pattern, take_id):
            return label
    return "other"


def split_by_activity(takes, held_out=HELD_OUT_ACTIVITIES):
    """Split by motion kind: every take of a held-out activity is validation, all others train.
    Validation measures generalisation to motion never seen, not interpolation between takes."""
    unknown = [a for a in held_out if a not in {label for _, label in ACTIVITY_RULES}]
    if unknown:
        raise ValueError(f"unknown activities {unknown}; expected among {[l for _, l in ACTIVITY_RULES]}")
    train, val = [], []
    for t in sorted(takes, key=lambda t: t.id):
        if activity_of(t.id) in held_out:
            val.append(t)
        elif t.id not in TEST_TAKES:
            train.append(t)
    return train, val


def split_both(takes):
    """Training takes that are training in BOTH splits; validation = the union of both validation sets. A model
    trained on it can be scored honestly on either split."""
    _, va_take = split_takes(takes)
    _, va_act = split_by_activity(takes)
    held = {t.id for t in va_take} | {t.id for t in va_act}
    ordered = sorted(takes, key=lambda t: t.id)
    return [t for t in ordered if t.id not in held], [t for t in ordered if t.id in held]


SPLITS = {"take": split_takes, "activity": split_by_activity, "both": split_both}

# Takes left out of training and validation, with the reason (checked by hand; see docs/training.md).
EXCLUDED_TAKES = {
    "cmu-daz/09_10": "labelled 'run', but the body is 0.5 m under the floor, bent ~55 deg at the waist on "
                     "straight legs, and its first two frames teleport 2 m: a broken conversion, not a crouch",
    "cmu-acrnn/standard_tpose": "the rig's rest pose (3 frames), not motion",
}


def clean_takes(takes, max_jump_m=0.3, max_trim=2):
    """Drops EXCLUDED_TAKES and trims leading rest-pose frames: many BVH files start with the rig's
    T-pose for one frame before the motion; a first frame whose root-relative joints jump by more than
    max_jump_m (0.3 m in 1/30 s = 9 m/s) to the next one is dropped, at most max_trim frames per take."""
    out = []
    for t in takes:
        if t.id in EXCLUDED_TAKES:
            continue
        pos = t.positions
        for _ in range(max_trim):
            if pos.shape[0] < 3:
                break
            rel = pos[:2] - pos[:2, :1]
            if float(np.linalg.norm(rel[1] - rel[0], axis=-1).max()) <= max_jump_m:
                break
            pos = pos[1:]
        out.append(t if pos is t.positions else Take(t.id, pos, t.subject))
    return out


# ------------------------------------------------------------------------------- synthetic stand-in

# A rest pose (metres, Y up, facing +Z) in the H36M order.
_REST = np.array([
    [0.00, 0.95, 0.0],   # pelvis
    [-0.12, 0.93, 0.0],  # r_hip  (subject's right is -X when facing +Z)
    [-0.12, 0.50, 0.02],  # r_knee
    [-0.12, 0.08, 0.0],  # r_ankle
    [0.12, 0.93, 0.0],   # l_hip
    [0.12, 0.50, 0.02],  # l_knee
    [0.12, 0.08, 0.0],   # l_ankle
    [0.00, 1.18, 0.0],   # spine
    [0.00, 1.42, 0.0],   # thorax
    [0.00, 1.55, 0.06],  # neck_nose
    [0.00, 1.68, 0.0],   # head
    [0.18, 1.40, 0.0],   # l_shoulder
    [0.20, 1.12, 0.0],   # l_elbow
    [0.21, 0.88, 0.03],  # l_wrist
    [-0.18, 1.40, 0.0],  # r_shoulder
    [-0.20, 1.12, 0.0],  # r_elbow
    [-0.21, 0.88, 0.03],  # r_wrist
], dtype=np.float32)


def _rot(axis, ang):
    """Rotation matrices [..., 3, 3] about a unit axis by angles [...]."""
    ax = np.asarray(axis, dtype=np.float64)
    ax = ax / np.linalg.norm(ax)
    c, s = np.cos(ang), np.sin(ang)
    x, y, z = ax
    R = np.empty(np.shape(ang) + (3, 3))
    R[..., 0, 0] = c + x * x * (1 - c)
    R[..., 0, 1] = x * y * (1 - c) - z * s
    R[..., 0, 2] = x * z * (1 - c) + y * s
    R[..., 1, 0] = y * x * (1 - c) + z * s
    R[..., 1, 1] = c + y * y * (1 - c)
    R[..., 1, 2] = y * z * (1 - c) - x * s
    R[..., 2, 0] = z * x * (1 - c) - y * s
    R[..., 2, 1] = z * y * (1 - c) + x * s
    R[..., 2, 2] = c + z * z * (1 - c)
    return R


def synthetic_take(take_id, frames, seed):
    """A smooth, plausible-looking random motion (forward kinematics on the rest pose)."""
    rng = np.random.default_rng(seed)
    t = np.arange(frames) / 30.0
    children = [[] for _ in range(NUM_JOINTS)]
    for j, p in enumerate(PARENTS):
        if p >= 0:
            children[p].append(j)
    # per-joint swing angle about X (sagittal) and Z (lateral) as sums of sinusoids
    freq = rng.uniform(0.4, 1.6)
    angles = np.zeros((frames, NUM_JOINTS, 2))
    for j in range(NUM_JOINTS):
        for a in range(2):
            amp = rng.uniform(0.0, 0.8 if a == 0 else 0.3)
            ph = rng.uniform(0, 2 * np.pi)
            angles[:, j, a] = amp * np.sin(2 * np.pi * freq * t + ph) + 0.1 * rng.standard_normal() \
                * np.sin(2 * np.pi * 0.2 * t)
    offsets = _REST - _REST[np.maximum(PARENTS, 0)]
    pos = np.zeros((frames, NUM_JOINTS, 3))
    glob = np.zeros((frames, NUM_JOINTS, 3, 3))
    yaw = rng.uniform(0, 2 * np.pi) + np.cumsum(rng.normal(0, 0.01, frames))
    glob[:, 0] = _rot([0, 1, 0], yaw)
    speed = rng.uniform(0.0, 1.5)
    fwd = np.stack([np.sin(yaw), np.zeros(frames), np.cos(yaw)], -1)
    root = np.cumsum(fwd * speed / 30.0, axis=0)
    root[:, 1] = _REST[0, 1] + 0.03 * np.sin(2 * np.pi * 2 * freq * t)
    pos[:, 0] = root
    order = [0]
    while order:
        p = order.pop(0)
        for c in children[p]:
            local = _rot([1, 0, 0], angles[:, c, 0]) @ _rot([0, 0, 1], angles[:, c, 1])
            glob[:, c] = glob[:, p] @ local
            pos[:, c] = pos[:, p] + np.einsum("fij,j->fi", glob[:, p] @ local, offsets[c])
            order.append(c)
    return Take(take_id, pos.astype(np.float32))


def synthetic_dataset(num_takes=24, frames=600, seed=0):
    return [synthetic_take(f"synthetic/{i:03d}", frames, seed * 1000 + i) for i in range(num_takes)]


# ----------------------------------------------------------------------------------- augmentation

def _bone_scale(pos, rng, spread=0.08):
    """Random bone-length scaling (left/right pairs share a factor); pos [B,F,J,3] world."""
    B = pos.shape[0]
    s = rng.uniform(1 - spread, 1 + spread, size=(B, NUM_JOINTS)).astype(np.float32)
    s[:, LEFT] = s[:, RIGHT]
    s *= rng.uniform(0.92, 1.08, size=(B, 1)).astype(np.float32)
    out = np.empty_like(pos)
    out[:, :, 0] = pos[:, :, 0]
    for j in range(1, NUM_JOINTS):  # parents precede children in the H36M order
        p = PARENTS[j]
        out[:, :, j] = out[:, :, p] + (pos[:, :, j] - pos[:, :, p]) * s[:, None, j, None]
    return out


def _mirror(pos, mask):
    """Mirror world X and swap left/right joints where mask [B] is true."""
    out = pos.copy()
    m = pos[mask][:, :, FLIP]
    m[..., 0] = -m[..., 0]
    out[mask] = m
    return out


class CameraSampler:
    """Random pinhole cameras around the subject: all azimuths, elevations -10..45 deg,
    distances 2.5..9 m, horizontal FOV ~35..90 deg, several image sizes, small roll."""
    SIZES = np.array([[1920, 1080], [1280, 720], [640, 480], [1080, 1920], [720, 1280], [641, 479],
                      [1024, 1024]], dtype=np.float32)

    def __init__(self, elev_deg=(-10, 45), dist=(2.5, 9.0), hfov_deg=(35, 90)):
        self.elev = np.radians(elev_deg)
        self.dist = dist
        self.hfov = np.radians(hfov_deg)

    def sample(self, rng, centre):
        """centre [B,3] world point to look near. Returns R [B,3,3] (rows = camera axes in world),
        t [B,3] camera position, focal [B], size [B,2] (w,h)."""
        B = centre.shape[0]
        az = rng.uniform(0, 2 * np.pi, B)
        el = rng.uniform(*self.elev, B)
        d = rng.uniform(*self.dist, B)
        size = self.SIZES[rng.integers(0, len(self.SIZES), B)]
        hfov = rng.uniform(*self.hfov, B)
        focal = (size[:, 0] / 2) / np.tan(hfov / 2)
        # keep the person a sensible size: farther when the lens is long
        d = d * np.clip(focal / size.max(1) / 0.9, 0.6, 2.0)
        target = centre + rng.normal(0, 0.25, (B, 3)) * np.array([1, 0.5, 1])
        cam = target + d[:, None] * np.stack([np.cos(el) * np.sin(az), np.sin(el), np.cos(el) * np.cos(az)], -1)
        z = target - cam
        z /= np.linalg.norm(z, axis=1, keepdims=True)
        x = np.cross(z, np.array([0.0, 1.0, 0.0]))
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        y = np.cross(z, x)
        R = np.stack([x, y, z], 1)  # world -> camera: p_c = R (p_w - cam)
        roll = rng.normal(0, np.radians(3), B)
        Rr = _rot([0, 0, 1], roll)
        R = Rr @ R
        return R.astype(np.float32), cam.astype(np.float32), focal.astype(np.float32), size


def project(pos_world, R, cam, focal, size, rng=None):
    """pos_world [B,F,J,3] -> camera coords [B,F,J,3] and pixel coords [B,F,J,2]."""
    pc = np.einsum("bij,bfkj->bfki", R, pos_world - cam[:, None, None, :])
    z = np.maximum(pc[..., 2:3], 0.1)
    w, h = size[:, 0], size[:, 1]
    cx, cy = w / 2, h / 2
    if rng is not None:
        cx = cx + rng.normal(0, 0.01, len(w)) * w
        cy = cy + rng.normal(0, 0.01, len(w)) * h
    uv = pc[..., :2] / z * focal[:, None, None, None]
    uv = uv + np.stack([cx, cy], -1)[:, None, None, :]
    return pc.astype(np.float32), uv.astype(np.float32)


def screen_normalise(uv, size):
    """The runtime's "screen" normalisation: x' = 2x/w - 1, y' = 2y/w - h/w."""
    w = size[:, 0][:, None, None]
    h = size[:, 1][:, None, None]
    x = 2 * uv[..., 0] / w - 1
    y = 2 * uv[..., 1] / w - h / w
    return np.stack([x, y], -1).astype(np.float32)


def detector_noise(uv, rng, strength=1.0):
    """Detector-like 2D noise in pixels on uv [B,F,J,2]: per-joint jitter proportional to the person's
    size (partly temporally smooth), occasional left/right swaps of a limb for a few frames, and
    'dropped' low-confidence joints replaced by a far-off guess."""
    B, F, J, _ = uv.shape
    out = uv.copy()
    ext = (uv.max(2) - uv.min(2)).max(-1)  # [B,F] person extent, pixels
    ext = np.maximum(ext, 1.0)[..., None, None]
    sigma = rng.uniform(0.004, 0.02, (B, 1, 1, 1)) * strength
    white = rng.standard_normal((B, F, J, 2))
    slow = rng.standard_normal((B, F, J, 2))
    k = np.array([0.25, 0.5, 0.25])
    slow = (np.pad(slow, ((0, 0), (1, 1), (0, 0), (0, 0)), mode="edge")[:, :-2] * k[0]
            + slow * k[1] + np.pad(slow, ((0, 0), (1, 1), (0, 0), (0, 0)), mode="edge")[:, 2:] * k[2])
    out += (0.6 * white + 0.8 * slow) * sigma * ext
    # left/right swaps: per window with probability 0.3, a limb pair swapped for 1-4 frames
    limbs = [([1, 2, 3], [4, 5, 6]), ([14, 15, 16], [11, 12, 13]), ([3], [6]), ([16], [13])]
    for b in np.nonzero(rng.random(B) < 0.3 * strength)[0]:
        a, c = limbs[rng.integers(len(limbs))]
        f0 = rng.integers(F)
        f1 = min(F, f0 + rng.integers(1, 5))
        tmp = out[b, f0:f1, a].copy()
        out[b, f0:f1, a] = out[b, f0:f1, c]
        out[b, f0:f1, c] = tmp
    # dropped low-confidence joints (mostly wrists/ankles): a displaced guess
    p = np.full(J, 0.01)
    p[[3, 6, 13, 16]] = 0.04
    p[[2, 5, 12, 15]] = 0.02
    drop = rng.random((B, F, J)) < p * strength
    out[drop] += rng.normal(0, 0.15, (int(drop.sum()), 2)) * np.broadcast_to(ext[..., 0], (B, F, J))[drop][:, None]
    return out.astype(np.float32)


# --------------------------------------------------------------------------------------- windows

class WindowSampler:
    """Draws training windows of F frames with augmentation; all in NumPy, single process."""

    def __init__(self, takes, frames, seed=0, speed=(0.7, 1.5), noise_prob=0.5, noise=None, aug=None):
        """aug: {name: probability per window} for the augmentations of hot.augment (AUG_NAMES); missing
        names are off. With every probability 0 the sampler draws exactly the random numbers it drew
        before those augmentations existed."""
        from .augment import AUG_NAMES
        aug = dict(aug or {})
        unknown = sorted(set(aug) - set(AUG_NAMES))
        if unknown:
            raise ValueError(f"unknown augmentations {unknown}; expected among {list(AUG_NAMES)}")
        for k, v in aug.items():
            if not 0.0 <= float(v) <= 1.0:
                raise ValueError(f"augmentation '{k}': probability {v} out of range; expected 0..1")
        self.aug = {k: float(aug.get(k, 0.0)) for k in AUG_NAMES}
        self.takes = [t for t in takes if t.frames >= 8]
        if not self.takes:
            raise ValueError("no training takes with at least 8 frames")
        self.F = frames
        self.rng = np.random.default_rng(seed)
        self.cams = CameraSampler()
        self.speed = speed
        self.noise_prob = noise_prob
        self.noise = noise or detector_noise  # (uv [B,F,J,2] pixels, rng) -> noisy uv
        lens = np.array([t.frames for t in self.takes], dtype=np.float64)
        self.p = lens / lens.sum()

    def _windows(self, B, warp_p):
        rng, F = self.rng, self.F
        out = np.empty((B, F, NUM_JOINTS, 3), dtype=np.float32)
        idx = rng.choice(len(self.takes), size=B, p=self.p)
        s = rng.uniform(*self.speed, B)
        warp = rng.random(B) < warp_p if warp_p > 0 else np.zeros(B, bool)
        for b in range(B):
            pos = self.takes[idx[b]].positions
            T = pos.shape[0]
            sb = min(s[b], (T - 1) / (F - 1))
            span = sb * (F - 1)
            t0 = rng.uniform(0, T - 1 - span)
            if warp[b]:
                from .augment import time_warp
                tt = t0 + span * time_warp(F, rng)
            else:
                tt = t0 + sb * np.arange(F)
            i0 = np.clip(np.floor(tt).astype(int), 0, T - 1)
            i1 = np.minimum(i0 + 1, T - 1)
            a = (tt - i0)[:, None, None].astype(np.float32)
            out[b] = pos[i0] * (1 - a) + pos[i1] * a
        return out

    def world_windows(self, B):
        """B windows [B, F, 17, 3] (world metres), with the speed change, and when on, time warping and
        per-limb mixing (the upper body of another window on a fraction of them)."""
        out = self._windows(B, self.aug["time_warp"])
        if self.aug["mix"] > 0:
            from .augment import mix_upper_lower
            sel = np.nonzero(self.rng.random(B) < self.aug["mix"])[0]
            if len(sel):
                donors = self._windows(len(sel), self.aug["time_warp"])
                for i, b in enumerate(sel):
                    out[b] = mix_upper_lower(out[b], donors[i])
        return out

    def augmented_world(self, B):
        """B world windows [B, F, 17, 3] with every augmentation that does not depend on the camera: those of
        world_windows, bone scaling, proportions (when on) and mirroring."""
        from . import augment as A
        rng, aug = self.rng, self.aug
        pos = self.world_windows(B)
        pos = _bone_scale(pos, rng)
        if aug["proportions"] > 0:
            sel = rng.random(B) < aug["proportions"]
            if sel.any():
                pos[sel] = A.apply_bone_factors(pos[sel], A.proportion_factors(rng, int(sel.sum())))
        return _mirror(pos, rng.random(B) < 0.5)

    def view(self, pos):
        """One random camera per window of pos [B, F, 17, 3] (world metres; any F) with the per-view
        augmentations (varied cameras, truncation, occlusion when on) and the 2D noise on a fraction of the
        windows. Returns screen-normalised 2D [B, F, 17, 2] and the camera-space 3D [B, F, 17, 3] (metres, not
        root-relative)."""
        from . import augment as A
        rng, aug = self.rng, self.aug
        B, F = pos.shape[:2]
        centre = pos[:, :, 0].mean(1)
        R, cam, focal, size = self.cams.sample(rng, centre)
        if aug["camera"] > 0:
            sel = rng.random(B) < aug["camera"]
            if sel.any():
                Rv, camv, fv, sv = A.VariedCameraSampler(self.cams).sample(rng, pos[sel])
                R[sel], cam[sel], focal[sel], size[sel] = Rv, camv, fv, sv
        pc, uv = project(pos, R, cam, focal, size, rng)
        hidden = None
        if aug["truncation"] > 0:
            R, pc, uv, hidden = A.truncate(pos, R, cam, focal, size, pc, uv, rng, aug["truncation"])
        if aug["occlusion"] > 0:
            occ = A.occlusion_mask(B, F, rng, aug["occlusion"])
            hidden = occ if hidden is None else hidden | occ
        noisy = rng.random(B) < self.noise_prob
        if noisy.any():
            uv[noisy] = self.noise(uv[noisy], rng)
        if hidden is not None and hidden.any():
            uv = A.runtime_fill(uv, hidden, rng.random(B) < 0.5, size)
        return screen_normalise(uv, size), pc

    def batch(self, B):
        """B training windows: screen-normalised 2D [B, F, 17, 2] and root-relative camera-space 3D targets."""
        x2d, pc = self.view(self.augmented_world(B))
        return x2d, (pc - pc[:, :, :1]).astype(np.float32)


def validation_windows(takes, frames, seed=1234, cams_per_window=2, stride=None):
    """Fixed validation set: non-overlapping windows from each take, a few fixed cameras each;
    returns clean 2D, noisy 2D and 3D targets."""
    rng = np.random.default_rng(seed)
    stride = stride or frames
    wins = []
    for t in sorted(takes, key=lambda t: t.id):
        for s in range(0, t.frames - frames + 1, stride):
            wins.append(t.positions[s:s + frames])
    if not wins:
        raise ValueError("no validation windows: validation takes shorter than F")
    pos = np.repeat(np.stack(wins), cams_per_window, axis=0)
    centre = pos[:, :, 0].mean(1)
    R, cam, focal, size = CameraSampler().sample(rng, centre)
    pc, uv = project(pos, R, cam, focal, size)
    clean = screen_normalise(uv, size)
    noisy = screen_normalise(detector_noise(uv, rng), size)
    y = (pc - pc[:, :, :1]).astype(np.float32)
    return clean, noisy, y


def validation_set(takes, frames, seed=1234, cams_per_window=2, max_windows=None, noise=None):
    """Fixed validation set for any window length F: non-overlapping F-frame windows of each take, and
    for a take shorter than F one window padded by repeating its last frame (padded frames are masked out
    of every metric). Returns (clean 2D, noisy 2D, 3D targets, mask [N, F] bool). max_windows keeps an
    evenly spaced subset of the windows (before the cameras are drawn), for quick evaluations in training.
    noise: the function that makes the noisy 2D (default: detector_noise)."""
    wins, masks = [], []
    for t in sorted(takes, key=lambda t: t.id):
        T = t.frames
        if T < 2:
            continue
        starts = range(0, T - frames + 1, frames) if T >= frames else [0]
        for s in starts:
            idx = np.minimum(np.arange(s, s + frames), T - 1)
            wins.append(t.positions[idx])
            masks.append(np.arange(s, s + frames) < T)
    if not wins:
        raise ValueError("no validation windows: no validation take has 2 frames or more")
    if max_windows and len(wins) > max_windows:
        keep = np.linspace(0, len(wins) - 1, max_windows).round().astype(int)
        wins, masks = [wins[i] for i in keep], [masks[i] for i in keep]
    rng = np.random.default_rng(seed)
    pos = np.repeat(np.stack(wins), cams_per_window, axis=0)
    mask = np.repeat(np.stack(masks), cams_per_window, axis=0)
    centre = pos[:, :, 0].mean(1)
    R, cam, focal, size = CameraSampler().sample(rng, centre)
    pc, uv = project(pos, R, cam, focal, size)
    clean = screen_normalise(uv, size)
    noisy = screen_normalise((noise or detector_noise)(uv, rng), size)
    y = (pc - pc[:, :, :1]).astype(np.float32)
    return clean, noisy, y, mask


def take_digest(takes):
    h = hashlib.sha256()
    for t in sorted(takes, key=lambda t: t.id):
        h.update(t.id.encode())
        h.update(str(t.frames).encode())
    return h.hexdigest()[:16]
