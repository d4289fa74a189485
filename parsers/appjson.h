/* appjson.h - article bodies that exist only in embedded app-state JSON
 * (appjson.c): Next.js __NEXT_DATA__, window.__INITIAL_STATE__ and other
 * `X = {...}` assignments, generic <script type="application/json"> blobs.
 *
 * Three steps, each cheap unless the page needs it:
 *   1. meta_scan.c's one DOM walk asks appjson_is_candidate() about each
 *      script (reads a few hundred bytes) and keeps pointers to the hits;
 *   2. appjson_take() (before content_extract, which frees body scripts)
 *      moves those script elements out of the DOM into ctx->appjson;
 *   3. appjson_extract() (after content_extract) parses them only when the
 *      DOM result is thin and no JSON-LD articleBody exists, and puts the
 *      longest prose body it finds in place of the thin content.
 */
#ifndef LEDE_APPJSON_H
#define LEDE_APPJSON_H

#include <stddef.h>

#include "internal.h"

/* Does this <script> element look like app-state JSON? 2: framework state
 * (__NEXT_DATA__ id, a `__NAME__ = {` assignment), 1: another JSON blob or
 * `x = {` assignment, 0: no. Reads at most APPJSON_HEAD_SCAN bytes. */
int appjson_is_candidate(const xmlNode *script);

/* The metadata walk's capture: keep script in slots[0..cap) when it is a
 * candidate; when full, framework state replaces a generic blob. */
void appjson_capture(xmlNode **slots, size_t *n, size_t cap, xmlNode *script);

/* Step 2: detach the scripts the metadata walk found (ctx->meta_scan) into
 * ctx->appjson (freed with the context). No-op when there are none. */
void appjson_take(lede_ctx *ctx);

/* Step 3: returns 1 when ctx->content was replaced by an app-JSON body. */
int appjson_extract(lede_ctx *ctx);

/* ---- the finder (exposed for unit tests) -------------------------------- */
typedef struct {
    char *body;      /* malloc'd: HTML when is_html, else plain text with one
                        paragraph per line (or blank-line separated) */
    int is_html;
    size_t text_len; /* bytes of prose text (tags not counted) */
    int level;       /* 2: inside an object titled like the page; 1: inside
                        its parent (a sibling of it); 0: elsewhere */
    int title_seen;  /* some object of some blob is titled like the page */
} appjson_body;

/* Look for an article body in one script's text: JSON (is_json) or
 * JavaScript holding `name = {...}` / `name = JSON.parse("...")`
 * assignments. titles: the page's titles squashed (meta_squash), NULL-ended,
 * or NULL; a body inside an object with that title (headline, title...)
 * beats one beside it, which beats any other; then the longer prose wins.
 * Subtrees under stop keys (cookie, consent, comments, related...) and of
 * embed/ad kinds are skipped. Replaces *best (freeing its
 * body) when a better body is found; returns 1 then, else 0. Bounded:
 * APPJSON_MAX_BYTES of input, APPJSON_MAX_NODES JSON values. */
int appjson_find(const char *txt, size_t len, int is_json, const char *const *titles,
                 appjson_body *best);

/* Prose text length of a candidate (tags skipped when is_html), or 0 when it
 * does not read as prose: too short, few sentence ends, URL- or code-heavy. */
size_t appjson_prose_len(const char *s, size_t len, int is_html);

void appjson_body_free(appjson_body *b);

#endif
