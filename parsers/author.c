/* author.c - the article's authors: names only, several kept.
 *
 * Sources by priority: the JSON-LD article's author/creator (@id links
 * resolved in the graph; a WebPage node's author when there is no
 * article), author meta names (dc:creator, author, article:author,
 * parsely-author...), Yoast's twitter:label "Written by" card, microdata
 * itemprop=author, rel=author links, byline-looking elements (read line
 * by line), <address> opening with "By", then bylines in the visible text
 * ("By X", "Von X", "Autor: X" labels, "date - Name" lines), a lone
 * label's next text ("<strong>von</strong><span>Name</span>", credits
 * "Interview" / "NAME") and a script data layer's 'author' when they are
 * a person's name, a meta line under the headline, a signature line
 * closing the prose (an emphasised paragraph that is only a person's
 * name), and after content extraction a "Text: X" colon label inside the
 * main content. With no author at all, a personal site's owner: the site
 * name, the title's last part or a copyright line that is a person's name
 * (photo credits in captions and image boxes passed over), or the person
 * the host is named after ("Alexander Lasch" on alexanderlasch.*), then an
 * agency in the article's dateline ("Hamburg (dpa/lno) - ..."). "A person's
 * name" is two to four capitalised words starting with a common given
 * name (meta_first_names in rules_meta.c). JSON-LD: a Person whose name
 * is an array gives each entry; "contributor" counts only when the
 * article names no author or creator. Each candidate is stripped of
 * prefixes, job titles, degrees, handles, agencies beside a reporter and
 * dates before it counts; a catalogue's inverted name in a meta ("Smith,
 * John", "Kooman, F.") is one person, put back in reading order, and a
 * microdata author inside a comment or review is the commenter's.
 *
 * Junk that no source may pass as a name: CMS placeholders and notice
 * labels ("publisher", "Super User", "Werbung"), source and quote credits
 * ("Źródło: X", "Zitat von X"), a picture's credit ("Fotos: X",
 * "Photograph by X"), another role's credit ("Editing by Y"), a label
 * right before a form control ("Von: [____]" in a search box), a
 * copyright line crediting the site's tools ("Add-ons (c) X"), a related
 * story's teaser byline, a rel=author inside a reader's comment, a
 * headline's '!'/'?', an unknown
 * "Label: value" field, a hashtag topic line; an e-mail address, a
 * tail word in capitals ("VON X IN Fashion"), capital initials beside a
 * full name ("X, IFZ"), one capitalised word after a comma behind a
 * full name (the dateline's place: "X, Berlin"), a publication after
 * " for " behind a person's name, a sentence's full stop and a doubled
 * name are cut off. The page text's label reader stops a name at its block's end
 * and skips a label after an article ("der Autor der Untertitel": a noun
 * of the sentence) or followed by a joiner ("Autoren & Themen"). Labels
 * and prefixes in other scripts match in any case ("Автор:"); a CJK
 * label's name ends at the next full-width colon label. Several
 * rel=author links beside the article (aside, nav, footer, sidebar)
 * are a list of the site's writers; one there is the owner's badge. The document-level
 * <meta name="author"> naming the site or its operator (a web address,
 * the publisher's address line, a legal entity or institution, the site
 * name or host label that is no person's name, the site name's words in
 * another order) credits no one, not even as the weak fallback; one equal
 * to the publisher (JSON-LD, else the DC.publisher meta) is weak.
 *
 * Weak names - logins ("robert.stitz"), initials, organisations, the
 * site's own name - are kept aside and used only when no later source
 * names a person: organisations' pages credit themselves, but a visible
 * byline beats a CMS login. A lone given name ("Nils") is completed only
 * by strict evidence: its JSON-LD Person's description opening with the
 * full name, or a lone-label byline by the headline (pages that sign with
 * the given name alone exist, so a full name elsewhere in the page is
 * none); a login ("christian.example") by the page showing both its parts
 * as a name ("Christian P. Example"). Another source listing the chosen
 * names and more people (JSON-LD creator, an author meta, a data layer)
 * adds them as co-authors. Split from metadata.c so that the author rules evolve on their
 * own.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <utf8proc.h>

#include "meta_internal.h"

#define META_MAX_AUTHORS 8     /* more names is a list of contributors */
#define META_AUTHOR_MAX_LEN 80 /* a longer "name" is a sentence */
#define META_AUTHOR_MAX_WORDS 5
#define META_AUTHOR_MAX_LOWER 3 /* this many lower-case words make a sentence */
#define META_BYLINE_MAX 160    /* longer byline elements are boxes, not lines */
#define META_LABEL_WORDS 6     /* words read after "Autor:" (two names) */
#define META_LABEL_BEFORE_H1 600 /* text bytes before the h1 searched first */
#define META_INITIALS_MAX 3    /* "PP", "JF": initials sign a text, they name no one */
#define META_BYLINE_LINES 3    /* lines of a byline element read for a name */
#define META_HOST_LABEL_MIN 5  /* shorter host labels ("dw", "faz") match names by chance */
#define META_GLUED_PREFIX_MIN 5 /* "Autor"/"Author" glued to a name; "By" is too short to tell */
#define AUTHOR_MAX_LABELS 64       /* room for the colon labels of meta_author_labels */
#define AUTHOR_CONTENT_NODES 20000 /* nodes of the main content read for a signature */
#define AUTHOR_SIG_PARA_MAX 65536  /* text read from one content paragraph (some pages are one <p>) */
#define AUTHOR_PERSON_MAX_WORDS 4  /* "Maria de la Cruz"; more is a line of text */
#define AUTHOR_COMMENT_UP 8       /* ancestors of a microdata author searched for a comment box */
#define AUTHOR_NICK_MAX 12         /* "(R.J.)" inside a name; longer brackets are remarks */
#define AUTHOR_SIG_PROSE_MIN 150   /* a paragraph this long before a signature is the article's prose */
#define AUTHOR_SIG_PREV 3          /* elements before a signature searched for that prose */
#define AUTHOR_ADDRESS_MAX 100     /* longer <address> text is a postal address or a box */
#define AUTHOR_LABEL_NEXT_NODES 16 /* nodes after a lone label searched for its name */
#define AUTHOR_HEAD_AFTER_H1 1500  /* text bytes after the h1 that still belong to its byline */
#define AUTHOR_LINK_NODES 48       /* nodes of an author link read (a photo with its sources first) */
#define AUTHOR_FOLD_MAX 64          /* bytes of a placeholder or credit word folded; longer is neither */
#define AUTHOR_SITE_MATCH_MIN 4     /* squashed bytes of a name matched inside the site name or host ("dw" is chance) */
#define AUTHOR_AFFIL_CAPS_MAX 5     /* "IFZ", "NDR", "WDR": longer capitals are a name ("MORITZ") */
#define AUTHOR_ORG_SUFFIX_MIN 6     /* organisation words long enough to end a compound ("verband"; not "ag") */
#define AUTHOR_STOP_WORD_MIN 4     /* letters of a word whose closing '.' is a full stop ("Jr." is not) */
#define AUTHOR_CREDIT_UP 6         /* ancestors of a credit line checked for an image caption */

/* ---- authors ------------------------------------------------------------- */

/* Job titles and noise words: a part made of them is not a name. */
static const char *const not_name_words[] = {
    "chefredakteur", "chefredakteurin", "autorin", "gastautor", "editor", "reporter", "correspondent", "staff", "writer", "journalist",
    "redakteur", "redakteurin", "contributor", "columnist", "publiziert",
    "auteur", "autor", "kommentar", "kommentare", "rechtsanwalt", "rechtsanwältin",
    "senior", "chief", "photographer", "published", "updated", "posted",
    "comments", "comment", "share", "follow", "min", "read", "minutes",
    "ago", "am", "pm", "uhr", "von", "by", "veröffentlicht", "stand", "datum",
    "link", "foto", "fotos", "photo", "bild", "archiv", "anzeigen", "alle",
    "artikel", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "admin", "administrator", "last",
    /* words of the line after a byline that the text glues on:
     * "Meist gelesen" boxes, Spanish "Hace 13 horas" times */
    "meist", "hace", NULL};

/* Job titles that make a pen name after one adjective ("Rasender
 * Reporter"); after a full name they are only the title. */
static const char *const pen_name_titles[] = {"reporter", "journalist", "redakteur", NULL};

static int is_noise_part(const char *p)
{
    char low[128];
    size_t k = 0;
    for (; *p && k + 1 < sizeof low; p++)
        low[k++] = (char)tolower((unsigned char)*p);
    low[k] = '\0';
    /* Every word a noise word? */
    char *save = NULL;
    int words = 0, noise = 0;
    for (char *w = strtok_r(low, " .,:", &save); w; w = strtok_r(NULL, " .,:", &save)) {
        words++;
        for (const char *const *n = not_name_words; *n; n++)
            if (!strcmp(w, *n)) {
                noise++;
                break;
            }
    }
    return words == 0 || noise * 2 >= words;
}

static int is_first_name(const char *w, size_t l);

/* Does s open with the lower-case prefix p (n bytes), in any case? ASCII
 * by strncasecmp; a prefix in another script ("автор") is compared with
 * s folded to lower case by utf8proc ("Автор: X" in a byline). */
static int prefix_at(const char *s, const char *p, size_t n)
{
    if (!((unsigned char)p[0] & 0x80))
        return !strncasecmp(s, p, n);
    char low[AUTHOR_FOLD_MAX];
    size_t o = 0, i = 0;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    while (o < n && s[i]) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, -1, &cp);
        if (k <= 0)
            return 0;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t el = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        /* A fold that changes the length would misplace the cut. */
        if (el != k || o + (size_t)el >= sizeof low)
            return 0;
        memcpy(low + o, enc, (size_t)el);
        o += (size_t)el;
        i += (size_t)k;
    }
    return o == n && !memcmp(low, p, n);
}

/* Strip "By", "Par", "Von"... from the front (repeatedly). */
static const char *strip_prefix(const char *s)
{
    for (int round = 0; round < 3; round++) {
        while (*s == ' ' || *s == ':' || *s == '-' || *s == '|' || *s == '*' ||
               *s == '/' || *s == '~')
            s++;
        int hit = 0;
        for (const char *const *p = meta_author_prefixes; *p; p++) {
            size_t n = strlen(*p);
            /* "AuthorAndreas Kalt": a label glued to the name by markup
             * without spaces (long labels only, never "By"/"Von"). */
            if (!prefix_at(s, *p, n))
                continue;
            /* s holds at least n bytes here: s[n] is at most its NUL. */
            int glued = n >= META_GLUED_PREFIX_MIN && isupper((unsigned char)s[n]) &&
                        isalpha((unsigned char)(*p)[n - 1]);
            if (s[n] == ' ' || s[n] == ':' || glued || s[n] == '\xc2' /* nbsp */) {
                /* "De" / "Da" / "Di" are also surname particles: only strip
                 * them when lower-case (a byline word, not a name). */
                if (n <= 2 && isupper((unsigned char)s[0]) && s[n] == ' ' &&
                    strcmp(*p, "by")) {
                    /* Unless a given name and a surname follow: "Di Marco
                     * Rossi" is the Italian byline ("Di Maria" stays). */
                    const char *w = s + n + 1;
                    size_t wl = strcspn(w, " ");
                    if (!is_first_name(w, wl) || w[wl] != ' ' ||
                        !isupper((unsigned char)w[wl + 1]))
                        continue;
                }
                s += n;
                hit = 1;
                break;
            }
        }
        if (!hit)
            break;
    }
    while (*s == ' ' || *s == ':')
        s++;
    return s;
}

/* Words starting with an ASCII lower-case letter that are no name
 * particles ("von", "de"...). */
static const char *const name_particles[] = {"von", "van", "de", "der", "den", "da",
                                             "di", "du", "le", "la", "del", "dos",
                                             "ten", "zu", "y", "e", "bin", "al", NULL};

static int is_particle(const char *p, size_t l)
{
    for (const char *const *q = name_particles; *q; q++)
        if (strlen(*q) == l && !strncmp(p, *q, l))
            return 1;
    return 0;
}

/* Is the word ending right before q (q points at its following space)
 * a name particle ("van" in "Michiel van den Berg")? */
static int follows_particle(const char *st, const char *q)
{
    const char *w = q;
    while (w > st && w[-1] != ' ')
        w--;
    return is_particle(w, (size_t)(q - w));
}

/* Is the word (NUL-terminated, any case) in a lower-case table? */
static int word_in(const char *w, size_t l, const char *const *table)
{
    for (const char *const *t = table; *t; t++)
        if (strlen(*t) == l && !strncasecmp(w, *t, l))
            return 1;
    return 0;
}

static size_t lowercase_words(const char *s)
{
    const char *const *particles = name_particles;
    size_t n = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        size_t l = strcspn(p, " ");
        if (!l)
            break;
        if (islower((unsigned char)*p)) {
            int part = 0;
            for (const char *const *q = particles; *q && !part; q++)
                part = strlen(*q) == l && !strncmp(p, *q, l);
            n += !part;
        }
        p += l;
    }
    return n;
}

/* A candidate that is a date label ("Zuletzt geändert", "Published"):
 * the label itself, or the label without its closing "am"/"on"/":". */
static int is_date_label(const char *st)
{
    const char *const *tables[] = {meta_date_pub_labels, meta_date_mod_labels};
    size_t sl = strlen(st);
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
        for (const char *const *l = tables[t]; *l; l++) {
            size_t ll = strlen(*l);
            if (ll && (*l)[ll - 1] == ':')
                ll--;
            if (sl == ll && !strncasecmp(st, *l, ll))
                return 1;
            /* "erschienen am" -> "erschienen": the last word was a tail */
            const char *sp = memrchr(*l, ' ', ll);
            if (sp && (size_t)(sp - *l) == sl && !strncasecmp(st, *l, sl))
                return 1;
        }
    return 0;
}

