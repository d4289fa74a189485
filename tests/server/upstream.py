"""upstream.py - a loopback HTTP server that misbehaves on purpose.

Suites that test GET /article (fetching) start one with

    from upstream import Upstream
    with Upstream() as up:
        url = up.url("/page/article")      # http://127.0.0.1:PORT/page/article

It listens on 127.0.0.1 only, on an ephemeral port, in a background thread,
and counts requests per path (up.hits("/page/article")) so cache and
stampede tests can see how often lede really fetched. Standard library only
(brotli comes from the system's libbrotlienc through ctypes).

Routes (all bounded in time: nothing waits longer than HANG_MAX seconds, and
everything stops when the server is closed):
  /page/NAME                 a fixture page (FIXTURES below or Upstream(pages=...))
  /slow?delay=S              headers at once, then the body one line every S s
  /slow-headers?delay=S      waits S s before sending anything
  /hang                      accepts and never answers
  /status/CODE               that status with a small HTML body (404, 500, ...)
  /redirect/N                N redirects, then /page/article
  /redirect-loop             redirects to itself forever
  /redirect-to?url=U         302 to U (e.g. a private address, file:///)
  /type/MAJOR/MINOR          the article page with that Content-Type
  /no-type                   the article page with no Content-Type at all
  /big?size=N                N bytes of HTML with Content-Length
  /big-stream?size=N         N bytes, no Content-Length (connection close)
  /lie-length?size=N         a small Content-Length, then N bytes anyway
  /gzip-bomb?size=N          N zero bytes gzip-compressed (default 64 MiB)
  /br-bomb?size=N            the same with brotli
  /gzip, /deflate, /br       the article page compressed with that encoding
  /charset/NAME              a page encoded in NAME, charset only in the header
  /empty                     200 text/html with an empty body
Every path also takes ?status=CODE to change the status of fixture pages.
Run directly (python3 upstream.py [PORT]) to poke at it by hand.
"""
import ctypes
import ctypes.util
import gzip
import http.server
import socketserver
import sys
import threading
import time
import urllib.parse
import zlib

