#!/usr/bin/env bash
# Makes sure /usr/bin/chromium exists for the explorer's browser test: installs Debian's `chromium` package when
# missing (root with apt-get only). Idempotent. Elsewhere it says how, and the test skips (it fails under CI=true).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then exit 0; fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup-chromium: /usr/bin/chromium missing; installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  if [ -x /usr/bin/chromium ]; then exit 0; fi
  echo "setup-chromium: chromium installed but /usr/bin/chromium is missing" >&2
  exit 1
fi

cat >&2 <<MSG
setup-chromium: /usr/bin/chromium is missing, and this script installs it only as root with apt-get.
As root on Debian: apt-get install -y chromium
The explorer's browser test skips without it (it fails under CI=true).
MSG
exit 0
