"""FLOPs per window, counted as the HoT paper does: 2 x multiply-adds of the linear layers only
(attention score/value products, softmax, LayerNorm, GELU, the clustering and the input normalisation
are not counted). A forward hook on every nn.Linear adds 2 * in_features * out_features per token."""
import torch
import torch.nn as nn


def count_linear_flops(model, frames, joints=17):
    total = [0]

    def hook(mod, inp, out):
        tokens = inp[0].numel() // mod.in_features
        total[0] += 2 * tokens * mod.in_features * mod.out_features

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Linear)]
    was = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(torch.randn(1, frames, joints, 2) * 0.3)
    finally:
        for h in handles:
            h.remove()
        model.train(was)
    return total[0]


def count_params(model):
    return sum(p.numel() for p in model.parameters())
