#!/usr/bin/env bash
# Installs whatever the portal needs to build, serve and test, and skips what
# is already there at the right version (idempotent; quiet the second time).
# Debian 12 with Rust (rustup), Node 20 and npm; run as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
SCHEMATHESIS_VERSION=4.32.5
# The CLI must equal the wasm-bindgen crate in Cargo.lock (pinned with "=").
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

command -v cargo >/dev/null || { say "cargo not found: install Rust with rustup first"; exit 1; }
command -v npm >/dev/null || { say "npm not found: install Node.js 20 first"; exit 1; }
# node:test's --test-force-exit (scripts/test.sh) needs Node 20.14 or later.
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=14)?0:1)' \
  || { say "Node.js $(node --version) is too old: 20.14 or later is needed"; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a couple of minutes, once)"
  # --locked fails for this crate here (a locked dependency left the registry).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Chromium and its driver for the browser tests; Noto for Arabic glyphs.
missing=()
# python3-venv: the API fuzzer's virtual environment (below).
# libssl-dev, pkg-config: the server links the system's OpenSSL (passkeys, SMTP over TLS).
# firefox-esr, webkit2gtk-driver (WebKitWebDriver and MiniBrowser), xvfb:
# the other two engines' journeys (tests/engines/).
for pkg in chromium chromium-driver fonts-noto-core python3-venv libssl-dev pkg-config firefox-esr webkit2gtk-driver xvfb; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Node tools (binaryen's wasm-opt 132, playwright-core, puppeteer-core, axe-core), from the lockfile.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing the Node tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Debian's binaryen 108 produces a broken module: make sure it is not the one used.
case "$(command -v wasm-opt)" in
  "$PWD/node_modules/.bin/wasm-opt") ;;
  *) say "wasm-opt resolves to $(command -v wasm-opt), not binaryen 132 from npm"; exit 1 ;;
esac

# schemathesis (the API fuzzer of scripts/api-fuzz.sh), pinned, in .venv/.
if [ "$(.venv/bin/schemathesis --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION in .venv/ (once)"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