/* Words beside a "www." address ("Web Commerce GmbH www.w-commerce.de")
 * are the credit line of the agency that built the site, not a person.
 * A bare address ("www.blog.com") stays: a blog credits itself so. */
static int has_domain_word(const char *st)
{
    if (!strchr(st, ' '))
        return 0;
    for (const char *w = st; *w;) {
        size_t wl = strcspn(w, " ");
        if (wl > 4 && !strncasecmp(w, "www.", 4))
            return 1;
        w += wl;
        while (*w == ' ')
            w++;
    }
    return 0;
}

/* Is the text w[0..l) in a lower-case table, folding the case of any
 * script ("Źródło", "Фото", "ANÓNIMO")? */
static int word_in_folded(const char *w, size_t l, const char *const *table)
{
    char low[AUTHOR_FOLD_MAX];
    size_t o = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)w;
    for (size_t i = 0; i < l;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(l - i), &cp);
        if (k <= 0)
            return 0;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t el = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if (el <= 0 || o + (size_t)el >= sizeof low)
            return 0;
        memcpy(low + o, enc, (size_t)el);
        o += (size_t)el;
        i += (size_t)k;
    }
    low[o] = '\0';
    for (const char *const *t = table; *t; t++)
        if (!strcmp(low, *t))
            return 1;
    return 0;
}

/* Does the part open with a credit word of meta_author_credit_words
 * ("Źródło: Statista.com", "Zitat von X"), a whole word? */
static int opens_credit(const char *st)
{
    size_t wl = strcspn(st, " :");
    return wl && word_in_folded(st, wl, meta_author_credit_words);
}

/* Does the part open with a picture's credit word (meta_author_photo_words:
 * "Photograph by X", "Fotos: X", "Illustration: X"), a whole word? */
static int opens_photo_credit(const char *st)
{
    size_t wl = strcspn(st, " :");
    return wl && word_in_folded(st, wl, meta_author_photo_words);
}

/* The first word of s that is an e-mail address (a local part, '@',
 * then a domain with a dot: "info@example.de", "<a.b@example.org>"),
 * or NULL. */
static char *email_word(const char *s)
{
    for (const char *w = s; *w;) {
        size_t wl = strcspn(w, " ");
        const char *at = memchr(w, '@', wl);
        if (at && at > w && at[-1] != '<' && memchr(at, '.', wl - (size_t)(at - w)) &&
            at + 1 < w + wl && at[1] != '.')
            return (char *)w;
        w += wl;
        while (*w == ' ')
            w++;
    }
    return NULL;
}

static void add_author(lede_article *a, char **names, size_t *n, const char *part)
{
    (void)a;
    if (*n >= META_MAX_AUTHORS)
        return;
    char *c = meta_clean0(part);
    if (!c)
        return;
    /* Trim trailing punctuation and separators (ASCII, and the UTF-8
     * dashes and bullets that end "Name — " bylines). */
    size_t l = strlen(c);
    for (;;) {
        if (l && strchr(" ,;:|-/", c[l - 1])) {
            c[--l] = '\0';
            continue;
        }
        static const char *const tail_marks[] = {"–", "—", "•", "·", "»", "«", NULL};
        int hit = 0;
        for (const char *const *t = tail_marks; *t && !hit; t++) {
            size_t tl = strlen(*t);
            if (l >= tl && !memcmp(c + l - tl, *t, tl)) {
                l -= tl;
                c[l] = '\0';
                hit = 1;
            }
        }
        if (!hit)
            break;
    }
    /* "Patrick EXAMPLE.": a sentence's full stop after a surname (a
     * word of AUTHOR_STOP_WORD_MIN letters or more: "C." and "Jr." are
     * abbreviations and keep theirs). */
    if (l > 1 && c[l - 1] == '.') {
        size_t w = l - 1;
        while (w > 0 && c[w - 1] != ' ' && c[w - 1] != '.')
            w--;
        if (l - 1 - w >= AUTHOR_STOP_WORD_MIN && (!w || c[w - 1] == ' ') &&
            !word_in(c + w, l - w, meta_author_suffixes))
            c[--l] = '\0';
    }
    const char *st = strip_prefix(c);
    int pen_name = 0; /* "Rasender Reporter": the title is the name */
    /* Drop what follows the name: "X am Samstag", "X Chefredakteur",
     * "X Fr" (weekday), "X on Monday". */
    {
        static const char *const tails[] = {
            " am ", " um ", " on ", " le ", " el ", " il ", " at ", " op ",
            " w dniu ", " den ", " vom ", " in ", NULL};
        for (const char *const *t = tails; *t; t++) {
            /* Case-sensitive: "Loïc Le Clerc" keeps its particle. */
            char *q = strstr(st, *t);
            /* "van den Berg": a particle after a particle is the name's. */
            while (q && q > st && follows_particle(st, q))
                q = strstr(q + 1, *t);
            if (q && q > st)
                *q = '\0';
            /* Also at the very end, where a cut date left it ("X le "). */
            size_t tl = strlen(*t) - 1, cl = strlen(st);
            if (cl > tl && !strncmp(st + cl - tl, *t, tl))
                ((char *)st)[cl - tl] = '\0';
            /* A byline set in capitals around a mixed-case name ("VON Sina
             * Example IN Fashion"): the tail word in capitals ends it. */
            char up[16];
            size_t ul = strlen(*t);
            if (ul < sizeof up) {
                for (size_t k = 0; k <= ul; k++)
                    up[k] = (char)toupper((unsigned char)(*t)[k]);
                q = strstr(st, up);
                /* Mixed case before and after: "Jean-Marie LE PEN" keeps
                 * a particle of a surname in capitals. */
                int before = 0, after = 0;
                for (const char *m = st; q && m < q && !before; m++)
                    before = islower((unsigned char)*m);
                for (const char *m = q ? q + ul : ""; *m && *m != ' ' && !after; m++)
                    after = islower((unsigned char)*m);
                if (q && q > st && before && after)
                    *q = '\0';
            }
        }
        /* "Name 發表在 <site> 留言": Chinese blog bylines glue "posted
         * on/at" and the platform to the name, often with no space. */
        static const char *const post_marks[] = {"發表在", "发表在", "發表於",
                                                 "发表于", "發佈於", "发布于", NULL};
        for (const char *const *t = post_marks; *t; t++) {
            char *q = strstr(st, *t);
            if (q && q > st) {
                while (q > st && q[-1] == ' ')
                    q--;
                *q = '\0';
            }
        }
        size_t sl = strlen(st);
        /* Trailing job-title or weekday word. */
        char *sp = strrchr(st, ' ');
        if (sp && sp > st) {
            const char *w = sp + 1;
            static const char *const wd[] = {"mo", "di", "mi", "do", "fr", "sa", "so",
                                             "mon", "tue", "wed", "thu", "fri", "sat",
                                             "sun", NULL};
            /* A job title after one capitalised word is a pen name
             * ("Rasender Reporter"), not a name with its title. */
            char first[64] = "";
            size_t fl = (size_t)(sp - st);
            if (fl < sizeof first) {
                memcpy(first, st, fl);
                first[fl] = '\0';
            }
            pen_name = *first && !strchr(first, ' ') && isupper((unsigned char)st[0]) &&
                       !is_noise_part(first) && word_in(w, strlen(w), pen_name_titles);
            /* "Our Foreign Staff", "Unsere Redaktion": a desk named by a
             * possessive keeps its staff word (the credit is the whole). */
            size_t w0l = strcspn(st, " ");
            int desk = word_in(st, w0l, meta_author_desk_openers);
            int drop = is_noise_part(w) && !pen_name && !desk;
            /* "Name March" (a date followed, its day cut off). */
            char lw[32];
            size_t k = 0;
            for (; w[k] && k + 1 < sizeof lw; k++)
                lw[k] = (char)tolower((unsigned char)w[k]);
            lw[k] = '\0';
            if (k > 2 && date_month_word(lw, k))
                drop = 1;
            for (const char *const *d = wd; *d && !drop; d++)
                if (!strcasecmp(w, *d) || (strlen(w) == strlen(*d) + 1 &&
                                           !strncasecmp(w, *d, strlen(*d)) && w[strlen(*d)] == '.'))
                    drop = 1;
            if (drop)
                *sp = '\0';
        }
        (void)sl;
    }
    /* "Name info@example.de": a contact address glued to the name ends
     * it; an address alone names no one. */
    {
        char *at = email_word(st);
        if (at == st) {
            free(c);
            return;
        }
        if (at) {
            while (at > st && at[-1] == ' ')
                at--;
            *at = '\0';
        }
    }
    /* "user5105 user5105", "Anna Example Anna Example": the name shown
     * twice (a visible and a hidden copy read together) is one name. */
    {
        size_t sl = strlen(st);
        if (sl >= 3 && sl % 2 == 1 && st[sl / 2] == ' ' &&
            !strncmp(st, st + sl / 2 + 1, sl / 2))
            ((char *)st)[sl / 2] = '\0';
    }
    /* "Charles Example for Example Times": a person writing for a
     * publication; the name ends before " for " (only when what comes
     * before is a person's name: "Committee for X" is an organisation). */
    {
        char *f = strstr(st, " for ");
        if (f && f > st && isupper((unsigned char)f[5])) {
            *f = '\0';
            if (!meta_author_looks_person(st))
                *f = ' ';
        }
    }
    /* "Name @handle": the social handle is no part of the name. */
    {
        char *at = strstr(st, " @");
        if (at && at > st)
            *at = '\0';
    }
    /* "Fotos: Lena Example", "Photographs by X": a picture's credit,
     * told before the job-title strip below reads "Fotos" as one. "Editing
     * by Y", "Additional reporting by Z": a part still holding " by "
     * after its byline prefix went credits another role than writing. */
    if (opens_photo_credit(st) || strstr(st, " by ")) {
        free(c);
        return;
    }
    /* Leading job titles: "Rechtsanwalt Sebastian Einbock". */
    for (int k = 0; k < 2; k++) {
        const char *sp = strchr(st, ' ');
        char w[64];
        size_t wl = sp ? (size_t)(sp - st) : 0;
        if (!sp || wl >= sizeof w || meta_word_count(sp + 1) < 2)
            break;
        memcpy(w, st, wl);
        w[wl] = '\0';
        if (!is_noise_part(w))
            break;
        st = sp + 1;
    }
    /* A lone degree, suffix or month left by splitting at commas
     * ("Grant Tinsley, PhD", "J.R. Stone, November 5"). */
    if (!strchr(st, ' ')) {
        size_t wl = strlen(st);
        char lw[32];
        size_t k = 0;
        for (; st[k] && k + 1 < sizeof lw; k++)
            lw[k] = (char)tolower((unsigned char)st[k]);
        lw[k] = '\0';
        if (word_in(st, wl, meta_author_suffixes) || (wl > 2 && date_month_word(lw, k))) {
            free(c);
            return;
        }
    }
    /* "externen Co-Autoren verfasst", "und Interview: X": a name does not
     * start with a lower-case word unless it is a particle or the whole
     * name is one handle ("jancak"). */
    size_t w0 = strcspn(st, " ");
    int alpha0 = 1;
    for (size_t k = 0; k < w0 && alpha0; k++)
        alpha0 = isalpha((unsigned char)st[k]) || (unsigned char)st[k] >= 0x80;
    if (islower((unsigned char)st[0]) && st[w0] && alpha0 && !is_particle(st, w0)) {
        free(c);
        return;
    }
    /* E-mail addresses, also obfuscated ("cipha[at]cipha.net"). */
    if (strstr(st, "[at]") || strstr(st, "(at)")) {
        free(c);
        return;
    }
    /* Shapes no name has: a sentence's closing '!' or '?' ("Endlich
     * mehr Beschleunigung wagen!", a headline in a byline box), ASCII
     * punctuation first ("& Themen", a widget's title), an unknown field
     * label inside ("Verein: Historische Wehranlage", "in: Name"). */
    {
        size_t sl = strlen(st);
        /* '"Jane Example"': quotes around the whole name are no part of it. */
        if (sl > 2 && (st[0] == '"' || st[0] == '\'') && st[sl - 1] == st[0]) {
            ((char *)st)[--sl] = '\0';
            st++;
            sl--;
        }
        if (sl && (st[sl - 1] == '!' || st[sl - 1] == '?')) {
            free(c);
            return;
        }
        if (ispunct((unsigned char)st[0]) && st[0] != '@') {
            free(c);
            return;
        }
        const char *colon = strstr(st, ": ");
        if (colon && colon > st && colon[-1] != ' ') {
            free(c);
            return;
        }
    }
    /* Particles alone ("le" left by "X et Y, le 3 mars") name no one. */
    {
        int other = 0;
        for (const char *w = st; *w && !other;) {
            size_t wl = strcspn(w, " ");
            other = wl && !is_particle(w, wl);
            w += wl;
            while (*w == ' ')
                w++;
        }
        if (!other) {
            free(c);
            return;
        }
    }
    /* One character ("J") is an initial or an icon, not a name. */
    {
        size_t letters = 0;
        for (const char *q = st; *q && letters < 2; q++)
            letters += isalnum((unsigned char)*q) || ((unsigned char)*q >= 0xc0);
        if (letters < 2) {
            free(c);
            return;
        }
    }
    /* Photo credits and copyright lines are not authors. */
    if (!strncasecmp(st, "foto", 4) || !strncasecmp(st, "photo", 5) ||
        !strncasecmp(st, "bild", 4) || !strncmp(st, "©", strlen("©")) ||
        !strncasecmp(st, "quelle", 6) || !strncasecmp(st, "source", 6) ||
        opens_credit(st) || word_in_folded(st, strlen(st), meta_author_placeholders)) {
        free(c);
        return;
    }
    if (lowercase_words(st) >= META_AUTHOR_MAX_LOWER) {
        /* "Please enter your name here": a sentence, not a name. */
        free(c);
        return;
    }
    if (!*st || strlen(st) > META_AUTHOR_MAX_LEN ||
        meta_word_count(st) > META_AUTHOR_MAX_WORDS || !meta_has_letter(st) ||
        meta_is_url(st) || strchr(st, '@') == st || strstr(st, "://") ||
        (is_noise_part(st) && !pen_name) || is_date_label(st) || has_domain_word(st)) {
        free(c);
        return;
    }
    for (size_t i = 0; i < *n; i++)
        if (!strcasecmp(names[i], st)) {
            free(c);
            return;
        }
    names[(*n)++] = strdup(st);
    free(c);
}

