#!/usr/bin/env bash
# Runs Lighthouse (performance, accessibility, best-practices) against a running Rebound server:
# /login without a cookie, /team and /plans/<id> with a signed-in user's session cookie, each page
# once with the default (mobile) config and once with --preset=desktop, one run at a time.
# Prints one line per page, `path performance accessibility best-practices` (0-100), and under it,
# for every category below 100, the audits that fail there (score < 1; informative, manual and
# not-applicable audits left out) with Lighthouse's display value, so they can be fixed.
#
# Usage: scripts/lighthouse.sh BASE_URL COOKIE [PLAN_ID]
#   COOKIE is the whole `name=value` string, or @FILE to read it from a file (keeps it out of `ps`).
#   The same can be given as LIGHTHOUSE_BASE_URL, LIGHTHOUSE_COOKIE, LIGHTHOUSE_PLAN_ID (default 1).
#   LIGHTHOUSE_KEEP=DIR keeps the JSON reports in DIR; otherwise they go to a temporary directory
#   removed at exit. LIGHTHOUSE_TIMEOUT bounds each run in seconds (default 180).
#   LIGHTHOUSE_PRESETS picks the configs to run (default "mobile desktop").
# Needs lighthouse 12 (REBOUND_SETUP_BENCH=1 scripts/setup.sh installs it) and Debian's chromium.
# Example: nice -n 10 scripts/lighthouse.sh http://127.0.0.1:3917 @/tmp/cookie
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS_DIR="${REBOUND_TOOLS_DIR:-$HOME/.cache/rebound-tools}"
BASE_URL="${1:-${LIGHTHOUSE_BASE_URL:-}}"
COOKIE="${2:-${LIGHTHOUSE_COOKIE:-}}"
PLAN_ID="${3:-${LIGHTHOUSE_PLAN_ID:-1}}"
RUN_TIMEOUT="${LIGHTHOUSE_TIMEOUT:-180}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"

say() { printf 'lighthouse: %s\n' "$*" >&2; }

[ -n "$BASE_URL" ] && [ -n "$COOKIE" ] || { say "usage: $0 BASE_URL COOKIE|@FILE [PLAN_ID]"; exit 2; }
BASE_URL="${BASE_URL%/}"
if [ "${COOKIE#@}" != "$COOKIE" ]; then COOKIE="$(tr -d '\r\n' < "${COOKIE#@}")"; fi

LH="$TOOLS_DIR/node_modules/.bin/lighthouse"
[ -x "$LH" ] || LH="$(command -v lighthouse || true)"
[ -n "$LH" ] || { say "lighthouse is missing: run REBOUND_SETUP_BENCH=1 scripts/setup.sh"; exit 1; }
"$LH" --version | grep -q '^12\.' || say "warning: expected lighthouse 12.x, found $("$LH" --version)"
[ -x "$CHROME_PATH" ] || { say "no browser at $CHROME_PATH (apt-get install chromium)"; exit 1; }
curl -sf -o /dev/null --max-time 10 "$BASE_URL/login" || { say "$BASE_URL/login does not answer"; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
OUT="${LIGHTHOUSE_KEEP:-$WORK}"
mkdir -p "$OUT"
# The cookie goes in a file so that it appears on no command line; node does the JSON escaping.
COOKIE="$COOKIE" node -e 'process.stdout.write(JSON.stringify({Cookie: process.env.COOKIE}))' > "$WORK/headers.json"

# Prints the score line and the failing audits of one JSON report.
summarise() {
  node - "$1" "$2" <<'EOF'
const [file, path] = process.argv.slice(2);
const lhr = JSON.parse(require('fs').readFileSync(file, 'utf8'));
const ids = ['performance', 'accessibility', 'best-practices'];
const pct = (s) => (s === null || s === undefined ? '-' : String(Math.round(s * 100)));
console.log([path, ...ids.map((id) => pct(lhr.categories[id]?.score))].join(' '));
if (lhr.runtimeError) console.log(`    runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
for (const w of lhr.runWarnings || []) console.log(`    warning: ${w.replace(/\s+/g, ' ')}`);
if (lhr.finalDisplayedUrl && !lhr.finalDisplayedUrl.endsWith(path))
  console.log(`    warning: ended on ${lhr.finalDisplayedUrl} (redirected: is the cookie valid?)`);
for (const id of ids) {
  const cat = lhr.categories[id];
  if (!cat || cat.score === 1) continue;
  for (const ref of cat.auditRefs) {
    const a = lhr.audits[ref.id];
    if (ref.group === 'hidden') continue; // Lighthouse 12's "insight" duplicates of the audits shown
    if (['informative', 'notApplicable', 'manual'].includes(a.scoreDisplayMode)) continue;
    if (a.scoreDisplayMode === 'error') { console.log(`    ${id}: ${a.title} [${a.id}] (audit error: ${a.errorMessage})`); continue; }
    if (a.score === null || a.score >= 1) continue;
    const shown = a.displayValue ? `, ${a.displayValue}` : '';
    console.log(`    ${id}: ${a.title} [${a.id}] (score ${a.score}${shown})`);
  }
}
EOF
}

PAGES=(/login /team "/plans/$PLAN_ID")
failed=0
for preset in ${LIGHTHOUSE_PRESETS:-mobile desktop}; do
  preset_args=()
  case "$preset" in
    mobile) ;;
    desktop) preset_args=(--preset=desktop) ;;
    *) say "unknown preset $preset (mobile or desktop)"; exit 2 ;;
  esac
  echo "$preset: path performance accessibility best-practices"
  for path in "${PAGES[@]}"; do
    report="$OUT/$preset$(echo "$path" | tr '/' '-').json"
    cookie_args=()
    [ "$path" != /login ] && cookie_args=(--extra-headers="$WORK/headers.json")
    # SIGINT lets Lighthouse's launcher close the Chromium it started; -k ends it if it hangs.
    if timeout -s INT -k 20 "$RUN_TIMEOUT" "$LH" "$BASE_URL$path" \
        --chrome-flags="$CHROME_FLAGS" --only-categories=performance,accessibility,best-practices \
        --output=json --output-path="$report" --max-wait-for-load=60000 --quiet \
        "${preset_args[@]}" "${cookie_args[@]}" 2> "$WORK/run.log"; then
      summarise "$report" "$path"
    else
      echo "$path failed (exit $?; timeout ${RUN_TIMEOUT}s)"
      tail -n 5 "$WORK/run.log" | sed 's/^/    /'
      failed=1
    fi
  done
done
[ -n "${LIGHTHOUSE_KEEP:-}" ] && say "JSON reports kept in $OUT"
exit "$failed"
