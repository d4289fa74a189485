"""meta_audit.py - lead image, tags, canonical URL and site name on every
corpus page, with the outputs that look wrong flagged.

No truth exists for these fields, so each output is checked against what
the page says about itself and against shapes that are junk whatever the
page: an image that is a logo, icon, sprite, tracking pixel, avatar or
placeholder, a data: URI, an SVG, a relative URL; tags that are empty,
over 50 bytes, hold commas, repeat in another case, name the site or are
'Home'; canonical URLs that are relative, on another host than og:url
says, or point at a home page while the page is deeper; site names by
source, and on pages without og:site_name the value next to the <title>
and the host, for reading by hand.

Usage: meta_audit.py [--build DIR] [--refresh] [--field image|tags|canonical|site]
Writes BUILD/exp/meta_audit.txt (everything) and prints the counts.
"""
import json
import os
import re
import sys
from collections import Counter
from urllib.parse import urlsplit

import common

IMG_JUNK = ("logo", "icon", "sprite", "pixel", "1x1", "blank.gif", "spacer",
            "default", "avatar", "gravatar", "placeholder", "transparent")
RE_OG_IMG = re.compile(rb"<meta\b[^>]*(?:og:image|twitter:image)[^>]*>", re.I)
RE_LD_IMG = re.compile(rb"\"image\"\s*:", re.I)
RE_OG_URL = re.compile(rb"<meta\b[^>]*og:url[^>]*content\s*=\s*[\"']([^\"']+)", re.I)
RE_OG_URL2 = re.compile(rb"<meta\b[^>]*content\s*=\s*[\"']([^\"']+)[\"'][^>]*og:url", re.I)
RE_OG_SITE = re.compile(rb"og:site_name", re.I)
RE_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


def host(u):
    try:
        h = urlsplit(u).hostname or ""
    except ValueError:
        return ""
    return h[4:] if h.startswith("www.") else h


def image_flags(img, raw):
    f = []
    if not img:
        if RE_OG_IMG.search(raw) or RE_LD_IMG.search(raw):
            f.append("none-but-declared")
        return f
    low = img.lower()
    if not low.startswith(("http://", "https://")):
        f.append("not-absolute-http")
    if low.startswith("data:"):
        f.append("data-uri")
    path = urlsplit(low).path if low.startswith("http") else low
    if path.endswith(".svg"):
        f.append("svg")
    for w in IMG_JUNK:
        if w in path:
            f.append("word:" + w)
    return f


def tag_flags(tags, site):
    f = []
    seen = set()
    for t in tags or []:
        if not t.strip():
            f.append("empty")
        if len(t.encode()) > 50:
            f.append("long")
        if "," in t:
            f.append("comma")
        if t.lower() in seen:
            f.append("case-duplicate")
        seen.add(t.lower())
        if site and t.lower() == site.lower():
            f.append("site-name")
        if t.lower() in ("home", "startseite", "accueil", "inicio", "news", "blog"):
            f.append("generic:" + t.lower())
        if t.strip().isdigit():
            f.append("digits")
    return f


def canon_flags(canon, url, raw):
    f = []
    if not canon:
        return f
    if not canon.startswith(("http://", "https://")):
        f.append("relative")
        return f
    m = RE_OG_URL.search(raw) or RE_OG_URL2.search(raw)
    og = m.group(1).decode("utf-8", "replace") if m else None
    if og and og.startswith("http") and host(og) != host(canon):
        f.append("host-differs-og-url")
    cp = urlsplit(canon).path.strip("/")
    if url and url.startswith("http"):
        up = urlsplit(url).path.strip("/")
        if not cp and up and not urlsplit(canon).query:
            f.append("home-page-for-deeper-url")
        if host(url) and host(canon) != host(url):
            f.append("other-host-than-url")
    return f


def main():
    ap = common.arg_parser(__doc__)
    ap.add_argument("--field", choices=("image", "tags", "canonical", "site"))
    ap.add_argument("--show", type=int, default=25, help="examples per flag")
    args = ap.parse_args()
    outs = common.outputs(args.build, os.path.join(args.build, "lede"), args.refresh)
    report = []
    fields = [args.field] if args.field else ["image", "tags", "canonical", "site"]
    seen_ids = set()
    for field in fields:
        flags, examples = Counter(), {}
        srcs = Counter()
        n_out = 0
        for (st, pid), (row, o) in sorted(outs.items()):
            if pid in seen_ids and field != "site":
                pass
            raw = open(common.page_path(args.build, st, pid), "rb").read()
            src = (o.get("sources") or {})
            if field == "image":
                v = o.get("image")
                fl = image_flags(v, raw)
                srcs[src.get("image")] += 1
            elif field == "tags":
                v = o.get("tags")
                fl = tag_flags(v, o.get("site_name"))
                srcs[src.get("tags")] += 1
            elif field == "canonical":
                v = o.get("canonical_url")
                fl = canon_flags(v, row.get("url"), raw)
                srcs[src.get("canonical_url")] += 1
            else:
                v = o.get("site_name")
                srcs[src.get("site_name")] += 1
                fl = []
                if not RE_OG_SITE.search(raw):
                    m = RE_TITLE.search(raw)
                    t = m.group(1).decode("utf-8", "replace").strip() if m else ""
                    fl.append("no-og-site-name")
                    v = "%r from %s | title %r | host %s" % (
                        v, src.get("site_name"), " ".join(t.split())[:90], host(row.get("url") or ""))
                if o.get("site_name") and len(o["site_name"]) > 40:
                    fl.append("long")
            n_out += bool(v)
            for x in set(fl):
                flags[x] += 1
                examples.setdefault(x, []).append("%s/%s: %s" % (st, pid, v))
        head = "== %s: %d pages with a value; sources %s" % (
            field, n_out, dict(srcs.most_common()))
        print(head)
        report.append(head)
        for x, n in flags.most_common():
            print("  %-28s %d" % (x, n))
            report.append("  %s: %d" % (x, n))
            for e in examples[x][:args.show]:
                report.append("      " + e)
    with open(os.path.join(args.build, "exp", "meta_audit.txt"), "w") as f:
        f.write("\n".join(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
