#!/usr/bin/env python3
"""soak.py - keep the real `lede serve` busy with mixed traffic for minutes.

`make test` proves each behaviour once; this proves the service stays well
over time under a mix of good and hostile requests: no crash, no 500, every
answer JSON, memory and file descriptors flat once the caches are full, and
a clean SIGTERM exit at the end. Run it with `make soak` (SOAK_SECONDS,
SOAK_CLIENTS; SOAK_BIN=build-asan/lede after `make asan` for a sanitizer
soak, which also fails on any ASan/UBSan/LSan report).

Everything talks to loopback only: lede on 127.0.0.1:<ephemeral> and the
misbehaving upstream from tests/server/upstream.py on another ephemeral
port (lede runs with --allow-private-networks so /article can reach it).
Every client loop is bounded by the deadline and every request by a
timeout. Standard library only.

Exit status 0 when every check holds, 1 otherwise; the report (stdout, and
--json FILE) gives the request mix, statuses, latencies per kind, request
rate, and the server's RSS, threads and open descriptors over time.
"""
import argparse
import http.client
import json
import os
import random
import socket
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
sys.path.insert(0, os.path.join(ROOT, "tests", "server"))

import harness  # noqa: E402  (path set above)
from lede_server import Lede  # noqa: E402
from upstream import Upstream  # noqa: E402

REQUEST_TIMEOUT = 20     # seconds per request; lede's own fetch timeout is lower
FETCH_TIMEOUT = "1.5"    # lede --fetch-timeout: slow upstream routes must end in 504 fast
MAX_BODY = 512 * 1024    # lede --max-body: small, so oversize bodies are cheap to send
CACHE_SIZE = "8M"        # lede --cache-size: small, so the cache fills and evicts early
SAMPLE_EVERY = 2.0       # seconds between samples of the server's RSS/fds/threads
WARMUP_SHARE = 0.5       # growth is judged on the second half only (caches full by then)
RSS_GROWTH_MAX_KB = 16 * 1024  # second-half RSS growth allowed (allocator noise, not a leak)
FD_SLACK = 16            # descriptors above the start count allowed at the end (idle)

JSON_TYPES = ("application/json", "application/problem+json")


def fixture_pages():
    """The fixture pages tests/ wrote (small, varied, all ours)."""
    d = os.path.join(ROOT, "tests", "fixtures")
    out = []
    for name in sorted(os.listdir(d)):
        if name.endswith(".html"):
            with open(os.path.join(d, name), "rb") as f:
                out.append(f.read())
    return out


def deep_page(depth):
    return b"<html><body>" + b"<div>" * depth + b"<p>deep text here</p>" + b"</div>" * depth + b"</body></html>"


def wide_page(paragraphs):
    p = b"<p>Soak paragraph with enough words to be scored as article text by lede.</p>\n"
    return b"<html><head><title>Wide</title></head><body><article>" + p * paragraphs + b"</article></body></html>"


# Each scenario: (name, weight, function(ctx, rng) -> (status, headers, body), allowed statuses)
class Ctx:
    def __init__(self, lede, up, pages):
        self.lede = lede
        self.up = up
        self.pages = pages
        self.deep = deep_page(20000)
        self.wide = wide_page(3000)
        self.big = b"<html><body><p>" + b"x" * (MAX_BODY + 1) + b"</p></body></html>"


def req(ctx, method, path, body=None, headers=None):
    return ctx.lede.request(method, path, body=body, headers=headers, timeout=REQUEST_TIMEOUT)


def html_post(ctx, body, query=""):
    return req(ctx, "POST", "/parse" + query, body, {"Content-Type": "text/html; charset=utf-8"})


def s_parse_fresh(ctx, rng):
    page = rng.choice(ctx.pages)
    # a nonce comment makes the body (and so the cache key) new every time
    nonce = b"<!-- soak %d -->" % rng.getrandbits(48)
    q = rng.choice(["", "?include=html,markdown", "?explain=true", "?fast=true", "?include_comments=true", "?format=markdown"])
    return html_post(ctx, page + nonce, q)


