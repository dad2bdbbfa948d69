"""Tests of the HTNet lifter (hot/htnet.py), its training mode and export, and the end-joint error."""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hot.evaluate import END_JOINTS, evaluate  # noqa: E402
from hot.flops import count_linear_flops, count_params  # noqa: E402
from hot.htnet import LIMBS, HTNet, IntraPartConstraint, skeleton_adjacency  # noqa: E402
from hot.models import build_model  # noqa: E402
from hot.skeleton import NUM_JOINTS, PARENTS  # noqa: E402


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def expected_params(C, depth, mlp_ratio=2.0):
    c, h = C // 3, int(C * mlp_ratio)
    block = (2 * C                                    # n1
             + 2 * c * c + c                          # graph conv: neighbour (no bias) + self map
             + (c * c + c) + (3 * c * c + c) + (2 * c * c + c)  # IPC: per joint, 3-joint part, 2-joint part
             + (3 * c * c + 3 * c) + (c * c + c)      # attention qkv + proj
             + C * C + C                              # fuse
             + 2 * C + C * h + h + h * C + C)         # n2, MLP
    return 2 * C + C + NUM_JOINTS * C + depth * block + 2 * C + 3 * C + 3


def expected_flops_per_frame(C, depth, mlp_ratio=2.0):
    c, h, J, L = C // 3, int(C * mlp_ratio), NUM_JOINTS, len(LIMBS)
    block = (2 * J * c * c                            # graph conv (neighbour, self)
             + J * c * c + L * 3 * c * c + L * 2 * c * c  # IPC: every joint, then the four limbs' parts
             + J * c * 3 * c + J * c * c              # attention linears
             + J * C * C + 2 * J * C * h)             # fuse, MLP
    return 2 * (J * 2 * C + depth * block + J * C * 3)


class HTNetTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)

    def test_output_shape_and_root_relative(self):
        m = HTNet(dim=24, depth=2, heads=2).eval()
        y = m(torch.randn(2, 27, 17, 2) * 0.3)
        self.assertEqual(tuple(y.shape), (2, 27, 17, 3))
        self.assertEqual(float(y[:, :, 0].abs().max()), 0.0)
        self.assertTrue(torch.isfinite(y).all())

    def test_paper_defaults(self):
        m = HTNet()
        self.assertEqual(m.cfg, dict(mode="htnet", dim=240, depth=3, heads=8, mlp_ratio=2.0))
        self.assertEqual(len(m.blocks), 3)
        self.assertEqual(m.blocks[0].c, 80)
        self.assertEqual(m.blocks[0].body.heads, 8)

    def test_parameter_and_flops_counts_match_the_architecture(self):
        for C, depth in ((24, 2), (120, 3), (240, 3)):
            m = HTNet(dim=C, depth=depth, heads=4)
            self.assertEqual(count_params(m), expected_params(C, depth), (C, depth))
            per_frame = count_linear_flops(m, 1)
            self.assertEqual(per_frame, expected_flops_per_frame(C, depth), (C, depth))
            self.assertEqual(count_linear_flops(m, 27), 27 * per_frame)  # per frame: linear in the window

    def test_model_is_per_frame(self):
        m = HTNet(dim=24, depth=2, heads=2).eval()
        x = torch.randn(1, 27, 17, 2) * 0.3
        x2 = x.clone()
        x2[0, 5] += torch.randn(17, 2) * 0.2
        with torch.no_grad():
            d = (m(x2) - m(x)).abs().amax(dim=(0, 2, 3))
        self.assertGreater(float(d[5]), 1e-4)
        others = torch.cat([d[:5], d[6:]])
        self.assertLess(float(others.max()), 1e-6)

    def test_adjacency_is_the_skeleton(self):
        a = skeleton_adjacency()
        for j, p in enumerate(PARENTS):
            self.assertGreater(float(a[j, j]), 0.0)
            if p >= 0:
                self.assertGreater(float(a[j, p]), 0.0)
                self.assertAlmostEqual(float(a[j, p]), float(a[p, j]), places=6)
        self.assertEqual(float(a[3, 16]), 0.0)   # R ankle and R wrist are not connected
        self.assertEqual(int((a > 0).sum()), 17 + 2 * 16)

    @staticmethod
    def _dependencies(part, C):
        """[J_out, J_in] bool: does the part level's output at joint j depend on its input at joint i."""
        x = torch.randn(1, NUM_JOINTS, C)
        jac = torch.autograd.functional.jacobian(lambda t: part(t), x)   # [1, J, C, 1, J, C]
        return (jac[0, :, :, 0].abs().sum(dim=(1, 3)) > 1e-9).numpy()

    def assert_intra_part_constraint(self, part, C):
        dep = self._dependencies(part, C)
        for root, mid, end in LIMBS:
            self.assertTrue(dep[end, mid], f"end joint {end} not constrained by its parent {mid}")
            self.assertTrue(dep[end, root], f"end joint {end} not constrained by its grandparent {root}")
        for j in range(NUM_JOINTS):
            allowed = {j}
            for root, mid, end in LIMBS:
                if j == end:
                    allowed |= {root, mid}
            self.assertEqual(set(np.nonzero(dep[j])[0].tolist()), allowed, f"joint {j}")

    def test_intra_part_constraint_ties_each_end_joint_to_its_parents_only(self):
        self.assert_intra_part_constraint(IntraPartConstraint(6), 6)
        m = HTNet(dim=24, depth=2, heads=2)
        for b in m.blocks:                      # the model's part level is the constraint
            self.assert_intra_part_constraint(b.part, 8)

    def test_without_the_constraint_the_check_fails(self):
        m = HTNet(dim=24, depth=1, heads=2, ipc=False)
        with self.assertRaises(AssertionError):
            self.assert_intra_part_constraint(m.blocks[0].part, 8)

    def test_build_model_and_odd_channels(self):
        m = build_model(dict(mode="htnet", dim=24, depth=1, heads=2))
        self.assertIsInstance(m, HTNet)
        with self.assertRaisesRegex(ValueError, "multiple of 3"):
            HTNet(dim=25, depth=1, heads=1)
        with self.assertRaisesRegex(ValueError, "heads"):
            HTNet(dim=24, depth=1, heads=3)


