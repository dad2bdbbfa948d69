"""Unit tests for the trainer: python3 -m unittest discover -s training/tests -t training"""
import os
import sys
import tempfile
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hot.data import (WindowSampler, activity_of, clean_takes, detector_noise, screen_normalise,  # noqa: E402
                      split_by_activity, split_takes, synthetic_dataset, validation_set,
                      validation_windows, Take)
from hot.flops import count_linear_flops  # noqa: E402
from hot.metrics import mpjpe, pa_mpjpe  # noqa: E402
from hot.models import (InterpolationRecovery, Lifter, FrameMLP, dpc_knn_scores,  # noqa: E402
                        normalise_per_frame)
from hot.skeleton import FLIP, LEFT, RIGHT, load_skeleton  # noqa: E402


class SkeletonTest(unittest.TestCase):
    def test_flip_swaps_left_and_right(self):
        for l, r in zip(LEFT, RIGHT):
            self.assertEqual(FLIP[l], r)
            self.assertEqual(FLIP[r], l)
        self.assertEqual(FLIP[0], 0)
        self.assertEqual(load_skeleton()["names"][0], "pelvis")


class DataTest(unittest.TestCase):
    def test_screen_normalisation_matches_formula(self):
        uv = np.array([[[[0.0, 0.0], [641.0, 479.0]]]], dtype=np.float32)
        out = screen_normalise(uv, np.array([[641, 479]], dtype=np.float32))
        np.testing.assert_allclose(out[0, 0, 0], [-1.0, -479 / 641], atol=1e-6)
        np.testing.assert_allclose(out[0, 0, 1], [1.0, 479 / 641], atol=1e-6)

    def test_batch_targets_are_root_relative_camera_metres(self):
        s = WindowSampler(synthetic_dataset(3, 120), 27, seed=1)
        x, y = s.batch(8)
        self.assertEqual(x.shape, (8, 27, 17, 2))
        self.assertEqual(y.shape, (8, 27, 17, 3))
        np.testing.assert_allclose(y[:, :, 0], 0.0, atol=1e-6)
        # head above the pelvis in the image: y (down) of head negative on average for upright cameras
        self.assertLess(float(np.median(y[:, :, 10, 1])), 0.0)
        self.assertTrue(np.all(np.isfinite(x)))

    def test_split_is_deterministic_and_disjoint(self):
        takes = [Take(f"t{i:02d}", np.zeros((30, 17, 3), np.float32)) for i in range(20)]
        a_tr, a_va = split_takes(takes)
        b_tr, b_va = split_takes(list(reversed(takes)))
        self.assertEqual([t.id for t in a_va], [t.id for t in b_va])
        self.assertFalse({t.id for t in a_tr} & {t.id for t in a_va})
        self.assertGreater(len(a_va), 0)

    def test_split_by_take_keeps_round_2_validation_when_a_folder_is_added(self):
        def mk(ids):
            return [Take(i, np.zeros((30, 17, 3), np.float32)) for i in ids]
        old = [f"cmu-acrnn/salsa/{i:02d}" for i in range(1, 12)] + [f"cmu-iclone/{i:03d}_01" for i in range(1, 12)]
        new = [f"cmu-daz/{i:02d}_01" for i in range(1, 13)]
        _, va_old = split_takes(mk(old))
        _, va_all = split_takes(mk(old + new))
        ids = [t.id for t in va_all]
        self.assertEqual([t.id for t in va_old], [i for i in ids if not i.startswith("cmu-daz/")])
        self.assertEqual([i for i in ids if i.startswith("cmu-daz/")], ["cmu-daz/05_01", "cmu-daz/11_01"])

    def test_split_by_take_on_the_real_take_ids_after_cleaning_keeps_round_2_validation(self):
        # The 130 take ids of `mocap dataset ../shared/mocap` (folder: space-separated names). clean_takes drops
        # the T-pose and cmu-daz/09_10 before the split; dropping them must not move any take across it (it did:
        # from the T-pose on, every cmu-iclone take moved one place and 002_01, the e2e walk, became training).
        folders = {
            "cmu-acrnn/martial": "03 04 05 06 07 08 09 10",
            "cmu-acrnn/salsa": "01 02 03 04 05 06 07 09 10 11 12 13 14 15 16 17 18 19 20 21 22 24 25 26 27 28 29 30",
            "cmu-acrnn": "standard_tpose",
            "cmu-daz": "08_01 08_02 08_03 08_04 08_05 08_06 08_07 08_08 08_09 08_10 08_11 09_01 09_02 09_03 09_04 "
                       "09_05 09_06 09_07 09_08 09_09 09_10 09_11 10_04 12_01 12_02 12_03 13_10 13_11 13_13 13_32 "
                       "13_39 13_40 13_41 13_42 14_07 14_08 16_01 16_02",
            "cmu-iclone": "001_01 001_08 001_14 002_01 002_02 002_03 002_04 002_06 002_07 002_08 002_09 002_10 003_01 "
                          "003_02 005_01 005_02 005_03 005_04 005_05 005_06 005_07 005_08 005_09 005_10 005_11 005_12 "
                          "005_13 005_14 005_15 005_16 005_17 005_19 005_20 006_01 006_02 006_03 006_04 006_05 006_06 "
                          "006_07 006_08 006_09 006_10 006_11 006_12 007_01 007_02 007_03 007_04 007_05 007_06 007_07 "
                          "007_08 007_09 007_10",
        }
        ids = [f"{k}/{n}" for k, v in folders.items() for n in v.split()]
        self.assertEqual(len(ids), 130)
        takes = clean_takes([Take(i, np.zeros((30, 17, 3), np.float32)) for i in ids])
        self.assertEqual(len(takes), 128)
        round2 = ["cmu-acrnn/martial/07", "cmu-acrnn/salsa/03", "cmu-acrnn/salsa/10", "cmu-acrnn/salsa/16",
                  "cmu-acrnn/salsa/22", "cmu-acrnn/salsa/29", "cmu-iclone/002_01", "cmu-iclone/002_08",
                  "cmu-iclone/005_02", "cmu-iclone/005_08", "cmu-iclone/005_14", "cmu-iclone/006_01",
                  "cmu-iclone/006_07", "cmu-iclone/007_01", "cmu-iclone/007_07"]   # the model card's list
        tr, va = split_takes(takes)
        self.assertEqual([t.id for t in va if not t.id.startswith("cmu-daz/")], round2)
        self.assertEqual([t.id for t in va if t.id.startswith("cmu-daz/")],
                         ["cmu-daz/08_05", "cmu-daz/08_11", "cmu-daz/09_06", "cmu-daz/12_01", "cmu-daz/13_32",
                          "cmu-daz/14_08"])
        self.assertEqual((len(tr), len(va)), (107, 21))
        from hot.data import TEST_TAKES, split_both
        for split in (split_takes, split_by_activity, split_both):
            trained = {t.id for t in split(takes)[0]}
            self.assertFalse(trained & set(TEST_TAKES), split.__name__)
        a_tr, a_va = split_by_activity(takes)
        self.assertEqual((len(a_tr), len(a_va)), (88, 39))

    def test_split_by_activity_holds_out_whole_activities(self):
        ids = ["cmu-acrnn/salsa/03", "cmu-acrnn/martial/07", "cmu-iclone/006_01", "cmu-iclone/006_02",
               "cmu-iclone/006_12", "cmu-iclone/005_02", "cmu-daz/09_01"]
        self.assertEqual(activity_of("cmu-iclone/006_01"), "walk")
        self.assertEqual(activity_of("cmu-iclone/006_07"), "basketball")
        self.assertEqual(activity_of("cmu-daz/09_01"), "run")
        tr, va = split_by_activity([Take(i, np.zeros((30, 17, 3), np.float32)) for i in ids])
        self.assertEqual([t.id for t in va], ["cmu-acrnn/salsa/03", "cmu-iclone/006_02", "cmu-iclone/006_12"])
        self.assertEqual(len(tr), 4)
        with self.assertRaises(ValueError):
            split_by_activity([], held_out=("tango",))
        from hot.data import split_both
        takes = [Take(i, np.zeros((30, 17, 3), np.float32)) for i in ids + ["cmu-iclone/007_%02d" % k for k in range(1, 9)]]
        tr_b, va_b = split_both(takes)
        held = {t.id for t in split_takes(takes)[1]} | {t.id for t in split_by_activity(takes)[1]}
        self.assertEqual({t.id for t in va_b}, held)
        self.assertFalse({t.id for t in tr_b} & held)

    def test_clean_takes_trims_a_leading_rest_pose_and_drops_excluded_takes(self):
        motion = synthetic_dataset(1, 40)[0].positions
        rest = motion[:1].copy()
        rest[0, 13] += np.array([0.6, 0.0, 0.0], np.float32)   # a wrist 0.6 m off: a T-pose first frame
        takes = [Take("a", np.concatenate([rest, motion])), Take("b", motion.copy()),
                 Take("cmu-daz/09_10", motion.copy())]
        out = clean_takes(takes)
        self.assertEqual([t.id for t in out], ["a", "b"])
        self.assertEqual(out[0].frames, 40)
        np.testing.assert_array_equal(out[0].positions, motion)
        self.assertEqual(out[1].frames, 40)

    def test_validation_set_pads_short_takes_and_masks_the_padding(self):
        takes = synthetic_dataset(2, 100)
        short = Take("short", takes[0].positions[:30])
        clean, noisy, y, mask = validation_set(takes + [short], 81)
        self.assertEqual(clean.shape, (2 * 3, 81, 17, 2))
        self.assertEqual(int(mask.sum()), 2 * (81 + 81 + 30))
        self.assertTrue(np.all(mask[0, :30]) and not np.any(mask[0, 30:]))  # "short" sorts first
        sub = validation_set(takes, 27, max_windows=2)
        self.assertEqual(len(sub[2]), 4)

    def test_noise_changes_input_but_keeps_shape(self):
        rng = np.random.default_rng(0)
        uv = rng.uniform(100, 400, (4, 27, 17, 2)).astype(np.float32)
        n = detector_noise(uv, rng)
        self.assertEqual(n.shape, uv.shape)
        self.assertGreater(float(np.abs(n - uv).mean()), 0.1)

    def test_validation_windows_fixed(self):
        takes = synthetic_dataset(2, 100)
        a = validation_windows(takes, 27)
        b = validation_windows(takes, 27)
        np.testing.assert_array_equal(a[1], b[1])


