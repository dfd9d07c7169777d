#!/usr/bin/env bash
# `make run`: migrate, load the demo city, start the worker and the scheduler in the
# background and the web server in the foreground on http://127.0.0.1:${PORT:-8000}. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
export URBIS_DEBUG="${URBIS_DEBUG:-1}"
URBIS=".venv/bin/urbis"
PORT="${PORT:-8000}"
case "$PORT" in
  ""|*[!0-9]*) echo "PORT must be a number (got '$PORT')" >&2; exit 2 ;;
esac
"$URBIS" migrate --no-input
"$URBIS" demo
"$URBIS" db_worker &
WORKER=$!
"$URBIS" scheduler &
SCHEDULER=$!
trap 'kill $WORKER $SCHEDULER 2>/dev/null || true' EXIT INT TERM
echo
echo "Urbis is serving on http://127.0.0.1:${PORT} (log in with a demo login above; Ctrl-C stops)."
"$URBIS" runserver "127.0.0.1:${PORT}"
