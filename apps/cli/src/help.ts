// The --help texts. The defaults they show come from the same constants the parsers use.

import { availableParallelism } from 'node:os';
import { SPEC_DEFAULTS } from './sweep-spec.js';
import { VERSION } from './version.js';

const EXIT_CODES = `Exit codes:
  0    success
  1    the work ran but something failed (failed runs, an I/O error; bench: results differ from core)
  2    bad flag, value or input file: nothing was run or written
  130  interrupted by Ctrl-C (143: SIGTERM, 129: SIGHUP): nothing was written
`;

export function mainHelp(): string {
  return `losslab ${VERSION}: sweeps of a sigmoid neuron trained with squared error vs cross-entropy

Usage:
  losslab sweep [flags]          train every loss × η × initialization, write one record per run
  losslab merge FILE… [--out F]  join the outputs of sweep --shard I/N into the whole sweep's output
  losslab status --spec F --shards N PATH…
                                 which shards of a sharded sweep are present, missing, duplicate
  losslab bench [flags]          benchmark S1 (32,768 runs) on 1 worker and on all workers

  losslab COMMAND --help         flags of a command
  losslab --version
  --debug (with any command)     show the stack trace of an error

${EXIT_CODES}`;
}

/** Flag rows: the flag, what it does, the default in brackets, in aligned columns. */
function rows(table: ReadonlyArray<readonly [string, string, string]>): string {
  return table.map(([flag, text, fallback]) => `  ${flag.padEnd(22)}  ${text.padEnd(60)}  [${fallback}]`).join('\n');
}

export function sweepHelp(): string {
  const d = SPEC_DEFAULTS;
  return `Usage: losslab sweep [flags]
       losslab sweep --spec FILE.json [--out FILE] [--format json|csv|parquet] [--shard I/N|auto[/N]] [--workers N]

Trains a sigmoid neuron by gradient descent (full batch unless --batch) for every combination of
loss × optimizer × η × batch size × weight decay × initial (w, b), and writes one record per run:
final parameters and loss, its outcome (fit, diverged, oscillating, stuck, stalled, descending),
epochs to fit, plateau epochs and epochs to the 99% point (on the excess loss), divergence, sampled
loss curve; the JSON header adds each loss's stability limit η*.

The defaults are the lecture's experiment (two soft-labelled points, w = b = −2, η = 1, 1000 epochs,
summed loss), so \`losslab sweep\` alone shows squared error's plateau next to cross-entropy;
every axis flag opens one dimension around that point.

Sweep (default in brackets):
${rows([
    ['--data NAME|FILE.csv', 'toy, five-point, or a CSV file (features…, label in [0, 1])', d.data],
    ['--loss LIST', 'se (squared error), ce (cross-entropy), or both', d.loss],
    ['--optimizer LIST', 'gd, momentum, nesterov, rmsprop, adam, adagrad (see below)', 'gd'],
    ['--eta AXIS', 'learning rates η > 0', d.eta],
    ['--batch LIST', 'points per update, shuffled each epoch; ≥ n: all points', 'all'],
    ['--weight-decay LIST', 'coupled L2 decay λ on w, not b (PyTorch weight_decay)', '0'],
    ['--w0 AXIS', 'initial weight (every weight if the data has d > 1 inputs)', d.w0],
    ['--b0 AXIS', 'initial bias', d.b0],
  ])}
  --init SCHEME[=P]:COUNT[:SEED]
                          COUNT seeded random (w, b) instead of the --w0 × --b0 grid;
                          SCHEME: zeros, constant=C, uniform=A (U(−A, A)), normal=SIGMA,
                          glorot=GAIN; e.g. uniform=1:100:7. SEED defaults to 0
${rows([
    ['--epochs N', 'epochs per run', d.epochs],
    ['--reduction sum|mean', 'sum the loss and gradient over points, or average them', d.reduction],
    ['--shuffle-seed N', 'seed of the per-epoch mini-batch orders', '0'],
    ['--tol EPS', 'epochsToFit counts from when every |ŷ − y| stays ≤ EPS', d.tol],
    ['--curve none|N|full', 'loss samples kept per run: none, N log-spaced epochs, all', d.curve],
  ])}
  --spec FILE.json        a sweep spec (the format of the output's "spec") instead of the
                          flags above; its dataset may also be a CSV path relative to the file

  An optimizer in --optimizer is NAME or NAME:KEY=VALUE[:KEY=VALUE…] with PyTorch's
  hyperparameters and defaults: momentum|nesterov:momentum=0.9, rmsprop:alpha=0.99:eps=1e-8,
  adam:beta1=0.9:beta2=0.999:eps=1e-8, adagrad:eps=1e-10.
  E.g. --optimizer gd,momentum,adam:beta1=0.8.

  AXIS is a list (1 or 0.1,0.5,1) or a range FROM:TO:COUNT (linear, endpoints included) or
  FROM:TO:COUNT:log (evenly spaced in log10). Negative values need no quoting: --w0 -6:6:32,
  --w0=-2, --w0 -2. Runs are numbered loss outermost, then optimizer,
  then η, then batch size, then weight decay, then w0, then b0 (or the init sample).

Output:
  --format json|csv|parquet  [json; csv or parquet when --out ends in .csv or .parquet]
  --out FILE              write FILE atomically (temp file + rename; a device or FIFO is
                          written through, a symlink's target replaced); {I} and {N} in
                          FILE become the shard's index and count                     [stdout]
  --shard I/N             run only the I-th of N contiguous slices of the runs, 1 ≤ I ≤ N:
                          runs [⌊(I−1)·R/N⌋, ⌊I·R/N⌋) of R; join the files with losslab merge
  --shard auto[/N]        the shard of this array task: Slurm's SLURM_ARRAY_TASK_ID (with
                          _COUNT or _MIN/_MAX; any numbering maps onto 1..N) or a
                          Kubernetes Indexed Job's JOB_COMPLETION_INDEX (needs /N)
  --window-runs N         runs held in memory at once when writing a file (--out FILE):
                          a ring of N runs, written and freed as they finish; Parquet
                          rounds N up to whole row groups      [64 MiB of results]
  --workers N             worker threads, at most 4 × the CPUs        [all CPUs: ${availableParallelism()} here]
  -h, --help              this help
  --version               the version

A progress bar is drawn on stderr when it is a terminal. Outputs hold nothing machine-dependent:
the same sweep gives the same bytes with any --workers or --shard split (once merged).

${EXIT_CODES}`;
}

