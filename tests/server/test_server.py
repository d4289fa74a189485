"""test_server.py - the HTTP service end to end: the real `lede serve` on an
ephemeral loopback port (--port 0, the port read from its "listening" log
line), a real upstream on loopback for /article (tests/server/upstream.py),
and plain http.client requests.

Covered: every endpoint and documented status (200, 304, 400, 404, 405,
413, 415, 422, 429, 502, 503, 504), problem+json bodies, options, the cache
(miss, hit, ETag/304, no-cache bypass, TTL expiry), single flight under a
stampede, the bounded queue (503 + Retry-After), per-client rate limits
(429 + Retry-After), SIGTERM drain, metrics,
the access log and configuration from flags and environment.
Every wait is bounded.
"""
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from harness import test  # noqa: E402
from upstream import Upstream  # noqa: E402
from lede_server import Lede  # noqa: E402

STOP_TIMEOUT = 15      # seconds for lede serve to exit after SIGTERM
REQUEST_TIMEOUT = 30   # seconds per HTTP request

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Server test page</title><meta name="author" content="Grace Tester"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Server test page</h1>
<p>This page is posted to the parse endpoint by the server tests. It carries
enough words in its paragraphs for the extractor to choose it as the main
content of the document, and the word quokkaphant marks it.</p>
<p>A second paragraph adds more text so the article is not thin, talking about
caches, worker pools, queues and the way a service drains on shutdown.</p>
</article><footer>footer text</footer></body></html>
"""


def q(url):
    return urllib.parse.quote(url, safe="")


def problem(status, headers, body, want):
    assert status == want, "status %d, want %d: %r" % (status, want, body[:300])
    assert headers["content-type"] == "application/problem+json", headers
    p = json.loads(body)
    for k in ("type", "title", "status", "detail"):
        assert k in p, p
    assert p["status"] == want, p
    return p


def parallel(fns, timeout=REQUEST_TIMEOUT + 10):
    """Run callables in threads; their results (or exceptions) in order."""
    out = [None] * len(fns)

    def run(i, f):
        try:
            out[i] = f()
        except Exception as e:  # noqa: BLE001 - reported by the caller
            out[i] = e

    ts = [threading.Thread(target=run, args=(i, f), daemon=True) for i, f in enumerate(fns)]
    for t in ts:
        t.start()
    deadline = time.monotonic() + timeout
    for t in ts:
        t.join(max(0.1, deadline - time.monotonic()))
    return out


SRV = None   # shared server for the tests that need no special flags
UP = None    # shared upstream


def srv():
    global SRV, UP
    if SRV is None:
        UP = Upstream().start()
        SRV = Lede("--allow-private-networks", "--fetch-timeout", "1.5")
    return SRV


# ---------------------------------------------------------------- plain ones
@test
def health_ready_version():
    s = srv()
    st, h, b = s.get("/healthz")
    assert st == 200 and json.loads(b)["status"] == "ok", b
    st, h, b = s.get("/readyz")
    assert st == 200 and json.loads(b)["status"] == "ready", b
    st, h, b = s.get("/version")
    v = json.loads(b)
    assert st == 200 and v["name"] == "lede" and v["version"], v
    st, h, b = s.request("HEAD", "/healthz")
    assert st == 200 and b == b"", (st, b)


@test
def openapi_served():
    st, h, b = srv().get("/openapi.yaml")
    assert st == 200 and h["content-type"].startswith("application/yaml"), h
    text = b.decode()
    assert text.startswith("openapi: 3.1"), text[:40]
    for path in ("/parse:", "/article:", "/healthz:", "/readyz:", "/metrics:", "/version:"):
        assert path in text, path
    try:  # full validation where the validator is installed (not a dependency)
        import yaml
        from openapi_spec_validator import validate
    except ImportError:
        return
    validate(yaml.safe_load(text))


@test
def not_found_404():
    problem(*srv().get("/no/such/thing"), 404)


@test
def method_not_allowed_405():
    s = srv()
    st, h, b = s.get("/parse")
    problem(st, h, b, 405)
    assert h["allow"] == "POST", h
    st, h, b = s.request("DELETE", "/article?url=x")
    problem(st, h, b, 405)
    assert h["allow"] == "GET, HEAD", h
    st, h, b = s.post("/healthz", b"x")
    assert st == 405 and "GET" in h["allow"], (st, h)


# -------------------------------------------------------------------- /parse
@test
def parse_html_200_and_cache_headers():
    s = srv()
    body = PAGE.replace("quokkaphant", "quokkaphant-%d" % time.monotonic_ns()).encode()
    st, h, b = s.post("/parse?url=" + q("https://example.org/news/1"), body)
    assert st == 200, (st, b[:300])
    assert h["content-type"] == "application/json", h
    a = json.loads(b)
    assert a["title"] == "Server test page", a
    assert "quokkaphant" in a["text"], a["text"]
    assert a["url"] == "https://example.org/news/1", a
    assert h["x-cache"] == "MISS" and h["etag"].startswith('"'), h
    st2, h2, b2 = s.post("/parse?url=" + q("https://example.org/news/1"), body)
    assert st2 == 200 and h2["x-cache"] == "HIT" and b2 == b, (st2, h2)
    assert h2["etag"] == h["etag"] and int(h2["age"]) >= 0, h2
    # different options: a different entry
    st3, h3, b3 = s.post("/parse?format=text&url=" + q("https://example.org/news/1"), body)
    assert st3 == 200 and h3["x-cache"] == "MISS", h3
    assert h3["content-type"].startswith("text/plain"), h3
    assert "quokkaphant" in b3.decode() and not b3.startswith(b"{"), b3[:100]


@test
def parse_charset_parameter():
    s = srv()
    text = "Café déjà vu, naïve façade, Ærøskøbing. " * 10
    html = ("<html><head><title>Latin page</title></head><body><article><p>%s</p><p>%s</p>"
            "</article></body></html>" % (text, text))
    st, h, b = s.post("/parse", html.encode("iso-8859-1"), "text/html; charset=ISO-8859-1")
    assert st == 200, b[:300]
    assert "Café déjà vu" in json.loads(b)["text"], b[:300]


@test
def parse_json_body():
    s = srv()
    body = json.dumps({"html": PAGE, "url": "https://example.org/j"}).encode()
    st, h, b = s.post("/parse", body, "application/json")
    assert st == 200, b[:300]
    a = json.loads(b)
    assert a["title"] == "Server test page" and a["url"] == "https://example.org/j", a
    # a page holding NUL bytes is valid JSON as \u0000 and reads as it does
    # posted as text/html (NULs dropped); a NUL in the URL is refused
    nul = PAGE.replace("quokkaphant", "quokka\u0000phant")
    st, h, b = s.post("/parse", json.dumps({"html": nul}).encode(), "application/json")
    assert st == 200, b[:300]
    assert "quokkaphant" in json.loads(b)["text"], b[:300]
    body = json.dumps({"html": PAGE, "url": "https://example.org/\u0000x"}).encode()
    p = problem(*s.post("/parse", body, "application/json"), 400)
    assert "NUL" in p["detail"], p


@test
def parse_invalid_json_400():
    s = srv()
    p = problem(*s.post("/parse", b'{"html": "<p>unterminated', "application/json"), 400)
    assert "JSON" in p["detail"], p
    problem(*s.post("/parse", b'["not", "an object"]', "application/json"), 400)
    problem(*s.post("/parse", b'{"url": "https://x.org/"}', "application/json"), 400)
    problem(*s.post("/parse", b'{"html": 42}', "application/json"), 400)
    problem(*s.post("/parse", b'{"html": "<p>x</p>", "url": 7}', "application/json"), 400)


@test
def parse_bad_options_400():
    s = srv()
    for qs in ("format=pdf", "mode=fast", "include=pdf", "explain=maybe", "include_tables=2",
               "fast=often", "reference_date=yesterday", "reference_date=2021-02-30",
               "reference_date=2021-09-28T25:00Z"):
        p = problem(*s.post("/parse?" + qs, PAGE.encode()), 400)
        assert p["type"].endswith("bad-parameter"), p


@test
def parse_options_change_output():
    s = srv()
    st, h, b = s.post("/parse?include=html,markdown&explain=true", PAGE.encode())
    assert st == 200, b[:300]
    a = json.loads(b)
    assert a.get("html") and a.get("markdown") is not None, list(a)
    st, h, b = s.post("/parse?format=markdown", PAGE.encode())
    assert st == 200 and h["content-type"].startswith("text/markdown"), h
    st, h, b = s.post("/parse?format=html", PAGE.encode())
    assert st == 200 and h["content-type"].startswith("text/html"), h
    st, h, b = s.post("/parse?pretty=1", PAGE.encode())
    assert st == 200 and b.startswith(b"{\n"), b[:20]
    st, h, plain = s.post("/parse?format=markdown", PAGE.encode())
    assert not plain.startswith(b"---\n")
    st, h, b = s.post("/parse?format=markdown&front_matter=1", PAGE.encode())
    assert st == 200 and b.startswith(b"---\n") and b"\ntitle: " in b, b[:200]
    assert h.get("x-cache") == "MISS", h  # its own cache entry


DATED_PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Neue Brücke eröffnet</title></head><body><article><h1>Neue Brücke eröffnet</h1>
<div class="post-date">vor 3 Tagen</div>
<p>Die neue Brücke über den Fluss ist seit dem Wochenende für Fußgänger und
Radfahrer geöffnet. Die Bauarbeiten hatten mehr als zwei Jahre gedauert.</p>
<p>Autos dürfen die Brücke nicht benutzen; für sie bleibt die alte Straße
im Süden der Stadt, die im kommenden Jahr erneuert werden soll.</p>
</article></body></html>
"""


