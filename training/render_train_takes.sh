#!/usr/bin/env bash
# Renders every training take of the split by take on Ninja from one seeded camera per take and reads it with
# BlazePose lite: the 2D a lifter gets in the product, paired with the renderer's truth, for training on BlazePose's
# own errors (issue 13, "realistic 2D error"). Skips takes already done, so it resumes.
# usage: training/render_train_takes.sh <dataset dir (mocap dataset)> <run dir whose config.json lists val_takes> <out dir>
set -euo pipefail
data=$1; run=$2; out=$3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$out"
/usr/bin/python3 - "$data" "$run" <<'PY' | while read -r id src secs az el; do
import json, sys, hashlib
data, run = sys.argv[1], sys.argv[2]
takes = json.load(open(f"{data}/manifest.json"))["takes"]
val = set(json.load(open(f"{run}/config.json"))["val_takes"])
for t in takes:
    if t["id"] in val or t["id"] == "cmu-daz/09_10":
        continue
    h = int(hashlib.sha256(t["id"].encode()).hexdigest()[:8], 16)
    print(t["id"], t["source"], f"{t['frames'] / 30.0:.2f}", h % 360, 2 + (h >> 9) % 18)
PY
  name=$(echo "$id" | tr '/' '_')
  [ -f "$out/$name.kp.json" ] && continue
  (cd "$root" && ./mocap render-synthetic --character ninja --motion "$src" --in-place \
      --camera "azimuth=$az,elevation=$el" --duration "$secs" --out "$out/$name.mp4" --truth "$out/$name.truth.json" \
    && ./mocap keypoints "$out/$name.mp4" --out "$out/$name.kp.json" --model lite) > "$out/$name.log" 2>&1 \
    || echo "failed: $id (see $out/$name.log)"
  echo "$id done $(date +%T)"
done
