#!/usr/bin/env bash
# `make bench`: seeds a large synthetic organisation into a temporary database, serves it from the
# release build pinned to one core, loads it from another core with wrk, and writes the figures
# and the budgets they are checked against to bench/results-ENGINE.md. ENGINE (the first
# argument, or BENCH_DATABASE) is sqlite (the default) or postgres: then the seed moves into a
# throwaway PostgreSQL cluster with `rebound migrate-data` (timed) and is served from there.
# `make bench` runs both, then writes bench/results.md with the engines side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE="${1:-${BENCH_DATABASE:-sqlite}}"
case "$ENGINE" in sqlite|postgres) ;; *) echo "bench: the engine is sqlite or postgres, not $ENGINE"; exit 1 ;; esac

EMPLOYEES="${BENCH_EMPLOYEES:-10000}"
PLANS="${BENCH_PLANS:-20000}"
CHECK_INS="${BENCH_CHECK_INS:-100000}"
DURATION="${BENCH_SECONDS:-10}"
LOAD_SECONDS="${BENCH_LOAD_SECONDS:-60}"
CONNECTIONS=32
PORT="${BENCH_PORT:-3917}"
BASE="http://127.0.0.1:$PORT"
BIN=target/release/rebound
WORK="$(mktemp -d)"
SERVER_PID=""
PG_DIR=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$PG_DIR" ] && scripts/postgres-cluster.sh stop "$PG_DIR" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk taskset gzip brotli; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk util-linux gzip brotli)"; exit 1; }
done
CORES=$(nproc)
SERVER_CORE=0
LOAD_CORE=$(( CORES > 1 ? 1 : 0 ))

echo "bench: seeding $EMPLOYEES employees, $PLANS plans, $CHECK_INS check-ins"
SEED_START=$(date +%s.%N)
"$BIN" --database "sqlite://$WORK/bench.db" demo-seed --employees "$EMPLOYEES" --plans "$PLANS" --check-ins "$CHECK_INS"
SEED_SECONDS=$(echo "$(date +%s.%N) - $SEED_START" | bc)
DATABASE="sqlite://$WORK/bench.db"
MOVE_LINE=""
if [ "$ENGINE" = postgres ]; then
  # A directory of its own: the postgres OS user cannot reach into $WORK.
  PG_DIR=$(mktemp -d /tmp/rebound-bench-pg.XXXXXX)
  SERVER_URL=$(scripts/postgres-cluster.sh start "$PG_DIR")
  psql -X -q "$SERVER_URL" -c "CREATE DATABASE bench"
  DATABASE="${SERVER_URL%/postgres}/bench"
  echo "bench: moving the seed to PostgreSQL with migrate-data"
  MOVE_START=$(date +%s.%N)
  "$BIN" migrate-data --from "sqlite://$WORK/bench.db" --to "$DATABASE" | tail -1
  MOVE_SECONDS=$(echo "$(date +%s.%N) - $MOVE_START" | bc)
  MOVE_VERDICT=$(python3 -c "print('pass' if $MOVE_SECONDS < 120 else 'FAIL')")
  MOVE_LINE="Moved to PostgreSQL $(psql -X -t -A "$SERVER_URL" -c 'SHOW server_version' | awk '{print $1}') (a throwaway cluster on this machine, not pinned, fsync on) with \`rebound migrate-data\` in ${MOVE_SECONDS%.*} s (budget 120 s: $MOVE_VERDICT)."
fi

# Something already answering on the port would be measured instead of this build.
if curl -s -o /dev/null "$BASE/healthz"; then
  echo "bench: $BASE already answers; stop what is listening on port $PORT or set BENCH_PORT"; exit 1
fi
taskset -c "$SERVER_CORE" "$BIN" --database "$DATABASE" serve --addr "127.0.0.1:$PORT" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

