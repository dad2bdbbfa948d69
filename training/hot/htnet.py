"""HTNet (Human Topology aware Network; Cai et al., ICASSP 2023), written from the paper's description: a
single-frame lifter whose blocks split the channels into three groups and model the human topology at three
levels, each level receiving the level below it (the "progressive" design):

- joint level (LJC): a graph convolution over the skeleton (H36M 17, parents from assets/skeleton/h36m17.json);
- part level (IPC, Intra-Part Constraint): each of the four limbs (two legs, two arms) constrains its end joint
  (ankle, wrist) by its parent joints: a 3-joint part (hip-knee-ankle, shoulder-elbow-wrist) and a 2-joint part
  (knee-ankle, elbow-wrist) are each encoded into the end joint's feature; other joints get a per-joint map;
- body level (GBI): multi-head self-attention over the 17 joint tokens.

The three outputs are concatenated and fused by a linear layer (residual), followed by an MLP (residual), as in
a transformer block. Paper defaults: 3 blocks, 240 channels (80 per level), 8 heads.

Like hot.models.FrameMLP the module takes screen-normalised 2D [B, F, 17, 2] and lifts each frame on its own
(frames never see each other), normalising each frame inside the graph; output [B, F, 17, 3], pelvis at 0.
"""
import torch
import torch.nn as nn
import torch.nn.functional as Fn

from .models import Attention, init_linears, normalise_per_frame
from .skeleton import NUM_JOINTS, PARENTS

# The four limbs as (root, middle, end) joints: R leg, L leg, L arm, R arm (H36M 17 order).
LIMBS = ((1, 2, 3), (4, 5, 6), (11, 12, 13), (14, 15, 16))


def limbs_from_parents(parents=PARENTS):
    """Checks LIMBS against the skeleton table: each end joint's parent is the middle joint, whose parent is
    the root joint. Returns LIMBS."""
    for root, mid, end in LIMBS:
        if parents[end] != mid or parents[mid] != root:
            raise ValueError(f"limb {(root, mid, end)} does not follow the skeleton's parents {parents}")
    return LIMBS


def skeleton_adjacency(parents=PARENTS):
    """Symmetrically normalised adjacency with self-loops, D^-1/2 (A + I) D^-1/2, [J, J] float32."""
    J = len(parents)
    a = torch.eye(J)
    for j, p in enumerate(parents):
        if p >= 0:
            a[j, p] = a[p, j] = 1.0
    d = a.sum(1).rsqrt()
    return d[:, None] * a * d[None, :]


class JointGraphConv(nn.Module):
    """Joint level: y = A_hat (x W) + x U + b over the skeleton graph (a neighbour map and a self map)."""

    def __init__(self, dim):
        super().__init__()
        self.neighbour = nn.Linear(dim, dim, bias=False)
        self.self_map = nn.Linear(dim, dim)
        self.register_buffer("adj", skeleton_adjacency(), persistent=False)

    def forward(self, x):  # [N, J, C]
        return torch.matmul(self.adj, self.neighbour(x)) + self.self_map(x)


class IntraPartConstraint(nn.Module):
    """Part level: every joint gets a per-joint map; each limb's end joint also gets an encoding of its 3-joint
    part (root, middle, end) and of its 2-joint part (middle, end), i.e. it is constrained by its parents.
    The encodings are shared by the four limbs (the joint embeddings tell the limbs apart). The two part biases
    are redundant (their sum is what counts; they receive the same gradient and stay equal, so the ONNX exporter
    stores one of them); they are kept so the shipped htnet-f27 checkpoint loads as it was trained."""

    def __init__(self, dim):
        super().__init__()
        limbs = limbs_from_parents()
        self.joint = nn.Linear(dim, dim)
        self.part3 = nn.Linear(3 * dim, dim)
        self.part2 = nn.Linear(2 * dim, dim)
        self.register_buffer("roots", torch.tensor([l[0] for l in limbs]), persistent=False)
        self.register_buffer("mids", torch.tensor([l[1] for l in limbs]), persistent=False)
        self.register_buffer("ends", torch.tensor([l[2] for l in limbs]), persistent=False)
        scatter = torch.zeros(NUM_JOINTS, len(limbs))  # [J, 4]: puts limb i's term on its end joint
        for i, l in enumerate(limbs):
            scatter[l[2], i] = 1.0
        self.register_buffer("scatter", scatter, persistent=False)

    def forward(self, x):  # [N, J, C]
        xr = torch.index_select(x, 1, self.roots)
        xm = torch.index_select(x, 1, self.mids)
        xe = torch.index_select(x, 1, self.ends)
        limb = self.part3(torch.cat([xr, xm, xe], dim=-1)) + self.part2(torch.cat([xm, xe], dim=-1))  # [N,4,C]
        return self.joint(x) + torch.matmul(self.scatter, limb)


