/* render_markdown.c - the Markdown rendering of the main-content tree.
 *
 * Output is CommonMark plus GFM tables (and ~~strikethrough~~), written so a
 * CommonMark parser reads back the same text the plain-text renderer gives
 * (tests/unit/test_render.c checks that with cmark).
 *
 * How it works: one iterative walk over the tree with an explicit frame
 * stack. Inline content (text, emphasis, links, images, code spans) goes to
 * an inline buffer; a block element flushes that buffer as one block. Blocks
 * are written line by line behind the prefixes of the open containers
 * (blockquote "> ", list item marker then indentation), which is how nested
 * lists and quotes come out right at any depth.
 *
 * Wrappers (emphasis, links) note where their content starts and insert the
 * markers when they close; if a block was flushed meanwhile (a link around
 * paragraphs) the wrapper is dropped, the content kept. Text is escaped
 * where CommonMark would read it as markup: \ ` * _ [ ] < ~ and entity-like
 * &, plus the line starts that open blocks (# > - + = "1." ...).
 *
 * Only http, https and mailto links and images are kept (the same policy as
 * the HTML sanitizer, render_safe_url): Markdown is often turned into HTML
 * by tools that do not sanitise.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* CommonMark reads at most 9 digits as an ordered list number. */
#define MD_MAX_LIST_DIGITS 9
/* A fenced code block needs at least three backticks. */
#define MD_MIN_FENCE 3
/* The longest language name kept for a code fence. */
#define MD_LANG_MAX 32

enum md_frame_kind {
    F_NONE,    /* transparent (span, unknown inline elements) */
    F_SKIP,    /* nothing inside is rendered */
    F_BLOCK,   /* a block: flush before and after */
    F_SPACE,   /* a block inside inline-only content: a space either side */
    F_HEADING, /* h1-h6 */
    F_EMPH,    /* em/strong/del: wrap with marker */
    F_LINK,    /* a href */
    F_QUOTE,   /* blockquote */
    F_LIST,    /* ul/ol */
    F_ITEM,    /* li */
    F_TABLE,   /* table */
    F_ROW,     /* tr */
    F_CELL,    /* td/th */
    F_CAPTION  /* table caption */
};

typedef struct {
    enum md_frame_kind kind;
    size_t start;     /* inline buffer length when the frame opened */
    unsigned gen;     /* flush generation then */
    const char *mark; /* F_EMPH marker */
    int level;        /* F_HEADING level */
    char *url;        /* F_LINK destination, F_TABLE: unused */
    char *title;      /* F_LINK title */
    int ordered;      /* F_LIST */
    long counter;     /* F_LIST next number */
    char delim;       /* F_LIST: '-' '*' for bullets, '.' ')' for numbers */
    int header;       /* F_CELL: a <th> */
    int colspan;      /* F_CELL: columns it spans */
    int items;        /* F_LIST: items entered so far */
    void *table;      /* F_TABLE: its md_table */
} md_frame;

/* An open container that prefixes every line written inside it. */
typedef struct {
    int quote;        /* 1: blockquote; 0: list item */
    char marker[24];  /* list item: "-" or "12." */
    int used;         /* the marker line was written */
} md_container;

typedef struct {
    char **cells;
    size_t n, cap;
    int header;       /* every cell a <th>, or row in <thead> */
} md_row;

typedef struct {
    md_row *rows;
    size_t n, cap;
    char *caption;
} md_table;

typedef struct {
    const lede_ctx *ctx;
    sbuf out;
    sbuf inl;              /* inline content of the current block */
    unsigned gen;          /* bumped at every flush */
    md_frame *f;
    size_t nf, capf;
    md_container *c;
    size_t nc, capc;
    int started;           /* something was written to out */
    int blank;             /* the next block needs a blank line before */
    int inline_only;       /* >0: inside a heading/cell/caption */
    int table_depth;
    /* the last block written was a list of this delimiter, at this
     * container depth: the next list there must use another delimiter or
     * CommonMark joins them into one */
    char last_list_delim;
    size_t last_list_depth;
    /* An emphasis just closed with punctuation inside its closing marker:
     * if a letter follows, CommonMark would not close it, so the markers are
     * taken out again. Valid while inl.len == pend_end. */
    size_t pend_open, pend_close, pend_len, pend_end;
    int pend;
    int oom;
} md_state;

/* ---- small helpers ------------------------------------------------------- */

static int md_is_punct(unsigned char c)
{
    return c < 0x80 && ispunct(c);
}

static int md_is_wordch(unsigned char c)
{
    return c >= 0x80 || isalnum(c);
}

static int md_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Insert s at position pos of b. */
static void md_insert(sbuf *b, size_t pos, const char *s, size_t n)
{
    if (pos > b->len)
        pos = b->len;
    size_t tail = b->len - pos;
    sbuf_add(b, s, n); /* grow by n (content fixed below) */
    if (b->oom)
        return;
    memmove(b->s + pos + n, b->s + pos, tail);
    memcpy(b->s + pos, s, n);
}