cookie_for() {
  curl -s -D - -o /dev/null -X POST "$BASE/api/login" --data-urlencode "email=$1" --data-urlencode "password=rebound-demo-2026" \
    | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}' | tr -d '\r'
}
MANAGER=$(cookie_for big.team@bench.rebound)
EMPLOYEE=$(cookie_for long.plan@bench.rebound)
HR=$(cookie_for hr@bench.rebound)
PLAN_ID=$(curl -s -X POST -H "Cookie: $EMPLOYEE" "$BASE/api/plans/mine" | python3 -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin)["plans"] if p["status"]=="Active"][0])')

# The first HR read of a month computes that month's edition (the plan facts of the last twelve
# months and the disclosure audit); every later read serves the stored edition.
EDITION_MS=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H "Cookie: $HR" "$BASE/api/insights" | awk '{printf "%.0f", $1 * 1000}')
EDITION_VERDICT=$(python3 -c "print('pass' if $EDITION_MS < 2000 else 'FAIL')")
echo "bench: first insights read (computes the edition) ${EDITION_MS} ms"

ROWS=""
BASELINE_RPS=""
run() { # name path cookie budget_ms
  local name=$1 path=$2 cookie=$3 budget=$4 out
  # Two seconds of warm-up first (connections, statement caches), not counted.
  taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d2s ${cookie:+-H "Cookie: $cookie"} "$BASE$path" > /dev/null
  out=$(taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency ${cookie:+-H "Cookie: $cookie"} "$BASE$path")
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5} /Socket errors/ {s=$4+$6+$8+$10} END {print s+0}' | paste -sd+ | bc)
  [ -z "$BASELINE_RPS" ] && BASELINE_RPS=$rps
  local ratio verdict="-"
  ratio=$(echo "scale=3; $rps / $BASELINE_RPS" | bc)
  if [ "$budget" != "-" ]; then
    local p99_ms
    p99_ms=$(python3 -c "import re,sys; v='$p99'; n=float(re.sub('[a-z]+','',v)); u=re.sub('[0-9.]+','',v); print(n*{'us':0.001,'ms':1,'s':1000}[u])")
    verdict=$(python3 -c "print('pass' if $p99_ms < $budget else 'FAIL')")
  fi
  ROWS+="| $name | \`$path\` | $rps | $ratio | $p50 | $p99 | ${errors:-0} | ${budget/-/—} | $verdict |"$'\n'
  echo "bench: $name $rps req/s, p50 $p50, p99 $p99, errors ${errors:-0}"
}
run "health (baseline)" /healthz "" -
run "sign-in page" /login "" -
run "team of 50 reports" /team "$MANAGER" 50
run "plan with 60 check-ins" "/plans/$PLAN_ID" "$MANAGER" 50
run "my plans" /my-plan "$EMPLOYEE" 50
run "insights (10k employees)" /insights "$HR" 200

if [ "$ENGINE" = sqlite ]; then
  echo "bench: Lighthouse on the sign-in page, /team and /plans/$PLAN_ID (mobile and desktop)"
  LIGHTHOUSE_OUT=$(printf '%s' "$MANAGER" > "$WORK/cookie" && scripts/lighthouse.sh "$BASE" "@$WORK/cookie" "$PLAN_ID" 2>&1) || true
else
  # What the browser loads does not depend on the engine: Lighthouse runs on the SQLite pass.
  LIGHTHOUSE_OUT="mobile: path performance accessibility best-practices
