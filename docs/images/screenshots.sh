#!/usr/bin/env bash
# Regenerates the dashboard screenshots in docs/images/ (dashboard-*.png): runs the dashboard's
# end-to-end test (headless Chromium against the whole platform), which saves each page it checks
# when COGALIGN_SCREENSHOTS names a folder. Needs Debian's chromium and chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/../.."
COGALIGN_SCREENSHOTS="$PWD/docs/images" mvn -B -o -q -pl gateway,launcher -am verify \
  -Dit.test=DashboardIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
ls -l docs/images/dashboard-*.png