static void md_erase(sbuf *b, size_t pos, size_t n)
{
    if (pos >= b->len)
        return;
    if (pos + n > b->len)
        n = b->len - pos;
    memmove(b->s + pos, b->s + pos + n, b->len - pos - n);
    b->len -= n;
    b->s[b->len] = '\0';
}

/* Is "&...;" at s an entity reference CommonMark would decode? */
static int md_entity_like(const char *s)
{
    const char *p = s + 1;
    if (*p == '#')
        p++;
    const char *q = p;
    while (*q && isalnum((unsigned char)*q))
        q++;
    return q > p && *q == ';';
}

/* Append text escaped for Markdown inline content. Whitespace runs become
 * one space (none at the start of the buffer); *prev_space carries state. */
static void md_put_text(sbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (md_is_space(c)) {
            if (b->len && b->s[b->len - 1] != ' ' && b->s[b->len - 1] != '\n')
                sbuf_putc(b, ' ');
            continue;
        }
        if (c < 0x20 || c == 0x7f)
            continue;
        switch (c) {
        case '\\': case '`': case '*': case '[': case ']': case '<': case '~':
            sbuf_putc(b, '\\');
            break;
        case '_': {
            /* intraword underscores never emphasise: keep snake_case */
            unsigned char p = b->len ? (unsigned char)b->s[b->len - 1] : ' ';
            unsigned char nx = i + 1 < n ? (unsigned char)s[i + 1] : ' ';
            if (!(md_is_wordch(p) && md_is_wordch(nx)))
                sbuf_putc(b, '\\');
            break;
        }
        case '&':
            if (md_entity_like(s + i))
                sbuf_putc(b, '\\');
            break;
        default:
            break;
        }
        sbuf_putc(b, (char)c);
    }
}

/* A link destination: render_safe_url already percent-encoded spaces,
 * <, >, quotes and backslashes; parentheses get a backslash. */
static void md_put_dest(sbuf *b, const char *url)
{
    for (const char *p = url; *p; p++) {
        if (*p == '(' || *p == ')')
            sbuf_putc(b, '\\');
        sbuf_putc(b, *p);
    }
}

/* A link title in double quotes. */
static void md_put_title(sbuf *b, const char *t)
{
    sbuf_puts(b, " \"");
    int sp = 0;
    for (const char *p = t; *p; p++) {
        if (md_is_space((unsigned char)*p)) {
            sp = 1;
            continue;
        }
        if (sp)
            sbuf_putc(b, ' ');
        sp = 0;
        if (*p == '"' || *p == '\\')
            sbuf_putc(b, '\\');
        sbuf_putc(b, *p);
    }
    sbuf_putc(b, '"');
}

/* ---- writing blocks ------------------------------------------------------ */

/* The prefix of the next line: containers outside in. blank=1 writes the
 * prefix of an empty line (no trailing spaces). */
static void md_prefix(md_state *st, int blank)
{
    size_t start = st->out.len;
    for (size_t i = 0; i < st->nc; i++) {
        md_container *c = &st->c[i];
        if (c->quote) {
            sbuf_puts(&st->out, "> ");
        } else if (!c->used && !blank) {
            sbuf_puts(&st->out, c->marker);
            sbuf_putc(&st->out, ' ');
            c->used = 1;
        } else {
            size_t w = strlen(c->marker) + 1;
            for (size_t k = 0; k < w; k++)
                sbuf_putc(&st->out, ' ');
        }
    }
    if (blank)
        while (st->out.len > start && st->out.s[st->out.len - 1] == ' ')
            st->out.s[--st->out.len] = '\0';
}

/* Escape what would open a block at the start of a paragraph line. */
static void md_put_line_start_escaped(sbuf *b, const char *l, size_t n)
{
    if (n && strchr("#>-+=|", l[0])) {
        sbuf_putc(b, '\\');
    } else if (n && isdigit((unsigned char)l[0])) {
        size_t d = 0;
        while (d < n && isdigit((unsigned char)l[d]))
            d++;
        if (d <= MD_MAX_LIST_DIGITS && d < n && (l[d] == '.' || l[d] == ')') &&
            (d + 1 == n || l[d + 1] == ' ')) {
            sbuf_add(b, l, d);
            sbuf_putc(b, '\\');
            sbuf_add(b, l + d, n - d);
            return;
        }
    }
    sbuf_add(b, l, n);
}

/* Write a block of lines (separated by '\n') behind the container prefixes.
 * para=1: escape line starts (paragraph text). */
static void md_write_block(md_state *st, const char *text, size_t n, int para)
{
    if (st->started && st->blank) {
        md_prefix(st, 1);
        sbuf_putc(&st->out, '\n');
    }
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < n && text[j] != '\n')
            j++;
        md_prefix(st, j == i);
        if (para)
            md_put_line_start_escaped(&st->out, text + i, j - i);
        else
            sbuf_add(&st->out, text + i, j - i);
        sbuf_putc(&st->out, '\n');
        if (j >= n)
            break;
        i = j + 1;
    }
    st->started = 1;
    st->blank = 1;
    st->last_list_delim = 0;
}

