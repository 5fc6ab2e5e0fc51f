# shellcheck shell=bash source-path=SCRIPTDIR
# shellcheck disable=SC2034 # the scripts that source this use its variables
# Shared by the scripts in this folder: where things are and which versions
# they must have. Source it; it defines, it does not run anything.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRIPTS_DIR="$REPO_ROOT/scripts"
SITE_DIR="$REPO_ROOT/dist"
E2E_DIR="$REPO_ROOT/e2e"
# shellcheck source=versions.sh
source "$SCRIPTS_DIR/versions.sh"

# `cargo install` puts its tools here; a fresh login shell may not have it on PATH.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) PATH="$CARGO_BIN:$PATH" ;;
esac
export PATH

# The browser the tests drive: Debian's, never a downloaded one.
LOCKSCOPE_CHROMIUM="${LOCKSCOPE_CHROMIUM:-/usr/bin/chromium}"
export LOCKSCOPE_CHROMIUM

# The golden corpus beside the repository (never copied into it). Not exported unless the
# caller named it: the tests skip the corpus, saying so, when the default one is absent (a
# fresh clone), and fail when a named one is (CI names it: .ci/run).
CORPUS_DIR="${LOCKSCOPE_FIXTURES:-$REPO_ROOT/../shared/fixtures}"

# Whether the corpus is there.
has_corpus() {
  [[ -f $CORPUS_DIR/INDEX.tsv ]]
}

# The corpus lock at this percentile of the corpus by node count (its `"locked"` entries,
# counted rather than known by name): 50 is the median, 100 the biggest, which the benchmarks
# measure. Nothing when the corpus has no lock.
corpus_lock() {
  local lock
  for lock in "$CORPUS_DIR"/*/flake.lock; do
    [[ -f $lock ]] || continue
    printf '%s %s\n' "$(grep -c '"locked"' "$lock")" "$lock"
  done | sort -k1,1n -k2 | awk -v percentile="$1" '
    { locks[NR] = $0 }
    END {
      if (NR == 0) exit
      at = int((NR * percentile + 99) / 100)
      if (at < 1) at = 1
      sub(/^[0-9]+ /, "", locks[at])
      print locks[at]
    }'
}

step() {
  printf '\n==> %s\n' "$*"
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate, so
# it is read from Cargo.lock rather than written down a second time.
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$REPO_ROOT/Cargo.lock"
}

# What `wasm-opt --version` reports for BINARYEN_VERSION, in trunk's spelling.
wasm_opt_version() {
  printf 'version_%s\n' "${BINARYEN_VERSION%%.*}"
}

# True when `$1 --version` prints exactly the words in $2.
has_version() {
  local tool=$1 want=$2 got
  command -v "$tool" >/dev/null 2>&1 || return 1
  got=$("$tool" --version 2>/dev/null | head -n 1) || return 1
  [[ "$got" == "$want" ]]
}

# Build the release site into dist/ without touching the network: the crates
# are fetched first, then trunk (offline in Trunk.toml) is told the exact tool
# versions so it takes the installed ones, or stops, but never downloads.
# The versions are the pinned ones unless the environment names others (the
# flake's dev shell names those of the tools it provides). Last, the
# compressed copies the server sends.
build_site() {
  step "site: trunk build --release"
  (
    cd "$REPO_ROOT" || exit
    cargo fetch --locked
    TRUNK_TOOLS_WASM_BINDGEN=${TRUNK_TOOLS_WASM_BINDGEN:-$(wasm_bindgen_version)} \
      TRUNK_TOOLS_WASM_OPT=${TRUNK_TOOLS_WASM_OPT:-$(wasm_opt_version)} \
      trunk build --release
  )
  "$SCRIPTS_DIR/precompress" "$SITE_DIR"
}
