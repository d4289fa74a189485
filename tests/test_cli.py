"""test_cli.py - the `lede extract` contract of DESIGN.md, on the real binary.

Exit codes (0 all extracted, 1 some input failed, 2 usage), JSON vs JSON
Lines, per-input errors, stdin, and hostile inputs: missing file, empty
input, binary garbage, a 20 MB page, 100,000-deep nesting, NUL bytes.
Pages are generated here; nothing comes from the evaluation corpus.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import harness  # noqa: E402
from harness import test  # noqa: E402

TMP = tempfile.mkdtemp(prefix="lede-cli-")

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Otters hold hands while sleeping | River News</title>
<meta name="description" content="Why sea otters hold hands.">
</head><body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
<article><h1>Otters hold hands while sleeping</h1>
<p>Sea otters are known to hold hands while they sleep so that they do not
drift apart from each other on the water, a behaviour called rafting.</p>
<p>Researchers observed groups of more than one hundred otters floating
together in the kelp forests along the northern Pacific coast this year.</p>
<p>The animals wrap themselves in kelp as well, which anchors them in place
while the tide moves around them during the long night.</p>
</article><footer>Copyright River News. All rights reserved.</footer></body></html>
"""


def write(name, data):
    path = os.path.join(TMP, name)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)
    return path


def lede(*args, stdin=None, timeout=60):
    return subprocess.run([harness.LEDE] + list(args), input=stdin,
                          capture_output=True, timeout=timeout)


@test
def help_and_version():
    p = lede("--help")
    assert p.returncode == 0 and b"lede extract" in p.stdout
    p = lede("extract", "--help")
    assert p.returncode == 0 and b"--format" in p.stdout
    p = lede("--version")
    assert p.returncode == 0 and p.stdout.startswith(b"lede ")


@test
def usage_errors_exit_2():
    assert lede().returncode == 2
    assert lede("frobnicate").returncode == 2
    assert lede("extract").returncode == 2
    page = write("a.html", ARTICLE)
    assert lede("extract", "--format", "pdf", page).returncode == 2
    assert lede("extract", "--no-such-flag", page).returncode == 2
    assert lede("extract", "--jobs", "0", page).returncode == 2
    for bad in ("yesterday", "2021-13-01", "2021-09-28T10:15:00+25:00", "2021-09-28 trailing"):
        p = lede("extract", "--reference-date", bad, page)
        assert p.returncode == 2 and b"--reference-date" in p.stderr, (bad, p.stderr)


@test
def one_file_gives_one_json_object():
    page = write("a.html", ARTICLE)
    p = lede("extract", "--url", "https://news.example/otters.html", page)
    assert p.returncode == 0, p.stderr
    o = json.loads(p.stdout)
    for key in ["url", "canonical_url", "title", "author", "date_published",
                "date_modified", "description", "site_name", "language",
                "image", "tags", "text", "word_count"]:
        assert key in o, key
    assert o["url"] == "https://news.example/otters.html"
    assert "Otters hold hands" in o["title"]
    assert "rafting" in o["text"]
    assert "All rights reserved" not in o["text"]
    assert o["word_count"] > 40
    assert "source" not in o


@test
def stdin_and_text_format():
    p = lede("extract", "--format", "text", "-", stdin=ARTICLE.encode())
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert "kelp forests" in out
    assert not out.lstrip().startswith("{")


@test
def library_prints_nothing_on_stderr():
    # An article body shipped in a <script type="text/template"> whose ids
    # repeat ids of the page: libxml2 reports that through its global error
    # handler, which the library must keep quiet (stderr is the service's
    # access log).
    body = ('<p id="dup">The whole article body of this post is shipped inside a '
            'template script, a pattern some blog platforms use for lazy rendering.</p>'
            '<p id="dup2">A second paragraph with enough words for the template to be '
            'treated as the body of the article rather than a widget.</p><p id="dup2">x</p>')
    page = ('<html><head><title>T</title></head><body><p id="dup">Outside.</p>'
            '<article class="post-body entry-content"><script type="text/template">%s'
            '</script></article></body></html>' % body)
    p = lede("extract", "-", stdin=page.encode())
    assert p.returncode == 0, p.stderr
    assert p.stderr == b"", p.stderr[:300]
    assert "lazy rendering" in json.loads(p.stdout)["text"]