/* Write the pending blank line now, behind the current prefixes: called
 * before a container opens, so the line belongs to the outer level. */
static void md_separate(md_state *st)
{
    if (st->started && st->blank) {
        md_prefix(st, 1);
        sbuf_putc(&st->out, '\n');
    }
    st->blank = 0;
}

/* Flush the inline buffer as paragraph(s): lines from <br> become hard
 * breaks, an empty line between them (<br><br>) a paragraph break. */
static void md_flush(md_state *st)
{
    st->gen++;
    st->pend = 0;
    sbuf *in = &st->inl;
    if (!in->len)
        return;
    sbuf para;
    sbuf_init(&para);
    size_t i = 0;
    while (i <= in->len) {
        size_t j = i;
        while (j < in->len && in->s[j] != '\n')
            j++;
        size_t a = i, z = j;
        while (a < z && in->s[a] == ' ')
            a++;
        while (z > a && in->s[z - 1] == ' ')
            z--;
        if (z > a) {
            if (para.len)
                sbuf_puts(&para, "\\\n");
            sbuf_add(&para, in->s + a, z - a);
        } else if (para.len && j < in->len) {
            /* <br><br>: a paragraph break */
            md_write_block(st, para.s, para.len, 1);
            para.len = 0;
        }
        i = j + 1;
    }
    if (para.len)
        md_write_block(st, para.s, para.len, 1);
    sbuf_free(&para);
    in->len = 0;
    if (in->s)
        in->s[0] = '\0';
}

/* A space in inline content (a block boundary inside a cell or heading). */
static void md_space(md_state *st)
{
    sbuf *b = &st->inl;
    if (b->len && b->s[b->len - 1] != ' ')
        sbuf_putc(b, ' ');
}

/* ---- containers and frames ---------------------------------------------- */

static int md_push_container(md_state *st, int quote, const char *marker)
{
    if (st->nc == st->capc) {
        size_t cap = st->capc ? st->capc * 2 : 16;
        md_container *v = realloc(st->c, cap * sizeof *v);
        if (!v) {
            st->oom = 1;
            return -1;
        }
        st->c = v;
        st->capc = cap;
    }
    md_container *c = &st->c[st->nc++];
    memset(c, 0, sizeof *c);
    c->quote = quote;
    snprintf(c->marker, sizeof c->marker, "%s", marker ? marker : "");
    return 0;
}

static long md_attr_long(const xmlNode *n, const char *name, long dflt,
                         long max)
{
    const char *v = dom_attr(n, name);
    if (!v || !isdigit((unsigned char)*v))
        return dflt;
    long x = strtol(v, NULL, 10);
    return (x >= 0 && x <= max) ? x : dflt;
}

static md_frame *md_push(md_state *st, enum md_frame_kind kind)
{
    if (st->nf == st->capf) {
        size_t cap = st->capf ? st->capf * 2 : 64;
        md_frame *v = realloc(st->f, cap * sizeof *v);
        if (!v) {
            st->oom = 1;
            return NULL;
        }
        st->f = v;
        st->capf = cap;
    }
    md_frame *f = &st->f[st->nf++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->start = st->inl.len;
    f->gen = st->gen;
    return f;
}

/* The nearest open list frame (for a <li>), or NULL. */
static md_frame *md_parent_list(md_state *st)
{
    for (size_t i = st->nf; i > 0; i--) {
        md_frame *f = &st->f[i - 1];
        if (f->kind == F_LIST)
            return f;
        if (f->kind == F_ITEM || f->kind == F_QUOTE || f->kind == F_TABLE)
            return NULL;
    }
    return NULL;
}

static md_frame *md_parent_table(md_state *st)
{
    for (size_t i = st->nf; i > 0; i--)
        if (st->f[i - 1].kind == F_TABLE)
            return &st->f[i - 1];
    return NULL;
}

/* ---- tables -------------------------------------------------------------- */

static void md_table_free(md_table *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->n; r++) {
        for (size_t c = 0; c < t->rows[r].n; c++)
            free(t->rows[r].cells[c]);
        free(t->rows[r].cells);
    }
    free(t->rows);
    free(t->caption);
    free(t);
}

static md_row *md_table_add_row(md_state *st, md_table *t)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        md_row *v = realloc(t->rows, cap * sizeof *v);
        if (!v) {
            st->oom = 1;
            return NULL;
        }
        t->rows = v;
        t->cap = cap;
    }
    md_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    r->header = 1;
    return r;
}

static void md_row_add_cell(md_state *st, md_row *r, char *cell)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        char **v = realloc(r->cells, cap * sizeof *v);
        if (!v) {
            st->oom = 1;
            free(cell);
            return;
        }
        r->cells = v;
        r->cap = cap;
    }
    r->cells[r->n++] = cell;
}

/* Cell text: trimmed, one line, pipes escaped (GFM splits cells on '|'
 * before reading inline content, code spans included). */
