#!/usr/bin/env bash
# Build the image, tagged with the current commit.
# Usage: IMAGE=name [TAG=tag] scripts/build.sh
set -euo pipefail

cd "$(dirname "$0")/.."

: "${IMAGE:?set IMAGE, e.g. IMAGE=my-app scripts/build.sh}"
TAG="${TAG:-$(git rev-parse --short HEAD 2>/dev/null || echo dev)}"

docker build \
  --pull \
  --build-arg "APP_VERSION=${TAG}" \
  --label "org.opencontainers.image.revision=${TAG}" \
  --tag "${IMAGE}:${TAG}" \
  .

echo "built ${IMAGE}:${TAG}"
