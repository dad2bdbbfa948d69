#!/usr/bin/env python3
"""FALLBACK dataset writer, used only because `mocap dataset` (issue 4) had not produced its output in
time: reads the CMU BVH files under ../shared/mocap (both rigs) and writes the "Training dataset" format
of docs/formats.md (manifest.json + takes/*.npy, [frames,17,3] float32 metres, Y up, 30 fps).

  python3 training/prepare_bvh.py /work/shared/mocap training/data/cmu30

Joint mapping (both rigs): hips/knees/ankles/shoulders/elbows/wrists = thigh/shin(calf)/foot/upper
arm/forearm/hand joint origins; pelvis = midpoint of the hips; thorax = neck joint origin; spine =
midpoint of pelvis and thorax; neck_nose = midpoint of the eyes; head = head joint + 0.18 m along
thorax->head joint (head top estimate). Units: centimetres detected from the leg length. Up axis:
detected (iClone files are Z-up at the root) and rotated to Y up."""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hot.data import CMU_CREDIT  # noqa: E402
from hot.skeleton import NAMES  # noqa: E402

RIGS = {
    "cmu-iclone": dict(hip_r="CC_Base_R_Thigh", knee_r="CC_Base_R_Calf", ankle_r="CC_Base_R_Foot",
                       hip_l="CC_Base_L_Thigh", knee_l="CC_Base_L_Calf", ankle_l="CC_Base_L_Foot",
                       neck="CC_Base_NeckTwist01", head="CC_Base_Head", eye_l="CC_Base_L_Eye",
                       eye_r="CC_Base_R_Eye", sh_l="CC_Base_L_Upperarm", el_l="CC_Base_L_Forearm",
                       wr_l="CC_Base_L_Hand", sh_r="CC_Base_R_Upperarm", el_r="CC_Base_R_Forearm",
                       wr_r="CC_Base_R_Hand"),
    "cmu-acrnn": dict(hip_r="rThigh", knee_r="rShin", ankle_r="rFoot", hip_l="lThigh", knee_l="lShin",
                      ankle_l="lFoot", neck="neck", head="head", eye_l="leftEye", eye_r="rightEye",
                      sh_l="lShldr", el_l="lForeArm", wr_l="lHand", sh_r="rShldr", el_r="rForeArm",
                      wr_r="rHand"),
}


def parse_bvh(path):
    with open(path, "r", encoding="utf-8", errors="replace") as f:
        tokens = f.read().split()
    i = 0
    joints = []  # dicts: name, parent, offset, channels
    stack = []
    while tokens[i] != "MOTION":
        t = tokens[i]
        if t in ("ROOT", "JOINT"):
            joints.append(dict(name=tokens[i + 1], parent=stack[-1] if stack else -1, offset=None, channels=[]))
            i += 2
        elif t == "End":
            joints.append(dict(name=None, parent=stack[-1], offset=None, channels=[]))
            i += 2
        elif t == "{":
            stack.append(len(joints) - 1)
            i += 1
        elif t == "}":
            stack.pop()
            i += 1
        elif t == "OFFSET":
            joints[stack[-1]]["offset"] = np.array([float(v) for v in tokens[i + 1:i + 4]])
            i += 4
        elif t == "CHANNELS":
            n = int(tokens[i + 1])
            joints[stack[-1]]["channels"] = tokens[i + 2:i + 2 + n]
            i += 2 + n
        else:
            i += 1
    frames = int(tokens[i + 2])
    ft = float(tokens[i + 5])
    data = np.array(tokens[i + 6:], dtype=np.float64)
    nch = sum(len(j["channels"]) for j in joints)
    data = data[:frames * nch].reshape(frames, nch)
    return joints, data, ft


def _axis_rot(axis, deg):
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    R = np.zeros(a.shape + (3, 3))
    i, j = {"X": (1, 2), "Y": (2, 0), "Z": (0, 1)}[axis]
    k = 3 - i - j
    R[..., k, k] = 1
    R[..., i, i] = c
    R[..., j, j] = c
    R[..., i, j] = -s
    R[..., j, i] = s
    return R


def forward_kinematics(joints, data):
    T = data.shape[0]
    pos = np.zeros((T, len(joints), 3))
    rot = np.zeros((T, len(joints), 3, 3))
    col = 0
    for ji, j in enumerate(joints):
        R = np.broadcast_to(np.eye(3), (T, 3, 3)).copy()
        trans = np.broadcast_to(j["offset"], (T, 3)).copy()
        tpos = {}
        for ch in j["channels"]:
            v = data[:, col]
            col += 1
            if ch.endswith("rotation"):
                R = R @ _axis_rot(ch[0].upper(), v)
            else:
                tpos[ch[0].upper()] = v
        if tpos:
            trans = np.stack([tpos.get(a, np.zeros(T)) for a in "XYZ"], -1) + (j["offset"] if j["parent"] < 0 else 0)
        p = j["parent"]
        if p < 0:
            pos[:, ji] = trans
            rot[:, ji] = R
        else:
            pos[:, ji] = pos[:, p] + np.einsum("tij,tj->ti", rot[:, p], trans)
            rot[:, ji] = rot[:, p] @ R
    return pos