static char *md_cell_text(const char *s, size_t n)
{
    sbuf b;
    sbuf_init(&b);
    size_t a = 0, z = n;
    while (a < z && (s[a] == ' ' || s[a] == '\n'))
        a++;
    while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\n'))
        z--;
    for (size_t i = a; i < z; i++) {
        char c = s[i] == '\n' ? ' ' : s[i];
        if (c == '|')
            sbuf_putc(&b, '\\');
        if (c == ' ' && b.len && b.s[b.len - 1] == ' ')
            continue;
        sbuf_putc(&b, c);
    }
    return sbuf_steal(&b);
}

static void md_table_write(md_state *st, md_table *t)
{
    size_t cols = 0;
    for (size_t r = 0; r < t->n; r++)
        if (t->rows[r].n > cols)
            cols = t->rows[r].n;
    if (t->caption && *t->caption) {
        md_write_block(st, t->caption, strlen(t->caption), 1);
    }
    if (!cols)
        return;
    sbuf b;
    sbuf_init(&b);
    size_t first = 0;
    while (first < t->n && t->rows[first].n == 0)
        first++;
    /* GFM needs a header row: the first row serves (a <th> row mostly). */
    for (size_t r = first; r < t->n; r++) {
        md_row *row = &t->rows[r];
        if (r != first && row->n == 0)
            continue;
        sbuf_putc(&b, '|');
        for (size_t c = 0; c < cols; c++) {
            const char *cell = c < row->n ? row->cells[c] : "";
            sbuf_putc(&b, ' ');
            sbuf_puts(&b, cell);
            sbuf_puts(&b, *cell ? " |" : "|");
        }
        sbuf_putc(&b, '\n');
        if (r == first) {
            sbuf_putc(&b, '|');
            for (size_t c = 0; c < cols; c++)
                sbuf_puts(&b, " --- |");
            sbuf_putc(&b, '\n');
        }
    }
    if (b.len && b.s[b.len - 1] == '\n')
        b.len--;
    if (b.len)
        md_write_block(st, b.s, b.len, 0);
    sbuf_free(&b);
}

/* ---- raw text collection (code) ------------------------------------------ */

/* All text under n, as is (pre=1: whitespace kept, <br> a newline) or as a
 * code span wants it (pre=0: whitespace runs one space). Skips the content
 * of script/style/template. The caller then skips n's subtree, so the walk
 * stays linear overall. */
static void md_raw_text(const xmlNode *n, sbuf *b, int pre)
{
    const xmlNode *cur = n->children;
    while (cur) {
        int skip = 0;
        if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
            for (const char *p = (const char *)cur->content; p && *p; p++) {
                if (*p == '\r')
                    continue;
                if (!pre && md_is_space((unsigned char)*p)) {
                    if (!b->len || b->s[b->len - 1] != ' ')
                        sbuf_putc(b, ' ');
                    continue;
                }
                sbuf_putc(b, *p);
            }
        } else if (cur->type == XML_ELEMENT_NODE) {
            const char *nm = dom_name(cur);
            if (!strcmp(nm, "br"))
                sbuf_putc(b, pre ? '\n' : ' ');
            else if (!strcmp(nm, "script") || !strcmp(nm, "style") ||
                     !strcmp(nm, "template"))
                skip = 1;
        }
        cur = dom_next((xmlNode *)cur, n, skip);
    }
}

/* Longest run of c in s. */
static size_t md_longest_run(const char *s, size_t n, char c)
{
    size_t best = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == c ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

static void md_code_span(sbuf *b, const char *s, size_t n)
{
    while (n && s[n - 1] == ' ' && n > 1 && s[n - 2] == ' ')
        n--;
    int all_space = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ')
            all_space = 0;
    if (!n || all_space) {
        if (n)
            sbuf_putc(b, ' ');
        return;
    }
    size_t ticks = md_longest_run(s, n, '`') + 1;
    int pad = s[0] == '`' || s[n - 1] == '`' || (s[0] == ' ' && s[n - 1] == ' ');
    for (size_t i = 0; i < ticks; i++)
        sbuf_putc(b, '`');
    if (pad)
        sbuf_putc(b, ' ');
    sbuf_add(b, s, n);
    if (pad)
        sbuf_putc(b, ' ');
    for (size_t i = 0; i < ticks; i++)
        sbuf_putc(b, '`');
}

static void md_code_block(md_state *st, const xmlNode *n)
{
    sbuf raw;
    sbuf_init(&raw);
    md_raw_text(n, &raw, 1);
    size_t a = 0, z = raw.len;
    /* one leading newline belongs to the <pre> syntax; trailing blank lines
     * are layout */
    if (a < z && raw.s[a] == '\n')
        a++;
    while (z > a && (raw.s[z - 1] == '\n' || raw.s[z - 1] == ' ' ||
                     raw.s[z - 1] == '\t'))
        z--;
    if (z == a) {
        sbuf_free(&raw);
        return;
    }
    char lang[MD_LANG_MAX + 1];
    const char *l = render_code_lang(n, lang, sizeof lang);
    size_t ticks = md_longest_run(raw.s + a, z - a, '`') + 1;
    if (ticks < MD_MIN_FENCE)
        ticks = MD_MIN_FENCE;
    sbuf b;
    sbuf_init(&b);
    for (size_t i = 0; i < ticks; i++)
        sbuf_putc(&b, '`');
    if (l)
        sbuf_puts(&b, l);
    sbuf_putc(&b, '\n');
    sbuf_add(&b, raw.s + a, z - a);
    sbuf_putc(&b, '\n');
    for (size_t i = 0; i < ticks; i++)
        sbuf_putc(&b, '`');
    md_write_block(st, b.s, b.len, 0);
    sbuf_free(&b);
    sbuf_free(&raw);
}

/* ---- elements ------------------------------------------------------------ */

/* Element names by role; anything not listed is transparent inline. */
static const char *const md_skip_elems[] = {
    "script", "style", "noscript", "template", "iframe", "object", "embed",
    "svg", "math", "canvas", "video", "audio", "source", "track", "map",
    "input", "button", "select", "textarea", "option", "head", "title",
    "meta", "link", "base", "colgroup", "col", "frame", "frameset",
    "noframes", "applet", "param", "datalist", "output", NULL};
static const char *const md_block_elems[] = {
    "p", "div", "section", "article", "main", "header", "footer", "aside",
    "nav", "address", "center", "hgroup", "figure", "figcaption", "dl", "dt",
    "dd", "details", "summary", "form", "fieldset", "legend", "body", "html",
    "dialog", "search", "listing", "thead", "tbody", "tfoot", "menu", NULL};

static int md_in_list(const char *nm, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(list[i], nm))
            return 1;
    return 0;
}

