#!/usr/bin/env bash
# The serving path's cost (issue 13, goal 1): the same status views through the gateway and straight
# to the service behind it, measured with wrk in alternating rounds on one running platform.
#
#   bench/api-bench.sh                        # one JVM (cogalign up)
#   MODE=processes bench/api-bench.sh         # one JVM per service (cogalign up --processes)
#   PROBLEMS=200 ROUNDS=3 SECONDS_EACH=15 CONNECTIONS=16 bench/api-bench.sh
#   JAR=/tmp/launcher-before.jar bench/api-bench.sh   # another build of the launcher (a baseline)
#
# Starts `cogalign up --port $PORT --service-port-base $SERVICE_PORT_BASE` on a fresh data folder,
# uploads $PROBLEMS GSM8K problems and runs CRV over them (rules agents), trains the tiny student for 5
# SFT steps, creates a `read` key allowed 100,000 requests/s (the admin key's 100/s would answer most
# requests 429 and make the gateway look fast), then for each view (GET /api/v1/runs/{id},
# GET /api/v1/jobs/{id}) and each round: wrk through the gateway with that key, then wrk straight to
# pipeline- or trainer-service with the internal token. Prints one JSON line per measurement:
#   {"view":"run","path":"gateway","round":1,"rps":…,"p50_ms":…,"p99_ms":…,"requests":…,"errors":…,
#    "non2xx":…,"cpu_ms":{"gateway":…,"service":…,"postgres":…}}
# (cpu_ms: CPU time per request of each process, from /proc; with MODE=jvm gateway and services
# share one process, "platform") and, per view, the gateway's share of the direct rate.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${MODE:-jvm}
PROBLEMS=${PROBLEMS:-200}
ROUNDS=${ROUNDS:-3}
SECONDS_EACH=${SECONDS_EACH:-15}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18080}
SERVICE_PORT_BASE=${SERVICE_PORT_BASE:-18181}
PIPELINE_PORT=$SERVICE_PORT_BASE
TRAINER_PORT=$((SERVICE_PORT_BASE + 4))
SHARED=${COGALIGN_SHARED:-$ROOT/../shared}

for tool in wrk jq curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "installing Debian wrk, jq and curl (once)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk jq curl >&2
    break
  fi
done

if ss -ltn | grep -qE ":($PORT|$PIPELINE_PORT|$TRAINER_PORT)\b"; then
  echo "port $PORT or $SERVICE_PORT_BASE..$TRAINER_PORT is taken: is a platform still running?" >&2
  exit 1
fi
DATA=$(mktemp -d /tmp/cogalign-api-bench.XXXXXX)
LOG=$DATA/up.log
FLAGS=(--port "$PORT" --service-port-base "$SERVICE_PORT_BASE" --data-dir "$DATA/data")
[ "$MODE" = processes ] && FLAGS+=(--processes)
if [ -n "${JAR:-}" ]; then
  java -jar "$JAR" up "${FLAGS[@]}" >"$LOG" 2>&1 &
else
  ./cogalign up "${FLAGS[@]}" >"$LOG" 2>&1 &
fi
UP=$!
stop() { # SIGTERM: a background job of a script ignores SIGINT; the launcher stops alike on both
  kill -TERM "$UP" 2>/dev/null || true
  wait "$UP" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 143' INT TERM

GATEWAY=http://127.0.0.1:$PORT
for _ in $(seq 1 600); do
  if [ -s "$DATA/data/admin.key" ] && curl -fs "$GATEWAY/actuator/health/readiness" >/dev/null 2>&1 \
    && curl -fs "http://127.0.0.1:$TRAINER_PORT/actuator/health/readiness" >/dev/null 2>&1; then
    break
  fi
  kill -0 "$UP" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 1
done
ADMIN=$(cat "$DATA/data/admin.key")
INTERNAL=$(cat "$DATA/data/run/internal-token")

# call METHOD PATH [curl args...]: the gateway with the admin key, the JSON answer on stdout
call() {
  local method=$1 path=$2
  shift 2
  curl -fsS -X "$method" -H "Authorization: Bearer $ADMIN" "$GATEWAY$path" "$@"
}
json() { call "$1" "$2" -H 'Content-Type: application/json' -d "$3"; }

dataset=$(json POST /api/v1/datasets "{\"name\":\"api-bench-$(date +%s)\"}" | jq -r .id)
head -n "$PROBLEMS" "$SHARED/data/gsm8k/train.jsonl" \
  | call POST "/api/v1/datasets/$dataset/problems" -H 'Content-Type: application/x-ndjson' \
    --data-binary @- >/dev/null
run=$(json POST /api/v1/runs "{\"datasetId\":$dataset}" | jq -r .id)
until call GET "/api/v1/runs/$run" | jq -e '.status | IN("SUCCEEDED","FAILED","CANCELLED")' >/dev/null; do
  sleep 1
done
model=$(json POST /api/v1/models \
  "{\"path\":\"$SHARED/fixtures/hf-tiny/qwen2-tiny\",\"name\":\"qwen2-tiny\"}" | jq -r .id)
job=$(json POST /api/v1/jobs "{\"type\":\"SFT\",\"baseModel\":\"$model\",\"data\":{\"runId\":$run},
  \"hyperparameters\":{\"steps\":5,\"batchSize\":4,\"learningRate\":0.0001}}" | jq -r .id)
until call GET "/api/v1/jobs/$job" | jq -e '.status | IN("SUCCEEDED","FAILED","CANCELLED")' >/dev/null; do
  sleep 1
done
READ=$(json POST /api/v1/admin/keys '{"name":"api-bench","scopes":["read"],"requestsPerSecond":100000}' \
  | jq -r .key)

# wrk prints one JSON object at the end of a measurement
REPORT=$DATA/report.lua
cat >"$REPORT" <<'LUA'
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"requests":%d,"errors":%d,"non2xx":%d}\n',
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
LUA

