#!/usr/bin/env bash
# Create a throwaway CA and a server certificate for localhost signed by it:
#   DIR/ca.crt DIR/ca.key DIR/server.crt DIR/server.key
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 64
fi
dir="$1"
mkdir -p "$dir"
umask 077 # the keys are nobody else's business

# The CA: a self-signed certificate allowed to sign others.
openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
  -keyout "$dir/ca.key" -out "$dir/ca.crt" -days 30 \
  -subj "/CN=Lab Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# The server: a key, a signing request, and the CA's signature with the SAN that
# clients check the hostname against.
openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
  -keyout "$dir/server.key" -out "$dir/server.csr" -subj "/CN=localhost" 2>/dev/null

ext="$(mktemp)"
trap 'rm -f "$ext" "$dir/server.csr" "$dir/ca.srl"' EXIT
cat >"$ext" <<'EXT'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
EXT
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
  -CAcreateserial -days 30 -sha256 -extfile "$ext" -out "$dir/server.crt" 2>/dev/null

chmod 644 "$dir/ca.crt" "$dir/server.crt"
echo "wrote $dir/ca.crt $dir/server.crt (keys beside them, mode 600)"
