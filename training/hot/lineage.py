"""Which dataset takes a trained model never saw, across its whole lineage (--init-from chains).

A run's config.json lists the validation takes of its own split only; a run started from another model's weights
also carries whatever that model trained on. `held_out_takes` follows `init_from` back through run folders
(config.json beside each checkpoint) to a shipped .onnx (its manifest) or a run from scratch, and keeps the takes
that every stage held out. The exporter writes the result as the manifest's training.heldOutTakes, which the
end-to-end tests check (E2eLifter) before scoring a model on a take.
"""
import json
import os


def _manifest_takes(onnx_path):
    man = os.path.splitext(onnx_path)[0] + ".json"
    if not os.path.isfile(man):
        return None
    with open(man, encoding="utf-8") as f:
        training = json.load(f).get("training") or {}
    takes = training.get("heldOutTakes", training.get("validationTakes"))
    return None if takes is None else set(takes)


def held_out_takes(conf, root, max_depth=16):
    """Sorted takes held out by the run whose config is `conf` and by every model its weights came from, or None
    when some stage's takes cannot be found (then nothing is known to be held out). Relative `init_from` paths are
    resolved against `root` (the repository root, where train.py runs)."""
    if "val_takes" not in conf:
        return None
    held = set(conf["val_takes"])
    src = (conf.get("args") or {}).get("init_from")
    for _ in range(max_depth):
        if not src:
            return sorted(held)
        path = src if os.path.isabs(src) else os.path.join(root, src)
        if path.endswith(".onnx"):
            takes = _manifest_takes(path)
            return None if takes is None else sorted(held & takes)
        cfg = os.path.join(os.path.dirname(path), "config.json")
        if not os.path.isfile(cfg):
            return None
        with open(cfg, encoding="utf-8") as f:
            prev = json.load(f)
        if "val_takes" not in prev:
            return None
        held &= set(prev["val_takes"])
        src = (prev.get("args") or {}).get("init_from")
    return None
