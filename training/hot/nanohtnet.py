"""NanoHTNet (a tiny Human Topology aware Network with Hierarchical Mixers), written from the paper's
description on top of hot.htnet's three topology levels:

- Efficient Temporal-Spatial Tokenization: the window's per-frame normalised 2D trajectories [F, 17, 2] are
  transformed along time by an orthonormal DCT-II and only the K lowest coefficients are kept (a low-pass);
  each (coefficient, joint) pair becomes a token, so a block sees K x 17 tokens whatever F is;
- Hierarchical Mixers, one per block: spatial mixing over the joint, part and body levels (graph convolution,
  Intra-Part Constraint, self-attention over the 17 joints: the HTNet block's levels, per coefficient), then
  temporal mixing across the K coefficient tokens (an MLP along the coefficient axis, per joint and channel),
  then a channel MLP; pre-norm, residual;
- output: 3D coefficients per token, brought back to the F frames by the inverse of the kept DCT basis
  (``recover="idct"``: the output is low-pass, like the input), or by a learned K -> F map initialised to that
  inverse (``recover="learned"``). The DCT basis has zero slope at both window ends, so an idct output lags
  at the newest frame; the live variant (bounded look-ahead) uses "learned" and is trained with extra weight on
  the frame the live path emits (train.py --live-lookahead / --w-live).

Input [B, F, 17, 2] screen-normalised 2D; output [B, F, 17, 3] metres, pelvis at 0 (the runtime's
sequence-to-sequence interface).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as Fn

from .htnet import HTBlock, topology_mix
from .models import init_linears, normalise_per_frame
from .skeleton import NUM_JOINTS

RECOVERY = ("idct", "learned")


def dct_basis(frames, coefficients):
    """Orthonormal DCT-II basis, the first `coefficients` rows: [K, F] float32. Row k at frame t is
    sqrt(2/F) c_k cos(pi (t + 1/2) k / F), c_0 = 1/sqrt(2), so coefficients = basis @ signal and, with all F
    rows, signal = basis.T @ coefficients."""
    if not 1 <= coefficients <= frames:
        raise ValueError(f"DCT coefficients {coefficients} must be in 1..frames ({frames})")
    t = torch.arange(frames, dtype=torch.float64) + 0.5
    k = torch.arange(coefficients, dtype=torch.float64)[:, None]
    b = math.sqrt(2.0 / frames) * torch.cos(math.pi * t[None, :] * k / frames)
    b[0] /= math.sqrt(2.0)
    return b.to(torch.float32)


class NanoBlock(HTBlock):
    """One Hierarchical Mixer: the HTNet block's spatial levels on each coefficient's 17 joint tokens, a
    temporal mixer across the K coefficients, the channel MLP. x [B, K, J, C]."""

    def __init__(self, dim, heads, mlp_ratio, coefficients, ipc=True):
        super().__init__(dim, heads, mlp_ratio, ipc)
        hidden = max(coefficients, int(round(coefficients * mlp_ratio)))
        self.nt = nn.LayerNorm(dim)
        self.t1 = nn.Linear(coefficients, hidden)
        self.t2 = nn.Linear(hidden, coefficients)

    def forward(self, x):
        B, K, J, C = x.shape
        x = x + topology_mix(self, self.n1(x).reshape(B * K, J, C)).reshape(B, K, J, C)
        h = self.nt(x).permute(0, 2, 3, 1)                                 # [B, J, C, K]
        x = x + self.t2(Fn.gelu(self.t1(h))).permute(0, 3, 1, 2)          # mix across coefficients
        return x + self.fc2(Fn.gelu(self.fc1(self.n2(x))))


class NanoHTNet(nn.Module):
    """NanoHTNet lifter: [B, F, 17, 2] -> [B, F, 17, 3]. Paper defaults: 3 blocks, 240 channels, 9 DCT
    coefficients (here the channels split in three as in HTNet)."""

    def __init__(self, frames=27, dim=96, depth=3, heads=4, coefficients=9, mlp_ratio=2.0, recover="idct"):
        super().__init__()
        if recover not in RECOVERY:
            raise ValueError(f"recover '{recover}': expected one of {RECOVERY}")
        self.F = frames
        self.K = coefficients
        self.cfg = dict(mode="nanohtnet", frames=frames, dim=dim, depth=depth, heads=heads,
                        coefficients=coefficients, mlp_ratio=mlp_ratio, recover=recover)
        basis = dct_basis(frames, coefficients)
        self.register_buffer("basis", basis, persistent=False)                # [K, F]
        self.embed = nn.Linear(2, dim)
        self.pos_joint = nn.Parameter(torch.zeros(1, 1, NUM_JOINTS, dim))
        self.pos_coef = nn.Parameter(torch.zeros(1, coefficients, 1, dim))
        self.blocks = nn.ModuleList([NanoBlock(dim, heads, mlp_ratio, coefficients) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 3)
        init_linears(self)
        nn.init.trunc_normal_(self.pos_joint, std=0.02)
        nn.init.trunc_normal_(self.pos_coef, std=0.02)
        # learned recovery: a K -> F map per output, starting as the inverse of the kept basis
        self.recovery = nn.Parameter(basis.t().clone()) if recover == "learned" else None

    def tokens(self, x2d):
        """The kept DCT coefficients of the normalised 2D trajectories: [B, K, 17, 2]."""
        x = normalise_per_frame(x2d)
        return torch.einsum("kf,bfjc->bkjc", self.basis, x)

    def encode(self, x2d):
        """The encoder (everything before the output norm and head): [B, F, 17, 2] -> [B, K, 17, C].
        Contrastive pre-training (hot.poseclr) trains this part."""
        if x2d.shape[1] != self.F:
            raise ValueError(f"NanoHTNet was built for {self.F}-frame windows; got {x2d.shape[1]}")
        x = self.embed(self.tokens(x2d)) + self.pos_joint + self.pos_coef
        for b in self.blocks:
            x = b(x)
        return x

    def forward(self, x2d):
        coef = self.head(self.norm(self.encode(x2d)))                      # [B, K, J, 3]
        inverse = self.basis.t() if self.recovery is None else self.recovery  # [F, K]
        y = torch.einsum("fk,bkjc->bfjc", inverse, coef)
        return y - y[:, :, :1, :]
