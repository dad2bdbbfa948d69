#!/bin/sh
# Ablations: short fine-tunes that all start from the SAME trained checkpoints, each for the same number
# of steps (a fixed step count, not minutes, because jobs sharing the 2 cores get uneven shares), with the
# cosine LR following the steps; plus the single-frame MLP floor from scratch (by minutes). Two jobs at a
# time, one PyTorch thread each.
#   sh training/ablate.sh <steps> <jobs> <hot checkpoint> <baseline checkpoint>
# HoT variants start from the main HoT run (TPC n=11 k=1, time-keyed TRA); the baseline reference
# continues the baseline run for the same steps. A changed n gets a fresh kept-token position
# embedding; nearest/linear recovery and TPC-only drop the TRA weights; plain TRA drops the time keys.
set -e
cd "$(dirname "$0")"
STEPS=${1:-400}
JOBS=${2:-2}
HOT=${3:-runs/v2-hot/final.pt}
BASE=${4:-runs/v2-base/final.pt}
D=${DATA:-/work/data/cmu30}
FT="--data $D --batch 32 --minutes 1000 --max-steps $STEPS --eval-every 100000 --ckpt-every 60 --warmup 20 --lr 3e-4"
TRA="--tra-time-keys"
cat > runs/ablate2.list <<LIST
v2-mlp --mode mlp --data $D --batch 32 --minutes 10 --eval-every 120 --ckpt-every 120
ab2-base --mode baseline --init-from $BASE $FT
ab2-hot-n11-k1 --mode hot --n 11 --k 1 $TRA --init-from $HOT $FT
ab2-tpc-n11-k1 --mode tpc --n 11 --k 1 --init-from $HOT $FT
ab2-rec-linear --mode hot --n 11 --k 1 --recover linear --init-from $HOT $FT
ab2-rec-nearest --mode hot --n 11 --k 1 --recover nearest --init-from $HOT $FT
ab2-rec-tra-plain --mode hot --n 11 --k 1 --init-from $HOT $FT
ab2-prune-uniform --mode hot --n 11 --k 1 --prune uniform $TRA --init-from $HOT $FT
ab2-prune-attention --mode hot --n 11 --k 1 --prune attention $TRA --init-from $HOT $FT
ab2-prune-motion --mode hot --n 11 --k 1 --prune motion $TRA --init-from $HOT $FT
ab2-hot-n5-k1 --mode hot --n 5 --k 1 $TRA --init-from $HOT $FT
ab2-hot-n8-k1 --mode hot --n 8 --k 1 $TRA --init-from $HOT $FT
ab2-hot-n15-k1 --mode hot --n 15 --k 1 $TRA --init-from $HOT $FT
ab2-hot-n5-k2 --mode hot --n 5 --k 2 $TRA --init-from $HOT $FT
ab2-hot-n11-k2 --mode hot --n 11 --k 2 $TRA --init-from $HOT $FT
LIST
xargs -P "$JOBS" -L 1 sh -c 'name=$0; /usr/bin/python3 train.py --name "$name" "$@" > "runs/$name.out" 2>&1' \
  < runs/ablate2.list
