#!/usr/bin/env python3
"""Fills card_static.md with the measured figures -> assets/models/MODEL_CARD.md.
  python3 training/gen_card.py <parity.txt> <verdict.md> <lessons.md>"""
import io
import json
import os
import sys
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import summarise  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
runs = os.path.join(HERE, "runs")


def res(n):
    return json.load(open(os.path.join(runs, n, "result.json")))


b, h, m = res("ab2-base"), res("ab2-hot-n11-k1"), res("v2-mlp")
conf = json.load(open(os.path.join(runs, "v2-base", "config.json")))
buf = io.StringIO()
with redirect_stdout(buf):
    summarise.main()
text = open(os.path.join(HERE, "card_static.md")).read()
fill = dict(
    hot_params=f"{h['params']:,}", base_params=f"{b['params']:,}", mlp_params=f"{m['params']:,}",
    hot_mflops=f"{h['flops_per_window'] / 1e6:.1f}", base_mflops=f"{b['flops_per_window'] / 1e6:.1f}",
    mlp_mflops=f"{27 * m['flops_per_window'] / 1e6:.1f}",
    hot_rel=f"{100 * h['flops_per_window'] / b['flops_per_window']:.0f} % of the baseline",
    val_takes=", ".join(f"`{t}`" for t in conf["val_takes"]),
    tables=buf.getvalue(), parity="```\n" + open(sys.argv[1]).read().strip() + "\n```",
    verdict=open(sys.argv[2]).read().strip(), lessons=open(sys.argv[3]).read().strip())
for k, v in fill.items():
    text = text.replace("{" + k + "}", v)
out = os.path.join(HERE, "..", "assets", "models", "MODEL_CARD.md")
with open(out + ".tmp", "w") as f:
    f.write(text)
os.replace(out + ".tmp", out)
print("wrote", out)
