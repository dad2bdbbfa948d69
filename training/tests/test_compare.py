"""Tests of the comparison tools: the eval-lifter sweep parser and the one-table builder."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import compare_lifters  # noqa: E402
import streaming_sweep  # noqa: E402

SWEEP = """mean               56.3         48.6   (offline, 12 windows, 6.19 ms/window; MPJVE 8.92 mm/frame)
streaming sweep (same cameras and noise); added latency ...:
mode         L   s  MPJPE mm  PA-MPJPE mm  MPJVE mm   ms/window    windows/s    latency ms     worst ms
offline      -   -      56.3         48.6      8.92        5.70            -    whole clip            -
streaming    0   1      58.1         49.0      9.50       11.36         30.0          11.4         11.4
streaming    0   4      57.0         48.8      9.90       11.36          7.5          61.4        111.4
streaming    4   1      56.9         48.7      9.00        7.32         30.0         140.7        140.7
MPJPE_mm=56.3 PA_MPJPE_mm=48.6
"""


class SweepParserTest(unittest.TestCase):
    def test_parses_offline_and_stride_one_rows(self):
        rows = streaming_sweep.parse_sweep(SWEEP)
        self.assertEqual(sorted(rows), ["L=0", "L=4", "offline"])
        self.assertEqual(rows["L=0"], {"mpjpe": 58.1, "pa_mpjpe": 49.0, "mpjve": 9.5, "ms_per_window": 11.36})
        self.assertEqual(rows["offline"]["mpjpe"], 56.3)

    def test_no_table_is_an_error(self):
        with self.assertRaisesRegex(ValueError, "no sweep table"):
            streaming_sweep.parse_sweep("MPJPE_mm=56.3 PA_MPJPE_mm=48.6\n")


class TableTest(unittest.TestCase):
    def test_one_row_per_model_with_every_source(self):
        def split(base):
            return {"mpjpe_clean": base, "pa_mpjpe_clean": base - 10, "mpjpe_noisy": base + 5,
                    "pa_mpjpe_noisy": base - 5, "mpjpe_end_clean": base * 2, "mpjpe_end_noisy": base * 2 + 1,
                    "mpjve_clean": 9.0, "mpjve_noisy": 12.0, "mpjpe_last_clean": base + 3, "mpjpe_last_noisy": base + 4}
        det = {"frames": 81, "models": {"m1": {"path": "x.onnx", "take": split(50), "activity": split(60)}}}
        bp = {"frames": 81, "models": {"m1": {"path": "x.onnx", "take": split(140), "activity": split(150)}}}
        streaming = {"models": {"m1": {"none": {"L=0": {"mpjpe": 52.0}, "offline": {"mpjpe": 50.5}}}}}
        rows = compare_lifters.build(det, bp, {"m1": [4.0, 3.0, 5.0]}, streaming)
        self.assertEqual(len(rows), 1)
        r = rows[0]
        self.assertEqual((r["take_clean"], r["take_detector"], r["take_blazepose"]), (50, 55, 145))
        self.assertEqual((r["activity_clean"], r["activity_blazepose"]), (60, 155))
        self.assertEqual(r["ms"], 4.0)
        md = compare_lifters.markdown(rows)
        self.assertIn("| `m1` |", md)
        self.assertIn("52.0 / - / 50.5", md)
        with tempfile.TemporaryDirectory() as d:
            paths = []
            for name, doc in (("d", det), ("b", dict(bp, frames=27))):
                paths.append(os.path.join(d, name + ".json"))
                with open(paths[-1], "w") as f:
                    json.dump(doc, f)
            with self.assertRaises(SystemExit):
                compare_lifters.main(["--detector", paths[0], "--blazepose", paths[1]])


if __name__ == "__main__":
    unittest.main()