class ModelTest(unittest.TestCase):
    def test_normalisation_invariant_to_translation_and_scale(self):
        x = torch.randn(2, 5, 17, 2)
        np.testing.assert_allclose(normalise_per_frame(x).numpy(),
                                   normalise_per_frame(x * 3.0 + 0.7).numpy(), atol=1e-5)

    def test_dpc_ties_are_broken_by_frame_index(self):
        tok = torch.zeros(1, 6, 8)          # all frames identical: every density ties
        s1 = dpc_knn_scores(tok, 2)
        s2 = dpc_knn_scores(tok.clone(), 2)
        torch.testing.assert_close(s1, s2)
        self.assertEqual(len(set(s1[0].tolist())), 6)

    def test_dpc_prefers_cluster_peaks(self):
        # two tight clusters and one outlier: the densest point of each cluster scores high
        pts = torch.tensor([[0.0], [0.01], [0.02], [5.0], [5.01], [5.02], [20.0]]).reshape(1, 7, 1)
        s = dpc_knn_scores(pts, 2)[0]
        top2 = set(torch.topk(s, 2)[1].tolist())
        self.assertTrue(top2 & {0, 1, 2} and top2 & {3, 4, 5} or 6 in top2)

    def test_hot_keeps_n_sorted_unique_frames(self):
        for prune in ("tpc", "uniform", "attention", "motion"):
            m = Lifter(frames=27, dim=32, depth=3, heads=4, mode="hot", prune=prune, n=9, k=1).eval()
            y, kept = m.forward_with_kept(torch.randn(3, 27, 17, 2))
            self.assertEqual(tuple(y.shape), (3, 27, 17, 3))
            for row in kept.tolist():
                self.assertEqual(row, sorted(set(row)), prune)
                self.assertEqual(len(row), 9)
            np.testing.assert_allclose(y[:, :, 0].detach().numpy(), 0.0, atol=1e-6)

    def test_tpc_only_outputs_one_frame(self):
        m = Lifter(frames=27, dim=32, depth=3, mode="tpc", n=9, k=2).eval()
        self.assertEqual(tuple(m(torch.randn(2, 27, 17, 2)).shape), (2, 1, 17, 3))

    def test_linear_recovery_interpolates(self):
        rec = InterpolationRecovery("linear", 5)
        kept = torch.tensor([0.0, 4.0]).reshape(1, 2, 1, 1)
        out = rec(kept, torch.tensor([[0, 4]]))
        np.testing.assert_allclose(out.reshape(-1).numpy(), [0, 1, 2, 3, 4], atol=1e-5)
        near = InterpolationRecovery("nearest", 5)(kept, torch.tensor([[0, 4]]))
        np.testing.assert_allclose(near.reshape(-1).numpy(), [0, 0, 0, 4, 4], atol=1e-5)

    def test_flops_counter_counts_linear_layers(self):
        m = FrameMLP(width=16, blocks=1)
        # per frame: 34*16 + 2*(16*16) + 16*51 multiply-adds, x2
        self.assertEqual(count_linear_flops(m, 1), 2 * (34 * 16 + 2 * 16 * 16 + 16 * 51))
        base = Lifter(frames=27, dim=32, depth=4, mode="baseline")
        hot = Lifter(frames=27, dim=32, depth=4, mode="hot", n=9, k=1)
        self.assertLess(count_linear_flops(hot, 27), 0.7 * count_linear_flops(base, 27))


