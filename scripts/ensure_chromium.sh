#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests
# (tests/ui/browser). Playwright drives this system browser; its own browser
# download (`playwright install`) is never used.
#
# Quiet and successful when Chromium is already there. Otherwise installs it
# with apt-get when run as root, or explains what to do and exits 1.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure_chromium: $CHROMIUM is missing and this is not root." >&2
    echo "  Install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2
    echo "  (the browser tests skip without it, and fail when CI is set)" >&2
    exit 1
fi

echo "ensure_chromium: installing chromium with apt-get ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null

if [ ! -x "$CHROMIUM" ]; then
    echo "ensure_chromium: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
fi
echo "ensure_chromium: $("$CHROMIUM" --version 2>/dev/null)" >&2
