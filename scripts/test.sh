#!/usr/bin/env bash
# Sets up what is missing, then runs every test: native Rust tests, in-browser
# wasm-bindgen tests in headless Chromium, the release build and its size
# budget, the API fuzzer against the real server, and end-to-end tests
# driving the built app in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
source scripts/wasm-env.sh
# The test builds start from nothing here: no incremental caches to write,
# no debug info to generate and link (a failing test still names its file
# and line). The release build is not affected.
export CARGO_INCREMENTAL=0 CARGO_PROFILE_DEV_DEBUG=0
step() { printf '\n=== %s (%s)\n' "$*" "$(date +%T)"; }

step "Rust unit and property tests (native)"
cargo test --locked -p cluster-core -p cluster-data -p cluster-preview -p cluster-server

step "In-browser component tests (wasm-bindgen-test, headless Chromium)"
# Every tests/*.rs but the engine benchmark; not the entries' own test
# harnesses (they hold no test: three more debug wasm links for nothing).
component_tests=$(for f in tests/*.rs; do n=$(basename "$f" .rs); [ "$n" = engine_bench ] || printf -- '--test %s ' "$n"; done)
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --target wasm32-unknown-unknown -p cluster-enr-portal $component_tests

# The reference server, for the API fuzzing and the end-to-end tests, and
# the pre-render in Trunk's hook (a binary of the same package: built here,
# it is not compiled again there).
cargo build --locked -p cluster-server

step "Release build (trunk)"
# The entries' wasm first, in one cargo call, so that their link-time
# optimisations run side by side (Trunk builds them one after another);
# Trunk then finds them built. The entries and their profile are
# index.html's `data-bin`s and `data-cargo-profile-release`.
entries=$(grep -o 'data-bin="[^"]*"' index.html | sed 's/^data-bin="\(.*\)"$/--bin \1/')
profile=$(grep -o 'data-cargo-profile-release="[^"]*"' index.html | sort -u | sed 's/^[^"]*"\(.*\)"$/\1/')
cargo build --locked --profile "$profile" --target wasm32-unknown-unknown $entries
trunk build --release

step "Size budget"
node scripts/size-budget.mjs dist

step "No build path inside the wasm (scripts/wasm-env.sh: the same bytes in any folder)"
if grep -l -F -e "$PWD" -e "${CARGO_HOME:-$HOME/.cargo}" dist/*.wasm; then
  echo "the files above hold this checkout's or Cargo's home path"; exit 1
fi
echo "none of $(ls dist/*.wasm | wc -l) wasm files holds $PWD or ${CARGO_HOME:-$HOME/.cargo}"

step "API fuzzing (schemathesis on the server's own OpenAPI document, stateful phase included)"
bash scripts/api-fuzz.sh

step "End-to-end tests (Chromium through playwright-core; Firefox and WebKit in tests/engines/)"
# A hung test fails (timeout) and leaves nothing that keeps the run open.
# Two files at a time: each starts its own servers on free ports, with
# their own databases, and its own browser.
node --test --test-concurrency=2 --test-timeout=180000 --test-force-exit tests/e2e/ tests/engines/
