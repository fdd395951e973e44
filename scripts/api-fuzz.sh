#!/usr/bin/env bash
# Property-based fuzzing of the REST API, driven by its own OpenAPI document:
# schemathesis with every check, its stateful phase (following the document's
# links) included, against the real server on a fresh SQLite file, signed in
# with an admin's personal API token made on the command line. Any failure
# fails the run.
#   scripts/api-fuzz.sh            after `cargo build -p cluster-server` and scripts/setup.sh
#   SEED=123 EXAMPLES=500 scripts/api-fuzz.sh   to explore further
set -euo pipefail
cd "$(dirname "$0")/.."
server=target/debug/cluster-enr-server
[ -x "$server" ] || { echo "build the server first: cargo build -p cluster-server" >&2; exit 1; }
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# An admin account and its token, the way a script on the server machine gets one.
"$server" --db "$dir/fuzz.db" staff add --email fuzz@cluster-enr.example --name "API fuzzer" --role admin >/dev/null
token=$("$server" --db "$dir/fuzz.db" staff token --email fuzz@cluster-enr.example --name schemathesis)
# Limits off (the fuzzer sends hundreds of requests); the clock fixed at
# 2026-06-01 so that the document's example application stays valid.
"$server" --db "$dir/fuzz.db" --dataset public/data/cluster.json --static dist --addr "127.0.0.1:$port" \
  --outbox "$dir/outbox" --submissions-per-minute 0 --lookups-per-minute 0 --reads-per-minute 0 --fixed-now 1780272000 >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
python3 - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/v1/health", timeout=1)
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit("the server did not start")
PY
cd tests/api
SCHEMATHESIS_HOOKS=hooks ../../.venv/bin/schemathesis --config-file schemathesis.toml run \
  "http://127.0.0.1:$port/api/v1/openapi.json" --checks all -H "Authorization: Bearer $token" \
  --max-examples "${EXAMPLES:-50}" --seed "${SEED:-20261126}" --no-color