@test
def parse_reference_date_and_fast():
    s = srv()
    # a relative date counts from the given moment, whatever today is
    st, h, b = s.post("/parse?reference_date=2021-10-01", DATED_PAGE.encode())
    assert st == 200, b[:300]
    assert json.loads(b)["date_published"] == "2021-09-28", b[:300]
    st, h, b = s.post("/parse?reference_date=2021-10-05T08:00:00%2B02:00", DATED_PAGE.encode())
    assert st == 200 and json.loads(b)["date_published"] == "2021-10-02", b[:300]
    assert h.get("x-cache") == "MISS", h  # another reference, another entry
    # fast: the running text is not searched for dates
    text_dated = DATED_PAGE.replace('<div class="post-date">vor 3 Tagen</div>\n<p>',
                                    "<p>Veröffentlicht am 28.09.2021. ")
    assert text_dated != DATED_PAGE
    st, h, b = s.post("/parse?reference_date=2021-10-01", text_dated.encode())
    assert st == 200 and json.loads(b)["date_published"] == "2021-09-28", b[:300]
    st, h, b = s.post("/parse?fast=1&reference_date=2021-10-01", text_dated.encode())
    assert st == 200 and json.loads(b)["date_published"] is None, b[:300]


@test
def parse_empty_body_400():
    problem(*srv().post("/parse", b""), 400)


