#!/usr/bin/env bash
# The intake benchmark on an experimental build: the current commit in a temporary git worktree with one
# patch of scripts/bench/experiments/ applied, then scripts/bench-intake.sh there (same arguments and
# environment). Used to measure what a design change would buy before making it (docs/benchmarks.md,
# intake, sixth round); the patches break guarantees on purpose and are never merged.
#   usage: scripts/bench-intake-experiment.sh PATCH [seconds per step] [client counts]
#   e.g.   FLOOR_CLIENTS= scripts/bench-intake-experiment.sh intake-without-listeners 30 "1 4 8 16"
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
name=${1:?usage: scripts/bench-intake-experiment.sh PATCH [seconds] [clients]}; shift
patch="$ROOT/scripts/bench/experiments/${name%.patch}.patch"
[ -f "$patch" ] || { echo "no such patch: $patch (see scripts/bench/experiments/)" >&2; exit 1; }
parent=$(mktemp -d); tree="$parent/sudi-experiment"
trap 'git -C "$ROOT" worktree remove --force "$tree" 2>/dev/null || true; rm -rf "$parent"' EXIT
git -C "$ROOT" worktree add -q --detach "$tree" HEAD
git -C "$tree" apply "$patch"
echo "experiment: $(basename "$patch") on $(git -C "$ROOT" rev-parse --short HEAD)"
cd "$tree" && BENCH_REBUILD=1 scripts/bench-intake.sh "$@"
