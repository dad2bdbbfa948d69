"""Which dataset takes a trained model never saw, across its whole lineage (--init-from chains).

A run's config.json lists the validation takes of its own split only; a run started from another model's weights
also carries whatever that model trained on. `held_out_takes` follows `init_from` back through run folders
(config.json beside each checkpoint) to a shipped .onnx (its manifest) or a run from scratch, and keeps the takes
that every stage held out. The exporter writes the result as the manifest's training.heldOutTakes, which the
end-to-end tests check (E2eLifter) before scoring a model on a take.

A stage also never saw the takes its dataset did not have (a model trained before `cmu-daz/` was added to the data
never trained on a `cmu-daz` take). Given the present dataset (`universe`), a stage's dataset is found from its data
digest (hot.data.take_digest over the ids and frame counts of its training and validation takes): the union of
source folders (a take id's first part), with or without the takes cleaning drops, whose digest matches. Where none
matches, only the stage's validation takes count (nothing is assumed).
"""
import itertools
import json
import os

# training.heldOutBasis of a manifest: how its heldOutTakes were counted
LINEAGE_BASIS = ("the takes every stage of its --init-from chain held out: validation takes, and takes a stage's "
                 "dataset (by data digest) lacked")
ROOT_BASIS = "a lineage root: its own validation takes and the takes its dataset (by data digest) lacked"


def present_dataset(folder):
    """(universe, cleaned) for held_out_takes: a `mocap dataset` folder's takes as loaded and as cleaned
    (hot.data.clean_takes), or (None, None) when the folder holds no dataset."""
    from hot.data import clean_takes, load_dataset
    if not folder or not os.path.isfile(os.path.join(folder, "manifest.json")):
        return None, None
    universe = load_dataset(folder)[0]
    return universe, clean_takes(universe)


def _manifest_training(onnx_path):
    man = os.path.splitext(onnx_path)[0] + ".json"
    if not os.path.isfile(man):
        return None
    with open(man, encoding="utf-8") as f:
        return json.load(f).get("training") or {}


def dataset_ids(digest, universe, cleaned=None):
    """The ids of the dataset whose take_digest is `digest`, among the unions of `universe`'s source folders, each as
    loaded or as cleaned (`cleaned`: clean_takes(universe), which drops and trims takes; None: not tried), or None
    when none matches. `universe`: the present dataset's takes (objects with .id and .frames)."""
    from hot.data import take_digest
    if not digest or not universe:
        return None
    folders = sorted({t.id.split("/")[0] for t in universe})
    for r in range(len(folders), 0, -1):
        for chosen in itertools.combinations(folders, r):
            whole = [t for t in universe if t.id.split("/")[0] in chosen]
            for takes in (whole, None if cleaned is None else [t for t in cleaned if t.id.split("/")[0] in chosen]):
                if takes and take_digest(takes) == digest:
                    return {t.id for t in takes}
    return None


def _stage_held(val, digest, universe, cleaned):
    held = set(val)
    ids = dataset_ids(digest, universe, cleaned)
    if ids is not None:
        held |= {t.id for t in universe} - ids
    return held


def manifest_held_out(training, universe=None, cleaned=None):
    """The takes a shipped model's manifest `training` block says it held out (heldOutTakes, else validationTakes),
    plus, given the present dataset, the takes its dataset (by dataDigest) did not have."""
    takes = training.get("heldOutTakes", training.get("validationTakes"))
    if takes is None:
        return None
    return _stage_held(takes, training.get("dataDigest"), universe, cleaned)


def held_out_takes(conf, root, max_depth=16, universe=None, cleaned=None):
    """Sorted takes held out by the run whose config is `conf` and by every model its weights came from, or None
    when some stage's takes cannot be found (then nothing is known to be held out). Relative `init_from` paths are
    resolved against `root` (the repository root, where train.py runs). With `universe` (the present dataset's
    takes) and `cleaned` (clean_takes(universe)), each stage also held out the takes its own dataset lacked
    (dataset_ids)."""
    if "val_takes" not in conf:
        return None
    held = _stage_held(conf["val_takes"], conf.get("data_digest"), universe, cleaned)
    src = (conf.get("args") or {}).get("init_from")
    for _ in range(max_depth):
        if not src:
            return sorted(held)
        path = src if os.path.isabs(src) else os.path.join(root, src)
        if path.endswith(".onnx"):
            training = _manifest_training(path)
            takes = None if training is None else manifest_held_out(training, universe, cleaned)
            return None if takes is None else sorted(held & takes)
        cfg = os.path.join(os.path.dirname(path), "config.json")
        if not os.path.isfile(cfg):
            return None
        with open(cfg, encoding="utf-8") as f:
            prev = json.load(f)
        if "val_takes" not in prev:
            return None
        held &= _stage_held(prev["val_takes"], prev.get("data_digest"), universe, cleaned)
        src = (prev.get("args") or {}).get("init_from")
    return None
