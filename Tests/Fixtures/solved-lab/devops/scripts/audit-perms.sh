#!/usr/bin/env bash
# List files under DIR that are world-writable or setuid, one path per line.
# Exit 0 when there are none, 1 when there are, 2 on a usage error.
set -euo pipefail

if [[ $# -ne 1 || ! -d "$1" ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi

# -xdev: stay on one filesystem (no /proc, no network mounts)
findings="$(find "$1" -xdev -type f \( -perm -o+w -o -perm -u+s \) -print)"

if [[ -z "$findings" ]]; then
  exit 0
fi
printf '%s\n' "$findings"
exit 1