@test
def parse_unsupported_media_type_415():
    s = srv()
    st, h, b = s.post("/parse", b"hello", "text/plain")
    problem(st, h, b, 415)
    problem(*s.post("/parse", b"a=b", "application/x-www-form-urlencoded"), 415)


@test
def parse_body_too_large_413():
    with Lede("--max-body", "4K") as s:
        big = b"<html><body><p>" + b"a" * 8000 + b"</p></body></html>"
        problem(*s.post("/parse", big), 413)
        # chunked: no Content-Length, the limit is found while reading
        c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=REQUEST_TIMEOUT)
        c.request("POST", "/parse", body=iter([big[:3000], big[3000:]]),
                  headers={"Content-Type": "text/html"}, encode_chunked=True)
        r = c.getresponse()
        data = r.read()
        c.close()
        problem(r.status, {k.lower(): v for k, v in r.getheaders()}, data, 413)
        # within the limit is fine
        st, h, b = s.post("/parse", PAGE.encode())
        assert st == 200, b[:200]


@test
def if_none_match_304():
    s = srv()
    body = PAGE.replace("quokkaphant", "etag-%d" % time.monotonic_ns()).encode()
    st, h, b = s.post("/parse", body)
    assert st == 200
    etag = h["etag"]
    st, h2, b2 = s.post("/parse", body, headers={"If-None-Match": etag})
    # POST is not a conditional GET: the full answer comes back
    assert st == 200 and b2 == b, st
    st, _, _ = SRV.get("/article?url=" + q(UP.url("/page/article")))
    assert st == 200
    st, h3, _ = SRV.get("/article?url=" + q(UP.url("/page/article")))
    st, h4, b4 = SRV.get("/article?url=" + q(UP.url("/page/article")),
                         headers={"If-None-Match": h3["etag"]})
    assert st == 304 and b4 == b"" and h4["etag"] == h3["etag"], (st, h4)
    st, _, _ = SRV.get("/article?url=" + q(UP.url("/page/article")),
                       headers={"If-None-Match": '"0000000000000000"'})
    assert st == 200, st