# the processes whose CPU time is counted: name=pid
PROCESSES=("postgres=$(head -n 1 "$DATA/data/postgres/postmaster.pid")")
if [ "$MODE" = processes ]; then
  PROCESSES+=("gateway=$(cat "$DATA/data/run/gateway.pid")"
    "pipeline=$(cat "$DATA/data/run/pipeline-service.pid")"
    "trainer=$(cat "$DATA/data/run/trainer-service.pid")")
else
  PROCESSES+=("platform=$UP")
fi
ticks() { # the CPU ticks (user + system) of each counted process and its children: name ticks
  local entry pids
  for entry in "${PROCESSES[@]}"; do
    # PostgreSQL's backends (one per pooled connection) are children that live on
    pids=$(echo "${entry#*=}"; pgrep -P "${entry#*=}" || true)
    echo "${entry%%=*} $(for p in $pids; do cat "/proc/$p/stat" 2>/dev/null; done \
      | awk '{sum += $14 + $15} END {print sum}')"
  done
}

measure() { # VIEW PATH_NAME ROUND URL HEADER
  local result before after
  before=$(ticks)
  result=$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s "$REPORT" -H "$5" "$4" | tail -n 1)
  after=$(ticks)
  cpu=$(paste -d " " <(echo "$before") <(echo "$after") | awk -v hz="$(getconf CLK_TCK)" \
    -v n="$(echo "$result" | jq .requests)" \
    '{printf "%s\"%s\":%.3f", (NR > 1 ? "," : ""), $1, ($4 - $2) * 1000 / hz / n}')
  echo "$result" | jq -c --arg view "$1" --arg path "$2" --argjson round "$3" \
    --argjson cpu "{$cpu}" '{view: $view, path: $path, round: $round} + . + {cpu_ms: $cpu}' \
    | tee -a "$DATA/lines.jsonl"
}

# a warm-up of each path, not reported
for url in "$GATEWAY/api/v1/runs/$run" "$GATEWAY/api/v1/jobs/$job"; do
  wrk -t1 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $READ" "$url" >/dev/null
done
for url in "http://127.0.0.1:$PIPELINE_PORT/api/v1/runs/$run" "http://127.0.0.1:$TRAINER_PORT/api/v1/jobs/$job"; do
  wrk -t1 -c"$CONNECTIONS" -d5s -H "X-CogAlign-Internal-Token: $INTERNAL" "$url" >/dev/null
done

for round in $(seq 1 "$ROUNDS"); do
  measure run gateway "$round" "$GATEWAY/api/v1/runs/$run" "Authorization: Bearer $READ"
  measure run direct "$round" "http://127.0.0.1:$PIPELINE_PORT/api/v1/runs/$run" \
    "X-CogAlign-Internal-Token: $INTERNAL"
  measure job gateway "$round" "$GATEWAY/api/v1/jobs/$job" "Authorization: Bearer $READ"
  measure job direct "$round" "http://127.0.0.1:$TRAINER_PORT/api/v1/jobs/$job" \
    "X-CogAlign-Internal-Token: $INTERNAL"
done

jq -s -c 'group_by(.view)[] | {view: .[0].view, mode: "'"$MODE"'",
  gateway_rps: ([.[] | select(.path == "gateway") | .rps] | add / length),
  direct_rps: ([.[] | select(.path == "direct") | .rps] | add / length),
  gateway_p99_ms_max: ([.[] | select(.path == "gateway") | .p99_ms] | max)}
  | . + {gateway_share: (.gateway_rps / .direct_rps * 1000 | round / 1000)}' "$DATA/lines.jsonl"
