#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for the tests: nothing is shared with a system cluster (the
# Debian `main` cluster on 5432 is never used), everything lives in one directory, and the server
# only listens on 127.0.0.1 and on a socket inside that directory.
#
#   scripts/postgres-cluster.sh start DIR   creates and starts a cluster in DIR; prints its URL
#                                           (also written to DIR/url; the server log is DIR/log)
#   scripts/postgres-cluster.sh stop DIR    stops that cluster (if it runs) and removes DIR
#   scripts/postgres-cluster.sh run CMD...  runs CMD with REBOUND_TEST_POSTGRES_URL set to a fresh
#                                           cluster, removed afterwards whatever CMD does; exits
#                                           with CMD's status
#
# Binaries: initdb and pg_ctl from PATH, else the highest /usr/lib/postgresql/*/bin. When neither
# exists, root installs the Debian package; anyone else is told how to.
set -euo pipefail

say() { printf 'postgres-cluster: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

usage() {
  cat >&2 <<'EOF'
usage: scripts/postgres-cluster.sh start DIR
       scripts/postgres-cluster.sh stop DIR
       scripts/postgres-cluster.sh crash DIR    (stop at once, as a power cut would: pg_ctl -m immediate)
       scripts/postgres-cluster.sh resume DIR   (start a stopped cluster again, on its own port)
       scripts/postgres-cluster.sh run CMD [ARG...]
EOF
  exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the owner of the clusters: the postgres OS user when we are root (the server
# refuses to run as root), else ourselves.
as_owner() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The directory holding initdb and pg_ctl, or nothing.
find_bin_dir() {
  local initdb dir
  if initdb="$(command -v initdb 2>/dev/null)" && dir="$(dirname "$initdb")" && [ -x "$dir/pg_ctl" ]; then
    printf '%s\n' "$dir"
    return
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      printf '%s\n' "$dir"
      return
    fi
  done
}

# Sets BIN to the directory of initdb and pg_ctl, installing PostgreSQL first when root may.
locate_postgres() {
  BIN="$(find_bin_dir)"
  [ -n "$BIN" ] && return
  if ! is_root; then
    die "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin); install it with: sudo apt-get install postgresql"
  fi
  say "PostgreSQL is not installed; installing the postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq postgresql >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
  fi
  # The package creates and starts a system cluster `main` (port 5432); it is not ours to use.
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    local ver
    for ver in $(ls /usr/lib/postgresql 2>/dev/null); do
      pg_ctlcluster "$ver" main stop >/dev/null 2>&1 || true
    done
  fi
  BIN="$(find_bin_dir)"
  [ -n "$BIN" ] || die "installed the postgresql package but found no initdb in /usr/lib/postgresql/*/bin"
}

free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
EOF
}

# An absolute path for $1 (which need not exist yet).
absolute() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}

start_cluster() {
  local dir port url attempt
  dir="$(absolute "$1")"
  dir="${dir%/}"
  [ -e "$dir/data" ] && die "$dir/data already exists: stop that cluster first (scripts/postgres-cluster.sh stop $dir)"
  # The server's socket is $dir/.s.PGSQL.<port>, and a Unix socket path is limited to 107 bytes.
  [ "${#dir}" -le 85 ] || die "$dir is too long a path for the server's Unix socket; use a shorter one (e.g. under /tmp)"
  case "$dir" in *"'"*|*\\*) die "$dir: the directory's path must not contain a quote or a backslash" ;; esac
  locate_postgres
  is_root && ! id postgres >/dev/null 2>&1 && die "running as root, but there is no postgres OS user to own the cluster"

  mkdir -p "$dir"
  : >"$dir/log"
  if is_root; then
    chown postgres "$dir" "$dir/log"
    as_owner test -w "$dir" || die "the postgres OS user cannot reach $dir (a parent directory is closed to it); use a directory under /tmp"
  fi

  # UTF8 with the C locale: valid text only, and text sorts by bytes as in SQLite.
  if ! as_owner "$BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >>"$dir/log" 2>&1; then
    tail -n 20 "$dir/log" >&2
    die "initdb failed (log: $dir/log)"
  fi
  cat >>"$dir/data/postgresql.conf" <<EOF

# Throwaway test cluster (scripts/postgres-cluster.sh): loopback and a socket in its own directory.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
EOF

  # The port is free when picked but could be taken before the server binds it: then try another.
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
      url="postgres://postgres@127.0.0.1:$port/postgres"
      printf '%s\n' "$url" >"$dir/url"
      printf '%s\n' "$url"
      return
    fi
    grep -q 'could not bind\|Address already in use' "$dir/log" || break
    say "port $port was taken meanwhile; trying another"
  done
  tail -n 20 "$dir/log" >&2
  die "the server did not start (log: $dir/log)"
}

stop_cluster() {
  local dir
  dir="$(absolute "$1")"
  dir="${dir%/}"
  [ -e "$dir" ] || return 0
  # Remove only what this script made.
  if [ ! -e "$dir/data" ] && [ ! -e "$dir/url" ] && [ ! -e "$dir/log" ] && [ -n "$(ls -A "$dir")" ]; then
    die "$dir does not hold a cluster made by this script; not removing it"
  fi
  if [ -f "$dir/data/postmaster.pid" ]; then
    BIN="$(find_bin_dir)"
    if [ -n "$BIN" ]; then
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
        || as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 \
        || true
    fi
  fi
  rm -rf "$dir"
}

# Stops the cluster at once, without a checkpoint, as a lost machine would; it recovers from its
# write-ahead log on the next start. The directory stays.
crash_cluster() {
  local dir
  dir="$(absolute "$1")"
  [ -f "$dir/data/postmaster.pid" ] || die "$dir holds no running cluster"
  BIN="$(find_bin_dir)"
  as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || die "cannot stop the cluster in $dir (see $dir/log)"
}

# Starts a stopped cluster again on the port its URL names.
resume_cluster() {
  local dir port
  dir="$(absolute "$1")"
  [ -f "$dir/url" ] || die "$dir holds no cluster made by this script"
  port="$(sed -E 's|.*:([0-9]+)/.*|\1|' "$dir/url")"
  BIN="$(find_bin_dir)"
  as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port" -w -t 60 start >/dev/null 2>&1 || die "cannot start the cluster in $dir again (see $dir/log)"
}

run_with_cluster() {
  [ "$#" -gt 0 ] || usage
  local status=0
  CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/rebound-pg.XXXXXX")"
  trap 'stop_cluster "$CLUSTER_DIR" || true' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  REBOUND_TEST_POSTGRES_URL="$(start_cluster "$CLUSTER_DIR")"
  export REBOUND_TEST_POSTGRES_URL
  say "REBOUND_TEST_POSTGRES_URL=$REBOUND_TEST_POSTGRES_URL"
  "$@" || status=$?
  exit "$status"
}

[ "$#" -ge 1 ] || usage
command="$1"
shift
case "$command" in
  start) [ "$#" -eq 1 ] || usage; start_cluster "$1" ;;
  stop) [ "$#" -eq 1 ] || usage; stop_cluster "$1" ;;
  crash) [ "$#" -eq 1 ] || usage; crash_cluster "$1" ;;
  resume) [ "$#" -eq 1 ] || usage; resume_cluster "$1" ;;
  run) run_with_cluster "$@" ;;
  *) usage ;;
esac
