import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hot.lineage import held_out_takes  # noqa: E402


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


if __name__ == "__main__":
    unittest.main()
