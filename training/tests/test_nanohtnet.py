"""Tests of the NanoHTNet lifter (hot/nanohtnet.py): DCT tokens, hierarchical mixers, the two recoveries, the live
loss term, training, export and load-back."""
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
from hot.evaluate import evaluate  # noqa: E402
from hot.flops import count_linear_flops  # noqa: E402
from hot.models import build_model  # noqa: E402
from hot.nanohtnet import NanoHTNet, dct_basis  # noqa: E402
from hot.skeleton import NUM_JOINTS  # noqa: E402


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class DctTest(unittest.TestCase):
    def test_full_basis_is_orthonormal(self):
        b = dct_basis(27, 27).double()
        self.assertLess(float((b @ b.t() - torch.eye(27, dtype=torch.float64)).abs().max()), 1e-5)

    def test_kept_coefficients_are_a_low_pass(self):
        t = torch.arange(27, dtype=torch.float32)
        slow = torch.cos(np.pi * (t + 0.5) * 2 / 27)           # basis frequency 2: kept by K = 9
        fast = torch.cos(np.pi * (t + 0.5) * 20 / 27)          # basis frequency 20: dropped
        b = dct_basis(27, 9)
        self.assertLess(float((b.t() @ (b @ slow) - slow).abs().max()), 1e-5)
        self.assertLess(float((b.t() @ (b @ fast)).abs().max()), 1e-5)
        with self.assertRaisesRegex(ValueError, "coefficients"):
            dct_basis(9, 10)


class NanoHTNetTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)

    def test_shapes_root_relative_and_defaults(self):
        m = NanoHTNet(frames=27, dim=24, depth=2, heads=2, coefficients=5).eval()
        x = torch.randn(2, 27, 17, 2) * 0.3
        y = m(x)
        self.assertEqual(tuple(y.shape), (2, 27, 17, 3))
        self.assertEqual(float(y[:, :, 0].abs().max()), 0.0)
        self.assertEqual(tuple(m.encode(x).shape), (2, 5, 17, 24))
        d = NanoHTNet()
        self.assertEqual((d.cfg["depth"], d.cfg["coefficients"], d.cfg["recover"]), (3, 9, "idct"))
        with self.assertRaisesRegex(ValueError, "got 13"):
            m(torch.randn(1, 13, 17, 2))
        with self.assertRaisesRegex(ValueError, "recover"):
            NanoHTNet(recover="nearest")

    def test_idct_output_is_low_pass_and_learned_is_not(self):
        m = NanoHTNet(frames=27, dim=24, depth=1, heads=2, coefficients=4).eval()
        with torch.no_grad():
            y = m(torch.randn(1, 27, 17, 2) * 0.3)[0]                # [F, J, 3]
        full = dct_basis(27, 27)
        spectrum = torch.einsum("kf,fjc->kjc", full, y)
        self.assertLess(float(spectrum[4:].abs().max()), 1e-5 * max(1.0, float(spectrum.abs().max())))
        self.assertGreater(float(spectrum[:4].abs().max()), 1e-4)
        learned = NanoHTNet(frames=27, dim=24, depth=1, heads=2, coefficients=4, recover="learned").eval()
        learned.load_state_dict(m.state_dict(), strict=False)
        with torch.no_grad():
            same = learned(torch.ones(1, 27, 17, 2) * 0.2 + torch.randn(1, 27, 17, 2) * 0.1)
            ref = m(torch.ones(1, 27, 17, 2) * 0.2 + torch.randn(1, 27, 17, 2) * 0.1)
        self.assertEqual(same.shape, ref.shape)
        with torch.no_grad():  # starts as the inverse DCT; training may move it off the low-pass
            self.assertLess(float((learned.recovery - dct_basis(27, 4).t()).abs().max()), 1e-7)
            learned.recovery.add_(torch.randn_like(learned.recovery) * 0.1)
            y2 = learned(torch.randn(1, 27, 17, 2) * 0.3)[0]
        self.assertGreater(float(torch.einsum("kf,fjc->kjc", full, y2)[4:].abs().max()), 1e-4)

    def test_every_frame_sees_the_whole_window_through_the_tokens(self):
        m = NanoHTNet(frames=27, dim=24, depth=1, heads=2, coefficients=5).eval()
        x = torch.randn(1, 27, 17, 2) * 0.3
        x2 = x.clone()
        x2[0, 20] += torch.randn(17, 2) * 0.3
        with torch.no_grad():
            d = (m(x2) - m(x)).abs().amax(dim=(0, 2, 3))
        self.assertGreater(float(d[0]), 1e-6)          # a change at frame 20 moves frame 0

    def test_topology_levels_are_htnet_s(self):
        from hot.htnet import IntraPartConstraint, JointGraphConv
        m = NanoHTNet(frames=27, dim=24, depth=2, heads=2, coefficients=5)
        for b in m.blocks:
            self.assertIsInstance(b.joint, JointGraphConv)
            self.assertIsInstance(b.part, IntraPartConstraint)
            self.assertEqual((b.t1.in_features, b.t2.out_features), (5, 5))

    def test_flops_do_not_grow_with_the_window(self):
        a = count_linear_flops(NanoHTNet(frames=27, dim=24, depth=2, heads=2, coefficients=9), 27)
        b = count_linear_flops(NanoHTNet(frames=81, dim=24, depth=2, heads=2, coefficients=9), 81)
        self.assertEqual(a, b)
        c = count_linear_flops(NanoHTNet(frames=27, dim=24, depth=2, heads=2, coefficients=5), 27)
        self.assertLess(c, a)

    def test_build_model(self):
        m = build_model(dict(mode="nanohtnet", frames=27, dim=24, depth=1, heads=2, coefficients=5))
        self.assertIsInstance(m, NanoHTNet)
        self.assertEqual(m.F, 27)


