/* rules.h - the content-extraction rules as data (see rules.c).
 *
 * The algorithm (content.c) never names a class or an id: it asks which
 * rule groups an element's class/id/role/itemprop match, and what a tag
 * means. Adding a rule is adding a row in rules.c.
 */
#ifndef LEDE_RULES_H
#define LEDE_RULES_H

#include <stddef.h>

/* Rule groups, a bitmask: an element can match several. */
enum {
    /* Ordered content areas: the first element (document order) matching the
     * lowest level wins, then the next level is tried (trafilatura's idea). */
    RG_AREA1 = 1u << 0,   /* explicit article-body names (entry-content...) */
    RG_AREA2 = 1u << 1,   /* story / single-post / fulltext names */
    RG_AREA3 = 1u << 2,   /* generic main-content names */
    RG_AREA4 = 1u << 3,   /* "main", "content" prefixes */
    RG_BOILER = 1u << 4,  /* navigation, share, related, footer, cookie... */
    RG_WEAK = 1u << 5,    /* likely boilerplate; pruned in precision mode or
                           * when short or link-heavy */
    RG_COMMENTS = 1u << 6,/* user comments area */
    RG_POSITIVE = 1u << 7,/* Readability-like positive class weight */
    RG_NEGATIVE = 1u << 8,/* Readability-like negative class weight */
    RG_HIDDEN = 1u << 9,  /* class tokens that hide an element */
    RG_LEAD = 1u << 10,   /* the story's lead / standfirst / teaser text:
                           * content even when its names look weak */
    RG_HEADBOX = 1u << 11 /* a header box by name: kept when it holds the
                           * lead (RG_WEAK otherwise) */
};
#define RG_AREA_ANY (RG_AREA1 | RG_AREA2 | RG_AREA3 | RG_AREA4)

/* How a keyword is compared with the lower-cased attribute value. */
enum {
    RM_CONTAINS = 0, /* anywhere */
    RM_PREFIX,       /* at the start of the value */
    RM_EQUALS,       /* the whole value */
    RM_TOKEN,        /* one whole space-separated token */
    RM_WORD          /* at the start of a word: after start, ' ', '-', '_' */
};

/* Which attribute a keyword applies to (bitmask). */
enum { RA_CLASS = 1, RA_ID = 2, RA_BOTH = 3 };

typedef struct {
    const char *kw;      /* lower-case keyword */
    unsigned char attr;  /* RA_* */
    unsigned char how;   /* RM_* */
    unsigned short group;/* one RG_* bit */
} rules_kw;

extern const rules_kw rules_keywords[];
extern const size_t rules_n_keywords;

/* Per-extraction index of rules_keywords by first byte, so matching one
 * attribute costs about its length times a few comparisons. */
typedef struct {
    unsigned short start[257]; /* rows with first byte b: order[start[b]..start[b+1]) */
    unsigned short order[512];
    unsigned char len[512];    /* keyword length, by order position */
    unsigned char b2[512];     /* keyword's second byte, by order position;
                                  a bucket's rows are sorted by it */
    unsigned int second[256][8]; /* bitset: second bytes seen after byte b */
} rules_index;

void rules_index_build(rules_index *ix);
/* Groups matched by a lower-cased class (attr = RA_CLASS) or id value. */
unsigned rules_match(const rules_index *ix, const char *lower, size_t len,
                     unsigned attr);

/* What a tag is, for the content stage (bitmask). */
enum {
    RT_DROP = 1u << 0,      /* removed with its subtree before anything */
    RT_BLOCK = 1u << 1,     /* block-level: ends a run of inline content */
    RT_PARA = 1u << 2,      /* paragraph-like: scored as a text block */
    RT_BOILER = 1u << 3,    /* boilerplate by tag (nav, aside, footer...) */
    RT_HEADING = 1u << 4,
    RT_INLINE_KEEP = 1u << 5/* inline element kept in the output tree */
};
unsigned rules_tag(const char *name);

/* Tag-based weight of a Readability-like candidate (div +5, td +3...). */
int rules_tag_weight(const char *name);

