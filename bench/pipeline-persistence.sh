#!/usr/bin/env bash
# pipeline-service's persistence as users wait for it (PersistenceBenchmarkIT: upload of GSM8K's
# 7,473-row train file, pairs export of a finished 3,000-problem run, a run's status view; median
# and fastest of 7 after 3 warm-ups), in this tree and, given a second tree, alternately in both in
# one run: the same test class on either side of a persistence change (it speaks only HTTP; this
# tree's copy is written over the other tree's). Offline; needs ../shared beside each tree (the
# GSM8K file) and the trees' modules built once.
#
#   bench/pipeline-persistence.sh                     # this tree, once
#   bench/pipeline-persistence.sh /work/before 2      # /work/before, then this tree, twice over
#
# Prints one Markdown table per run, headed by the tree, the commit and the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
OTHER=${1:-}
ROUNDS=${2:-1}
TEST=pipeline-service/src/test/java/dev/cogalign/pipeline/PersistenceBenchmarkIT.java

run() {
  local tree=$1
  echo "## $tree ($(git -C "$tree" rev-parse --short HEAD 2>/dev/null || echo 'not a git tree')," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd "$tree" && mvn -B -o -q -pl pipeline-service -am verify -Dspotless.check.skip=true \
    -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=PersistenceBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dcogalign.benchmark=true 2>&1) | sed -n '/^PersistenceBenchmarkIT$/,/^$/p' | tail -n +2
}

if [[ -n "$OTHER" ]]; then
  cp "$TEST" "$OTHER/$TEST"
fi
for ((round = 1; round <= ROUNDS; round++)); do
  if [[ -n "$OTHER" ]]; then
    run "$OTHER"
  fi
  run "$PWD"
done
