#!/usr/bin/env python3
"""Measures BlazePose's 2D error against the renderer's truth and writes the noise model train.py samples
from (--noise blazepose; format: docs/formats.md "2D noise model").

  python3 training/measure_noise.py /work/data/noise/*.truth.json --out training/noise/blazepose.json

Each <stem>.truth.json (mocap render-synthetic) needs <stem>.kp.json (mocap keypoints) beside it. The truth's
17 joints are placed from the rig's joints as the end-to-end test places them (pelvis halfway between the
upper legs, thorax at the neck or between the shoulders, head top a tenth of the stature above the head
joint); the rig names are those of the built-in characters' humanoid maps (retarget BuiltInCharacters).
Errors are in units of the person's 2D extent (the larger side of the truth joints' bounding box):
  - bias: the mean error of each joint in its bone's frame (along the parent-to-joint direction in the image,
    and across it; image x/y for the pelvis), so a systematic offset along a forearm is kept as such;
  - spread: the standard deviation of what is left (image x and y);
  - lag-1 correlation of that residual (how smooth the error is over time);
  - left/right swaps: frames where a limb pair fits the truth clearly better swapped, and their run length;
  - outliers: joints more than 0.25 extents off (after swaps), their rate and size;
  - missed frames: frames with no person found;
  - failed frames (version 2): frames where BlazePose found a person but the median joint is more than 0.2
    extents off (it tracked a collapsed or wrong body: a 2D-stage failure no lifter can undo). They are
    counted per clip and overall and left out of the joint statistics above, so one lost clip does not
    inflate the spread and outlier rates of every joint."""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.skeleton import NAMES, PARENTS  # noqa: E402

# Rig joint names of the built-in characters (facts from retarget's BuiltInCharacters humanoid maps):
# hips, spine, chest, upper chest, neck, head; then per side upper arm, lower arm, hand, upper leg, lower leg, foot.
RIGS = {
    "sinbad": dict(spine=["Stomach", "Chest"], neck="Neck", head="Head",
                   L=["Humerus.L", "Ulna.L", "Hand.L", "Thigh.L", "Calf.L", "Foot.L"],
                   R=["Humerus.R", "Ulna.R", "Hand.R", "Thigh.R", "Calf.R", "Foot.R"]),
    "ninja": dict(spine=["Joint3", "Joint5", "Joint6"], neck=None, head="Joint7",
                  L=["Joint15", "Joint16", "Joint17", "Joint23", "Joint24", "Joint25"],
                  R=["Joint10", "Joint11", "Joint12", "Joint18", "Joint19", "Joint20"]),
    "jaime": dict(spine=["spine", "ribs"], neck="neck", head="head",
                  L=["upper_arm.L", "forearm.L", "hand.L", "thigh.L", "shin.L", "foot.L"],
                  R=["upper_arm.R", "forearm.R", "hand.R", "thigh.R", "shin.R", "foot.R"]),
}
LIMB_PAIRS = {"legs": ([1, 2, 3], [4, 5, 6]), "arms": ([14, 15, 16], [11, 12, 13])}
OUTLIER = 0.25
FAILED = 0.2


def truth17(world, names, rig, stature):
    """world [T, joints, 3] -> [T, 17, 3] in the H36M order."""
    at = {n: world[:, names.index(n)] for n in names}
    L, R = [at[n] for n in rig["L"]], [at[n] for n in rig["R"]]
    p = np.zeros((world.shape[0], 17, 3))
    p[:, 1], p[:, 2], p[:, 3] = R[3], R[4], R[5]
    p[:, 4], p[:, 5], p[:, 6] = L[3], L[4], L[5]
    p[:, 0] = (p[:, 1] + p[:, 4]) / 2
    p[:, 11], p[:, 12], p[:, 13] = L[0], L[1], L[2]
    p[:, 14], p[:, 15], p[:, 16] = R[0], R[1], R[2]
    p[:, 8] = at[rig["neck"]] if rig["neck"] else (p[:, 11] + p[:, 14]) / 2
    mid = (p[:, 0] + p[:, 8]) / 2
    cands = np.stack([at[n] for n in rig["spine"]], 1)                  # [T, c, 3]
    best = np.argmin(np.linalg.norm(cands - mid[:, None], axis=-1), axis=1)
    p[:, 7] = cands[np.arange(len(best)), best]
    p[:, 9] = at[rig["head"]]
    up = p[:, 9] - p[:, 8]
    p[:, 10] = p[:, 9] + 0.1 * stature * up / np.linalg.norm(up, axis=-1, keepdims=True)
    return p


def to_camera(p, cams):
    """World points [T, J, 3] into each frame's camera (q = R p + t: x right, y down, z forward)."""
    return np.stack([p[t] @ np.asarray(c["rotation"]).T + np.asarray(c["translation"]) for t, c in enumerate(cams)])


