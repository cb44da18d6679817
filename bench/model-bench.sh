#!/usr/bin/env bash
# Scoring and generation speed of the Java model (DJL, PyTorch engine) against a plain PyTorch
# implementation of the same model, on the CPU, in one run. Prints one JSON line per
# implementation and size, then the Java/PyTorch ratios.
#
#   bench/model-bench.sh            # sizes "4 256 8 4 688 512" and "8 512 8 8 1376 512"
#   SIZES="2 128 4 2 344 512" bench/model-bench.sh
#
# Baseline settings as in DESIGN.md: Debian's python3-torch with OpenBLAS (libopenblas0-pthread),
# OPENBLAS_NUM_THREADS=1 and 2 torch threads; the DJL engine also uses 2 intra-op threads.
set -euo pipefail
cd "$(dirname "$0")/.."
BATCH=${BATCH:-4} SEQ=${SEQ:-256} PROMPT=${PROMPT:-16} NEW=${NEW:-128} REPS=${REPS:-5}
SIZES=${SIZES:-"4 256 8 4 688 512;8 512 8 8 1376 512"}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=2
PY=${PYTHON:-/usr/bin/python3} # Debian's interpreter, where python3-torch lives (not a pyenv shim)

if ! "$PY" -c "import torch, numpy" 2>/dev/null || ! ldconfig -p | grep -q libopenblas; then
  echo "installing Debian python3-torch and OpenBLAS (once)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy libopenblas0-pthread >&2
fi

mvn -B -o -q -pl cogpo -am test-compile >&2
mvn -B -o -q -pl cogpo dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
CP="cogpo/target/classes:cogpo/target/test-classes:$(cat cogpo/target/bench.classpath)"
java_bench() { java -Xmx3g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CP" dev.cogalign.cogpo.bench.ModelBench "$@" 2>/dev/null; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
IFS=';' read -ra SIZE_LIST <<<"$SIZES"
for size in "${SIZE_LIST[@]}"; do
  dir="$WORK/model-${size// /-}"
  java_bench create "$dir" $size
  j=$(java_bench run "$dir" "$BATCH" "$SEQ" "$PROMPT" "$NEW" "$REPS")
  p=$("$PY" bench/model_bench.py "$dir" "$BATCH" "$SEQ" "$PROMPT" "$NEW" "$REPS")
  echo "$j"
  echo "$p"
  "$PY" - "$j" "$p" "$size" "$BATCH" "$SEQ" "$NEW" <<'PY'
import json, sys
j, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(json.dumps({"size (layers hidden heads kv inter vocab)": sys.argv[3], "params": j["params"],
                  "scoring": f"{sys.argv[4]}x{sys.argv[5]} tokens", "generation": f"{sys.argv[6]} new tokens, batch 1",
                  "score_ratio_java_over_torch": round(j["score_tokens_per_s"] / p["score_tokens_per_s"], 2),
                  "gen_ratio_java_over_torch": round(j["gen_tokens_per_s"] / p["gen_tokens_per_s"], 2),
                  "same_greedy_tokens": j["gen_head"] == p["gen_head"]}))
PY
done