/* Split a byline string into names: " and ", "&", ",", ";", " und ",
 * " et ", " y ", " e ", " i ", " og ", " и ". Stops at a digit (a date
 * follows the names) or a line break. */
static void split_authors(lede_article *a, char **names, size_t *n, const char *s)
{
    char *c = meta_clean0(s);
    if (!c)
        return;
    /* "Richard (R.J.) Eskow": dotted initials in brackets inside the
     * name, its surname after them, are read past; other brackets
     * ("Name (handle)", "Name (dpa) Berlin") still cut below. */
    for (char *o = strchr(c, '('); o; o = strchr(o + 1, '(')) {
        char *e = strchr(o, ')');
        if (!e || e == o + 1 || (size_t)(e - o) > AUTHOR_NICK_MAX || o == c || o[-1] != ' ' ||
            e[1] != ' ' || !isupper((unsigned char)e[2]))
            continue;
        int initials = memchr(o, '.', (size_t)(e - o)) != NULL;
        for (const char *q = o + 1; q < e && initials; q++)
            initials = isupper((unsigned char)*q) || *q == '.';
        if (!initials)
            continue;
        memmove(o, e + 2, strlen(e + 2) + 1);
        o--;
    }
    /* "dana@example.com (Dana Example)": RSS's author form, an address
     * with the name in brackets after it - the name is the byline. */
    if (email_word(c) == c) {
        char *o = c + strcspn(c, " ");
        while (*o == ' ')
            o++;
        char *e = *o == '(' ? strchr(o, ')') : NULL;
        if (e && e > o + 1 && !e[1 + strspn(e + 1, " ")]) {
            *e = '\0';
            memmove(c, o + 1, strlen(o + 1) + 1);
        }
    }
    /* Cut at the first digit, '|' or bullet: dates and roles follow. */
    char *cut = c;
    for (; *cut; cut++) {
        if ((isdigit((unsigned char)*cut) && (cut == c || cut[-1] == ' ')) ||
            *cut == '|' || *cut == '\n' ||
            !strncmp(cut, "•", strlen("•")) || !strncmp(cut, "·", strlen("·")) ||
            !strncmp(cut, " - ", 3) || !strncmp(cut, " – ", strlen(" – ")) ||
            !strncmp(cut, " — ", strlen(" — ")) || *cut == '(')
            break;
    }
    *cut = '\0';
    const char *body = strip_prefix(c);
    /* "#Krótko o przepisach prawa w Nowej Zelandii i Polsce": a hashtag
     * opens a topic line, not a byline; splitting it at " i " would make
     * its last words a name. */
    if (*body == '#') {
        free(c);
        return;
    }
    /* "Written and edited by X", "Zum Profil von jesusfreak": the name
     * follows the byline word. "von" only before a lower-case handle,
     * since "Ursula von Braun" keeps her particle. */
    {
        const char *by = strstr(body, " by ");
        /* "Photograph by X": the credit of a picture names no author. */
        if (by && opens_photo_credit(body)) {
            free(c);
            return;
        }
        if (by)
            body = by + 4;
        const char *von = strstr(body, " von ");
        if (von && islower((unsigned char)von[5]) && !is_particle(von + 5, strcspn(von + 5, " ")))
            body = von + 5;
    }
    static const char *const seps[] = {" and ", " & ", ",", ";", " und ", "/",
                                       " et ", " y ", " e ", " i ", " og ",
                                       " en ", " и ", " ve ", "、", NULL};
    const char *p = body;
    int after_comma = 0; /* the part follows a "," */
    while (*p) {
        const char *best = NULL;
        size_t bl = 0;
        for (const char *const *sp = seps; *sp; sp++) {
            const char *q = meta_strcasestr(p, *sp);
            /* "Mac & i", "AT & T": a one-letter side is a name's part. */
            while (q && !strcmp(*sp, " & ") &&
                   (strcspn(q + 3, " ,;/") <= 1 || (q > p && (q - 1 == p || q[-2] == ' '))))
                q = meta_strcasestr(q + 3, *sp);
            if (q && (!best || q < best)) {
                best = q;
                bl = strlen(*sp);
            }
        }
        size_t len = best ? (size_t)(best - p) : strlen(p);
        char *part = xstrndup(p, len);
        if (part) {
            /* "Markus Example, Berlin": one capitalised word after a
             * comma behind a full name is the dateline's place or the
             * reporter's affiliation, not a co-author. */
            const char *w = part;
            while (*w == ' ')
                w++;
            size_t wl = strcspn(w, " ");
            int place = after_comma && *n && strchr(names[*n - 1], ' ') &&
                        isupper((unsigned char)*w) && !w[wl + strspn(w + wl, " ")];
            if (!place)
                add_author(a, names, n, part);
            free(part);
        }
        if (!best)
            break;
        after_comma = bl == 1 && *best == ',';
        p = best + bl;
    }
    free(c);
}

/* Elements whose text starts a new line of a byline: "José Miguel
 * Wilson</span><div>Hace 2 horas" must not read as one name. */
static int is_block_tag(const char *nm)
{
    static const char *const blocks[] = {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "section", "header", "footer", "dl", "dt", "dd", "tr", "td", "table",
        "figure", "figcaption", "blockquote", "article", "aside", "nav", NULL};
    for (const char *const *b = blocks; *b; b++)
        if (!strcmp(nm, *b))
            return 1;
    return 0;
}

#define LINE_SEP '\x1e' /* block boundary marker in a byline's raw text */

/* Names from a byline-like element: its text is read line by line (block
 * children on lines of their own) and the first line that yields a name
 * counts ("By" alone on a line is followed by the name on the next). An
 * element with more than META_BYLINE_MAX bytes of text is a box, not a
 * byline. */
static void node_authors(lede_article *a, char **names, size_t *n, const xmlNode *node)
{
    /* A <nav> marked "byline" holds category links, never a name. */
    if (node->type == XML_ELEMENT_NODE && !strcmp(dom_name(node), "nav"))
        return;
    sbuf b;
    sbuf_init(&b);
    size_t text = 0;
    for (const xmlNode *cur = node; cur && b.len < META_BYLINE_MAX * 4;) {
        int skip = 0;
        if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) &&
            cur->content) {
            for (const char *c = (const char *)cur->content; *c; c++) {
                char ch = (*c == '\n' || *c == '\t' || *c == '\r') ? ' ' : *c;
                sbuf_putc(&b, ch);
                text += ch != ' ';
            }
        } else if (cur->type == XML_ELEMENT_NODE && cur != node) {
            const char *nm = dom_name(cur);
            if (!strcmp(nm, "script") || !strcmp(nm, "style") ||
                !strcmp(nm, "noscript") || !strcmp(nm, "template") ||
                !strcmp(nm, "svg") || !strcmp(nm, "button") ||
                /* a <time> beside the names holds a date, never a name */
                !strcmp(nm, "time"))
                skip = 1;
            else
                sbuf_putc(&b, is_block_tag(nm) ? LINE_SEP : ' ');
        }
        cur = dom_next((xmlNode *)cur, node, skip);
    }
    char *whole = meta_node_text(node, META_BYLINE_MAX * 2);
    int box = !whole || strlen(whole) > META_BYLINE_MAX;
    free(whole);
    if (!b.s || box || text > META_BYLINE_MAX) {
        sbuf_free(&b);
        return;
    }
    /* Pass 0 passes over one-word lines beside others (a section label
     * "Rezept" above "von jesusfreak"); pass 1 takes them. */
    int lines = 0;
    for (const char *q = b.s; *q; q++)
        lines += *q == LINE_SEP;
    for (int pass = lines ? 0 : 1; pass < 2 && !*n; pass++) {
        const char *p = b.s;
        for (int line = 0; *p && !*n && line < META_BYLINE_LINES;) {
            size_t l = strcspn(p, "\x1e");
            char *c = meta_clean(p, l);
            if (c) {
                /* "Rezept von" / "By": the name is on the next line. */
                const char *last = strrchr(c, ' ');
                last = last ? last + 1 : c;
                int lead_only = word_in(last, strlen(last), meta_author_prefixes);
                if ((pass || strchr(c, ' ')) && !lead_only)
                    split_authors(a, names, n, c);
                line++;
            }
            free(c);
            p += l;
            if (*p)
                p++;
        }
    }
    sbuf_free(&b);
}

/* The object of the page's JSON-LD whose @id is `id` (a Yoast graph
 * links the article's author as {"@id": ".../#/schema/person/..."}). */
static const json_t *jsonld_by_id(const meta_scan *s, const char *id)
{
    for (size_t i = 0; i < s->n_jsonld; i++) {
        const char *oid = json_string_value(json_object_get(s->jsonld[i], "@id"));
        if (oid && !strcmp(oid, id) && json_object_get(s->jsonld[i], "name"))
            return s->jsonld[i];
    }
    return NULL;
}

/* A Person named by one word ("Nils") whose own description opens with
 * that word and one or two more capitalised words ("Nils Example ist
 * freier Autor ...", "Stefanus Example - Maschinenbauer"): the full name.
 * Only the Person's own description counts: a first name alone is also
 * how some authors sign, so weaker evidence (the name somewhere in the
 * page) is not enough. Writes the name to buf; 1 when extended. */
static int person_full_name(const char *nm, const char *desc, char *buf, size_t cap)
{
    size_t nl = strlen(nm);
    if (!desc || !nl || strchr(nm, ' ') || !isupper((unsigned char)nm[0]) ||
        strncmp(desc, nm, nl) || desc[nl] != ' ')
        return 0;
    const char *p = desc + nl;
    size_t end = nl;
    for (int w = 0; w < 2; w++) {
        while (*p == ' ')
            p++;
        size_t l = strcspn(p, " ,.;:");
        if (!l || !isupper((unsigned char)p[0]) || (p[l] && !strchr(" ,.;:", p[l])))
            break;
        int letters = 1;
        for (size_t k = 0; k < l && letters; k++)
            letters = isalpha((unsigned char)p[k]) || (unsigned char)p[k] >= 0x80 ||
                      p[k] == '-';
        if (!letters || word_in(p, l, not_name_words))
            break;
        end = (size_t)(p + l - desc);
        p += l;
        if (*p != ' ')
            break;
    }
    if (end == nl || end >= cap)
        return 0;
    memcpy(buf, desc, end);
    buf[end] = '\0';
    return 1;
}

/* Names from a JSON-LD author value: string, Person object, or array. */
static int inverted_name(const char *val, char *out, size_t cap);

static void jsonld_authors(lede_article *a, char **names, size_t *n, const json_t *v,
                           const meta_scan *s)
{
    if (!v)
        return;
    if (json_is_object(v) && !json_object_get(v, "name") &&
        json_is_string(json_object_get(v, "@id"))) {
        const json_t *ref = jsonld_by_id(s, json_string_value(json_object_get(v, "@id")));
        if (ref)
            v = ref;
    }
    if (json_is_string(v)) {
        const char *str = json_string_value(v);
        /* "{ \"@type\":\"Person\", \"name\":\"Alice Example\" }": a Person
         * serialised twice is read as the object it holds (a string that
         * does not parse is no name; each nesting doubles the escapes, so
         * the depth stays logarithmic in the page's size). */
        const char *q = str;
        while (*q == ' ')
            q++;
        if (*q == '{' || *q == '[') {
            json_t *inner = json_loads(q, JSON_DISABLE_EOF_CHECK, NULL);
            if (inner && !json_is_string(inner))
                jsonld_authors(a, names, n, inner, s);
            json_decref(inner);
            return;
        }
        if (!meta_is_url(str))
            split_authors(a, names, n, str);
        return;
    }
    if (json_is_object(v)) {
        /* {"@type": "Person", "name": ["A Example", "B Example"]}: one
         * object written for several people gives each of them. */
        const json_t *nv = json_object_get(v, "name");
        if (json_is_array(nv) && json_array_size(nv) > 1) {
            jsonld_authors(a, names, n, nv, s);
            return;
        }
        const char *nm = jsonld_str(v, "name");
        if (!nm) {
            const char *g = jsonld_str(v, "givenName");
            const char *f = jsonld_str(v, "familyName");
            if (g && f) {
                char buf[256];
                snprintf(buf, sizeof buf, "%s %s", g, f);
                add_author(a, names, n, buf);
                return;
            }
        }
        if (nm && !meta_is_url(nm)) {
            char full[META_AUTHOR_MAX_LEN + 1];
            if (person_full_name(nm, jsonld_str(v, "description"), full, sizeof full))
                nm = full;
            /* One Person whose name lists several ("A Example, B Example")
             * or is a catalogue's inverted name ("Example, Anna"): read as
             * a byline. A plain name is one name, even with " y " ("Ortega
             * y Gasset") or brackets ("Bruno (Henrique Zecchin) Rodrigues"). */
            char inv[META_AUTHOR_MAX_LEN + 1];
            if (inverted_name(nm, inv, sizeof inv))
                add_author(a, names, n, inv);
            else if (strpbrk(nm, ",;") || strstr(nm, " and ") || strstr(nm, " & ") ||
                     strstr(nm, " und "))
                split_authors(a, names, n, nm);
            else
                add_author(a, names, n, nm);
        }
        return;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) jsonld_authors(a, names, n, e, s);
    }
}

