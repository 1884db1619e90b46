#!/usr/bin/env bash
# The Debian packages the Node suite runs (npm test calls this before it): the browser for the embed tests,
# the validators, and the real feed readers of the client matrix. One dpkg-query when all are present;
# otherwise apt-get installs the missing ones when we are root (CI, the workplace's machines), or one message
# says which command to run. Usage: bash scripts/test-deps.sh
set -euo pipefail

packages=(
  chromium           # embed widget tests (playwright-core drives Debian's browser; no browser download)
  libxml2-utils      # xmllint: well-formedness
  jing               # RFC 4287 RELAX NG grammar
  python3-feedparser # Python feedparser, a client of the matrix and the bozo check
  python3-libxml2 python3-html5lib python3-rdflib # the W3C feed validator's engine (../shared/tools)
  newsboat           # a terminal reader, run with -x reload; its cache is read with Python's sqlite3
  sfeed              # a minimal reader: XML on stdin, TSV out
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "test-deps: not a Debian system; the Node suite needs the equivalents of: ${packages[*]}" >&2
  exit 0
fi

# One query for all; a package dpkg has never heard of is simply not listed, so it counts as missing too.
installed=" $(dpkg-query -W -f='${db:Status-Status}:${Package} ' "${packages[@]}" 2>/dev/null || true) "
missing=()
for p in "${packages[@]}"; do
  [[ "$installed" == *" installed:$p "* ]] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "test-deps: the Node suite needs Debian packages that are missing. Install them, then run npm test again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
