#!/usr/bin/env bash
# Lint the Dockerfile and the shell scripts. Fails on the first finding.
set -euo pipefail

cd "$(dirname "$0")/.."

status=0
for tool in hadolint shellcheck; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "lint: $tool not found on PATH" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] || exit "$status"

hadolint Dockerfile
shellcheck scripts/*.sh
echo "lint: ok"
