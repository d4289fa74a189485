"""test_browser.py - the browser suite: sets up, then runs run.mjs.

Installs what it needs when missing (so a plain `make test` works on a fresh
Debian 12): Debian's chromium and nodejs/npm with apt-get (as root), then
playwright-core into tests/browser/node_modules with `npm ci` from the
pinned package-lock.json. playwright-core never downloads a browser; the
tests drive /usr/bin/chromium.

Starts `$LEDE_BIN serve` on a loopback ephemeral port (with
--allow-private-networks so /article may fetch the loopback upstream that
run.mjs starts), runs run.mjs, and relays its "N passed, N failed" line.
Screenshots go to $BUILD/browser/. Set LEDE_SKIP_BROWSER=1 to skip.
"""
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.environ.get("BUILD", "build")
BUILD_DIR = BUILD if os.path.isabs(BUILD) else os.path.join(ROOT, BUILD)
LEDE = os.environ.get("LEDE_BIN") or os.path.join(BUILD_DIR, "lede")
if not os.path.isabs(LEDE):
    LEDE = os.path.join(ROOT, LEDE)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUITE_TIMEOUT = 900   # seconds for run.mjs: every test has its own limit too
START_TIMEOUT = 10    # seconds for the server to say where it listens


def say(msg):
    print(msg, flush=True)


def give_up(msg):
    say("browser suite: " + msg)
    say("browser: 0 passed, 1 failed")
    sys.exit(1)


def apt_install(pkgs):
    if os.geteuid() != 0 and not shutil.which("sudo"):
        return False
    pre = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = pre + ["apt-get", "install", "-y", "-q", "--no-install-recommends"] + pkgs
    say("browser suite: installing " + " ".join(pkgs))
    if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode == 0:
        return True
    subprocess.run(pre + ["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
    return subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode == 0


def ensure_tools():
    if not os.path.exists(CHROMIUM) and not apt_install(["chromium"]):
        give_up("chromium is missing and could not be installed")
    if not shutil.which("node") and not apt_install(["nodejs"]):
        give_up("node is missing and could not be installed")
    if not shutil.which("npm") and not apt_install(["npm"]):
        give_up("npm is missing and could not be installed")
    mod = os.path.join(HERE, "node_modules", "playwright-core", "package.json")
    if not os.path.exists(mod):
        say("browser suite: npm ci (playwright-core, no browser download)")
        env = dict(os.environ, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1")
        r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                           cwd=HERE, env=env)
        if r.returncode != 0 or not os.path.exists(mod):
            give_up("npm ci failed")


def start_server():
    proc = subprocess.Popen(
        [LEDE, "serve", "--port", "0", "--bind", "127.0.0.1", "--allow-private-networks",
         "--quiet", "--threads", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + START_TIMEOUT
    port = None
    import json
    import select
    while time.monotonic() < deadline and port is None:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        line = proc.stdout.readline()
        if not line:
            break
        try:
            ev = json.loads(line)
        except ValueError:
            continue
        if ev.get("event") == "listening":
            port = ev.get("port")
    if port is None:
        proc.kill()
        give_up("lede serve did not start")
    return proc, port


def main():
    if os.environ.get("LEDE_SKIP_BROWSER"):
        say("browser suite skipped (LEDE_SKIP_BROWSER)")
        say("browser: 0 passed, 0 failed")
        return 0
    if not os.path.exists(LEDE):
        give_up("no lede binary at " + LEDE)
    ensure_tools()
    out = os.path.join(BUILD_DIR, "browser")
    os.makedirs(out, exist_ok=True)
    proc, port = start_server()
    env = dict(os.environ,
               LEDE_URL="http://127.0.0.1:%d" % port,
               OUT_DIR=out,
               XSS_DIR=os.path.join(ROOT, "tests", "xss"),
               RENDER_TOOL=os.path.join(BUILD_DIR, "tests", "test_render"),
               CHROMIUM=CHROMIUM)
    try:
        r = subprocess.run(["node", os.path.join(HERE, "run.mjs")], env=env,
                           timeout=SUITE_TIMEOUT)
        rc = r.returncode
    except subprocess.TimeoutExpired:
        say("browser: 0 passed, 1 failed (suite timed out)")
        rc = 1
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    say("screenshots in " + out)
    return rc


if __name__ == "__main__":
    sys.exit(main())
