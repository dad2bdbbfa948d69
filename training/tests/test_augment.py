"""Tests of the motion/view augmentations (hot/augment.py) and their train.py flags. Each test checks the
augmentation's effect, so it fails if the augmentation were a no-op."""
import os
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hot import augment as A  # noqa: E402
from hot.data import CameraSampler, WindowSampler, Take, project, synthetic_dataset  # noqa: E402
from hot.skeleton import LEFT, PARENTS, RIGHT  # noqa: E402


def bone_lengths(pos):
    """[..., 17] bone lengths (0 for the root)."""
    par = np.maximum(PARENTS, 0)
    return np.linalg.norm(pos - pos[..., par, :], axis=-1)


def linear_take(frames=300):
    """Every joint moves along x at 1 cm per frame: the window's frame-to-frame steps show the time map."""
    base = synthetic_dataset(1, 2, seed=3)[0].positions[0]
    pos = np.repeat(base[None], frames, 0).copy()
    pos[..., 0] += 0.01 * np.arange(frames)[:, None]
    return Take("linear/00", pos)


class MixTest(unittest.TestCase):
    def test_upper_body_of_one_take_on_the_lower_body_of_another(self):
        a, b = synthetic_dataset(2, 27, seed=5)
        lower, upper = a.positions, b.positions
        m = A.mix_upper_lower(lower, upper)
        lo, up = list(A.LOWER), list(A.UPPER)
        # lower body and root path are the lower take's, exactly
        np.testing.assert_allclose(m[:, lo], lower[:, lo], atol=1e-6)
        # one skeleton: the upper bones take the lower take's (median) lengths
        want = np.median(bone_lengths(lower), axis=0)
        np.testing.assert_allclose(bone_lengths(m)[:, up], np.broadcast_to(want[up], (27, len(up))), atol=1e-4)
        # the upper body moves as the other take's: bone directions relative to the pelvis heading agree
        d = A._heading(lower) - A._heading(upper)
        for j in up:
            p = PARENTS[j]
            v = upper[:, j] - upper[:, p]
            c, s = np.cos(d), np.sin(d)
            v = np.stack([c * v[:, 0] - s * v[:, 2], v[:, 1], s * v[:, 0] + c * v[:, 2]], -1)
            got = m[:, j] - m[:, p]
            np.testing.assert_allclose(got / np.linalg.norm(got, axis=-1, keepdims=True),
                                       v / np.linalg.norm(v, axis=-1, keepdims=True), atol=1e-4)
        # and it differs from the lower take's own upper body (not a no-op)
        self.assertGreater(float(np.abs(m[:, up] - lower[:, up]).max()), 0.05)

    def test_sampler_mixes_with_the_flag_and_only_with_it(self):
        takes = synthetic_dataset(4, 120, seed=1)
        plain = WindowSampler(takes, 27, seed=7).world_windows(16)
        mixed = WindowSampler(takes, 27, seed=7, aug={"mix": 1.0}).world_windows(16)
        lo, up = list(A.LOWER), list(A.UPPER)
        np.testing.assert_allclose(mixed[:, :, lo], plain[:, :, lo], atol=1e-6)
        rel_p = plain[:, :, up] - plain[:, :, :1]
        rel_m = mixed[:, :, up] - mixed[:, :, :1]
        self.assertGreater(float(np.abs(rel_m - rel_p).max(axis=(1, 2, 3)).min()), 0.02)


class TimeWarpTest(unittest.TestCase):
    def test_warp_is_monotone_and_changes_speed_within_the_window(self):
        take = linear_take()
        plain = WindowSampler([take], 27, seed=2).world_windows(32)
        warped = WindowSampler([take], 27, seed=2, aug={"time_warp": 1.0}).world_windows(32)
        sp = np.diff(plain[:, :, 0, 0], axis=1)   # metres per frame = 0.01 x speed
        sw = np.diff(warped[:, :, 0, 0], axis=1)
        np.testing.assert_allclose(sp.std(axis=1), 0.0, atol=1e-5)          # constant speed
        self.assertTrue(np.all(sw > 0))                                       # monotone
        ratio = sw.max(axis=1) / sw.min(axis=1)
        self.assertGreater(float(np.median(ratio)), 1.3)                      # the speed changes
        g = A.time_warp(27, np.random.default_rng(0))
        self.assertAlmostEqual(g[0], 0.0, delta=1e-12)
        self.assertAlmostEqual(g[-1], 1.0, delta=1e-12)


