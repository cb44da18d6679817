#!/usr/bin/env bash
# The fault tests of docs/reliability.md at full size: `cogalign up --processes` (six JVMs), a CRV
# run of 3,000 GSM8K problems and a training job, each of pipeline-, trainer-, critic-, rethink- and
# verifier-service killed with `kill -9` in turn, then PostgreSQL stopped for 10 s mid-run; every
# faulted run compared with an undisturbed one of the same problems, job-status polling through the
# gateway during the undisturbed run and job. The same test runs in `mvn verify` on 300 problems.
#
#   bench/faults.sh                 # 3,000 problems (about 10 minutes on 2 idle cores)
#   PROBLEMS=1000 bench/faults.sh
#
# Prints the figures (a Markdown table, also in launcher/target/faults/report.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PROBLEMS=${PROBLEMS:-3000}
mvn -B -q -pl launcher -am verify -Dspotless.check.skip=true \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ServiceFaultsIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dcogalign.faults.problems="$PROBLEMS"
cat launcher/target/faults/report.md