export function statusHelp(): string {
  return `Usage: losslab status --spec FILE.json --shards N PATH…

Lists which shards of \`losslab sweep --spec FILE.json --shard I/N\` the files hold: each shard
present (and its file), missing or duplicate (in more than one file), then the foreign files (another
spec, version or shard count, a whole sweep, an incomplete or unreadable file) with why. Only the
files' headers are read. The missing shards are printed as an sbatch --array= list, to rerun only
those tasks: sbatch --array=LIST deploy/slurm/sweep-array.sbatch FILE.json PARTS N.

  --spec FILE.json   the spec the shards were run from (required)
  --shards N         the N of --shard I/N (required)
  PATH…              shard files, directories holding them (their .json and .csv files), or a
                     quoted pattern such as 'parts/part-*.json'
  -h, --help         this help
  --version          the version

Exit codes:
  0    every shard is present in exactly one file
  1    a shard is missing or in more than one file
  2    bad flag, spec or path
`;
}

export function mergeHelp(): string {
  return `Usage: losslab merge FILE… [--out FILE]

Joins the outputs of \`losslab sweep --shard I/N\` (all JSON, or all CSV) into one file, byte for
byte the output of the same sweep run unsharded. Checks that every file comes from the same
losslab version and spec, and that the files cover every run exactly once: a missing or
overlapping shard is an error that names it.

  --out FILE    write FILE atomically                                                [stdout]
  -h, --help    this help
  --version     the version

${EXIT_CODES}`;
}

export function benchHelp(): string {
  return `Usage: losslab bench [--repeat N] [--workers N] [--epochs N] [--json]

Benchmark S1: the five-point data, squared error then cross-entropy, 16 η from 1e-3 to 10 (log),
32 × 32 (w0, b0) from −6 to 6, 1000 epochs, reduction sum: 32,768 runs, 1.6384e8 point-steps,
run through the worker pool with 1 worker and with all workers. Reports the median and the range
(min–max) of the wall time over the repetitions (after a warm-up), ns per point-step, runs/s and
the speedup; the cancellation latency (abort ~200 ms into a sweep → run() resolved); an
exactness check of 200 spread-out runs and the grid's corners against @losslab/core's train;
the time to write the result as JSON, CSV and Parquet (in memory, against the sweep's time:
Parquet must stay under 10 %); and the process's peak RSS. Then end to end: whole spawned
processes (node -e 0, a 2-run sweep, S1 with --curve none and JSON on 1 and on all workers),
spawn to exit. Exits 1 if results differ
from core by more than 1e-9 (relative) or the 1- and all-worker files differ.

  --repeat N    timed repetitions per pool size                                         [5]
  --workers N   the "all workers" pool size                        [all CPUs: ${availableParallelism()} here]
  --epochs N    epochs per run instead of S1's 1000: a smaller workload (not S1) for smoke
                tests; point-steps and ns/point-step follow it
  --json        machine-readable output (one JSON object) instead of the table
  -h, --help    this help
  --version     the version

${EXIT_CODES}`;
}