class EvaluateTest(unittest.TestCase):
    def test_short_window_model_scores_long_windows_by_chunks(self):
        from hot.evaluate import evaluate
        torch.manual_seed(0)
        m = Lifter(frames=9, dim=16, depth=2, heads=4, mode="baseline").eval()
        takes = synthetic_dataset(2, 60)
        x, _, y, mask = validation_set(takes, 27)
        long = evaluate(m, (x, x, y, mask))
        chunks = (x.reshape(-1, 9, 17, 2), x.reshape(-1, 9, 17, 2), y.reshape(-1, 9, 17, 3))
        short = evaluate(m, chunks)
        self.assertAlmostEqual(long["mpjpe_clean"], short["mpjpe_clean"], places=3)
        # a masked frame does not count
        mask2 = mask.copy()
        mask2[:, 20:] = False
        self.assertNotAlmostEqual(evaluate(m, (x, x, y, mask2))["mpjpe_clean"], long["mpjpe_clean"], places=3)


class ResumeTest(unittest.TestCase):
    def test_resumed_run_matches_the_uninterrupted_run_bit_for_bit(self):
        import io
        import contextlib
        import train
        common = ["--steps", "6", "--batch", "4", "--dim", "16", "--depth", "2", "--mode", "hot", "--n", "9",
                  "--eval-every", "100", "--warmup", "2", "--frames", "27"]
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            a, b = os.path.join(d, "a"), os.path.join(d, "b")
            train.main(["--name", "a", "--run-dir", a] + common)
            train.main(["--name", "b", "--run-dir", b, "--session-steps", "2"] + common)
            self.assertFalse(os.path.exists(os.path.join(b, "final.pt")))
            with self.assertRaises(SystemExit):       # an existing run is not silently restarted
                train.main(["--name", "b", "--run-dir", b] + common)
            train.main(["--resume", b, "--session-steps", "2"])
            train.main(["--resume", b])
            wa = torch.load(os.path.join(a, "final.pt"))["model"]
            wb = torch.load(os.path.join(b, "final.pt"))["model"]
            self.assertEqual(torch.load(os.path.join(b, "final.pt"))["state"]["step"], 6)
            for k in wa:
                self.assertTrue(torch.equal(wa[k], wb[k]), k)

    def test_resumed_session_keeps_the_runs_session_arguments_unless_given(self):
        # the second GPU session's runs were resumed without --device and trained on the CPU: the device, the
        # workers and the validation settings now stay as the run stored them; the session limits do not carry
        import io
        import contextlib
        import train
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            run = os.path.join(d, "r")
            train.main(["--name", "r", "--run-dir", run, "--steps", "4", "--session-steps", "2", "--batch", "4",
                        "--dim", "16", "--depth", "2", "--mode", "hot", "--n", "9", "--frames", "27",
                        "--eval-every", "100", "--val-max-windows", "3", "--workers", "1", "--threads", "1"])
            args, ck = train.resolve_args(["--resume", run])
            self.assertEqual(ck["state"]["step"], 2)
            self.assertEqual((args.workers, args.eval_every, args.val_max_windows, args.device), (1, 100, 3, "cpu"))
            self.assertEqual(args.session_steps, 0)
            args, _ = train.resolve_args(["--resume", run, "--workers", "0", "--eval-every", "7"])
            self.assertEqual((args.workers, args.eval_every, args.val_max_windows), (0, 7, 3))
            self.assertEqual((args.steps, args.dim, args.run_dir), (4, 16, run))


