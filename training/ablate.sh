#!/bin/sh
# Ablations: short fine-tunes that all start from the trained main HoT (n=11, k=1, TPC + TRA), or from the
# trained baseline for the baseline reference, each for the same training-time budget ($MIN minutes).
# Usage: sh training/ablate.sh <steps> <jobs-in-parallel> [hot checkpoint] [baseline checkpoint]
# A fixed number of steps (not minutes) per run, because wall-clock shares on the shared machine vary.
set -e
cd "$(dirname "$0")"
STEPS=${1:-30}
JOBS=${2:-2}
D=${DATA:-$PWD/data/cmu30}
HOT=${3:-runs/hot/final.pt}
BASE=${4:-runs/base/final.pt}
COMMON="--data $D --batch 16 --minutes 1000 --max-steps $STEPS --eval-every 100000 --ckpt-every 60 --warmup 5 --lr 3e-4"
cat > runs/ablate.list <<LIST
ab-base --mode baseline --init-from $BASE
ab-hot-n11-k1 --mode hot --n 11 --k 1 --init-from $HOT
ab-hot-n5-k1 --mode hot --n 5 --k 1 --init-from $HOT
ab-hot-n9-k1 --mode hot --n 9 --k 1 --init-from $HOT
ab-hot-n18-k1 --mode hot --n 18 --k 1 --init-from $HOT
ab-hot-n5-k2 --mode hot --n 5 --k 2 --init-from $HOT
ab-hot-n11-k2 --mode hot --n 11 --k 2 --init-from $HOT
ab-prune-uniform --mode hot --n 11 --k 1 --prune uniform --init-from $HOT
ab-prune-attention --mode hot --n 11 --k 1 --prune attention --init-from $HOT
ab-prune-motion --mode hot --n 11 --k 1 --prune motion --init-from $HOT
ab-rec-nearest --mode hot --n 11 --k 1 --recover nearest --init-from $HOT
ab-rec-linear --mode hot --n 11 --k 1 --recover linear --init-from $HOT
ab-tpc-n11-k1 --mode tpc --n 11 --k 1 --init-from $HOT
LIST
# run the list, $JOBS at a time
cat runs/ablate.list | xargs -P "$JOBS" -L 1 sh -c 'name=$0; /usr/bin/python3 train.py --name $name "$@" '"$COMMON"' > runs/$name.out 2>&1'
