"""MPJPE and Procrustes-aligned MPJPE (PA-MPJPE), in the units of the inputs."""
import numpy as np
import torch


def mpjpe_torch(pred, target):
    return torch.sqrt(((pred - target) ** 2).sum(-1) + 1e-12).mean()


def mpjpe(pred, target, mask=None):
    """Mean joint error; mask [...] (the leading dimensions of pred without J, 3) selects the poses scored."""
    e = np.linalg.norm(pred - target, axis=-1).mean(-1)
    return float(e.mean() if mask is None else e[mask].mean())


def pa_mpjpe(pred, target, mask=None):
    if mask is not None:
        pred, target = pred[mask], target[mask]
    return _pa_mpjpe(pred, target)


def _pa_mpjpe(pred, target):
    T = target.reshape(-1, target.shape[-2], 3).astype(np.float64)
    return float(np.linalg.norm(similarity_align(pred, target) - T, axis=-1).mean())


def similarity_align(pred, target):
    """Per-pose similarity (rotation, scale, translation) alignment of pred to target; [..., J, 3] -> [N, J, 3]."""
    P = pred.reshape(-1, pred.shape[-2], 3).astype(np.float64)
    T = target.reshape(-1, target.shape[-2], 3).astype(np.float64)
    mp, mt = P.mean(1, keepdims=True), T.mean(1, keepdims=True)
    P0, T0 = P - mp, T - mt
    nP = np.sqrt((P0 ** 2).sum((1, 2), keepdims=True)) + 1e-12
    nT = np.sqrt((T0 ** 2).sum((1, 2), keepdims=True)) + 1e-12
    P0, T0 = P0 / nP, T0 / nT
    H = np.einsum("bji,bjk->bik", P0, T0)
    U, S, Vt = np.linalg.svd(H)
    V = Vt.transpose(0, 2, 1)
    R = V @ U.transpose(0, 2, 1)
    sign = np.sign(np.linalg.det(R))
    V[:, :, -1] *= sign[:, None]
    S[:, -1] *= sign
    R = V @ U.transpose(0, 2, 1)
    scale = S.sum(1)[:, None, None] * nT / nP
    return scale * np.einsum("bij,bkj->bki", R, P - mp) + mt


# the 8 limb bones of the H36M 17-joint skeleton (parent, child): upper arms, forearms, thighs, shins
LIMB_BONES = ((11, 12), (12, 13), (14, 15), (15, 16), (1, 2), (2, 3), (4, 5), (5, 6))


def limb_angle_deg(pred, target, align=True):
    """Mean angle in degrees between the 8 limb bones of pred and target after a per-pose similarity alignment:
    the limbs' directions, free of the skeleton's proportions. [..., 17, 3]. align=False compares them as they are
    (for a check of a global rotation fit)."""
    A = similarity_align(pred, target) if align else pred.reshape(-1, pred.shape[-2], 3).astype(np.float64)
    T = target.reshape(-1, target.shape[-2], 3).astype(np.float64)
    par, chi = [b[0] for b in LIMB_BONES], [b[1] for b in LIMB_BONES]
    a, t = A[:, chi] - A[:, par], T[:, chi] - T[:, par]
    cos = (a * t).sum(-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(t, axis=-1) + 1e-12)
    return float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))).mean())
