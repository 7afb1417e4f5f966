#!/usr/bin/env bash
# Bring ROOT to the desired state, changing only what differs:
#   ROOT/etc/app/ and ROOT/var/log/app/   directories, mode 755
#   ROOT/etc/app/app.conf                 exact content below, mode 640
# Prints "changed: PATH" for each change and "ok: PATH" for what was already right.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 ROOT" >&2
  exit 64
fi
root="$1"

read -r -d '' desired_conf <<'CONF' || true
listen = 127.0.0.1:8080
log_dir = /var/log/app
CONF

mode_of() { find "$1" -maxdepth 0 -printf '%m'; }

ensure_dir() {
  local path="$1" mode="$2"
  if [[ ! -d "$path" ]]; then
    mkdir -p "$path"
    chmod "$mode" "$path"
    echo "changed: $path (created)"
  elif [[ "$(mode_of "$path")" != "$mode" ]]; then
    chmod "$mode" "$path"
    echo "changed: $path (mode $mode)"
  else
    echo "ok: $path"
  fi
}

ensure_file() {
  local path="$1" mode="$2" content="$3" changed=""
  if [[ ! -f "$path" ]] || ! printf '%s\n' "$content" | cmp -s - "$path"; then
    # write beside the target, then rename: readers never see half a file
    local tmp
    tmp="$(mktemp "$path.XXXXXX")"
    printf '%s\n' "$content" >"$tmp"
    chmod "$mode" "$tmp"
    mv -f "$tmp" "$path"
    changed="content"
  fi
  if [[ "$(mode_of "$path")" != "$mode" ]]; then
    chmod "$mode" "$path"
    changed="${changed:+$changed, }mode $mode"
  fi
  if [[ -n "$changed" ]]; then
    echo "changed: $path ($changed)"
  else
    echo "ok: $path"
  fi
}

ensure_dir "$root/etc/app" 755
ensure_dir "$root/var/log/app" 755
ensure_file "$root/etc/app/app.conf" 640 "$desired_conf"
