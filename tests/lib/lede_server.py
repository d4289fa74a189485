"""lede_server.py - the real `lede serve` for the server suites.

Starts build/lede (harness.LEDE) on 127.0.0.1 with --port 0, reads the port
from its "listening" log line, collects stderr (access log, sanitizer
reports), and stops it with SIGTERM. Settings from the test runner's
LEDE_* environment are not inherited.
"""
import http.client
import json
import os
import signal
import subprocess
import threading

import harness

START_TIMEOUT = 15     # seconds for lede serve to print its port
STOP_TIMEOUT = 15      # seconds for lede serve to exit after SIGTERM
REQUEST_TIMEOUT = 30   # seconds per HTTP request


class Lede:
    """`lede serve` on 127.0.0.1:<any free port>; stderr collected."""

    def __init__(self, *args, env=None, threads="2"):
        cmd = [harness.LEDE, "serve", "--port", "0", "--bind", "127.0.0.1",
               "--threads", threads] + list(args)
        e = {k: v for k, v in os.environ.items() if not k.startswith("LEDE_") or k == "LEDE_BIN"}
        e.update(env or {})
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=e)
        self.lines = []
        self.port = None
        self._ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._ready.wait(START_TIMEOUT) or self.port is None:
            self.stop()
            raise RuntimeError("lede serve did not start: %s" % self.lines[-5:])

    def _read(self):
        for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            if self.port is None and '"event":"listening"' in line:
                self.port = json.loads(line)["port"]
                self._ready.set()
        self._ready.set()

    def request(self, method, path, body=None, headers=None, timeout=REQUEST_TIMEOUT):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        finally:
            c.close()

    def get(self, path, headers=None, **kw):
        return self.request("GET", path, headers=headers, **kw)

    def post(self, path, body, ctype="text/html; charset=utf-8", headers=None):
        h = {"Content-Type": ctype} if ctype else {}
        h.update(headers or {})
        return self.request("POST", path, body=body, headers=h)

    def metric(self, name):
        """Value of one unlabelled-or-exact-labelled sample in /metrics."""
        _, _, body = self.get("/metrics")
        for line in body.decode().splitlines():
            if line.startswith(name + " "):
                return float(line.split()[-1])
        return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._reader.join(5)
        return self.proc.returncode

    def __enter__(self):
        return self

    def sanitizer_reports(self):
        """Lines from ASan/UBSan/LSan (the asan build runs this suite too)."""
        marks = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer",
                 "ThreadSanitizer")
        return [x for x in self.lines if any(m in x for m in marks)]

    def __exit__(self, exc_type, *exc):
        self.stop()
        if exc_type is None:
            bad = self.sanitizer_reports()
            assert not bad, "\n".join(self.lines[-60:])
