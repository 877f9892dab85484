#!/usr/bin/env bash
# What the test suite needs from the system, checked before anything runs. `make test` and
# `.ci/run` both call this one script.
#   - nothing missing: prints nothing, exits 0.
#   - something missing, root on Debian: installs it with apt-get (no recommends), then exits 0.
#   - something missing otherwise: one line naming the packages to install, exit 1, so the suite
#     never starts without its browsers (the browser tests are never skipped).
# Options: --postgres  also PostgreSQL server and client (.ci/run starts a throw-away cluster).
#          --redis     also redis-server and redis-cli (.ci/run starts a throw-away Redis, so the
#                      several-servers tests run on one PostgreSQL and one Redis).
#          --dry-run   say what would be installed, install nothing (exit 1 if anything is missing).
# Probes follow the same variables as the tests: CHROMIUM_PATH, WEBKIT_DRIVER_PATH,
# MINIBROWSER_PATH and XVFB_PATH point at other binaries (or at nothing, to try the logic).
set -euo pipefail

postgres=false redis=false dry_run=false
for arg in "$@"; do
  case "$arg" in
    --postgres) postgres=true ;;
    --redis) redis=true ;;
    --dry-run) dry_run=true ;;
    *) echo "test-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

has() { [[ "$1" == */* ]] && [ -x "$1" ] || { [[ "$1" != */* ]] && command -v "$1" >/dev/null 2>&1; }; }
minibrowser() {
  if [ -n "${MINIBROWSER_PATH:-}" ]; then has "$MINIBROWSER_PATH"; return; fi
  compgen -G '/usr/lib/*/webkit2gtk-4.1/MiniBrowser' >/dev/null
}

need=()
has "${CHROMIUM_PATH:-chromium}"             || need+=(chromium)
has "${WEBKIT_DRIVER_PATH:-WebKitWebDriver}" && minibrowser || need+=(webkit2gtk-driver)
has "${XVFB_PATH:-Xvfb}"                     || need+=(xvfb)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
has make                                     || need+=(make)
# psycopg[c] (the lock) is built at install against the system's libpq.
has pg_config                                || need+=(libpq-dev)
has gcc                                      || need+=(gcc)
if $postgres; then
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
  has psql                                   || need+=(postgresql-client)
fi
if $redis; then
  has redis-server && has redis-cli          || need+=(redis-server)
fi

((${#need[@]})) || exit 0

if $dry_run; then
  echo "test-deps: would install: ${need[*]}"
  exit 1
fi
if [ "$(id -u)" -ne 0 ] || ! has apt-get; then
  echo "test-deps: the tests need ${need[*]}; install with: sudo apt-get install --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "test-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
