#!/usr/bin/env bash
# Sets up what is missing, then builds the release app and serves it on the
# bundled data at http://127.0.0.1:${PORT:-8080}/ (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
source scripts/wasm-env.sh
port="${PORT:-8080}"
echo "[serve] building, then serving the portal at http://127.0.0.1:${port}/"
echo "[serve] (the bundled data, no server: for staff sign-in, run the reference server and get a link with"
echo "[serve]  cargo run -p cluster-server -- --db cluster-enr.db staff add --email you@example.org --name You --role admin"
echo "[serve]  which prints it; e-mailed links land in outbox/ as .eml files. docs/staff.md)"
exec trunk serve --release --port "$port"