/* Drop names that are the site itself ("Badische Zeitung", "example.de").
 * With host == NULL only the site name counts: a visible byline naming
 * the blog's own host ("von Creeny" on creeny.example) is its author. */
static size_t drop_site_names(char **names, size_t n, const char *site, const char *host,
                              char **dropped, size_t *n_dropped)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char p[256], t[256];
        meta_squash(names[i], p, sizeof p);
        int is_site = 0;
        if (site) {
            meta_squash(site, t, sizeof t);
            is_site = p[0] && !strcmp(p, t);
        }
        if (!is_site && host && host[0]) {
            meta_squash(host, t, sizeof t);
            is_site = p[0] && (strstr(t, p) != NULL) && strlen(p) >= 4;
        }
        if (is_site)
            dropped[(*n_dropped)++] = names[i];
        else
            names[k++] = names[i];
    }
    return k;
}

static void set_authors(lede_article *a, char **names, size_t n, const char *src)
{
    if (!n)
        return;
    a->authors = calloc(n, sizeof *a->authors);
    if (!a->authors) {
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        return;
    }
    sbuf b;
    sbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        a->authors[i] = names[i];
        if (i)
            sbuf_puts(&b, ", ");
        sbuf_puts(&b, names[i]);
    }
    a->n_authors = n;
    a->author = sbuf_steal(&b);
    a->sources.author = src;
}

/* Replace the page's one author (author and authors[0] hold the same
 * name) with name; on allocation failure the old name stays. */
static void replace_sole_author(lede_article *a, const char *name)
{
    char *x = strdup(name), *y = strdup(name);
    if (!x || !y) {
        free(x);
        free(y);
        return;
    }
    free(a->author);
    free(a->authors[0]);
    a->author = x;
    a->authors[0] = y;
}

/* A login ("robert.stitz", "arianschlichenmayer"), initials ("PP") or an
 * organisation ("Web Commerce GmbH", the JSON-LD publisher) rather than a
 * person's name. */
/* Does a word of the name mark an organisation ("GmbH", "Verlag")? */
static int is_org_name(const char *nm)
{
    for (const char *p = nm; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t l = strcspn(p, " ,");
        if (!l)
            break;
        if (word_in(p, l, meta_author_org_words))
            return 1;
        p += l;
    }
    return 0;
}

/* Does the name hold the host's own label ("OÖ Volksblatt" on
 * volksblatt.at, "EFC Bayrische Bembel" on bayrische-bembel.de)? */
static int names_host(const char *nm, const char *host)
{
    if (!host)
        return 0;
    if (!strncmp(host, "www.", 4))
        host += 4;
    size_t l = strcspn(host, ".");
    if (l < META_HOST_LABEL_MIN || !host[l])
        return 0;
    char label[128], sq[256], name[256];
    if (l >= sizeof label)
        return 0;
    memcpy(label, host, l);
    label[l] = '\0';
    meta_squash(label, sq, sizeof sq);
    meta_squash(nm, name, sizeof name);
    return sq[0] && strstr(name, sq) != NULL;
}

static int is_weak_name(const char *nm, const char *publisher, const char *host)
{
    if (names_host(nm, host))
        return 1;
    if (!strchr(nm, ' ')) {
        int upper = 0, lower = 0, other = 0;
        for (const char *p = nm; *p; p++) {
            unsigned char c = (unsigned char)*p;
            if (isupper(c))
                upper++;
            else if (islower(c))
                lower++;
            else if (!isdigit(c) && c != '.' && c != '_' && c != '-')
                other++;
        }
        if (!other && !upper && lower)
            return 1;
        if (!other && !lower && upper && upper <= META_INITIALS_MAX)
            return 1;
    }
    if (is_org_name(nm))
        return 1;
    if (meta_strcasestr(nm, "www."))
        return 1;
    if (publisher) {
        char a[256], b[256];
        meta_squash(nm, a, sizeof a);
        meta_squash(publisher, b, sizeof b);
        if (a[0] && !strcmp(a, b))
            return 1;
    }
    return 0;
}

/* A compound ending in a long organisation word ("Bundesministerium",
 * "Landesverband", "Bertelsmann-Stiftung"): German names institutions so. */
static int has_org_compound(const char *v)
{
    for (const char *w = v; *w;) {
        size_t wl = strcspn(w, " ,");
        for (const char *const *o = meta_author_org_words; *o && wl; o++) {
            size_t ol = strlen(*o);
            if (ol >= AUTHOR_ORG_SUFFIX_MIN && wl > ol + 2 && !strncasecmp(w + wl - ol, *o, ol))
                return 1;
        }
        w += wl;
        while (*w == ' ' || *w == ',')
            w++;
    }
    return 0;
}

/* A web address written as a name: no space, a letter before the last
 * dot, a known top-level domain after it ("kath.net", "INTERIA.PL",
 * "www.haufe.de"; not the login "robert.stitz"). */
static int is_domain_name(const char *v)
{
    const char *dot = strrchr(v, '.');
    if (!dot || dot == v || strpbrk(v, " @/:") || !isalpha((unsigned char)dot[-1]))
        return 0;
    for (const char *p = v; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' && (unsigned char)*p < 0x80)
            return 0;
    return word_in(dot + 1, strlen(dot + 1), meta_web_tlds);
}

/* "SPIEGEL ONLINE, Hamburg, Germany": who, where, country - the
 * publisher's address line, at least two commas and a country last. */
static int is_address_line(const char *v)
{
    const char *last = strrchr(v, ',');
    if (!last || !memchr(v, ',', (size_t)(last - v)))
        return 0;
    last++;
    while (*last == ' ')
        last++;
    size_t l = strlen(last);
    while (l && last[l - 1] == ' ')
        l--;
    return l && word_in_folded(last, l, meta_country_names);
}

#define AUTHOR_SAME_WORDS_MAX 8 /* words compared as a set; longer lines are no name */

/* Are a and b the same words in another order ("Bündnis 90/Die Grünen
 * Bundestagsfraktion" beside the site name "Bundestagsfraktion Bündnis
 * 90/Die Grünen")? Words compared squashed, at most AUTHOR_SAME_WORDS_MAX. */
static int same_words(const char *a, const char *b)
{
    char wa[AUTHOR_SAME_WORDS_MAX][64], wb[AUTHOR_SAME_WORDS_MAX][64];
    size_t na = 0, nb = 0;
    const char *src[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        char(*w)[64] = k ? wb : wa;
        size_t *nw = k ? &nb : &na;
        for (const char *p = src[k]; *p;) {
            while (*p == ' ')
                p++;
            size_t l = strcspn(p, " ");
            if (!l)
                break;
            if (*nw == AUTHOR_SAME_WORDS_MAX || l >= 64)
                return 0;
            char word[64];
            memcpy(word, p, l);
            word[l] = '\0';
            meta_squash(word, w[*nw], sizeof w[*nw]);
            (*nw)++;
            p += l;
        }
    }
    if (na < 2 || na != nb)
        return 0;
    unsigned used = 0;
    for (size_t i = 0; i < na; i++) {
        size_t j = 0;
        while (j < nb && ((used >> j) & 1u || strcmp(wa[i], wb[j])))
            j++;
        if (j == nb)
            return 0;
        used |= 1u << j;
    }
    return 1;
}

/* The document-level author meta (<meta name="author">) naming the site
 * rather than a writer: a web address, the publisher's address line, a
 * legal entity (an organisation word: "NATURSTROM AG"), or the site's
 * name or host label that is no person's name ("BDZV" on
 * bdzv.de, "Automobilwoche" beside og:site_name "Automobilwoche.de").
 * CMS templates fill it so on every page; it credits no author, not even
 * as a weak fallback (a site name the caller wants is site_name). */
static int author_meta_is_site(const char *val, const char *site, const char *host)
{
    char *v = meta_clean0(val);
    if (!v)
        return 0;
    char *mail = email_word(v); /* "Name info@name-buero.de": the name counts */
    if (mail && mail > v)
        mail[-1] = '\0';
    int hit = is_domain_name(v) || is_address_line(v);
    /* The person test knows Latin-script given names only: a name in
     * another script ('史蒂文的家_藍天', a blog named after its writer)
     * is not judged by the site name. */
    int latin = 0;
    for (const char *q = v; *q && *q != '(' && !latin; q++) /* "(handle)" aside */
        latin = isalpha((unsigned char)*q);
    /* A legal entity ("Deutsches Weininstitut GmbH", "NATURSTROM AG",
     * "Bundesministerium für ..."): the site's operator from its imprint,
     * not the article's writer. */
    if (!hit && latin && (is_org_name(v) || has_org_compound(v)) && !meta_author_looks_person(v))
        hit = 1;
    if (!hit && latin && !meta_author_looks_person(v)) {
        char p[256], t[256];
        meta_squash(v, p, sizeof p);
        size_t pl = strlen(p);
        if (site && pl >= AUTHOR_SITE_MATCH_MIN) {
            meta_squash(site, t, sizeof t);
            hit = t[0] && (strstr(t, p) || strstr(p, t) || same_words(v, site));
        }
        if (!hit && host && pl >= AUTHOR_SITE_MATCH_MIN) {
            meta_squash(host, t, sizeof t);
            hit = strstr(t, p) != NULL;
        }
        if (!hit)
            hit = names_host(v, host);
    }
    free(v);
    return hit;
}

/* Names gathered by one source, or kept aside as weak. */
typedef struct {
    char *names[META_MAX_AUTHORS];
    size_t n;
    const char *src;
    int site; /* the names are the site's own: a guess from the text beats them */
    /* The slot is taken by the site's self-credit in the author meta
     * (author_meta_is_site): later weak names yield to it as to any
     * site name, but it is never shown. */
    int hidden;
} author_set;

/* Is the weak slot still free for a source's weak names? */
static int weak_open(const author_set *w)
{
    return !w->n && !w->hidden;
}

static void author_set_free(author_set *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->names[i]);
    w->n = 0;
}

/* An organisation's initials in capitals ("IFZ", "NDR": two to five
 * capital letters, one word), which beside a reporter's full name is the
 * affiliation, not a co-author. */
static int is_caps_initials(const char *nm)
{
    size_t l = strlen(nm);
    if (l < 2 || l > AUTHOR_AFFIL_CAPS_MAX)
        return 0;
    for (size_t k = 0; k < l; k++)
        if (!isupper((unsigned char)nm[k]))
            return 0;
    return 1;
}

/* Drop agencies credited beside a person ("Peter Maahn, SP-X") and
 * capital initials beside a full name ("Sylvia Example, IFZ"; initials
 * beside initials, "AB, CD", stay). */
static size_t drop_agencies(char **names, size_t n)
{
    size_t people = 0, full = 0;
    for (size_t i = 0; i < n; i++) {
        int agency = word_in(names[i], strlen(names[i]), meta_author_agencies);
        people += !agency;
        full += !agency && !is_caps_initials(names[i]) && strchr(names[i], ' ');
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int agency = word_in(names[i], strlen(names[i]), meta_author_agencies);
        if ((agency && people && people < n) || (!agency && full && is_caps_initials(names[i])))
            free(names[i]);
        else
            names[k++] = names[i];
    }
    return k;
}

/* Keep the names that are not the site; set them when any is left and
 * one is a person's name. A set of weak names only (logins, initials,
 * organisations) is kept aside in `weak` for when no later source names
 * a person. */
static int finish_authors(lede_article *a, char **names, size_t *n, const char *src,
                          const char *site, const char *host, author_set *weak,
                          const char *publisher)
{
    /* The site's own name is a weak author: kept for when no person is
     * named (organisations' pages credit themselves). */
    char *site_names[META_MAX_AUTHORS];
    size_t n_site = 0;
    {
        char *keep[META_MAX_AUTHORS];
        memcpy(keep, names, *n * sizeof *names);
        size_t k = drop_site_names(keep, *n, site, host, site_names, &n_site);
        memcpy(names, keep, k * sizeof *names);
        *n = k;
    }
    if (!*n && n_site) {
        memcpy(names, site_names, n_site * sizeof *names);
        *n = n_site;
        if (weak_open(weak)) {
            memcpy(weak->names, names, *n * sizeof *names);
            weak->n = *n;
            weak->src = src;
            weak->site = 1;
        } else {
            for (size_t i = 0; i < *n; i++)
                free(names[i]);
        }
        *n = 0;
        return 0;
    }
    for (size_t i = 0; i < n_site; i++)
        free(site_names[i]);
    if (!*n)
        return 0;
    *n = drop_agencies(names, *n);
    int strong = 0, org = 0;
    for (size_t i = 0; i < *n; i++) {
        strong |= !is_weak_name(names[i], publisher, host);
        org |= is_org_name(names[i]);
    }
    /* "Bayerische Landesanstalt für Wald, Forstwirtschaft": one part
     * names an organisation, the comma split the rest of it off. */
    if (org)
        strong = 0;
    if (!strong) {
        if (weak_open(weak)) {
            memcpy(weak->names, names, *n * sizeof *names);
            weak->n = *n;
            weak->src = src;
        } else {
            for (size_t i = 0; i < *n; i++)
                free(names[i]);
        }
        *n = 0;
        return 0;
    }
    set_authors(a, names, *n, src);
    return 1;
}

