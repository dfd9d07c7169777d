#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright (no browser download).
# Installs the package when missing and we may (root with apt-get); otherwise the browser tests
# skip with a clear reason.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x "${URBIS_CHROMIUM:-/usr/bin/chromium}" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; browser tests will be skipped" >&2
else
  echo "note: chromium is not installed (apt-get install chromium); browser tests will be skipped" >&2
fi
exit 0