def s_parse_cached(ctx, rng):
    return html_post(ctx, ctx.pages[rng.randrange(8)])


def s_parse_json(ctx, rng):
    page = rng.choice(ctx.pages).decode("utf-8", "replace")
    body = json.dumps({"html": page, "url": "https://example.com/a/%d" % rng.getrandbits(32)})
    return req(ctx, "POST", "/parse", body.encode(), {"Content-Type": "application/json"})


def s_parse_bad_json(ctx, rng):
    body = rng.choice([b"{", b"[]", b'{"html": 5}', b'{"html": "<p>x</p>", "url": 7}', b"\xff\xfe{}", b""])
    return req(ctx, "POST", "/parse", body, {"Content-Type": "application/json"})


def s_parse_bad_type(ctx, rng):
    return req(ctx, "POST", "/parse", b"a=b", {"Content-Type": "application/x-www-form-urlencoded"})


def s_parse_oversize(ctx, rng):
    return html_post(ctx, ctx.big)


def s_parse_deep(ctx, rng):
    return html_post(ctx, ctx.deep + b"<!-- %d -->" % rng.getrandbits(32))


def s_parse_wide(ctx, rng):
    return html_post(ctx, ctx.wide + b"<!-- %d -->" % rng.getrandbits(32))


def s_parse_garbage(ctx, rng):
    n = rng.randrange(1, 4096)
    return html_post(ctx, bytes(rng.getrandbits(8) for _ in range(n)))


def s_bad_option(ctx, rng):
    return html_post(ctx, ctx.pages[0], rng.choice(["?include=nope", "?reference_date=yesterday", "?fast=maybe"]))


def article(ctx, path):
    return req(ctx, "GET", "/article?url=" + urllib.parse.quote(ctx.up.url(path), safe=""))


def s_article_ok(ctx, rng):
    return article(ctx, "/page/article?n=%d" % rng.randrange(200))


def s_article_hostile(ctx, rng):
    return article(ctx, rng.choice([
        "/slow-headers?delay=4", "/hang", "/redirect-loop", "/redirect/3", "/status/500", "/status/404",
        "/big?size=20000000", "/lie-length?size=200000", "/gzip-bomb?size=67108864", "/gzip", "/br",
        "/charset/windows-1251", "/charset/shift_jis", "/empty", "/type/image/png", "/no-type",
        "/redirect-to?url=file%3A%2F%2F%2Fetc%2Fpasswd"]))


def s_article_bad_url(ctx, rng):
    u = rng.choice(["", "notaurl", "ftp://127.0.0.1/x", "http://", "http://[::1"])
    return req(ctx, "GET", "/article?url=" + urllib.parse.quote(u, safe=""))


def s_ops(ctx, rng):
    return req(ctx, "GET", rng.choice(["/healthz", "/readyz", "/version", "/metrics", "/nope"]))


def s_abort(ctx, rng):
    """A client that sends half a request and hangs up."""
    s = socket.create_connection(("127.0.0.1", ctx.lede.port), timeout=REQUEST_TIMEOUT)
    try:
        s.sendall(b"POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<p>half")
    finally:
        s.close()
    return None, {}, b""


OK = {200}
PROBLEM_4XX = {400, 404, 405, 406, 413, 415, 422}
FETCH_ERR = {200, 400, 403, 404, 415, 422, 451, 502, 504}
SCENARIOS = [
    ("parse-fresh", 30, s_parse_fresh, OK),
    ("parse-cached", 15, s_parse_cached, OK),
    ("parse-json", 8, s_parse_json, OK),
    ("parse-bad-json", 5, s_parse_bad_json, {400, 415}),
    ("parse-bad-type", 3, s_parse_bad_type, {415}),
    ("parse-oversize", 2, s_parse_oversize, {413}),
    ("parse-deep", 2, s_parse_deep, OK | {422}),  # past the parser's depth cap: 422 by design
    ("parse-wide", 2, s_parse_wide, OK),
    ("parse-garbage", 5, s_parse_garbage, OK | {422}),
    ("bad-option", 3, s_bad_option, {400}),
    ("article-ok", 10, s_article_ok, OK),
    ("article-hostile", 6, s_article_hostile, FETCH_ERR),
    ("article-bad-url", 3, s_article_bad_url, {400, 422}),
    ("ops", 4, s_ops, {200, 404}),
    ("client-abort", 2, s_abort, {None}),
]
# Whatever the scenario, overload answers are allowed (they are the design).
ALWAYS_OK = {503, 429}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.kinds = {}
        self.failures = []

    def add(self, kind, status, sec, problem=None):
        with self.lock:
            k = self.kinds.setdefault(kind, {"n": 0, "status": {}, "lat": []})
            k["n"] += 1
            key = str(status)
            k["status"][key] = k["status"].get(key, 0) + 1
            k["lat"].append(sec)
            if problem and len(self.failures) < 50:
                self.failures.append("%s: %s" % (kind, problem))


