#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing, at pinned versions.
# Idempotent: when everything is present it only checks and prints one line per tool.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS_DIR="${REBOUND_TOOLS_DIR:-$HOME/.cache/rebound-tools}"
CARGO_LEPTOS_VERSION="0.3.7"
BINARYEN_VERSION="132"
LIGHTHOUSE_VERSION="12.8.2"  # 13.x needs Node 22
# An iCalendar parser independent of the one the server writes with, for the calendar feed tests.
ICALENDAR_VERSION="7.3.2"
# wasm-bindgen-cli must match the wasm-bindgen library in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
else
  say "wasm32-unknown-unknown target present"
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes several minutes)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
else
  say "cargo-leptos $CARGO_LEPTOS_VERSION present"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (the lockfile's version)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
else
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION present"
fi

if [ ! -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
else
  say "wasm-opt present in $TOOLS_DIR"
fi

# Installs Debian package $1 (what it is for: $2) with apt when running as root, unless $3 exists.
apt_install() {
  local package=$1 purpose=$2 present=$3
  if [ -e "$present" ]; then say "$package present"; return; fi
  if [ "$(id -u)" != "0" ]; then say "$package is missing: install it with 'sudo apt-get install $package'"; exit 1; fi
  say "installing Debian's $package $purpose"
  apt-get install -y "$package" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$package" >/dev/null; }
}

# The build writes brotli copies of the static files (scripts/compress-site.sh).
apt_install brotli "for the compressed static files" /usr/bin/brotli

# What `make test` needs beyond the build (the Rust suites as well as Playwright): `make run` never
# asks for these.
if [ "${REBOUND_SETUP_E2E:-0}" = "1" ]; then
  # The email tests deliver to a real SMTP server on loopback (scripts/smtp-sink.py).
  apt_install python3-aiosmtpd "for the email tests" /usr/lib/python3/dist-packages/aiosmtpd/__init__.py
  if ! PYTHONPATH="$TOOLS_DIR/python" python3 -c "import icalendar, sys; sys.exit(icalendar.__version__ != '$ICALENDAR_VERSION')" 2>/dev/null; then
    say "installing Python's icalendar $ICALENDAR_VERSION (PyPI) into $TOOLS_DIR/python, for the calendar feed tests"
    python3 -m pip install --quiet --disable-pip-version-check --upgrade --target "$TOOLS_DIR/python" "icalendar==$ICALENDAR_VERSION"
  else
    say "Python icalendar $ICALENDAR_VERSION present in $TOOLS_DIR/python"
  fi
  apt_install chromium "for the end-to-end tests" /usr/bin/chromium
  if [ ! -d end2end/node_modules/@playwright/test ] || [ ! -d end2end/node_modules/@axe-core/playwright ]; then
    say "installing Playwright's test runner (npm, no browser download)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
  else
    say "Playwright test runner present"
  fi
fi

if [ "${REBOUND_SETUP_BENCH:-0}" = "1" ]; then
  if ! "$TOOLS_DIR/node_modules/.bin/lighthouse" --version 2>/dev/null | grep -qx "$LIGHTHOUSE_VERSION"; then
    say "installing lighthouse $LIGHTHOUSE_VERSION (npm) into $TOOLS_DIR for scripts/lighthouse.sh"
    mkdir -p "$TOOLS_DIR"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
  else
    say "lighthouse $LIGHTHOUSE_VERSION present in $TOOLS_DIR"
  fi
fi