class DeviceAndWorkersTest(unittest.TestCase):
    """--workers (sampler processes), --clock wall and CPU checkpoints (what a GPU session needs)."""

    def test_worker_processes_draw_different_windows_of_the_right_shape(self):
        import train
        from hot.data import WindowSampler, synthetic_dataset
        sampler = WindowSampler(synthetic_dataset(num_takes=3, frames=120), 9, seed=0)
        stream = train.sampler_stream(sampler, 4, 2, seed=0, step=0)
        batches = [next(stream) for _ in range(4)]
        for x, y in batches:
            self.assertEqual(tuple(x.shape), (4, 9, 17, 2))
            self.assertEqual(tuple(y.shape), (4, 9, 17, 3))
        # the two workers take turns; with one seed for both they would hand out the same batches
        self.assertFalse(torch.equal(batches[0][0], batches[1][0]))
        own = train.sampler_stream(WindowSampler(synthetic_dataset(num_takes=3, frames=120), 9, seed=0), 4, 0, 0, 0)
        x0, _ = next(own)  # in process: exactly the sampler's own draws (what exact resumes rely on)
        x1, _ = WindowSampler(synthetic_dataset(num_takes=3, frames=120), 9, seed=0).batch(4)
        self.assertTrue(np.array_equal(x0.numpy(), x1))

    def test_cpu_state_copies_nested_tensors_to_the_cpu(self):
        import train
        model = torch.nn.Linear(3, 2)
        opt = torch.optim.AdamW(model.parameters())
        model(torch.ones(1, 3)).sum().backward()
        opt.step()
        st = train.cpu_state(opt)
        moments = [v for s in st["state"].values() for v in s.values() if isinstance(v, torch.Tensor)]
        self.assertTrue(moments)
        self.assertTrue(all(v.device.type == "cpu" for v in moments))
        self.assertEqual(set(train.cpu_state(model)), {"weight", "bias"})

    def test_wall_clock_budget_ends_the_run_and_writes_final_weights(self):
        import io
        import time
        import contextlib
        import train
        # a budget of 6 s, most of it spent validating after every step (a budget of 1.2 s failed on a loaded
        # machine, where the first step alone, waiting for the sampler process, took 1.8 s)
        args = ["--minutes", "0.1", "--clock", "wall", "--batch", "4", "--dim", "16", "--depth", "2",
                "--mode", "hot", "--n", "9", "--frames", "27", "--eval-every", "1", "--val-max-windows", "16",
                "--warmup", "1", "--workers", "1"]
        with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
            t0 = time.time()
            train.main(["--name", "w", "--run-dir", d] + args)
            ck = train.load_checkpoint(os.path.join(d, "final.pt"))
            self.assertGreater(ck["state"]["step"], 0)
            self.assertLess(time.time() - t0, 60)
            # the clock counted the validation after every step too: less than the budget went into steps
            self.assertLess(ck["state"]["train_s"], 0.1 * 60)
            self.assertTrue(all(v.device.type == "cpu" for v in ck["model"].values()))


