#!/usr/bin/env python3
"""Recount the takes a shipped lifter never trained on (its manifest's training.heldOutTakes) against the present
dataset, without re-exporting the model: each stage of its lineage also held out the takes its own dataset lacked
(hot/lineage.py; e.g. a model trained before `cmu-daz/` was added never saw a `cmu-daz` take). The dataset a stage
had is identified by its data digest, so nothing is assumed: a stage whose digest matches no union of the present
dataset's source folders keeps only its validation takes.

  /usr/bin/python3 training/held_out.py --data /work/data/cmu30v3 assets/models/hot-f27.json
  /usr/bin/python3 training/held_out.py --data /work/data/cmu30v3 --ckpt training/checkpoints/<run>/final.pt \
      assets/models/<name>.json

With --ckpt the lineage is that run's (its config.json and --init-from chain); the run must be the one the manifest
was exported from (same validation takes and data digest). Without it the manifest is a lineage root (a model whose
run folder is gone): its own validation takes plus what its dataset lacked. The manifest is rewritten atomically;
only training.heldOutTakes (and training.heldOutBasis, a line saying how it was counted) change."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export import atomic_write  # noqa: E402
from hot.lineage import (LINEAGE_BASIS, ROOT_BASIS, held_out_takes, manifest_held_out,  # noqa: E402
                         present_dataset)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def recount(manifest, universe, cleaned, conf=None):
    """The manifest (a dict) with training.heldOutTakes recounted; raises ValueError if it cannot be."""
    training = manifest.get("training")
    if not training or "validationTakes" not in training:
        raise ValueError("the manifest has no training.validationTakes: it was not exported from a training run")
    if conf is None:
        if "heldOutTakes" in training and training.get("heldOutBasis") != ROOT_BASIS:
            raise ValueError("the manifest already counts a lineage (training.heldOutTakes); give the run it was "
                             "exported from with --ckpt (without it, only a lineage root can be recounted)")
        held = manifest_held_out({k: v for k, v in training.items() if k != "heldOutTakes"}, universe, cleaned)
        basis = ROOT_BASIS
    else:
        if sorted(conf["val_takes"]) != sorted(training["validationTakes"]) \
                or conf.get("data_digest") != training.get("dataDigest"):
            raise ValueError("the run's validation takes or data digest differ from the manifest's: "
                             "it is not the run this model was exported from")
        held = held_out_takes(conf, ROOT, universe=universe, cleaned=cleaned)
        basis = LINEAGE_BASIS
    if held is None:
        raise ValueError("a stage of the lineage cannot be found, so no take is known to be held out")
    out = dict(manifest)
    out["training"] = dict(training, heldOutTakes=sorted(held), heldOutBasis=basis)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="the present dataset (a `mocap dataset` folder)")
    ap.add_argument("--ckpt", default=None, help="the run the model was exported from (its final.pt)")
    ap.add_argument("manifest")
    args = ap.parse_args()
    universe, cleaned = present_dataset(args.data)
    if universe is None:
        raise SystemExit(f"--data {args.data}: no manifest.json there; give a `mocap dataset` folder")
    conf = None
    if args.ckpt:
        cp = os.path.join(os.path.dirname(os.path.abspath(args.ckpt)), "config.json")
        if not os.path.isfile(cp):
            raise SystemExit(f"--ckpt {args.ckpt}: no config.json beside it")
        with open(cp, encoding="utf-8") as f:
            conf = json.load(f)
    with open(args.manifest, encoding="utf-8") as f:
        manifest = json.load(f)
    try:
        out = recount(manifest, universe, cleaned, conf)
    except ValueError as e:
        raise SystemExit(f"{args.manifest}: {e}")
    before = set(manifest["training"].get("heldOutTakes", manifest["training"]["validationTakes"]))
    after = set(out["training"]["heldOutTakes"])
    atomic_write(args.manifest, json.dumps(out, indent=1))
    print(f"{args.manifest}: {len(before)} -> {len(after)} held-out takes; added {sorted(after - before)}; "
          f"removed {sorted(before - after)}")


if __name__ == "__main__":
    main()
