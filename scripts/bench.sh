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
# The organisation ten times larger that the same pages are measured on again (0 skips it).
SCALE_EMPLOYEES="${BENCH_SCALE_EMPLOYEES:-100000}"
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

# Seeds an organisation of $1 employees, $2 plans and $3 check-ins into $WORK/$4.db, moves it to
# PostgreSQL on that engine, and serves it; sets SEED_SECONDS, MOVE_SECONDS, DATABASE and SERVER_PID.
seed_and_serve() {
  local employees=$1 plans=$2 check_ins=$3 name=$4 start
  echo "bench: seeding $employees employees, $plans plans, $check_ins check-ins"
  start=$(date +%s.%N)
  "$BIN" --database "sqlite://$WORK/$name.db" demo-seed --employees "$employees" --plans "$plans" --check-ins "$check_ins"
  SEED_SECONDS=$(echo "$(date +%s.%N) - $start" | bc)
  DATABASE="sqlite://$WORK/$name.db"
  MOVE_SECONDS=""
  if [ "$ENGINE" = postgres ]; then
    if [ -z "$PG_DIR" ]; then
      # A directory of its own: the postgres OS user cannot reach into $WORK.
      PG_DIR=$(mktemp -d /tmp/rebound-bench-pg.XXXXXX)
      SERVER_URL=$(scripts/postgres-cluster.sh start "$PG_DIR")
    fi
    psql -X -q "$SERVER_URL" -c "CREATE DATABASE $name"
    DATABASE="${SERVER_URL%/postgres}/$name"
    echo "bench: moving the seed to PostgreSQL with migrate-data"
    start=$(date +%s.%N)
    "$BIN" migrate-data --from "sqlite://$WORK/$name.db" --to "$DATABASE" | tail -1
    MOVE_SECONDS=$(echo "$(date +%s.%N) - $start" | bc)
  fi
  # Something already answering on the port would be measured instead of this build.
  if curl -s -o /dev/null "$BASE/healthz"; then
    echo "bench: $BASE already answers; stop what is listening on port $PORT or set BENCH_PORT"; exit 1
  fi
  taskset -c "$SERVER_CORE" "$BIN" --database "$DATABASE" serve --addr "127.0.0.1:$PORT" > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

seed_and_serve "$EMPLOYEES" "$PLANS" "$CHECK_INS" bench
MOVE_LINE=""
if [ -n "$MOVE_SECONDS" ]; then
  MOVE_VERDICT=$(python3 -c "print('pass' if $MOVE_SECONDS < 120 else 'FAIL')")
  MOVE_LINE="Moved to PostgreSQL $(psql -X -t -A "$SERVER_URL" -c 'SHOW server_version' | awk '{print $1}') (a throwaway cluster on this machine, not pinned, fsync on) with \`rebound migrate-data\` in ${MOVE_SECONDS%.*} s (budget 120 s: $MOVE_VERDICT)."
fi

cookie_for() {
  curl -s -D - -o /dev/null -X POST "$BASE/api/login" --data-urlencode "email=$1" --data-urlencode "password=rebound-demo-2026" \
    | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}' | tr -d '\r'
}
sign_in_everyone() {
  MANAGER=$(cookie_for big.team@bench.rebound)
  EMPLOYEE=$(cookie_for long.plan@bench.rebound)
  HR=$(cookie_for hr@bench.rebound)
  PLAN_ID=$(curl -s -X POST -H "Cookie: $EMPLOYEE" "$BASE/api/plans/mine" | python3 -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin)["plans"] if p["status"]=="Active"][0])')
}
sign_in_everyone
SEED_LINE="Synthetic organisation: $EMPLOYEES employees, $PLANS plans, $CHECK_INS check-ins, seeded in ${SEED_SECONDS%.*} s (budget 60 s: $(python3 -c "print('pass' if $SEED_SECONDS < 60 else 'FAIL')"))."

# The first HR read of a month computes that month's edition (the plan facts of the last twelve
# months and the disclosure audit); every later read serves the stored edition.
EDITION_MS=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H "Cookie: $HR" "$BASE/api/insights" | awk '{printf "%.0f", $1 * 1000}')
EDITION_VERDICT=$(python3 -c "print('pass' if $EDITION_MS < 2000 else 'FAIL')")
echo "bench: first insights read (computes the edition) ${EDITION_MS} ms"