static void md_image(md_state *st, const xmlNode *n)
{
    if (st->ctx && st->ctx->opt && !st->ctx->opt->include_images)
        return;
    char *src = render_img_src(n, st->ctx);
    if (!src)
        return;
    sbuf *b = &st->inl;
    sbuf_puts(b, "![");
    const char *alt = dom_attr(n, "alt");
    if (alt) {
        size_t s0 = b->len;
        md_put_text(b, alt, strlen(alt));
        while (b->len > s0 && b->s[b->len - 1] == ' ')
            b->s[--b->len] = '\0';
    }
    sbuf_puts(b, "](");
    md_put_dest(b, src);
    const char *title = dom_attr(n, "title");
    if (title && *title)
        md_put_title(b, title);
    sbuf_putc(b, ')');
    free(src);
}

/* Close an emphasis/strikethrough or link frame: wrap the content added
 * since it opened, with its edge spaces moved outside. */
static void md_close_wrapper(md_state *st, md_frame *f)
{
    sbuf *b = &st->inl;
    if (f->gen != st->gen || f->start > b->len)
        return; /* a block was flushed inside: keep the content, drop the
                 * wrapper */
    for (size_t i = f->start; i < b->len; i++)
        if (b->s[i] == '\n')
            b->s[i] = ' ';
    size_t a = f->start, z = b->len;
    while (a < z && b->s[a] == ' ')
        a++;
    while (z > a && b->s[z - 1] == ' ')
        z--;
    if (f->kind == F_LINK) {
        if (z == a) {
            sbuf_truncate(b, f->start); /* an empty link shows nothing */
            return;
        }
        sbuf tail;
        sbuf_init(&tail);
        sbuf_puts(&tail, "](");
        md_put_dest(&tail, f->url);
        if (f->title && *f->title)
            md_put_title(&tail, f->title);
        sbuf_putc(&tail, ')');
        if (tail.oom) {
            st->oom = 1;
        } else {
            md_insert(b, z, tail.s, tail.len);
            md_insert(b, a, "[", 1);
        }
        sbuf_free(&tail);
        return;
    }
    if (z == a)
        return;
    const char *m = f->mark;
    size_t ml = strlen(m);
    unsigned char prev = a ? (unsigned char)b->s[a - 1] : ' ';
    unsigned char first = (unsigned char)b->s[a];
    unsigned char last = (unsigned char)b->s[z - 1];
    /* A delimiter run next to the same character would merge with it
     * (nested em, text ending in an escaped '*'): keep the text plain. */
    if (first == (unsigned char)m[0] || last == (unsigned char)m[0] ||
        last == '\\')
        return;
    /* Left-flanking: content starting with punctuation opens only after
     * a space or punctuation. */
    if (md_is_punct(first) && md_is_wordch(prev))
        return;
    md_insert(b, z, m, ml);
    md_insert(b, a, m, ml);
    if (md_is_punct(last)) {
        st->pend = 1;
        st->pend_open = a;
        st->pend_close = z + ml;
        st->pend_len = ml;
        st->pend_end = b->len;
    }
}

/* Before appending text: if an emphasis closed on punctuation right before
 * and this text starts with a word character, CommonMark would not close
 * it; take the markers out. */
static void md_check_pending(md_state *st, unsigned char next)
{
    if (!st->pend)
        return;
    st->pend = 0;
    if (st->inl.len != st->pend_end || !md_is_wordch(next))
        return;
    md_erase(&st->inl, st->pend_close, st->pend_len);
    md_erase(&st->inl, st->pend_open, st->pend_len);
}

