"""MixSTE-style seq2seq lifter, HoT (Token Pruning Cluster + Token Recovering Attention) on the same
backbone, TPC-only seq2frame, pluggable pruning/recovery alternatives, and the single-frame MLP floor.

Every model takes screen-normalised 2D [B, F, 17, 2] and does its own per-frame normalisation
(root-relative, divided by the RMS joint distance from the pelvis) inside the graph, so the exported
ONNX file needs only the documented "screen" normalisation from the Java runtime.
Outputs: [B, F, 17, 3] (seq2seq) or [B, 1, 17, 3] (seq2frame), metres, camera frame, pelvis at 0.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as Fn

from .skeleton import NUM_JOINTS

# Deterministic tie-breaking inside the graph (see issue 5): density ties broken by frame index x 1e-5,
# remaining score ties by frame index x 1e-7 (earlier frames win... i.e. later frames get the bonus).
DENSITY_TIE_EPS = 1e-5
SCORE_TIE_EPS = 1e-7


def normalise_per_frame(x, eps=1e-4):
    """Root-relative, scale-normalised 2D: x [B,F,J,2] -> same shape."""
    x = x - x[:, :, :1, :]
    scale = torch.sqrt((x * x).sum(-1).mean(-1, keepdim=True)).unsqueeze(-1)  # [B,F,1,1]
    return x / torch.clamp(scale, min=eps)


def _init_linear(m, std=0.02):
    nn.init.trunc_normal_(m.weight, std=std)
    if m.bias is not None:
        nn.init.zeros_(m.bias)


def init_linears(module, std=0.02):
    """Truncated-normal weights and zero biases for every nn.Linear in module, in module order."""
    for m in module.modules():
        if isinstance(m, nn.Linear):
            _init_linear(m, std)


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        assert dim % heads == 0, f"dim {dim} not divisible by heads {heads}"
        self.heads = heads
        self.hd = dim // heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)
        self.last_attn = None
        self.keep_attn = False

    def forward(self, x):  # x [N, T, C]
        N, T, C = x.shape
        qkv = self.qkv(x).reshape(N, T, 3, self.heads, self.hd).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = torch.softmax((q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.hd)), dim=-1)
        if self.keep_attn:
            self.last_attn = attn
        out = (attn @ v).transpose(1, 2).reshape(N, T, C)
        return self.proj(out)


class Block(nn.Module):
    """Pre-norm transformer block over the sequence axis of [N, T, C]."""

    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.n1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.n2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, int(dim * mlp_ratio))
        self.fc2 = nn.Linear(int(dim * mlp_ratio), dim)

    def forward(self, x):
        x = x + self.attn(self.n1(x))
        return x + self.fc2(Fn.gelu(self.fc1(self.n2(x))))


def spatial(block, x):  # x [B,F,J,C], attention across joints
    B, F, J, C = x.shape
    return block(x.reshape(B * F, J, C)).reshape(B, F, J, C)


def temporal(block, x):  # attention across frames
    B, F, J, C = x.shape
    y = block(x.permute(0, 2, 1, 3).reshape(B * J, F, C))
    return y.reshape(B, J, F, C).permute(0, 2, 1, 3)


# ------------------------------------------------------------------------------------------ pruning

def _time_order(idx):
    """Sort kept frame indices [B,n] ascending (via a float TopK: ONNX-friendly)."""
    vals, _ = torch.topk(idx.to(torch.float32), idx.shape[1], dim=1, largest=False, sorted=True)
    return vals.to(torch.int64)


def dpc_knn_scores(tokens, knn, stats=None):
    """Density-peak clustering scores of frames. tokens [B,F,C] (joint-pooled).
    density: exp(-mean squared distance to the knn nearest frames, itself included) + frame index x 1e-5;
    delta: distance to the nearest denser frame (the largest distance for the densest);
    score: density x delta + frame index x 1e-7. Deterministic, no random noise."""
    B, F, C = tokens.shape
    diff = tokens.unsqueeze(2) - tokens.unsqueeze(1)              # [B,F,F,C]; exact 0 on the diagonal
    d2 = (diff * diff).sum(-1) * (1.0 / C)                        # [B,F,F]
    nearest, _ = torch.topk(d2, knn, dim=-1, largest=False)       # includes self (0), as DPC-kNN does
    frame = torch.arange(F, dtype=tokens.dtype, device=tokens.device).unsqueeze(0)
    raw = torch.exp(-nearest.mean(-1))                             # [B,F]; mutual nearest neighbours tie
    if stats is not None and not torch.jit.is_tracing():
        r = raw.detach()
        stats["density_ties"] = int(((r.unsqueeze(1) == r.unsqueeze(2)).sum() - r.numel()) // 2)
    density = raw + frame * DENSITY_TIE_EPS
    dist = torch.sqrt(d2 + 1e-12)
    dmax = dist.reshape(B, F * F).max(dim=1)[0].reshape(B, 1, 1)
    denser = density.unsqueeze(1) > density.unsqueeze(2)          # [b,i,j]: j denser than i
    delta = torch.where(denser, dist, dmax.expand(B, F, F)).min(dim=-1)[0]
    return density * delta + frame * SCORE_TIE_EPS


class Pruner(nn.Module):
    """Chooses n of F frames (returned in time order) from tokens after block k."""

    def __init__(self, method, frames, n, knn=2):
        super().__init__()
        if method not in ("tpc", "uniform", "attention", "motion"):
            raise ValueError(f"unknown pruning '{method}'; expected one of [tpc, uniform, attention, motion]")
        self.method, self.F, self.n, self.knn = method, frames, n, knn
        self.stats = {}
        self.register_buffer("uniform_idx", torch.round(torch.linspace(0, frames - 1, n)).to(torch.int64),
                             persistent=False)

    def forward(self, x, x2d, attn):
        B = x.shape[0]
        frame = torch.arange(self.F, dtype=x.dtype, device=x.device).unsqueeze(0)
        if self.method == "uniform":
            return self.uniform_idx.unsqueeze(0).expand(B, self.n)
        with torch.no_grad():
            if self.method == "tpc":
                score = dpc_knn_scores(x.mean(2), self.knn, self.stats)
            elif self.method == "attention":
                # attention each frame receives in the last temporal block before pruning
                H = attn.shape[1]
                a = attn.reshape(B, -1, H, self.F, self.F)
                score = a.mean(dim=(1, 2, 3)) + frame * SCORE_TIE_EPS
            else:  # motion: largest 2D motion of the normalised input
                v = torch.sqrt(((x2d[:, 1:] - x2d[:, :-1]) ** 2).sum(-1) + 1e-12).mean(-1)  # [B,F-1]
                score = torch.cat([v[:, :1], v], dim=1) + frame * SCORE_TIE_EPS
            idx = torch.topk(score, self.n, dim=1)[1]
        return _time_order(idx)


# ----------------------------------------------------------------------------------------- recovery

def tra_flags(time_keys, identity_init):
    """The TRA options as config entries (only those that are on, so older configs stay unchanged)."""
    return {k: True for k, on in (("tra_time_keys", time_keys), ("tra_identity_init", identity_init)) if on}


class TokenRecoveringAttention(nn.Module):
    """Zero-initialised learnable queries for all F frames cross-attend (per joint, over time) to the
    n kept tokens: one multi-head cross-attention with a residual.

    time_keys=True adds a learnable embedding of each kept token's ORIGINAL frame index to the keys
    (gathered by the kept indices). Without it the queries find "their" frame only through the trace of the
    block-0 time embedding that survives in the kept tokens, while the kept set changes from window to
    window; measured from scratch, the keys helped a few mm at most (see the model card).
    reset_identity() starts the value and output projections as identity maps, so the untrained layer is
    an average of the kept tokens rather than noise (measured: ~9 mm better early in training)."""

    def __init__(self, dim, heads, frames, time_keys=False, interp_queries=False, skip=False):
        super().__init__()
        self.query = nn.Parameter(torch.zeros(1, frames, NUM_JOINTS, dim))
        # interp_queries ('tra-linear'): each frame's query is its zero-initialised learnable token plus the
        # linear interpolation of the kept tokens at that frame, and the output projection starts at zero, so
        # the untrained layer IS linear recovery and training learns the attention's correction to it.
        self.interp = InterpolationRecovery("linear", frames) if interp_queries else None
        # skip ('tra-skip', with interp_queries): the queries also get a zero-initialised linear map of every
        # frame's own token from before the pruning, so a recovered frame can use its own 2D evidence that the
        # kept tokens no longer carry (the middle blocks still run on the kept tokens only).
        self.skip = nn.Linear(dim, dim) if skip else None
        self.norm_kv = nn.LayerNorm(dim)
        self.heads, self.hd = heads, dim // heads
        self.q = nn.Linear(dim, dim)
        self.kv = nn.Linear(dim, 2 * dim)
        self.proj = nn.Linear(dim, dim)
        self.key_time = nn.Parameter(torch.zeros(1, frames, 1, dim)) if time_keys else None

    def reset_identity(self):
        """Value and output projections = identity (called after the model's generic init)."""
        C = self.proj.weight.shape[0]
        with torch.no_grad():
            self.kv.weight[C:].copy_(torch.eye(C))
            self.kv.bias[C:].zero_()
            self.proj.weight.copy_(torch.eye(C))
            self.proj.bias.zero_()

    def forward(self, kept, idx, full=None):
        """kept [B,n,J,C]; idx [B,n] original frame of each kept token; full [B,F,J,C] the tokens before the
        pruning (used only with skip)."""
        B, n, J, C = kept.shape
        F = self.query.shape[1]
        qx = self.query.expand(B, F, J, C)
        if self.interp is not None:
            qx = qx + self.interp(kept, idx)
        if self.skip is not None:
            qx = qx + self.skip(full)
        q = self.q(qx).permute(0, 2, 1, 3).reshape(B * J, F, self.heads, self.hd).transpose(1, 2)
        kv = self.kv(self.norm_kv(kept))                              # [B,n,J,2C]
        if self.key_time is not None:
            kt = self.key_time[0, :, 0][idx].unsqueeze(2)             # [B,n,1,C]
            kv = torch.cat([kv[..., :C] + kt.expand(B, n, J, C), kv[..., C:]], dim=-1)
        kv = kv.permute(0, 2, 1, 3).reshape(B * J, n, 2, self.heads, self.hd).permute(2, 0, 3, 1, 4)
        a = torch.softmax((q @ kv[0].transpose(-2, -1)) * (1.0 / math.sqrt(self.hd)), dim=-1)
        out = (a @ kv[1]).transpose(1, 2).reshape(B, J, F, C).permute(0, 2, 1, 3)
        return qx + self.proj(out)


class InterpolationRecovery(nn.Module):
    """Parameter-free recovery: nearest kept frame, or linear interpolation between kept frames."""

    def __init__(self, method, frames):
        super().__init__()
        if method not in ("nearest", "linear"):
            raise ValueError(f"unknown recovery '{method}'; "
                             "expected one of [tra, tra-linear, tra-skip, nearest, linear]")
        self.method, self.F = method, frames

    def forward(self, kept, idx, full=None):  # full: unused (the TRA's signature)
        B, n, J, C = kept.shape
        t = torch.arange(self.F, dtype=kept.dtype, device=kept.device).reshape(1, self.F, 1)
        k = idx.to(kept.dtype).unsqueeze(1)                      # [B,1,n]
        if self.method == "nearest":
            d = (t - k).abs() + torch.arange(n, dtype=kept.dtype, device=kept.device) * 1e-3  # earlier wins
            W = Fn.one_hot(d.argmin(-1), n).to(kept.dtype)      # [B,F,n]
        else:
            big = 1e9
            left = torch.where(k <= t, k, torch.full_like(k.expand(B, self.F, n), -big)).max(-1)[0]
            right = torch.where(k >= t, k, torch.full_like(k.expand(B, self.F, n), big)).min(-1)[0]
            left = torch.where(left < -big / 2, right, left)
            right = torch.where(right > big / 2, left, right)
            span = (right - left).clamp(min=1e-6)
            wr = torch.where(right > left, (t[..., 0] - left) / span, torch.zeros_like(left))
            W = (k == left.unsqueeze(-1)).to(kept.dtype) * (1 - wr).unsqueeze(-1) \
                + (k == right.unsqueeze(-1)).to(kept.dtype) * wr.unsqueeze(-1)
        return torch.einsum("bfn,bnjc->bfjc", W, kept)


# ------------------------------------------------------------------------------------------- models

class Lifter(nn.Module):
    """mode: 'baseline' (MixSTE seq2seq), 'hot' (prune after pair k, n kept, recover to F),
    'tpc' (prune, no recovery, centre frame)."""

    def __init__(self, frames=27, dim=64, depth=4, heads=4, mlp_ratio=2.0, mode="baseline",
                 prune="tpc", recover="tra", n=9, k=1, knn=2, tra_time_keys=False, tra_identity_init=False):
        super().__init__()
        if mode not in ("baseline", "hot", "tpc"):
            raise ValueError(f"unknown mode '{mode}'; expected one of [baseline, hot, tpc]")
        if mode != "baseline" and not (0 < k < depth and 0 < n < frames):
            raise ValueError(f"need 0 < k < depth ({depth}) and 0 < n < frames ({frames}); got k={k}, n={n}")
        self.cfg = dict(frames=frames, dim=dim, depth=depth, heads=heads, mlp_ratio=mlp_ratio, mode=mode,
                        prune=prune, recover=recover, n=n, k=k, knn=knn)
        self.cfg.update(tra_flags(tra_time_keys, tra_identity_init))
        self.F, self.mode, self.k, self.n = frames, mode, k, n
        self.embed = nn.Linear(2, dim)
        self.pos_s = nn.Parameter(torch.zeros(1, 1, NUM_JOINTS, dim))
        self.pos_t = nn.Parameter(torch.zeros(1, frames, 1, dim))
        self.sblocks = nn.ModuleList([Block(dim, heads, mlp_ratio) for _ in range(depth)])
        self.tblocks = nn.ModuleList([Block(dim, heads, mlp_ratio) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 3)
        self.pruner = self.pos_kept = self.recovery = None
        if mode != "baseline":
            self.pruner = Pruner(prune, frames, n, knn)
            self.pos_kept = nn.Parameter(torch.zeros(1, n, 1, dim))
            if prune == "attention":
                self.tblocks[k - 1].attn.keep_attn = True
        if mode == "hot":
            self.recovery = TokenRecoveringAttention(dim, heads, frames, tra_time_keys,
                                                     interp_queries=recover in ("tra-linear", "tra-skip"),
                                                     skip=recover == "tra-skip") \
                if recover in ("tra", "tra-linear", "tra-skip") \
                else InterpolationRecovery(recover, frames)
        self.apply(self._init)
        for p in (self.pos_s, self.pos_t) + ((self.pos_kept,) if self.pos_kept is not None else ()):
            nn.init.trunc_normal_(p, std=0.02)
        if isinstance(self.recovery, TokenRecoveringAttention):
            if self.recovery.key_time is not None:
                nn.init.trunc_normal_(self.recovery.key_time, std=0.02)
            if tra_identity_init:
                self.recovery.reset_identity()
            if self.recovery.interp is not None:  # tra-linear / tra-skip: the untrained layer is linear recovery
                for layer in (self.recovery.proj, self.recovery.skip):
                    if layer is not None:
                        nn.init.zeros_(layer.weight)
                        nn.init.zeros_(layer.bias)
        self.last_kept = None

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            _init_linear(m)

    def forward(self, x2d):
        xn = normalise_per_frame(x2d)
        x = self.embed(xn) + self.pos_s
        depth = len(self.sblocks)
        for i in range(depth):
            x = spatial(self.sblocks[i], x)
            if i == 0:
                x = x + self.pos_t
            x = temporal(self.tblocks[i], x)
            if self.pruner is not None and i == self.k - 1:
                attn = self.tblocks[i].attn.last_attn
                idx = self.pruner(x, xn, attn)                    # [B,n] time order
                self.last_kept = idx
                B, F, J, C = x.shape
                full = x
                x = torch.gather(x, 1, idx.reshape(B, self.n, 1, 1).expand(B, self.n, J, C)) + self.pos_kept
        if self.mode == "hot":
            x = self.recovery(x, self.last_kept, full)
        elif self.mode == "tpc":
            x = x.mean(1, keepdim=True)
        y = self.head(self.norm(x))
        return y - y[:, :, :1, :]

    def forward_with_kept(self, x2d):
        y = self.forward(x2d)
        return y, self.last_kept


class FrameMLP(nn.Module):
    """Single-frame residual MLP (Martinez et al. 2017 style) on per-frame normalised 2D: the floor."""

    def __init__(self, width=1024, blocks=2, dropout=0.1):
        super().__init__()
        self.cfg = dict(mode="mlp", width=width, blocks=blocks, dropout=dropout)
        self.inp = nn.Linear(NUM_JOINTS * 2, width)
        self.blocks = nn.ModuleList()
        for _ in range(blocks):
            self.blocks.append(nn.Sequential(
                nn.Linear(width, width), nn.LayerNorm(width), nn.ReLU(), nn.Dropout(dropout),
                nn.Linear(width, width), nn.LayerNorm(width), nn.ReLU(), nn.Dropout(dropout)))
        self.out = nn.Linear(width, NUM_JOINTS * 3)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                nn.init.zeros_(m.bias)
        nn.init.normal_(self.out.weight, std=1e-3)

    def forward(self, x2d):
        B, F, J, _ = x2d.shape
        h = Fn.relu(self.inp(normalise_per_frame(x2d).reshape(B * F, J * 2)))
        for b in self.blocks:
            h = h + b(h)
        y = self.out(h).reshape(B, F, J, 3)
        return y - y[:, :, :1, :]


# Modes whose model lifts each frame on its own (any window length, no kept-frame output).
PER_FRAME_MODES = ("mlp", "htnet")
# Modes whose model prunes tokens and exports the kept frames as a second output.
PRUNING_MODES = ("hot", "tpc")


def build_model(cfg):
    cfg = dict(cfg)
    if cfg.get("mode") == "mlp":
        cfg.pop("mode")
        return FrameMLP(**cfg)
    if cfg.get("mode") == "nanohtnet":
        from .nanohtnet import NanoHTNet  # imports this module
        cfg.pop("mode")
        return NanoHTNet(**cfg)
    if cfg.get("mode") == "htnet":
        from .htnet import HTNet  # imports this module
        cfg.pop("mode")
        return HTNet(**cfg)
    return Lifter(**cfg)