def truth_camera17(truth, root_relative=True):
    """A render truth's 17 joints (placed from the rig as truth17 places them) in each frame's camera (x right, y down,
    z forward), [T, 17, 3]; with root_relative the pelvis is at the origin. Raises ValueError for a character with no
    rig table."""
    char = truth["character"].split()[0].lower()
    if char not in RIGS:
        raise ValueError(f"character '{char}' has no rig table; expected one of {sorted(RIGS)}")
    names = [j["name"] for j in truth["joints"]]
    world = np.array([fr["world"] for fr in truth["frames"]], dtype=np.float64)
    q = to_camera(truth17(world, names, RIGS[char], truth["characterHeightMetres"]), [fr["camera"] for fr in truth["frames"]])
    return q - q[:, :1] if root_relative else q


def project(p, cams):
    return pinhole(to_camera(p, cams), cams)


def pinhole(q, cams):
    """Camera-frame points [T, J, 3] to pixels [T, J, 2] through each frame's intrinsics."""
    fx, fy = np.array([c["fx"] for c in cams])[:, None], np.array([c["fy"] for c in cams])[:, None]
    cx, cy = np.array([c["cx"] for c in cams])[:, None], np.array([c["cy"] for c in cams])[:, None]
    return np.stack([fx * q[..., 0] / q[..., 2] + cx, fy * q[..., 1] / q[..., 2] + cy], -1)


def read_render(truth_path):
    """A render's truth (mocap render-synthetic) and BlazePose's keypoints of it (<stem>.kp.json beside it, from
    mocap keypoints), as parsed JSON; raises ValueError when the keypoints file is missing."""
    kp_path = truth_path[:-len(".truth.json")] + ".kp.json"
    if not os.path.isfile(kp_path):
        raise ValueError(f"{truth_path}: no keypoints file {kp_path} beside it; make it with mocap keypoints")
    with open(truth_path, encoding="utf-8") as f:
        tr = json.load(f)
    with open(kp_path, encoding="utf-8") as f:
        return tr, json.load(f)


def detections(kp, frames):
    """BlazePose's 17 joints (pixels) of a keypoints file's first `frames` frames, [frames, 17, 2], NaN where no
    person was found."""
    det = np.full((frames, 17, 2), np.nan)
    for i, fr in enumerate(kp["frames"][:frames]):
        if fr.get("person") and fr.get("joints17"):
            det[i] = np.asarray(fr["joints17"], dtype=np.float64)[:, :2]
    return det


def load_clip(truth_path):
    tr, kp = read_render(truth_path)
    try:
        t17 = pinhole(truth_camera17(tr, root_relative=False), [fr["camera"] for fr in tr["frames"]])
    except ValueError as e:
        raise ValueError(f"{truth_path}: {e}")
    n = min(len(tr["frames"]), len(kp["frames"]))
    return dict(name=os.path.basename(truth_path)[:-len(".truth.json")], truth=t17[:n], det=detections(kp, n))


def bone_frame(truth):
    """Unit vectors [T, 17, 2, 2] (along, across) of each joint's parent-to-joint bone in the image;
    image axes for the root."""
    T = truth.shape[0]
    out = np.zeros((T, 17, 2, 2))
    out[:, :, 0] = [1, 0]
    out[:, :, 1] = [0, 1]
    for j in range(1, 17):
        d = truth[:, j] - truth[:, PARENTS[j]]
        n = np.linalg.norm(d, axis=-1, keepdims=True)
        ok = n[:, 0] > 1e-6
        a = np.where(ok[:, None], d / np.maximum(n, 1e-6), [1.0, 0.0])
        out[:, j, 0] = a
        out[:, j, 1] = np.stack([-a[:, 1], a[:, 0]], -1)
    return out