HANG_MAX = 30  # seconds: a hanging route gives up after this, whatever happens
CHUNK = 64 * 1024  # bytes per write for big bodies

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Upstream test article</title>
<meta property="og:title" content="Upstream test article">
<meta name="author" content="Ada Fetcher">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Upstream test article</h1>
<p>This page is served by the loopback upstream used by lede's server tests.
It has enough words in its paragraphs to be picked as the main content of the
page, which is what the extractor looks for when it scores blocks of text.</p>
<p>The second paragraph talks about fetching: redirects are followed up to a
limit, timeouts are enforced, and the size of the body is capped while it
streams in, not from what the server claims in its headers.</p>
<p>A third paragraph mentions the marker word zebracorn so tests can check that
the text really came through the fetcher and the extractor.</p>
</article>
<footer>Copyright upstream tests</footer>
</body></html>
"""

# Text with non-ASCII letters for the charset routes, per script; a charset
# not listed gets the Latin text with character references for what it lacks.
CHARSET_TEXTS = {
    "latin": ("Café déjà vu, naïve façade, Ærøskøbing, über straße. " * 8).strip(),
    "cyrillic": ("Съешь же ещё этих мягких французских булок, да выпей чаю. " * 8).strip(),
    "japanese": ("いろはにほへと ちりぬるを わかよたれそ つねならむ。日本語の文章です。" * 8),
}
CHARSET_SCRIPT = {
    "windows-1251": "cyrillic", "koi8-r": "cyrillic", "iso-8859-5": "cyrillic",
    "shift_jis": "japanese", "euc-jp": "japanese", "iso-2022-jp": "japanese",
}

FIXTURES = {
    "article": ARTICLE.encode("utf-8"),
    "plain": b"Just plain text, served as text/plain. zebracorn\n",
}


def _brotli_compress(data, quality=5):
    """Compress with the system libbrotlienc (libbrotli1, a libcurl dependency)."""
    name = ctypes.util.find_library("brotlienc") or "libbrotlienc.so.1"
    lib = ctypes.CDLL(name)
    fn = lib.BrotliEncoderCompress
    fn.restype = ctypes.c_int
    fn.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_size_t,
                   ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p]
    cap = len(data) + len(data) // 2 + 1024
    out = ctypes.create_string_buffer(cap)
    size = ctypes.c_size_t(cap)
    # quality 5, window 22, generic mode
    if not fn(quality, 22, 0, len(data), data, ctypes.byref(size), out):
        raise RuntimeError("BrotliEncoderCompress failed")
    return out.raw[:size.value]


def brotli_available():
    try:
        _brotli_compress(b"x")
        return True
    except (OSError, RuntimeError, AttributeError):
        return False


_bomb_cache = {}
_bomb_lock = threading.Lock()


def _bomb(kind, size):
    """size zero bytes compressed; cached since big bombs take a moment."""
    key = (kind, size)
    with _bomb_lock:
        if key not in _bomb_cache:
            if kind == "gzip":
                co = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip wrapper
                parts = []
                block = b"\0" * (1 << 20)
                left = size
                while left > 0:
                    n = min(left, len(block))
                    parts.append(co.compress(block[:n]))
                    left -= n
                parts.append(co.flush())
                _bomb_cache[key] = b"".join(parts)
            else:
                _bomb_cache[key] = _brotli_compress(b"\0" * size, quality=1)
        return _bomb_cache[key]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "lede-test-upstream"

    def log_message(self, fmt, *args):  # keep test output clean
        pass

    # -- helpers -----------------------------------------------------------
    def _q(self, name, default=None):
        v = self.query.get(name)
        return v[0] if v else default

    def _send(self, status, body, ctype="text/html; charset=utf-8", headers=None,
              length=True):
        self.send_response(status)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self._write(body)

    def _write(self, data):
        try:
            for i in range(0, len(data), CHUNK):
                if self.up.stopping.is_set():
                    return
                self.wfile.write(data[i:i + CHUNK])
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # lede hung up on purpose (size cap, error status): fine

    def _wait(self, seconds):
        """Sleep, but wake when the server closes; False if stopping."""
        return not self.up.stopping.wait(min(seconds, HANG_MAX))

    def _filler(self, size):
        head = b"<!DOCTYPE html><html><head><title>big</title></head><body><p>"
        tail = b"</p></body></html>"
        n = max(0, size - len(head) - len(tail))
        return head + b"a" * n + tail

    # -- routing -----------------------------------------------------------
    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        self.query = urllib.parse.parse_qs(u.query)
        path = u.path
        self.up._count(path)
        parts = [p for p in path.split("/") if p]
        route = parts[0] if parts else ""
        try:
            handler = getattr(self, "r_" + route.replace("-", "_"), None)
            if handler is None:
                self._send(404, b"<h1>no such route</h1>")
            else:
                handler(parts[1:])
        except (BrokenPipeError, ConnectionResetError):
            pass

    # -- routes --------------------------------------------------------------
    def r_page(self, rest):
        name = rest[0] if rest else "article"
        body = self.up.pages.get(name)
        if body is None:
            self._send(404, b"<h1>not found</h1>")
            return
        ctype = "text/plain; charset=utf-8" if name == "plain" else "text/html; charset=utf-8"
        self._send(int(self._q("status", "200")), body, ctype)

    def r_slow(self, rest):
        delay = float(self._q("delay", "2"))
        lines = int(self._q("lines", "10"))
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.close_connection = True
        self.end_headers()
        self.wfile.write(b"<html><body>")
        self.wfile.flush()
        for i in range(lines):
            if not self._wait(delay):
                return
            self.wfile.write(b"<p>line %d</p>\n" % i)
            self.wfile.flush()
        self.wfile.write(b"</body></html>")

    def r_slow_headers(self, rest):
        if not self._wait(float(self._q("delay", "5"))):
            return
        self._send(200, FIXTURES["article"])

    def r_hang(self, rest):
        self._wait(HANG_MAX)
        self.close_connection = True

    def r_status(self, rest):
        code = int(rest[0]) if rest else 500
        self._send(code, b"<html><body><h1>status %d</h1></body></html>" % code)

    def r_redirect(self, rest):
        n = int(rest[0]) if rest else 1
        loc = "/redirect/%d" % (n - 1) if n > 1 else "/page/article"
        self._send(302, b"", headers={"Location": loc})

    def r_redirect_loop(self, rest):
        self._send(302, b"<a href=/redirect-loop>again</a>", headers={"Location": "/redirect-loop"})

    def r_redirect_to(self, rest):
        code = int(self._q("code", "302"))
        self._send(code, b"", headers={"Location": self._q("url", "/")})

    def r_type(self, rest):
        ctype = "/".join(rest) if rest else "application/octet-stream"
        self._send(200, FIXTURES["article"], ctype)

    def r_no_type(self, rest):
        self._send(200, FIXTURES["article"], None)

    def r_big(self, rest):
        self._send(200, self._filler(int(self._q("size", str(20 << 20)))), "text/html")

    def r_big_stream(self, rest):
        self._send(200, self._filler(int(self._q("size", str(20 << 20)))), "text/html",
                   length=False)

    def r_lie_length(self, rest):
        body = self._filler(int(self._q("size", str(20 << 20))))
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100")
        self.send_header("Connection", "close")
        self.close_connection = True
        self.end_headers()
        self._write(body)

    def r_gzip_bomb(self, rest):
        data = _bomb("gzip", int(self._q("size", str(64 << 20))))
        self._send(200, data, "text/html", {"Content-Encoding": "gzip"})

    def r_br_bomb(self, rest):
        data = _bomb("br", int(self._q("size", str(64 << 20))))
        self._send(200, data, "text/html", {"Content-Encoding": "br"})

    def r_gzip(self, rest):
        self._send(200, gzip.compress(FIXTURES["article"]), headers={"Content-Encoding": "gzip"})

    def r_deflate(self, rest):
        # HTTP "deflate" is the zlib format (RFC 9110); curl also takes raw deflate.
        self._send(200, zlib.compress(FIXTURES["article"]), headers={"Content-Encoding": "deflate"})

    def r_br(self, rest):
        self._send(200, _brotli_compress(FIXTURES["article"]), headers={"Content-Encoding": "br"})

    def r_charset(self, rest):
        name = rest[0] if rest else "iso-8859-1"
        text = CHARSET_TEXTS[CHARSET_SCRIPT.get(name.lower(), "latin")]
        html = ("<html><head><title>%s</title></head><body><article><p>%s</p>"
                "<p>%s</p></article></body></html>" % (name, text, text))
        try:
            body = html.encode(name, "xmlcharrefreplace")
        except LookupError:
            self._send(400, b"<h1>unknown charset</h1>")
            return
        self._send(200, body, "text/html; charset=%s" % name)

    def r_empty(self, rest):
        self._send(200, b"", "text/html")


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request, client_address):
        # lede hanging up early (caps, timeouts) is the point of most routes.
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class Upstream:
    """The misbehaving upstream, on 127.0.0.1:<ephemeral>, in a thread."""

    def __init__(self, pages=None, port=0):
        self.pages = dict(FIXTURES)
        self.pages.update(pages or {})
        self.stopping = threading.Event()
        self._hits = {}
        self._lock = threading.Lock()
        handler = type("BoundHandler", (_Handler,), {"up": self})
        self.server = _Server(("127.0.0.1", port), handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.1}, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def close(self):
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    def url(self, path="/page/article"):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def _count(self, path):
        with self._lock:
            self._hits[path] = self._hits.get(path, 0) + 1

    def prepare_bomb(self, kind, size):
        """Build a bomb ahead of time ("gzip" or "br") so the request is fast."""
        _bomb(kind, size)

    def hits(self, path):
        with self._lock:
            return self._hits.get(path, 0)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    with Upstream(port=port) as up:
        print("upstream on", up.url("/"), flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
