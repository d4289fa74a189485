#!/usr/bin/env python3
"""eval.py - `make eval` and `make eval-gate`: lede on every corpus set.

For each set under --corpus (a folder with truth.jsonl), runs the shared
runner (shared/eval/run.py) with the real `lede extract`, then the shared
scorer (shared/eval/score.py), and prints the scorer's tables plus the
failure counts (crashes, timeouts, bad JSON).

--gate FLOORS: also compare the scores with the committed floors and exit 1
when one falls below its floor or any document failed. Floors only move up:
the gate also fails when a committed version of the floors file lowered a
floor that an earlier version had set (checked through git history).
"""
import argparse
import json
import os
import subprocess
import sys
import time


def lookup(result, path):
    cur = result
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def floors_history_problems(floors_path):
    """Floors must never go down from one commit to the next."""
    try:
        revs = subprocess.run(["git", "log", "--format=%H", "--reverse", "--", floors_path],
                              capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return []
    problems, best = [], {}
    for rev in revs:
        p = subprocess.run(["git", "show", "%s:%s" % (rev, floors_path)],
                           capture_output=True, text=True)
        if p.returncode != 0:
            continue
        try:
            floors = json.loads(p.stdout).get("floors", {})
        except ValueError:
            continue
        for key, value in floors.items():
            if key in best and value < best[key] - 1e-9:
                problems.append("floor %s lowered from %.3f to %.3f in %s"
                                % (key, best[key], value, rev[:10]))
            best[key] = max(best.get(key, value), value)
    # The working copy too (an uncommitted lowering).
    with open(floors_path) as f:
        for key, value in json.load(f).get("floors", {}).items():
            if key in best and value < best[key] - 1e-9:
                problems.append("floor %s lowered from %.3f to %.3f (uncommitted)"
                                % (key, best[key], value))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lede", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--gate")
    ap.add_argument("--out", default="build/eval")
    ap.add_argument("--jobs", default=str(os.cpu_count() or 2))
    ap.add_argument("--sets", help="comma-separated subset of sets")
    args = ap.parse_args()

    if not os.path.isdir(args.corpus):
        print("eval: no corpus at %s; nothing to score" % args.corpus)
        return 0
    os.makedirs(args.out, exist_ok=True)
    sets = sorted(d for d in os.listdir(args.corpus)
                  if os.path.exists(os.path.join(args.corpus, d, "truth.jsonl")))
    if args.sets:
        sets = [s for s in sets if s in args.sets.split(",")]
    lede = os.path.abspath(args.lede)
    results = {}
    for name in sets:
        setdir = os.path.join(args.corpus, name)
        pred = os.path.join(args.out, name + ".jsonl")
        t0 = time.monotonic()
        p = subprocess.run([sys.executable, os.path.join(args.shared, "eval", "run.py"), setdir,
                            "--cmd", lede + " extract --url {url} {file}",
                            "-o", pred, "-j", args.jobs, "--timeout", "30"],
                           capture_output=True, text=True)
        wall = time.monotonic() - t0
        if p.returncode not in (0, 1):
            print(p.stderr)
            return 2
        failures = {}
        with open(pred, encoding="utf-8") as f:
            for line in f:
                status = json.loads(line).get("_status", "ok")
                if status != "ok":
                    kind = status.split(":")[0]
                    failures[kind] = failures.get(kind, 0) + 1
        score = [sys.executable, os.path.join(args.shared, "eval", "score.py"), setdir, pred]
        table = subprocess.run(score, capture_output=True, text=True)
        print(table.stdout.rstrip())
        js = subprocess.run(score + ["--json", "--per-doc", pred.replace(".jsonl", ".per-doc.jsonl")],
                            capture_output=True, text=True)
        result = json.loads(js.stdout)
        result["failures"] = sum(failures.values())
        results[name] = result
        print("  runs      %d failed %s, %.1f s wall" % (result["failures"], failures or "", wall))
        print()
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(results, f, indent=1)

    if not args.gate:
        return 0
    with open(args.gate) as f:
        floors = json.load(f).get("floors", {})
    problems = floors_history_problems(args.gate)
    for key, floor in sorted(floors.items()):
        set_name, _, path = key.partition(":")
        if set_name not in results:
            continue  # that set is not here (e.g. a machine without it)
        value = lookup(results[set_name], path)
        if value is None:
            problems.append("%s: no such score" % key)
        elif value < floor - 1e-9:
            problems.append("%s = %.3f, below its floor %.3f" % (key, value, floor))
        else:
            print("gate ok   %-45s %.3f >= %.3f" % (key, value, floor))
    for name, r in results.items():
        if r["failures"]:
            problems.append("%s: %d documents failed (crash, timeout or bad JSON)"
                            % (name, r["failures"]))
    for p in problems:
        print("gate FAIL " + p)
    print("eval-gate: %s" % ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