/* End-of-article sections that are not the story, told by their text (no
 * class name needed), for the content stage's tail trim:
 *   rules_tail_label: a short block that opens such a section ("About the
 *     author", "Mehr zum Thema", "Pressekontakt"): the text starts with a
 *     label of rules_tail_labels;
 *   rules_is_cta: a call to action or notice ("Follow us on", "Subscribe
 *     now", "Unterstützen Sie", "All rights reserved"): a phrase of
 *     rules_cta_phrases as whole words anywhere in the text (a trailing
 *     '*' in the table marks a stem: "newsletter*" matches "newsletters").
 * Both compare case-insensitively (Unicode simple lower case) after leading
 * bullets and quote marks; text longer than RULES_PHRASE_TEXT bytes never
 * matches. O(text length * phrases). */
#define RULES_PHRASE_TEXT 512
extern const char *const rules_tail_labels[];
extern const char *const rules_cta_phrases[];
int rules_tail_label(const char *text);
/* The whole text is one of rules_tail_labels (a trailing ':' allowed): the
 * leftover title of a box that was pruned, wherever it stands. */
int rules_label_only(const char *text);
/* The whole text is an empty slot's label (rules_slot_labels: "Anzeige",
 * "Advertisement", "Loading..."), trailing dots and ':' ignored. */
extern const char *const rules_slot_labels[];
int rules_slot_label(const char *text);
/* A PHP diagnostic printed into the page: a label of
 * rules_php_notice_labels ("Warning:", "Deprecated:", "Strict
 * Standards:"...) opens the text, a ".php" path is in it and it ends with
 * " on line <number>". O(text length). */
extern const char *const rules_php_notice_labels[];
int rules_php_notice(const char *text);
/* The whole text is a table-of-contents title (rules_toc_labels:
 * "Table of Contents", "Inhaltsverzeichnis", "Sommaire"; a trailing ':'
 * allowed). */
extern const char *const rules_toc_labels[];
int rules_toc_label(const char *text);
/* A picture credit line: a label of rules_credit_labels and ':' ("Foto:
 * Name", "Photo credit: Agency"), or the (c) sign, then 1 to
 * RULES_CREDIT_WORDS words (the caller rules out sentences). */
#define RULES_CREDIT_WORDS 8
extern const char *const rules_credit_labels[];
int rules_credit_line(const char *text);
/* A caption that ends with its picture credit ("Marco Odermatt, Ski-Star.
 * (c) AFP / NAME", "Son tres periodos. Foto: Andina", "... (Foto: Getty)"):
 * the last label of rules_credit_labels and ':' (after a finished
 * sentence, a bracket or a dash) or the (c) sign, then 1 to
 * RULES_CREDIT_WORDS words and no further sentence. */
int rules_credit_tail(const char *text);
/* The whole text is "About <name>" (rules_about_words, a trailing ':'
 * allowed) for one of the page's n_names authors: the label of the
 * author's bio box after the story. */
extern const char *const rules_about_words[];
int rules_about_name(const char *text, char *const *names, size_t n_names);
/* Disclosure notices that open a post ("Dieser Beitrag enthält Werbung",
 * "contains affiliate links", "from one of our advertisers"): a phrase of
 * rules_disclosure_phrases as whole words (the '^' ones only opening the
 * text: alone they are common prose; '*' marks stems). */
extern const char *const rules_disclosure_phrases[];
int rules_is_disclosure(const char *text);
/* Inline "see also" lines ("MIRA: <headline>", "Lesen Sie auch: ..."): the
 * text starts with a label of rules_see_also_labels followed by ':'. */
extern const char *const rules_see_also_labels[];
int rules_is_see_also(const char *text);
int rules_is_cta(const char *text);

/* itemprop values that mark content parts (articleBody: the body area;
 * description: the lead). whole = 1: the value must equal it, else it may
 * appear anywhere in the value. Matched case-insensitively. O(rows). */
typedef struct {
    const char *value;
    int whole;
    unsigned group; /* RG_* */
} rules_itemprop;
extern const rules_itemprop rules_itemprops[];
unsigned rules_itemprop_groups(const char *value);

/* Attribute names that may hold the real URL of a lazy image, best first. */
extern const char *const rules_lazy_src_attrs[];
/* Substrings of a src that mark a placeholder image (spacer, data: URI). */
extern const char *const rules_placeholder_src[];
extern const char *const rules_script_markers[];

#endif
