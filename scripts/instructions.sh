#!/usr/bin/env bash
# scripts/instructions.sh DATABASE PAGE [EMAIL] [REQUESTS]
#
# Counts the instructions the release server executes per request for PAGE, under callgrind:
# sequential requests as EMAIL (default: the synthetic organisation's big-team manager) against a
# copy of DATABASE (one written by `rebound demo-seed --employees ...`). Unlike requests per
# second on a shared machine, the count is the same from run to run, so it shows what a change
# to the code bought. It leaves out time in the kernel (thread switches, I/O), and counts a large
# memory copy as one instruction per byte. Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."

DATABASE="${1:?usage: scripts/instructions.sh DATABASE PAGE [EMAIL] [REQUESTS]}"
PAGE="${2:?usage: scripts/instructions.sh DATABASE PAGE [EMAIL] [REQUESTS]}"
EMAIL="${3:-big.team@bench.rebound}"
REQUESTS="${4:-100}"
BIN="${REBOUND_BIN:-target/release/rebound}"
PORT="${INSTRUCTIONS_PORT:-3918}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }; rm -rf "$WORK"; }
trap cleanup EXIT

command -v valgrind >/dev/null || { echo "instructions: valgrind is missing (apt-get install valgrind)"; exit 1; }
if curl -s -o /dev/null "$BASE/healthz"; then
  echo "instructions: $BASE already answers; set INSTRUCTIONS_PORT"; exit 1
fi
cp "$DATABASE" "$WORK/bench.db"
# Counting starts only after start-up and warm-up requests (--instr-atstart=no, switched on below).
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$WORK/callgrind.out" \
  "$BIN" --database "sqlite://$WORK/bench.db" serve --addr "127.0.0.1:$PORT" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
COOKIE=$(curl -s -D - -o /dev/null -X POST "$BASE/api/login" --data-urlencode "email=$EMAIL" \
  --data-urlencode "password=rebound-demo-2026" | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}' | tr -d '\r')
[ -n "$COOKIE" ] || { echo "instructions: could not sign in as $EMAIL"; exit 1; }
for _ in 1 2 3; do curl -s -o /dev/null -H "Cookie: $COOKIE" "$BASE$PAGE"; done
callgrind_control -i on "$SERVER_PID" >/dev/null 2>&1
for _ in $(seq 1 "$REQUESTS"); do
  curl -s -o /dev/null -H "Cookie: $COOKIE" "$BASE$PAGE"
done
callgrind_control -d "$SERVER_PID" >/dev/null 2>&1
sleep 1
TOTAL=$(grep -h "^summary:\|^totals:" "$WORK"/callgrind.out.* | head -1 | awk '{print $2}')
echo "$PAGE: $((TOTAL / REQUESTS)) instructions per request (mean of $REQUESTS)"