class ShippedModelTest(unittest.TestCase):
    def test_shipped_onnx_loads_back_into_pytorch_within_golden_tolerance(self):
        from hot.onnx_weights import load_shipped, verify_golden
        path = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "models", "hot-f27.onnx")
        model, man = load_shipped(path)
        self.assertLess(verify_golden(model, path), 1e-4)
        self.assertEqual(man["config"]["frames"], 27)


class NoiseModelTest(unittest.TestCase):
    @staticmethod
    def _model(**kw):
        from hot.skeleton import NAMES
        m = {"version": 1, "joints": list(NAMES), "bias": {"values": [[0.0, 0.0]] * 17},
             "spread": {"values": [[0.01, 0.02]] * 17}, "lag1Correlation": [0.5] * 17,
             "outliers": {"rate": [0.0] * 17, "medianSize": [0.0] * 17},
             "swaps": {"legs": {"rate": 0.0, "meanRunFrames": 0.0}, "arms": {"rate": 0.0, "meanRunFrames": 0.0}},
             "missedFrameRate": 0.0}
        m.update(kw)
        return m

    def test_measured_noise_has_the_model_spread_and_correlation(self):
        from hot.noise_model import MeasuredNoise
        rng = np.random.default_rng(0)
        uv = np.zeros((400, 27, 17, 2), np.float32)
        uv[:, :, :, 1] = np.linspace(0, 100, 17)                  # a 100 px tall person
        noise = MeasuredNoise(self._model(), strength=(1.0, 1.0))
        e = (noise(uv, rng) - uv) / 100.0
        self.assertAlmostEqual(float(e[..., 0].std()), 0.01, delta=0.001)
        self.assertAlmostEqual(float(e[..., 1].std()), 0.02, delta=0.002)
        x = e[..., 0]
        r = float((x[:, 1:] * x[:, :-1]).mean() / (x ** 2).mean())
        self.assertAlmostEqual(r, 0.5, delta=0.05)

    def test_measured_bias_follows_the_bone(self):
        from hot.noise_model import MeasuredNoise
        bias = [[0.0, 0.0]] * 17
        bias[13] = [0.1, 0.0]                                        # l_wrist 0.1 extents along the forearm
        noise = MeasuredNoise(self._model(bias={"values": bias}, spread={"values": [[0.0, 0.0]] * 17}),
                              strength=(1.0, 1.0))
        uv = np.zeros((1, 3, 17, 2), np.float32)
        uv[..., 1] = np.linspace(0, 100, 17)
        uv[0, :, 13] = uv[0, :, 12] + np.array([30.0, 0.0])          # forearm pointing +x
        out = noise(uv, np.random.default_rng(0))
        np.testing.assert_allclose(out[0, :, 13] - uv[0, :, 13], [[10.0, 0.0]] * 3, atol=1e-3)
        np.testing.assert_allclose(out[0, :, 12], uv[0, :, 12], atol=1e-4)

    def test_committed_blazepose_model_drives_the_sampler(self):
        from hot.noise_model import make_noise
        noise = make_noise("blazepose")
        s = WindowSampler(synthetic_dataset(3, 120), 27, seed=1, noise_prob=1.0, noise=noise)
        x, y = s.batch(8)
        clean = WindowSampler(synthetic_dataset(3, 120), 27, seed=1, noise_prob=1.0, noise=make_noise("none"))
        x0, _ = clean.batch(8)
        self.assertTrue(np.all(np.isfinite(x)))
        self.assertGreater(float(np.abs(x - x0).mean()), 1e-3)
        with self.assertRaises(ValueError):
            make_noise("blazepose", model_path="/nonexistent/noise.json")

    def test_measurement_recovers_a_known_bias_and_swap(self):
        from measure_noise import measure
        rng = np.random.default_rng(1)
        T = 60
        truth = np.zeros((T, 17, 2))
        truth[..., 1] = np.linspace(0, 200, 17)                      # extent 200 px
        truth[..., 0] = rng.normal(0, 40, (T, 17))
        det = truth + rng.normal(0, 2.0, truth.shape)
        d = truth[:, 13] - truth[:, 12]
        det[:, 13] += 20.0 * d / np.linalg.norm(d, axis=-1, keepdims=True)   # 0.1 extents along the forearm
        det[10:13, [1, 2, 3, 4, 5, 6]] = det[10:13, [4, 5, 6, 1, 2, 3]]      # legs swapped for 3 frames
        det[20] = np.nan                                                      # a missed frame
        m = measure([dict(name="c", truth=truth, det=det)])
        self.assertAlmostEqual(m["bias"]["values"][13][0], 0.1, delta=0.01)
        self.assertAlmostEqual(m["missedFrameRate"], 1 / 60, delta=1e-4)
        self.assertAlmostEqual(m["swaps"]["legs"]["rate"], 3 / 59, delta=1e-4)
        self.assertEqual(m["swaps"]["legs"]["meanRunFrames"], 3.0)
        self.assertAlmostEqual(m["spread"]["values"][0][0], 0.01, delta=0.003)

    def test_failed_frames_are_counted_apart_and_leave_the_joint_statistics_alone(self):
        from measure_noise import measure
        rng = np.random.default_rng(2)
        T = 60
        truth = np.zeros((T, 17, 2))
        truth[..., 1] = np.linspace(0, 200, 17)
        truth[..., 0] = rng.normal(0, 40, (T, 17))
        det = truth + rng.normal(0, 2.0, truth.shape)
        det[30:45] = truth[30:45].mean(1, keepdims=True) + rng.normal(0, 5.0, (15, 17, 2))   # a collapsed body
        m = measure([dict(name="c", truth=truth, det=det)])
        self.assertEqual(m["version"], 2)
        self.assertAlmostEqual(m["failedFrameRate"]["rate"], 15 / 60, delta=1e-6)
        self.assertEqual(m["clips"]["c"]["failed"], 15)
        self.assertAlmostEqual(m["spread"]["values"][0][0], 0.01, delta=0.003)
        self.assertLess(max(m["outliers"]["rate"]), 0.02)


