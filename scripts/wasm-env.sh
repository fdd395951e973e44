# Sourced by the scripts that build the wasm (serve.sh, test.sh): source
# paths inside the wasm (panic locations, the generated i18n module under
# target/) are written relative to fixed names instead of this checkout's
# folder and Cargo's home, so that the same commit gives the same bytes, and
# the same sizes, in any folder. Only the wasm target: native builds keep
# their flags (and their cache).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$PWD=/portal --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo"
