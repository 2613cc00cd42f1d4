#!/usr/bin/env bash
# Installs what losslab needs on a fresh Debian machine, then its dependencies.
#   bash scripts/bootstrap.sh          pnpm + Chromium (for the browser tests) + Slurm and MUNGE
#                                      (for the CLI's array-job test) + dependencies
#   bash scripts/bootstrap.sh app      pnpm + dependencies (enough to run the app)
# Chromium comes from Debian's apt (Playwright's own browser download is never used). Set
# CHROMIUM_PATH to use a Chromium installed elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

PNPM_VERSION=12.4.2
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "bootstrap: installing pnpm@$PNPM_VERSION with npm" >&2
  npm install -g "pnpm@$PNPM_VERSION" >&2
fi

if [ "${1:-}" != "app" ]; then
  chromium_path="${CHROMIUM_PATH:-}"
  if [ -z "$chromium_path" ]; then
    for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
      if [ -x "$candidate" ]; then chromium_path="$candidate"; break; fi
    done
  fi
  if [ -z "$chromium_path" ]; then
    # apt needs root: as root directly, otherwise through sudo if it needs no password (-n: never
    # prompt, so CI without a terminal fails with this message instead of waiting).
    as_root=""
    if [ "$(id -u)" != "0" ]; then
      if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root="sudo -n"; else as_root="none"; fi
    fi
    if [ "$as_root" != "none" ] && command -v apt-get >/dev/null 2>&1; then
      echo "bootstrap: installing Chromium from apt${as_root:+ (with sudo)}" >&2
      $as_root apt-get update -qq >&2
      $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    else
      echo "bootstrap: no Chromium found, and apt cannot be run (not root, no password-less sudo, or no apt-get); install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
      exit 1
    fi
  fi
  # A real one-node Slurm for apps/cli/test/slurm-array.test.ts (it is skipped without these).
  if ! [ -x /usr/sbin/slurmctld ] || ! [ -x /usr/sbin/slurmd ] || ! [ -x /usr/sbin/munged ] || ! command -v sbatch >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "bootstrap: installing slurm-wlm and munge from apt" >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >&2
    else
      echo "bootstrap: Slurm not found (Debian: sudo apt-get install slurm-wlm munge); the Slurm array test will be skipped" >&2
    fi
  fi
fi

pnpm install --frozen-lockfile
