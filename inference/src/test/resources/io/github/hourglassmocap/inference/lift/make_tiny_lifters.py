"""Makes the tiny lifter models used by the PoseLifter tests (a few KB each, untrained, seeded).

Run from this folder with a Python that has torch and onnx:  /usr/bin/python3 make_tiny_lifters.py
Writes, for each model, <name>.onnx, <name>.json (manifest, docs/formats.md "Lifter model") and
<name>.golden.json (inputs and the PyTorch outputs the Java runtime must reproduce within 1e-4).

- tiny-seq2seq: [1, 9, 17, 2] -> [1, 9, 17, 3]   (every frame of the window, like HoT / MixSTE)
- tiny-seq2frame: [1, 9, 17, 2] -> [1, 1, 17, 3] (the centre frame only, like VideoPose3D)
Both subtract the pelvis inside the graph, so their output is root-relative as the contract says.
"""
import hashlib
import json

import numpy as np
import torch
from torch import nn

JOINTS = 17
FRAMES = 9
NAMES = ["pelvis", "r_hip", "r_knee", "r_ankle", "l_hip", "l_knee", "l_ankle", "spine", "thorax", "neck_nose",
         "head", "l_shoulder", "l_elbow", "l_wrist", "r_shoulder", "r_elbow", "r_wrist"]


class TinySeq2Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(JOINTS * 2, 24)
        self.mix = nn.Conv1d(24, 24, kernel_size=3, padding=1)
        self.head = nn.Linear(24, JOINTS * 3)

    def forward(self, x):  # x: [B, F, 17, 2]
        b, f = x.shape[0], x.shape[1]
        h = torch.tanh(self.embed(x.reshape(b, f, JOINTS * 2)))
        h = h + torch.tanh(self.mix(h.transpose(1, 2)).transpose(1, 2))
        y = self.head(h).reshape(b, f, JOINTS, 3)
        return y - y[:, :, :1, :]


class TinySeq2Frame(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = TinySeq2Seq()
        self.pool = nn.Linear(FRAMES, 1, bias=False)

    def forward(self, x):
        y = self.inner(x)  # [B, F, 17, 3]
        return self.pool(y.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


def export(model, name, out_frames, seed):
    torch.manual_seed(seed)
    model.eval()
    onnx_path = name + ".onnx"
    dummy = torch.zeros(1, FRAMES, JOINTS, 2)
    torch.onnx.export(model, dummy, onnx_path, input_names=["keypoints"], output_names=["pose3d"], opset_version=13)
    with open(onnx_path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    manifest = {
        "version": 1, "name": name, "architecture": "tiny-test", "frames": FRAMES, "joints": JOINTS,
        "jointOrder": NAMES,
        "input": {"name": "keypoints", "shape": [1, FRAMES, JOINTS, 2], "normalisation": "screen"},
        "output": {"name": "pose3d", "shape": [1, out_frames, JOINTS, 3], "units": "metres", "rootRelative": True},
        "sha256": sha, "flopsPerWindow": 12345,
        "note": "untrained test model made by make_tiny_lifters.py; not for real use",
    }
    with open(name + ".json", "w") as f:
        json.dump(manifest, f, indent=1)
    gen = torch.Generator().manual_seed(seed + 1)
    x = torch.rand(1, FRAMES, JOINTS, 2, generator=gen) * 2 - 1
    with torch.no_grad():
        y = model(x)
    golden = {"version": 1, "input": [float(v) for v in x.numpy().ravel()],
              "output": [float(v) for v in y.numpy().ravel()]}
    with open(name + ".golden.json", "w") as f:
        json.dump(golden, f)


if __name__ == "__main__":
    torch.manual_seed(7)
    export(TinySeq2Seq(), "tiny-seq2seq", FRAMES, 11)
    torch.manual_seed(8)
    export(TinySeq2Frame(), "tiny-seq2frame", 1, 21)
