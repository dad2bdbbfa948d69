"""The 17-joint Human3.6M table, read from assets/skeleton/h36m17.json (the single definition)."""
import json
import os

_REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SKELETON_PATH = os.path.join(_REPO, "assets", "skeleton", "h36m17.json")


def load_skeleton(path=SKELETON_PATH):
    with open(path, "r", encoding="utf-8") as f:
        data = json.load(f)
    if data.get("version") != 1:
        raise ValueError(f"{path}: skeleton version {data.get('version')} not supported; expected 1")
    names = data["names"]
    parents = data["parents"]
    left, right = data["left"], data["right"]
    if len(names) != 17 or len(parents) != 17 or len(left) != len(right):
        raise ValueError(f"{path}: expected 17 joints and matching left/right lists")
    flip = list(range(len(names)))
    for l, r in zip(left, right):
        flip[l], flip[r] = r, l
    return {"names": names, "parents": parents, "left": left, "right": right, "flip": flip}


SKELETON = load_skeleton()
NAMES = SKELETON["names"]
PARENTS = SKELETON["parents"]
LEFT = SKELETON["left"]
RIGHT = SKELETON["right"]
FLIP = SKELETON["flip"]
NUM_JOINTS = len(NAMES)
