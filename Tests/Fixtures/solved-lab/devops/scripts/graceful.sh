#!/usr/bin/env bash
# A worker that shuts down cleanly on SIGTERM.
# Writes its PID to $PIDFILE, works until stopped, removes the PID file and exits 143.
set -euo pipefail

PIDFILE="${PIDFILE:-/tmp/graceful.pid}"
child=""

cleanup() {
  echo "received SIGTERM, cleaning up"
  if [[ -n "$child" ]]; then
    kill "$child" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  exit 143 # 128 + 15: what a caller would see had SIGTERM killed us
}
trap cleanup TERM
trap 'rm -f "$PIDFILE"' EXIT

echo "$$" >"$PIDFILE"
echo "working (pid $$); stop me with: kill -TERM $$"

while true; do
  # Sleep in the background and wait for it: `wait` returns as soon as a trapped
  # signal arrives, while a foreground sleep would delay the trap until it ends.
  sleep 30 &
  child=$!
  wait "$child" || true
done