/* "11.12.2019 - Amelie Loevenich": a numeric date line whose rest, after
 * a dash or bar, is two or three capitalised words. */
static void date_dash_name(lede_article *a, char **names, size_t *n, const char *t)
{
    static const char *const dashes[] = {" - ", " – ", " | ", NULL};
    const char *rest = NULL, *head_end = NULL;
    for (const char *const *d = dashes; *d && !rest; d++) {
        const char *q = strstr(t, *d);
        if (q) {
            head_end = q;
            rest = q + strlen(*d);
        }
    }
    if (!rest)
        return;
    /* The head is a numeric date (and time): digits and separators only. */
    for (const char *p = t; p < head_end; p++)
        if (!isdigit((unsigned char)*p) && !strchr(" ./:-,", *p))
            return;
    size_t words = 0;
    for (const char *p = rest; *p;) {
        while (*p == ' ')
            p++;
        size_t l = strcspn(p, " ");
        if (!l)
            break;
        if (!isupper((unsigned char)*p) && (unsigned char)*p < 0x80)
            return;
        /* "12 | DIN A4": a word with a digit is a size or a code. */
        for (size_t k = 0; k < l; k++)
            if (isdigit((unsigned char)p[k]))
                return;
        words++;
        p += l;
    }
    if (words >= 2 && words <= 3)
        split_authors(a, names, n, rest);
}

/* A short paragraph that is a byline: "Von Daniela Obers", "By X". */
static int text_byline(lede_article *a, char **names, size_t *n, const meta_scan *s)
{
    static const char *const lead[] = {"by ", "von ", "par ", "por ", "di ", "door ",
                                       "text: ", "autor: ", "autorin: ", "author: ",
                                       "texte : ", "texto: ", NULL};
    for (size_t i = 0; i < s->paragraphs.n && !*n; i++) {
        char *t = meta_node_text(s->paragraphs.v[i].node, 120);
        if (t && strlen(t) < 80) {
            for (const char *const *l = lead; *l; l++)
                if (!strncasecmp(t, *l, strlen(*l)) &&
                    isupper((unsigned char)t[strlen(*l)])) {
                    /* Line by line: "Von X und Y<br>Kakuma /Kenia" - the
                     * dateline's place after a <br> is no co-author. */
                    node_authors(a, names, n, s->paragraphs.v[i].node);
                    break;
                }
            if (!*n && isdigit((unsigned char)t[0]))
                date_dash_name(a, names, n, t);
        }
        free(t);
    }
    return *n > 0;
}

/* Is the word at p (up to a space) a name word: capitalised (or not
 * ASCII, for other scripts' names), or a lower-case particle? */
static int name_word(const char *p, size_t l)
{
    static const char *const particles[] = {"von", "van", "de", "der", "den",
                                            "da", "di", "du", "le", "la",
                                            "del", "dos", "ten", "zu", NULL};
    unsigned char c = (unsigned char)p[0];
    if (isupper(c) || c >= 0x80)
        return 1;
    for (const char *const *q = particles; *q; q++)
        if (strlen(*q) == l && !strncmp(p, *q, l))
            return 2;
    return 0;
}

/* A user name ("rasos", "user_42") followed by " am "/" on "/" um "/
 * " @ ": the date of the post follows the poster. */
static int is_handle_before_date(const char *p, size_t wl)
{
    static const char *const after[] = {" am ", " on ", " um ", " @ ", " | ", NULL};
    for (size_t k = 0; k < wl; k++)
        if (!isalnum((unsigned char)p[k]) && !strchr("._-", p[k]))
            return 0;
    for (const char *const *t = after; *t; t++)
        if (!strncmp(p + wl, *t, strlen(*t)))
            return 1;
    return 0;
}

/* Is a form control (meta_scan's fields, positions in the page text t)
 * placed from `at` to the next word - right after a label? */
static int field_between(const meta_nodes *fields, size_t at, const char *t, size_t len)
{
    size_t end = at;
    while (end < len && (t[end] == ' ' || t[end] == ':' || t[end] == '\n'))
        end++;
    for (size_t k = 0; k < fields->n; k++)
        if (fields->v[k].text_pos >= at && fields->v[k].text_pos <= end)
            return 1;
    return 0;
}

/* "Autor: Peter Maahn", "Text: Klausmartin Friedrich" in the visible text,
 * from a little before the headline on: the capitalised words after a
 * label from meta_author_labels (at most META_LABEL_WORDS of them, joined
 * names allowed, stopping at the next "Label:" or anything else). */
static int label_byline_in(lede_article *a, char **names, size_t *n, const char *t,
                           size_t len, size_t from, const char *const *labels,
                           const meta_nodes *fields)
{
    /* The labels by first byte (both cases), chained in table order: one
     * table look-up per text byte instead of a compare per label. */
    meta_label_index x;
    if (!meta_label_index_build(&x, labels))
        return 0; /* no such table: the longest holds well under the bound */
    const unsigned char *head = x.head, *next = x.next;
    for (int pass = 0; pass < 2 && !*n; pass++) {
        size_t i = pass ? 0 : from, end = pass ? from : len;
        for (; i < end && !*n; i++) {
            if (!head[(unsigned char)t[i]])
                continue;
            /* Inside a word, or the end of a compound ("Bestseller-Autor
             * Yuval Harari": a description of the person, not a byline). */
            if (i && (isalnum((unsigned char)t[i - 1]) ||
                      (t[i - 1] == '-' && i > 1 && isalpha((unsigned char)t[i - 2]))))
                continue;
            const char *hit = NULL;
            for (unsigned k = head[(unsigned char)t[i]]; k && !hit; k = next[k - 1]) {
                const char *const *l = &labels[k - 1];
                /* An ASCII label is compared by strncasecmp: its second
                 * byte first, then strlen and the compare on a hit. */
                if (!((unsigned char)(*l)[0] & 0x80) && (*l)[1] &&
                    (i + 1 >= len || tolower((unsigned char)t[i + 1]) !=
                                         tolower((unsigned char)(*l)[1])))
                    continue;
                size_t ll = strlen(*l);
                int colon = (*l)[ll - 1] == ':' ||
                            (ll >= 3 && !memcmp(*l + ll - 3, "：", 3));
                /* A label in another script ("автор:") inside a word of
                 * that script ("соавтор:") is none. */
                if (((unsigned char)(*l)[0] & 0x80) && i && ((unsigned char)t[i - 1] & 0x80))
                    continue;
                if (i + ll < len && prefix_at(t + i, *l, ll) &&
                    (t[i + ll] == ' ' || t[i + ll] == '\n' || colon))
                    hit = *l;
            }
            if (!hit)
                continue;
            /* "der Autor der Untertitel", "Lieblingsfilme der Redaktion:
             * Die ...": after an article the label word is a noun of the
             * sentence, not a byline label. */
            if (i >= 2 && t[i - 1] == ' ') {
                size_t ws = i - 1;
                while (ws > 0 && t[ws - 1] != ' ' && t[ws - 1] != '\n')
                    ws--;
                if (word_in(t + ws, i - 1 - ws, meta_author_label_articles))
                    continue;
            }
            const char *p = t + i + strlen(hit);
            /* "Von: [____]": a form control between the label and the
             * next words (a search box's member field) makes the label
             * the field's; the words after it are the form's buttons. */
            if (fields && field_between(fields, (size_t)(p - t), t, len))
                continue;
            char buf[META_AUTHOR_MAX_LEN * 2];
            size_t bl = 0;
            int words = 0, caps = 0, run = 0, crossed = 0;
            int colon_label = strchr(hit, ':') || strstr(hit, "：");
            /* A label alone on its line ("Autor" in its own block). */
            int own_line = !i || t[i - 1] == '\n';
            while (words < META_LABEL_WORDS) {
                while (*p == ' ' || *p == ':')
                    p++;
                /* A line break (a block's end in the page text) ends the
                 * name. Right after the label, "Autor:" may head its
                 * name's block; a label without a colon only when alone on
                 * its line, and then its next line must be just a
                 * person's name ("Autor" / "Peter Example"; not a menu's
                 * "Autoren" / "Newsletter"). */
                if (*p == '\n') {
                    if (words || (!colon_label && !own_line))
                        break;
                    crossed = !colon_label;
                    p++;
                    continue;
                }
                size_t wl = strcspn(p, " \n");
                if (!wl || bl + wl + 2 >= sizeof buf)
                    break;
                int kind = name_word(p, wl);
                /* "Gespeichert von rasos am 24. Juli": a lower-case user
                 * name right after the label, closed by a date word. */
                if (!kind && !words && is_handle_before_date(p, wl))
                    kind = 1;
                int joiner = (wl == 3 && !strncmp(p, "und", 3)) ||
                             (wl == 3 && !strncmp(p, "and", 3)) ||
                             (wl == 1 && *p == '&');
                if (!kind && !joiner)
                    break;
                /* "Autoren & Themen": a joiner before any name makes the
                 * label a heading's word, not a byline. */
                if (joiner && !words) {
                    words = 0;
                    break;
                }
                /* Words of one name: more is a menu or a heading read on
                 * ("Autoren Chemie-Lexikon Infografiken Videos Karriere"). */
                run = joiner ? 0 : run + 1;
                if (run > AUTHOR_PERSON_MAX_WORDS) {
                    words = 0;
                    break;
                }
                /* "Fotos:" starts the next label, also in French spacing
                 * ("Edition : X"). */
                if (memchr(p, ':', wl) || memmem(p, wl, "：", strlen("：")) ||
                    (p[wl - 1] == '.' && wl > 3) ||
                    (p[wl] == ' ' && p[wl + 1] == ':'))
                    break;
                if (bl)
                    buf[bl++] = ' ';
                memcpy(buf + bl, p, wl);
                bl += wl;
                buf[bl] = '\0';
                words++;
                caps += kind == 1;
                int comma = p[wl - 1] == ',';
                p += wl;
                if (comma)
                    run = 0;
            }
            if (crossed && words && (*p != '\n' || !meta_author_looks_person(buf)))
                words = 0;
            /* Without a colon the label may be running prose ("vom Autor
             * Zutaten für 2", "written by Turkish-speaking volunteers"):
             * one word followed by a lower-case word that is no date
             * tail ("by Konstantin on", "von rasos am") is a noun. */
            if (words == 1 && !colon_label) {
                /* date and category tails: "Posted by X under Fun" */
                static const char *const date_tails[] = {"am", "um", "on", "le", "el", "il",
                                                         "at", "op", "in", "den", "vom",
                                                         "under", "unter", NULL};
                const char *q = p;
                while (*q == ' ')
                    q++;
                size_t ql = strcspn(q, " \n");
                if (ql && islower((unsigned char)*q) && !word_in(q, ql, date_tails))
                    words = 0;
            }
            if (caps >= 1 && words >= 1) {
                buf[bl] = '\0';
                split_authors(a, names, n, buf);
            }
        }
    }
    return *n > 0;
}

static int label_byline(lede_article *a, char **names, size_t *n, const meta_scan *s)
{
    if (!s->text.s)
        return 0;
    size_t from = s->has_h1 && s->text_h1_pos > META_LABEL_BEFORE_H1
                      ? s->text_h1_pos - META_LABEL_BEFORE_H1 : 0;
    return label_byline_in(a, names, n, s->text.s, s->text.len, from,
                           meta_author_labels, &s->fields);
}

/* "Datum | By Cara Stiles | 3 min": a byline word inside a date/meta
 * element names the author (the element itself has no author class). */
static int meta_line_byline(lede_article *a, char **names, size_t *n, const meta_scan *s)
{
    static const char *const words[] = {"by", "von", "par", "por", "door", "di", "przez", NULL};
    for (size_t i = 0; i < s->datelike.n && !*n; i++) {
        char *t = meta_node_text(s->datelike.v[i].node, META_BYLINE_MAX * 2);
        if (t && strlen(t) <= META_BYLINE_MAX)
            label_byline_in(a, names, n, t, strlen(t), 0, words, NULL);
        free(t);
    }
    return *n > 0;
}

/* Yoast's reading-time card: twitter:labelN "Written by" / "Verfasst von"
 * with the author's display name in twitter:dataN. */
static void twitter_label_author(lede_article *a, char **names, size_t *n,
                                 const meta_scan *s)
{
    for (size_t i = 0; i < s->n_metas && !*n; i++) {
        const char *k = s->metas[i].key;
        if (strncmp(k, "twitter:label", 13) || !s->metas[i].val)
            continue;
        int hit = 0;
        for (const char *const *l = meta_author_card_labels; *l && !hit; l++)
            hit = meta_strcasestr(s->metas[i].val, *l) != NULL;
        if (!hit)
            continue;
        char key[64];
        snprintf(key, sizeof key, "twitter:data%s", k + 13);
        const char *v = meta_get(s, key);
        if (v && !meta_is_url(v))
            split_authors(a, names, n, v);
    }
}

/* The JSON-LD article's publisher name (an author equal to it is the
 * organisation, not a writer). */
static const char *publisher_name(const json_t *art)
{
    if (!art)
        return NULL;
    const json_t *p = json_object_get(art, "publisher");
    if (json_is_array(p))
        p = json_array_get(p, 0);
    if (json_is_object(p))
        return jsonld_str(p, "name");
    return json_is_string(p) ? json_string_value(p) : NULL;
}

/* Set the authors kept aside as weak, when no source named a person. */
static void use_weak(lede_article *a, author_set *weak)
{
    if (!a->author && weak->n) {
        set_authors(a, weak->names, weak->n, weak->src);
        weak->n = 0;
    }
    author_set_free(weak);
}