static void md_enter_list(md_state *st, const xmlNode *n, int ordered)
{
    md_flush(st);
    md_frame *f = md_push(st, F_LIST);
    if (!f)
        return;
    f->ordered = ordered;
    f->counter = 1;
    if (ordered) {
        f->counter = md_attr_long(n, "start", 1, 99999999L);
    }
    char d1 = ordered ? '.' : '-', d2 = ordered ? ')' : '*';
    f->delim = (st->last_list_delim == d1 && st->last_list_depth == st->nc) ? d2
                                                                            : d1;
    if (st->nc && !st->c[st->nc - 1].quote) {
        /* a list right inside an item: no blank line needed, unless the
         * item has text and the list is numbered from other than 1 (which
         * could not interrupt a paragraph) */
        if (!st->c[st->nc - 1].used || !ordered || f->counter == 1)
            st->blank = 0;
    }
}

static void md_enter_item(md_state *st, const xmlNode *n)
{
    md_flush(st);
    md_frame *lf = md_parent_list(st);
    if (lf && lf->items++ > 0)
        st->blank = 0; /* tight list: items follow each other */
    md_separate(st);
    char marker[24];
    if (lf && lf->ordered) {
        lf->counter = md_attr_long(n, "value", lf->counter, 99999999L);
        snprintf(marker, sizeof marker, "%ld%c", lf->counter, lf->delim);
        lf->counter++;
    } else {
        snprintf(marker, sizeof marker, "%c", lf ? lf->delim : '-');
    }
    if (md_push(st, F_ITEM))
        md_push_container(st, 0, marker);
}

/* Enter an element; returns 1 to walk its children. */
static int md_enter(md_state *st, const xmlNode *n)
{
    const char *nm = dom_name(n);
    const lede_options *opt = st->ctx ? st->ctx->opt : NULL;
    if (render_is_html5_void(nm) && strcmp(nm, "img") && strcmp(nm, "br") &&
        strcmp(nm, "hr")) {
        /* wbr, source, embed...: nothing of their own, but libxml2 nests
         * the following siblings inside them */
        md_push(st, F_NONE);
        return 1;
    }
    if (n->ns || md_in_list(nm, md_skip_elems)) {
        md_push(st, F_SKIP);
        return 0;
    }
    if (!strcmp(nm, "img")) {
        md_check_pending(st, '!');
        md_image(st, n);
        md_push(st, F_SKIP);
        return 0;
    }
    if (!strcmp(nm, "br")) {
        if (st->inline_only)
            md_space(st);
        else
            sbuf_putc(&st->inl, '\n');
        md_push(st, F_SKIP);
        return 0;
    }
    if (!strcmp(nm, "code") || !strcmp(nm, "kbd") || !strcmp(nm, "samp") ||
        !strcmp(nm, "tt") || (!strcmp(nm, "pre") && st->inline_only)) {
        sbuf raw;
        sbuf_init(&raw);
        md_raw_text(n, &raw, 0);
        md_check_pending(st, '`');
        md_code_span(&st->inl, raw.s ? raw.s : "", raw.len);
        sbuf_free(&raw);
        md_push(st, F_SKIP);
        return 0;
    }
    if (!strcmp(nm, "pre")) {
        md_flush(st);
        md_code_block(st, n);
        md_push(st, F_SKIP);
        return 0;
    }
    int is_heading = nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2];
    int is_table_part = !strcmp(nm, "table") || !strcmp(nm, "tr") ||
                        !strcmp(nm, "td") || !strcmp(nm, "th") ||
                        !strcmp(nm, "caption");
    int is_block = is_heading || is_table_part || !strcmp(nm, "blockquote") ||
                   !strcmp(nm, "ul") || !strcmp(nm, "ol") ||
                   !strcmp(nm, "li") || !strcmp(nm, "hr") ||
                   md_in_list(nm, md_block_elems);
    if (st->inline_only && is_block) {
        md_space(st);
        md_push(st, F_SPACE);
        return strcmp(nm, "hr") != 0;
    }
    if (is_heading) {
        md_flush(st);
        md_frame *f = md_push(st, F_HEADING);
        if (f)
            f->level = nm[1] - '0';
        st->inline_only++;
        return 1;
    }
    if (!strcmp(nm, "hr")) {
        md_flush(st);
        md_write_block(st, "---", 3, 0);
        md_push(st, F_SKIP);
        return 0;
    }
    if (!strcmp(nm, "blockquote")) {
        md_flush(st);
        md_separate(st);
        if (md_push(st, F_QUOTE))
            md_push_container(st, 1, NULL);
        return 1;
    }
    if (!strcmp(nm, "ul") || !strcmp(nm, "ol") || !strcmp(nm, "menu")) {
        md_enter_list(st, n, !strcmp(nm, "ol"));
        return 1;
    }
    if (!strcmp(nm, "li")) {
        md_enter_item(st, n);
        return 1;
    }
    if (!strcmp(nm, "table")) {
        md_flush(st);
        md_frame *f = md_push(st, F_TABLE);
        if (f) {
            f->table = calloc(1, sizeof(md_table));
            if (!f->table)
                st->oom = 1;
        }
        st->table_depth++;
        return 1;
    }
    if (!strcmp(nm, "tr")) {
        md_frame *tf = md_parent_table(st);
        if (tf && tf->table) {
            md_row *r = md_table_add_row(st, tf->table);
            if (r && n->parent && !strcmp(dom_name(n->parent), "thead"))
                r->header = 2;
        }
        md_push(st, F_ROW);
        return 1;
    }
    if (!strcmp(nm, "td") || !strcmp(nm, "th") || !strcmp(nm, "caption")) {
        md_frame *tf = md_parent_table(st);
        if (!tf) {
            /* a stray cell: a plain block */
            md_flush(st);
            md_push(st, F_BLOCK);
            return 1;
        }
        md_frame *f = md_push(st, !strcmp(nm, "caption") ? F_CAPTION : F_CELL);
        if (f) {
            f->header = !strcmp(nm, "th");
            /* GFM has no spans: a spanning cell is followed by empty ones */
            f->colspan = (int)md_attr_long(n, "colspan", 1, 64);
        }
        st->inline_only++;
        return 1;
    }
    if (md_in_list(nm, md_block_elems)) {
        md_flush(st);
        md_push(st, F_BLOCK);
        return 1;
    }
    if (!strcmp(nm, "em") || !strcmp(nm, "i") || !strcmp(nm, "cite") ||
        !strcmp(nm, "dfn") || !strcmp(nm, "var")) {
        md_frame *f = md_push(st, F_EMPH);
        if (f)
            f->mark = "*";
        return 1;
    }
    if (!strcmp(nm, "strong") || !strcmp(nm, "b")) {
        md_frame *f = md_push(st, F_EMPH);
        if (f)
            f->mark = "**";
        return 1;
    }
    if (!strcmp(nm, "del") || !strcmp(nm, "s") || !strcmp(nm, "strike")) {
        md_frame *f = md_push(st, F_EMPH);
        if (f)
            f->mark = "~~";
        return 1;
    }
    if (!strcmp(nm, "a")) {
        const char *h = dom_attr(n, "href");
        char *url = (h && (!opt || opt->include_links))
                        ? render_safe_url(st->ctx, h, 0)
                        : NULL;
        if (!url) {
            md_push(st, F_NONE);
            return 1;
        }
        md_check_pending(st, '[');
        md_frame *f = md_push(st, F_LINK);
        if (!f) {
            free(url);
            return 0;
        }
        f->url = url;
        const char *t = dom_attr(n, "title");
        f->title = (t && *t) ? strdup(t) : NULL;
        return 1;
    }
    md_push(st, F_NONE);
    return 1;
}