ROWS=""
BASELINE_RPS=""
declare -A P99_MS
run() { # name path cookie p99_budget_ms ratio_budget
  local name=$1 path=$2 cookie=$3 budget=$4 ratio_budget=$5 out
  # Two seconds of warm-up first (connections, statement caches), not counted.
  taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d2s ${cookie:+-H "Cookie: $cookie"} "$BASE$path" > /dev/null
  out=$(taskset -c "$LOAD_CORE" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency ${cookie:+-H "Cookie: $cookie"} "$BASE$path")
  local rps p50 p99 errors p99_ms
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5} /Socket errors/ {s=$4+$6+$8+$10} END {print s+0}' | paste -sd+ | bc)
  p99_ms=$(python3 -c "import re; v='$p99'; n=float(re.sub('[a-z]+','',v)); u=re.sub('[0-9.]+','',v); print(n*{'us':0.001,'ms':1,'s':1000}[u])")
  P99_MS[$path]=$p99_ms
  [ -z "$BASELINE_RPS" ] && BASELINE_RPS=$rps
  local ratio verdict="-"
  ratio=$(echo "scale=3; $rps / $BASELINE_RPS" | bc)
  if [ "$budget" != "-" ]; then
    verdict=$(python3 -c "print('pass' if $p99_ms < $budget and $ratio >= $ratio_budget and ${errors:-0} == 0 else 'FAIL')")
  fi
  ROWS+="| $name | \`$path\` | $rps | $ratio | ${ratio_budget/-/—} | $p50 | $p99 | ${errors:-0} | ${budget/-/—} | $verdict |"$'\n'
  echo "bench: $name $rps req/s (ratio $ratio), p50 $p50, p99 $p99, errors ${errors:-0}"
}
run_pages() {
  run "health (baseline)" /healthz "" - -
  run "sign-in page" /login "" - -
  run "team of 50 reports" /team "$MANAGER" 50 0.15
  run "plan with 60 check-ins" "/plans/$PLAN_ID" "$MANAGER" 50 0.12
  run "my plans" /my-plan "$EMPLOYEE" 50 0.2
  run "insights" /insights "$HR" 200 0.25
}
run_pages

