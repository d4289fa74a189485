// run.mjs - browser tests for lede, run by test_browser.py (which starts
// the lede service and a loopback upstream, and passes their URLs here).
//
// Drives Debian's chromium through playwright-core (no browser download):
//   page tests  load the try-it page from the real server, submit HTML and
//               a URL, assert on what is shown, save screenshots;
//   XSS check   every vector of tests/xss rendered (sanitizer alone and the
//               whole service) then loaded in the browser as a document and
//               through innerHTML, with the usual events fired on every
//               element: no script may run, and the DOM must hold nothing
//               script-capable.
// Prints one line per failure and "N passed, N failed" at the end.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";

const env = process.env;
const LEDE_URL = env.LEDE_URL;          // http://127.0.0.1:PORT
let UPSTREAM = "";                      // loopback upstream started below
const OUT = env.OUT_DIR;                // screenshots
const XSS_DIR = env.XSS_DIR;
const RENDER_TOOL = env.RENDER_TOOL;    // test_render binary, may be absent
const CHROMIUM = env.CHROMIUM || "/usr/bin/chromium";
const ONLY = env.ONLY || "";            // run tests whose name contains this
const TEST_TIMEOUT_MS = 60000;          // one test; a hang must fail

const tests = [];
const test = (name, fn, timeout = TEST_TIMEOUT_MS) => tests.push({ name, fn, timeout });
const XSS_TIMEOUT_MS = 400000;          // ~110 renderings, each loaded twice
const assert = (cond, msg) => { if (!cond) throw new Error(msg); };

let browser;

async function newPage(opts = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...opts });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  return { ctx, page };
}

// ---- loopback upstream: the pages /article fetches -------------------------

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// A small PNG (a blue-to-green gradient) so the URL test shows a real image.
function makePng(w, h) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = 30; raw[o + 1] = Math.floor(90 + 120 * x / w); raw[o + 2] = Math.floor(200 - 100 * y / h);
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function startUpstream() {
  const png = makePng(320, 120);
  const server = http.createServer((req, res) => {
    if (req.url === "/bridge.html") {
      const page = ARTICLE_HTML.replace("<blockquote>", '<figure><img src="/photo.png" alt="The bridge"><figcaption>The bridge at dawn</figcaption></figure><blockquote>');
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(page);
    } else if (req.url === "/photo.png") {
      res.writeHead(200, { "Content-Type": "image/png" });
      res.end(png);
    } else {
      res.writeHead(404, { "Content-Type": "text/html" });
      res.end("<h1>not found</h1>");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    UPSTREAM = "http://127.0.0.1:" + server.address().port;
    resolve(server);
  }));
}

// ---- page tests ----------------------------------------------------------