def check(status, headers, body, allowed, path_kind):
    """None when the answer is acceptable, else what is wrong."""
    if status not in allowed and status not in ALWAYS_OK:
        return "status %s not in %s: %r" % (status, sorted(map(str, allowed)), body[:200])
    if status is None or path_kind == "ops":
        return None
    ctype = headers.get("content-type", "").split(";")[0].strip()
    if status == 200 and ctype == "text/markdown":  # ?format=markdown asked for it
        return None  # (empty for a listing page: there is no article text)
    if status != 304 and ctype not in JSON_TYPES:
        return "status %s with content-type %r" % (status, ctype)
    try:
        json.loads(body)
    except ValueError:
        return "status %s body is not JSON: %r" % (status, body[:200])
    return None


def client(ctx, stats, deadline, seed):
    rng = random.Random(seed)
    weights = [w for _, w, _, _ in SCENARIOS]
    while time.monotonic() < deadline:
        name, _, fn, allowed = rng.choices(SCENARIOS, weights)[0]
        t0 = time.monotonic()
        try:
            status, headers, body = fn(ctx, rng)
            problem = check(status, headers, body, allowed, name)
        except (ConnectionError, socket.timeout, http.client.HTTPException, OSError) as e:
            # lede may close an oversize upload before it is fully sent
            status, problem = "conn-error", (None if name == "parse-oversize" else repr(e))
        stats.add(name, status, time.monotonic() - t0, problem)


def proc_sample(pid):
    out = {"t": time.monotonic()}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    out["rss_kb"] = int(line.split()[1])
                elif line.startswith("Threads:"):
                    out["threads"] = int(line.split()[1])
        out["fds"] = len(os.listdir("/proc/%d/fd" % pid))
    except OSError:
        out["gone"] = True
    return out


