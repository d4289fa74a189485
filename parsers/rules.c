/* rules.c - what class names, ids and tags mean to the content extractor.
 *
 * Data only, grouped and named by purpose (the trafilatura way): which
 * names mark the article body (in order of trust), which mark boilerplate
 * (navigation, share bars, related links, cookie and newsletter banners),
 * comments, hidden elements, the story's lead, the Readability-like class
 * weights, and the phrases that tell boilerplate by its text where no class
 * name does (end-section labels, calls to action, disclosures, "see also"
 * labels: matched case-folded, see rules.h). The
 * algorithm lives in content.c and reads these tables; adding a rule is
 * adding a row here.
 *
 * Keywords are compared with the lower-cased attribute value.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "rules.h"

#define K(kw, attr, how, group) {kw, attr, how, group}

const rules_kw rules_keywords[] = {
    /* ---- content areas, level 1: names that say "the article body" ---- */
    K("post-text", RA_CLASS, RM_CONTAINS, RG_AREA1),
    K("post_text", RA_CLASS, RM_CONTAINS, RG_AREA1),
    K("post-body", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("post-entry", RA_CLASS, RM_CONTAINS, RG_AREA1),
    K("postentry", RA_CLASS, RM_CONTAINS, RG_AREA1),
    K("post-content", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("post_content", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("postcontent", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("post__content", RA_CLASS, RM_CONTAINS, RG_AREA1),
    K("article-text", RA_CLASS, RM_CONTAINS, RG_AREA1),
    K("articletext", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("article_text", RA_CLASS, RM_CONTAINS, RG_AREA1),
    K("entry-content", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("entry_content", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("article-content", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("article_content", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("article__content", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("articlecontent", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("article-body", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("article_body", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("article__body", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("articlebody", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("text-content", RA_CLASS, RM_CONTAINS, RG_AREA1),
    K("body-text", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("article__container", RA_CLASS, RM_CONTAINS, RG_AREA1),
    K("art-content", RA_BOTH, RM_CONTAINS, RG_AREA1),
    K("post", RA_CLASS, RM_EQUALS, RG_AREA1),
    K("entry", RA_CLASS, RM_EQUALS, RG_AREA1),

    /* ---- level 2: story / single post / full text ---- */
    K("post-bodycopy", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("storycontent", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("story-content", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("story-body", RA_BOTH, RM_CONTAINS, RG_AREA2),
    K("story_body", RA_BOTH, RM_CONTAINS, RG_AREA2),
    K("postarea", RA_CLASS, RM_EQUALS, RG_AREA2),
    K("art-postcontent", RA_CLASS, RM_EQUALS, RG_AREA2),
    K("theme-content", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("blog-content", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("section-content", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("single-content", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("single-post", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("main-column", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("wpb_text_column", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("field-body", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("fulltext", RA_CLASS, RM_CONTAINS, RG_AREA2),
    K("primary", RA_ID, RM_PREFIX, RG_AREA2),
    K("article", RA_CLASS, RM_TOKEN, RG_AREA2),
    K("article", RA_ID, RM_EQUALS, RG_AREA2),
    K("text", RA_CLASS, RM_EQUALS, RG_AREA2),
    K("cell", RA_CLASS, RM_EQUALS, RG_AREA2),
    K("story", RA_BOTH, RM_EQUALS, RG_AREA2),

    /* ---- level 3: generic main-content names ---- */
    K("content-main", RA_BOTH, RM_CONTAINS, RG_AREA3),
    K("content_main", RA_BOTH, RM_CONTAINS, RG_AREA3),
    K("content-body", RA_BOTH, RM_CONTAINS, RG_AREA3),
    K("contentbody", RA_ID, RM_CONTAINS, RG_AREA3),
    K("content__body", RA_CLASS, RM_CONTAINS, RG_AREA3),
    K("main-content", RA_BOTH, RM_CONTAINS, RG_AREA3),
    K("maincontent", RA_BOTH, RM_CONTAINS, RG_AREA3),
    K("main_content", RA_BOTH, RM_CONTAINS, RG_AREA3),
    K("page-content", RA_CLASS, RM_CONTAINS, RG_AREA3),
    K("content", RA_BOTH, RM_EQUALS, RG_AREA3),

    /* ---- level 4: "main..." prefixes ---- */
    K("main", RA_BOTH, RM_PREFIX, RG_AREA4),

    /* ---- boilerplate: always pruned inside the content ---- */
    K("footer", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("related", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("share", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("sharing", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("social", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("sociable", RA_CLASS, RM_CONTAINS, RG_BOILER),
    K("syndication", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("addtoany", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("newsletter", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("subscribe", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("signup", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("sign-up", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("cookie", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("consent", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("gdpr", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("sidebar", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("banner", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("breadcrumb", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("bread-crumb", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("nav", RA_CLASS, RM_PREFIX, RG_BOILER),
    K("-nav", RA_CLASS, RM_CONTAINS, RG_BOILER),
    K("_nav", RA_CLASS, RM_CONTAINS, RG_BOILER),
    K(" nav", RA_CLASS, RM_CONTAINS, RG_BOILER),
    K("navbar", RA_CLASS, RM_CONTAINS, RG_BOILER),
    K("navigation", RA_CLASS, RM_CONTAINS, RG_BOILER),
    K("nav", RA_ID, RM_CONTAINS, RG_BOILER),
    K("menu", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("toolbar", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("-ad-", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("ad", RA_BOTH, RM_TOKEN, RG_BOILER),
    K("ads", RA_BOTH, RM_TOKEN, RG_BOILER),
    K("ad-", RA_BOTH, RM_PREFIX, RG_BOILER),
    K("advert", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("adsense", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("sponsor", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("promo", RA_BOTH, RM_WORD, RG_BOILER),
    K("outbrain", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("taboola", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("criteo", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("yarpp", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("jp-", RA_ID, RM_PREFIX, RG_BOILER),
    K("popup", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("modal", RA_BOTH, RM_WORD, RG_BOILER),
    K("masthead", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("pagination", RA_BOTH, RM_WORD, RG_BOILER),
    K("pager", RA_BOTH, RM_WORD, RG_BOILER),
    K("most-popular", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("mostpopular", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("most-read", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("login", RA_BOTH, RM_WORD, RG_BOILER),
    K("paywall", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("copyright", RA_BOTH, RM_CONTAINS, RG_BOILER),
    K("skip", RA_BOTH, RM_WORD, RG_BOILER),
    K("jump-link", RA_CLASS, RM_CONTAINS, RG_BOILER), /* "Jump to navigation" */
    K("search", RA_BOTH, RM_WORD, RG_BOILER),
    K("recommend", RA_BOTH, RM_CONTAINS, RG_BOILER),
    /* the same boxes named in other languages (adverts, sharing, related) */
    K("werbung", RA_BOTH, RM_WORD, RG_BOILER),
    K("anzeige", RA_BOTH, RM_WORD, RG_BOILER),
    K("publicidad", RA_BOTH, RM_WORD, RG_BOILER),
    K("publicite", RA_BOTH, RM_WORD, RG_BOILER),
    K("pubblicita", RA_BOTH, RM_WORD, RG_BOILER),
    K("reklama", RA_BOTH, RM_WORD, RG_BOILER),
    K("advertentie", RA_BOTH, RM_WORD, RG_BOILER),
    K("teilen", RA_BOTH, RM_WORD, RG_BOILER),
    K("partage", RA_BOTH, RM_WORD, RG_BOILER),
    K("compartir", RA_BOTH, RM_WORD, RG_BOILER),
    K("condividi", RA_BOTH, RM_WORD, RG_BOILER),
    K("verwandt", RA_BOTH, RM_WORD, RG_BOILER),
    K("relacionad", RA_BOTH, RM_WORD, RG_BOILER),

    /* ---- weak boilerplate: pruned when short or link-heavy ---- */
    K("header", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("header", RA_BOTH, RM_CONTAINS, RG_HEADBOX),
    K("meta", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("byline", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("author", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("autor", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("caption", RA_CLASS, RM_WORD, RG_WEAK),
    K("credit", RA_CLASS, RM_WORD, RG_WEAK),
    K("legend", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("tags", RA_BOTH, RM_WORD, RG_WEAK),
    K("tag-list", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("taglist", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("rating", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("button", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("btn", RA_CLASS, RM_WORD, RG_WEAK),
    K("timestamp", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("print", RA_BOTH, RM_WORD, RG_WEAK),
    K("widget", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("overlay", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("carousel", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("slide", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("teaser", RA_CLASS, RM_WORD, RG_WEAK),
    K("read-more", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("readmore", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("more-", RA_CLASS, RM_PREFIX, RG_WEAK),
    K("-stories", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("next-", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("trending", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("popular", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("disclaimer", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("contact", RA_BOTH, RM_WORD, RG_WEAK),
    K("follow", RA_BOTH, RM_WORD, RG_WEAK),
    K("feedback", RA_BOTH, RM_CONTAINS, RG_WEAK),
    K("rss", RA_BOTH, RM_TOKEN, RG_WEAK),
    K("poll", RA_BOTH, RM_TOKEN, RG_WEAK),
    K("toc", RA_BOTH, RM_TOKEN, RG_WEAK),
    K("info-box", RA_CLASS, RM_CONTAINS, RG_WEAK),
    K("article-info", RA_CLASS, RM_WORD, RG_WEAK), /* Joomla's author/date/hits list */
    K("infobox", RA_CLASS, RM_CONTAINS, RG_WEAK),

    /* ---- the story's lead (standfirst, teaser text, excerpt) ---- */
    K("teaser-text", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("teasertext", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("article-teaser", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("article-lead", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("article__lead", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("lead", RA_CLASS, RM_TOKEN, RG_LEAD),
    K("lede", RA_CLASS, RM_TOKEN, RG_LEAD),
    K("text-lead", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("lead-text", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("hero-text", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("hero__text", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("standfirst", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("intro", RA_CLASS, RM_WORD, RG_LEAD),
    K("excerpt", RA_CLASS, RM_WORD, RG_LEAD),
    K("entry-summary", RA_CLASS, RM_CONTAINS, RG_LEAD),
    K("subheadline", RA_CLASS, RM_WORD, RG_LEAD),
    K("sub-headline", RA_CLASS, RM_WORD, RG_LEAD),
    K("subtitle", RA_CLASS, RM_WORD, RG_LEAD),
    K("abstract", RA_CLASS, RM_WORD, RG_LEAD),

    /* ---- comments ---- */
    K("comment", RA_BOTH, RM_CONTAINS, RG_COMMENTS),
    K("disqus", RA_BOTH, RM_CONTAINS, RG_COMMENTS),
    K("respond", RA_ID, RM_EQUALS, RG_COMMENTS),
    K("reply", RA_BOTH, RM_PREFIX, RG_COMMENTS),
    K("-reply-", RA_CLASS, RM_CONTAINS, RG_COMMENTS),

    /* ---- hidden by class ---- */
    K("hidden", RA_CLASS, RM_TOKEN, RG_HIDDEN),
    K("hide", RA_CLASS, RM_TOKEN, RG_HIDDEN),
    K("d-none", RA_CLASS, RM_TOKEN, RG_HIDDEN),
    K("sr-only", RA_CLASS, RM_TOKEN, RG_HIDDEN),
    K("screen-reader-text", RA_CLASS, RM_TOKEN, RG_HIDDEN),
    K("visually-hidden", RA_CLASS, RM_TOKEN, RG_HIDDEN),
    K("visuallyhidden", RA_CLASS, RM_TOKEN, RG_HIDDEN),
    K("element-invisible", RA_CLASS, RM_TOKEN, RG_HIDDEN),
    K("invisible", RA_CLASS, RM_TOKEN, RG_HIDDEN),

    /* ---- Readability-like class weights ---- */
    K("article", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("body", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("content", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("entry", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("hentry", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("main", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("page", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("post", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("text", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("blog", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("story", RA_BOTH, RM_CONTAINS, RG_POSITIVE),
    K("hidden", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("banner", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("combx", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("comment", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("com-", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("contact", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("foot", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("masthead", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("media", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("meta", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("outbrain", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("promo", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("related", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("scroll", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("share", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("shoutbox", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("sidebar", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("skyscraper", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("sponsor", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("shopping", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("tags", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("tool", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("widget", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("-ad-", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("nav", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
    K("menu", RA_BOTH, RM_CONTAINS, RG_NEGATIVE),
};
const size_t rules_n_keywords = sizeof rules_keywords / sizeof rules_keywords[0];

/* Counting sort of the rows by first byte, then each bucket sorted by
 * second byte (buckets hold a few dozen rows): per extraction. */
void rules_index_build(rules_index *ix)
{
    unsigned count[257];
    memset(count, 0, sizeof count);
    size_t n = rules_n_keywords;
    if (n > sizeof ix->order / sizeof ix->order[0])
        n = sizeof ix->order / sizeof ix->order[0];
    for (size_t i = 0; i < n; i++)
        count[(unsigned char)rules_keywords[i].kw[0] + 1]++;
    for (int b = 1; b <= 256; b++)
        count[b] += count[b - 1];
    for (int b = 0; b <= 256; b++)
        ix->start[b] = (unsigned short)count[b];
    memset(ix->second, 0, sizeof ix->second);
    for (size_t i = 0; i < n; i++) {
        const char *kw = rules_keywords[i].kw;
        unsigned char b = (unsigned char)kw[0];
        unsigned char b2 = (unsigned char)kw[1];
        size_t kl = strlen(kw);
        ix->len[count[b]] = (unsigned char)kl;
        ix->b2[count[b]] = b2;
        ix->order[count[b]++] = (unsigned short)i;
        if (kl < 2) /* a one-byte keyword matches before any byte */
            memset(ix->second[b], 0xff, sizeof ix->second[b]);
        else
            ix->second[b][b2 >> 5] |= 1u << (b2 & 31);
    }
    for (int b = 0; b < 256; b++)
        for (unsigned r = ix->start[b] + 1u; r < ix->start[b + 1]; r++)
            for (unsigned q = r; q > ix->start[b] && ix->b2[q - 1] > ix->b2[q]; q--) {
                unsigned char tb = ix->b2[q], tl = ix->len[q];
                unsigned short to = ix->order[q];
                ix->b2[q] = ix->b2[q - 1];
                ix->len[q] = ix->len[q - 1];
                ix->order[q] = ix->order[q - 1];
                ix->b2[q - 1] = tb;
                ix->len[q - 1] = tl;
                ix->order[q - 1] = to;
            }
}

/* Cost: O(len * rows sharing the first two bytes); `s` must be
 * NUL-terminated at s[len]. */
unsigned rules_match(const rules_index *ix, const char *s, size_t len,
                     unsigned attr)
{
    unsigned groups = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        unsigned char b2 = (unsigned char)s[i + 1]; /* NUL-terminated */
        if (ix->start[b] == ix->start[b + 1] ||
            !(ix->second[b][b2 >> 5] & (1u << (b2 & 31))))
            continue;
        for (unsigned r = ix->start[b]; r < ix->start[b + 1]; r++) {
            size_t kl = ix->len[r];
            if (ix->b2[r] != b2 && kl > 1) {
                if (ix->b2[r] > b2)
                    break; /* rows sorted by second byte: none further */
                continue;
            }
            const rules_kw *k = &rules_keywords[ix->order[r]];
            if (!(k->attr & attr) || (groups & k->group) || kl > len - i)
                continue;
            size_t j = 2; /* the first two bytes matched above */
            while (j < kl && s[i + j] == k->kw[j])
                j++;
            if (j < kl)
                continue;
            switch (k->how) {
            case RM_CONTAINS:
                break;
            case RM_PREFIX:
                if (i != 0)
                    continue;
                break;
            case RM_EQUALS:
                if (i != 0 || kl != len)
                    continue;
                break;
            case RM_WORD:
                if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '-' && s[i - 1] != '_')
                    continue;
                break;
            case RM_TOKEN:
                if ((i > 0 && s[i - 1] != ' ') ||
                    (i + kl < len && s[i + kl] != ' '))
                    continue;
                break;
            }
            groups |= k->group;
        }
    }
    return groups;
}

/* ---- tags ---------------------------------------------------------------- */

typedef struct {
    const char *name;
    unsigned what;
    int weight; /* Readability-like initial candidate weight */
} rules_tagdef;

/* Sorted by name for bsearch. */
static const rules_tagdef rules_tags[] = {
    {"a", RT_INLINE_KEEP, 0},
    {"abbr", RT_INLINE_KEEP, 0},
    {"address", RT_BLOCK, -3},
    {"applet", RT_DROP, 0},
    {"area", RT_DROP, 0},
    {"article", RT_BLOCK, 0},
    {"aside", RT_BLOCK | RT_BOILER, 0},
    {"audio", RT_DROP, 0},
    {"b", RT_INLINE_KEEP, 0},
    {"blockquote", RT_BLOCK, 3},
    {"body", RT_BLOCK, 0},
    {"button", RT_DROP, 0},
    {"canvas", RT_DROP, 0},
    {"caption", RT_BLOCK, 0},
    {"center", RT_BLOCK, 0},
    {"cite", RT_INLINE_KEEP, 0},
    {"code", RT_INLINE_KEEP, 0},
    {"datalist", RT_DROP, 0},
    {"dd", RT_BLOCK, -3},
    {"del", RT_INLINE_KEEP, 0},
    {"details", RT_BLOCK, 0},
    {"dialog", RT_DROP, 0},
    {"dir", RT_BLOCK, 0},
    {"div", RT_BLOCK, 5},
    {"dl", RT_BLOCK, -3},
    {"dt", RT_BLOCK, -3},
    {"em", RT_INLINE_KEEP, 0},
    {"embed", 0, 0}, /* void in HTML5; libxml2 nests what follows in it */
    {"fieldset", RT_BLOCK, 0},
    {"figcaption", RT_BLOCK, 0},
    {"figure", RT_BLOCK, 0},
    {"footer", RT_BLOCK | RT_BOILER, 0},
    {"form", RT_BLOCK, -3},
    {"frame", RT_DROP, 0},
    {"frameset", RT_DROP, 0},
    {"h1", RT_BLOCK | RT_HEADING, -5},
    {"h2", RT_BLOCK | RT_HEADING, -5},
    {"h3", RT_BLOCK | RT_HEADING, -5},
    {"h4", RT_BLOCK | RT_HEADING, -5},
    {"h5", RT_BLOCK | RT_HEADING, -5},
    {"h6", RT_BLOCK | RT_HEADING, -5},
    {"header", RT_BLOCK, 0},
    {"hgroup", RT_BLOCK, 0},
    {"hr", RT_BLOCK, 0},
    {"html", RT_BLOCK, 0},
    {"i", RT_INLINE_KEEP, 0},
    {"iframe", RT_DROP, 0},
    {"input", RT_DROP, 0},
    {"ins", RT_INLINE_KEEP, 0},
    {"kbd", RT_INLINE_KEEP, 0},
    {"label", RT_DROP, 0},
    {"legend", RT_BLOCK, 0},
    {"li", RT_BLOCK, -3},
    {"link", RT_DROP, 0},
    {"main", RT_BLOCK, 0},
    {"map", RT_DROP, 0},
    {"mark", RT_INLINE_KEEP, 0},
    {"math", RT_DROP, 0},
    {"menu", RT_BLOCK | RT_BOILER, 0},
    {"meta", RT_DROP, 0},
    {"nav", RT_BLOCK | RT_BOILER, 0},
    {"object", RT_DROP, 0},
    {"ol", RT_BLOCK, -3},
    {"optgroup", RT_DROP, 0},
    {"option", RT_DROP, 0},
    {"p", RT_BLOCK | RT_PARA, 0},
    {"param", RT_DROP, 0},
    {"pre", RT_BLOCK | RT_PARA, 3},
    {"q", RT_INLINE_KEEP, 0},
    /* ruby annotations (furigana readings, pinyin) are read aloud, not
     * text: kept they double every annotated word in plain text */
    {"rp", RT_DROP, 0},
    {"rt", RT_DROP, 0},
    {"s", RT_INLINE_KEEP, 0},
    {"samp", RT_INLINE_KEEP, 0},
    {"script", RT_DROP, 0},
    {"section", RT_BLOCK, 0},
    {"select", RT_DROP, 0},
    {"small", RT_INLINE_KEEP, 0},
    {"source", 0, 0}, /* void in HTML5; libxml2 nests what follows in it */
    {"strong", RT_INLINE_KEEP, 0},
    {"style", RT_DROP, 0},
    {"sub", RT_INLINE_KEEP, 0},
    {"summary", RT_BLOCK, 0},
    {"sup", RT_INLINE_KEEP, 0},
    {"svg", RT_DROP, 0},
    {"table", RT_BLOCK, 0},
    {"tbody", RT_BLOCK, 0},
    {"td", RT_BLOCK | RT_PARA, 3},
    {"template", RT_DROP, 0},
    {"textarea", RT_DROP, 0},
    {"tfoot", RT_BLOCK, 0},
    {"th", RT_BLOCK, -5},
    {"thead", RT_BLOCK, 0},
    {"title", RT_DROP, 0},
    {"tr", RT_BLOCK, 0},
    {"track", 0, 0}, /* void in HTML5; libxml2 nests what follows in it */
    {"tt", RT_INLINE_KEEP, 0},
    {"u", RT_INLINE_KEEP, 0},
    {"ul", RT_BLOCK, -3},
    {"var", RT_INLINE_KEEP, 0},
    {"video", RT_DROP, 0},
};

static int rules_tag_cmp(const void *key, const void *row)
{
    return strcmp((const char *)key, ((const rules_tagdef *)row)->name);
}

static const rules_tagdef *rules_tag_find(const char *name)
{
    return bsearch(name, rules_tags, sizeof rules_tags / sizeof rules_tags[0],
                   sizeof rules_tags[0], rules_tag_cmp);
}

unsigned rules_tag(const char *name)
{
    const rules_tagdef *d = rules_tag_find(name);
    return d ? d->what : 0;
}

int rules_tag_weight(const char *name)
{
    const rules_tagdef *d = rules_tag_find(name);
    return d ? d->weight : 0;
}

/* schema.org itemprop values (case-insensitive) and what they mark. */
const rules_itemprop rules_itemprops[] = {
    {"articlebody", 0, RG_AREA1}, /* anywhere in the value */
    {"description", 1, RG_LEAD},  /* the whole value: the story's summary,
                                   * shown as its standfirst */
    {NULL, 0, 0},
};

unsigned rules_itemprop_groups(const char *v)
{
    unsigned g = 0;
    size_t n = strlen(v);
    for (const rules_itemprop *r = rules_itemprops; r->value; r++) {
        size_t k = strlen(r->value);
        if (r->whole ? (n == k && !strncasecmp(v, r->value, k))
                     : (strcasestr(v, r->value) != NULL))
            g |= r->group;
    }
    return g;
}

const char *const rules_lazy_src_attrs[] = {
    "data-src", "data-lazy-src", "data-original", "data-lazy", "data-url",
    "data-hi-res-src", "data-full-src", NULL,
};

const char *const rules_placeholder_src[] = {
    "data:", "blank.gif", "spacer.gif", "pixel.gif", "transparent.gif",
    "placeholder", "lazy.", "loading.gif", NULL,
};

/* Tokens only script code holds, for text a self-closed <script .../>
 * left outside the element (content.c, ct_stray_script_text). */
const char *const rules_script_markers[] = {
    "function(", "function ()", "=>", "document.", "window.", "var ",
    "JSON.", "addEventListener", NULL,
};

/* ---- end-of-article sections told by their text ------------------------- */

/* Labels opening a section after the story: author bio, related reading,
 * contact box, citation notes, "while you are here" appeals. Lower-case,
 * matched at the start of a short block. */
const char *const rules_tail_labels[] = {
    /* about the author */
    "about the author", "about the authors", "über den autor",
    "über die autorin", "über die autoren", "zur person", "à propos de l'auteur",
    "sobre el autor", "sobre la autora", "o autorze", "sull'autore", "sobre o autor",
    "sobre a autora", "over de auteur", "om författaren", "об авторе",
    /* about this series / publication */
    "über diese reihe", "about this series",
    /* contact boxes of press releases */
    "pressekontakt", "ansprechpartner", "kontakt", "contact", "media contact",
    "press contact",
    /* related reading */
    "schon gelesen", "auch auf", "lesen sie auch", "lesen sie mehr",
    "mehr zum thema", "weitere artikel", "das könnte sie auch interessieren",
    "das könnte dich auch interessieren", "ähnliche beiträge", "ähnliche artikel",
    "zum weiterlesen", "weiterlesen", "lust auf mehr", "related", "you may also like",
    "you might also like", "read more", "read next", "more from", "à lire aussi",
    "lire aussi", "te puede interesar", "lee también", "czytaj też", "czytaj także",
    "zobacz też", "related coverage", "related stories", "related articles",
    "related posts", "related content", "related links", "related news",
    "related topics", "more stories", "more on this story", "more on this topic",
    "weitere meldungen", "weitere nachrichten", "verwandte artikel",
    "verwandte themen", "artículos relacionados", "noticias relacionadas",
    "articles liés", "articles similaires", "articoli correlati",
    "potrebbe interessarti", "ti potrebbe interessare", "artigos relacionados",
    "notícias relacionadas", "você também pode gostar", "gerelateerde artikelen",
    "relaterade artiklar", "relaterte artikler", "relaterede artikler", "похожие статьи",
    "читайте также",
    /* the editors' picks after the story */
    "empfehlungen aus der redaktion", "unsere empfehlungen", "editor's picks",
    "editors' picks", "recommended for you", "recommended stories",
    /* citation notes and appeals */
    "pour citer cet article", "suggested citation", "while you are here",
    /* permalinks and picture credits of the page */
    "permalink", "permalien", "titelbild", "beitragsbild", "bildnachweis",
    "bildquelle", "image credit", "photo credit", "header image",
    /* links to the neighbouring posts */
    "vorschau auf den nächsten", "nächster artikel", "vorheriger artikel",
    "next article", "previous article", "next post", "previous post",
    /* the comments area */
    "kommentare", "keine kommentare", "kommentar schreiben",
    "schreibe einen kommentar", "comments", "no comments", "leave a comment",
    "leave a reply", "commenti", "lascia un commento", "comentários",
    "deixe um comentário", "reacties", "laat een reactie achter", "kommentarer",
    "комментарии",
    /* partner logos */
    "unsere partner", "our partners",
    /* page revision notes after the story */
    "aktualisiert am", "zuletzt aktualisiert", "last modified", "last updated",
    /* source lines after the story (attribution, not prose) */
    "quelle:", "source:", "fuente:", "fonte:", "źródło:",
    NULL,
};

/* Calls to action and notices: follow, subscribe, support, log in, rights.
 * Lower-case, matched as whole words anywhere in a short block (marks: see
 * rules_phrase_in). */
const char *const rules_cta_phrases[] = {
    /* follow us */
    "follow us", "follow me", "keep up with me", "like us on", "folgen sie uns",
    "folgt mir", "folge mir", "folgt uns", "liken sie uns", "síguenos", "siguenos",
    "suivez-nous", "seguici", "obserwuj nas", "volg ons", "siga-nos", "följ oss",
    "følg os", "følg oss", "подписывайтесь",
    /* subscribe */
    "subscribe*", "sign up for", "newsletter*", "abonnieren", "abonniere",
    "abonnez-vous", "je m'abonne", "je m\u2019abonne", "suscríbete", "suscribirse",
    "subskrypc*", "zapraszamy", "iscriviti", "inscreva-se", "assine já", "abonneer",
    "prenumerera",
    /* apps */
    "download the", "download our",
    /* support us */
    "support our", "supporting our", "support us", "unterstützen sie", "apoya el periodismo",
    "apoya nuestr*",
    "apóyanos", "hazte miembro", "soutenez",
    /* don't miss out */
    "nichts mehr verpassen", "nichts mehr versäumen", "nichts verpassen",
    "never miss", "don't miss out",
    /* donation appeals */
    "we need your help", "help us continue", "spenden sie", "jetzt spenden",
    "unseren journalismus",
    /* stay up to date */
    "bleib auf dem laufenden", "bleiben sie auf dem laufenden", "stay up to date",
    "stay in the loop",
    /* feedback to the editors */
    "we want to hear",
    /* log in to comment */
    "eingeloggt", "einloggen", "logged in", "log in to",
    /* save to a reading list */
    "auf meine merkliste", "zur merkliste", "artikel merken", "add to favorites",
    "add to reading list", "save for later",
    /* share this */
    "share this", "artikel teilen", "beitrag teilen", "partager cet article",
    /* cookie notices */
    "uses cookies", "use cookies", "cookie policy", "cookie settings",
    "verwendet cookies", "nutzt cookies", "setzt cookies", "cookie-richtlinie",
    "utilise des cookies", "utiliza cookies", "utilizamos cookies",
    /* rights and licence notices */
    "all rights reserved", "alle rechte vorbehalten", "todos los derechos reservados",
    "tous droits réservés", "copyrighted", "chroniony prawem",
    "unter der lizenz", "cc-by",
    NULL,
};

/* Disclosures of advertising and affiliate links at the top of a post. A
 * leading '^': the phrase must open the block (alone it is common prose). */
const char *const rules_disclosure_phrases[] = {
    "enthält werbung", "^werbung für", "unbezahlte werbung", "gesponserter beitrag",
    "bezahlte partnerschaft", "affiliate link*", "affiliate-link*", "contains affiliate",
    "our advertisers", "sponsored post", "sponsored content", "paid partnership",
    NULL,
};

/* Labels of inline links to other stories ("MIRA: ...", "Lesen Sie auch:"). */
const char *const rules_see_also_labels[] = {
    "mira", "puedes ver", "lee también", "lea también", "te puede interesar",
    "más información", "lesen sie auch", "auch interessant", "mehr zum thema",
    "weiterlesen", "read also", "read more", "see also", "related", "czytaj też",
    "czytaj także", "zobacz też", "zobacz także", "à lire aussi", "lire aussi",
    /* the same in more languages (Italian, Portuguese, Dutch, Nordic,
     * Russian, Czech, Turkish) */
    "also read", "voir aussi", "lire également", "à lire également", "siehe auch",
    "leggi anche", "leia também", "leia mais", "veja também", "lees ook", "läs också",
    "les også", "læs også", "читайте также", "смотрите также", "přečtěte si také",
    "ayrıca okuyun",
    NULL,
};

/* Lower-case copy of text (Unicode simple mapping), whitespace runs (and
 * no-break spaces) made one space, leading bullets, quotes and dashes cut.
 * Returns the length, or 0 when text is longer than cap - 1 bytes. */
static size_t rules_fold(const char *text, char *buf, size_t cap)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    size_t n = 0;
    int space = 1; /* drop leading spaces */
    int lead = 1;  /* still in the leading decoration */
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(text);
    if ((size_t)left >= cap)
        return 0;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l;
        if (*p < 0x80) { /* ASCII without a table lookup */
            cp = *p;
            l = 1;
        } else {
            l = utf8proc_iterate(p, left, &cp);
            if (l <= 0) {
                l = 1;
                cp = 0xFFFD;
            }
        }
        p += l;
        left -= l;
        int ws = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
                 cp == 0xA0 || cp == 0x202F || cp == 0x2009;
        if (ws) {
            if (!space && n + 1 < cap)
                buf[n++] = ' ';
            space = 1;
            continue;
        }
        if (lead && (cp == 0xBB || cp == 0x203A || cp == '>' || cp == '-' ||
                     cp == 0x2013 || cp == 0x2014 || cp == 0x2022 || cp == '*' ||
                     cp == 0x25BA || cp == 0x25B6))
            continue;
        lead = 0;
        space = 0;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t el;
        if (cp < 0x80) {
            enc[0] = (utf8proc_uint8_t)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
            el = 1;
        } else {
            el = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        }
        if (n + (size_t)el + 1 >= cap)
            return 0;
        memcpy(buf + n, enc, (size_t)el);
        n += (size_t)el;
    }
    while (n && buf[n - 1] == ' ')
        n--;
    buf[n] = '\0';
    return n;
}

int rules_tail_label(const char *text)
{
    char buf[RULES_PHRASE_TEXT];
    size_t n = text ? rules_fold(text, buf, sizeof buf) : 0;
    if (!n)
        return 0;
    /* a count before the label ("0 Kommentare", "12 comments") */
    size_t d = 0;
    while (d < n && buf[d] >= '0' && buf[d] <= '9')
        d++;
    const char *s = d && d < n && buf[d] == ' ' ? buf + d + 1 : buf;
    n -= (size_t)(s - buf);
    for (int k = 0; rules_tail_labels[k]; k++) {
        size_t l = strlen(rules_tail_labels[k]);
        if (l <= n && !memcmp(s, rules_tail_labels[k], l))
            return 1;
    }
    return 0;
}

/* The whole text of an empty slot's label: an advert's "Anzeige" whose
 * advert was dropped, a widget's "Loading...", a sharing bar's "Teilen"
 * (lower-case; leading and trailing dashes ("- Anzeige -"), trailing dots,
 * ellipsis and ':' ignored). */
const char *const rules_slot_labels[] = {
    "anzeige", "werbung", "advertisement", "advertisements", "advert", "publicidad",
    "publicité", "pubblicità", "reklama", "sponsored", "gesponsert",
    "loading", "wird geladen", "lädt", "cargando", "chargement",
    /* an image's zoom hint, an embed's fallback link */
    "click to enlarge", "zum vergrößern anklicken", "zum vergrößern bitte anklicken",
    "zum vergrößern klicken", "cliquez pour agrandir", "view this post on instagram",
    "sieh dir diesen beitrag auf instagram an", "voir cette publication sur instagram",
    "ver esta publicación en instagram",
    /* the line a page puts where an advert interrupts the story */
    "story continues below advertisement", "article continues below advertisement",
    "story continues below", "article continues below", "continue reading below",
    "advertisement - continue reading below", "artikel wird nach der anzeige fortgesetzt",
    "weiterlesen nach der anzeige", "lesen sie nach der anzeige weiter",
    "nach der anzeige weiterlesen", "la suite après cette publicité",
    "l'article continue après la publicité", "continúa después de la publicidad",
    /* a sharing or print button's label left without its buttons */
    "share", "share this", "share this article", "share this story", "teilen",
    "artikel teilen", "beitrag teilen", "seite teilen", "partager", "compartir",
    "condividi", "udostępnij", "print", "drucken", "artikel drucken",
    "seite drucken", "imprimer", "imprimir",
    /* a save-to-reading-list button's label */
    "auf meine merkliste", "zur merkliste", "merken", "artikel merken", "save",
    "save for later", "bookmark", "add to favorites", "add to reading list",
    /* the same labels in more languages */
    "publicidade", "advertentie", "annonce", "annons", "annonse", "реклама", "reklam",
    "gesponsord", "patrocinado", "sponsorizzato", "caricamento", "carregando",
    "загрузка", "compartilhar", "partilhar", "delen", "dela", "del", "поделиться",
    "sdílet", "paylaş", "stampa", "afdrukken", NULL,
};

int rules_slot_label(const char *text)
{
    char buf[RULES_PHRASE_TEXT];
    size_t n = text ? rules_fold(text, buf, sizeof buf) : 0;
    for (;;) {
        if (n && (buf[n - 1] == ':' || buf[n - 1] == '.' || buf[n - 1] == ' ' ||
                  buf[n - 1] == '-'))
            n--;
        else if (n >= 3 && (!memcmp(buf + n - 3, "\xE2\x80\xA6", 3) || /* … */
                            !memcmp(buf + n - 3, "\xE2\x80\x93", 3) || /* – */
                            !memcmp(buf + n - 3, "\xE2\x80\x94", 3)))  /* — */
            n -= 3;
        else
            break;
    }
    buf[n] = '\0';
    if (!n)
        return 0;
    for (int k = 0; rules_slot_labels[k]; k++)
        if (!strcmp(buf, rules_slot_labels[k]))
            return 1;
    return 0;
}

/* Titles of a table-of-contents box (whole text, lower-case): left alone
 * when the box's list of in-page links was pruned. */
const char *const rules_toc_labels[] = {
    "table of contents", "contents", "in this article", "on this page",
    "inhaltsverzeichnis", "in diesem artikel", "auf dieser seite", "sommaire",
    "table des matières", "dans cet article", "tabla de contenidos",
    "índice de contenidos", "en este artículo", "indice dei contenuti",
    "spis treści",
    NULL, /* not "Inhalt", "Índice": also a review's or a report's section */
};

int rules_toc_label(const char *text)
{
    char buf[RULES_PHRASE_TEXT];
    size_t n = text ? rules_fold(text, buf, sizeof buf) : 0;
    while (n && (buf[n - 1] == ':' || buf[n - 1] == ' '))
        n--;
    buf[n] = '\0';
    if (!n)
        return 0;
    for (int k = 0; rules_toc_labels[k]; k++)
        if (!strcmp(buf, rules_toc_labels[k]))
            return 1;
    return 0;
}

/* How PHP prints a diagnostic into the page ("Warning: Creating default
 * object from empty value in /www/x/wp-includes/classes.php on line 407"):
 * the label opens the line, which ends with " on line <number>". */
const char *const rules_php_notice_labels[] = {
    "warning:", "notice:", "deprecated:", "strict standards:", "fatal error:",
    "parse error:", "catchable fatal error:", NULL,
};

int rules_php_notice(const char *text)
{
    if (!text)
        return 0;
    while (*text == ' ' || *text == '\n' || *text == '\t')
        text++;
    int labelled = 0;
    for (int k = 0; rules_php_notice_labels[k] && !labelled; k++)
        labelled = !strncasecmp(text, rules_php_notice_labels[k],
                                strlen(rules_php_notice_labels[k]));
    if (!labelled || !strstr(text, ".php"))
        return 0;
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\n' || text[n - 1] == '\t'))
        n--;
    size_t d = n;
    while (d && text[d - 1] >= '0' && text[d - 1] <= '9')
        d--;
    return d < n && d >= 9 && !memcmp(text + d - 9, " on line ", 9);
}

/* Labels of a picture credit line ("Foto: Name", "Photo credit: Agency"),
 * lower-case, each followed by ':' in the text. */
const char *const rules_credit_labels[] = {
    "foto", "fotos", "photo", "photos", "photo credit", "photo credits",
    "photograph", "photography", "image", "image credit", "images", "credit",
    "credits", "bild", "bilder", "bildquelle", "fotografía", "crédito",
    "créditos", "zdjęcie", "fot", "kuva", "фото", "beeld", "immagine", "imagem",
    "crediti", NULL,
};

int rules_credit_line(const char *text)
{
    char buf[RULES_PHRASE_TEXT];
    size_t n = text ? rules_fold(text, buf, sizeof buf) : 0;
    if (!n)
        return 0;
    const char *rest = NULL;
    if (!strncmp(buf, "\xC2\xA9", 2)) { /* (c) sign */
        rest = buf + 2;
    } else {
        for (int k = 0; rules_credit_labels[k] && !rest; k++) {
            size_t l = strlen(rules_credit_labels[k]);
            if (l >= n || memcmp(buf, rules_credit_labels[k], l))
                continue;
            const char *p = buf + l;
            while (*p == ' ')
                p++;
            if (*p == ':')
                rest = p + 1;
        }
    }
    if (!rest)
        return 0;
    /* a name or an agency, a few words: no sentence */
    int words = 0, inword = 0;
    for (const char *p = rest; *p; p++) {
        if (*p == ' ') {
            inword = 0;
        } else if (!inword) {
            inword = 1;
            words++;
        }
    }
    return words >= 1 && words <= RULES_CREDIT_WORDS;
}

/* Words of a credit (the text after its label): 1 to RULES_CREDIT_WORDS
 * space-separated words, none ending a sentence (". " inside: prose goes
 * on after the credit). A closing ')' of "(Foto: X)" may end it. */
static int rules_credit_words(const char *p)
{
    int words = 0, inword = 0;
    for (; *p; p++) {
        if (*p == ' ') {
            inword = 0;
        } else {
            if ((*p == '.' || *p == '!' || *p == '?') && p[1] == ' ')
                return 0;
            if (!inword)
                words++;
            inword = 1;
        }
    }
    return words >= 1 && words <= RULES_CREDIT_WORDS;
}

int rules_credit_tail(const char *text)
{
    /* every credit mark holds ':' or the (c) sign, which folding keeps:
     * most paragraphs have neither and are not folded at all */
    if (!text || (!strchr(text, ':') && !strstr(text, "\xC2\xA9")))
        return 0;
    char buf[RULES_PHRASE_TEXT];
    size_t n = rules_fold(text, buf, sizeof buf);
    if (n < 2)
        return 0;
    if (buf[n - 1] == ')') /* "(Foto: X)": the credit is the bracket */
        buf[--n] = '\0';
    /* the last credit mark: a label and ':' or the (c) sign, at a word
     * start; the caption before it has ended (". ", ") ", " - ", "(") */
    for (size_t i = n; i-- > 1;) {
        const char *rest = NULL;
        if (buf[i - 1] != ' ' && buf[i - 1] != '(')
            continue;
        if (!strncmp(buf + i, "\xC2\xA9", 2))
            rest = buf + i + 2;
        for (int k = 0; rules_credit_labels[k] && !rest; k++) {
            size_t l = strlen(rules_credit_labels[k]);
            if (i + l < n && !memcmp(buf + i, rules_credit_labels[k], l) &&
                buf[i + l] == ':')
                rest = buf + i + l + 1;
        }
        if (!rest)
            continue;
        /* what stands before: a finished caption or an opening bracket */
        const char *b = buf + i - 1;
        if (*b == ' ' && b > buf)
            b--;
        if (!(*b == '(' || *b == '.' || *b == '!' || *b == '?' || *b == ')' ||
              *b == '-' || *b == '|' || *b == '/' ||
              (b >= buf + 2 && (!memcmp(b - 2, "\xE2\x80\x93", 3) ||
                                !memcmp(b - 2, "\xE2\x80\x94", 3)))))
            return 0;
        return rules_credit_words(rest);
    }
    return 0;
}

/* Words that put a person's name in a section label: "About Jane Doe",
 * "Über Max Muster" (lower-case, with their trailing space). */
const char *const rules_about_words[] = {
    "about ", "more about ", "über ", "à propos de ", "sobre ", "acerca de ",
    /* the author box's "Written by <name>" (Medium, Ghost, news CMSs) */
    "written by ", "geschrieben von ", "verfasst von ", "écrit par ", "escrito por ",
    NULL,
};

int rules_about_name(const char *text, char *const *names, size_t n_names)
{
    char buf[RULES_PHRASE_TEXT], nb[RULES_PHRASE_TEXT];
    size_t n = text ? rules_fold(text, buf, sizeof buf) : 0;
    while (n && (buf[n - 1] == ':' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    if (!n)
        return 0;
    for (int k = 0; rules_about_words[k]; k++) {
        size_t l = strlen(rules_about_words[k]);
        if (l >= n || memcmp(buf, rules_about_words[k], l))
            continue;
        for (size_t a = 0; a < n_names; a++)
            if (names[a] && rules_fold(names[a], nb, sizeof nb) &&
                !strcmp(buf + l, nb))
                return 1;
    }
    return 0;
}

int rules_label_only(const char *text)
{
    char buf[RULES_PHRASE_TEXT];
    size_t n = text ? rules_fold(text, buf, sizeof buf) : 0;
    while (n && (buf[n - 1] == ':' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    if (!n)
        return 0;
    for (int k = 0; rules_tail_labels[k]; k++)
        if (!strcmp(buf, rules_tail_labels[k]))
            return 1;
    return 0;
}

/* A byte that continues a word: ASCII letters and digits, and any byte of a
 * multi-byte UTF-8 character (letters, mostly). */
static int rules_word_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80;
}

/* A phrase of table as whole words in the folded text: it starts and ends
 * at word bounds ("apoya" is not in "apoyar la investidura"). Marks in the
 * table: a leading '^' = the phrase must open the text; a trailing '*' = a
 * stem, any word ending may follow ("newsletter*" in "newsletters"). */
static int rules_phrase_in(const char *const *table, const char *text)
{
    char buf[RULES_PHRASE_TEXT];
    size_t n = text ? rules_fold(text, buf, sizeof buf) : 0;
    if (!n)
        return 0;
    for (int k = 0; table[k]; k++) {
        const char *ph = table[k];
        int opens = ph[0] == '^';
        ph += opens;
        size_t l = strlen(ph);
        int stem = l && ph[l - 1] == '*';
        l -= (size_t)stem;
        if (!l || l > n)
            continue;
        const char *end = buf + n;
        for (const char *at = buf; at + l <= end; at++) {
            at = memchr(at, ph[0], (size_t)(end - at));
            if (!at || at + l > end)
                break;
            if (memcmp(at, ph, l))
                continue;
            size_t off = (size_t)(at - buf);
            if (opens && off)
                break;
            if (off && rules_word_byte((unsigned char)at[-1]))
                continue;
            if (!stem && off + l < n && rules_word_byte((unsigned char)at[l]))
                continue;
            return 1;
        }
    }
    return 0;
}

int rules_is_cta(const char *text)
{
    return rules_phrase_in(rules_cta_phrases, text);
}

int rules_is_disclosure(const char *text)
{
    return rules_phrase_in(rules_disclosure_phrases, text);
}

int rules_is_see_also(const char *text)
{
    char buf[RULES_PHRASE_TEXT];
    size_t n = text ? rules_fold(text, buf, sizeof buf) : 0;
    if (!n)
        return 0;
    for (int k = 0; rules_see_also_labels[k]; k++) {
        size_t l = strlen(rules_see_also_labels[k]);
        if (l > n || memcmp(buf, rules_see_also_labels[k], l))
            continue;
        const char *p = buf + l;
        while (*p == ' ')
            p++;
        if (*p == ':')
            return 1;
    }
    return 0;
}