/* The first JSON-LD node typed WebPage that names an author. */
static const json_t *webpage_with_author(const meta_scan *s)
{
    for (size_t i = 0; i < s->n_jsonld; i++) {
        const json_t *o = s->jsonld[i];
        const json_t *ty = json_object_get(o, "@type");
        int page = json_is_string(ty) && !strcmp(json_string_value(ty), "WebPage");
        for (size_t k = 0; json_is_array(ty) && k < json_array_size(ty) && !page; k++) {
            const char *v = json_string_value(json_array_get(ty, k));
            page = v && !strcmp(v, "WebPage");
        }
        if (page && json_object_get(o, "author"))
            return o;
    }
    return NULL;
}

/* Academic titles a person's name may open with ("Dr. Alexander X"). */
static const char *const person_titles[] = {"dr.", "prof.", "dr", "prof", NULL};

/* Is the word a common given name (meta_first_names, ASCII case folded)? */
static int is_first_name(const char *w, size_t l)
{
    char low[64];
    if (l >= sizeof low)
        return 0;
    for (size_t k = 0; k < l; k++)
        low[k] = (char)tolower((unsigned char)w[k]);
    low[l] = '\0';
    return word_in(low, l, meta_first_names);
}

/* Does s look like one person's name: two to four capitalised words (or
 * particles) of letters, hyphens, dots and apostrophes, after at most two
 * academic titles, the first a common given name, no organisation or
 * job word? The weak sources (signature lines, a personal site's name)
 * count only names passing this test. */
int meta_author_looks_person(const char *s)
{
    if (!s)
        return 0;
    const char *p = s;
    for (int k = 0; k < 2; k++) {
        while (*p == ' ')
            p++;
        size_t l = strcspn(p, " ");
        if (p[l] && word_in(p, l, person_titles))
            p += l;
    }
    size_t words = 0;
    int first_ok = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t l = strcspn(p, " ");
        if (!l)
            break;
        unsigned char c0 = (unsigned char)p[0];
        if (!(isupper(c0) || c0 >= 0x80) && !is_particle(p, l))
            return 0;
        for (size_t k = 0; k < l; k++) {
            unsigned char c = (unsigned char)p[k];
            if (!(isalpha(c) || c >= 0x80 || c == '-' || c == '.' || c == '\''))
                return 0;
        }
        if (word_in(p, l, meta_author_org_words) || word_in(p, l, not_name_words))
            return 0;
        if (!words)
            first_ok = is_first_name(p, l);
        words++;
        p += l;
    }
    return first_ok && words >= 2 && words <= AUTHOR_PERSON_MAX_WORDS;
}

/* Does one of the few elements before `node` hold a long paragraph (the
 * end of the article's prose)? Bounded: AUTHOR_SIG_PREV siblings, the
 * text of each read up to AUTHOR_SIG_PROSE_MIN bytes. */
static int follows_prose(const xmlNode *node)
{
    int seen = 0;
    for (const xmlNode *x = node->prev; x && seen < AUTHOR_SIG_PREV; x = x->prev) {
        if (x->type != XML_ELEMENT_NODE)
            continue;
        seen++;
        char *t = meta_node_text(x, AUTHOR_SIG_PROSE_MIN + 1);
        size_t l = t ? strlen(t) : 0;
        free(t);
        if (l >= AUTHOR_SIG_PROSE_MIN)
            return 1;
    }
    return 0;
}

/* A signature line closing the article: "<p><b><i>Stefan Example</i></b>
 * </p>" right after its prose (meta_scan collects the emphasised short
 * paragraphs; a person's name and the prose before it decide here). */
static int signature_author(lede_article *a, char **names, size_t *n, const meta_scan *s)
{
    /* Exactly one: an interview sets its speakers' names in bold
     * paragraphs between the answers, again and again. */
    char *sig = NULL;
    int count = 0;
    for (size_t i = 0; i < s->signatures.n && count < 2; i++) {
        const xmlNode *node = s->signatures.v[i].node;
        char *t = meta_node_text(node, META_NODE_TEXT);
        if (t && meta_author_looks_person(t) && follows_prose(node)) {
            count++;
            free(sig);
            sig = t;
            t = NULL;
        }
        free(t);
    }
    if (count == 1)
        add_author(a, names, n, sig);
    free(sig);
    return *n > 0;
}

/* <address>, HTML's element for the contact of an article's author:
 * "<address>By <a>Name</a></address>". Only a short one that opens with
 * a byline word counts: footers use it for postal addresses. */
static int address_byline(lede_article *a, char **names, size_t *n, const meta_scan *s)
{
    static const char *const lead[] = {"by ", "von ", "par ", "por ", "di ", "door ", NULL};
    for (size_t i = 0; i < s->addresses.n && !*n; i++) {
        char *t = meta_node_text(s->addresses.v[i].node, AUTHOR_ADDRESS_MAX + 1);
        if (t && strlen(t) <= AUTHOR_ADDRESS_MAX)
            for (const char *const *l = lead; *l; l++)
                if (!strncasecmp(t, *l, strlen(*l)) &&
                    isupper((unsigned char)t[strlen(*l)])) {
                    split_authors(a, names, n, t);
                    break;
                }
        free(t);
    }
    return *n > 0;
}

/* The text right after a lone byline label ("<strong>von</strong>
 * <span>Name</span>", a credits block "Interview" then "NAME"), when it
 * is a person's name: the first non-blank text within
 * AUTHOR_LABEL_NEXT_NODES nodes of the label, cleaned into buf. */
static int label_next_name(const xmlNode *label, const xmlNode *root, char *buf, size_t cap)
{
    int seen = 0;
    for (xmlNode *x = dom_next((xmlNode *)label, root, 0);
         x && seen < AUTHOR_LABEL_NEXT_NODES; x = dom_next(x, root, 0), seen++) {
        if (x->type == XML_ELEMENT_NODE) {
            const char *nm = dom_name(x);
            if (!strcmp(nm, "script") || !strcmp(nm, "style") || !strcmp(nm, "time"))
                return 0;
            continue;
        }
        if (x->type != XML_TEXT_NODE || !x->content)
            continue;
        char *t = meta_clean0((const char *)x->content);
        if (!t)
            continue; /* blank */
        int ok = strlen(t) < cap && meta_author_looks_person(t);
        if (ok)
            memcpy(buf, t, strlen(t) + 1);
        free(t);
        return ok;
    }
    return 0;
}

/* A link to an author's page ("/autoren/kathrin-example") whose text, or
 * a text inside it (beside a photo credit), is a person's name: the first
 * such link in page order, AUTHOR_LINK_NODES nodes read per link. */
static int author_link_person(lede_article *a, char **names, size_t *n, const meta_scan *s)
{
    for (size_t i = 0; i < s->author_links.n && !*n; i++) {
        const xmlNode *link = s->author_links.v[i].node;
        int seen = 0;
        for (xmlNode *x = dom_next((xmlNode *)link, link, 0);
             x && seen < AUTHOR_LINK_NODES && !*n; x = dom_next(x, link, 0), seen++) {
            if (x->type != XML_TEXT_NODE || !x->content)
                continue;
            char *t = meta_clean0((const char *)x->content);
            if (t && meta_author_looks_person(t))
                add_author(a, names, n, t);
            free(t);
        }
    }
    return *n > 0;
}

static int label_next_author(lede_ctx *ctx, lede_article *a, char **names, size_t *n,
                             const meta_scan *s)
{
    char buf[META_AUTHOR_MAX_LEN + 1];
    for (size_t i = 0; i < s->lone_labels.n && !*n; i++)
        if (label_next_name(s->lone_labels.v[i].node, (xmlNode *)ctx->doc, buf, sizeof buf))
            add_author(a, names, n, buf);
    return *n > 0;
}

/* "Todd" from JSON-LD where the byline reads "By" / "Todd Example": a
 * lone given name is completed by a lone-label byline that starts with
 * it (the same person, written in full where the page shows it). */
/* A blog's "Mehr von Henry Example" / "More from Henry Example" box
 * heading completes the lone given name "Henry": the site presents its
 * author there. Exactly one capitalised word must follow the given
 * name; a heading in capitals ("MEHR VON HENRY EXAMPLE") is written
 * back as the byline's given name and the surname in title case. */
static void more_from_full_name(lede_article *a, const meta_scan *s)
{
    static const char *const heads[] = {"mehr von ", "more from ", "more by ",
                                        "weitere artikel von ", NULL};
    if (!s->text.s || !a->author || a->n_authors != 1 || strchr(a->author, ' '))
        return;
    size_t gl = strlen(a->author);
    for (const char *const *h = heads; *h; h++) {
        size_t hl = strlen(*h);
        for (const char *q = meta_strcasestr(s->text.s, *h); q; q = meta_strcasestr(q + 1, *h)) {
            const char *g = q + hl;
            if (strncasecmp(g, a->author, gl) || g[gl] != ' ')
                continue;
            const char *sur = g + gl + 1;
            size_t sl = 0;
            while (sur[sl] && (isalpha((unsigned char)sur[sl]) || (unsigned char)sur[sl] >= 0x80 ||
                               sur[sl] == '-'))
                sl++;
            if (sl < 2 || !isupper((unsigned char)sur[0]) ||
                (sur[sl] && sur[sl] != ' ' && sur[sl] != '\n') ||
                gl + 1 + sl > META_AUTHOR_MAX_LEN)
                continue;
            /* One word only: a second capitalised word after a mixed-case
             * surname makes it a title ("More from Henry Example Tools");
             * after a heading in capitals it is the next block's text. */
            if (sur[sl] == ' ' && isupper((unsigned char)sur[sl + 1]) &&
                isupper((unsigned char)sur[1]) == 0)
                continue;
            char buf[META_AUTHOR_MAX_LEN + 1];
            memcpy(buf, a->author, gl);
            buf[gl] = ' ';
            int caps = 1;
            for (size_t k = 0; k < sl; k++)
                caps &= !islower((unsigned char)sur[k]);
            for (size_t k = 0; k < sl; k++)
                buf[gl + 1 + k] = (char)(caps && k ? tolower((unsigned char)sur[k]) : sur[k]);
            buf[gl + 1 + sl] = '\0';
            if (!meta_author_looks_person(buf))
                continue;
            replace_sole_author(a, buf);
            return;
        }
    }
}

static void complete_first_name(lede_ctx *ctx, const meta_scan *s)
{
    lede_article *a = ctx->art;
    if (!a->author || a->n_authors != 1 || strchr(a->author, ' '))
        return;
    size_t l = strlen(a->author);
    char buf[META_AUTHOR_MAX_LEN + 1];
    for (size_t i = 0; i < s->lone_labels.n; i++) {
        /* Only a byline by the headline: a licence line at the foot
         * ("Blog von Andrea Example") is no evidence of the full name. */
        size_t pos = s->lone_labels.v[i].text_pos;
        if (!s->has_h1 || pos + META_LABEL_BEFORE_H1 < s->text_h1_pos ||
            pos > s->text_h1_pos + AUTHOR_HEAD_AFTER_H1)
            continue;
        if (!label_next_name(s->lone_labels.v[i].node, (xmlNode *)ctx->doc, buf, sizeof buf))
            continue;
        if (strncasecmp(buf, a->author, l) || buf[l] != ' ')
            continue;
        replace_sole_author(a, buf);
        return;
    }
    more_from_full_name(a, s);
}

/* The person at the start of s, if any: the longest run of two to four
 * words (cut at a sentence dot, a bar, a bullet, a comma or a dash) that
 * passes meta_author_looks_person. Academic titles are dropped (a site
 * brands its owner "Dr. X"; the byline names X). Writes to buf. */
static int leading_person(const char *s, char *buf, size_t cap)
{
    char tmp[META_AUTHOR_MAX_LEN + 1];
    size_t l = 0;
    for (const char *p = s; *p && l + 1 < sizeof tmp; p++) {
        if (strchr("|,;()[]", *p) || !strncmp(p, "•", strlen("•")) ||
            !strncmp(p, " - ", 3) || !strncmp(p, " – ", strlen(" – ")) ||
            !strncmp(p, "'s ", 3) || !strncmp(p, "’s ", strlen("’s ")))
            break;
        /* "Szorc. All rights": a dot after a word of two letters or more
         * ends the name; "P. Example" keeps its initial. */
        if (*p == '.' && (p[1] == ' ' || !p[1]) && p - s >= 2 &&
            isalpha((unsigned char)p[-1]) && isalpha((unsigned char)p[-2])) {
            const char *w = p;
            while (w > s && w[-1] != ' ')
                w--;
            if (!word_in(w, (size_t)(p - w), person_titles))
                break;
        }
        tmp[l++] = *p;
    }
    tmp[l] = '\0';
    for (int k = 0; k < 2; k++) { /* "Dr. Prof." */
        char *sp = strchr(tmp, ' ');
        if (sp && word_in(tmp, (size_t)(sp - tmp), person_titles))
            memmove(tmp, sp + 1, strlen(sp + 1) + 1);
    }
    for (size_t words = AUTHOR_PERSON_MAX_WORDS; words >= 2; words--) {
        char try[META_AUTHOR_MAX_LEN + 1];
        size_t tl = 0, w = 0;
        for (const char *p = tmp; *p && w < words; ) {
            while (*p == ' ')
                p++;
            size_t wl = strcspn(p, " ");
            if (!wl)
                break;
            if (tl)
                try[tl++] = ' ';
            memcpy(try + tl, p, wl);
            tl += wl;
            w++;
            p += wl;
        }
        try[tl] = '\0';
        if (w == words && meta_author_looks_person(try) && tl < cap) {
            memcpy(buf, try, tl + 1);
            return 1;
        }
    }
    return 0;
}