@test
def markdown_with_front_matter():
    page = write("a.html", ARTICLE)
    p = lede("extract", "--format", "markdown", "--front-matter", page)
    assert p.returncode == 0, p.stderr
    md = p.stdout.decode()
    assert md.startswith("---\n"), md[:80]
    head, _, body = md[4:].partition("\n---\n")
    assert 'title: "Otters hold hands while sleeping"' in head
    assert "rafting" in body
    p = lede("extract", "--format", "markdown", page)
    assert not p.stdout.decode().startswith("---")


@test
def several_files_give_json_lines_in_order_with_errors():
    a = write("a.html", ARTICLE)
    b = write("b.html", ARTICLE.replace("Otters", "Beavers"))
    missing = os.path.join(TMP, "does-not-exist.html")
    empty = write("empty.html", "")
    for jobs in ["1", "2"]:
        p = lede("extract", "-j", jobs, a, missing, b, empty)
        assert p.returncode == 1, (jobs, p.returncode, p.stderr)
        lines = [json.loads(line) for line in p.stdout.decode().splitlines()]
        assert [x["source"] for x in lines] == [a, missing, b, empty]
        assert "Otters" in lines[0]["title"] and "Beavers" in lines[2]["title"]
        assert lines[1]["error"]["code"] == "io_error"
        assert lines[3]["error"]["code"] == "empty_input"


@test
def all_good_files_exit_0():
    a = write("a.html", ARTICLE)
    p = lede("extract", a, a)
    assert p.returncode == 0
    assert len(p.stdout.decode().splitlines()) == 2


@test
def missing_file_exits_1_with_error_object():
    p = lede("extract", os.path.join(TMP, "nope.html"))
    assert p.returncode == 1
    assert json.loads(p.stdout)["error"]["code"] == "io_error"


@test
def empty_and_blank_input():
    for data in [b"", b"   \n\t  "]:
        p = lede("extract", "-", stdin=data)
        assert p.returncode == 1
        assert json.loads(p.stdout)["error"]["code"] == "empty_input"


@test
def binary_garbage_does_not_crash():
    import random
    rnd = random.Random(1234)
    data = bytes(rnd.getrandbits(8) for _ in range(200000))
    p = lede("extract", "-", stdin=data)
    assert p.returncode in (0, 1), p.returncode
    json.loads(p.stdout)


@test
def nul_bytes_are_dropped():
    page = ARTICLE.replace("rafting", "raf\0ting").encode()
    p = lede("extract", "-", stdin=page)
    assert p.returncode == 0, p.stderr
    o = json.loads(p.stdout)
    assert "rafting" in o["text"]


@test(timeout=120)
def twenty_megabyte_page_is_refused_cleanly():
    # Distinct paragraphs: identical ones would rightly be deduplicated.
    paras = ["<p>Paragraph %d says: %s</p>\n" % (i, "word " * 200)
             for i in range(20 * 1024 * 1024 // 1000 + 1)]
    big = "<html><body>" + "".join(paras) + "</body></html>"
    path = write("big.html", big)
    p = lede("extract", path, timeout=100)
    assert p.returncode == 1
    assert json.loads(p.stdout)["error"]["code"] == "too_large"
    p = lede("extract", "--max-bytes", str(64 << 20), path, timeout=100)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["word_count"] > 1000000


@test(timeout=120)
def deep_nesting_is_refused_cleanly():
    deep = "<html><body>" + "<div>" * 100000 + "deep text" + "</div>" * 100000
    p = lede("extract", "-", stdin=deep.encode(), timeout=100)
    assert p.returncode == 1
    assert json.loads(p.stdout)["error"]["code"] == "too_deep"
    # Moderately deep pages still work.
    ok = "<html><body>" + "<div>" * 100 + "<p>" + "fine text " * 30 + "</p>" + "</div>" * 100
    p = lede("extract", "-", stdin=ok.encode())
    assert p.returncode == 0, p.stderr


@test
def max_bytes_limit():
    a = write("a.html", ARTICLE)
    p = lede("extract", "--max-bytes", "100", a)
    assert p.returncode == 1
    assert json.loads(p.stdout)["error"]["code"] == "too_large"


if __name__ == "__main__":
    harness.main()
