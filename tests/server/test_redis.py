"""test_redis.py - the shared second-level cache (--redis) end to end.

Real parts only, all on loopback: a real redis-server (its port picked by
binding a socket first, no persistence), two or three real `lede serve`
instances sharing it (--port 0), and the loopback upstream of upstream.py
for /article, which counts how often lede really fetched.

Covered: a result computed on replica A is a HIT on replica B (posted HTML
and fetched pages; body, type, ETag and Age carried; upstream hit once;
access log says "redis"), If-None-Match across replicas, TTL expiry across
replicas (and the PTTL Redis was given), the size cap, a damaged value,
no-cache refreshing Redis, Redis killed mid-run (fail open, errors counted,
quick answers), a Redis that accepts but never answers (timeouts), Redis
restarted (sharing resumes), bad settings, and the Kubernetes manifests of
deploy/k8s (consistent with each other and with `lede serve`). Every wait
is bounded.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from harness import test  # noqa: E402
from upstream import Upstream  # noqa: E402
import lede_server  # noqa: E402

START_TIMEOUT = 15     # seconds for lede serve / redis-server to come up
STOP_TIMEOUT = 15      # seconds for lede serve to exit after SIGTERM
REQUEST_TIMEOUT = 30   # seconds per HTTP request
FAIL_OPEN_MAX = 2.0    # seconds: a request while Redis is down/slow must be this quick
RESUME_MAX = 8.0       # seconds: backoff (2 s max) + margin before sharing resumes

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Shared cache page %(n)s</title><meta name="author" content="Rhea Dis"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Shared cache page %(n)s</h1>
<p>This page is posted to one replica and asked of another. It carries enough
words in its paragraphs for the extractor to choose it as the main content of
the document, and the word %(n)s marks this copy of it.</p>
<p>A second paragraph adds more text so the article is not thin, talking about
load balancers, replicas, second-level caches and keys that must be the same
in every process that shares them.</p>
</article><footer>footer text</footer></body></html>
"""


def page(n):
    return (PAGE % {"n": n}).encode("utf-8")


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def resp(port, *args, timeout=2):
    """One Redis command over a raw socket (RESP); returns the parsed reply."""
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(b"".join(parts))
        f = s.makefile("rb")
        return _resp_read(f)


def _resp_read(f):
    line = f.readline()
    if not line:
        raise ConnectionError("redis closed the connection")
    kind, rest = line[:1], line[1:-2]
    if kind == b"+":
        return rest.decode()
    if kind == b"-":
        raise RuntimeError(rest.decode())
    if kind == b":":
        return int(rest)
    if kind == b"$":
        n = int(rest)
        if n < 0:
            return None
        data = f.read(n + 2)
        return data[:-2]
    if kind == b"*":
        return [_resp_read(f) for _ in range(int(rest))]
    raise RuntimeError("bad RESP line %r" % line)


