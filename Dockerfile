# Dockerfile - lede as a container: `docker build -t lede . && docker run -p 8080:8080 lede`
#
# Two stages on debian:bookworm-slim: "build" has the compiler and -dev
# packages and runs make; the runtime stage gets only the shared libraries
# the binary links against (checked with ldd below), CA certificates for
# https fetches, curl for the HEALTHCHECK, and runs as a non-root user.
# Configure with LEDE_* environment variables (see `lede serve --help`),
# e.g. -e LEDE_THREADS=4 -e LEDE_CACHE_SIZE=512M.

# Keep the two package lists in step with PKGS in the Makefile (-dev here,
# the runtime library below); the ldd check catches a missing runtime one.
FROM debian:bookworm-slim AS build
RUN apt-get -o Acquire::Languages=none update \
 && apt-get install -y --no-install-recommends \
      gcc libc6-dev make pkg-config \
      libxml2-dev libmicrohttpd-dev libjansson-dev libcurl4-openssl-dev \
      libuchardet-dev libutf8proc-dev zlib1g-dev libbrotli-dev libhiredis-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# Only the binary: tests and benchmarks are CI's job, not the image's.
RUN make -j"$(nproc)" BUILD=build build/lede \
 && strip build/lede \
 && ./build/lede --version

FROM debian:bookworm-slim
RUN apt-get -o Acquire::Languages=none update \
 && apt-get install -y --no-install-recommends \
      libxml2 libmicrohttpd12 libjansson4 libcurl4 libuchardet0 libutf8proc2 \
      zlib1g libbrotli1 libhiredis0.14 ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin lede
COPY --from=build /src/build/lede /usr/local/bin/lede
# Fail the build, not the first request, if a runtime library is missing.
RUN if ldd /usr/local/bin/lede | grep -q 'not found'; then ldd /usr/local/bin/lede; exit 1; fi \
 && lede --version && curl --version >/dev/null
USER lede
ENV LEDE_PORT=8080 LEDE_BIND=0.0.0.0
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD curl -fsS --max-time 2 "http://127.0.0.1:${LEDE_PORT}/healthz" || exit 1
# lede handles SIGTERM itself (graceful drain), also as PID 1.
CMD ["lede", "serve"]