/* Is the credit line an image's caption or credit ("© Name" under a
 * photo names the photographer)? Up to AUTHOR_CREDIT_UP ancestors. */
static int in_image_credit(const xmlNode *n)
{
    static const char *const keys[] = {"caption", "image", "img", "photo", "foto",
                                       "picture", "teaser", "media", "bild", NULL};
    int up = 0;
    for (const xmlNode *x = n->parent; x && x->type == XML_ELEMENT_NODE && up < AUTHOR_CREDIT_UP;
         x = x->parent, up++) {
        const char *nm = dom_name(x);
        if (!strcmp(nm, "body")) /* its classes describe the page, not a box */
            break;
        if (!strcmp(nm, "figure") || !strcmp(nm, "figcaption") || !strcmp(nm, "picture"))
            return 1;
        const char *cls = dom_attr(x, "class"), *id = dom_attr(x, "id");
        for (const char *const *k = keys; *k; k++)
            if ((cls && meta_strcasestr(cls, *k)) || (id && meta_strcasestr(id, *k)))
                return 1;
    }
    return 0;
}

/* Does a word before `mark` in the credit line c name the site's
 * software or look (meta_author_tool_credits: "Add-ons", "Theme")? */
static int credits_tool(const char *c, const char *mark)
{
    for (const char *w = c; w < mark;) {
        size_t wl = strcspn(w, " :");
        if ((size_t)(mark - w) < wl)
            wl = (size_t)(mark - w);
        if (wl && word_in_folded(w, wl, meta_author_tool_credits))
            return 1;
        w += wl;
        while (w < mark && (*w == ' ' || *w == ':'))
            w++;
    }
    return 0;
}

/* A personal site's owner when no source named an author: the site name
 * ("Dr. Alexander Example"), a part of the <title> beside the headline
 * ("Headline | Wolfgang Example"), or a copyright line ("Copyright (c)
 * 2012- Gregory Example.", "(c) 2006-2008 by Martin Example") - each only
 * when it is a person's name (given-name table), never an organisation. */
#define AUTHOR_HOST_NAME_MIN 8 /* squashed bytes of a host label read as a full name */

/* A personal site named after its owner: the host's first label
 * ("alexanderlasch" of alexanderlasch.wordpress.com) is two or three
 * capitalised words of the page text written together, and those words
 * are a person's name ("Alexander Lasch" in the header). One pass over
 * the bounded scan text; writes the name to buf. */
static int host_person(const meta_scan *s, const char *host, char *buf, size_t cap)
{
    if (!host || !s->text.s)
        return 0;
    if (!strncmp(host, "www.", 4))
        host += 4;
    size_t hl = strcspn(host, ".");
    char label[64], sq[64];
    if (hl < AUTHOR_HOST_NAME_MIN || hl >= sizeof label || !host[hl])
        return 0;
    memcpy(label, host, hl);
    label[hl] = '\0';
    meta_squash(label, sq, sizeof sq);
    size_t sl = strlen(sq);
    const char *t = s->text.s;
    for (size_t i = 0; i < s->text.len; i++) {
        if (!isupper((unsigned char)t[i]) || (i && isalnum((unsigned char)t[i - 1])))
            continue;
        /* The word's squash opens with its lower-cased capital: the label
         * must too (one compare before the copy and squash of any word). */
        if (tolower((unsigned char)t[i]) != (unsigned char)sq[0])
            continue;
        /* Two or three words from here, squashed, must spell the label. */
        char acc[64];
        size_t al = 0;
        const char *p = t + i;
        for (int w = 0; w < 3 && al < sl; w++) {
            if (w && (*p != ' ' || !isupper((unsigned char)p[1])))
                break;
            if (w)
                p++;
            size_t wl = strcspn(p, " \n");
            char word[64], wq[64];
            if (!wl || wl >= sizeof word)
                break;
            memcpy(word, p, wl);
            word[wl] = '\0';
            meta_squash(word, wq, sizeof wq);
            size_t ql = strlen(wq);
            if (al + ql >= sizeof acc || strncmp(sq + al, wq, ql))
                break;
            memcpy(acc + al, wq, ql);
            al += ql;
            p += wl;
            if (al == sl && w >= 1) {
                size_t nl = (size_t)(p - (t + i));
                if (nl >= cap)
                    return 0;
                memcpy(buf, t + i, nl);
                buf[nl] = '\0';
                if (meta_author_looks_person(buf))
                    return 1;
            }
        }
    }
    return 0;
}

static void site_person(lede_ctx *ctx, const meta_scan *s, const char *site,
                        const char *host)
{
    lede_article *a = ctx->art;
    if (a->author)
        return;
    char buf[META_AUTHOR_MAX_LEN + 1];
    const char *src = NULL;
    if (site && leading_person(site, buf, sizeof buf) && strlen(buf) + 8 >= strlen(site))
        src = "site-name";
    /* <title>: the part after the last separator. */
    static const char *const seps[] = {" | ", " – ", " — ", " - ", " :: ", " » ", NULL};
    const char *t = s->title_tag;
    for (const char *const *sp = seps; t && !src && *sp; sp++) {
        const char *last = strstr(t, *sp), *r;
        if (!last)
            continue;
        while ((r = strstr(last + strlen(*sp), *sp)))
            last = r;
        /* Only the last part: the first is the page's headline, and a
         * page about a person ("Jens Example | Agency") is not by him. */
        const char *tail = last + strlen(*sp);
        if (leading_person(tail, buf, sizeof buf) && strlen(buf) == strlen(tail) &&
            !(a->title && !strcasecmp(a->title, buf))) /* "site » Headline" */
            src = "title";
    }
    for (size_t i = s->credits.n; !src && i-- > 0;) {
        const xmlNode *n = s->credits.v[i].node;
        if (in_image_credit(n))
            continue;
        char *c = meta_clean0((const char *)n->content);
        if (!c)
            continue;
        /* Past the marker, years and "by": "Copyright (c) 2012- X". */
        const char *p = c;
        const char *m;
        if ((m = strstr(p, "©")))
            p = m + strlen("©");
        else if ((m = strstr(p, "(c)")) || (m = strstr(p, "(C)")))
            p = m + 3;
        else if ((m = meta_strcasestr(p, "copyright")))
            p = m + 9;
        else if ((m = strstr(p, " by ")))
            p = m + 1;
        /* "Add-ons © X", "Theme by X": the maker of the site's tools. */
        if (m && credits_tool(c, m)) {
            free(c);
            continue;
        }
        for (int round = 0; round < 4; round++) {
            while (*p && (isdigit((unsigned char)*p) || strchr(" -–,.:", *p) ||
                          (unsigned char)*p == 0xe2))
                p++;
            if ((m = strstr(p, "(c)")) == p || (m = strstr(p, "(C)")) == p ||
                (m = strstr(p, "©")) == p)
                p += m[0] == '(' ? 3 : strlen("©");
            else if (!strncasecmp(p, "copyright", 9))
                p += 9;
            else if (!strncasecmp(p, "by ", 3) || !strncasecmp(p, "von ", 4))
                p += p[0] == 'b' || p[0] == 'B' ? 3 : 4;
        }
        if (leading_person(p, buf, sizeof buf))
            src = "copyright";
        free(c);
    }
    /* Last: the host named after the page's owner. */
    if (!src && host_person(s, host, buf, sizeof buf))
        src = "host-name";
    if (!src)
        return;
    char *names[1] = {strdup(buf)};
    if (names[0])
        set_authors(a, names, 1, src);
}

/* A login "christian.stadtfeld" when the page shows the person: the
 * visible text holds the login's first part, then within a middle
 * initial or name, its second part ("Christian P. Stadtfeld"), both
 * capitalised. That span replaces the login. Searched in the bounded
 * scan text: O(text) per login. */
#define AUTHOR_LOGIN_GAP 16 /* bytes between the parts: " P. ", " Peter " */

static void login_to_name(lede_article *a, const meta_scan *s)
{
    if (!a->author || a->n_authors != 1 || strchr(a->author, ' ') || !s->text.s)
        return;
    const char *lg = a->author;
    size_t l1 = strcspn(lg, "._-");
    if (l1 < 2 || !lg[l1] || !lg[l1 + 1])
        return;
    const char *p2 = lg + l1 + 1;
    size_t l2 = strlen(p2);
    if (l2 < 2 || strcspn(p2, "._-") != l2)
        return;
    for (size_t k = 0; k < l1; k++)
        if (!isalpha((unsigned char)lg[k]))
            return;
    for (size_t k = 0; k < l2; k++)
        if (!isalpha((unsigned char)p2[k]))
            return;
    const char *t = s->text.s;
    for (const char *m = t; *m; m++) {
        if (tolower((unsigned char)m[0]) != tolower((unsigned char)lg[0]) ||
            (m > t && m[-1] != ' ' && m[-1] != '(' && m[-1] != '\n') ||
            !isupper((unsigned char)m[0]) ||
            strncasecmp(m, lg, l1) || m[l1] != ' ')
            continue;
        const char *after = m + l1;
        for (size_t gap = 1; gap <= AUTHOR_LOGIN_GAP && after[gap - 1]; gap++) {
            const char *c = after + gap;
            if (c[-1] != ' ' || strncasecmp(c, p2, l2) || !isupper((unsigned char)c[0]) ||
                isalpha((unsigned char)c[l2]))
                continue;
            size_t span = (size_t)(c + l2 - m);
            char buf[META_AUTHOR_MAX_LEN + 1];
            if (span >= sizeof buf)
                return;
            memcpy(buf, m, span);
            buf[span] = '\0';
            if (meta_word_count(buf) > AUTHOR_PERSON_MAX_WORDS)
                break;
            replace_sole_author(a, buf);
            return;
        }
    }
}

/* Is the word an initial or a run of them ("F.", "J.R.", "A.-M.")? */
static int is_initials(const char *w, size_t l)
{
    if (l < 2 || w[l - 1] != '.')
        return 0;
    for (size_t k = 0; k < l; k++)
        if (!(isupper((unsigned char)w[k]) || w[k] == '.' || w[k] == '-'))
            return 0;
    return 1;
}

/* A catalogue's inverted name: "Smith, John", "Jong, Michiel de",
 * "Kooman, F." (citation_author, DC.Creator) is one person, written
 * back in reading order into out ("John Smith", "F. Kooman"). One comma,
 * one or two capitalised words before it, after it a common given name
 * or initials, then only initials or particles ("de", "van"). A list
 * "Smith, Jones" (no given name after the comma) is no inverted name. */
static int inverted_name(const char *val, char *out, size_t cap)
{
    const char *comma = strchr(val, ',');
    if (!comma || strchr(comma + 1, ',') || strpbrk(val, ";&|0123456789"))
        return 0;
    const char *b = val;
    while (*b == ' ')
        b++;
    size_t bl = (size_t)(comma - b);
    while (bl && b[bl - 1] == ' ')
        bl--;
    if (!bl || !isupper((unsigned char)*b))
        return 0;
    const char *sp = memchr(b, ' ', bl);
    if (sp && memchr(sp + 1, ' ', bl - (size_t)(sp + 1 - b)))
        return 0; /* three words before the comma: a phrase */
    const char *g = comma + 1;
    while (*g == ' ')
        g++;
    size_t gl = strlen(g);
    while (gl && g[gl - 1] == ' ')
        gl--;
    if (!gl)
        return 0;
    size_t words = 0;
    for (const char *w = g; w < g + gl;) {
        size_t wl = strcspn(w, " ");
        if (wl > (size_t)(g + gl - w))
            wl = (size_t)(g + gl - w);
        int ok = is_initials(w, wl) || (words && is_particle(w, wl)) ||
                 (!words && is_first_name(w, wl)) ||
                 (words == 1 && isupper((unsigned char)*w) && !is_initials(g, strcspn(g, " ")));
        if (!ok || ++words > AUTHOR_PERSON_MAX_WORDS - 1)
            return 0;
        w += wl;
        while (*w == ' ')
            w++;
    }
    if (gl + 1 + bl >= cap)
        return 0;
    memcpy(out, g, gl);
    out[gl] = ' ';
    memcpy(out + gl + 1, b, bl);
    out[gl + 1 + bl] = '\0';
    return 1;
}

/* Is the microdata node the author of a reader's comment or review
 * (an enclosing itemscope typed Comment/Review, or a "comment" box)?
 * A comment's author is no author of the article. Bounded climb. */
static int in_comment_item(const xmlNode *node)
{
    int up = 0;
    for (const xmlNode *x = node->parent; x && x->type == XML_ELEMENT_NODE && up < AUTHOR_COMMENT_UP;
         x = x->parent, up++) {
        const char *ty = dom_attr(x, "itemtype");
        if (ty && (meta_strcasestr(ty, "Comment") || meta_strcasestr(ty, "Review")))
            return 1;
        const char *cl = dom_attr(x, "class");
        const char *id = dom_attr(x, "id");
        if ((cl && meta_strcasestr(cl, "comment")) || (id && meta_strcasestr(id, "comment")))
            return 1;
    }
    return 0;
}

/* Is the node inside the page's furniture beside the article - an
 * <aside>, <nav> or <footer>, or a box whose class or id says sidebar?
 * ("widget" is no sign: Blogger wraps the post itself in "widget
 * Blog".) Bounded climb of AUTHOR_COMMENT_UP ancestors. */
static int in_page_aside(const xmlNode *node)
{
    static const char *const boxes[] = {"sidebar", NULL};
    int up = 0;
    for (const xmlNode *x = node->parent; x && x->type == XML_ELEMENT_NODE && up < AUTHOR_COMMENT_UP;
         x = x->parent, up++) {
        const char *nm = dom_name(x);
        if (!strcmp(nm, "aside") || !strcmp(nm, "nav") || !strcmp(nm, "footer"))
            return 1;
        const char *cl = dom_attr(x, "class");
        const char *id = dom_attr(x, "id");
        for (const char *const *b = boxes; *b; b++)
            if ((cl && meta_strcasestr(cl, *b)) || (id && meta_strcasestr(id, *b)))
                return 1;
    }
    return 0;
}