class LiveLossAndMetricTest(unittest.TestCase):
    def test_live_term_weights_the_emitted_frame(self):
        import train
        y = torch.zeros(2, 9, 17, 3)
        pred = y.clone()
        pred[:, 6, :, 0] = 0.1                      # only frame 6 (F-1-L with L = 2) is off, by 100 mm
        base, _ = train.loss_fn(pred, y, 0.0, 0.0)
        live, parts = train.loss_fn(pred, y, 0.0, 0.0, w_live=2.0, live_lookahead=2)
        self.assertAlmostEqual(float(live - base), 2.0 * 0.1, places=5)
        self.assertAlmostEqual(parts["live"], 0.1, places=5)
        other, _ = train.loss_fn(pred, y, 0.0, 0.0, w_live=2.0, live_lookahead=0)
        self.assertAlmostEqual(float(other), float(base), places=4)
        with self.assertRaisesRegex(ValueError, "lookahead"):
            train.loss_fn(pred, y, 0.0, 0.0, w_live=1.0, live_lookahead=9)

    def test_last_frame_metric(self):
        class Fixed(torch.nn.Module):
            def __init__(self, out):
                super().__init__()
                self.out = out

            def forward(self, x):
                return self.out

        y = np.zeros((2, 9, 17, 3), np.float32)
        pred = y.copy()
        pred[:, 8, :, 1] = 0.020
        x = np.zeros((2, 9, 17, 2), np.float32)
        res = evaluate(Fixed(torch.from_numpy(pred)), (x, x, y))
        self.assertAlmostEqual(res["mpjpe_last_clean"], 20.0, places=3)
        self.assertAlmostEqual(res["mpjpe_clean"], 20.0 / 9, places=3)


class NanoTrainExportTest(unittest.TestCase):
    def test_train_live_variant_then_export_and_load_back(self):
        import export
        import train
        from hot.onnx_weights import load_shipped, verify_golden
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            run = os.path.join(d, "run")
            train.main(["--name", "n", "--run-dir", run, "--mode", "nanohtnet", "--dim", "24", "--depth", "2",
                        "--heads", "2", "--coefficients", "5", "--nano-recover", "learned", "--live-lookahead", "2",
                        "--w-live", "1.0", "--steps", "3", "--batch", "2", "--warmup", "1", "--eval-every", "100"])
            conf = read_json(os.path.join(run, "config.json"))
            self.assertEqual(conf["cfg"]["mode"], "nanohtnet")
            self.assertEqual(conf["cfg"]["recover"], "learned")
            self.assertIn("mpjpe_last_clean", read_json(os.path.join(run, "result.json")))
            export.main(["--ckpt", os.path.join(run, "final.pt"), "--name", "n", "--out", d])
            man = read_json(os.path.join(d, "n.json"))
            self.assertEqual(man["architecture"], "nanohtnet")
            self.assertEqual(man["output"]["shape"], [1, 27, NUM_JOINTS, 3])
            self.assertNotIn("extraOutputs", man)
            model, _ = load_shipped(os.path.join(d, "n.onnx"))
            self.assertLess(verify_golden(model, os.path.join(d, "n.onnx")), 1e-4)


if __name__ == "__main__":
    unittest.main()