class ProportionTest(unittest.TestCase):
    def test_proportions_change_beyond_8_percent_symmetrically_with_feet_on_the_ground(self):
        pos = np.repeat(synthetic_dataset(1, 27, seed=4)[0].positions[None], 200, 0)
        s = A.proportion_factors(np.random.default_rng(0), 200)
        out = A.apply_bone_factors(pos, s)
        b0, b1 = bone_lengths(pos), bone_lengths(out)
        # left and right bones stay equal in length ratio
        r = b1[..., 1:] / b0[..., 1:]
        r = np.concatenate([np.ones(r.shape[:-1] + (1,)), r], -1)
        np.testing.assert_allclose(r[..., LEFT], r[..., RIGHT], atol=1e-4)
        # leg/torso ratio varies well beyond the +-8 % of the old per-bone scaling
        leg = b1[:, 0, 2] + b1[:, 0, 3]
        torso = b1[:, 0, 7] + b1[:, 0, 8]
        ratio = leg / torso / ((b0[0, 0, 2] + b0[0, 0, 3]) / (b0[0, 0, 7] + b0[0, 0, 8]))
        self.assertGreater(float(ratio.max() - ratio.min()), 0.3)
        width = b1[:, 0, 11] / b1[:, 0, 1]
        self.assertGreater(float(width.max() / width.min()), 1.3)
        # the lowest ankle keeps its height; bone directions are kept
        np.testing.assert_allclose(out[:, :, [3, 6], 1].min(axis=(1, 2)), pos[:, :, [3, 6], 1].min(axis=(1, 2)),
                                   atol=1e-5)
        par = np.maximum(PARENTS, 0)
        d0 = pos - pos[..., par, :]
        d1 = out - out[..., par, :]
        cos = (d0 * d1).sum(-1)[..., 1:] / (np.linalg.norm(d0, axis=-1) * np.linalg.norm(d1, axis=-1))[..., 1:]
        np.testing.assert_allclose(cos, 1.0, atol=1e-5)

    def test_sampler_applies_proportions_with_the_flag(self):
        takes = synthetic_dataset(3, 120, seed=1)
        ys = []
        for aug in ({}, {"proportions": 1.0}):
            _, y = WindowSampler(takes, 27, seed=3, aug=aug).batch(64)
            b = bone_lengths(y)[:, 0]
            ys.append((b[:, 2] + b[:, 3]) / (b[:, 7] + b[:, 8]))
        self.assertGreater(float(ys[1].std()), 1.5 * float(ys[0].std()))


class CameraTest(unittest.TestCase):
    def test_varied_cameras_have_real_heights_roll_and_off_centre_aim(self):
        pos = np.repeat(synthetic_dataset(1, 27, seed=4)[0].positions[None], 2000, 0)
        rng = np.random.default_rng(0)
        R, cam, focal, size = A.VariedCameraSampler(CameraSampler()).sample(rng, pos)
        ground = pos[:, :, [3, 6], 1].min(axis=(1, 2)) - 0.08
        h = cam[:, 1] - ground
        self.assertGreater(float(h.min()), 0.19)
        self.assertLess(float(h.max()), 3.01)
        self.assertGreater(float((h < 0.8).mean()), 0.2)
        self.assertGreater(float((h > 1.8).mean()), 0.15)
        roll = np.degrees(A.camera_roll(R.astype(np.float64)))
        self.assertLess(float(np.abs(roll).max()), 15.1)
        self.assertGreater(float((np.abs(roll) > 8).mean()), 0.1)
        # default cameras: roll N(0, 3 deg); far fewer beyond 8 deg
        R0, cam0, _, _ = CameraSampler().sample(np.random.default_rng(0), pos[:, :, 0].mean(1))
        self.assertLess(float((np.abs(np.degrees(A.camera_roll(R0.astype(np.float64)))) > 8).mean()), 0.02)
        # rotations are orthonormal and the subject is in front of the camera
        np.testing.assert_allclose(R @ np.transpose(R, (0, 2, 1)), np.broadcast_to(np.eye(3), R.shape), atol=1e-5)
        pc, uv = project(pos, R, cam, focal, size)
        self.assertGreater(float(pc[..., 2].min()), 0.3)

    def test_sampler_uses_varied_cameras_with_the_flag(self):
        takes = synthetic_dataset(3, 120, seed=1)
        spread = []
        for aug in ({}, {"camera": 1.0}):
            x, _ = WindowSampler(takes, 27, seed=3, aug=aug).batch(256)
            spread.append(float(x[:, :, 0, 1].std()))   # where the pelvis sits in the picture, vertically
        # the default camera centres the subject; a real one is aimed anywhere from the feet to the head
        self.assertGreater(spread[1], 2 * spread[0])


