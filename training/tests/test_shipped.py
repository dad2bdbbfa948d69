"""Every shipped model (assets/models/*.onnx) loads back into this code's PyTorch modules and reproduces its
golden output: the evaluation tools (evaluate_models.py, --init-from a shipped .onnx) depend on it, and a change
to a model's forward pass that reorders its exported graph breaks it (hot.onnx_weights matches initializers of a
fresh export by name)."""
import glob
import os
import sys
import unittest
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hot.onnx_weights import load_shipped, verify_golden  # noqa: E402

MODELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets", "models")


class ShippedModelsTest(unittest.TestCase):
    def test_every_shipped_model_loads_back_and_matches_its_golden(self):
        paths = sorted(glob.glob(os.path.join(MODELS, "*.onnx")))
        self.assertGreaterEqual(len(paths), 6, paths)
        for p in paths:
            with self.subTest(model=os.path.basename(p)), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model, man = load_shipped(p)
                self.assertEqual(man["file"], os.path.basename(p))
                self.assertLess(verify_golden(model, p), 1e-4)


if __name__ == "__main__":
    unittest.main()