# ------------------------------------------------------------------ /article
@test
def article_200_cache_hit_and_bypass():
    s = srv()
    path = "/page/article?v=%d" % time.monotonic_ns()
    url = UP.url(path)
    before = UP.hits("/page/article")
    st, h, b = s.get("/article?url=" + q(url))
    assert st == 200, b[:300]
    a = json.loads(b)
    assert "zebracorn" in a["text"] and a["title"] == "Upstream test article", a
    assert h["x-cache"] == "MISS", h
    st, h, b2 = s.get("/article?url=" + q(url))
    assert st == 200 and h["x-cache"] == "HIT" and b2 == b, h
    st, h, b3 = s.request("HEAD", "/article?url=" + q(url))
    assert st == 200 and b3 == b"" and h["x-cache"] == "HIT", (st, h)
    assert int(h["content-length"]) == len(b), h
    assert UP.hits("/page/article") == before + 1
    # normalised URL: same entry (host case, default port, fragment)
    loud = url.replace("127.0.0.1", "127.0.0.1") + "#frag"
    st, h, _ = s.get("/article?url=" + q(loud))
    assert st == 200 and h["x-cache"] == "HIT", h
    # the client says no-cache: fetched again
    st, h, _ = s.get("/article?url=" + q(url), headers={"Cache-Control": "no-cache"})
    assert st == 200 and h["x-cache"] == "MISS", h
    assert UP.hits("/page/article") == before + 2


@test
def article_missing_url_400():
    problem(*srv().get("/article"), 400)


@test
def article_bad_url_422():
    s = srv()
    for u in ("ftp://example.org/x", "not a url", "file:///etc/passwd", "http://"):
        problem(*s.get("/article?url=" + q(u)), 422)


@test
def article_upstream_status_502():
    p = problem(*srv().get("/article?url=" + q(UP.url("/status/404"))), 502)
    assert p.get("upstream_status") == 404, p
    p = problem(*srv().get("/article?url=" + q(UP.url("/status/500"))), 502)
    assert p.get("upstream_status") == 500, p


@test
def article_upstream_timeout_504():
    t0 = time.monotonic()
    problem(*srv().get("/article?url=" + q(UP.url("/slow-headers?delay=5"))), 504)
    assert time.monotonic() - t0 < 4.5, "--fetch-timeout 1.5 not applied"


@test
def article_not_html_422():
    problem(*srv().get("/article?url=" + q(UP.url("/type/application/pdf"))), 422)


@test
def article_ssrf_refused_by_default_422():
    with Lede() as s:  # no --allow-private-networks
        p = problem(*s.get("/article?url=" + q(UP.url("/page/article"))), 422)
        assert "blocked" in p["type"], p
        problem(*s.get("/article?url=" + q("http://169.254.169.254/latest/meta-data/")), 422)