const ARTICLE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after repairs - Coast Daily</title>
<meta name="author" content="Ada Lovelace">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta property="og:site_name" content="Coast Daily"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The old harbour bridge opened again on Tuesday after eight months of repairs, the city said. Engineers replaced the <em>entire</em> deck and repainted the steel arches.</p>
<p>Traffic was light in the morning. "It is good to have it back," said one cyclist, who crosses it <strong>twice a day</strong>. More in <a href="/traffic">our traffic page</a>.</p>
<h2>What changed</h2>
<ul><li>New deck with a cycle lane</li><li>Brighter lights<ul><li>LED lamps</li></ul></li></ul>
<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Deck</td><td>4.1 M</td></tr><tr><td>Paint</td><td>0.9 M</td></tr></table>
<blockquote><p>We kept the original arches.</p></blockquote>
<pre><code class="language-sh">curl https://example.com/bridge</code></pre>
<p>The repairs were paid for by the regional fund, and the next inspection is due in five years, officials added.</p>
<p><img src="x" onerror="window.__pwned=1;alert(1)"> Hostile markup in the input must not run.</p>
</article><footer>Copyright Coast Daily</footer></body></html>`;

test("page loads, self-contained", async () => {
  const { ctx, page } = await newPage();
  const foreign = [];
  page.on("request", (r) => { if (!r.url().startsWith(LEDE_URL)) foreign.push(r.url()); });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const res = await page.goto(LEDE_URL + "/");
  assert(res.status() === 200, "GET / status " + res.status());
  assert((await page.title()) === "lede - try it", "title: " + (await page.title()));
  assert(await page.isVisible("#url"), "URL field visible");
  assert(!(await page.isVisible("#html")), "HTML field hidden until chosen");
  assert(foreign.length === 0, "requests outside the service: " + foreign.join(", "));
  assert(errors.length === 0, "console errors: " + errors.join(" | "));
  await ctx.close();
});

test("submit HTML: article, metadata, markdown, json", async () => {
  const { ctx, page } = await newPage();
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(LEDE_URL + "/");
  await page.check("#kind-html");
  await page.fill("#html", ARTICLE_HTML);
  await page.fill("#base", "https://coast.example/2024/03/05/bridge.html");
  await page.click("#go");
  await page.waitForSelector("#results:not([hidden])");
  const title = await page.textContent("#a-title");
  assert(title.includes("Harbour bridge reopens"), "title shown: " + title);
  const byline = await page.textContent("#a-byline");
  assert(byline.includes("Ada Lovelace"), "byline has the author: " + byline);
  const art = page.locator("#article");
  assert((await art.locator("p").count()) >= 3, "paragraphs rendered");
  assert((await art.locator("li").count()) >= 2, "list items rendered");
  assert((await art.textContent()).includes("twice a day"), "strong text shown");
  const href = await art.locator("a").first().getAttribute("href");
  assert(href === "https://coast.example/traffic", "link made absolute: " + href);
  assert((await art.locator("a").first().getAttribute("rel")) === "noopener noreferrer", "link rel");
  assert(!(await art.textContent()).includes("Copyright"), "footer left out");
  assert(dialogs.length === 0 && !(await page.evaluate(() => window.__pwned)), "hostile img did not run");
  assert((await art.locator("[onerror]").count()) === 0, "no handler attributes");
  await page.screenshot({ path: path.join(OUT, "page-html.png"), fullPage: true });
  // metadata table
  await page.click("#tab-meta");
  const meta = await page.textContent("#meta");
  assert(meta.includes("Ada Lovelace") && meta.includes("2024-03-05"), "metadata table: " + meta);
  // markdown and raw JSON
  await page.click("#tab-markdown");
  const md = await page.textContent("#markdown");
  assert(md.includes("## What changed") && md.includes("[our traffic page](https://coast.example/traffic)"), "markdown: " + md.slice(0, 400));
  await page.click("#tab-json");
  const json = JSON.parse(await page.textContent("#json"));
  assert(json.author === "Ada Lovelace" && typeof json.html === "string" && typeof json.markdown === "string", "raw JSON has html+markdown");
  await ctx.close();
});

test("submit URL from a loopback upstream", async () => {
  const { ctx, page } = await newPage();
  await page.goto(LEDE_URL + "/");
  await page.fill("#url", UPSTREAM + "/bridge.html");
  await page.click("#go");
  await page.waitForSelector("#results:not([hidden])");
  const title = await page.textContent("#a-title");
  assert(title.includes("Harbour bridge reopens"), "title from upstream page: " + title);
  const img = page.locator("#article img").first();
  assert((await img.count()) === 1, "image kept");
  await page.waitForFunction(() => { const i = document.querySelector("#article img"); return i && i.complete; });
  const w = await img.evaluate((i) => i.naturalWidth);
  assert(w > 0, "image loaded from upstream (naturalWidth " + w + ")");
  const src = await img.getAttribute("src");
  assert(src === UPSTREAM + "/photo.png", "img src absolute: " + src);
  await page.screenshot({ path: path.join(OUT, "page-url.png"), fullPage: true });
  await ctx.close();
});

test("errors are shown clearly", async () => {
  const { ctx, page } = await newPage();
  await page.goto(LEDE_URL + "/");
  await page.fill("#url", "ftp://example.com/x");
  await page.click("#go");
  await page.waitForSelector("#error:not([hidden])");
  assert((await page.textContent("#error")).includes("http"), "client-side URL check");
  await page.fill("#url", UPSTREAM + "/missing.html");
  await page.click("#go");
  await page.waitForFunction(() => /Error \d{3}/.test(document.getElementById("error").textContent));
  const e = await page.textContent("#error");
  assert(/Error (404|502)/.test(e) && /404/.test(e), "upstream 404 reported: " + e);
  assert(await page.isHidden("#results"), "no stale results with an error");
  await page.check("#kind-html");
  await page.fill("#html", "   ");
  await page.click("#go");
  assert((await page.textContent("#error")).includes("Paste some HTML"), "empty HTML refused");
  await page.screenshot({ path: path.join(OUT, "page-error.png") });
  await ctx.close();
});

test("phone width: no horizontal overflow", async () => {
  const { ctx, page } = await newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(LEDE_URL + "/");
  await page.check("#kind-html");
  await page.fill("#html", ARTICLE_HTML);
  await page.fill("#base", "https://coast.example/2024/03/05/bridge.html");
  await page.click("#go");
  await page.waitForSelector("#results:not([hidden])");
  for (const tab of ["#tab-article", "#tab-meta", "#tab-json"]) {
    await page.click(tab);
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(sw <= 375, tab + ": page is " + sw + "px wide on a 375px screen");
  }
  await page.click("#tab-article");
  await page.screenshot({ path: path.join(OUT, "page-phone.png"), fullPage: true });
  await ctx.close();
});

// ---- XSS vectors ---------------------------------------------------------

// Record every way a vector reports success; keep links from navigating.
const HOOKS = `
  window.__xss = [];
  window.__rec = (k) => function () { window.__xss.push(k + ":" + Array.from(arguments).join(",")); };
  window.alert = __rec("alert"); window.confirm = __rec("confirm");
  window.prompt = __rec("prompt"); window.print = __rec("print");
