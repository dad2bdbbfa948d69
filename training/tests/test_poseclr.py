"""PoseCLR (hot/poseclr.py, pretrain.py) and train.py --label-fraction."""
import contextlib
import io
import json
import math
import os
import sys
import tempfile
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import pretrain  # noqa: E402
import train  # noqa: E402
from hot.data import WindowSampler, synthetic_dataset, split_takes  # noqa: E402
from hot.models import build_model  # noqa: E402
from hot.poseclr import ViewPairSampler, nt_xent, pool, retrieval_accuracy  # noqa: E402

TINY = ["--mode", "htnet", "--dim", "24", "--depth", "1", "--heads", "2"]


def read_log(run):
    with open(os.path.join(run, "log.jsonl")) as f:
        return [json.loads(line) for line in f]


class LossTest(unittest.TestCase):
    def test_unrelated_features_give_about_log_b(self):
        g = torch.Generator().manual_seed(0)
        B = 32
        z1, z2 = torch.randn(B, 4096, generator=g), torch.randn(B, 4096, generator=g)
        self.assertAlmostEqual(float(nt_xent(z1, z2, 0.1)), math.log(B), delta=0.05)

    def test_identical_well_separated_pairs_give_about_zero(self):
        z = torch.eye(16, 64) * 3.0          # orthogonal directions; the norm does not matter (cosine)
        self.assertLess(float(nt_xent(z, z.clone(), 0.1)), 1e-2)
        self.assertGreater(float(nt_xent(z, z.roll(1, 0), 0.1)), 5.0)   # every pair mismatched

    def test_loss_is_the_mean_of_both_directions(self):
        g = torch.Generator().manual_seed(1)
        z1, z2 = torch.randn(6, 5, generator=g), torch.randn(6, 5, generator=g)
        a, b = torch.nn.functional.normalize(z1, dim=1), torch.nn.functional.normalize(z2, dim=1)
        logits = a @ b.t() / 0.1
        t = torch.arange(6)
        one = torch.nn.functional.cross_entropy(logits, t)
        other = torch.nn.functional.cross_entropy(logits.t(), t)
        self.assertGreater(abs(float(one - other)), 1e-3)   # the two directions differ on this example
        self.assertAlmostEqual(float(nt_xent(z1, z2, 0.1)), float(0.5 * (one + other)), places=5)

    def test_retrieval_accuracy_counts_the_positive_within_chunks(self):
        z = torch.eye(8)
        self.assertEqual(retrieval_accuracy(z, z, 4), 1.0)
        self.assertEqual(retrieval_accuracy(z, z.roll(1, 0), 8), 0.0)

    def test_pool_means_every_axis_but_batch_and_channels(self):
        f = torch.arange(2 * 3 * 4 * 5, dtype=torch.float32).reshape(2, 3, 4, 5)
        torch.testing.assert_close(pool(f), f.mean((1, 2)))


class ViewPairTest(unittest.TestCase):
    def test_two_views_are_different_2d_of_the_same_3d(self):
        takes = synthetic_dataset(num_takes=4, frames=120)
        for F in (1, 9):
            s = ViewPairSampler(takes, F, seed=3, noise_prob=0.0)
            x1, x2, world, pc1, pc2 = s.pairs(8, with_3d=True)
            self.assertEqual(x1.shape, (8, F, 17, 2))
            self.assertEqual(world.shape, (8, F, 17, 3))
            # different cameras: different 2D for every pair
            self.assertTrue(np.all(np.abs(x1 - x2).reshape(8, -1).max(1) > 0.05))
            # the same 3D: both camera-space poses are rigid transforms of one world pose (same joint distances)
            for pc in (pc1, pc2):
                dw = np.linalg.norm(world[:, :, :, None] - world[:, :, None], axis=-1)
                dc = np.linalg.norm(pc[:, :, :, None] - pc[:, :, None], axis=-1)
                np.testing.assert_allclose(dc, dw, atol=1e-4)
            # ... and not two poses that merely look alike: the pairs differ from each other
            self.assertGreater(float(np.abs(world[0] - world[1]).max()), 0.05)

    def test_noise_reaches_some_views_only(self):
        takes = synthetic_dataset(num_takes=4, frames=120)
        clean = ViewPairSampler(takes, 9, seed=5, noise_prob=0.0).pairs(64)
        noisy = ViewPairSampler(takes, 9, seed=5, noise_prob=0.5).pairs(64)
        changed = np.abs(clean[0] - noisy[0]).reshape(64, -1).max(1) > 1e-6
        self.assertTrue(0 < changed.sum() < 64)