class RuntimeFillTest(unittest.TestCase):
    def setUp(self):
        F = 20
        t = np.arange(F, dtype=np.float64)
        self.uv = np.zeros((1, F, 17, 2), np.float32)
        self.uv[0, :, :, 0] = (100 + 2 * t ** 2)[:, None] + np.arange(17)[None]  # non-linear in time
        self.uv[0, :, :, 1] = 200 + 3 * t[:, None]
        self.size = np.array([[1000, 1000]], np.float32)

    def test_derived_joints_follow_their_sources(self):
        h = np.zeros(17, bool)
        h[4] = True   # left hip
        p = A.propagate_derived(h)
        self.assertTrue(p[0] and p[7])        # pelvis, spine
        self.assertFalse(p[8] or p[10])
        h = np.zeros(17, bool)
        h[14] = True  # right shoulder
        p = A.propagate_derived(h)
        self.assertTrue(p[8] and p[7] and p[10])
        self.assertFalse(p[0])

    def test_offline_interpolates_and_live_holds(self):
        hid = np.zeros((1, 20, 17), bool)
        hid[0, 5:9, 13] = True                     # a wrist for 4 frames
        off = A.runtime_fill(self.uv, hid, np.array([False]), self.size)
        live = A.runtime_fill(self.uv, hid, np.array([True]), self.size)
        x = self.uv[0, :, 13, 0]
        a = (np.arange(5, 9) - 4) / 5.0
        np.testing.assert_allclose(off[0, 5:9, 13, 0], x[4] + a * (x[9] - x[4]), atol=1e-3)
        np.testing.assert_allclose(live[0, 5:9, 13, 0], x[4], atol=1e-3)
        self.assertGreater(float(np.abs(off[0, 5:9, 13] - self.uv[0, 5:9, 13]).max()), 1.0)  # not the truth
        for out in (off, live):
            np.testing.assert_allclose(np.delete(out[0], 13, axis=1), np.delete(self.uv[0], 13, axis=1), atol=1e-4)
            np.testing.assert_allclose(out[0, :5], self.uv[0, :5], atol=1e-4)

    def test_a_frame_with_fewer_than_9_observed_joints_is_filled_whole(self):
        hid = np.zeros((1, 20, 17), bool)
        hid[0, 10, :9] = True                      # 8 observed
        off = A.runtime_fill(self.uv, hid, np.array([False]), self.size)
        live = A.runtime_fill(self.uv, hid, np.array([True]), self.size)
        np.testing.assert_allclose(off[0, 10], (self.uv[0, 9] + self.uv[0, 11]) / 2, atol=1e-3)
        np.testing.assert_allclose(live[0, 10], self.uv[0, 9], atol=1e-3)

    def test_a_joint_hidden_from_the_window_start_is_anchored_at_its_first_frame(self):
        hid = np.zeros((1, 20, 17), bool)
        hid[0, :4, 3] = True
        live = A.runtime_fill(self.uv, hid, np.array([True]), self.size)
        np.testing.assert_allclose(live[0, :4, 3], np.repeat(self.uv[0, :1, 3], 4, 0), atol=1e-3)


class OcclusionTest(unittest.TestCase):
    def test_sampler_hides_joints_as_the_runtime_fills_them(self):
        takes = synthetic_dataset(3, 120, seed=1)
        clean = WindowSampler(takes, 27, seed=4, noise_prob=0.0)
        occ = WindowSampler(takes, 27, seed=4, noise_prob=0.0, aug={"occlusion": 1.0})
        x0, y0 = clean.batch(32)
        x1, y1 = occ.batch(32)
        np.testing.assert_allclose(y1, y0, atol=1e-6)            # targets keep every joint
        diff = np.abs(x1 - x0).max(-1) > 1e-6                      # [B, F, J] inputs changed
        self.assertTrue(diff.any(axis=(1, 2)).all())
        mask = A.occlusion_mask(8, 27, np.random.default_rng(1), 1.0)
        self.assertTrue(mask.any(axis=(1, 2)).all())
        self.assertTrue(np.all(mask[..., 0] >= (mask[..., 1] | mask[..., 4])))


