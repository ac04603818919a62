#!/usr/bin/env bash
# Make sure Debian's PostgreSQL server binaries (initdb, pg_ctl, postgres) are installed
# for the store's tests (tests/pgserver.py starts a throw-away server from them as an
# unprivileged user on a Unix socket in a temporary folder; no cluster is created or
# started by the package itself).
#
# Quiet and successful when they are there. Otherwise installs the `postgresql` package
# with apt-get when run as root, or explains what to do and exits 1.
set -euo pipefail

found() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; }

if found; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure_postgresql: PostgreSQL's initdb is missing and this is not root." >&2
    echo "  Install it with: sudo apt-get update && sudo apt-get install -y postgresql" >&2
    echo "  (the PostgreSQL store tests skip without it, and fail when CI is set)" >&2
    exit 1
fi

echo "ensure_postgresql: installing postgresql with apt-get ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# Debian's package creates and starts a default cluster; the tests do not use it.
if command -v pg_ctlcluster >/dev/null; then
    for v in /usr/lib/postgresql/*; do
        pg_ctlcluster "$(basename "$v")" main stop 2>/dev/null || true
    done
fi

if ! found; then
    echo "ensure_postgresql: apt-get finished but initdb is still missing" >&2
    exit 1
fi
echo "ensure_postgresql: $(ls -d /usr/lib/postgresql/*/bin | head -1)" >&2
