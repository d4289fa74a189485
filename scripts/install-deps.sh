#!/bin/sh
# install-deps.sh - install the Debian packages lede needs to build, test and
# run. Idempotent: does nothing when everything is present. Needs root (or
# sudo) only when something is missing.
set -eu
PKGS="build-essential pkg-config libxml2-dev libmicrohttpd-dev libjansson-dev
libcurl4-openssl-dev libuchardet-dev libutf8proc-dev libcmocka-dev zlib1g-dev
libbrotli-dev libhiredis-dev python3 python3-yaml curl cmark cmark-gfm valgrind redis-server"
# The browser suite (tests/browser) installs chromium, nodejs/npm and
# playwright-core itself when missing: npm is left out here because Debian's
# npm conflicts with the NodeSource nodejs some machines carry.
if [ "${LEDE_DEPS_EXTRA:-}" != "" ]; then PKGS="$PKGS $LEDE_DEPS_EXTRA"; fi
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >&2