class TruncationTest(unittest.TestCase):
    def test_sampler_puts_part_of_the_person_beyond_the_image_edge(self):
        takes = synthetic_dataset(3, 120, seed=1)
        outside = []
        for aug in ({}, {"truncation": 1.0}):
            s = WindowSampler(takes, 27, seed=5, noise_prob=0.0, aug=aug)
            x, y = s.batch(64)
            np.testing.assert_allclose(y[:, :, 0], 0.0, atol=1e-6)
            self.assertTrue(np.all(np.isfinite(x)))
            outside.append(float((np.abs(x[..., 0]) > 1.0).mean() + (np.abs(x[..., 1]) > 1.0).mean()))
        self.assertGreater(outside[1], 3 * outside[0] + 0.02)

    def test_far_out_joints_are_hidden_and_near_ones_kept_unclamped(self):
        take = synthetic_dataset(1, 27, seed=4)[0]
        pos = np.repeat(take.positions[None], 64, 0)
        rng = np.random.default_rng(0)
        cams = CameraSampler()
        R, cam, focal, size = cams.sample(rng, pos[:, :, 0].mean(1))
        pc, uv = project(pos, R, cam, focal, size)
        R2, pc2, uv2, hidden = A.truncate(pos, R, cam, focal, size, pc, uv, rng, 1.0)
        wh = size[:, None, None, :]
        beyond = np.linalg.norm(np.maximum(0, -uv2) + np.maximum(0, uv2 - wh), axis=-1)
        self.assertGreater(float((beyond > 0).mean()), 0.05)
        # everything hidden by truncation is outside the frame, or derived from a joint that is
        direct = hidden.copy()
        direct[..., [0, 7, 8, 10]] = False
        self.assertTrue(np.all(beyond[direct] > 0))
        self.assertTrue(hidden.any())
        self.assertTrue(np.any((beyond > 0) & ~hidden))             # some out-of-frame joints are reported
        # targets stay consistent: the new camera frame is a rotation of the old one
        np.testing.assert_allclose(np.linalg.norm(pc2 - pc2[:, :, :1], axis=-1),
                                   np.linalg.norm(pc - pc[:, :, :1], axis=-1), atol=1e-4)
        # and every window can still be lifted: a frame with at least 9 observed joints
        self.assertTrue(np.all(((~hidden).sum(-1) >= 9).any(-1)))


class FlagTest(unittest.TestCase):
    def test_all_flags_off_draws_the_same_batches_as_before(self):
        takes = synthetic_dataset(3, 120, seed=1)
        a = WindowSampler(takes, 27, seed=9).batch(8)
        b = WindowSampler(takes, 27, seed=9, aug={k: 0.0 for k in A.AUG_NAMES}).batch(8)
        np.testing.assert_array_equal(a[0], b[0])
        np.testing.assert_array_equal(a[1], b[1])
        # the same figures as the sampler of commit d3d3541, before these augmentations existed
        self.assertAlmostEqual(float(np.abs(a[0]).astype(np.float64).sum()), 892.3377468287945, delta=1e-3)
        self.assertAlmostEqual(float(np.abs(a[1]).astype(np.float64).sum()), 2325.503582213074, delta=1e-3)
        np.testing.assert_allclose(a[0][3, 5, 13], [-0.08619052171707153, -0.04029417037963867], atol=1e-6)
        with self.assertRaises(ValueError):
            WindowSampler(takes, 27, aug={"blur": 0.5})
        with self.assertRaises(ValueError):
            WindowSampler(takes, 27, aug={"mix": 1.5})

    def test_train_records_the_flags_and_an_old_run_resumes_with_them_off(self):
        import json
        import torch
        import train
        with tempfile.TemporaryDirectory() as d:
            run = os.path.join(d, "r")
            common = ["--data", "synthetic", "--frames", "9", "--dim", "16", "--depth", "1", "--heads", "2",
                      "--batch", "4", "--steps", "4", "--eval-every", "100", "--val-max-windows", "4"]
            train.main(["--name", "r", "--run-dir", run, "--aug-mix", "0.5", "--aug-truncation", "0.25",
                        "--session-steps", "2"] + common)
            with open(os.path.join(run, "config.json")) as f:
                cfg = json.load(f)
            self.assertEqual(cfg["augment"]["mix"], 0.5)
            self.assertEqual(cfg["augment"]["truncation"], 0.25)
            self.assertEqual(cfg["augment"]["camera"], 0.0)
            # a checkpoint written before the flags existed resumes with them off
            ck = torch.load(os.path.join(run, "latest.pt"))
            for k in list(ck["args"]):
                if k.startswith("aug_") or k == "noise_model":
                    del ck["args"][k]
            torch.save(ck, os.path.join(run, "latest.pt"))
            train.main(["--resume", run])
            with open(os.path.join(run, "config.json")) as f:
                cfg = json.load(f)
            self.assertEqual(set(cfg["augment"].values()), {0.0})
            # and, older still, before --noise-model: it keeps the version 1 noise model it drew from
            self.assertEqual(cfg["args"]["noise_model"], train.LEGACY_NOISE_MODEL)
            self.assertTrue(os.path.isfile(os.path.join(run, "result.json")))


if __name__ == "__main__":
    unittest.main()
