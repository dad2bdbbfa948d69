#!/usr/bin/env bash
# Renders every training take of a split (train.py's, by default the split by take) on a character (default Ninja)
# from one seeded camera per take and reads it with BlazePose lite: the 2D a lifter gets in the product, paired with
# the renderer's truth, for training on BlazePose's own errors (issue 13, "realistic 2D error"; train.py --rendered).
# Skips takes already done, so it resumes.
# usage: training/render_train_takes.sh <dataset dir (mocap dataset)> <out dir> [split: take | activity | both]
#        [character: ninja | sinbad | ...] [camera salt: any word; each salt draws another camera per take]
# Without a salt the cameras are those of the first render set (seeded by the take id alone).
set -euo pipefail
data=$1; out=$2; split=${3:-take}; character=${4:-ninja}; salt=${5:-}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$out"
/usr/bin/python3 - "$root" "$data" "$split" "$salt" <<'PY' | while read -r id src secs az el; do
import hashlib, json, os, sys
root, data, split, salt = sys.argv[1:5]
sys.path.insert(0, os.path.join(root, "training"))
from train import get_data  # the training takes exactly as train.py splits them
train, _ = get_data(data, split)
with open(os.path.join(data, "manifest.json"), encoding="utf-8") as f:
    source = {t["id"]: t["source"] for t in json.load(f)["takes"]}
for t in train:
    h = int(hashlib.sha256((t.id + salt).encode()).hexdigest()[:8], 16)
    print(t.id, source[t.id], f"{t.frames / 30.0:.2f}", h % 360, 2 + (h >> 9) % 18)
PY
  name=$(echo "$id" | tr '/' '_')
  [ -f "$out/$name.kp.json" ] && continue
  (cd "$root" && ./mocap render-synthetic --character "$character" --motion "$src" --in-place \
      --camera "azimuth=$az,elevation=$el" --duration "$secs" --out "$out/$name.mp4" --truth "$out/$name.truth.json" \
    && ./mocap keypoints "$out/$name.mp4" --out "$out/$name.kp.json" --model lite) > "$out/$name.log" 2>&1 \
    || echo "failed: $id (see $out/$name.log)"
  echo "$id done $(date +%T)"
done
