#!/usr/bin/env bash
# Start the image, wait until /health answers, stop it again.
# Usage: IMAGE=name [TAG=tag] [PORT=18080] scripts/smoke.sh
set -euo pipefail

: "${IMAGE:?set IMAGE, e.g. IMAGE=my-app scripts/smoke.sh}"
TAG="${TAG:-$(git rev-parse --short HEAD 2>/dev/null || echo dev)}"
PORT="${PORT:-18080}"

container="$(docker run --detach --rm --publish "127.0.0.1:${PORT}:8080" "${IMAGE}:${TAG}")"
trap 'docker stop "$container" >/dev/null' EXIT

for _ in $(seq 1 20); do
  if body="$(curl --fail --silent --show-error --max-time 2 "http://127.0.0.1:${PORT}/health" 2>/dev/null)"; then
    echo "smoke: /health -> ${body}"
    exit 0
  fi
  sleep 0.5
done

echo "smoke: /health did not answer within 10 s" >&2
docker logs "$container" >&2 || true
exit 1