@test
def cache_expiry_ttl():
    with Upstream() as up, Lede("--allow-private-networks", "--cache-ttl", "1") as s:
        u = "/article?url=" + q(up.url("/page/article"))
        assert s.get(u)[1]["x-cache"] == "MISS"
        assert s.get(u)[1]["x-cache"] == "HIT"
        time.sleep(1.3)
        st, h, _ = s.get(u)
        assert st == 200 and h["x-cache"] == "MISS", h
        assert up.hits("/page/article") == 2
        assert s.metric("lede_cache_expirations_total") >= 1


@test
def cache_disabled_size_zero():
    with Upstream() as up, Lede("--allow-private-networks", "--cache-size", "0") as s:
        u = "/article?url=" + q(up.url("/page/article"))
        assert s.get(u)[0] == 200 and s.get(u)[1]["x-cache"] == "MISS"
        assert up.hits("/page/article") == 2


@test(timeout=90)
def stampede_single_flight():
    n = 12
    with Upstream() as up, Lede("--allow-private-networks", "--fetch-timeout", "10") as s:
        u = "/article?url=" + q(up.url("/slow-headers?delay=1"))
        res = parallel([lambda: s.get(u) for _ in range(n)])
        for r in res:
            assert not isinstance(r, Exception), r
            assert r[0] == 200, r[:2]
        assert up.hits("/slow-headers") == 1, up.hits("/slow-headers")
        bodies = {r[2] for r in res}
        assert len(bodies) == 1
        assert s.metric("lede_cache_shared_total") >= 1
        # and later requests hit
        assert s.get(u)[1]["x-cache"] == "HIT"


@test(timeout=90)
def queue_full_503():
    # one worker, one queue slot: a third distinct slow request is refused
    with Upstream() as up, Lede("--allow-private-networks", "--queue", "1",
                                "--fetch-timeout", "10", threads="1") as s:
        urls = ["/article?url=" + q(up.url("/slow-headers?delay=2.5&n=%d" % i)) for i in range(4)]
        t0 = time.monotonic()

        def readyz_while_busy():
            # While the worker fetches and the one queue slot is taken,
            # readiness says 503; polled (not one fixed instant) so a slow
            # machine cannot miss the window.
            r = None
            deadline = time.monotonic() + 2.2
            time.sleep(0.2)
            while time.monotonic() < deadline:
                r = s.get("/readyz")
                if r[0] == 503:
                    break
                time.sleep(0.05)
            return r

        res = parallel([lambda u=u: s.get(u) for u in urls] + [readyz_while_busy])
        ready = res.pop()
        assert not isinstance(ready, Exception), ready
        problem(*ready, 503)  # readiness says "send traffic elsewhere"
        assert ready[1]["retry-after"] == "1", ready[1]
        statuses = sorted(r[0] for r in res if not isinstance(r, Exception))
        assert len(statuses) == 4, res
        assert statuses.count(503) >= 1 and statuses.count(200) >= 2, statuses
        for r in res:
            if r[0] == 503:
                problem(*r, 503)
                assert r[1]["retry-after"] == "1", r[1]
        rejected = s.metric("lede_queue_rejected_total")
        assert rejected >= 1, rejected
        assert time.monotonic() - t0 < 20


@test(timeout=60)
def sigterm_drains_in_flight():
    with Upstream() as up:
        s = Lede("--allow-private-networks", "--fetch-timeout", "10")
        u = "/article?url=" + q(up.url("/slow-headers?delay=1.5"))
        out = []
        t = threading.Thread(target=lambda: out.append(s.get(u)), daemon=True)
        t.start()
        deadline = time.monotonic() + 5
        while up.hits("/slow-headers") == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert up.hits("/slow-headers") == 1
        s.proc.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        # no new connections once draining
        refused = False
        try:
            s.get("/healthz", timeout=2)
        except ConnectionError:  # refused at once, not left in the backlog
            refused = True
        assert refused, "still accepting after SIGTERM"
        t.join(15)
        assert out and out[0][0] == 200, out
        assert "zebracorn" in json.loads(out[0][2])["text"]
        rc = s.proc.wait(STOP_TIMEOUT)
        assert rc == 0, rc
        s.stop()
        assert any('"event":"stopped"' in line for line in s.lines), s.lines[-3:]