class MetricTest(unittest.TestCase):
    @staticmethod
    def pose_and_rotation(seed, n):
        """n random poses and a random proper rotation."""
        rng = np.random.default_rng(seed)
        y = rng.normal(size=(n, 17, 3))
        q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
        if np.linalg.det(q) < 0:
            q[:, 0] *= -1
        return y, q

    def test_pa_mpjpe_removes_similarity_transform(self):
        y, q = self.pose_and_rotation(0, 4)
        p = 1.7 * y @ q.T + 0.3
        self.assertGreater(mpjpe(p, y), 0.5)
        self.assertLess(pa_mpjpe(p, y), 1e-6)

    def test_limb_angle_ignores_a_similarity_transform_and_sees_a_turned_forearm(self):
        from hot.metrics import limb_angle_deg
        y, q = self.pose_and_rotation(1, 3)
        self.assertLess(limb_angle_deg(0.8 * y @ q.T - 0.2, y), 1e-4)
        bent = y.copy()
        bent[:, 16] = bent[:, 15] - (y[:, 16] - y[:, 15])        # the right forearm turned back on itself
        self.assertGreater(limb_angle_deg(bent, y), 10.0)


class RenderedEvalTest(unittest.TestCase):
    def test_truth_in_the_camera_and_the_static_baseline(self):
        import rendered_eval
        from measure_noise import RIGS
        rig = RIGS["ninja"]
        names = sorted(set(rig["spine"] + [rig["head"]] + rig["L"] + rig["R"]))
        rng = np.random.default_rng(2)
        world = rng.normal(size=(5, len(names), 3))
        cam = {"rotation": [[1, 0, 0], [0, -1, 0], [0, 0, -1]], "translation": [0.1, 0.2, 5.0]}
        truth = {"character": "ninja (Models/Ninja/Ninja.mesh.xml)", "characterHeightMetres": 1.75,
                 "joints": [{"name": n} for n in names],
                 "frames": [{"world": w.tolist(), "camera": cam} for w in world]}
        t17 = rendered_eval.truth_camera17(truth)
        self.assertTrue(np.allclose(t17[:, 0], 0))
        # the right wrist relative to the pelvis, turned into the camera (y and z flipped)
        wrist, hips = world[:, names.index(rig["R"][2])], (world[:, names.index(rig["R"][3])]
                                                           + world[:, names.index(rig["L"][3])]) / 2
        self.assertTrue(np.allclose(t17[:, 16], (wrist - hips) * [1, -1, -1]))
        follows = rendered_eval.score(t17 + 0.0, t17)                 # follows the truth exactly
        self.assertLess(follows["pa_mm"], 1e-3)
        self.assertGreater(follows["static_pa_mm"], 10)
        self.assertLess(follows["limbs_x_static"], 0.01)
        still = rendered_eval.score(np.repeat(t17.mean(0, keepdims=True), 5, 0), t17)   # a pose held still
        self.assertAlmostEqual(still["pa_x_static"], 1.0, places=3)
        self.assertAlmostEqual(still["limbs_x_static"], 1.0, places=3)