def measure(clips):
    errs, local, resid_pairs, swaps, runs, missed, frames = [], [], [], {k: 0 for k in LIMB_PAIRS}, \
        {k: [] for k in LIMB_PAIRS}, 0, 0
    failed_total = 0
    per_clip = {}
    for c in clips:
        tr, det = c["truth"], c["det"].copy()
        ext = (tr.max(1) - tr.min(1)).max(-1)[:, None, None]           # [T,1,1] pixels
        found = ~np.isnan(det[:, 0, 0])
        missed += int((~found).sum())
        frames += len(found)
        # left/right swaps per limb pair: swapped assignment fits clearly better (by 0.1 extent on average)
        for k, (r, l) in LIMB_PAIRS.items():
            e_keep = np.linalg.norm(det[:, r + l] - tr[:, r + l], axis=-1).mean(-1)
            e_swap = np.linalg.norm(det[:, l + r] - tr[:, r + l], axis=-1).mean(-1)
            sw = found & (e_swap + 0.1 * ext[:, 0, 0] < e_keep)
            swaps[k] += int(sw.sum())
            run = 0
            for s in list(sw) + [False]:
                if s:
                    run += 1
                elif run:
                    runs[k].append(run)
                    run = 0
            det[sw] = det[sw][:, _swap_index(r, l)]
        e = (det - tr) / ext                                            # [T,17,2] extents
        detected = found.copy()
        with np.errstate(invalid="ignore"):
            failed = found & (np.median(np.linalg.norm(e, axis=-1), axis=1) > FAILED)
        failed_total += int(failed.sum())
        found = found & ~failed
        errs.append(e[found])
        bf = bone_frame(tr)
        local.append(np.einsum("tjab,tjb->tja", bf, e)[found])
        resid_pairs.append((e, found))
        per_clip[c["name"]] = dict(
            frames=int(len(found)), found=int(detected.sum()), failed=int(failed.sum()),
            mean_error=round(float(np.nanmean(np.linalg.norm(e[detected], axis=-1))), 4),
            median_error_usable=round(float(np.median(np.linalg.norm(e[found], axis=-1))), 4) if found.any() else None)
    E = np.concatenate(errs)
    Lc = np.concatenate(local)
    mag = np.linalg.norm(E, axis=-1)                                    # [N,17]
    inl = mag <= OUTLIER
    bias = np.array([[np.mean(Lc[inl[:, j], j, a]) for a in range(2)] for j in range(17)])
    # residual after the bias (image axes): subtract the bias rotated back per frame
    rho_num = np.zeros(17)
    rho_den = np.zeros(17)
    spread = np.zeros((17, 2))
    cnt = np.zeros(17)
    for (e, found), c in zip(resid_pairs, clips):
        bf = bone_frame(c["truth"])
        b_img = np.einsum("tjab,ja->tjb", bf, bias)
        r = e - b_img
        ok = found[:, None] & (np.linalg.norm(e, axis=-1) <= OUTLIER)
        for j in range(17):
            rj = r[ok[:, j], j]
            spread[j] += (rj ** 2).sum(0)
            cnt[j] += len(rj)
            both = ok[1:, j] & ok[:-1, j]
            x0, x1 = r[:-1, j][both], r[1:, j][both]
            x0 = x0 - x0.mean(0) if len(x0) else x0
            x1 = x1 - x1.mean(0) if len(x1) else x1
            rho_num[j] += (x0 * x1).sum()
            rho_den[j] += np.sqrt((x0 ** 2).sum() * (x1 ** 2).sum())
    spread = np.sqrt(spread / np.maximum(cnt, 1)[:, None])
    rho = np.clip(rho_num / np.maximum(rho_den, 1e-12), 0.0, 0.99)
    out_rate = 1 - inl.mean(0)
    out_size = np.array([float(np.median(mag[~inl[:, j], j])) if (~inl[:, j]).any() else 0.0 for j in range(17)])
    found_frames = frames - missed - failed_total
    return {
        "version": 2,
        "kind": "blazepose-vs-render-truth",
        "units": "fractions of the person's 2D extent (the larger side of the truth joints' bounding box)",
        "joints": NAMES,
        "bias": {"frame": "per joint: [along, across] its parent-to-joint bone in the image; image [x, y] "
                          "for the pelvis", "values": np.round(bias, 5).tolist()},
        "spread": {"frame": "image [x, y], standard deviation after the bias", "values": np.round(spread, 5).tolist()},
        "lag1Correlation": np.round(rho, 3).tolist(),
        "outliers": {"threshold": OUTLIER, "rate": np.round(out_rate, 4).tolist(),
                     "medianSize": np.round(out_size, 4).tolist()},
        "swaps": {k: {"rate": round(swaps[k] / max(found_frames, 1), 4),
                      "meanRunFrames": round(float(np.mean(runs[k])), 2) if runs[k] else 0.0}
                  for k in LIMB_PAIRS},
        "missedFrameRate": round(missed / max(frames, 1), 4),
        "failedFrameRate": {"threshold": FAILED, "rate": round(failed_total / max(frames, 1), 4)},
        "frames": frames,
        "clips": per_clip,
    }


def _swap_index(r, l):
    idx = list(range(17))
    for a, b in zip(r, l):
        idx[a], idx[b] = b, a
    return idx


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("truth", nargs="+", help="<stem>.truth.json files with <stem>.kp.json beside them")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    model = measure([load_clip(p) for p in args.truth])
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(model, f, indent=1)
    print(json.dumps({k: model[k] for k in ("swaps", "missedFrameRate", "failedFrameRate", "frames", "clips")}))


if __name__ == "__main__":
    main()
