#!/bin/bash
# Runs a losslab sweep spec on Slurm as N shards, then merges them:
#
#   deploy/slurm/submit.sh SPEC.json N RESULT.json [PARTS_DIR]
#
# submits sweep-array.sbatch as an array of N tasks (--array=1-N) and merge.sbatch with
# --dependency=afterok on it, and prints the two job IDs ("ARRAY MERGE"). PARTS_DIR defaults to
# RESULT's name without .json plus "-parts". Extra sbatch options (partition, account, time, CPUs
# per task) go in SBATCH_* environment variables, e.g. SBATCH_PARTITION=long SBATCH_TIMELIMIT=2:00:00;
# sweep-array.sbatch gives each task SLURM_CPUS_PER_TASK workers (set SLURM_CPUS_PER_TASK or add
# --cpus-per-task to the script).
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: submit.sh SPEC.json N RESULT.json [PARTS_DIR]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
spec=$1
shards=$2
out=$3
parts=${4:-${out%.json}-parts}
case "$shards" in '' | *[!0-9]* | 0) echo "submit.sh: N must be a positive integer, got '$shards'" >&2; exit 2 ;; esac

array=$(sbatch --parsable --array="1-$shards" "$here/sweep-array.sbatch" "$spec" "$parts" "$shards")
array=${array%%;*} # --parsable prints JOBID or JOBID;CLUSTER
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes "$here/merge.sbatch" "$parts" "$shards" "$out")
merge=${merge%%;*}
echo "$array $merge"