class HTBlock(nn.Module):
    """One HTNet block: channel split into joint / part / body thirds, progressive (each level adds the level
    below's output to its own input), concatenated and fused; then an MLP. Pre-norm, residual."""

    def __init__(self, dim, heads, mlp_ratio, ipc=True):
        super().__init__()
        if dim % 3:
            raise ValueError(f"HTNet channels {dim} must split in three; give a multiple of 3")
        c = dim // 3
        if c % heads:
            raise ValueError(f"HTNet channels per level {c} not divisible by heads {heads}")
        self.c = c
        self.n1 = nn.LayerNorm(dim)
        self.joint = JointGraphConv(c)
        self.part = IntraPartConstraint(c) if ipc else nn.Linear(c, c)
        self.body = Attention(c, heads)
        self.fuse = nn.Linear(dim, dim)
        self.n2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, int(dim * mlp_ratio))
        self.fc2 = nn.Linear(int(dim * mlp_ratio), dim)

    def forward(self, x):  # [N, J, C]
        x = x + topology_mix(self, self.n1(x))
        return x + self.fc2(Fn.gelu(self.fc1(self.n2(x))))


def topology_mix(block, h):
    """The three levels of an HTNet block on normalised tokens h [N, J, C]: joint (first third of the
    channels), part (second third, plus the joint level's output), body (last third, plus the part level's
    output); concatenated and fused. Shared by HTBlock and NanoHTNet's mixer."""
    c = block.c
    hj = block.joint(h[..., :c])
    hp = block.part(h[..., c:2 * c] + hj)
    hb = block.body(h[..., 2 * c:] + hp)
    return block.fuse(torch.cat([hj, hp, hb], dim=-1))


class HTNet(nn.Module):
    """Per-frame HTNet lifter: [B, F, 17, 2] screen-normalised 2D -> [B, F, 17, 3] metres, pelvis at 0.
    ipc=False replaces the part level by a per-joint linear map (an ablation; not the paper's model)."""

    def __init__(self, dim=240, depth=3, heads=8, mlp_ratio=2.0, ipc=True):
        super().__init__()
        self.cfg = dict(mode="htnet", dim=dim, depth=depth, heads=heads, mlp_ratio=mlp_ratio)
        if not ipc:
            self.cfg["ipc"] = False
        self.embed = nn.Linear(2, dim)
        self.pos = nn.Parameter(torch.zeros(1, NUM_JOINTS, dim))
        self.blocks = nn.ModuleList([HTBlock(dim, heads, mlp_ratio, ipc) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 3)
        init_linears(self)
        nn.init.trunc_normal_(self.pos, std=0.02)

    def _joint_features(self, x2d):  # [B, F, 17, 2] -> [B * F, 17, C]
        B, F, J, _ = x2d.shape
        x = self.embed(normalise_per_frame(x2d).reshape(B * F, J, 2)) + self.pos
        for b in self.blocks:
            x = b(x)
        return x

    def encode(self, x2d):
        """The encoder (everything before the output norm and head): [B, F, 17, 2] -> features [B, F, 17, C].
        Contrastive pre-training (hot.poseclr) trains this part."""
        B, F, J, _ = x2d.shape
        return self._joint_features(x2d).reshape(B, F, J, -1)

    def forward(self, x2d):
        # The exported graph must stay as it was when htnet-f27 shipped: its ONNX file is loaded back into
        # PyTorch by matching the initializers of a fresh export (hot.onnx_weights), which breaks when the
        # graph's operations change order. So the head runs on [B * F, 17, C], as then.
        B, F, J, _ = x2d.shape
        y = self.head(self.norm(self._joint_features(x2d))).reshape(B, F, J, 3)
        return y - y[:, :, :1, :]
