#!/usr/bin/env bash
# Every test, the browser ones included: installs what the browser tests need when it is
# missing (Debian's Chromium, the Arabic and CJK fonts, Java for the HTML checker, Node.js 20
# or newer and the test's Node packages; apt-get needs root), then runs
# `cargo test --features browser-tests`. `cargo test` alone runs every test that needs nothing
# but Rust.
#
# Node.js: Debian 12's is 18, too old for the browser tests. When the `node` on PATH is missing
# or older than 20, Debian's nodejs and npm are installed if need be, and npm installs Node 20
# from the npm registry (the `node` package, whose install step fetches the prebuilt binary as
# another registry package) into ${XDG_CACHE_HOME:-~/.cache}/hashiya-node, which is put first on
# PATH for this run only. Nothing else on the machine changes.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_MAJOR=20
node_dir="${XDG_CACHE_HOME:-$HOME/.cache}/hashiya-node"

# The major version of the `node` at $1 (or on PATH), 0 if there is none.
node_major() {
  local version
  version="$("${1:-node}" --version 2>/dev/null)" || version=v0
  version="${version#v}"
  version="${version%%.*}"
  [[ "$version" =~ ^[0-9]+$ ]] && echo "$version" || echo 0
}

# A Node installed here by an earlier run serves again.
if (($(node_major) < NODE_MAJOR)) && (($(node_major "$node_dir/node_modules/.bin/node") >= NODE_MAJOR)); then
  export PATH="$node_dir/node_modules/.bin:$PATH"
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
fc-list 2>/dev/null | grep -q "Noto Naskh Arabic" || missing+=(fonts-noto-core)
fc-list 2>/dev/null | grep -qi amiri || missing+=(fonts-hosny-amiri)
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing+=(fonts-noto-cjk)
# The HTML checker (vnu.jar) runs on Java; installed before the Node packages, so that
# vnu-jar's install step finds it instead of downloading a runtime.
command -v java >/dev/null || missing+=(default-jre-headless)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if (($(node_major) < NODE_MAJOR)); then
  echo "node $(node --version 2>/dev/null || echo '(none)') is older than $NODE_MAJOR:" \
    "installing Node $NODE_MAJOR into $node_dir" >&2
  npm install --prefix "$node_dir" --no-audit --no-fund --no-update-notifier --loglevel=error "node@$NODE_MAJOR" >&2
  export PATH="$node_dir/node_modules/.bin:$PATH"
  hash -r
  if (($(node_major) < NODE_MAJOR)); then
    echo "could not get Node $NODE_MAJOR or newer: node on PATH is $(node --version 2>/dev/null)" >&2
    exit 1
  fi
fi
echo "node $(node --version), npm $(npm --version)" >&2

npm ci --prefix tests/browser --no-audit --no-fund

cargo test --features browser-tests "$@"
