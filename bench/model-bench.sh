#!/usr/bin/env bash
# Scoring and generation speed of the Java model (DJL, PyTorch engine) against a plain PyTorch
# implementation of the same model, on the CPU, in one run. Prints one JSON line per
# implementation, size and round, then the Java/PyTorch ratios of that round. Java and PyTorch
# alternate ROUNDS times per size, so that a loaded machine slows both alike.
#
#   bench/model-bench.sh            # sizes "4 256 8 4 688 512" and "8 512 8 8 1376 512"
#   SIZES="2 128 4 2 344 512" bench/model-bench.sh
#
# Generation: greedy, batch 1 (NEW tokens after a PROMPT-token prompt) and batched, the evaluation
# path (GEN_BATCH left-padded prompts of PROMPT - (row % 4) tokens, GEN_BATCH_NEW tokens each).
#
# Baseline settings as in DESIGN.md: Debian's python3-torch with OpenBLAS (libopenblas0-pthread),
# OPENBLAS_NUM_THREADS=1 and 2 torch threads; the DJL engine also uses 2 intra-op threads.
set -euo pipefail
cd "$(dirname "$0")/.."
BATCH=${BATCH:-4} SEQ=${SEQ:-256} PROMPT=${PROMPT:-16} NEW=${NEW:-128} REPS=${REPS:-5}
GEN_BATCH=${GEN_BATCH:-32} GEN_BATCH_NEW=${GEN_BATCH_NEW:-64} ROUNDS=${ROUNDS:-2}
export THREADS=${THREADS:-2} # engine threads of both sides (DESIGN.md's baseline uses 2)
SIZES=${SIZES:-"4 256 8 4 688 512;8 512 8 8 1376 512"}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=$THREADS

# shellcheck source=bench/lib.sh
source bench/lib.sh
java_bench() { java -Xmx3g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 \
  -cp "$CP" dev.cogalign.cogpo.bench.ModelBench "$@" 2>/dev/null; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
IFS=';' read -ra SIZE_LIST <<<"$SIZES"
for size in "${SIZE_LIST[@]}"; do
  dir="$WORK/model-${size// /-}"
  java_bench create "$dir" $size
  for round in $(seq "$ROUNDS"); do
    j=$(java_bench run "$dir" "$BATCH" "$SEQ" "$PROMPT" "$NEW" "$REPS" "$GEN_BATCH" "$GEN_BATCH_NEW")
    p=$("$PY" bench/model_bench.py "$dir" "$BATCH" "$SEQ" "$PROMPT" "$NEW" "$REPS" "$GEN_BATCH" "$GEN_BATCH_NEW")
    echo "$j"
    echo "$p"
    "$PY" - "$j" "$p" "$size" "$BATCH" "$SEQ" "$NEW" "$THREADS" "$GEN_BATCH" "$GEN_BATCH_NEW" "$round" <<'PY'
import json, sys
j, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(json.dumps({"size (layers hidden heads kv inter vocab)": sys.argv[3], "params": j["params"],
                  "threads": int(sys.argv[7]), "round": int(sys.argv[10]),
                  "scoring": f"{sys.argv[4]}x{sys.argv[5]} tokens", "generation": f"{sys.argv[6]} new tokens, batch 1",
                  "batched_generation": f"{sys.argv[9]} new tokens, batch {sys.argv[8]}, left-padded",
                  "score_ratio_java_over_torch": round(j["score_tokens_per_s"] / p["score_tokens_per_s"], 2),
                  "gen_ratio_java_over_torch": round(j["gen_tokens_per_s"] / p["gen_tokens_per_s"], 2),
                  "gen_batch_ratio_java_over_torch": round(j["gen_batch_tokens_per_s"] / p["gen_batch_tokens_per_s"], 2),
                  "same_greedy_tokens": j["gen_head"] == p["gen_head"],
                  "same_batched_greedy_tokens": j["gen_batch_heads"] == p["gen_batch_heads"],
                  "score_logp_sum_rel_diff": float("%.2g" % (abs(j["score_logp_sum"] - p["score_logp_sum"])
                                                            / abs(p["score_logp_sum"])))}))
PY
  done
done
