import json
import os
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hot.data import WindowSampler, synthetic_dataset  # noqa: E402
from measure_noise import RIGS  # noqa: E402
from rendered_pairs import RenderedMix, RenderedPairs, kabsch, pair_from_files  # noqa: E402


def _rotation(yaw, pitch):
    cy, sy, cp, sp = np.cos(yaw), np.sin(yaw), np.cos(pitch), np.sin(pitch)
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rx = np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]])
    return rx @ ry


def _write_render(folder, take, offset, rot, missing=(), w=640, h=480, f=600.0):
    """A fake render of `take` on the Ninja rig: rendered frame i shows the take's frame i + offset, in a camera
    whose rotation is `rot` (world = the take's frame), 4 m in front; BlazePose's 2D is the exact projection."""
    rig = RIGS["ninja"]
    n = take.frames - abs(offset) - 2
    if offset >= 0:
        pos = take.positions[offset:offset + n]
    else:  # the first frames show the take's first frame
        pos = np.concatenate([take.positions[:1].repeat(-offset, 0), take.positions[:n + offset]])
    # rig joints: the H36M joints the loader rebuilds (pelvis from the upper legs, thorax from the shoulders)
    names, world = [], []
    for side, idx in (("L", [11, 12, 13, 4, 5, 6]), ("R", [14, 15, 16, 1, 2, 3])):
        for name, j in zip(rig[side], idx):
            names.append(name)
            world.append(pos[:, j])
    for name, j in zip(rig["spine"], [7, 7, 7]):
        names.append(name)
        world.append(pos[:, j])
    names.append(rig["head"])
    world.append(pos[:, 9])
    world = np.stack(world, 1)
    t = np.array([0.0, 0.0, 4.0])
    cam = dict(fx=f, fy=f, cx=w / 2, cy=h / 2, width=w, height=h, rotation=rot.tolist(), translation=t.tolist())
    truth = dict(character="Ninja (test)", characterHeightMetres=1.8, joints=[{"name": nm} for nm in names],
                 frames=[dict(index=i, camera=cam, world=world[i].tolist()) for i in range(n)])
    q = pos @ rot.T + t
    uv = np.stack([f * q[..., 0] / q[..., 2] + w / 2, f * q[..., 1] / q[..., 2] + h / 2], -1)
    kp = dict(width=w, height=h, frames=[dict(index=i, person=i not in missing,
                                                 joints17=None if i in missing else
                                                 np.concatenate([uv[i], np.ones((17, 1))], 1).tolist())
                                            for i in range(n)])
    stem = os.path.join(folder, take.id.replace("/", "_"))
    with open(stem + ".truth.json", "w") as fh:
        json.dump(truth, fh)
    with open(stem + ".kp.json", "w") as fh:
        json.dump(kp, fh)
    return stem + ".truth.json", q - q[:, :1], uv


def _as_placed(takes):
    """The takes with the joints the loader places from a rig (pelvis between the upper legs, thorax between the
    shoulders on Ninja, head top a tenth of 1.8 m above the head), so a render of them fits exactly."""
    for t in takes:
        p = t.positions.astype(np.float64)
        p[:, 0] = (p[:, 1] + p[:, 4]) / 2
        p[:, 8] = (p[:, 11] + p[:, 14]) / 2
        up = p[:, 9] - p[:, 8]
        p[:, 10] = p[:, 9] + 0.18 * up / np.linalg.norm(up, axis=-1, keepdims=True)
        t.positions = p.astype(np.float32)
    return takes