@test(timeout=60)
def rate_limit_429():
    # 0.5 request/s with a burst of 3: three posts pass, the fourth in the
    # same two seconds is refused; probes are never limited; a token is back
    # after two seconds.
    with Lede("--rate-limit", "0.5", "--rate-burst", "3") as s:
        t0 = time.monotonic()
        for _ in range(3):
            assert s.post("/parse", PAGE.encode())[0] == 200
        st, h, b = s.post("/parse", PAGE.encode())
        assert time.monotonic() - t0 < 2, "too slow to test a 2 s refill"
        p = problem(st, h, b, 429)
        assert p["type"].endswith("rate-limited"), p
        assert 1 <= int(h["retry-after"]) <= 2, h
        assert s.get("/article?url=x")[0] == 429  # same client, same bucket
        for _ in range(5):
            assert s.get("/healthz")[0] == 200
        assert s.metric("lede_rate_limited_total") == 2
        time.sleep(2.1)
        assert s.post("/parse", PAGE.encode())[0] == 200
    r = subprocess.run([harness.LEDE, "serve", "--rate-limit", "-1"], capture_output=True,
                       timeout=10)
    assert r.returncode == 2 and b"--rate-limit" in r.stderr, r


# ------------------------------------------------------- metrics, log, config
@test
def metrics_exposition():
    s = srv()
    s.get("/healthz")
    s.post("/parse", PAGE.encode())
    s.get("/article?url=" + q(UP.url("/page/article")))
    st, h, b = s.get("/metrics")
    assert st == 200 and h["content-type"].startswith("text/plain"), h
    text = b.decode()
    for needle in ('lede_http_requests_total{route="healthz",status="200"}',
                   'lede_http_requests_total{route="parse",status="200"}',
                   'lede_http_request_duration_seconds_bucket{route="parse",le="+Inf"}',
                   "lede_cache_hits_total ", "lede_cache_misses_total ", "lede_cache_bytes ",
                   "lede_queue_depth ", 'lede_fetch_total{outcome="ok"}',
                   "# TYPE lede_http_requests_total counter"):
        assert needle in text, needle
    for line in text.splitlines():
        assert line.startswith("#") or line.startswith("lede_"), line


@test
def access_log_lines():
    s = srv()

    def healthz_entries():
        return [e for e in (json.loads(x) for x in list(s.lines) if x.startswith('{"time"'))
                if e["path"] == "/healthz"]
    # Earlier tests logged /healthz too (HEAD among them): wait for this
    # request's own line, not just any.
    before = len(healthz_entries())
    s.get("/healthz?probe=1")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len(healthz_entries()) <= before:
        time.sleep(0.05)
    entries = [json.loads(x) for x in list(s.lines) if x.startswith('{"time"')]
    e = healthz_entries()[-1]
    for k in ("method", "path", "status", "bytes", "duration_ms", "cache"):
        assert k in e, e
    assert e["method"] == "GET" and e["status"] == 200 and e["bytes"] > 0, e
    caches = {x["cache"] for x in entries if x["path"] in ("/parse", "/article")}
    assert "hit" in caches and "miss" in caches, caches


