import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hot.data import take_digest  # noqa: E402
from hot.lineage import dataset_ids, held_out_takes  # noqa: E402
from held_out import recount  # noqa: E402


class _Take:
    def __init__(self, id, frames):
        self.id, self.frames = id, frames


def _run(root, name, val, init_from=None):
    d = os.path.join(root, "runs", name)
    os.makedirs(d)
    conf = {"val_takes": val, "args": {"init_from": init_from}}
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(conf, f)
    return conf, os.path.join("runs", name, "final.pt")


class LineageTest(unittest.TestCase):
    def test_takes_held_out_by_every_stage_of_the_init_chain(self):
        with tempfile.TemporaryDirectory() as root:
            with open(os.path.join(root, "base.json"), "w") as f:
                json.dump({"training": {"validationTakes": ["a", "b", "c", "walk"]}}, f)
            _, first = _run(root, "first", ["a", "b", "c"], "base.onnx")       # an activity-like split: walk trained
            conf, _ = _run(root, "second", ["a", "b", "walk"], first)         # then a split that holds the walk out
            self.assertEqual(held_out_takes(conf, root), ["a", "b"])
            # a model from scratch: its own validation takes
            scratch, _ = _run(root, "scratch", ["walk", "x"])
            self.assertEqual(held_out_takes(scratch, root), ["walk", "x"])
            # an unknown stage: nothing is known to be held out
            lost, _ = _run(root, "lost", ["a"], "runs/missing/final.pt")
            self.assertIsNone(held_out_takes(lost, root))
            # a shipped model's own heldOutTakes wins over its validation takes
            with open(os.path.join(root, "live.json"), "w") as f:
                json.dump({"training": {"validationTakes": ["a", "walk"], "heldOutTakes": ["a"]}}, f)
            tuned, _ = _run(root, "tuned", ["a", "walk"], "live.onnx")
            self.assertEqual(held_out_takes(tuned, root), ["a"])


    def test_a_stage_also_held_out_the_takes_its_dataset_lacked(self):
        old = [_Take("a/1", 50), _Take("a/2", 60), _Take("a/walk", 70)]
        new = [_Take("b/1", 40), _Take("b/2", 45)]
        universe = old + new
        cleaned = [_Take("a/1", 48), _Take("a/walk", 70), _Take("b/1", 40), _Take("b/2", 45)]  # drops a/2, trims a/1
        self.assertEqual(dataset_ids(take_digest(old), universe, cleaned), {"a/1", "a/2", "a/walk"})
        self.assertEqual(dataset_ids(take_digest(cleaned), universe, cleaned), {"a/1", "a/walk", "b/1", "b/2"})
        self.assertIsNone(dataset_ids(take_digest(old[:2]), universe, cleaned))  # not a union of folders
        self.assertIsNone(dataset_ids(take_digest([_Take("a/1", 49)] + old[1:]), universe, cleaned))  # other frames
        with tempfile.TemporaryDirectory() as root:
            # the root model trained before folder b existed: b's takes are held out; a dataset that matches no union
            # of folders counts its validation takes only
            with open(os.path.join(root, "base.json"), "w") as f:
                json.dump({"training": {"validationTakes": ["a/2", "a/walk"], "dataDigest": take_digest(old)}}, f)
            conf, _ = _run(root, "tuned", ["a/walk", "b/2"], "base.onnx")
            conf["data_digest"] = take_digest(cleaned)
            self.assertEqual(held_out_takes(conf, root), ["a/walk"])  # without the dataset: validation takes only
            self.assertEqual(held_out_takes(conf, root, universe=universe, cleaned=cleaned),
                             ["a/2", "a/walk", "b/2"])  # a/2: dropped by the tuned stage's cleaning
            conf["data_digest"] = "0123456789abcdef"
            self.assertEqual(held_out_takes(conf, root, universe=universe, cleaned=cleaned), ["a/walk", "b/2"])

    def test_recounting_a_manifest(self):
        old = [_Take("a/1", 50), _Take("a/walk", 70)]
        universe = old + [_Take("b/1", 40)]
        root = {"training": {"validationTakes": ["a/walk"], "dataDigest": take_digest(old)}}
        out = recount(root, universe, universe)
        self.assertEqual(out["training"]["heldOutTakes"], ["a/walk", "b/1"])
        self.assertEqual(recount(out, universe, universe), out)  # a recounted root recounts the same
        child = {"training": {"validationTakes": ["a/walk", "b/1"], "heldOutTakes": ["a/walk"],
                              "dataDigest": take_digest(universe)}}
        with self.assertRaises(ValueError) as e:  # a model with a lineage needs its run
            recount(child, universe, universe)
        self.assertIn("--ckpt", str(e.exception))
        with self.assertRaises(ValueError) as e:  # a run that is not the model's
            recount(child, universe, universe, {"val_takes": ["a/walk"], "data_digest": take_digest(universe)})
        self.assertIn("not the run", str(e.exception))


if __name__ == "__main__":
    unittest.main()