class RenderedPairsTest(unittest.TestCase):
    def setUp(self):
        self.takes = _as_placed(synthetic_dataset(num_takes=3, frames=80, seed=3))

    def test_kabsch_recovers_a_rotation(self):
        rng = np.random.default_rng(0)
        a = rng.normal(size=(50, 3))
        r = _rotation(0.7, -0.3)
        np.testing.assert_allclose(kabsch(a, a @ r.T), r, atol=1e-9)

    def test_pair_targets_are_the_take_in_the_camera_frame_at_the_right_offset(self):
        rot = _rotation(2.1, 0.25)
        with tempfile.TemporaryDirectory() as d:
            path, cam_rel, uv = _write_render(d, self.takes[0], -1, rot)
            p = pair_from_files(path, self.takes[0])
            self.assertEqual(p["offset"], -1)
            self.assertLess(p["fit_deg"], 0.05)  # float32 positions
            lo = 1  # the first rendered frame has no take frame before it at offset -1
            np.testing.assert_allclose(p["y"], cam_rel[lo:lo + len(p["y"])], atol=1e-4)
            # the runtime's screen normalisation: x' = 2x/w - 1, y' = 2y/w - h/w
            np.testing.assert_allclose(p["x"][:, :, 0], 2 * uv[lo:lo + len(p["x"]), :, 0] / 640 - 1, atol=1e-5)
            np.testing.assert_allclose(p["x"][:, :, 1], 2 * uv[lo:lo + len(p["x"]), :, 1] / 640 - 480 / 640,
                                       atol=1e-5)

    def test_a_wrong_take_fails_the_fit_and_missing_keypoints_are_an_error(self):
        with tempfile.TemporaryDirectory() as d:
            _write_render(d, self.takes[0], 0, _rotation(0.4, 0.1), missing=range(10, 14))
            os.rename(os.path.join(d, self.takes[0].id.replace("/", "_") + ".truth.json"),
                      os.path.join(d, self.takes[1].id.replace("/", "_") + ".truth.json"))
            os.rename(os.path.join(d, self.takes[0].id.replace("/", "_") + ".kp.json"),
                      os.path.join(d, self.takes[1].id.replace("/", "_") + ".kp.json"))
            with self.assertRaises(ValueError) as e:  # the render of take 0 filed as take 1: no fit
                RenderedPairs(d, self.takes[1:2], 9, log=lambda s: None)
            self.assertIn("rotation fit", str(e.exception))
            os.remove(os.path.join(d, self.takes[1].id.replace("/", "_") + ".kp.json"))
            with self.assertRaises(ValueError) as e:
                pair_from_files(os.path.join(d, self.takes[1].id.replace("/", "_") + ".truth.json"), self.takes[1])
            self.assertIn("mocap keypoints", str(e.exception))

    def test_several_folders_pool_their_renders_of_the_same_take(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            _write_render(a, self.takes[0], 0, _rotation(0.4, 0.1))
            _write_render(b, self.takes[0], -1, _rotation(-1.2, 0.3))
            _write_render(b, self.takes[1], 0, _rotation(2.0, 0.0))
            pairs = RenderedPairs([a, b], self.takes, 9, log=lambda s: None)
            self.assertEqual([p["id"] for p in pairs.pairs], [self.takes[0].id, self.takes[0].id, self.takes[1].id])
            self.assertEqual([p["offset"] for p in pairs.pairs], [0, -1, 0])
            first, second = pairs.pairs[0], pairs.pairs[1]  # one take, two cameras: different targets
            self.assertGreater(np.abs(first["y"][5] - second["y"][5]).max(), 0.05)
            self.assertEqual(len(RenderedPairs(a, self.takes, 9, log=lambda s: None).pairs), 1)

    def test_windows_skip_frames_without_a_person_and_the_mix_resumes_exactly(self):
        with tempfile.TemporaryDirectory() as d:
            _write_render(d, self.takes[0], 0, _rotation(0.4, 0.1), missing=range(10, 14))
            pairs = RenderedPairs(d, self.takes, 9, log=lambda s: None)
            starts = pairs.pairs[0]["starts"]
            self.assertFalse(any(s <= 13 and s + 9 > 10 for s in starts))
            x, _ = pairs.sample(np.random.default_rng(1), 64)
            self.assertTrue(np.isfinite(x).all())
            mix = RenderedMix(WindowSampler(self.takes, 9, seed=5), pairs, 0.5)
            state = mix.rng.bit_generator.state
            a = mix.batch(16)
            mix.rng.bit_generator.state = state
            b = mix.batch(16)
            np.testing.assert_array_equal(a[0], b[0])
            np.testing.assert_array_equal(a[1], b[1])
            with self.assertRaises(ValueError):
                RenderedMix(mix.base, pairs, 0.0)


if __name__ == "__main__":
    unittest.main()
