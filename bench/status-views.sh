#!/usr/bin/env bash
# Statements and wall time per request of trainer-service's job and model views and lists
# (StatusViewBenchmarkIT: 200 jobs, 60 models in chains with evaluations, 500 requests each after
# 500 warm-up ones), in this tree and, given a second tree, alternately in both in one run: the
# same test class on either side of a persistence change (it calls only the repositories' public
# methods; copy it into the other tree first). Offline; needs the trees' modules built once.
#
#   bench/status-views.sh                       # this tree, once
#   bench/status-views.sh /tmp/before 2         # /tmp/before, then this tree, twice over
#
# Prints one Markdown table per run, headed by the tree, the commit and the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
OTHER=${1:-}
ROUNDS=${2:-1}

run() {
  local tree=$1
  echo "## $tree ($(git -C "$tree" rev-parse --short HEAD 2>/dev/null || echo 'not a git tree'))," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$tree" && mvn -B -o -q -pl trainer-service -am verify -Dspotless.check.skip=true \
    -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=StatusViewBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dcogalign.benchmark=true 2>&1) | sed -n '/^StatusViewBenchmarkIT$/,/^$/p' | tail -n +2
}

for ((round = 1; round <= ROUNDS; round++)); do
  if [[ -n "$OTHER" ]]; then
    run "$OTHER"
  fi
  run "$PWD"
done