class PretrainRunTest(unittest.TestCase):
    """One short pre-training on synthetic data, shared by the tests below (about 10 s)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.run_dir = os.path.join(cls.tmp.name, "clr")
        cls.argv = ["--name", "clr", "--run-dir", cls.run_dir, "--mode", "htnet", "--dim", "48", "--depth", "2",
                    "--heads", "4", "--frames", "1", "--batch", "32", "--noise", "none", "--steps", "300",
                    "--warmup", "10", "--lr", "3e-3", "--eval-every", "300", "--val-pairs", "256"]
        with contextlib.redirect_stdout(io.StringIO()):
            pretrain.main(cls.argv)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_short_pretraining_lowers_the_loss_and_raises_retrieval(self):
        log = read_log(self.run_dir)
        first, last = log[0], log[-1]
        self.assertEqual((first["step"], last["step"]), (0, 300))
        self.assertAlmostEqual(first["val_loss"], math.log(32), delta=0.05)   # untrained: chance level
        # measured: val loss 3.47 -> 1.30, mean training loss 1.78, top-1 0.15 -> 0.61 (seed 1: 1.44, 1.94, 0.57)
        self.assertLess(last["val_loss"], first["val_loss"] - 1.0)
        self.assertLess(last["loss"], math.log(32) - 1.0)
        self.assertGreater(last["val_top1"], first["val_top1"] + 0.2)
        with open(os.path.join(self.run_dir, "result.json")) as f:
            res = json.load(f)
        self.assertEqual(res["step"], 300)
        self.assertEqual(res["val_top1"], last["val_top1"])

    def test_final_checkpoint_sets_the_encoder_and_not_the_head(self):
        ck = torch.load(os.path.join(self.run_dir, "final.pt"))
        pre = ck["model"]
        torch.manual_seed(123)
        model = build_model(ck["cfg"])
        fresh = {k: v.clone() for k, v in model.state_dict().items()}
        got, total = train.init_weights(model, os.path.join(self.run_dir, "final.pt"))
        self.assertEqual(got, len(pre))
        self.assertEqual(total - got, 4)                       # the output norm and head
        after = model.state_dict()
        for k in ("head.weight", "head.bias", "norm.weight", "norm.bias"):
            self.assertNotIn(k, pre)
            self.assertTrue(torch.equal(after[k], fresh[k]), k)
        for k in ("embed.weight", "pos", "blocks.1.fc2.weight", "blocks.0.body.qkv.weight"):
            self.assertTrue(torch.equal(after[k], pre[k]), k)
            self.assertFalse(torch.equal(fresh[k], pre[k]), k)     # pre-training changed it
        # and train.py accepts it on its command line
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()) as out:
            train.main(["--name", "ft", "--run-dir", d, "--steps", "1", "--batch", "4", "--frames", "9",
                        "--eval-every", "100", "--init-from", os.path.join(self.run_dir, "final.pt"), "--mode", "htnet", "--dim", "48",
                        "--depth", "2", "--heads", "4"])
        self.assertIn(f"initialised {len(pre)}/{total} tensors", out.getvalue())


class NanoHTNetPretrainTest(unittest.TestCase):
    def test_the_code_does_not_depend_on_the_model(self):
        """NanoHTNet (encode -> [B, K, 17, C]) with the learned recovery: pre-trains, and its final.pt leaves
        out the output norm, head and recovery map (encode does not use them)."""
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            pretrain.main(["--name", "n", "--run-dir", d, "--mode", "nanohtnet", "--dim", "24", "--depth", "1",
                           "--heads", "2", "--frames", "9", "--coefficients", "3", "--nano-recover", "learned",
                           "--steps", "2", "--batch", "4", "--eval-every", "100", "--val-pairs", "8"])
            ck = torch.load(os.path.join(d, "final.pt"))
            with open(os.path.join(d, "result.json")) as f:
                left_out = json.load(f)["left_out"]
            model = build_model(ck["cfg"])
            got, total = train.init_weights(model, os.path.join(d, "final.pt"))
        self.assertEqual(ck["cfg"]["mode"], "nanohtnet")
        self.assertIn("recovery", left_out)
        self.assertTrue({"head.weight", "norm.weight"} <= set(left_out))
        self.assertEqual((got, total - got), (len(ck["model"]), len(left_out)))


class PretrainResumeTest(unittest.TestCase):
    def test_resumed_run_matches_the_uninterrupted_run_bit_for_bit(self):
        common = TINY + ["--steps", "6", "--batch", "8", "--frames", "9", "--eval-every", "3", "--warmup", "2",
                         "--val-pairs", "16"]
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            a, b = os.path.join(d, "a"), os.path.join(d, "b")
            pretrain.main(["--name", "a", "--run-dir", a] + common)
            pretrain.main(["--name", "b", "--run-dir", b, "--session-steps", "2"] + common)
            self.assertFalse(os.path.exists(os.path.join(b, "final.pt")))
            with self.assertRaises(SystemExit):       # an existing run is not silently restarted
                pretrain.main(["--name", "b", "--run-dir", b] + common)
            pretrain.main(["--resume", b, "--session-steps", "2"])
            pretrain.main(["--resume", b])
            fa, fb = torch.load(os.path.join(a, "final.pt")), torch.load(os.path.join(b, "final.pt"))
            self.assertEqual(fb["state"]["step"], 6)
            for part in ("model", "head"):
                self.assertEqual(set(fa[part]), set(fb[part]))
                for k in fa[part]:
                    self.assertTrue(torch.equal(fa[part][k], fb[part][k]), f"{part}.{k}")
            la, lb = read_log(a), read_log(b)
            self.assertEqual([r["loss"] for r in la], [r["loss"] for r in lb])
            self.assertEqual([r["val_top1"] for r in la], [r["val_top1"] for r in lb])


class LabelFractionTest(unittest.TestCase):
    def test_fraction_one_keeps_every_take_and_the_same_batches(self):
        tr, _ = split_takes(synthetic_dataset())
        kept = train.label_subset(tr, 1.0)
        self.assertEqual([t.id for t in kept], [t.id for t in tr])
        xa, ya = WindowSampler(tr, 9, seed=2).batch(8)
        xb, yb = WindowSampler(kept, 9, seed=2).batch(8)
        self.assertTrue(np.array_equal(xa, xb) and np.array_equal(ya, yb))
        common = TINY + ["--steps", "2", "--batch", "4", "--frames", "9", "--eval-every", "100"]
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            train.main(["--name", "a", "--run-dir", os.path.join(d, "a")] + common)
            train.main(["--name", "b", "--run-dir", os.path.join(d, "b"), "--label-fraction", "1.0"] + common)
            wa = torch.load(os.path.join(d, "a", "final.pt"))["model"]
            wb = torch.load(os.path.join(d, "b", "final.pt"))["model"]
        for k in wa:
            self.assertTrue(torch.equal(wa[k], wb[k]), k)

    def test_a_quarter_keeps_a_quarter_of_the_training_takes_and_every_validation_take(self):
        common = TINY + ["--steps", "1", "--batch", "4", "--frames", "9", "--eval-every", "100"]
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            train.main(["--name", "a", "--run-dir", os.path.join(d, "a")] + common)
            train.main(["--name", "q", "--run-dir", os.path.join(d, "q"), "--label-fraction", "0.25"] + common)
            with open(os.path.join(d, "a", "config.json")) as f:
                full = json.load(f)
            with open(os.path.join(d, "q", "config.json")) as f:
                quarter = json.load(f)
        self.assertEqual(quarter["args"]["label_fraction"], 0.25)
        self.assertEqual(full["train_takes"], 20)
        self.assertEqual(quarter["train_takes"], 5)
        self.assertEqual(quarter["val_takes"], full["val_takes"])
        tr, va = split_takes(synthetic_dataset())
        kept = train.label_subset(tr, 0.25)
        ids = sorted(t.id for t in tr)
        self.assertEqual([ids.index(t.id) for t in kept], [0, 5, 10, 14, 19])   # evenly spread
        self.assertFalse({t.id for t in kept} & {t.id for t in va})
        self.assertEqual(len(train.label_subset(tr, 0.01)), 1)
        with self.assertRaises(SystemExit):
            train.label_subset(tr, 0.0)

    def test_pretraining_takes_the_same_subset_when_asked(self):
        common = TINY + ["--steps", "1", "--batch", "4", "--frames", "1", "--eval-every", "100", "--val-pairs", "8"]
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            pretrain.main(["--name", "a", "--run-dir", os.path.join(d, "a")] + common)
            pretrain.main(["--name", "q", "--run-dir", os.path.join(d, "q"), "--label-fraction", "0.25"] + common)
            counts = []
            for r in ("a", "q"):
                with open(os.path.join(d, r, "config.json")) as f:
                    counts.append(json.load(f)["train_takes"])
        self.assertEqual(counts, [20, 5])


if __name__ == "__main__":
    unittest.main()