def sanitized(binary):
    """True for an AddressSanitizer build (its runtime symbols are linked in)."""
    try:
        with open(binary, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


def pct(xs, p):
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100.0 * len(xs)))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lede", default=harness.LEDE, help="lede binary (default build/lede)")
    ap.add_argument("--seconds", type=float, default=120, help="how long to load the server")
    ap.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    ap.add_argument("--threads", default="2", help="lede --threads")
    ap.add_argument("--seed", type=int, default=1, help="traffic mix seed")
    ap.add_argument("--json", help="write the report as JSON here too")
    a = ap.parse_args()
    harness.LEDE = a.lede

    pages = fixture_pages()
    if len(pages) < 8:
        print("soak: need the fixture pages in tests/fixtures", file=sys.stderr)
        return 1
    stats = Stats()
    samples = []
    checks = []
    with Upstream() as up:
        up.prepare_bomb("gzip", 67108864)
        lede = Lede("--allow-private-networks", "--fetch-timeout", FETCH_TIMEOUT, "--max-body", str(MAX_BODY),
                    "--cache-size", CACHE_SIZE, "--quiet", threads=a.threads)
        try:
            ctx = Ctx(lede, up, pages)
            pid = lede.proc.pid
            start = proc_sample(pid)
            t0 = time.monotonic()
            deadline = t0 + a.seconds
            workers = [threading.Thread(target=client, args=(ctx, stats, deadline, a.seed * 1000 + i), daemon=True)
                       for i in range(a.clients)]
            for w in workers:
                w.start()
            while time.monotonic() < deadline and lede.proc.poll() is None:
                time.sleep(min(SAMPLE_EVERY, max(0.0, deadline - time.monotonic())))
                samples.append(proc_sample(pid))
            for w in workers:
                w.join(REQUEST_TIMEOUT + 10)
            elapsed = time.monotonic() - t0
            stuck = sum(w.is_alive() for w in workers)
            checks.append(("clients finished", stuck == 0, "%d still running" % stuck))
            alive = lede.proc.poll() is None
            checks.append(("server alive at the end", alive, "exit %s" % lede.proc.returncode))
            if alive:
                st, _, _ = lede.get("/healthz")
                checks.append(("healthz after the soak", st == 200, "status %d" % st))
                time.sleep(1.5)  # let aborted and idle connections close
                idle = proc_sample(pid)
                checks.append(("descriptors back to idle", idle.get("fds", 1 << 30) <= start["fds"] + FD_SLACK,
                               "start %s, idle %s" % (start.get("fds"), idle.get("fds"))))
        finally:
            rc = lede.stop()
        checks.append(("clean SIGTERM exit", rc == 0, "exit code %s" % rc))
        bad = lede.sanitizer_reports()
        checks.append(("no sanitizer reports", not bad, "\n".join(bad[:10])))

    rss = [s["rss_kb"] for s in samples if "rss_kb" in s]
    half = rss[int(len(rss) * WARMUP_SHARE):] if rss else []
    growth = (max(half) - half[0]) if len(half) > 1 else 0
    if sanitized(a.lede):
        # ASan holds freed memory in quarantine (256 MB by default), so RSS
        # climbs without a leak; LeakSanitizer checks for leaks at exit.
        checks.append(("RSS (not judged: sanitizer build, LSan at exit instead)", True, ""))
    else:
        checks.append(("RSS flat in the second half", growth <= RSS_GROWTH_MAX_KB,
                       "grew %d KB (limit %d)" % (growth, RSS_GROWTH_MAX_KB)))
    nfail = len(stats.failures)
    checks.append(("every answer expected and JSON", nfail == 0, "\n  ".join(stats.failures[:20])))

    total = sum(k["n"] for k in stats.kinds.values())
    report = {
        "seconds": round(elapsed, 1), "clients": a.clients, "lede_threads": a.threads,
        "requests": total, "requests_per_s": round(total / max(elapsed, 1e-9), 1),
        "rss_kb": {"start": start.get("rss_kb"), "max": max(rss) if rss else None,
                   "end": rss[-1] if rss else None, "second_half_growth": growth},
        "threads_max": max((s.get("threads", 0) for s in samples), default=None),
        "fds_max": max((s.get("fds", 0) for s in samples), default=None),
        "kinds": {n: {"n": k["n"], "status": k["status"], "p50_ms": round(pct(k["lat"], 50) * 1000, 1),
                      "p99_ms": round(pct(k["lat"], 99) * 1000, 1)} for n, k in sorted(stats.kinds.items())},
        "checks": {n: ok for n, ok, _ in checks},
    }
    print("soak: %d requests in %.0f s (%.1f/s), %d clients, lede --threads %s" %
          (total, elapsed, report["requests_per_s"], a.clients, a.threads))
    print("  %-16s %7s %9s %9s  statuses" % ("kind", "n", "p50 ms", "p99 ms"))
    for n, k in report["kinds"].items():
        print("  %-16s %7d %9.1f %9.1f  %s" % (n, k["n"], k["p50_ms"], k["p99_ms"],
                                              " ".join("%s:%d" % x for x in sorted(k["status"].items()))))
    r = report["rss_kb"]
    print("  server RSS KB: start %s, max %s, end %s, second-half growth %s; threads max %s; fds max %s" %
          (r["start"], r["max"], r["end"], r["second_half_growth"], report["threads_max"], report["fds_max"]))
    ok = True
    for n, good, detail in checks:
        print("  [%s] %s%s" % ("ok" if good else "FAIL", n, "" if good else ": " + detail))
        ok = ok and good
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)
    print("soak: %s" % ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
