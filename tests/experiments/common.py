"""common.py - helpers the metadata experiments share.

The experiments read the evaluation corpus (read-only, ../shared/corpus)
and write only under the build directory given with --build (default
build-lang8). Pages are run through the real CLI one at a time (each with
its own --url, so relative links resolve as in production), two at a time
at most: the machine is shared.
"""
import concurrent.futures
import gzip
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus"))
SETS = ("segments-dev", "readability", "dates-dev")
PAGE_TIMEOUT = 30  # seconds: a page slower than this is a failure, not a hang


def pages(sets=SETS, corpus=CORPUS):
    """Yield (set, truth row, page bytes) for every page of the sets."""
    for st in sets:
        with open(os.path.join(corpus, st, "truth.jsonl"), encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                with gzip.open(os.path.join(corpus, st, row["file"]), "rb") as g:
                    yield st, row, g.read()


def run_cli(lede, path, url=None, explain=True):
    """The CLI's JSON object for one page file, or {"_error": ...}."""
    cmd = [lede, "extract"]
    if url:
        cmd += ["--url", url]
    if explain:
        cmd.append("--explain")
    cmd.append(path)
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"_error": "timeout"}
    try:
        return json.loads(p.stdout.decode("utf-8"))
    except ValueError:
        return {"_error": "exit %d" % p.returncode}


def snapshot(lede):
    """A copy of the binary, so a rebuild during a run changes nothing."""
    import shutil
    dst = os.path.join(os.path.dirname(os.path.abspath(lede)), "exp", "lede-%d" % os.getpid())
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy2(lede, dst)
    return dst


def run_many(lede, jobs, workers=2):
    """jobs: list of (key, path, url). Returns {key: output}."""
    out = {}
    lede = snapshot(lede)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as ex:
        futs = {ex.submit(run_cli, lede, path, url): key for key, path, url in jobs}
        for i, fu in enumerate(concurrent.futures.as_completed(futs)):
            out[futs[fu]] = fu.result()
            if (i + 1) % 200 == 0:
                print("  %d/%d pages" % (i + 1, len(jobs)), file=sys.stderr)
    os.unlink(lede)
    return out


def outputs(build, lede, refresh=False):
    """The CLI output (with --explain) of every corpus page, cached in
    BUILD/exp/outputs.jsonl: {(set, id): (truth row, output)}. The page
    bytes are written once under BUILD/exp/pages/."""
    cache = os.path.join(build, "exp", "outputs.jsonl")
    pdir = os.path.join(build, "exp", "pages")
    os.makedirs(pdir, exist_ok=True)
    rows, jobs = {}, []
    for st, row, raw in pages():
        path = os.path.join(pdir, "%s__%s.html" % (st, row["id"]))
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(raw)
        rows[(st, row["id"])] = row
        jobs.append(((st, row["id"]), path, row.get("url") or None))
    got = {}
    if not refresh and os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                got[(d["_set"], d["_id"])] = d
    if len(got) != len(jobs):
        got = run_many(lede, jobs)
        with open(cache, "w", encoding="utf-8") as f:
            for (st, i), d in sorted(got.items()):
                d["_set"], d["_id"] = st, i
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return {k: (rows[k], got[k]) for k in rows}


def page_path(build, st, pid):
    return os.path.join(build, "exp", "pages", "%s__%s.html" % (st, pid))


def arg_parser(doc):
    import argparse
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--build", default=os.path.join(ROOT, "build-lang8"),
                    help="build dir: BUILD/lede is run, results go to BUILD/exp")
    ap.add_argument("--refresh", action="store_true",
                    help="run the CLI again instead of reading the cache")
    return ap
