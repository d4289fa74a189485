"""lang_mo.py - the text detector on languages the corpus barely has.

The evaluation corpus is mostly German and English; the system's message
catalogues (/usr/share/locale/*/LC_MESSAGES/*.mo, translations of program
messages) hold real sentences in some 100 languages. For each language the
detector knows, samples of its translated messages (short ~150 bytes,
medium ~600, long ~3000; English from the catalogues' source strings) are
wrapped in a page without any language declaration and run through the
CLI. Prints accuracy per language and size, and the confusions; writes
the pages and BUILD/exp/lang_mo.jsonl. UI messages are terser than
articles (fewer function words), so this is a harder test than prose.
"""
import glob
import html
import json
import os
import random
import re
import sys
from collections import Counter, defaultdict

import common

# locale directory -> the primary subtag lede should answer
LOCALES = {
    "en": None, "de": "de", "fr": "fr", "es": "es", "pt": "pt", "pt_BR": "pt",
    "it": "it", "nl": "nl", "pl": "pl", "cs": "cs", "sk": "sk", "tr": "tr",
    "hu": "hu", "ro": "ro", "fi": "fi", "sv": "sv", "da": "da", "nb": "no",
    "is": "is", "et": "et", "lv": "lv", "lt": "lt", "sl": "sl", "hr": "hr",
    "sr@latin": "sr", "ca": "ca", "gl": "gl", "eu": "eu", "id": "id", "ms": "ms",
    "vi": "vi", "tl": "tl", "af": "af", "sq": "sq", "cy": "cy", "ru": "ru",
    "uk": "uk", "bg": "bg", "sr": "sr", "mk": "mk", "be": "be", "kk": "kk",
    "ar": "ar", "fa": "fa", "hi": "hi", "mr": "mr", "ne": "ne", "el": "el",
    "he": "he", "ja": "ja", "zh_CN": "zh", "zh_TW": "zh", "ko": "ko", "th": "th",
    "ka": "ka", "hy": "hy", "bn": "bn", "ta": "ta", "te": "te", "kn": "kn",
    "ml": "ml", "gu": "gu", "pa": "pa", "si": "si", "km": "km", "my": "my",
}
SIZES = (("short", 150), ("medium", 600), ("long", 3000))
SAMPLES = 8      # per language and size
MIN_WORDS = 4    # messages shorter than this are labels, not sentences
RE_FMT = re.compile(r"%[-+ #0-9.]*[a-zA-Z]|\{[^}]*\}|<[^>]*>|&|_|\\n|\$\w+")


def mo_strings(path):
    """(msgid, msgstr) pairs of a .mo file (GNU format, either byte order)."""
    import struct
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 28:
        return []
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic == 0x950412de else ">"
    n, oo, to = struct.unpack(end + "3I", data[8:20])
    out = []
    for i in range(n):
        ol, oa = struct.unpack(end + "2I", data[oo + 8 * i:oo + 8 * i + 8])
        tl, ta = struct.unpack(end + "2I", data[to + 8 * i:to + 8 * i + 8])
        mid = data[oa:oa + ol].split(b"\0")[0]
        mstr = data[ta:ta + tl].split(b"\0")[0]
        try:
            out.append((mid.decode("utf-8"), mstr.decode("utf-8")))
        except UnicodeDecodeError:
            pass
    return out


def sentences(loc):
    seen, out = set(), []
    for path in sorted(glob.glob("/usr/share/locale/%s/LC_MESSAGES/*.mo" %
                                 ("de" if loc == "en" else loc))):
        if os.path.basename(path).startswith("iso_"):
            continue  # country and language names: lists, not sentences
        for mid, mstr in mo_strings(path):
            s = mid if loc == "en" else mstr
            if not mid or not s or (loc != "en" and s == mid):
                continue
            s = " ".join(RE_FMT.sub(" ", s).split())
            if len(s.split()) < MIN_WORDS and len(s) < 12 or s in seen:
                continue
            seen.add(s)
            out.append(s)
    return out


def main():
    ap = common.arg_parser(__doc__)
    args = ap.parse_args()
    lede = os.path.join(args.build, "lede")
    pdir = os.path.join(args.build, "exp", "mo")
    os.makedirs(pdir, exist_ok=True)
    rnd = random.Random(7)
    jobs, want = [], {}
    for loc, tag in sorted(LOCALES.items()):
        sents = sentences(loc)
        if len(sents) < 50:
            print("skip %s: %d messages" % (loc, len(sents)))
            continue
        tag = tag or "en"
        for size, nbytes in SIZES:
            for k in range(SAMPLES):
                i = rnd.randrange(len(sents))
                parts = []
                while sum(len(p.encode()) for p in parts) < nbytes:
                    parts.append(sents[i % len(sents)])
                    i += 1
                body = "".join("<p>%s</p>\n" % html.escape(p) for p in parts)
                page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                        "<title>t</title></head><body><article>%s</article>"
                        "</body></html>" % body)
                key = (loc, size, k)
                path = os.path.join(pdir, "%s.%s.%d.html" % key)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(page)
                jobs.append((key, path, None))
                want[key] = tag
    outs = common.run_many(lede, jobs)
    per = defaultdict(Counter)
    conf = Counter()
    rows = []
    for key in sorted(want):
        got = (outs[key].get("language") or "").split("-")[0] or None
        ok = got == want[key]
        per[(key[0], key[1])]["ok"] += ok
        per[(key[0], key[1])]["n"] += 1
        if not ok:
            conf[(want[key], got)] += 1
        rows.append({"locale": key[0], "size": key[1], "sample": key[2],
                     "want": want[key], "got": got})
    with open(os.path.join(args.build, "exp", "lang_mo.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    tot = Counter()
    print("%-9s %6s %6s %6s" % ("locale", "short", "medium", "long"))
    for loc in sorted({k[0] for k in per}):
        cells = []
        for size, _ in SIZES:
            c = per[(loc, size)]
            tot[size + "ok"] += c["ok"]
            tot[size] += c["n"]
            cells.append("%d/%d" % (c["ok"], c["n"]))
        print("%-9s %6s %6s %6s" % (loc, *cells))
    print("overall: " + ", ".join("%s %.3f" % (s, tot[s + "ok"] / max(1, tot[s])) for s, _ in SIZES))
    print("confusions (want -> got):")
    for (w, g), n in conf.most_common(40):
        print("  %s -> %s: %d" % (w, g, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