class HTNetTrainExportTest(unittest.TestCase):
    def test_train_mode_htnet_then_export_and_load_back(self):
        import export
        import train
        from hot.onnx_weights import load_shipped, verify_golden
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            run = os.path.join(d, "run")
            train.main(["--name", "h", "--run-dir", run, "--mode", "htnet", "--dim", "24", "--depth", "2",
                        "--heads", "2", "--steps", "3", "--batch", "2", "--warmup", "1", "--eval-every", "100"])
            conf = read_json(os.path.join(run, "config.json"))
            self.assertEqual(conf["cfg"]["mode"], "htnet")
            self.assertEqual(conf["flops_per_window"], 27 * expected_flops_per_frame(24, 2))
            export.main(["--ckpt", os.path.join(run, "final.pt"), "--name", "h", "--out", d])
            man = read_json(os.path.join(d, "h.json"))
            self.assertEqual(man["architecture"], "htnet")
            self.assertEqual(man["input"]["shape"], [1, 27, 17, 2])
            self.assertEqual(man["output"]["shape"], [1, 27, 17, 3])
            self.assertNotIn("extraOutputs", man)
            self.assertEqual(man["parameters"], expected_params(24, 2))
            g = read_json(os.path.join(d, "h.golden.json"))
            self.assertNotIn("keptFrames", g)
            model, _ = load_shipped(os.path.join(d, "h.onnx"))
            self.assertLess(verify_golden(model, os.path.join(d, "h.onnx")), 1e-4)


class EndJointErrorTest(unittest.TestCase):
    def test_end_joint_error_is_the_mean_over_wrists_and_ankles(self):
        self.assertEqual(sorted(END_JOINTS), [3, 6, 13, 16])

        class Fixed(torch.nn.Module):
            def __init__(self, out):
                super().__init__()
                self.out = out

            def forward(self, x):
                return self.out

        y = np.zeros((2, 9, 17, 3), np.float32)
        pred = y.copy()
        pred[:, :, 13, 0] = 0.010   # L wrist 10 mm off
        pred[:, :, 3, 1] = 0.030    # R ankle 30 mm off
        pred[:, :, 8, 2] = 0.050    # thorax: not an end joint
        x = np.zeros((2, 9, 17, 2), np.float32)
        res = evaluate(Fixed(torch.from_numpy(pred)), (x, x, y), full=True)
        self.assertAlmostEqual(res["mpjpe_end_clean"], (10 + 30) / 4, places=3)
        self.assertAlmostEqual(res["mpjpe_clean"], (10 + 30 + 50) / 17, places=3)
        self.assertIn("mpjpe_end_noisy", res)
        self.assertNotIn("mpjpe_end_clean", evaluate(Fixed(torch.from_numpy(pred)), (x, x, y)))


if __name__ == "__main__":
    unittest.main()