class TokenRecoveringAttentionTest(unittest.TestCase):
    def _tra(self, **kw):
        from hot.models import TokenRecoveringAttention
        torch.manual_seed(0)
        return TokenRecoveringAttention(16, 4, 9, **kw)

    def test_queries_start_at_zero(self):
        from hot.models import Lifter
        m = Lifter(frames=9, dim=16, depth=2, heads=4, mode="hot", n=3, k=1, tra_time_keys=True)
        self.assertEqual(float(m.recovery.query.abs().max()), 0.0)

    def test_identity_init_starts_as_the_mean_of_the_kept_tokens(self):
        tra = self._tra()
        tra.reset_identity()
        with torch.no_grad():
            tra.q.bias.zero_()  # as the Lifter's init leaves it: zero queries -> uniform attention
        kept = torch.randn(2, 3, 17, 16)
        idx = torch.tensor([[0, 4, 8], [1, 2, 7]])
        out = tra(kept, idx)
        expect = tra.norm_kv(kept).mean(1, keepdim=True).expand(2, 9, 17, 16)
        self.assertLess(float((out - expect).abs().max()), 1e-5)

    def test_time_keys_make_the_output_depend_on_where_the_kept_frames_were(self):
        tra = self._tra(time_keys=True)
        with torch.no_grad():
            tra.query.normal_()
            tra.key_time.normal_()
        kept = torch.randn(1, 3, 17, 16)
        a = tra(kept, torch.tensor([[0, 4, 8]]))
        b = tra(kept, torch.tensor([[1, 5, 6]]))
        self.assertGreater(float((a - b).abs().max()), 1e-3)
        plain = self._tra()
        with torch.no_grad():
            plain.query.normal_()
        self.assertEqual(float((plain(kept, torch.tensor([[0, 4, 8]])) - plain(kept, torch.tensor([[1, 5, 6]])))
                               .abs().max()), 0.0)

    def test_tra_linear_starts_as_linear_recovery_and_can_leave_it(self):
        torch.manual_seed(0)
        m = Lifter(frames=9, dim=16, depth=2, heads=4, mode="hot", n=3, k=1, recover="tra-linear")
        kept = torch.randn(2, 3, 17, 16)
        idx = torch.tensor([[0, 4, 8], [1, 2, 7]])
        lin = InterpolationRecovery("linear", 9)(kept, idx)
        self.assertLess(float((m.recovery(kept, idx) - lin).abs().max()), 1e-6)
        with torch.no_grad():  # a trained output projection corrects the interpolation
            m.recovery.proj.weight.normal_()
        self.assertGreater(float((m.recovery(kept, idx) - lin).abs().max()), 1e-2)
        plain = Lifter(frames=9, dim=16, depth=2, heads=4, mode="hot", n=3, k=1, recover="tra")
        self.assertIsNone(plain.recovery.interp)

    def test_tra_skip_starts_as_linear_recovery_and_then_sees_the_pruned_frames(self):
        torch.manual_seed(0)
        m = Lifter(frames=9, dim=16, depth=2, heads=4, mode="hot", n=3, k=1, recover="tra-skip")
        kept = torch.randn(1, 3, 17, 16)
        idx = torch.tensor([[0, 4, 8]])
        full, other = torch.randn(1, 9, 17, 16), torch.randn(1, 9, 17, 16)
        lin = InterpolationRecovery("linear", 9)(kept, idx)
        self.assertLess(float((m.recovery(kept, idx, full) - lin).abs().max()), 1e-6)
        with torch.no_grad():
            m.recovery.skip.weight.normal_()
            m.recovery.proj.weight.normal_()
        a, b = m.recovery(kept, idx, full), m.recovery(kept, idx, other)
        self.assertGreater(float((a - b).abs().max()), 1e-2)  # trained, the pruned frames' own tokens count
        x2d = torch.randn(2, 9, 17, 2)
        self.assertEqual(tuple(m(x2d).shape), (2, 9, 17, 3))