class Redis:
    """redis-server on 127.0.0.1:<free port>, no persistence; restartable
    on the same port."""

    def __init__(self, port=None):
        exe = shutil.which("redis-server")
        if not exe:
            raise RuntimeError("redis-server is not installed (scripts/install-deps.sh installs it)")
        self.exe = exe
        self.port = port or free_port()
        self.dir = tempfile.mkdtemp(prefix="lede-redis-")
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen(
            [self.exe, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.dir, "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                if resp(self.port, "PING", timeout=0.5) == "PONG":
                    return
            except (OSError, RuntimeError):
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.kill()
        raise RuntimeError("redis-server did not start on port %d" % self.port)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)

    def url(self):
        return "redis://127.0.0.1:%d" % self.port

    def keys(self, pattern="lede:v1:*"):
        return sorted(k.decode() for k in resp(self.port, "KEYS", pattern))

    def close(self):
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Lede(lede_server.Lede):
    """A replica: private networks allowed (the upstream is on loopback),
    and a clean exit asserted."""

    def __init__(self, *args, env=None, threads="2"):
        super().__init__("--allow-private-networks", *args, env=env, threads=threads)

    def log_cache(self, path_prefix):
        """The cache field of every access-log line whose path starts so."""
        out = []
        for line in list(self.lines):
            if line.startswith('{"time"'):
                rec = json.loads(line)
                if rec["path"].startswith(path_prefix):
                    out.append(rec["cache"])
        return out

    def wait_log(self, path_prefix, n, limit=5):
        """Access-log lines are written when a request completes, just after
        the client got its answer: wait (bounded) until n are there."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            got = self.log_cache(path_prefix)
            if len(got) >= n:
                return got
            time.sleep(0.02)
        return self.log_cache(path_prefix)

    def __exit__(self, *exc):
        rc = self.stop()
        if exc[0] is None:
            assert rc == 0, "lede serve exited %s: %s" % (rc, self.lines[-5:])
            assert not self.sanitizer_reports(), self.sanitizer_reports()


@test
def parse_result_shared_between_replicas():
    with Redis() as rd, Lede("--redis", rd.url()) as a, Lede("--redis", rd.url()) as b:
        body = page("wombatrix")
        st, ha, da = a.post("/parse?url=https://example.org/news/1", body)
        assert st == 200, (st, da)
        assert ha["x-cache"] == "MISS", ha
        st, hb, db = b.post("/parse?url=https://example.org/news/1", body)
        assert st == 200, (st, db)
        assert hb["x-cache"] == "HIT", hb
        assert db == da, "replica B must answer byte for byte what A computed"
        assert hb["etag"] == ha["etag"] and hb["content-type"] == ha["content-type"], (ha, hb)
        assert "wombatrix" in json.loads(db)["text"]
        # again on B: now from its own memory
        st, hb2, _ = b.post("/parse?url=https://example.org/news/1", body)
        assert st == 200 and hb2["x-cache"] == "HIT"
        assert a.wait_log("/parse", 1) == ["miss"], a.log_cache("/parse")
        assert b.wait_log("/parse", 2) == ["redis", "hit"], b.log_cache("/parse")
        assert b.metric("lede_redis_hits_total") == 1
        assert a.metric("lede_redis_misses_total") == 1
        assert a.metric("lede_redis_stores_total") == 1
        assert b.metric("lede_redis_errors_total") == 0
        assert b.metric("lede_redis_up") == 1 and b.metric("lede_redis_enabled") == 1
        # other options, other URL or other body: other keys
        st, h, _ = b.post("/parse?url=https://example.org/news/1&format=text", body)
        assert st == 200 and h["x-cache"] == "MISS", h
        st, h, _ = b.post("/parse?url=https://example.org/news/2", body)
        assert st == 200 and h["x-cache"] == "MISS", h
        st, h, _ = b.post("/parse?url=https://example.org/news/1", page("other"))
        assert st == 200 and h["x-cache"] == "MISS", h
        keys = rd.keys()
        assert len(keys) == 4, keys
        assert all(k.startswith("lede:v1:P|") for k in keys), keys


@test
def json_body_shared_between_replicas():
    with Redis() as rd, Lede("--redis", rd.url()) as a, Lede("--redis", rd.url()) as b:
        doc = json.dumps({"html": page("jsonbody").decode(), "url": "https://example.org/j"})
        st, ha, da = a.post("/parse", doc.encode(), ctype="application/json")
        assert st == 200 and ha["x-cache"] == "MISS", (st, ha, da)
        st, hb, db = b.post("/parse", doc.encode(), ctype="application/json")
        assert st == 200 and hb["x-cache"] == "HIT", (st, hb)
        assert db == da


@test
def article_fetched_once_for_all_replicas():
    with Redis() as rd, Upstream() as up, Lede("--redis", rd.url()) as a, \
            Lede("--redis", rd.url()) as b, Lede("--redis", rd.url()) as c:
        url = up.url("/page/article")
        st, ha, da = a.get("/article?url=" + url)
        assert st == 200 and ha["x-cache"] == "MISS", (st, ha, da)
        for inst in (b, c):
            st, h, d = inst.get("/article?url=" + url)
            assert st == 200 and h["x-cache"] == "HIT", (st, h)
            assert d == da and h["etag"] == ha["etag"]
        assert up.hits("/page/article") == 1, up.hits("/page/article")
        assert "zebracorn" in json.loads(da)["text"]
        # a conditional GET on another replica's ETag: 304 straight from Redis
        with Lede("--redis", rd.url()) as d4:
            st, h, body = d4.get("/article?url=" + url, headers={"If-None-Match": ha["etag"]})
            assert st == 304 and body == b"", (st, h)
        assert up.hits("/page/article") == 1
        # errors are not shared: a 404 upstream is fetched by each replica
        bad = up.url("/status/404")
        assert a.get("/article?url=" + bad)[0] == 502
        assert b.get("/article?url=" + bad)[0] == 502
        assert up.hits("/status/404") == 2
        assert rd.keys() == sorted(k for k in rd.keys() if k.startswith("lede:v1:A|"))


@test
def concurrent_requests_share_connections():
    """Many clients at once on two replicas with 4 workers each: the pooled
    connections are shared without errors, every answer is right."""
    with Redis() as rd, Lede("--redis", rd.url(), threads="4") as a, \
            Lede("--redis", rd.url(), threads="4") as b:
        names = ["conc%d" % i for i in range(12)]
        results = []
        lock = threading.Lock()

        def client(k):
            for j in range(8):
                name = names[(k * 5 + j) % len(names)]
                inst = a if k % 2 else b
                st, h, d = inst.post("/parse", page(name))
                with lock:
                    results.append((name, st, h.get("x-cache"), d))

        threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(REQUEST_TIMEOUT)
        assert len(results) == 64, len(results)
        bodies = {}
        for name, st, xc, d in results:
            assert st == 200 and xc in ("HIT", "MISS"), (name, st, xc)
            assert name in json.loads(d)["text"]
            assert bodies.setdefault(name, d) == d, "one page, one answer everywhere"
        for inst in (a, b):
            assert inst.metric("lede_redis_errors_total") == 0
        hits = a.metric("lede_redis_hits_total") + b.metric("lede_redis_hits_total")
        assert hits >= 1, "some pages computed on one replica were found by the other"
        assert len(rd.keys()) == len(names)


@test
def age_is_carried_across_replicas():
    with Redis() as rd, Upstream() as up, Lede("--redis", rd.url()) as a, \
            Lede("--redis", rd.url()) as b:
        url = up.url("/page/article")
        st, ha, _ = a.get("/article?url=" + url)
        assert st == 200 and ha["age"] == "0", ha
        time.sleep(2.2)
        st, hb, _ = b.get("/article?url=" + url)
        assert st == 200 and hb["x-cache"] == "HIT", hb
        assert int(hb["age"]) >= 2, hb


@test
def ttl_expiry_across_replicas():
    with Redis() as rd, Upstream() as up, Lede("--redis", rd.url(), "--cache-ttl", "2") as a, \
            Lede("--redis", rd.url(), "--cache-ttl", "2") as b:
        url = up.url("/page/article")
        assert a.get("/article?url=" + url)[1]["x-cache"] == "MISS"
        keys = rd.keys()
        assert len(keys) == 1, keys
        pttl = resp(rd.port, "PTTL", keys[0])
        assert 1000 < pttl <= 2000, pttl
        assert b.get("/article?url=" + url)[1]["x-cache"] == "HIT"
        assert up.hits("/page/article") == 1
        time.sleep(2.3)
        assert rd.keys() == [], "Redis must have expired the entry"
        st, h, _ = b.get("/article?url=" + url)
        assert st == 200 and h["x-cache"] == "MISS", h
        assert up.hits("/page/article") == 2
        # B's fresh result is shared again
        st, h, _ = a.get("/article?url=" + url)
        assert st == 200 and h["x-cache"] == "HIT", h
        assert up.hits("/page/article") == 2


@test
def large_results_stay_local():
    with Redis() as rd, Lede("--redis", rd.url(), "--redis-max-value", "200") as a, \
            Lede("--redis", rd.url(), "--redis-max-value", "200") as b:
        body = page("bigresult")
        assert a.post("/parse", body)[1]["x-cache"] == "MISS"
        assert a.post("/parse", body)[1]["x-cache"] == "HIT"  # still in A's memory
        assert b.post("/parse", body)[1]["x-cache"] == "MISS"
        assert rd.keys() == []
        assert a.metric("lede_redis_too_large_total") == 1


@test
def damaged_value_is_not_served():
    with Redis() as rd, Upstream() as up, Lede("--redis", rd.url()) as a:
        url = up.url("/page/article")
        _, ha, da = a.get("/article?url=" + url)
        (key,) = rd.keys()
        good = resp(rd.port, "GET", key)
        # same header, body changed: the ETag no longer matches
        resp(rd.port, "SET", key, good[:-10] + b"XXXXXXXXXX")
        with Lede("--redis", rd.url()) as b:
            st, h, d = b.get("/article?url=" + url)
            assert st == 200 and h["x-cache"] == "MISS" and d == da, (st, h)
            assert b.metric("lede_redis_errors_total") == 1
        fixed = resp(rd.port, "GET", key)
        assert fixed.startswith(b"LEDE1 ") and fixed.endswith(da), \
            "the recomputed result replaces the damaged one"
        resp(rd.port, "SET", key, b"not ours at all")
        with Lede("--redis", rd.url()) as c:
            st, h, d = c.get("/article?url=" + url)
            assert st == 200 and h["x-cache"] == "MISS" and d == da
        assert up.hits("/page/article") == 3


@test
def no_cache_refreshes_redis():
    with Redis() as rd, Upstream() as up, Lede("--redis", rd.url()) as a:
        url = up.url("/page/article")
        a.get("/article?url=" + url)
        (key,) = rd.keys()
        time.sleep(1.1)
        before = resp(rd.port, "GET", key)
        st, h, _ = a.get("/article?url=" + url, headers={"Cache-Control": "no-cache"})
        assert st == 200 and h["x-cache"] == "MISS"
        after = resp(rd.port, "GET", key)
        assert before != after, "the created time in Redis must be the refreshed one"
        assert a.metric("lede_redis_stores_total") == 2
        assert up.hits("/page/article") == 2


@test
def redis_killed_then_restarted():
    with Redis() as rd, Lede("--redis", rd.url()) as a, Lede("--redis", rd.url()) as b:
        assert a.post("/parse", page("before1"))[1]["x-cache"] == "MISS"
        assert b.post("/parse", page("before1"))[1]["x-cache"] == "HIT"
        rd.kill()
        # fail open: every request still answers, quickly, computed locally
        for i in range(6):
            t0 = time.monotonic()
            st, h, d = a.post("/parse", page("down%d" % i))
            dt = time.monotonic() - t0
            assert st == 200 and h["x-cache"] == "MISS", (st, h, d)
            assert dt < FAIL_OPEN_MAX, dt
            st, h, _ = b.post("/parse", page("down%d" % i))
            assert st == 200 and h["x-cache"] == "MISS", h
        # what is in memory is still served from memory
        assert a.post("/parse", page("before1"))[1]["x-cache"] == "HIT"
        for inst in (a, b):
            assert inst.metric("lede_redis_errors_total") >= 1
            assert inst.metric("lede_redis_up") == 0
        assert any('"event":"redis-down"' in x for x in a.lines), a.lines[-5:]
        assert a.get("/readyz")[0] == 200, "Redis down must not take replicas out of service"
        rd.start()  # same port, empty
        deadline = time.monotonic() + RESUME_MAX
        n = 0
        shared = False
        while time.monotonic() < deadline and not shared:
            n += 1
            body = page("after%d" % n)
            a.post("/parse", body)
            shared = b.post("/parse", body)[1]["x-cache"] == "HIT"
            if not shared:
                time.sleep(0.2)
        assert shared, "sharing did not resume within %.0f s" % RESUME_MAX
        assert a.metric("lede_redis_up") == 1
        assert any('"event":"redis-up"' in x for x in a.lines), a.lines[-5:]


@test
def restart_costs_no_request():
    """Idle connections to a restarted Redis are stale: the first command on
    one is retried on a fresh connection instead of failing."""
    with Redis() as rd, Lede("--redis", rd.url()) as a, Lede("--redis", rd.url()) as b:
        assert a.post("/parse", page("warm"))[1]["x-cache"] == "MISS"  # A and B now hold
        assert b.post("/parse", page("warm"))[1]["x-cache"] == "HIT"   # idle connections
        rd.kill()
        rd.start()
        assert a.post("/parse", page("fresh"))[1]["x-cache"] == "MISS"
        assert b.post("/parse", page("fresh"))[1]["x-cache"] == "HIT"
        assert a.metric("lede_redis_errors_total") == 0
        assert b.metric("lede_redis_errors_total") == 0


class SilentRedis:
    """A TCP listener that accepts connections and never answers."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.held = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stop.is_set():
            try:
                self.held.append(self.sock.accept()[0])
            except OSError:
                pass

    def url(self):
        return "redis://127.0.0.1:%d" % self.sock.getsockname()[1]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(2)
        for c in self.held:
            c.close()
        self.sock.close()


@test
def event_loop_never_waits_for_redis():
    """While a worker waits on a silent Redis (1 s timeout), the event loop
    keeps answering: health checks and first-level hits come at once."""
    with SilentRedis() as sr, Lede("--redis", sr.url(), "--redis-timeout", "1") as a:
        # fill the first level (this one waits out the Redis timeout)
        assert a.post("/parse", page("warm"))[0] == 200
        time.sleep(2.2)  # past the backoff: the next miss tries Redis again
        done = {}

        def slow():
            t0 = time.monotonic()
            done["status"] = a.post("/parse", page("slowmiss"))[0]
            done["dt"] = time.monotonic() - t0

        t = threading.Thread(target=slow)
        t.start()
        time.sleep(0.2)  # the miss is now waiting on Redis in a worker
        for _ in range(5):
            t0 = time.monotonic()
            assert a.get("/healthz")[0] == 200
            st, h, _ = a.post("/parse", page("warm"))
            assert st == 200 and h["x-cache"] == "HIT", h
            assert time.monotonic() - t0 < 0.3, time.monotonic() - t0
        t.join(10)
        assert done.get("status") == 200, done
        assert 0.9 < done["dt"] < 3, done


@test
def silent_redis_times_out():
    """A Redis address that accepts connections but never answers: every
    command must give up after --redis-timeout and the request go on."""
    with SilentRedis() as sr, Lede("--redis", sr.url(), "--redis-timeout", "0.05") as a:
        for i in range(4):
            t0 = time.monotonic()
            st, h, _ = a.post("/parse", page("silent%d" % i))
            dt = time.monotonic() - t0
            assert st == 200 and h["x-cache"] == "MISS", (st, h)
            assert dt < 1.0, dt
        assert a.metric("lede_redis_errors_total") >= 1
        assert a.metric("lede_redis_hits_total") == 0


@test
def settings_are_checked():
    for args, needle in ((["--redis", "http://127.0.0.1:6379"], "redis://"),
                         (["--redis", "redis://host:99999"], "--redis"),
                         (["--redis", "redis://"], "--redis"),
                         (["--redis-timeout", "0"], "--redis-timeout"),
                         (["--redis-max-value", "lots"], "--redis-max-value")):
        p = subprocess.run([harness.LEDE, "serve", "--port", "0"] + args,
                           capture_output=True, timeout=STOP_TIMEOUT)
        assert p.returncode == 2, (args, p.returncode, p.stderr)
        assert needle in p.stderr.decode(), (args, p.stderr)
    h = subprocess.run([harness.LEDE, "serve", "--help"], capture_output=True, timeout=10)
    out = h.stdout.decode()
    for flag in ("--redis URL", "LEDE_REDIS_URL", "--redis-timeout", "--redis-max-value"):
        assert flag in out, flag


@test
def environment_and_default_off():
    with Redis() as rd, Lede(env={"LEDE_REDIS_URL": rd.url() + "/3"}) as a:
        a.post("/parse", page("envurl"))
        info = resp(rd.port, "INFO", "keyspace").decode()
        assert "db3:keys=1," in info and "db0:" not in info, info
        assert any('"event":"redis"' in x and "/3" in x for x in a.lines), a.lines[:3]
        assert a.metric("lede_redis_stores_total") == 1
    with Lede() as off:
        assert off.post("/parse", page("off"))[0] == 200
        assert off.metric("lede_redis_enabled") == 0
        assert off.metric("lede_redis_errors_total") == 0


K8S = os.path.join(harness.ROOT, "deploy", "k8s")


def _k8s_docs():
    import yaml  # python3-yaml, from scripts/install-deps.sh
    docs = {}
    for name in sorted(os.listdir(K8S)):
        if name.endswith(".yaml") and name != "kustomization.yaml":
            with open(os.path.join(K8S, name)) as f:
                for d in yaml.safe_load_all(f):
                    if d:
                        docs[(d["kind"], d["metadata"]["name"])] = d
    return docs


@test
def k8s_manifests_are_consistent():
    """The manifests parse, and what they promise holds together: several
    replicas, probes on /readyz and /healthz, resources, non-root, the
    Services select the pods, LEDE_REDIS_URL names the Redis Service, and
    every LEDE_* variable is one `lede serve` knows."""
    docs = _k8s_docs()
    dep = docs[("Deployment", "lede")]
    svc = docs[("Service", "lede")]
    rdep = docs[("Deployment", "lede-redis")]
    rsvc = docs[("Service", "lede-redis")]
    assert dep["spec"]["replicas"] >= 2
    for d, s in ((dep, svc), (rdep, rsvc)):
        labels = d["spec"]["template"]["metadata"]["labels"]
        sel = d["spec"]["selector"]["matchLabels"]
        assert all(labels.get(k) == v for k, v in sel.items()), (sel, labels)
        assert all(labels.get(k) == v for k, v in s["spec"]["selector"].items()), s["spec"]
        pod = d["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] != 0
        for c in pod["containers"]:
            assert c["resources"]["requests"] and c["resources"]["limits"], c["name"]
            assert c["securityContext"]["allowPrivilegeEscalation"] is False
    pod = dep["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    port_names = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert c["readinessProbe"]["httpGet"]["port"] in port_names
    env = {e["name"]: e["value"] for e in c["env"]}
    assert port_names[c["readinessProbe"]["httpGet"]["port"]] == int(env["LEDE_PORT"])
    host_port = "%s:%d" % (rsvc["metadata"]["name"], rsvc["spec"]["ports"][0]["port"])
    assert env["LEDE_REDIS_URL"].startswith("redis://" + host_port), env["LEDE_REDIS_URL"]
    # the drain fits in the grace period
    assert pod["terminationGracePeriodSeconds"] > int(env.get("LEDE_DRAIN_TIMEOUT", "10"))
    helptext = subprocess.run([harness.LEDE, "serve", "--help"], capture_output=True,
                              timeout=10).stdout.decode()
    for name in env:
        assert "[env %s]" % name in helptext, "%s is not a lede serve setting" % name
    # and lede accepts the values given
    with Lede(env={k: v for k, v in env.items() if k not in ("LEDE_PORT", "LEDE_BIND")}) as inst:
        assert inst.get("/readyz")[0] == 200
        assert inst.get("/healthz")[0] == 200


if __name__ == "__main__":
    harness.main()