# Bytes a browser fetches (brotli, as every current browser asks) for a page: on the first visit
# the page and every file it links; on a repeat visit the page only, the files being immutable.
TRANSFER_ROWS=""
transfer() { # name path cookie
  local name=$1 path=$2 cookie=$3 page first links
  page=$(curl -s -H 'Accept-Encoding: br' ${cookie:+-H "Cookie: $cookie"} -o "$WORK/page.br" -w '%{size_download}' "$BASE$path")
  first=$page
  links=$(brotli -d -c "$WORK/page.br" | grep -o '\(href\|src\)="/pkg/[^"]*"' | sed 's/.*="\(.*\)"/\1/' | sort -u)
  for link in $links; do
    first=$(( first + $(curl -s -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$BASE$link") ))
  done
  local wasm="no"; echo "$links" | grep -q '\.wasm$' && wasm="yes"
  TRANSFER_ROWS+="| $name | \`$path\` | $(echo "$links" | grep -c . || true) | $wasm | $(kb "$first") KB | $(kb "$page") KB |"$'\n'
}
kb() { echo "scale=1; $1 / 1024" | bc; }
transfer "sign-in page" /login ""
transfer "team of 50 reports" /team "$MANAGER"
transfer "plan with 60 check-ins" "/plans/$PLAN_ID" "$MANAGER"
transfer "my plans" /my-plan "$EMPLOYEE"
ASSET_HEADERS=$(curl -s -D - -o /dev/null -H 'Accept-Encoding: br' "$BASE$(curl -s "$BASE/login" | grep -o 'href="/pkg/[^"]*\.css"' | sed 's/href="\(.*\)"/\1/')" | grep -i '^cache-control\|^content-encoding' | tr -d '\r' | paste -sd';')

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
# Before the mixed load, whose writes pile thousands of notes onto this plan. Budget on the default (mobile, throttled) run: 100 in performance, accessibility and best practices.
LIGHTHOUSE_VERDICT=$(echo "$LIGHTHOUSE_OUT" | awk '
  /^mobile:/ {m=1; next} /^desktop:/ {m=0; next}
  m && /^\// {n++; if ($2 == "-") skipped++; else if ($2 < 100 || $3 < 100 || $4 < 100) bad++}
  END {if (skipped == 3) {print "not run on this engine"; exit}}
  END {print (n == 3 && bad == 0) ? "pass" : "FAIL"}')

echo "bench: mixed load at 16 then 64 users, ${LOAD_SECONDS}s per condition"
# One run for both counts: everyone signs in before the first flood throttles this address.
LOAD_OUT=$(taskset -c "$LOAD_CORE" cargo run --quiet --release --example load -- "$BASE" "$LOAD_SECONDS" 16,64 2>&1 | grep -v '^  flood') || true
echo "$LOAD_OUT"
LOAD_VERDICT=$(echo "$LOAD_OUT" | python3 -c "
import re, sys
text = sys.stdin.read()
fine = 'lost writes: 0 of' in text and 'acknowledged: true' in text
for users, budget in ((16, 50), (64, 100)):
    part = text.split(f'{users} users:')[1].split(' users:')[0] if f'{users} users:' in text else ''
    p99s = [float(x) for x in re.findall(r'ms, p99 ([0-9.]+) ms [(]reads', part)]
    fine = fine and len(p99s) == 2 and max(p99s) < budget and part.count(' 5xx 0,') == 2
print('pass' if fine else 'FAIL')")
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  echo "bench: the server exited during the run; its last log lines:"; tail -20 "$WORK/server.log"; exit 1
fi
PEAK_RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
PEAK_RSS_MB=$(echo "scale=1; $PEAK_RSS_KB / 1024" | bc)

# The same pages on an organisation ten times larger: none may grow with it.
SCALE_OUT="(not run: BENCH_SCALE_EMPLOYEES=0)"
SCALE_VERDICT="not run"
if [ "$SCALE_EMPLOYEES" -gt 0 ]; then
  declare -A SMALL_P99
  for key in "${!P99_MS[@]}"; do SMALL_P99[$key]=${P99_MS[$key]}; done
  SMALL_ROWS=$ROWS
  stop_server
  SCALE_PLANS=$(( PLANS * SCALE_EMPLOYEES / EMPLOYEES )); SCALE_CHECK_INS=$(( CHECK_INS * SCALE_EMPLOYEES / EMPLOYEES ))
  seed_and_serve "$SCALE_EMPLOYEES" "$SCALE_PLANS" "$SCALE_CHECK_INS" scale
  SCALE_SEED=$SEED_SECONDS; SCALE_MOVE=$MOVE_SECONDS
  sign_in_everyone
  curl -s -o /dev/null -X POST -H "Cookie: $HR" "$BASE/api/insights"
  ROWS=""; BASELINE_RPS=""
  run_pages
  SCALE_RSS_MB=$(echo "scale=1; $(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status") / 1024" | bc)
  SCALE_OUT="Seeded $SCALE_EMPLOYEES employees, $SCALE_PLANS plans, $SCALE_CHECK_INS check-ins in ${SCALE_SEED%.*} s (budget 180 s)${SCALE_MOVE:+, moved to PostgreSQL in ${SCALE_MOVE%.*} s}; server peak RSS ${SCALE_RSS_MB} MB (budget 200 MB)."$'\n\n'"| page | p99 at $EMPLOYEES | p99 at $SCALE_EMPLOYEES | growth | within 1.5x |"$'\n'"| --- | ---: | ---: | ---: | --- |"$'\n'
  SCALE_VERDICT=$(python3 -c "print('pass' if $SCALE_SEED < 180 and $SCALE_RSS_MB < 200 and ${P99_MS[/insights]} < 200 else 'FAIL')")
  for path in /team "/plans/$PLAN_ID" /my-plan /insights; do
    small=${SMALL_P99[$path]:-${SMALL_P99[/team]}}
    # The plan's id differs between the two seeds; both are the long plan of the same person.
    [ -z "${SMALL_P99[$path]:-}" ] && small=$(for key in "${!SMALL_P99[@]}"; do case $key in /plans/*) echo "${SMALL_P99[$key]}";; esac; done)
    growth=$(python3 -c "print(f'{${P99_MS[$path]} / max($small, 0.001):.2f}')")
    within=$(python3 -c "print('pass' if ${P99_MS[$path]} <= 1.5 * $small else 'FAIL')")
    [ "$within" = pass ] || SCALE_VERDICT=FAIL
    SCALE_OUT+="| \`$path\` | ${small} ms | ${P99_MS[$path]} ms | $growth | $within |"$'\n'
  done
  SCALE_OUT+=$'\n'"The pages at $SCALE_EMPLOYEES employees:"$'\n\n'"| page | path | req/s | ratio to baseline | ratio budget | p50 | p99 | errors | p99 budget (ms) | verdict |"$'\n'"| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"$'\n'"$ROWS"
  ROWS=$SMALL_ROWS
fi

WASM=target/site/pkg/rebound.wasm
JS=target/site/pkg/rebound.js
RAW=$(stat -c %s "$WASM"); GZ=$(gzip -9 -c "$WASM" | wc -c); BR=$(brotli -c -q 11 "$WASM" | wc -c)
JS_RAW=$(stat -c %s "$JS"); JS_GZ=$(gzip -9 -c "$JS" | wc -c)
RSS_VERDICT=$(python3 -c "print('pass' if $PEAK_RSS_MB < 200 else 'FAIL')")
WASM_VERDICT=$(python3 -c "print('pass' if $GZ < 400*1024 else 'FAIL')")

cat > "bench/results-$ENGINE.md" <<MD
# Benchmark results: $ENGINE

Written by \`make bench\` on $(date -u +"%Y-%m-%d %H:%M UTC"); machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr).
Server (release build) pinned to core $SERVER_CORE, load generator (wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')) pinned to core $LOAD_CORE;
$CONNECTIONS connections, ${DURATION}s per page after 2s of warm-up. Throughput ratio is against \`/healthz\` in the same run.

$SEED_LINE
$MOVE_LINE

A page passes when its p99 is within budget, its throughput ratio to \`/healthz\` reaches the ratio budget, and nothing failed.

| page | path | req/s | ratio to baseline | ratio budget | p50 | p99 | errors | p99 budget (ms) | verdict |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
$ROWS
The first insights read of a month, which computes and stores its edition: $EDITION_MS ms (budget 2,000 ms: $EDITION_VERDICT).

Server peak RSS during the run: $PEAK_RSS_MB MB (budget 200 MB: $RSS_VERDICT).

Release WASM bundle: $(kb $RAW) KB raw, $(kb $GZ) KB gzip, $(kb $BR) KB brotli (budget 400 KB gzip: $WASM_VERDICT); JS glue $(kb $JS_RAW) KB raw, $(kb $JS_GZ) KB gzip.

Lighthouse 12 with Debian's Chromium on the sign-in page, \`/team\` and \`/plans/$PLAN_ID\` as the manager
(scores: performance, accessibility, best practices; budget on the default mobile run: 100, 100, 100: $LIGHTHOUSE_VERDICT):

\`\`\`
$LIGHTHOUSE_OUT
\`\`\`

What a browser fetches, in brotli: a first visit (the page and every file it links) and a repeat visit (the page only: the files carry hashed names and \`$ASSET_HEADERS\`):

| page | path | files linked | WASM | first visit | repeat visit |
| --- | --- | ---: | --- | ---: | ---: |
$TRANSFER_ROWS
Mixed load (budgets: p99 under 50 ms at 16 users and under 100 ms at 64, writes included, no 5xx, no lost write; half the users managers writing private notes and reading team and plan pages, half employees writing self-assessments and reading their plans; calm and flood slices in the order calm, flood, flood, calm, flood, calm, calm, flood, ${LOAD_SECONDS}s of each in all; $LOAD_VERDICT):

\`\`\`
$LOAD_OUT
\`\`\`

Scale ($SCALE_VERDICT):

$SCALE_OUT
MD
# The page figures, for bench/results.md's side-by-side table.
printf '%s' "$ROWS" > "bench/pages-$ENGINE.md"
echo "bench: wrote bench/results-$ENGINE.md"
cat "bench/results-$ENGINE.md"
