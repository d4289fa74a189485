"""lang_strip.py - how well the text language detector does on real pages.

Every corpus page that declares its language in markup (<html lang> or
xml:lang, http-equiv content-language, og:locale) is labelled data: the
declaration is stripped from the page bytes (lang/xml:lang attributes
everywhere, the language metas, JSON-LD inLanguage), the stripped page goes
through the CLI, and the detected language's primary subtag is compared
with the declared one. Prints accuracy per language, the confusion pairs
and each miss; writes BUILD/exp/lang_strip.jsonl (one row per page).

A page whose declaration is wrong (lang="en" on German text) counts as a
miss here: the misses list is read by hand to tell those apart.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

import common

# The declarations, in the order lede's picker reads them.
RE_HTML = re.compile(rb"<html\b[^>]*?\s(?:xml:)?lang\s*=\s*[\"']?\s*([A-Za-z]{2,3})\b", re.I)
RE_META = re.compile(rb"<meta\b[^>]*>", re.I)
RE_CONTENT = re.compile(rb"content\s*=\s*[\"']?\s*([A-Za-z]{2,3})\b", re.I)
META_KEYS = (b"content-language", b"og:locale")
# What is stripped.
RE_LANG_ATTR = re.compile(rb"(\s)(?:xml:)?lang\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
RE_LANG_META = re.compile(
    rb"<meta\b[^>]*(?:og:locale|content-language|[\"'](?:dc[.:])?language[\"']|inlanguage)[^>]*>", re.I)
RE_JSONLD = re.compile(rb"\"inLanguage\"\s*:\s*(?:\"[^\"]*\"|\{[^}]*\}|\[[^\]]*\])", re.I)


def declared(raw):
    """(primary subtag, where) of the page's own declaration, or None."""
    m = RE_HTML.search(raw[:200000])
    if m:
        return m.group(1).decode().lower(), "html-lang"
    for mm in RE_META.finditer(raw[:200000]):
        tag = mm.group(0).lower()
        for k in META_KEYS:
            if k in tag:
                c = RE_CONTENT.search(mm.group(0))
                if c:
                    return c.group(1).decode().lower(), k.decode()
    return None


def strip(raw):
    raw = RE_LANG_META.sub(b"", raw)
    raw = RE_LANG_ATTR.sub(rb"\1data-stripped=\"\"", raw)
    return RE_JSONLD.sub(b"\"stripped\":\"\"", raw)


def main():
    ap = common.arg_parser(__doc__)
    ap.add_argument("--show", type=int, default=200, help="misses listed")
    args = ap.parse_args()
    lede = os.path.join(args.build, "lede")
    sdir = os.path.join(args.build, "exp", "stripped")
    os.makedirs(sdir, exist_ok=True)
    labels, jobs = {}, []
    unlabelled = 0
    for st, row, raw in common.pages():
        d = declared(raw)
        if not d or d[0] in ("x", "und", "zxx", "mul"):
            unlabelled += 1
            continue
        key = (st, row["id"])
        path = os.path.join(sdir, "%s__%s.html" % key)
        with open(path, "wb") as f:
            f.write(strip(raw))
        labels[key] = d
        jobs.append((key, path, row.get("url") or None))
    print("%d labelled pages, %d without a declaration" % (len(jobs), unlabelled))
    outs = common.run_many(lede, jobs)
    per = defaultdict(Counter)
    pairs = Counter()
    misses, leaks = [], []
    rows = []
    for key in sorted(labels):
        want, where = labels[key]
        o = outs[key]
        got = (o.get("language") or "").split("-")[0].lower() or None
        src = (o.get("sources") or {}).get("language")
        if got and src != "text":
            leaks.append((key, got, src))
        ok = got == want
        per[want]["n"] += 1
        per[want]["ok" if ok else ("none" if not got else "wrong")] += 1
        if not ok:
            pairs[(want, got)] += 1
            misses.append((key, want, got, len(o.get("text") or "")))
        rows.append({"set": key[0], "id": key[1], "declared": want, "where": where,
                     "detected": got, "source": src})
    with open(os.path.join(args.build, "exp", "lang_strip.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    tot = sum(c["n"] for c in per.values())
    ok = sum(c["ok"] for c in per.values())
    none = sum(c["none"] for c in per.values())
    print("accuracy %.3f (%d/%d), no language %d, wrong %d" % (ok / tot, ok, tot, none, tot - ok - none))
    print("%-5s %5s %5s %5s %5s" % ("lang", "n", "ok", "none", "wrong"))
    for lang, c in sorted(per.items(), key=lambda x: -x[1]["n"]):
        print("%-5s %5d %5d %5d %5d" % (lang, c["n"], c["ok"], c["none"], c["wrong"]))
    print("confusions (declared -> detected):")
    for (w, g), n in pairs.most_common():
        print("  %s -> %s: %d" % (w, g, n))
    if leaks:
        print("declarations not stripped (%d):" % len(leaks))
        for key, got, src in leaks[:20]:
            print("  %s/%s %s from %s" % (key[0], key[1], got, src))
    print("misses:")
    for key, want, got, tl in misses[:args.show]:
        print("  %s/%s declared %s detected %s (text %d bytes)" % (key[0], key[1], want, got, tl))
    return 0


if __name__ == "__main__":
    sys.exit(main())
