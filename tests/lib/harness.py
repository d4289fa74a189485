"""harness.py - the tiny test runner every Python suite in tests/ uses.

A suite registers functions with @test, then calls main(). Each test runs
with a time limit; main() prints one line per failure and closes with
"N passed, N failed" (the line tests/run-all.sh and CI read), exiting 1
when anything failed. Only the standard library is used, so the suites run
on a fresh Debian with python3 alone.
"""
import os
import signal
import sys
import time
import traceback

_TESTS = []
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", "build")
LEDE = os.environ.get("LEDE_BIN") or os.path.join(ROOT, BUILD, "lede")

DEFAULT_TIMEOUT = 60  # seconds per test: a hang must fail, not stall CI


def test(fn=None, *, timeout=DEFAULT_TIMEOUT):
    """Register a test function (usable as @test or @test(timeout=N))."""
    def reg(f):
        _TESTS.append((f, timeout))
        return f
    return reg(fn) if fn else reg


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def main():
    only = sys.argv[1:]
    passed = failed = 0
    name = os.path.basename(sys.argv[0])
    signal.signal(signal.SIGALRM, _alarm)
    for fn, limit in _TESTS:
        if only and fn.__name__ not in only:
            continue
        t0 = time.monotonic()
        signal.alarm(limit)
        try:
            fn()
            passed += 1
            status = "ok"
        except _Timeout:
            failed += 1
            status = "FAIL (timeout after %ds)" % limit
        except Exception:  # noqa: BLE001 - report every failure the same way
            failed += 1
            status = "FAIL\n" + traceback.format_exc()
        finally:
            signal.alarm(0)
        dt = time.monotonic() - t0
        if status == "ok":
            if os.environ.get("VERBOSE"):
                print("  ok   %s.%s (%.2fs)" % (name, fn.__name__, dt))
        else:
            print("  %s.%s: %s" % (name, fn.__name__, status))
    print("%s: %d passed, %d failed" % (name.replace(".py", ""), passed, failed))
    sys.exit(1 if failed else 0)
