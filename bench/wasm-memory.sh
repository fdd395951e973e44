#!/usr/bin/env bash
# Benchmark: the wasm memory the core's reader and directory index take for
# a generated document of N members (default 100 000), fed in 64 KB chunks
# as the app's fetch does, and the longest indexing step. The browser's
# figure (the suite's "memory growth after load") adds the page's own.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
N="${1:-100000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cargo run -q --release -p cluster-data -- generate --members "$N" --out "$dir/cluster.json"
# The half the members' directory loads (data/members.json).
cargo run -q --release -p cluster-data -- embeds --dataset "$dir/cluster.json" --out "$dir" > /dev/null
cargo build -q --release --target wasm32-unknown-unknown --manifest-path bench/wasm-memory/Cargo.toml --target-dir target/wasm-memory
node bench/wasm-memory/run.mjs target/wasm-memory/wasm32-unknown-unknown/release/cluster_wasm_memory.wasm "$dir/data/members.json"
