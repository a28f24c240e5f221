#!/usr/bin/env bash
# Retrains the shipped property models (seeded: weights, hold-out split and shuffles; TensorFlow's
# CPU kernels may still differ in the last bits between machines): each on one CDVAE split, reported on the other. The "-judge" models are trained on
# the test split and reported on val, so a design loop steered by the first can be judged by the second.
# Usage: models/properties/train.sh [NAME…]   (default: all); logs go to out/properties/NAME.log
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${XTAL_DATA:-$root/../shared/data}/crystals
out=$root/models/properties
logs=$root/out/properties
mkdir -p "$logs"
train() { # name split-for-training split-for-report column epochs loss
  local name=$1 from=$2 to=$3 column=$4 epochs=$5 loss=$6
  echo "== $name" >&2
  nice -n 15 "${XTALC:-$root/bin/xtalc}" property train --data "$data/$from.csv" --val "$data/$to.csv" --column "$column" \
    --epochs "$epochs" --loss "$loss" --seed 42 -o "$out/$name" 2>"$logs/$name.log"
}
names=("$@")
all=(
  "perov5-heat_ref perov_5_val perov_5_test heat_ref 120 huber"
  "perov5-ind_gap perov_5_val perov_5_test ind_gap 120 mse"
  "carbon24-energy_per_atom carbon_24_val carbon_24_test energy_per_atom 120 huber"
  "perov5-heat_ref-judge perov_5_test perov_5_val heat_ref 120 huber"
  "carbon24-energy_per_atom-judge carbon_24_test carbon_24_val energy_per_atom 120 huber"
  "perov5-ind_gap-judge perov_5_test perov_5_val ind_gap 120 mse"
)
for spec in "${all[@]}"; do
  set -- $spec
  if [[ ${#names[@]} -eq 0 ]] || [[ " ${names[*]} " == *" $1 "* ]]; then train "$@"; fi
done