static void md_leave(md_state *st)
{
    if (!st->nf)
        return;
    md_frame f = st->f[--st->nf];
    switch (f.kind) {
    case F_NONE:
    case F_SKIP:
        break;
    case F_SPACE:
        md_space(st);
        break;
    case F_BLOCK:
        md_flush(st);
        break;
    case F_HEADING: {
        st->inline_only--;
        sbuf *b = &st->inl;
        size_t a = 0, z = b->len;
        while (a < z && (b->s[a] == ' ' || b->s[a] == '\n'))
            a++;
        while (z > a && (b->s[z - 1] == ' ' || b->s[z - 1] == '\n'))
            z--;
        if (z > a) {
            sbuf h;
            sbuf_init(&h);
            for (int i = 0; i < f.level; i++)
                sbuf_putc(&h, '#');
            sbuf_putc(&h, ' ');
            for (size_t i = a; i < z; i++)
                sbuf_putc(&h, b->s[i] == '\n' ? ' ' : b->s[i]);
            /* a trailing '#' would read as a closing sequence */
            if (h.s[h.len - 1] == '#') {
                h.s[h.len - 1] = '\\';
                sbuf_putc(&h, '#');
            }
            md_write_block(st, h.s, h.len, 0);
            sbuf_free(&h);
        }
        b->len = 0;
        if (b->s)
            b->s[0] = '\0';
        st->gen++;
        st->pend = 0;
        break;
    }
    case F_EMPH:
    case F_LINK:
        md_close_wrapper(st, &f);
        free(f.url);
        free(f.title);
        break;
    case F_QUOTE:
        md_flush(st);
        if (st->nc)
            st->nc--;
        st->blank = 1;
        break;
    case F_LIST:
        md_flush(st);
        st->blank = 1;
        st->last_list_delim = f.delim;
        st->last_list_depth = st->nc;
        break;
    case F_ITEM: {
        md_flush(st);
        if (st->nc)
            st->nc--;
        st->blank = 0;
        break;
    }
    case F_TABLE: {
        st->table_depth--;
        md_flush(st); /* stray text in the table, outside cells */
        md_table *t = f.table;
        if (t)
            md_table_write(st, t);
        md_table_free(t);
        break;
    }
    case F_ROW:
        break;
    case F_CELL:
    case F_CAPTION: {
        st->inline_only--;
        md_frame *tf = md_parent_table(st);
        md_table *t = tf ? tf->table : NULL;
        sbuf *b = &st->inl;
        size_t from = f.start <= b->len ? f.start : b->len;
        char *cell = md_cell_text(b->s ? b->s + from : "", b->len - from);
        b->len = from;
        if (b->s)
            b->s[from] = '\0';
        st->gen++;
        st->pend = 0;
        if (!cell) {
            st->oom = 1;
            break;
        }
        if (!t) {
            free(cell);
            break;
        }
        if (f.kind == F_CAPTION) {
            free(t->caption);
            t->caption = cell;
            break;
        }
        if (!t->n && !md_table_add_row(st, t)) {
            free(cell);
            break;
        }
        md_row *r = &t->rows[t->n - 1];
        if (!f.header && r->header == 1)
            r->header = 0;
        md_row_add_cell(st, r, cell);
        for (int k = 1; k < f.colspan && !st->oom; k++) {
            char *e = strdup("");
            if (e)
                md_row_add_cell(st, r, e);
            else
                st->oom = 1;
        }
        break;
    }
    }
}

