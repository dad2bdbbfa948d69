#!/bin/sh
# One prepared training session on a lent GPU machine (issue 13): five lifters trained side by side on one GPU,
# each with its own sampler processes, for MINUTES of wall-clock time from the start of its training loop
# (--clock wall: the cosine learning-rate schedule follows the clock, since the steps one GPU session reaches are
# not known in advance, and five runs sharing 16 cores spend about 40 % of the clock waiting for batches and
# validating). Each run then validates on the whole held-out set.
#
#   sh training/device_train.sh DATA OUT MINUTES [RUNS]
#
# DATA: a `mocap dataset` folder (training/README.md); OUT: where each run is packed as OUT/<run>.tar (log.jsonl,
# config.json, stdout, and final.pt with result.json once the run has finished, or else weights.pt: the model of
# its last checkpoint without the optimiser's state, so every packed file stays well under the device tool's
# 16 MiB per file); MINUTES: the runs' whole length (0.2 for a smoke test); RUNS: the names below (default all).
# Every run: activity split, measured BlazePose noise (v2) on half the windows, the augmentation ablation's
# recommendation (mixing, time warp, proportions, occlusion at 0.5), seed 0, CUDA.
#
# A machine can be taken back in the middle of a call, and then nothing of that call comes back. So the
# session can be split over several calls: with CALL_MINUTES=m each call trains at most m more minutes and
# returns what it has; the runs stay in RUNDIR (default /tmp/hourglass-runs) on the machine, and the next call,
# while the same machine is held, resumes them (train.py --resume: same clock, same cosine). Without
# CALL_MINUTES one call trains the runs to the end. A run still going CALL_MINUTES (or MINUTES) + MARGIN seconds
# (default 60) after the call started is stopped; its last checkpoint (every 2 min) is what comes back.
set -u
DATA=$1; OUT=$2; MIN=$3; RUNS=${4:-"b81 h81 b243 h243 l27"}
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}
RUNDIR=${RUNDIR:-/tmp/hourglass-runs}
mkdir -p "$OUT" "$RUNDIR"
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
for r in $RUNS; do args "$r" > /dev/null || exit 2; done
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader > "$OUT/device.txt" 2>&1
nproc >> "$OUT/device.txt"
"$PY" -c "import torch, numpy; print('torch', torch.__version__, 'numpy', numpy.__version__, 'cuda', torch.cuda.is_available())" \
  >> "$OUT/device.txt" 2>&1
cat "$OUT/device.txt"
CALL=${CALL_MINUTES:-$MIN}
SESSION=""
[ -n "${CALL_MINUTES:-}" ] && SESSION="--session-minutes $CALL_MINUTES"
# the hard limit: this call's minutes plus start-up (data, validation windows) and the final full validation
LIMIT=$(awk -v m="$CALL" -v mg="${MARGIN:-60}" 'BEGIN { printf "%d", m * 60 + mg }')
for r in $RUNS; do
  d="$RUNDIR/g-$r"
  if [ -f "$d/final.pt" ]; then
    echo "g-$r finished in an earlier call"
    continue
  elif [ -f "$d/latest.pt" ]; then
    # the stored arguments (device and workers included), this call's session limit
    cmd="--resume $d --data $DATA --device ${DEVICE:-cuda} $SESSION"
  else
    rm -rf "$d"
    # shellcheck disable=SC2086
    cmd="--name g-$r --run-dir $d $C $(args $r) $SESSION"
  fi
  # shellcheck disable=SC2086
  PYTHONUNBUFFERED=1 timeout "$LIMIT" "$PY" "$HERE/train.py" $cmd >> "$RUNDIR/g-$r.out" 2>&1 &
done
wait
for r in $RUNS; do
  d="$RUNDIR/g-$r"; p="$OUT/pack/g-$r"
  rm -rf "$p"; mkdir -p "$p"
  cp "$RUNDIR/g-$r.out" "$p/stdout.txt" 2>/dev/null
  for f in log.jsonl config.json result.json final.pt; do [ -f "$d/$f" ] && cp "$d/$f" "$p/"; done
  if [ ! -f "$d/final.pt" ] && [ -f "$d/latest.pt" ]; then
    "$PY" -c "import sys, torch; c = torch.load(sys.argv[1], map_location='cpu', weights_only=False); \
torch.save({k: c[k] for k in ('model', 'cfg', 'state', 'args', 'seed')}, sys.argv[2])" "$d/latest.pt" "$p/weights.pt"
  fi
  tar cf "$OUT/g-$r.tar" -C "$OUT/pack" "g-$r"
  echo "== $r"; tar tvf "$OUT/g-$r.tar" | awk '{print $3, $6}'
done
rm -rf "$OUT/pack"
