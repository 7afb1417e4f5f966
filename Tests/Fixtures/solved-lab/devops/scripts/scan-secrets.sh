#!/usr/bin/env bash
# Report lines under DIR that look like secrets: AWS access key IDs and private key
# blocks. Prints FILE:LINE for each; exit 1 when something was found, 0 when not.
set -euo pipefail

if [[ $# -ne 1 || ! -d "$1" ]]; then
  echo "usage: $0 DIR" >&2
  exit 64
fi

pattern='AKIA[0-9A-Z]{16}|-----BEGIN ([A-Z]+ )?PRIVATE KEY-----'

# grep -rEnI: recursive, extended regex, line numbers, skip binary files.
# Exit status 1 from grep means "no match", which is the good case here.
if findings="$(grep -rEnI --exclude-dir=.git -e "$pattern" "$1" | cut -d: -f1,2)"; then
  printf '%s\n' "$findings"
  exit 1
fi
exit 0