`;
const NO_NAV = `
  window.addEventListener("click", (e) => e.preventDefault(), true);
  window.addEventListener("submit", (e) => e.preventDefault(), true);
`;
const HOOK_HEAD = "<!doctype html><html><head><meta charset=utf-8><script>" + HOOKS + NO_NAV + "</script></head>";

const BAD_ELEMENTS = ["script", "iframe", "frame", "frameset", "object", "embed", "applet", "style",
  "link", "meta", "base", "form", "input", "button", "select", "textarea", "svg", "math", "template",
  "noscript", "video", "audio", "source", "param", "portal", "image"];

async function checkDom(page) {
  return page.evaluate((bad) => {
    const problems = [];
    for (const el of document.body.querySelectorAll("*")) {
      const n = el.localName;
      if (bad.includes(n) || el.namespaceURI !== "http://www.w3.org/1999/xhtml") problems.push("element " + n);
      for (const a of el.attributes) {
        const an = a.name.toLowerCase();
        if (an.startsWith("on") || an === "style" || an === "srcdoc" || an === "formaction" || an.includes(":"))
          problems.push("attribute " + an + " on " + n);
        if (["href", "src", "cite", "action", "poster", "background", "data"].includes(an)) {
          const v = a.value;
          const ok = /^https?:\/\//i.test(v) || /^mailto:/i.test(v) ||
            (an === "src" && n === "img" && /^data:image\/(png|gif|jpe?g|webp|avif|bmp)[;,]/i.test(v));
          if (!ok) problems.push(an + "=" + v.slice(0, 60) + " on " + n);
        }
      }
    }
    return problems;
  }, BAD_ELEMENTS);
}

// Fire the events inline handlers listen to on every element.
async function poke(page) {
  await page.evaluate(() => {
    const evs = ["mouseover", "mouseenter", "mousedown", "mouseup", "click", "dblclick", "focus",
      "focusin", "blur", "pointerover", "pointerdown", "keydown", "input", "change", "toggle",
      "load", "error", "animationstart", "transitionend", "wheel", "copy", "paste"];
    for (const el of document.body.querySelectorAll("*")) {
      for (const t of evs) {
        try { el.dispatchEvent(new Event(t, { bubbles: true, cancelable: true })); } catch (e) { }
      }
      if (typeof el.focus === "function") try { el.focus(); } catch (e) { }
    }
  });
  await page.waitForTimeout(50);
}

async function checkHtml(page, html, dialogs) {
  const found = [];
  // 1) as a whole document: parser-inserted scripts would run here
  await page.setContent(HOOK_HEAD + "<body>" + html + "</body></html>", { waitUntil: "load" });
  await page.waitForTimeout(100);
  await poke(page);
  found.push(...(await page.evaluate(() => window.__xss)));
  found.push(...(await checkDom(page)));
  // 2) inserted with innerHTML into a live page, as frontends do
  await page.setContent(HOOK_HEAD + "<body><div id=root></div></body></html>");
  await page.evaluate((h) => { document.getElementById("root").innerHTML = h; }, html);
  await page.waitForTimeout(100);
  await poke(page);
  found.push(...(await page.evaluate(() => window.__xss)));
  found.push(...(await checkDom(page)));
  found.push(...dialogs.splice(0));
  return found;
}

async function serviceHtml(file) {
  const body = fs.readFileSync(file);
  const res = await fetch(LEDE_URL + "/parse?format=html&url=" + encodeURIComponent("https://site.example/a/page.html"),
    { method: "POST", headers: { "Content-Type": "text/html; charset=utf-8" }, body });
  const text = await res.text();
  if (res.status !== 200) return { error: res.status + " " + text.slice(0, 200) };
  return { html: text };
}

const vectorFiles = XSS_DIR ? fs.readdirSync(XSS_DIR).filter((f) => f.endsWith(".html")).sort() : [];
let xssTried = 0;
test("xss vectors: no script runs (" + vectorFiles.length + " vectors x 2 renderings x 2 loads)", async () => {
  assert(vectorFiles.length >= 40, "vector corpus present (" + vectorFiles.length + ")");
  const { ctx, page } = await newPage({ javaScriptEnabled: true });
  // No network: a vector must not even reach out (and pages load fast).
  await ctx.route("**/*", (route) => route.abort());
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push("dialog:" + d.message()); d.dismiss().catch(() => { }); });
  const failures = [];
  for (const f of vectorFiles) {
    const file = path.join(XSS_DIR, f);
    const outputs = [];
    if (RENDER_TOOL && fs.existsSync(RENDER_TOOL))
      outputs.push(["sanitizer", execFileSync(RENDER_TOOL, ["--render-html", file, "https://site.example/a/page.html"]).toString()]);
    const s = await serviceHtml(file);
    if (s.error) failures.push(f + " (service): HTTP " + s.error);
    else outputs.push(["service", s.html]);
    for (const [how, html] of outputs) {
      const found = await checkHtml(page, html, dialogs);
      xssTried++;
      if (found.length) failures.push(f + " (" + how + "): " + [...new Set(found)].join("; "));
    }
  }
  await ctx.close();
  assert(failures.length === 0, failures.length + " vector(s) not neutralised:\n    " + failures.join("\n    "));
}, XSS_TIMEOUT_MS);

test("xss harness control: raw vectors are caught", async () => {
  // Without the sanitizer the same checks must fire, or the suite proves nothing.
  const { ctx, page } = await newPage();
  await ctx.route("**/*", (route) => route.abort());
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push("dialog:" + d.message()); d.dismiss().catch(() => { }); });
  const raw = {
    "img onerror": '<img src=x onerror="alert(1)">',
    "script": "<script>alert(1)</script>",
    "handler via poke": '<div onmouseover="alert(1)">x</div>',
    "javascript: href": '<a href="javascript:alert(1)">x</a>',
  };
  for (const [name, html] of Object.entries(raw)) {
    const found = await checkHtml(page, html, dialogs);
    assert(found.length > 0, "control vector not detected: " + name);
  }
  await ctx.close();
});

test("xss through the page itself (CSP on, sanitizer in front)", async () => {
  const { ctx, page } = await newPage();
  await ctx.addInitScript(HOOKS);
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(LEDE_URL + "/");
  const all = vectorFiles.map((f) => fs.readFileSync(path.join(XSS_DIR, f), "utf8")
    .replace(/^[\s\S]*?<article>/, "").replace(/<\/article>[\s\S]*$/, "")).join("\n");
  await page.check("#kind-html");
  await page.fill("#html", "<html><body><article><h1>All vectors</h1>" + all + "</article></body></html>");
  await page.click("#go");
  await page.waitForSelector("#results:not([hidden]), #error:not([hidden])");
  await page.evaluate(NO_NAV);
  await poke(page);
  const hits = await page.evaluate(() => window.__xss);
  assert(hits.length === 0 && dialogs.length === 0, "script ran: " + hits.concat(dialogs).join("; "));
  assert(await page.isVisible("#results"), "results shown: " + (await page.textContent("#error")));
  await ctx.close();
});

// ---- runner ----------------------------------------------------------------

async function main() {
  let passed = 0, failed = 0;
  const upstream = await startUpstream();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage"],
  });
  for (const t of tests) {
    if (ONLY && !t.name.includes(ONLY)) continue;
    const t0 = Date.now();
    let timer;
    try {
      await Promise.race([t.fn(), new Promise((_, rej) => { timer = setTimeout(() => rej(new Error("timeout")), t.timeout); })]);
      passed++;
      if (env.VERBOSE) console.log("  ok   " + t.name + " (" + (Date.now() - t0) + " ms)");
    } catch (e) {
      failed++;
      console.log("  FAIL " + t.name + ": " + (e && e.message ? e.message : e));
    } finally {
      clearTimeout(timer);
    }
  }
  await browser.close();
  upstream.close();
  console.log("xss renderings checked: " + xssTried);
  console.log("browser: " + passed + " passed, " + failed + " failed");
  process.exit(failed ? 1 : 0);
}

main().catch(async (e) => {
  console.log("browser suite could not run: " + (e && e.stack ? e.stack : e));
  try { if (browser) await browser.close(); } catch (_) { }
  console.log("browser: 0 passed, 1 failed");
  process.exit(1);
});