def to_h36m(joints, pos, rig):
    idx = {j["name"]: i for i, j in enumerate(joints) if j["name"]}
    g = {k: pos[:, idx[v]] for k, v in RIGS[rig].items()}
    pelvis = (g["hip_l"] + g["hip_r"]) / 2
    thorax = g["neck"]
    up = g["head"] - thorax
    up /= np.linalg.norm(up, axis=-1, keepdims=True) + 1e-9
    out = np.stack([pelvis, g["hip_r"], g["knee_r"], g["ankle_r"], g["hip_l"], g["knee_l"], g["ankle_l"],
                    (pelvis + thorax) / 2, thorax, (g["eye_l"] + g["eye_r"]) / 2, g["head"] + 0, g["sh_l"],
                    g["el_l"], g["wr_l"], g["sh_r"], g["el_r"], g["wr_r"]], 1)
    return out, up


def convert(path, rig):
    joints, data, ft = parse_bvh(path)
    pos = forward_kinematics(joints, data)
    h, up = to_h36m(joints, pos, rig)
    leg = np.linalg.norm(h[:, 2] - h[:, 1], axis=-1).mean() + np.linalg.norm(h[:, 3] - h[:, 2], axis=-1).mean()
    scale = 0.01 if leg > 10 else (0.0254 if leg > 3 else 1.0)
    h = h * scale
    # up axis: rotate so that the mean pelvis->thorax direction is +Y
    v = (h[:, 8] - h[:, 0]).mean(0)
    ax = int(np.argmax(np.abs(v)))
    sign = np.sign(v[ax])
    if ax == 2:      # Z up -> Y up (right-handed: (x, y, z) -> (x, z, -y))
        h = np.stack([h[..., 0], sign * h[..., 2], -sign * h[..., 1]], -1)
        up = np.stack([up[..., 0], sign * up[..., 2], -sign * up[..., 1]], -1)
    elif ax == 1 and sign < 0:
        h = np.stack([h[..., 0], -h[..., 1], -h[..., 2]], -1)
        up = np.stack([up[..., 0], -up[..., 1], -up[..., 2]], -1)
    elif ax == 0:
        h = np.stack([-sign * h[..., 1], sign * h[..., 0], h[..., 2]], -1)
        up = np.stack([-sign * up[..., 1], sign * up[..., 0], up[..., 2]], -1)
    h[:, 10] = h[:, 10] + 0.18 * up * 1.0  # head top estimate
    # floor at y = 0 (lowest ankle over the take, minus ankle height)
    h[..., 1] -= h[:, [3, 6], 1].min() - 0.08
    # resample to 30 fps
    T = h.shape[0]
    dur = (T - 1) * ft
    n = int(np.floor(dur * 30)) + 1
    tt = np.arange(n) / 30.0 / ft
    i0 = np.clip(np.floor(tt).astype(int), 0, T - 1)
    i1 = np.minimum(i0 + 1, T - 1)
    a = (tt - i0)[:, None, None]
    out = h[i0] * (1 - a) + h[i1] * a
    return out.astype(np.float32), 1.0 / ft


def main():
    src, dst = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(dst, "takes"), exist_ok=True)
    takes = []
    for rig in RIGS:
        root = os.path.join(src, rig)
        for dp, _, files in os.walk(root):
            for fn in sorted(files):
                if not fn.endswith(".bvh") or fn == "standard_tpose.bvh":
                    continue
                p = os.path.join(dp, fn)
                rel = os.path.relpath(p, src)
                tid = rel[:-4].replace(os.sep, "/")
                arr, fps = convert(p, rig)
                if arr.shape[0] < 30:
                    continue
                fname = "takes/" + tid.replace("/", "_") + ".npy"
                np.save(os.path.join(dst, fname), arr)
                subj = fn.split("_")[0] if rig == "cmu-iclone" else None
                takes.append(dict(id=tid, file=fname, source=rel, rig=rig, originalFrameRateHz=round(fps),
                                  frames=int(arr.shape[0]), subject=subj))
                print(tid, arr.shape, f"{fps:.0f}fps", flush=True)
    man = {"version": 1, "frameRateHz": 30, "joints": NAMES, "units": "metres",
           "axes": "Y up, right-handed; rig's own forward", "credit": CMU_CREDIT, "takes": takes,
           "writer": "training/prepare_bvh.py (fallback)"}
    with open(os.path.join(dst, "manifest.json"), "w") as f:
        json.dump(man, f, indent=1)
    print(len(takes), "takes,", sum(t["frames"] for t in takes), "frames")


if __name__ == "__main__":
    main()