@test
def config_from_environment_and_flags():
    with Lede(env={"LEDE_MAX_BODY": "1K"}) as s:
        problem(*s.post("/parse", PAGE.encode() * 2), 413)
    with Lede("--max-body", "1M", env={"LEDE_MAX_BODY": "1K"}) as s:  # the flag wins
        assert s.post("/parse", PAGE.encode() * 2)[0] == 200
    r = subprocess.run([harness.LEDE, "serve", "--port", "abc"], capture_output=True, timeout=10)
    assert r.returncode == 2 and b"--port" in r.stderr, r
    r = subprocess.run([harness.LEDE, "serve", "--help"], capture_output=True, timeout=10)
    assert r.returncode == 0 and b"--allow-private-networks" in r.stdout, r
    assert b"LEDE_CACHE_TTL" in r.stdout


@test(timeout=60)
def aborted_requests_free_their_slots():
    """Clients that send half a request and hang up give their connection
    back at once, not after --idle-timeout: with 2 slots, 12 such clients in
    a row and then a real request must all go through well within the idle
    timeout (60 s here)."""
    import socket
    with Lede("--max-connections", "2", "--idle-timeout", "60") as s:
        halves = [
            b"POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\n"
            b"Content-Length: 100000\r\n\r\n<p>half a body",
            b"POST /parse HTTP/1.1\r\nHost: x\r\nContent-Ty",
        ]
        t0 = time.monotonic()
        for i in range(12):
            c = socket.create_connection(("127.0.0.1", s.port), timeout=10)
            c.sendall(halves[i % 2])
            c.close()
        ok = 0
        while time.monotonic() - t0 < 10 and not ok:
            try:
                st, _, b = s.request("POST", "/parse", PAGE.encode(), {"Content-Type": "text/html"}, timeout=2)
                ok = st == 200 and b"quokkaphant" in b
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
        assert ok, "a request after aborted clients did not get through in 10 s"


@test(timeout=60)
def body_total_budget_503():
    """--max-body-total caps the request bodies held at once: with two
    uploads in flight filling it, a third body (declared or chunked) gets
    503 + Retry-After; once they finish, bodies are accepted again."""
    import socket
    with Lede("--max-body", "64K", "--max-body-total", "128K") as s:
        page = PAGE.encode()
        body = page + b"<!--" + b"p" * (60000 - len(page) - 7) + b"-->"
        holders = []
        for _ in range(2):  # 40 KB of 60 KB sent: each holds a 64 KB buffer
            c = socket.create_connection(("127.0.0.1", s.port), timeout=10)
            c.sendall(b"POST /parse HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\n"
                      b"Content-Length: %d\r\n\r\n" % len(body) + body[:40000])
            holders.append(c)
        deadline = time.monotonic() + 10
        while s.metric("lede_request_body_bytes") < 128 * 1024 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert s.metric("lede_request_body_bytes") == 128 * 1024
        p = problem(*s.post("/parse", page), 503)
        assert "retry" in p["detail"]
        c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=REQUEST_TIMEOUT)
        c.request("POST", "/parse", body=iter([page[:300], page[300:]]),
                  headers={"Content-Type": "text/html"}, encode_chunked=True)
        r = c.getresponse()
        h = {k.lower(): v for k, v in r.getheaders()}
        problem(r.status, h, r.read(), 503)
        assert h["retry-after"] == "1"
        c.close()
        for c in holders:  # the held uploads finish and are answered
            c.sendall(body[40000:])
            head = c.recv(64)
            assert head.startswith(b"HTTP/1.1 200"), head
            c.close()
        deadline = time.monotonic() + 10
        while s.metric("lede_request_body_bytes") != 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert s.metric("lede_request_body_bytes") == 0
        assert s.metric("lede_body_rejected_total") == 2
        st, _, b = s.post("/parse", page)
        assert st == 200 and b"quokkaphant" in b


@test(timeout=60)
def zz_shared_server_exits_clean():
    """Last: the shared server drains, exits 0, and the sanitizers said nothing."""
    global SRV
    s = srv()
    rc = s.stop()
    SRV = None
    assert rc == 0, rc
    bad = s.sanitizer_reports()
    assert not bad, "\n".join(s.lines[-60:])


if __name__ == "__main__":
    try:
        harness.main()
    finally:
        if SRV:
            SRV.stop()
        if UP:
            UP.close()
