import os
import sys
import tempfile
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import train  # noqa: E402
from hot.models import Lifter  # noqa: E402


class InitFromShorterWindowTest(unittest.TestCase):
    def test_resample_keeps_end_points_and_interpolates(self):
        v = torch.tensor([0.0, 10.0, 20.0]).reshape(1, 3, 1)
        r = train.resample_time(v, 5)
        torch.testing.assert_close(r.reshape(-1), torch.tensor([0.0, 5.0, 10.0, 15.0, 20.0]))

    def test_a_longer_window_takes_every_tensor_of_a_shorter_one(self):
        torch.manual_seed(0)
        short = Lifter(frames=9, dim=16, depth=2, heads=2, mode="hot", n=3, k=1, tra_time_keys=True)
        long = Lifter(frames=27, dim=16, depth=2, heads=2, mode="hot", n=9, k=1, tra_time_keys=True)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.pt")
            torch.save({"model": short.state_dict()}, path)
            got, total = train.init_weights(long, path)
        self.assertEqual(got, total)            # without resampling the 4 time-indexed tensors would be skipped
        sd_s, sd_l = short.state_dict(), long.state_dict()
        torch.testing.assert_close(sd_l["pos_t"][:, 0], sd_s["pos_t"][:, 0])
        torch.testing.assert_close(sd_l["pos_t"][:, -1], sd_s["pos_t"][:, -1])
        torch.testing.assert_close(sd_l["recovery.query"][:, 13], sd_s["recovery.query"][:, 4])
        torch.testing.assert_close(sd_l["sblocks.0.attn.qkv.weight"], sd_s["sblocks.0.attn.qkv.weight"])


if __name__ == "__main__":
    unittest.main()
