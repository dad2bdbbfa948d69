#!/bin/sh
# Augmentation ablation (issue 13): identical short proxy runs on the activity-held-out split, same seed and
# steps, each with exactly one augmentation on (probability P per window), a control with none (and the
# control again with another seed, to show the seed-to-seed spread), all together, and the three that create
# new motion together (without and with occlusion). One after another, one thread each, niced; then
# training/summarise_augment.py scores every final.pt.
#   sh training/ablate_augment.sh <steps> <P> <run root>
set -e
cd "$(dirname "$0")/.."
STEPS=${1:-400}
P=${2:-0.5}
ROOT=${3:-/work/runs-aug}
D=${DATA:-/work/data/cmu30v3}
C="--data $D --split activity --noise blazepose --mode hot --frames 27 --dim 64 --depth 4 --n 11 --k 1 \
 --tra-time-keys --batch 32 --steps $STEPS --warmup 50 --lr 1e-3 --eval-every $((STEPS / 2)) \
 --val-max-windows 40 --ckpt-every 600 --threads 1"
mkdir -p "$ROOT"
while read name flags; do
  if [ -f "$ROOT/$name/result.json" ]; then continue; fi
  rm -rf "$ROOT/$name"
  echo "$(date -u +%H:%M:%S) start $name" >> "$ROOT/ablation.log"
  nice -n 10 /usr/bin/python3 training/train.py --name "$name" --run-dir "$ROOT/$name" $C $flags \
    > "$ROOT/$name.out" 2>&1 || echo "$name failed" >> "$ROOT/ablation.log"
  echo "$(date -u +%H:%M:%S) done $name" >> "$ROOT/ablation.log"
done <<LIST
aug-none --seed 0
aug-all --seed 0 --aug-mix $P --aug-time-warp $P --aug-proportions $P --aug-camera $P --aug-occlusion $P --aug-truncation $P
aug-mix --seed 0 --aug-mix $P
aug-time-warp --seed 0 --aug-time-warp $P
aug-proportions --seed 0 --aug-proportions $P
aug-camera --seed 0 --aug-camera $P
aug-occlusion --seed 0 --aug-occlusion $P
aug-truncation --seed 0 --aug-truncation $P
aug-none-seed1 --seed 1
aug-motion --seed 0 --aug-mix $P --aug-time-warp $P --aug-proportions $P
aug-motion-occlusion --seed 0 --aug-mix $P --aug-time-warp $P --aug-proportions $P --aug-occlusion $P
LIST