(not run: see the SQLite results)
/login - - -
/team - - -
/plans - - -"
fi
echo "$LIGHTHOUSE_OUT"
# Before the mixed load, whose writes pile thousands of notes onto this plan. Budgets on the default (mobile, throttled) run: performance >= 95, accessibility 100, best practices >= 95.
LIGHTHOUSE_VERDICT=$(echo "$LIGHTHOUSE_OUT" | awk '
  /^mobile:/ {m=1; next} /^desktop:/ {m=0; next}
  m && /^\// {n++; if ($2 == "-") skipped++; else if ($2 < 95 || $3 < 100 || $4 < 95) bad++}
  END {if (skipped == 3) {print "not run on this engine"; exit}}
  END {print (n == 3 && bad == 0) ? "pass" : "FAIL"}')

echo "bench: mixed load, ${LOAD_SECONDS}s per condition"
LOAD_OUT=$(taskset -c "$LOAD_CORE" cargo run --quiet --release --example load -- "$BASE" "$LOAD_SECONDS" 16 2>&1 | grep -v '^  flood' | tail -4)
echo "$LOAD_OUT"
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  echo "bench: the server exited during the run; its last log lines:"; tail -20 "$WORK/server.log"; exit 1
fi
PEAK_RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
PEAK_RSS_MB=$(echo "scale=1; $PEAK_RSS_KB / 1024" | bc)

WASM=target/site/pkg/rebound.wasm
JS=target/site/pkg/rebound.js
RAW=$(stat -c %s "$WASM"); GZ=$(gzip -9 -c "$WASM" | wc -c); BR=$(brotli -c -q 11 "$WASM" | wc -c)
JS_RAW=$(stat -c %s "$JS"); JS_GZ=$(gzip -9 -c "$JS" | wc -c)
kb() { echo "scale=1; $1 / 1024" | bc; }
RSS_VERDICT=$(python3 -c "print('pass' if $PEAK_RSS_MB < 200 else 'FAIL')")
WASM_VERDICT=$(python3 -c "print('pass' if $GZ < 400*1024 else 'FAIL')")
SEED_VERDICT=$(python3 -c "print('pass' if $SEED_SECONDS < 60 else 'FAIL')")

cat > "bench/results-$ENGINE.md" <<MD
# Benchmark results: $ENGINE

Written by \`make bench\` on $(date -u +"%Y-%m-%d %H:%M UTC"); machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr).
Server (release build) pinned to core $SERVER_CORE, load generator (wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')) pinned to core $LOAD_CORE;
$CONNECTIONS connections, ${DURATION}s per page after 2s of warm-up. Throughput ratio is against \`/healthz\` in the same run.

Synthetic organisation: $EMPLOYEES employees, $PLANS plans, $CHECK_INS check-ins, seeded in ${SEED_SECONDS%.*} s (budget 60 s: $SEED_VERDICT).
$MOVE_LINE

| page | path | req/s | ratio to baseline | p50 | p99 | errors | p99 budget (ms) | verdict |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
$ROWS
The first insights read of a month, which computes and stores its edition: $EDITION_MS ms (budget 2,000 ms: $EDITION_VERDICT).

Server peak RSS during the run: $PEAK_RSS_MB MB (budget 200 MB: $RSS_VERDICT).

Release WASM bundle: $(kb $RAW) KB raw, $(kb $GZ) KB gzip, $(kb $BR) KB brotli (budget 400 KB gzip: $WASM_VERDICT); JS glue $(kb $JS_RAW) KB raw, $(kb $JS_GZ) KB gzip.

Lighthouse 12 with Debian's Chromium on the sign-in page, \`/team\` and \`/plans/$PLAN_ID\` as the manager
(scores: performance, accessibility, best practices; budget on the default mobile run: 95, 100, 95: $LIGHTHOUSE_VERDICT):

\`\`\`
$LIGHTHOUSE_OUT
\`\`\`

Mixed load (16 users, half managers writing private notes and reading team and plan pages, half employees writing self-assessments and reading their plans; calm and flood slices in the order calm, flood, flood, calm, flood, calm, calm, flood, ${LOAD_SECONDS}s of each in all):

\`\`\`
$LOAD_OUT
\`\`\`
MD
# The page figures, for bench/results.md's side-by-side table.
printf '%s' "$ROWS" > "bench/pages-$ENGINE.md"
echo "bench: wrote bench/results-$ENGINE.md"
cat "bench/results-$ENGINE.md"
