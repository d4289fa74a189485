"""test_fixtures.py - data-driven extraction tests, one harness for all.

Each case is tests/fixtures/NAME.html with tests/fixtures/NAME.expected.json
beside it, run through the real CLI (`lede extract`). The expected object
may hold:
  - any output field (title, author, authors, date_published, language,
    tags, page_type, word_count...): the exact expected value (null = null);
  - "args": extra CLI arguments, e.g. ["--url", "https://example.com/x"];
  - "text_contains" / "text_excludes": substrings of "text";
  - "text_lines": the exact list of the text's lines;
  - "markdown_contains" / "markdown_excludes" / "html_contains" /
    "html_excludes" (the harness asks for those renderings);
  - "comments_contains": substrings of "comments" (with --include-comments);
  - "sources": expected provenance (the harness adds --explain);
  - "error": the expected error code; extraction must fail with it.
Every fixture is one test; a fixture without expectations fails.
"""
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import harness  # noqa: E402

FIXTURES = os.path.join(harness.ROOT, "tests", "fixtures")
CHECK_KEYS = {"args", "text_contains", "text_excludes", "text_lines",
              "markdown_contains", "markdown_excludes", "html_contains",
              "html_excludes", "comments_contains", "sources", "error"}


def run_case(page, expected_path):
    with open(expected_path, encoding="utf-8") as f:
        exp = json.load(f)
    args = list(exp.get("args", []))
    include = []
    if any(k.startswith("markdown_") for k in exp):
        include.append("markdown")
    if any(k.startswith("html_") for k in exp):
        include.append("html")
    if include:
        args += ["--include", ",".join(include)]
    if "sources" in exp and "--explain" not in args:
        args.append("--explain")
    if "comments_contains" in exp and "--include-comments" not in args:
        args.append("--include-comments")
    p = subprocess.run([harness.LEDE, "extract"] + args + [page],
                       capture_output=True, timeout=30)
    out = p.stdout.decode("utf-8")
    problems = []
    if "error" in exp:
        if p.returncode != 1:
            problems.append("exit %d, wanted 1" % p.returncode)
        got = json.loads(out).get("error", {}).get("code")
        if got != exp["error"]:
            problems.append("error %r, wanted %r" % (got, exp["error"]))
        return problems
    if p.returncode != 0:
        return ["exit %d: %s" % (p.returncode, p.stderr.decode()[-500:])]
    got = json.loads(out)
    checked = 0
    for key, want in exp.items():
        if key in CHECK_KEYS:
            continue
        checked += 1
        if got.get(key) != want:
            problems.append("%s = %r, wanted %r" % (key, got.get(key), want))
    text = got.get("text") or ""
    for field, key, present in [("text", "text_contains", True),
                                ("text", "text_excludes", False),
                                ("markdown", "markdown_contains", True),
                                ("markdown", "markdown_excludes", False),
                                ("html", "html_contains", True),
                                ("html", "html_excludes", False),
                                ("comments", "comments_contains", True)]:
        value = got.get(field) or ""
        for s in exp.get(key, []):
            checked += 1
            if (s in value) != present:
                problems.append("%s %s %r" % (field, "lacks" if present else "has", s))
    if "text_lines" in exp:
        checked += 1
        lines = text.split("\n") if text else []
        if lines != exp["text_lines"]:
            problems.append("text lines %r, wanted %r" % (lines, exp["text_lines"]))
    for k, want in exp.get("sources", {}).items():
        checked += 1
        have = (got.get("sources") or {}).get(k)
        if have != want:
            problems.append("sources.%s = %r, wanted %r" % (k, have, want))
    if not checked:
        problems.append("the fixture checks nothing")
    return problems


def make_test(page, expected):
    name = os.path.basename(page)[:-5]

    def t():
        problems = run_case(page, expected)
        if problems:
            raise AssertionError("%s: %s" % (name, "; ".join(problems)))
    t.__name__ = "fixture_" + name.replace("-", "_")
    return t


for page in sorted(glob.glob(os.path.join(FIXTURES, "*.html"))):
    expected = page[:-5] + ".expected.json"
    if os.path.exists(expected):
        harness.test(make_test(page, expected), timeout=40)

if __name__ == "__main__":
    harness.main()
