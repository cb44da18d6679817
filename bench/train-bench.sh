#!/usr/bin/env bash
# Training speed of one CogPO step — policy forward + backward, frozen reference forward, AdamW —
# in the Java trainer (the real TrainingRun loop on DJL's PyTorch engine) against the same step in
# plain PyTorch (../shared/bench/torch_ref.py), on the CPU, in one run, at two or three model sizes.
# Reports tokens/s of each, their ratio, and each as a fraction of this machine's float32 matmul peak
# (best 2048^3 matmul, measured in the same run by both engines; the larger is the peak).
#
#   bench/train-bench.sh                       # 3.2M and 23.7M parameters, 4 pairs x 256 tokens
#   SIZES="2 128 4 2 344 512" STEPS=3 bench/train-bench.sh
#
# Then the miniature experiment's student (0.42M parameters, Qwen2-shaped: 4 layers, width 96,
# 4 heads over 2 key/value heads, MLP 256, vocabulary 99, tied embeddings; STUDENT_ROWS rows of
# STUDENT_SEQ tokens): an SFT step and a CogPO step (frozen reference) of the Java trainer
# (StudentStepBench) against bench/student_step.py, one engine thread each (as `cogalign train
# --threads 1`), Java and PyTorch alternated STUDENT_ROUNDS times. SIZES="" runs only the student;
# STUDENT_ROUNDS=0 skips it.
#
# Baseline settings as in DESIGN.md: Debian's python3-torch with OpenBLAS (libopenblas0-pthread),
# OPENBLAS_NUM_THREADS=1 and 2 torch threads; the DJL engine also uses 2 intra-op threads.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${PAIRS:-4} SEQ=${SEQ:-256} STEPS=${STEPS:-5}
STUDENT_ROWS=${STUDENT_ROWS:-16} STUDENT_SEQ=${STUDENT_SEQ:-80} STUDENT_STEPS=${STUDENT_STEPS:-20}
STUDENT_ROUNDS=${STUDENT_ROUNDS:-3}
# layers hidden heads kv_heads intermediate vocab
SIZES=${SIZES-"4 256 8 4 688 512;8 512 8 8 1376 512"}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=2
SHARED=${SHARED:-$(cd .. && pwd)/shared}

# shellcheck source=bench/lib.sh
source bench/lib.sh

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
torch_peak=$("$PY" - <<'PY'
import time, torch
torch.set_num_threads(2)
a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
best = min((lambda t0: (a @ b, time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(5))
print(round(2 * 2048 ** 3 / best / 1e9, 1))
PY
)
IFS=';' read -ra SIZE_LIST <<<"$SIZES"
for size in "${SIZE_LIST[@]}"; do
  dir="$WORK/${size// /-}"
  mkdir -p "$dir"
  # the engine's threads named explicitly (DJL's default is every core, not torch's 2)
  j=$(java -Xmx6g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dai.djl.pytorch.num_threads="$OMP_NUM_THREADS" -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" \
    dev.cogalign.cogpo.train.bench.TrainBench $size "$PAIRS" "$SEQ" "$STEPS" "$dir" 2>/dev/null)
  p=$("$PY" "$SHARED/bench/torch_ref.py" bench $size "$PAIRS" "$SEQ" "$STEPS")
  echo "$j"
  echo "$p"
  "$PY" - "$j" "$p" "$size" "$torch_peak" <<'PY'
import json, sys
j, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
L, D, H, KV, I, V = map(int, sys.argv[3].split())
T, pairs = j["seq"], j["pairs"]
hd = D // H
# matmul FLOPs of one forward per token: projections, MLP, attention (full T x T, as computed), head
per_token = L * 2 * (D * H * hd + 2 * D * KV * hd + H * hd * D + 3 * D * I) + L * 4 * T * H * hd + 2 * D * V
step_flops = 4 * per_token * 2 * pairs * T  # policy forward + backward (3x) and reference forward (1x)
peak = max(float(sys.argv[4]), j["matmul_gflops"]) * 1e9
print(json.dumps({
    "size (layers hidden heads kv inter vocab)": sys.argv[3], "params": j["params"],
    "batch": f"{pairs} pairs x {T} tokens",
    "java_tokens_per_s": j["tokens_per_s"], "torch_tokens_per_s": p["tokens_per_s"],
    "ratio_java_over_torch": round(j["tokens_per_s"] / p["tokens_per_s"], 2),
    "java_fraction_of_matmul_peak": round(step_flops / j["step_s"] / peak, 3),
    "torch_fraction_of_matmul_peak": round(step_flops / p["step_s"] / peak, 3),
    "matmul_peak_gflops": round(peak / 1e9, 1),
    "matmul_gflops_djl": j["matmul_gflops"], "matmul_gflops_torch": float(sys.argv[4])}))
PY
done

for method in sft cogpo; do
  for round in $(seq "$STUDENT_ROUNDS"); do
    dir="$WORK/student-$method-$round"
    mkdir -p "$dir"
    j=$(java -Xmx2g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -cp "$CP" \
      dev.cogalign.cogpo.train.bench.StudentStepBench "$method" "$STUDENT_ROWS" "$STUDENT_SEQ" \
      "$STUDENT_STEPS" "$dir" 2>/dev/null)
    p=$(THREADS=1 "$PY" bench/student_step.py "$method" "$STUDENT_ROWS" "$STUDENT_SEQ" "$STUDENT_STEPS")
    echo "$j"
    echo "$p"
    "$PY" - "$j" "$p" "$round" <<'PY'
import json, sys
j, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(json.dumps({"student": j["method"], "params": j["params"], "round": int(sys.argv[3]),
                  "batch": f'{j["rows"]} rows x {j["seq"]} tokens', "threads": 1,
                  "java_step_s": j["step_s"], "torch_step_s": p["step_s"],
                  "speed_ratio_java_over_torch": round(p["step_s"] / j["step_s"], 2)}))
PY
  done
done
