#!/bin/sh
# One prepared training session on a lent GPU machine (issue 13): five lifters trained side by side on one GPU,
# each with its own sampler processes, for MINUTES of wall-clock time from the start of its training loop
# (--clock wall: the cosine learning-rate schedule follows the clock, since the steps one GPU session reaches are
# not known in advance, and five runs sharing 16 cores spend about 40 % of the clock waiting for batches and
# validating). Each run then validates on the whole held-out set; a run still going MINUTES + MARGIN seconds
# (default 60) after its start is stopped and its last checkpoint (every 2 min) comes back instead.
#
#   sh training/device_train.sh DATA OUT MINUTES [RUNS]
#
# DATA: a `mocap dataset` folder (training/README.md); OUT: where each run's folder is written and packed as
# OUT/<run>.tar (final.pt, log.jsonl, config.json, result.json, stdout; when a run was cut short, weights.pt: the
# model of its last checkpoint without the optimiser's state, so that every packed file stays well under the
# device tool's 16 MiB per file); MINUTES: training minutes per run
# (0.2 for a smoke test); RUNS: the names below to run (default all). Every run: activity split, measured
# BlazePose noise (v2) on half the windows, the augmentation ablation's recommendation (mixing, time warp,
# proportions, occlusion at 0.5), seed 0, CUDA.
set -u
DATA=$1; OUT=$2; MIN=$3; RUNS=${4:-"b81 h81 b243 h243 l27"}
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}
mkdir -p "$OUT"
C="--data $DATA --split activity --noise blazepose --noise-prob 0.5 --aug-mix 0.5 --aug-time-warp 0.5 \
 --aug-proportions 0.5 --aug-occlusion 0.5 --seed 0 --threads 1 --device ${DEVICE:-cuda} --minutes $MIN --clock wall \
 --eval-every 1000 --val-max-windows 200 --ckpt-every 120 --warmup 300"
args() {
  case $1 in
    b81)  echo "--mode baseline --frames 81 --dim 128 --depth 6 --heads 8 --batch 128 --lr 5e-4 --workers 3" ;;
    h81)  echo "--mode hot --prune tpc --recover tra-linear --frames 81 --n 27 --k 1 --dim 128 --depth 6 --heads 8 \
 --batch 128 --lr 5e-4 --workers 3" ;;
    b243) echo "--mode baseline --frames 243 --dim 128 --depth 6 --heads 8 --batch 64 --lr 5e-4 --workers 3" ;;
    h243) echo "--mode hot --prune tpc --recover tra-linear --frames 243 --n 81 --k 1 --dim 128 --depth 6 --heads 8 \
 --batch 64 --lr 5e-4 --workers 3" ;;
    l27)  echo "--mode hot --prune tpc --recover tra --tra-time-keys --frames 27 --n 11 --k 1 --dim 64 --depth 4 \
 --heads 4 --batch 256 --lr 1e-3 --live-lookahead 0 --w-live 1.0 --workers 2" ;;
    *) echo "unknown run $1" >&2; exit 2 ;;
  esac
}
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>&1 | tee "$OUT/device.txt"
nproc >> "$OUT/device.txt"
"$PY" -c "import torch, numpy; print('torch', torch.__version__, 'numpy', numpy.__version__, 'cuda', torch.cuda.is_available())" \
  >> "$OUT/device.txt" 2>&1
cat "$OUT/device.txt"
# the hard limit: the clock's minutes plus start-up (data, validation windows) and the final full validation
LIMIT=$(awk -v m="$MIN" -v mg="${MARGIN:-60}" 'BEGIN { printf "%d", m * 60 + mg }')
for r in $RUNS; do
  a=$(args $r) || exit 2
  # shellcheck disable=SC2086
  PYTHONUNBUFFERED=1 timeout "$LIMIT" "$PY" "$HERE/train.py" --name "g-$r" --run-dir "$OUT/g-$r" $C $a \
    > "$OUT/g-$r.out" 2>&1 &
done
wait
for r in $RUNS; do
  cp "$OUT/g-$r.out" "$OUT/g-$r/stdout.txt" 2>/dev/null
  if [ ! -f "$OUT/g-$r/final.pt" ] && [ -f "$OUT/g-$r/latest.pt" ]; then
    "$PY" -c "import sys, torch; c = torch.load(sys.argv[1], map_location='cpu', weights_only=False); \
torch.save({k: c[k] for k in ('model', 'cfg', 'state', 'args', 'seed')}, sys.argv[2])" \
      "$OUT/g-$r/latest.pt" "$OUT/g-$r/weights.pt"
  fi
  rm -f "$OUT/g-$r/latest.pt"
  tar cf "$OUT/g-$r.tar" -C "$OUT" "g-$r" && rm -rf "$OUT/g-$r" "$OUT/g-$r.out"
  echo "== $r"; tar tvf "$OUT/g-$r.tar" | awk '{print $3, $6}'
done
