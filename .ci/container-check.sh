#!/usr/bin/env bash
# .ci/container-check.sh - build the repository's Dockerfile for real and
# check that the image serves GET /healthz, as a non-root user, and exits
# cleanly on SIGTERM. Wraps ../shared/tools/container-check.sh (podman +
# a local debian:bookworm-slim made with mmdebstrap; no Docker daemon, no
# Docker Hub). Called by .ci/run; runnable alone from the repository root.
#
# The container shares the host network (the tool's default), so it listens
# on an unusual port, on loopback only, to stay clear of a `make run` on
# :8080. Override with LEDE_CC_PORT.
#
# Cost: a cold run makes the base image with mmdebstrap and apt-gets both
# stages from the Debian mirror: ~18 min here (11.5 of them mmdebstrap).
# So the podman state is kept (CC_KEEP=1) in CC_WORK: later runs reuse the
# base image and the apt layers and only redo `COPY . .` + make (~1-2 min).
# CC_KEEP=0 gives a from-scratch run that cleans up after itself.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${LEDE_CC_TOOL:-../shared/tools/container-check.sh}
port=${LEDE_CC_PORT:-18088}
export CC_KEEP=${CC_KEEP:-1}
export CC_WORK=${CC_WORK:-/var/tmp/lede-container-check}
[ -f "$tool" ] || { echo "container-check: $tool not found" >&2; exit 1; }

# Preflight, seconds instead of a long failed build: each pkg-config module
# the Makefile links (PKGS) needs its -dev package in the Dockerfile's build
# stage. (Runtime libraries are checked by ldd inside the image.)
missing=""
for pc in $(sed -n 's/^PKGS *= *//p' Makefile); do
    dev=$(dpkg -S "$(pkg-config --variable=pcfiledir "$pc" 2>/dev/null)/$pc.pc" 2>/dev/null |
          cut -d: -f1)
    [ -n "$dev" ] || continue # not resolvable on this host: the build will tell
    grep -qw -- "$dev" Dockerfile || missing="$missing $dev"
done
if [ -n "$missing" ]; then
    echo "container-check: the Dockerfile lacks$missing (needed by PKGS in the Makefile)" >&2
    exit 1
fi
t0=$(date +%s)
# --format docker: the OCI image format has no HEALTHCHECK; keep ours.
CC_PORT=$port \
CC_PATH=/healthz \
CC_EXPECT='"status":"ok"' \
CC_NONROOT=1 \
CC_BUILD_ARGS="--format docker ${CC_BUILD_ARGS:-}" \
CC_RUN_ARGS="-e LEDE_PORT=$port -e LEDE_BIND=127.0.0.1 ${CC_RUN_ARGS:-}" \
    bash "$tool" .
echo "container-check: $(( $(date +%s) - t0 ))s"
