#!/usr/bin/env bash
# Every test, the browser ones included: installs what the browser tests need when it is
# missing (Debian's Chromium, the Arabic and CJK fonts, Java for the HTML checker, Node.js and
# the test's Node packages; apt-get needs root), then runs `cargo test --features browser-tests`.
# `cargo test` alone runs every test that needs nothing but Rust.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
fc-list 2>/dev/null | grep -q "Noto Naskh Arabic" || missing+=(fonts-noto-core)
fc-list 2>/dev/null | grep -qi amiri || missing+=(fonts-hosny-amiri)
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing+=(fonts-noto-cjk)
# The HTML checker (vnu.jar) runs on Java; installed before the Node packages, so that
# vnu-jar's install step finds it instead of downloading a runtime.
command -v java >/dev/null || missing+=(default-jre-headless)
command -v node >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
npm ci --prefix tests/browser --no-audit --no-fund

cargo test --features browser-tests "$@"