class ExportTest(unittest.TestCase):
    def test_export_writes_valid_onnx_manifest_and_goldens(self):
        import json
        import export
        with tempfile.TemporaryDirectory() as d:
            export.main(["--untrained", "--mode", "hot", "--dim", "16", "--depth", "2", "--name", "t", "--out", d])
            man = json.load(open(os.path.join(d, "t.json")))
            self.assertEqual(man["input"]["shape"], [1, 27, 17, 2])
            g = json.load(open(os.path.join(d, "t.golden.json")))
            self.assertEqual(len(g["input"]), 27 * 17 * 2)
            self.assertEqual(len(g["output"]), 27 * 17 * 3)
            ties = json.load(open(os.path.join(d, "t.golden-ties.json")))
            self.assertEqual(len(ties["cases"]), 3)

    def test_export_of_time_keyed_tra(self):
        import json
        import export
        with tempfile.TemporaryDirectory() as d:
            export.main(["--untrained", "--mode", "hot", "--dim", "16", "--depth", "2", "--tra-time-keys",
                         "--tra-identity-init", "--name", "t", "--out", d])
            man = json.load(open(os.path.join(d, "t.json")))
            self.assertTrue(man["config"]["tra_time_keys"])
            self.assertIn("Gather", man["onnxOps"])


if __name__ == "__main__":
    unittest.main()
