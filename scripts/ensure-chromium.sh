#!/bin/sh
# Browser tests drive Debian's Chromium through Playwright; install it when we can (root, apt).
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    exit $?
fi
echo "note: /usr/bin/chromium is missing, so browser tests will be skipped;" \
     "install it with: sudo apt-get install chromium" >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
exit 0
