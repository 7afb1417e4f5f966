#!/usr/bin/env bash
# Print the HTTP status code of URL; exit 0 for 2xx and 3xx, 1 otherwise.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 URL" >&2
  exit 64
fi

# Without -f curl exits 0 on 4xx/5xx and we decide ourselves; a connection failure
# still makes curl fail and prints 000.
code="$(curl --silent --output /dev/null --max-time 10 --write-out '%{http_code}' "$1" || true)"
echo "$code"
[[ "$code" =~ ^[23][0-9][0-9]$ ]]
