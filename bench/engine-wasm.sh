#!/usr/bin/env bash
# Benchmark: the directory engine in wasm, in headless Chromium (release
# optimisations), at 100 000 members. Prints one line of medians.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CARGO_PROFILE_TEST_OPT_LEVEL=3 \
  cargo test --release --target wasm32-unknown-unknown -p cluster-enr-portal --test engine_bench -- --include-ignored --nocapture 2>&1 \
  | grep -E "engine \(wasm\)|test result"