/* ---- YAML front matter ---------------------------------------------------- */

/* A YAML double-quoted scalar: \ " and control characters escaped. */
static void md_yaml_str(sbuf *b, const char *s)
{
    sbuf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            sbuf_putc(b, '\\');
            sbuf_putc(b, (char)*p);
        } else if (*p == '\n') {
            sbuf_puts(b, "\\n");
        } else if (*p == '\t') {
            sbuf_puts(b, "\\t");
        } else if (*p < 0x20 || *p == 0x7f) {
            sbuf_printf(b, "\\x%02x", *p);
        } else {
            sbuf_putc(b, (char)*p);
        }
    }
    sbuf_putc(b, '"');
}

static void md_yaml_field(sbuf *b, const char *key, const char *v)
{
    if (!v || !*v)
        return;
    sbuf_puts(b, key);
    sbuf_puts(b, ": ");
    md_yaml_str(b, v);
    sbuf_putc(b, '\n');
}

static void md_yaml_list(sbuf *b, const char *key, char **v, size_t n)
{
    if (!v || !n)
        return;
    sbuf_puts(b, key);
    sbuf_puts(b, ":\n");
    for (size_t i = 0; i < n; i++) {
        if (!v[i])
            continue;
        sbuf_puts(b, "  - ");
        md_yaml_str(b, v[i]);
        sbuf_putc(b, '\n');
    }
}

/* The article's metadata as YAML front matter (--front-matter). */
static void md_front_matter(sbuf *b, const lede_article *a)
{
    sbuf_puts(b, "---\n");
    md_yaml_field(b, "title", a->title);
    if (a->n_authors > 1)
        md_yaml_list(b, "authors", a->authors, a->n_authors);
    else
        md_yaml_field(b, "author", a->author);
    md_yaml_field(b, "date", a->date_published);
    md_yaml_field(b, "date_modified", a->date_modified);
    md_yaml_field(b, "description", a->description);
    md_yaml_field(b, "site_name", a->site_name);
    md_yaml_field(b, "language", a->language);
    md_yaml_field(b, "url", a->canonical_url ? a->canonical_url : a->url);
    md_yaml_field(b, "image", a->image);
    md_yaml_list(b, "tags", a->tags, a->n_tags);
    sbuf_puts(b, "---\n\n");
}

/* ---- entry point ---------------------------------------------------------- */

char *render_markdown(const xmlNode *root, const lede_ctx *ctx)
{
    md_state st;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    sbuf_init(&st.out);
    sbuf_init(&st.inl);
    if (ctx && ctx->opt && ctx->opt->front_matter && ctx->art)
        md_front_matter(&st.out, ctx->art);

    const xmlNode *n = root;
    while (n) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            descend = md_enter(&st, n);
        } else if ((n->type == XML_TEXT_NODE ||
                    n->type == XML_CDATA_SECTION_NODE) && n->content) {
            const char *s = (const char *)n->content;
            size_t len = strlen(s);
            if (len)
                md_check_pending(&st, (unsigned char)s[0]);
            md_put_text(&st.inl, s, len);
        }
        if (st.oom || st.inl.oom || st.out.oom)
            break;
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE)
            md_leave(&st);
        while (n != root && !n->next) {
            n = n->parent;
            if (n->type == XML_ELEMENT_NODE)
                md_leave(&st);
        }
        if (n == root)
            break;
        n = n->next;
    }
    int oom = st.oom || st.inl.oom || st.out.oom;
    if (!oom)
        md_flush(&st);
    /* frames left open only on oom: free what they own */
    while (st.nf) {
        md_frame *f = &st.f[--st.nf];
        free(f->url);
        free(f->title);
        if (f->kind == F_TABLE)
            md_table_free(f->table);
    }
    free(st.f);
    free(st.c);
    sbuf_free(&st.inl);
    if (oom || st.out.oom) {
        sbuf_free(&st.out);
        return NULL;
    }
    return sbuf_steal(&st.out);
}