static void pick_author(lede_ctx *ctx, meta_scan *s, const json_t *art, const char *site,
                        const char *host, author_set *weak)
{
    lede_article *a = ctx->art;
    char *names[META_MAX_AUTHORS];
    size_t n = 0;
    const char *pub = publisher_name(art);
    /* Without a JSON-LD publisher, the publisher metas name it (an author
     * meta equal to DC.publisher is the site crediting itself). */
    if (!pub) {
        static const char *const pub_keys[] = {"dc.publisher", "dcterms.publisher",
                                               "publisher", NULL};
        pub = meta_first(s, pub_keys, NULL);
        if (pub && meta_is_url(pub))
            pub = NULL;
    }
    if (art) {
        jsonld_authors(a, names, &n, json_object_get(art, "author"), s);
        if (!n)
            jsonld_authors(a, names, &n, json_object_get(art, "creator"), s);
        /* A secondary credit, read only when the article names no author
         * or creator at all. */
        if (!n)
            jsonld_authors(a, names, &n, json_object_get(art, "contributor"), s);
        if (finish_authors(a, names, &n, "json-ld", site, host, weak, pub))
            return;
    }
    /* No article object: a WebPage node's author (Yoast graphs on pages
     * that are not typed as articles link the person there). */
    if (!art) {
        const json_t *page = webpage_with_author(s);
        if (page) {
            jsonld_authors(a, names, &n, json_object_get(page, "author"), s);
            if (finish_authors(a, names, &n, "json-ld", site, host, weak, pub))
                return;
        }
    }
    /* dc:creator as an RDFa property first, as for the title. */
    static const char *const keys[] = {"dc:creator", "author", "article:author",
                                       /* the same property with an og: prefix */
                                       "og:article:author",
                                       "dc.creator", "dcterms.creator",
                                       "parsely-author", "sailthru.author",
                                       "byl", "citation_author",
                                       /* Cxense's content tagging */
                                       "cxenseparse:author", NULL};
    for (const char *const *k = keys; *k && !n; k++) {
        int web = 0;
        /* Several meta tags with the same key are several authors. */
        for (size_t i = 0; i < s->n_metas && n < META_MAX_AUTHORS; i++) {
            if (strcmp(s->metas[i].key, *k) || !s->metas[i].val ||
                meta_is_url(s->metas[i].val))
                continue;
            if (!strcmp(*k, "author") && author_meta_is_site(s->metas[i].val, site, host)) {
                weak->hidden |= weak_open(weak);
                continue;
            }
            char inv[META_AUTHOR_MAX_LEN + 1];
            if (inverted_name(s->metas[i].val, inv, sizeof inv))
                add_author(a, names, &n, inv);
            else
                split_authors(a, names, &n, s->metas[i].val);
            web |= meta_strcasestr(s->metas[i].val, "www.") != NULL;
        }
        /* "Deutsche Welle (www.dw.com)": a name given with its web
         * address is the site crediting itself, as weak as its name. */
        if (web && n && weak_open(weak)) {
            memcpy(weak->names, names, n * sizeof *names);
            weak->n = n;
            weak->src = meta_src(*k);
            weak->site = 1;
            n = 0;
        }
        if (finish_authors(a, names, &n, meta_src(*k), site, host, weak, pub))
            return;
    }
    twitter_label_author(a, names, &n, s);
    if (finish_authors(a, names, &n, "twitter:data", site, host, weak, pub))
        return;
    /* Microdata: itemprop=author (its itemprop=name child when present). */
    for (size_t i = 0; i < s->itemprops.n && !n; i++) {
        xmlNode *node = s->itemprops.v[i].node;
        const char *ip = dom_attr(node, "itemprop");
        if (!ip || !meta_strcasestr(ip, "author") || in_comment_item(node))
            continue;
        const char *c = dom_attr(node, "content");
        char *t = c ? meta_clean0(c) : NULL;
        if (t && strlen(t) <= META_BYLINE_MAX)
            split_authors(a, names, &n, t);
        else if (!c)
            node_authors(a, names, &n, node);
        free(t);
    }
    if (finish_authors(a, names, &n, "microdata", site, host, weak, pub))
        return;
    /* rel=author links beside the article: one is the blog owner's
     * badge and names the author; several are a list of the site's
     * writers ("Our writers") and name none of them. */
    {
        size_t aside = 0;
        for (size_t i = 0; i < s->rel_author.n && i < META_MAX_NODES; i++)
            aside += in_page_aside(s->rel_author.v[i].node);
        /* A reader's comment links its writer's site with rel=author
         * too: that names the commenter, not the article's author. */
        for (size_t i = 0; i < s->rel_author.n && !n; i++)
            if ((aside < 2 || !in_page_aside(s->rel_author.v[i].node)) &&
                !in_comment_item(s->rel_author.v[i].node))
                node_authors(a, names, &n, s->rel_author.v[i].node);
    }
    if (finish_authors(a, names, &n, "rel-author", site, NULL, weak, pub))
        return;
    for (size_t i = 0; i < s->bylines.n && !n; i++)
        node_authors(a, names, &n, s->bylines.v[i].node);
    if (finish_authors(a, names, &n, "byline", site, NULL, weak, pub))
        return;
    if (address_byline(a, names, &n, s) &&
        finish_authors(a, names, &n, "address", site, NULL, weak, pub))
        return;
    /* A weak name from a marked-up source beats a guess from the text. */
    if (weak->n && !weak->site)
        return;
    if (text_byline(a, names, &n, s) &&
        finish_authors(a, names, &n, "text", site, NULL, weak, pub))
        return;
    if (label_byline(a, names, &n, s) &&
        finish_authors(a, names, &n, "text", site, NULL, weak, pub))
        return;
    /* A lone label's next text and a data layer's author: person
     * names only (meta_author_looks_person), after the text's own
     * bylines. */
    if (label_next_author(ctx, a, names, &n, s) &&
        finish_authors(a, names, &n, "byline-label", site, NULL, weak, pub))
        return;
    if (author_link_person(a, names, &n, s) &&
        finish_authors(a, names, &n, "author-link", site, NULL, weak, pub))
        return;
    if (meta_author_looks_person(s->script_author)) {
        add_author(a, names, &n, s->script_author);
        if (finish_authors(a, names, &n, "script", site, NULL, weak, pub))
            return;
    }
    if (meta_line_byline(a, names, &n, s) &&
        finish_authors(a, names, &n, "byline", site, NULL, weak, pub))
        return;
    if (signature_author(a, names, &n, s))
        finish_authors(a, names, &n, "signature", site, NULL, weak, pub);
}

/* Co-authors: another source of the page lists the chosen names and
 * more ("author": "Sadhbh Example" beside "creator": ["Sadhbh Example",
 * "Elisabeth Example"]; a meta author "Rudolf Example" beside a data
 * layer's "Rudolf Example, Simon Example"). The longer list is the
 * byline; the shorter one named its first writer only. */
static void widen_to_superset(lede_article *a, char **cand, size_t nc)
{
    size_t have = a->n_authors;
    if (!have || nc <= have) {
        for (size_t i = 0; i < nc; i++)
            free(cand[i]);
        return;
    }
    size_t found = 0;
    for (size_t i = 0; i < have; i++)
        for (size_t k = 0; k < nc; k++)
            if (!strcasecmp(a->authors[i], cand[k])) {
                found++;
                break;
            }
    /* The added names must be people: "Rob Example, CNN", "Tina
     * Example, TK" add a channel or initials, no co-author. */
    int people = 1;
    for (size_t k = 0; k < nc && people; k++)
        people = !is_weak_name(cand[k], NULL, NULL) &&
                 !word_in(cand[k], strlen(cand[k]), meta_author_agencies);
    if (found != have || !people) {
        for (size_t i = 0; i < nc; i++)
            free(cand[i]);
        return;
    }
    const char *src = a->sources.author;
    for (size_t i = 0; i < have; i++)
        free(a->authors[i]);
    free(a->authors);
    free(a->author);
    a->authors = NULL;
    a->author = NULL;
    a->n_authors = 0;
    set_authors(a, cand, nc, src);
}

static void add_coauthors(lede_article *a, const meta_scan *s, const json_t *art)
{
    if (!a->author)
        return;
    char *cand[META_MAX_AUTHORS];
    size_t nc = 0;
    if (art) {
        jsonld_authors(a, cand, &nc, json_object_get(art, "creator"), s);
        widen_to_superset(a, cand, nc);
        nc = 0;
    }
    for (size_t i = 0; i < s->n_metas; i++) {
        if (strcmp(s->metas[i].key, "author") || !s->metas[i].val ||
            meta_is_url(s->metas[i].val))
            continue;
        split_authors(a, cand, &nc, s->metas[i].val);
        widen_to_superset(a, cand, nc);
        nc = 0;
    }
    if (s->script_author[0]) {
        split_authors(a, cand, &nc, s->script_author);
        widen_to_superset(a, cand, nc);
    }
}

/* "Hamburg (dpa/lno) – Text...": a dateline opening the article credits
 * the agency whose copy it is. Read when no author was found: the
 * parenthesis right after a capitalised place word, holding an agency
 * word (meta_author_agencies) and nothing longer than a credit. */
#define AUTHOR_DATELINE_MAX 40 /* bytes inside the parenthesis: "dpa/lno", "AFP" */

static int dateline_agency(const char *t, char *buf, size_t cap)
{
    if (!t || !isupper((unsigned char)t[0]))
        return 0;
    const char *open = strchr(t, '(');
    /* The place is one or two words: "Hamburg", "New York", "Bad Hersfeld". */
    if (!open || open - t > 30 || meta_word_count(t) < 2)
        return 0;
    for (const char *p = t; p < open; p++)
        if (isdigit((unsigned char)*p) || strchr(".,:;!?", *p))
            return 0;
    const char *close = strchr(open, ')');
    if (!close || close - open - 1 > AUTHOR_DATELINE_MAX || close - open < 3)
        return 0;
    /* A dash follows: "(dpa) –", "(AFP) -". */
    const char *after = close + 1;
    while (*after == ' ')
        after++;
    if (*after != '-' && strncmp(after, "–", strlen("–")) && strncmp(after, "—", strlen("—")))
        return 0;
    size_t l = (size_t)(close - open - 1);
    if (l >= cap)
        return 0;
    memcpy(buf, open + 1, l);
    buf[l] = '\0';
    /* Some part ("dpa" of "dpa/lno") is an agency. */
    for (const char *p = buf; *p;) {
        size_t wl = strcspn(p, "/ ,;");
        if (wl && word_in(p, wl, meta_author_agencies))
            return 1;
        p += wl;
        while (*p && strchr("/ ,;", *p))
            p++;
    }
    return 0;
}

static void dateline_author(lede_article *a, const meta_scan *s)
{
    if (a->author)
        return;
    char buf[AUTHOR_DATELINE_MAX + 1];
    int hit = 0;
    for (size_t i = 0; i < s->paragraphs.n && !hit; i++) {
        char *t = meta_node_text(s->paragraphs.v[i].node, 120);
        hit = dateline_agency(t, buf, sizeof buf);
        free(t);
    }
    if (!hit) {
        char *d = meta_clean0(meta_get(s, "og:description"));
        hit = dateline_agency(d, buf, sizeof buf);
        free(d);
    }
    if (!hit)
        return;
    char *names[1] = {strdup(buf)};
    if (names[0])
        set_authors(a, names, 1, "dateline");
}

void meta_pick_author(lede_ctx *ctx, meta_scan *s, const json_t *art,
                      const char *site, const char *host)
{
    author_set weak = {.n = 0};
    pick_author(ctx, s, art, site, host, &weak);
    use_weak(ctx->art, &weak);
    site_person(ctx, s, site, host);
    dateline_author(ctx->art, s);
    complete_first_name(ctx, s);
    login_to_name(ctx->art, s);
    add_coauthors(ctx->art, s, art);
}

/* The main content's own credit when no source named an author: an
 * explicit "Text: X" / "Autor: X" label in one of its paragraphs (long
 * articles put it at the end, past the bounded scan text). Labels
 * without a colon ("Der Autor ...") are running prose here, so only
 * colon labels count. */
void meta_author_from_content(lede_ctx *ctx)
{
    lede_article *a = ctx ? ctx->art : NULL;
    if (!a || a->author || !ctx->content)
        return;
    const char *colon_labels[AUTHOR_MAX_LABELS]; /* per call: the server runs threads */
    size_t nl = 0;
    for (const char *const *l = meta_author_labels; *l && nl + 1 < AUTHOR_MAX_LABELS; l++)
        if (strchr(*l, ':') || strstr(*l, "："))
            colon_labels[nl++] = *l;
    colon_labels[nl] = NULL;
    char *names[META_MAX_AUTHORS];
    size_t n = 0;
    size_t seen = 0;
    for (xmlNode *x = ctx->content; x && seen < AUTHOR_CONTENT_NODES && !n;
         x = dom_next(x, ctx->content, 0), seen++) {
        if (x->type != XML_ELEMENT_NODE || strcmp(dom_name(x), "p"))
            continue;
        char *t = meta_node_text(x, AUTHOR_SIG_PARA_MAX);
        if (!t)
            continue;
        label_byline_in(a, names, &n, t, strlen(t), 0, colon_labels, NULL);
        free(t);
    }
    set_authors(a, names, n, "content");
}
