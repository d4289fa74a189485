/* dates.c - publication and modification dates of a page.
 *
 * Sources, strongest first: JSON-LD (datePublished / dateModified), meta
 * tags (OpenGraph article:*, Dublin Core, Parse.ly, sailthru, itemprop...),
 * microdata elements, <time datetime> (and the custom elements that stand
 * for it: <amp-timeago>, <relative-time>, <local-time>, <time-ago>), <abbr
 * title> (hAtom published/updated), the URL path (/2021/09/28/),
 * date-looking elements (class/id "date", "byline"..., h-entry's <data
 * value>), and in extensive mode the visible text near the top of the
 * article; further
 * down only a labelled date ("Veröffentlicht am") or a stamp with a time of
 * day counts, since bare dates there are mostly mentions, listings or
 * calendars, and a page without a date of its own must give none. Dates
 * labelled as somebody else's (a comment's "says:", a citation's
 * "retrieved on", "e.g.") and dates inside a URL path are skipped. Dates in
 * text are read in many languages (month names, numeric day-month-year,
 * CJK year-month-day, digits of other scripts, relative forms like "3 days
 * ago" against ctx->now); an ambiguous 09/07/2021 is read month first on
 * US English pages only. A date after ctx->now or before 1995 is
 * implausible and skipped. A list of posts (no <h1>, <time>s of several
 * days, no structured or URL date) has no date of its own, and a date in a
 * box of other posts (related, recent) is theirs. Without a structured
 * modified date, an "Updated ..." line in the article header later than
 * the publication gives date_modified.
 *
 * When sources disagree, the day the page displays to its readers decides
 * (that is what people, and the evaluation sets, call the page's date):
 * a structured time shown on another clock gives the displayed day, a
 * structured date the page displays beats the URL path, a displayed update
 * date beats the first publication. Time zones are never converted except
 * to undo a date-only value saved as local midnight in UTC; a UTC value
 * the page also writes in its own zone is output in that zone, and a
 * displayed time that is the structured moment on another clock gets the
 * offset between the two. Times of day are read on the 12-hour clock
 * ("11:15 p.m.", 12 AM is 00), with the hour words of other languages
 * (10h15, 10:15 Uhr, 10時15分), before or after the date; an offset only
 * when the page prints one (+02:00, UTC, or a zone name in capitals
 * whose offset is certain: EDT, MESZ; ET/PT follow US daylight saving
 * time; IST or CST, several zones each, give none).
 *
 * Everything works on what meta_scan.c collected in its single walk, plus
 * bounded text: at most META_TEXT_KB of visible text and a fixed number of
 * candidate elements.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include <utf8proc.h>

#include "meta_internal.h"

#define DATE_MIN_YEAR 1995        /* the web before that is archival */
#define DATE_ARCHIVE_MIN_YEAR 1900 /* archival pages (valid_ymd's bound) */
#define DATE_FUTURE_SLACK 86400   /* one day: time zones ahead of ours */
#define DATE_DAY_LEN 10           /* "2022-01-28": the day of an ISO 8601 output */
/* Thai dates count years of the Buddhist era: 2564 BE is 2021 CE. A year
 * after a Thai month name above DATE_BE_FROM is one of them. */
#define DATE_BE_OFFSET 543
#define DATE_BE_FROM 2400
#define DATE_MAX_TOKENS 24000     /* tokens read from one text (~META_TEXT_KB) */
#define DATE_HEADER_BEFORE 600    /* bytes of text before the h1 searched */
#define DATE_HEADER_AFTER 2500    /* bytes after the h1 (article header) */
#define DATE_ELEM_TEXT 300        /* bytes read from a date-like element */
#define DATE_LABEL_WINDOW 80      /* bytes read after a date label */
#define DATE_LABEL_GAP 40         /* the date starts this close to the label
                                     ("Gespeichert von <name> am ...") */
/* A UTC time before 08:00 is the previous day in the Americas, one after
 * 21:00 the next day east of Europe: only then may the displayed day
 * differ from the UTC day. */
#define DATE_UTC_EARLY_HOUR 8
#define DATE_UTC_LATE_HOUR 21
/* The widest offset from UTC (UTC+14): a displayed time this close to a
 * structured one, a whole number of half hours apart, is the same
 * moment on another clock. */
#define DATE_MAX_ZONE_GAP (14 * 3600)
/* Zone offsets are whole or half hours (India +05:30); a finer step would
 * let unrelated times pass for one moment too often. */
#define DATE_ZONE_STEP 1800
/* A date-only value stored as local midnight and written in UTC lands on
 * 21:00-23:00 of the day before (UTC+1 .. UTC+3, Europe and Turkey). */
#define DATE_MIDNIGHT_UTC_FROM 21
/* Bytes after a date searched for a date_teaser_after link (the teaser's
 * date, a word or two, then the link). */
#define DATE_TEASER_WINDOW 24
/* Ancestors climbed to tell where an element sits (comment, sidebar). */
#define DATE_CLIMB 12
/* A date this few bytes after the start of a <time> element is its text
 * (a space or a link's text may come first). */
#define DATE_TIME_NODE_SLACK 4
/* <time> elements of different days on a page without a headline that
 * make it a list of posts (three teasers, each with its date). */
#define DATE_LIST_POSTS 3
/* Bytes before a date searched for a date_not_page_labels label. */
#define DATE_NOT_PAGE_WINDOW 40

/* Labels of dates that are never the page's: the reader's current time in
 * headers and forum footers ("Aktuelle Zeit: 14.10.2020, 12:18") and a
 * forum member's sign-up date ("Registriert: 18.09.2008"). Lower-case,
 * matched case-insensitively. */
/* Languages mostly written west of UTC (the Americas), where 21:00-23:00Z
 * is an evening, not a local midnight, unless the region is European. */
static const char *const date_west_langs[] = {"en", "es", "pt", NULL};
static const char *const date_east_regions[] = {"gb", "uk", "ie", "es", "pt", NULL};

/* English regions that write a numeric date day first (28/09/2021); the
 * rest of English, above all the United States, writes the month first
 * (9/28/2021). Only English is month-first: other languages are read
 * day first everywhere. */
static const char *const date_dmy_en_regions[] = {
    "gb", "uk", "ie", "au", "nz", "in", "za", "sg", "my", "pk", "ng", "ke",
    "hk", "mt", "cy", "jm", "tt", "gh", "lk", "bd", "eu", "150", NULL};

static const char *const date_not_page_labels[] = {
    "aktuelle zeit", "it is currently", "current time", "heute ist",
    "today is", "nous sommes le", "date du jour", "registriert:",
    "registered:", "joined:", "mitglied seit", "member since",
    "dabei seit", "inscrit le", "inscription :", "aktuelles datum",
    "current date",
    /* a reader's comment: "Anna says: March 3, 2021 at 10:15" */
    "says:", "sagt:", "schreibt:", "wrote:", "a écrit", "dice:",
    "scrive:", "schreef:",
    /* when a cited source was read: "Abgerufen am 09.11.2022" */
    "abgerufen am", "abgerufen:", "zugriff am", "zugegriffen am",
    "accessed on", "accessed:", "retrieved on", "retrieved:",
    "consulté le", "consultado el", "consultato il",
    /* a date given as an example of a format: "(z.B.: 9.9.2019)" */
    "z.b.", "z. b.", "e.g.", "zum beispiel", "for example", "beispiel:",
    "example:", "par exemple", "por ejemplo", "ad esempio", NULL};

/* Attributes of a date element that hold its date for scripts to render
 * ("<span class=date data-timestamp=1632824100>"; unix seconds or
 * milliseconds, or ISO 8601): read when the element shows no date. */
static const char *const date_value_attrs[] = {
    "datetime", "data-datetime", "data-timestamp", "data-time", "data-date",
    "data-publishtime", "data-publish-time", "data-published", "data-epoch",
    "data-utime", NULL};

/* Words right before an update date ("Updated Sept. 30, 2021", "aktualisiert
 * am", "mis à jour le", "Actualizado el"): that date is the page's
 * modification, not its publication. Lower-case. */
static const char *const date_update_words[] = {
    "updated", "update:", "aktualisiert", "mis à jour", "actualizado",
    "actualizada", "aggiornato", "atualizado", "bijgewerkt", "zaktualizowano",
    "обновлено", "оновлено", "last modified", "zuletzt geändert", "modifié le",
    "güncellendi", "uppdaterad", "opdateret", "oppdatert", "päivitetty",
    "aktualizováno", NULL};
/* Bytes before a date searched for a date_update_words word ("Updated on
 * Tue, " is 16). */
#define DATE_UPDATE_GAP 24

/* class/id words of a box listing other posts (related, recent, popular
 * stories): a <time> or date element there is that post's. Narrow on
 * purpose: 'sidebar', <aside> and 'widget' also hold article headers. */
static const char *const date_teaser_boxes[] = {
    "related", "recent-post", "recent_post", "recentpost", "popular-post",
    "popular_post", "most-popular", "mostpopular", NULL};

/* Links that close a teaser in a list of other posts ("School Day
 * 14/06/2019 WEITERLESEN"): a date followed closely by one is that
 * post's. Lower-case, matched case-insensitively. */
static const char *const date_teaser_after[] = {
    "weiterlesen", "mehr lesen", "read more", "continue reading",
    "lire la suite", "en savoir plus", "leer más", "seguir leyendo",
    "leggi tutto", "continua a leggere", "lees meer", "verder lezen",
    "czytaj więcej", "читать далее", "devamını oku", NULL};

/* The sentence blog themes close a post with ("Dieser Beitrag wurde am
 * Samstag, 3. Dezember 2011 veröffentlicht", "This entry was posted on
 * ..."): a publication label like meta_date_pub_labels, read after them. */
static const char *const date_entry_labels[] = {
    "dieser beitrag wurde", "dieser artikel wurde", "this entry was posted",
    "this entry was published", "this article was published",
    "cet article a été publié", "questo articolo è stato pubblicato",
    "este artículo fue publicado", "deze tekst werd gepubliceerd", NULL};

/* ---- calendar helpers -------------------------------------------------- */

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return d[m - 1] + (m == 2 && leap(y));
}

static int valid_ymd(int y, int m, int d)
{
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(y, m);
}

long long date_epoch(const date_val *v)
{
    /* Days from civil (Howard Hinnant's algorithm). */
    int y = v->y - (v->mo <= 2);
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned mp = (unsigned)((v->mo + 9) % 12);
    unsigned doy = (153 * mp + 2) / 5 + (unsigned)v->d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + (long long)doe - 719468) * 86400LL;
}

static void date_from_epoch(long long t, date_val *v)
{
    long long z = t / 86400 + 719468;
    if (t < 0 && t % 86400)
        z--;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = (long long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    memset(v, 0, sizeof *v);
    v->y = (int)(y + (m <= 2));
    v->mo = (int)m;
    v->d = (int)d;
}

void date_format(const date_val *v, char *buf, size_t cap)
{
    if (!v->has_time) {
        snprintf(buf, cap, "%04d-%02d-%02d", v->y, v->mo, v->d);
        return;
    }
    if (!v->has_tz) {
        snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d", v->y, v->mo, v->d,
                 v->h, v->mi, v->s);
        return;
    }
    int off = v->tz_min < 0 ? -v->tz_min : v->tz_min;
    snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", v->y, v->mo,
             v->d, v->h, v->mi, v->s, v->tz_min < 0 ? '-' : '+', off / 60,
             off % 60);
}

static int plausible_from(const date_val *v, long long now, int min_year)
{
    if (!valid_ymd(v->y, v->mo, v->d) || v->y < min_year)
        return 0;
    return date_epoch(v) <= now + DATE_FUTURE_SLACK;
}

static int plausible(const date_val *v, long long now)
{
    return plausible_from(v, now, DATE_MIN_YEAR);
}

/* ---- month names ---------------------------------------------------------- */

/* Lower-case month names and abbreviations in the supported languages:
 * en fr de es it pt nl pl ru uk tr sv da no cs ro (+ a few more that come
 * free). */
static const struct {
    const char *name;
    int month;
} month_names[] = {
    /* en */
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5},
    {"june", 6}, {"july", 7}, {"august", 8}, {"september", 9},
    {"october", 10}, {"november", 11}, {"december", 12}, {"jan", 1},
    {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8},
    {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    /* de */
    {"januar", 1}, {"jänner", 1}, {"jaenner", 1}, {"februar", 2},
    {"feber", 2}, {"märz", 3}, {"maerz", 3}, {"mai", 5}, {"juni", 6},
    {"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"mär", 3}, {"mrz", 3},
    {"okt", 10}, {"dez", 12},
    /* fr */
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3},
    {"avril", 4}, {"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8},
    {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"décembre", 12},
    {"decembre", 12}, {"janv", 1}, {"févr", 2}, {"fév", 2}, {"fevr", 2},
    {"avr", 4}, {"juil", 7}, {"déc", 12},
    /* es */
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5},
    {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"septiembre", 9},
    {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
    {"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12},
    /* it */
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5},
    {"giugno", 6}, {"luglio", 7}, {"settembre", 9}, {"ottobre", 10},
    {"dicembre", 12}, {"gen", 1}, {"mag", 5}, {"giu", 6}, {"lug", 7},
    {"set", 9}, {"ott", 10},
    /* pt */
    {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3},
    {"maio", 5}, {"junho", 6}, {"julho", 7}, {"setembro", 9},
    {"outubro", 10}, {"novembro", 11}, {"dezembro", 12}, {"fev", 2},
    {"out", 10},
    /* nl */
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5},
    {"augustus", 8}, {"mrt", 3},
    /* pl (nominative and genitive) */
    {"styczeń", 1}, {"stycznia", 1}, {"luty", 2}, {"lutego", 2},
    {"marzec", 3}, {"marca", 3}, {"kwiecień", 4}, {"kwietnia", 4},
    {"maj", 5}, {"maja", 5}, {"czerwiec", 6}, {"czerwca", 6},
    {"lipiec", 7}, {"lipca", 7}, {"sierpień", 8}, {"sierpnia", 8},
    {"wrzesień", 9}, {"września", 9}, {"październik", 10},
    {"października", 10}, {"listopad", 11}, {"listopada", 11},
    {"grudzień", 12}, {"grudnia", 12},
    /* ru */
    {"январь", 1}, {"января", 1}, {"февраль", 2}, {"февраля", 2},
    {"март", 3}, {"марта", 3}, {"апрель", 4}, {"апреля", 4}, {"май", 5},
    {"мая", 5}, {"июнь", 6}, {"июня", 6}, {"июль", 7}, {"июля", 7},
    {"август", 8}, {"августа", 8}, {"сентябрь", 9}, {"сентября", 9},
    {"октябрь", 10}, {"октября", 10}, {"ноябрь", 11}, {"ноября", 11},
    {"декабрь", 12}, {"декабря", 12},
    /* uk */
    {"січень", 1}, {"січня", 1}, {"лютий", 2}, {"лютого", 2},
    {"березень", 3}, {"березня", 3}, {"квітень", 4}, {"квітня", 4},
    {"травень", 5}, {"травня", 5}, {"червень", 6}, {"червня", 6},
    {"липень", 7}, {"липня", 7}, {"серпень", 8}, {"серпня", 8},
    {"вересень", 9}, {"вересня", 9}, {"жовтень", 10}, {"жовтня", 10},
    {"листопад", 11}, {"листопада", 11}, {"грудень", 12}, {"грудня", 12},
    /* tr */
    {"ocak", 1}, {"şubat", 2}, {"subat", 2}, {"mart", 3}, {"nisan", 4},
    {"mayıs", 5}, {"mayis", 5}, {"haziran", 6}, {"temmuz", 7},
    {"ağustos", 8}, {"agustos", 8}, {"eylül", 9}, {"eylul", 9},
    {"ekim", 10}, {"kasım", 11}, {"kasim", 11}, {"aralık", 12},
    {"aralik", 12},
    /* sv da no (the rest are spelled as in de, nl, fr) */
    {"augusti", 8}, {"marts", 3}, {"desember", 12},
    /* cs (genitive, as dates write them: 5. května 2021) */
    {"ledna", 1}, {"února", 2}, {"března", 3}, {"dubna", 4}, {"května", 5},
    {"června", 6}, {"července", 7}, {"srpna", 8}, {"září", 9},
    {"října", 10}, {"listopadu", 11}, {"prosince", 12},
    /* id, ms (the rest are spelled as in nl, de, en) */
    {"maret", 3}, {"agustus", 8}, {"ogos", 8}, {"disember", 12},
    /* hu */
    {"január", 1}, {"február", 2}, {"március", 3}, {"április", 4},
    {"május", 5}, {"június", 6}, {"július", 7}, {"augusztus", 8},
    {"szeptember", 9}, {"október", 10},
    /* el (genitive, as dates write them: 28 Σεπτεμβρίου 2021) */
    {"ιανουαρίου", 1}, {"φεβρουαρίου", 2}, {"μαρτίου", 3}, {"απριλίου", 4},
    {"μαΐου", 5}, {"ιουνίου", 6}, {"ιουλίου", 7}, {"αυγούστου", 8},
    {"σεπτεμβρίου", 9}, {"οκτωβρίου", 10}, {"νοεμβρίου", 11},
    {"δεκεμβρίου", 12},
    /* he (also with the prefix "in": 28 בספטמבר 2021) */
    {"ינואר", 1}, {"פברואר", 2}, {"מרץ", 3}, {"מרס", 3}, {"אפריל", 4},
    {"מאי", 5}, {"יוני", 6}, {"יולי", 7}, {"אוגוסט", 8}, {"ספטמבר", 9},
    {"אוקטובר", 10}, {"נובמבר", 11}, {"דצמבר", 12}, {"בינואר", 1},
    {"בפברואר", 2}, {"במרץ", 3}, {"במרס", 3}, {"באפריל", 4}, {"במאי", 5},
    {"ביוני", 6}, {"ביולי", 7}, {"באוגוסט", 8}, {"בספטמבר", 9},
    {"באוקטובר", 10}, {"בנובמבר", 11}, {"בדצמבר", 12},
    /* ar: the Gregorian names of Egypt and the Gulf (with the common
     * spellings without hamza), and the Levantine one-word names; the
     * two-word ones (كانون الثاني) are in month_pairs */
    {"يناير", 1}, {"فبراير", 2}, {"مارس", 3}, {"أبريل", 4}, {"ابريل", 4},
    {"إبريل", 4}, {"مايو", 5}, {"يونيو", 6}, {"يونيه", 6}, {"يوليو", 7},
    {"يوليه", 7}, {"أغسطس", 8}, {"اغسطس", 8}, {"سبتمبر", 9}, {"أكتوبر", 10},
    {"اكتوبر", 10}, {"نوفمبر", 11}, {"ديسمبر", 12}, {"شباط", 2}, {"آذار", 3},
    {"نيسان", 4}, {"أيار", 5}, {"حزيران", 6}, {"تموز", 7}, {"آب", 8},
    {"أيلول", 9},
    /* hi */
    {"जनवरी", 1}, {"फ़रवरी", 2}, {"\u095Eरवरी", 2}, {"फरवरी", 2}, {"मार्च", 3},
    {"अप्रैल", 4}, {"अप्रेल", 4}, {"मई", 5}, {"जून", 6}, {"जुलाई", 7},
    {"अगस्त", 8}, {"सितंबर", 9}, {"सितम्बर", 9}, {"अक्टूबर", 10},
    {"अक्तूबर", 10}, {"नवंबर", 11}, {"नवम्बर", 11}, {"दिसंबर", 12},
    {"दिसम्बर", 12},
    /* th (the year that follows is of the Buddhist era: see DATE_BE_OFFSET) */
    {"มกราคม", 1}, {"กุมภาพันธ์", 2}, {"มีนาคม", 3}, {"เมษายน", 4},
    {"พฤษภาคม", 5}, {"มิถุนายน", 6}, {"กรกฎาคม", 7}, {"สิงหาคม", 8},
    {"กันยายน", 9}, {"ตุลาคม", 10}, {"พฤศจิกายน", 11}, {"ธันวาคม", 12},
    /* ro */
    {"ianuarie", 1}, {"februarie", 2}, {"martie", 3}, {"aprilie", 4},
    {"iunie", 6}, {"iulie", 7}, {"septembrie", 9}, {"octombrie", 10},
    {"noiembrie", 11}, {"decembrie", 12},
};

#define MONTH_NAMES (sizeof month_names / sizeof month_names[0])

/* month_names indices grouped by first byte, built once per process. */
static unsigned short month_order[MONTH_NAMES];
static unsigned short month_start[257];
static pthread_once_t month_once = PTHREAD_ONCE_INIT;

static void month_index_build(void)
{
    unsigned short count[256] = {0};
    for (size_t i = 0; i < MONTH_NAMES; i++)
        count[(unsigned char)month_names[i].name[0]]++;
    unsigned short pos = 0;
    for (int b = 0; b < 256; b++) {
        month_start[b] = pos;
        pos = (unsigned short)(pos + count[b]);
    }
    month_start[256] = pos;
    unsigned short fill[256];
    memcpy(fill, month_start, sizeof fill);
    for (size_t i = 0; i < MONTH_NAMES; i++)
        month_order[fill[(unsigned char)month_names[i].name[0]]++] = (unsigned short)i;
}

static int month_lookup(const char *w, size_t n)
{
    if (!n)
        return 0;
    pthread_once(&month_once, month_index_build);
    unsigned char b = (unsigned char)w[0];
    for (unsigned k = month_start[b]; k < month_start[b + 1]; k++) {
        const char *m = month_names[month_order[k]].name;
        if (!strncmp(m, w, n) && m[n] == '\0')
            return month_names[month_order[k]].month;
    }
    return 0;
}

/* Month names of two words (Levantine Arabic: كانون الثاني, January). */
static const struct {
    const char *first, *second;
    int month;
} month_pairs[] = {
    {"كانون", "الثاني", 1}, {"كانون", "الأول", 12}, {"كانون", "الاول", 12},
    {"تشرين", "الأول", 10}, {"تشرين", "الاول", 10}, {"تشرين", "الثاني", 11},
};

int date_month_word(const char *w, size_t n)
{
    return w ? month_lookup(w, n) : 0;
}

/* ---- tokenizer ------------------------------------------------------------ */

enum { T_NUM = 1, T_WORD, T_PUNCT, T_CJK };

typedef struct {
    int type;
    size_t off, len;  /* bytes in the source */
    int val;          /* T_NUM value (capped), T_PUNCT char, T_CJK codepoint */
    int ndig;         /* T_NUM digit count */
    char low[32];     /* T_WORD lower-cased (truncated) */
    int space_before;
    int caps;         /* T_WORD written in ASCII capitals only ("EDT") */
} date_tok;

static size_t utf8_decode(const unsigned char *p, size_t n, int32_t *cp)
{
    if (n && p[0] < 0x80) { /* ASCII: what utf8proc_iterate gives, cheaper */
        *cp = p[0];
        return 1;
    }
    utf8proc_ssize_t l = utf8proc_iterate(p, (utf8proc_ssize_t)(n > 4 ? 4 : n), cp);
    if (l <= 0) {
        *cp = -1;
        return 1;
    }
    return (size_t)l;
}

/* Decimal digits of the scripts dates are written in: ASCII, Arabic-Indic
 * (٢٨), Extended Arabic-Indic (Persian, Urdu: ۲۸), Devanagari (२८),
 * Bengali (২৮), Thai (๒๘) and fullwidth (２８, Japanese). The value, or
 * -1. */
static int digit_value(int32_t cp)
{
    static const int32_t zeros[] = {'0', 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10};
    for (size_t k = 0; k < sizeof zeros / sizeof zeros[0]; k++)
        if (cp >= zeros[k] && cp <= zeros[k] + 9)
            return (int)(cp - zeros[k]);
    return -1;
}

static int is_cjk(int32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

static int is_letter(int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return isalpha(cp);
    utf8proc_category_t c = utf8proc_category(cp);
    /* marks too: Devanagari vowel signs (Mc) sit inside words */
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

/* Tokenize up to max tokens; returns count. */
static size_t tokenize(const char *s, size_t n, date_tok *t, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, k = 0;
    int space = 1;
    while (i < n && k < max) {
        int32_t cp;
        size_t l = utf8_decode(p + i, n - i, &cp);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
            cp == 0x202F || cp == 0x2009 || cp == 0x3000) {
            space = 1;
            i += l;
            continue;
        }
        date_tok *tk = &t[k];
        memset(tk, 0, sizeof *tk);
        tk->off = i;
        tk->space_before = space;
        space = 0;
        if (digit_value(cp) >= 0) {
            long v = 0;
            int nd = 0;
            while (i < n) {
                int32_t dc;
                size_t dl = utf8_decode(p + i, n - i, &dc);
                int dv = digit_value(dc);
                if (dv < 0)
                    break;
                if (nd < 9)
                    v = v * 10 + dv;
                nd++;
                i += dl;
            }
            tk->type = T_NUM;
            tk->val = (int)v;
            tk->ndig = nd;
        } else if (is_cjk(cp)) {
            tk->type = T_CJK;
            tk->val = cp;
            i += l;
        } else if (is_letter(cp)) {
            size_t o = 0;
            while (i < n) {
                int32_t c2;
                size_t l2 = utf8_decode(p + i, n - i, &c2);
                if (!is_letter(c2) || is_cjk(c2))
                    break;
                if (c2 < 0x80) { /* ASCII letter: utf8proc_tolower's result */
                    if (o + 2 < sizeof tk->low)
                        tk->low[o++] = (char)(c2 >= 'A' && c2 <= 'Z' ? c2 + 32 : c2);
                    i += l2;
                    continue;
                }
                int32_t lc = utf8proc_tolower(c2);
                utf8proc_uint8_t enc[4];
                utf8proc_ssize_t el = utf8proc_encode_char(lc, enc);
                if (el > 0 && o + (size_t)el + 1 < sizeof tk->low) {
                    memcpy(tk->low + o, enc, (size_t)el);
                    o += (size_t)el;
                }
                i += l2;
            }
            tk->low[o] = '\0';
            tk->type = T_WORD;
            tk->caps = 1;
            for (size_t c = tk->off; c < i && tk->caps; c++)
                tk->caps = p[c] >= 'A' && p[c] <= 'Z';
        } else {
            tk->type = T_PUNCT;
            tk->val = cp;
            i += l;
        }
        tk->len = i - tk->off;
        k++;
    }
    return k;
}

static int is_word(const date_tok *t, const char *w)
{
    return t->type == T_WORD && !strcmp(t->low, w);
}

static int is_punct(const date_tok *t, int c)
{
    return t->type == T_PUNCT && t->val == c;
}

/* The month named at token j (one word, or a month_pairs pair); *used
 * receives the tokens it takes. 0 when none. */
static int month_at(const date_tok *t, size_t n, size_t j, size_t *used)
{
    if (j >= n || t[j].type != T_WORD)
        return 0;
    *used = 1;
    int m = month_lookup(t[j].low, strlen(t[j].low));
    if (m || j + 1 >= n || t[j + 1].type != T_WORD)
        return m;
    for (size_t k = 0; k < sizeof month_pairs / sizeof month_pairs[0]; k++)
        if (!strcmp(t[j].low, month_pairs[k].first) &&
            !strcmp(t[j + 1].low, month_pairs[k].second)) {
            *used = 2;
            return month_pairs[k].month;
        }
    return 0;
}

static int year_of(const date_tok *t, long long now)
{
    if (t->type != T_NUM)
        return 0;
    if (t->ndig == 4)
        return t->val;
    if (t->ndig == 2) {
        date_val nv;
        date_from_epoch(now, &nv);
        int y = 2000 + t->val;
        if (y > nv.y + 1)
            y -= 100;
        return y;
    }
    return 0;
}

/* ---- time of day ------------------------------------------------------------ */

/* Time-zone names printed after a time of day ("5:00 a.m. ET", "10:15
 * Uhr MESZ"), matched in capitals only ("et" is French "and"), with
 * their offset east of UTC in minutes. ET, CT, MT and PT name a US zone
 * without saying whether daylight saving time is on: `us_dst` adds the
 * hour on the days the US clocks are ahead. Names of several zones (IST:
 * India, Ireland, Israel; CST: US Central, China) are not listed: such a
 * time keeps no offset rather than a guessed one. */
static const struct {
    const char *name;
    int min;
    int us_dst;
} date_zones[] = {
    {"utc", 0, 0},     {"gmt", 0, 0},     {"z", 0, 0},       {"et", -300, 1},
    {"est", -300, 0},  {"edt", -240, 0},  {"ct", -360, 1},   {"cdt", -300, 0},
    {"mt", -420, 1},   {"mst", -420, 0},  {"mdt", -360, 0},  {"pt", -480, 1},
    {"pst", -480, 0},  {"pdt", -420, 0},  {"akst", -540, 0}, {"akdt", -480, 0},
    {"hst", -600, 0},  {"bst", 60, 0},    {"cet", 60, 0},    {"cest", 120, 0},
    {"mez", 60, 0},    {"mesz", 120, 0},  {"eet", 120, 0},   {"eest", 180, 0},
    {"msk", 180, 0},   {"jst", 540, 0},   {"kst", 540, 0},   {"hkt", 480, 0},
    {"sgt", 480, 0},   {"awst", 480, 0},  {"aest", 600, 0},  {"aedt", 660, 0},
    {"nzst", 720, 0},  {"nzdt", 780, 0},
};

/* Words closing a time of day ("10:15 Uhr", "10:15 h", "10:15 hrs"). */
static const char *const date_time_suffixes[] = {"uhr", "h", "hs", "hrs", "horas", NULL};

/* Words and signs between a date and its time ("28.09.2021, 10:15", "am
 * 28.09.2021 um 10:15", "28 de septiembre a las 10:15", "Sept. 28 at
 * 5 p.m."); at most DATE_TIME_LINKS of them. */
static const char *const date_time_link_words[] = {
    "um", "at", "à", "a", "las", "alle", "ore", "om", "o", "kl", "klo", "в",
    "saat", NULL};
static const int32_t date_time_link_signs[] = {',', '-', '|', '/', 0xB7, 0x2022, 0x2013,
                                               0x2014, 0};
#define DATE_TIME_LINKS 2 /* ", um" / "a las": never more in a stamp */

/* Words that may stand between a time printed first and its date ("3:45
 * PM EDT, Tue September 28, 2021", "10:15 Uhr am 28.09.2021"): weekday
 * names and the article or preposition of a date. */
static const char *const date_time_gap_words[] = {
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi",
    "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes",
    "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "on",
    "am", "le", "el", "il", NULL};
/* Tokens looked back from a date for a time printed before it. */
#define DATE_TIME_BACK 10

static int word_in(const date_tok *t, const char *const *words)
{
    if (t->type != T_WORD)
        return 0;
    for (const char *const *w = words; *w; w++)
        if (!strcmp(t->low, *w))
            return 1;
    return 0;
}

static int sign_in(const date_tok *t, const int32_t *signs)
{
    if (t->type != T_PUNCT)
        return 0;
    for (const int32_t *c = signs; *c; c++)
        if (t->val == *c)
            return 1;
    return 0;
}

/* Day of the week, 0 Sunday. */
static int weekday(int y, int m, int d)
{
    date_val v = {.y = y, .mo = m, .d = d};
    long long days = date_epoch(&v) / 86400;
    return (int)(((days % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
}

static int nth_sunday(int y, int m, int k)
{
    return 1 + (7 - weekday(y, m, 1)) % 7 + 7 * (k - 1);
}

static int last_sunday(int y, int m)
{
    int last = days_in_month(y, m);
    return last - weekday(y, m, last);
}

/* Are US clocks on daylight saving time at local date and hour v? From
 * 2007 the second Sunday of March to the first Sunday of November,
 * before from the first Sunday of April to the last Sunday of October,
 * switching at 2:00. */
static int date_us_dst(const date_val *v)
{
    int sm = 3, sd, em = 11, ed;
    if (v->y >= 2007) {
        sd = nth_sunday(v->y, 3, 2);
        ed = nth_sunday(v->y, 11, 1);
    } else {
        sm = 4;
        em = 10;
        sd = nth_sunday(v->y, 4, 1);
        ed = last_sunday(v->y, 10);
    }
    int key = v->mo * 10000 + v->d * 100 + v->h;
    return key >= sm * 10000 + sd * 100 + 2 && key < em * 10000 + ed * 100 + 2;
}

/* am/pm after a time: "pm", "PM", "11:15pm", "p.m.", "p. m." (Spanish).
 * Tokens used, 0 when none; *pm 1 for the afternoon. A lower-case "am"
 * after a space is also German "on" ("5 am 28.09."): with `strict` it
 * does not count. */
static size_t meridiem_at(const date_tok *t, size_t n, size_t j, int strict, int *pm)
{
    if (j >= n || t[j].type != T_WORD)
        return 0;
    const char *w = t[j].low;
    if (!strcmp(w, "am") || !strcmp(w, "pm")) {
        if (strict && w[0] == 'a' && !t[j].caps && t[j].space_before)
            return 0;
        *pm = w[0] == 'p';
        return 1;
    }
    if ((!strcmp(w, "a") || !strcmp(w, "p")) && j + 2 < n && is_punct(&t[j + 1], '.') &&
        !t[j + 1].space_before && is_word(&t[j + 2], "m")) {
        *pm = w[0] == 'p';
        return j + 3 < n && is_punct(&t[j + 3], '.') && !t[j + 3].space_before ? 4 : 3;
    }
    return 0;
}

/* am/pm written before the hour in Chinese (上午/下午), Japanese
 * (午前/午後) and Korean (오전/오후): tokens used (2) or 0. */
static size_t cjk_meridiem_at(const date_tok *t, size_t n, size_t j, int *pm)
{
    static const struct {
        int32_t a, b;
        int pm;
    } pairs[] = {{0x4E0A, 0x5348, 0}, {0x4E0B, 0x5348, 1}, {0x5348, 0x524D, 0},
                 {0x5348, 0x5F8C, 1}, {0xC624, 0xC804, 0}, {0xC624, 0xD6C4, 1}};
    if (j + 1 >= n || t[j].type != T_CJK || t[j + 1].type != T_CJK)
        return 0;
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
        if (t[j].val == pairs[k].a && t[j + 1].val == pairs[k].b) {
            *pm = pairs[k].pm;
            return 2;
        }
    return 0;
}

/* A zone after a time at token j: a date_zones name in capitals, in
 * parentheses or not, and/or a numeric offset ("+0000", "+02:00", "UTC+2",
 * "GMT-4"). Tokens used, 0 when none; sets v's zone. */
static size_t zone_at(const date_tok *t, size_t n, size_t j, date_val *v)
{
    size_t k = j;
    int paren = k < n && is_punct(&t[k], '(');
    if (paren)
        k++;
    int named = 0, min = 0, utc = 0;
    if (k < n && t[k].type == T_WORD && t[k].caps)
        for (size_t z = 0; z < sizeof date_zones / sizeof date_zones[0]; z++)
            if (!strcmp(t[k].low, date_zones[z].name)) {
                named = 1;
                min = date_zones[z].min + (date_zones[z].us_dst && date_us_dst(v) ? 60 : 0);
                utc = date_zones[z].min == 0 && !date_zones[z].us_dst;
                k++;
                break;
            }
    if (!named && paren)
        return 0;
    /* a numeric offset: after UTC/GMT in any form, alone only as +hhmm,
     * -hhmm or +hh:mm (a "- 12:30" is a range's end) */
    if ((!named || utc) && k + 1 < n && (is_punct(&t[k], '+') || is_punct(&t[k], '-')) &&
        t[k + 1].type == T_NUM && !t[k + 1].space_before && (utc || !t[k].space_before ||
                                                             t[k + 1].ndig == 4 ||
                                                             is_punct(&t[k], '+'))) {
        int sign = is_punct(&t[k], '-') ? -1 : 1, hh = -1, mm = 0;
        size_t used = 2;
        if (t[k + 1].ndig == 4) {
            hh = t[k + 1].val / 100;
            mm = t[k + 1].val % 100;
        } else if (t[k + 1].ndig <= 2) {
            if (k + 3 < n && is_punct(&t[k + 2], ':') && t[k + 3].type == T_NUM &&
                t[k + 3].ndig == 2 && !t[k + 2].space_before && !t[k + 3].space_before) {
                hh = t[k + 1].val;
                mm = t[k + 3].val;
                used = 4;
            } else if (utc || is_punct(&t[k], '+')) {
                hh = t[k + 1].val;
            }
            if (!utc && used == 2)
                hh = -1; /* "+2" alone is no offset */
        }
        if (hh >= 0 && hh <= 14 && mm < 60) {
            named = 1;
            min = sign * (hh * 60 + mm);
            k += used;
        }
    }
    if (!named)
        return 0;
    if (paren) {
        if (k >= n || !is_punct(&t[k], ')'))
            return 0;
        k++;
    }
    v->has_tz = 1;
    v->tz_min = min;
    return k - j;
}

/* A time of day at token i, into v (whose date, when set, decides US
 * daylight saving time): "10:15[:00]", "10.15 Uhr", "10h15", "10h",
 * "10時15分", "5 p.m.", then am/pm (12 AM is 00, 12 PM is 12), a closing
 * word (Uhr, h) and a zone. Returns the token after it, i when none. */
static size_t parse_time_tokens(const date_tok *t, size_t n, size_t i, date_val *v)
{
    int pm = 0, mer = 0;
    size_t j = i;
    size_t cm = cjk_meridiem_at(t, n, j, &pm);
    if (cm) {
        mer = 1;
        j += cm;
    }
    if (j >= n || t[j].type != T_NUM || t[j].ndig > 2 || t[j].val > 23)
        return i;
    int h = t[j].val, mi = -1, sec = 0;
    size_t k = j + 1;
    if (k + 1 < n && is_punct(&t[k], ':') && t[k + 1].type == T_NUM && t[k + 1].ndig == 2) {
        mi = t[k + 1].val;
        k += 2;
        if (k + 1 < n && is_punct(&t[k], ':') && t[k + 1].type == T_NUM &&
            t[k + 1].ndig == 2 && !t[k].space_before) {
            sec = t[k + 1].val < 60 ? t[k + 1].val : 0;
            k += 2;
        }
    } else if (k + 2 < n && is_punct(&t[k], '.') && !t[k].space_before &&
               t[k + 1].type == T_NUM && t[k + 1].ndig == 2 && !t[k + 1].space_before &&
               (is_word(&t[k + 2], "uhr") || is_word(&t[k + 2], "h"))) {
        mi = t[k + 1].val; /* "10.15 Uhr": the dot only before Uhr or h */
        k += 2;
    } else if (k < n && is_word(&t[k], "h") && !t[k].space_before) {
        k++; /* "10h15", "10h" */
        mi = 0;
        if (k < n && t[k].type == T_NUM && t[k].ndig == 2 && !t[k].space_before) {
            mi = t[k].val;
            k++;
        }
    } else if (k < n && t[k].type == T_CJK &&
               (t[k].val == 0x6642 || t[k].val == 0x65F6 || t[k].val == 0x70B9 ||
                t[k].val == 0xC2DC)) {
        k++; /* 10時15分 (ja), 10时15分 / 10点15分 (zh), 10시 15분 (ko) */
        mi = 0;
        if (k + 1 < n && t[k].type == T_NUM && t[k].ndig <= 2 && t[k + 1].type == T_CJK &&
            (t[k + 1].val == 0x5206 || t[k + 1].val == 0xBD84)) {
            mi = t[k].val;
            k += 2;
        }
    }
    if (!mer) {
        size_t mu = meridiem_at(t, n, k, mi < 0, &pm);
        if (mu) {
            mer = 1;
            k += mu;
        }
    }
    if (mi < 0) {
        /* an hour alone is a time only with am/pm: "5 p.m." */
        if (!mer || h < 1 || h > 12)
            return i;
        mi = 0;
    }
    if (mi > 59)
        return i;
    if (mer && h >= 1 && h <= 12)
        h = pm ? h % 12 + 12 : h % 12;
    date_val r = *v;
    r.h = h;
    r.mi = mi;
    r.s = sec;
    r.has_time = 1;
    r.has_tz = 0;
    r.tz_min = 0;
    if (k < n && word_in(&t[k], date_time_suffixes))
        k++;
    k += zone_at(t, n, k, &r);
    *v = r;
    return k;
}

/* A time printed before the date that starts at token i ("3:45 PM EDT,
 * Tue September 28, 2021"): only separators and date_time_gap_words
 * between them. 1 with v's time set. */
static int time_before(const date_tok *t, size_t n, size_t i, date_val *v)
{
    size_t from = i > DATE_TIME_BACK ? i - DATE_TIME_BACK : 0;
    /* earliest start first: "10:05 PM" is not "5 PM" */
    for (size_t k = from; k < i; k++) {
        date_val tv = *v;
        size_t e = parse_time_tokens(t, n, k, &tv);
        if (e == k || e > i)
            continue;
        size_t g = e;
        while (g < i && (word_in(&t[g], date_time_gap_words) ||
                         sign_in(&t[g], date_time_link_signs)))
            g++;
        if (g == i) {
            *v = tv;
            return 1;
        }
    }
    return 0;
}

/* Try every date shape at token i. Returns number of tokens used or 0.
 * `order`: DATE_ORDER_MDY reads an ambiguous 9/7/2021 month first,
 * DATE_ORDER_YY_SLASH accepts a two-digit year after slashes (9/28/21). */
static size_t match_at(const date_tok *t, size_t n, size_t i, long long now,
                       int order, date_val *v)
{
    int mdy_pref = order & DATE_ORDER_MDY;
    memset(v, 0, sizeof *v);
    const date_tok *a = &t[i];
    /* Y-M-D: 2021-09-28, 2021/09/28, 2021.09.28 */
    if (a->type == T_NUM && a->ndig == 4 && i + 4 < n) {
        const date_tok *s1 = &t[i + 1], *m = &t[i + 2], *s2 = &t[i + 3];
        if (s1->type == T_PUNCT && (s1->val == '-' || s1->val == '/' || s1->val == '.') &&
            m->type == T_NUM && m->ndig <= 2 && is_punct(s2, s1->val) &&
            t[i + 4].type == T_NUM && t[i + 4].ndig <= 2 && !s1->space_before &&
            !m->space_before) {
            v->y = a->val;
            v->mo = m->val;
            v->d = t[i + 4].val;
            if (valid_ymd(v->y, v->mo, v->d))
                return 5;
        }
    }
    /* CJK: 2021年9月28日 / 2021년 9월 28일 */
    if (a->type == T_NUM && a->ndig == 4 && i + 5 < n && t[i + 1].type == T_CJK &&
        (t[i + 1].val == 0x5E74 || t[i + 1].val == 0xB144) &&
        t[i + 2].type == T_NUM && t[i + 3].type == T_CJK &&
        (t[i + 3].val == 0x6708 || t[i + 3].val == 0xC6D4) &&
        t[i + 4].type == T_NUM && t[i + 5].type == T_CJK &&
        (t[i + 5].val == 0x65E5 || t[i + 5].val == 0xC77C || t[i + 5].val == 0x53F7)) {
        v->y = a->val;
        v->mo = t[i + 2].val;
        v->d = t[i + 4].val;
        if (valid_ymd(v->y, v->mo, v->d))
            return 6;
    }
    /* Numeric day-month-year: 28.09.2021, 28/09/2021, 28-09-2021, 28.9.21 */
    if (a->type == T_NUM && a->ndig <= 2 && i + 4 < n) {
        const date_tok *s1 = &t[i + 1], *b = &t[i + 2], *s2 = &t[i + 3], *c = &t[i + 4];
        if (s1->type == T_PUNCT && (s1->val == '.' || s1->val == '/' || s1->val == '-') &&
            b->type == T_NUM && b->ndig <= 2 && is_punct(s2, s1->val) &&
            c->type == T_NUM &&
            (c->ndig == 4 ||
             (c->ndig == 2 && (s1->val == '.' ||
                               (s1->val == '/' && (order & DATE_ORDER_YY_SLASH))))) &&
            !s1->space_before && !b->space_before && !s2->space_before &&
            !c->space_before) {
            /* Not part of a longer dotted number (an IP or a version). */
            if (!(i + 5 < n && t[i + 5].type == T_PUNCT && t[i + 5].val == s1->val &&
                  i + 6 < n && t[i + 6].type == T_NUM && !t[i + 5].space_before)) {
                int d = a->val, m = b->val, y = year_of(c, now);
                if (s1->val == '/' && (mdy_pref || d > 12) && m <= 31 && d <= 12 &&
                    !(m <= 12 && !mdy_pref)) {
                    int tmp = d;
                    d = m;
                    m = tmp;
                } else if (m > 12 && d <= 12) {
                    int tmp = d;
                    d = m;
                    m = tmp;
                }
                v->y = y;
                v->mo = m;
                v->d = d;
                if (valid_ymd(v->y, v->mo, v->d))
                    return 5;
            }
        }
    }
    /* Year first with dots and spaces, each part closed by a dot
     * (Korean): 2021. 9. 28. */
    if (a->type == T_NUM && a->ndig == 4 && i + 5 < n && is_punct(&t[i + 1], '.') &&
        t[i + 2].type == T_NUM && t[i + 2].ndig <= 2 && is_punct(&t[i + 3], '.') &&
        t[i + 4].type == T_NUM && t[i + 4].ndig <= 2 && is_punct(&t[i + 5], '.') &&
        !t[i + 1].space_before && !t[i + 3].space_before && !t[i + 5].space_before) {
        v->y = a->val;
        v->mo = t[i + 2].val;
        v->d = t[i + 4].val;
        if (valid_ymd(v->y, v->mo, v->d))
            return 6;
    }
    /* Year. month-name day (Hungarian): 2021. szeptember 28. */
    if (a->type == T_NUM && a->ndig == 4 && i + 3 < n && is_punct(&t[i + 1], '.') &&
        !t[i + 1].space_before && t[i + 2].type == T_WORD && t[i + 3].type == T_NUM &&
        t[i + 3].ndig <= 2) {
        int m = month_lookup(t[i + 2].low, strlen(t[i + 2].low));
        if (m) {
            v->y = a->val;
            v->mo = m;
            v->d = t[i + 3].val;
            if (valid_ymd(v->y, v->mo, v->d))
                return i + 4 < n && is_punct(&t[i + 4], '.') && !t[i + 4].space_before ? 5 : 4;
        }
    }
    /* Day "tháng" month [,|năm] year (Vietnamese): 28 tháng 9, 2021 */
    if (a->type == T_NUM && a->ndig <= 2 && i + 3 < n && is_word(&t[i + 1], "tháng") &&
        t[i + 2].type == T_NUM && t[i + 2].ndig <= 2) {
        size_t j = i + 3;
        if (j < n && (is_punct(&t[j], ',') || is_punct(&t[j], '/')))
            j++;
        if (j < n && is_word(&t[j], "năm"))
            j++;
        if (j < n && t[j].type == T_NUM && t[j].ndig == 4) {
            v->y = t[j].val;
            v->mo = t[i + 2].val;
            v->d = a->val;
            if (valid_ymd(v->y, v->mo, v->d))
                return j + 1 - i;
        }
    }
    /* Pipe-separated day | month | year (spaces allowed): 26 | 01 | 2022 */
    if (a->type == T_NUM && a->ndig <= 2 && i + 4 < n && is_punct(&t[i + 1], '|') &&
        t[i + 2].type == T_NUM && t[i + 2].ndig <= 2 && is_punct(&t[i + 3], '|') &&
        t[i + 4].type == T_NUM && t[i + 4].ndig == 4) {
        v->y = t[i + 4].val;
        v->mo = t[i + 2].val;
        v->d = a->val;
        if (valid_ymd(v->y, v->mo, v->d))
            return 5;
    }
    /* Day month-name year: 28 septembre 2021, 28. September 2021,
     * 28 de septiembre de 2021, 1er mars 2020, 3rd Oct. 2019 */
    if (a->type == T_NUM && a->ndig <= 2 && a->val >= 1 && a->val <= 31) {
        size_t j = i + 1;
        if (j < n && is_punct(&t[j], '.') && !t[j].space_before)
            j++;
        if (j < n && t[j].type == T_WORD && !t[j].space_before &&
            (!strcmp(t[j].low, "er") || !strcmp(t[j].low, "st") ||
             !strcmp(t[j].low, "nd") || !strcmp(t[j].low, "rd") ||
             !strcmp(t[j].low, "th") || !strcmp(t[j].low, "º") ||
             !strcmp(t[j].low, "o") || !strcmp(t[j].low, "ª")))
            j++;
        if (j < n && (is_punct(&t[j], 0xBA) || is_punct(&t[j], 0xB0)))
            j++;
        if (j < n && (is_word(&t[j], "de") || is_word(&t[j], "of")))
            j++;
        if (j < n && is_punct(&t[j], '-'))
            j++;
        size_t mu = 0;
        int m = month_at(t, n, j, &mu);
        /* a Thai month name: its UTF-8 starts E0 B8 / E0 B9 (U+0E00-0E7F) */
        int thai = m && (unsigned char)t[j].low[0] == 0xE0 &&
                   ((unsigned char)t[j].low[1] & 0xFE) == 0xB8;
        if (m) {
            j += mu;
            if (j < n && is_punct(&t[j], '.'))
                j++;
            if (j < n && (is_punct(&t[j], ',') || is_punct(&t[j], '-') ||
                          is_punct(&t[j], 0x060C))) /* the Arabic comma */
                j++;
            if (j < n && (is_word(&t[j], "de") || is_word(&t[j], "del")))
                j++;
            if (j < n && t[j].type == T_NUM && t[j].ndig == 4) {
                v->y = t[j].val;
                if (thai && v->y > DATE_BE_FROM)
                    v->y -= DATE_BE_OFFSET;
                v->mo = m;
                v->d = a->val;
                if (valid_ymd(v->y, v->mo, v->d))
                    return j + 1 - i;
            }
        }
    }
    /* Month-name day year: Sept. 28, 2021 / September 28th 2021 */
    if (a->type == T_WORD) {
        int m = month_lookup(a->low, strlen(a->low));
        if (m) {
            size_t j = i + 1;
            if (j < n && is_punct(&t[j], '.'))
                j++;
            if (j < n && t[j].type == T_NUM && t[j].ndig <= 2 && t[j].val >= 1) {
                int d = t[j].val;
                j++;
                if (j < n && t[j].type == T_WORD && !t[j].space_before &&
                    (!strcmp(t[j].low, "st") || !strcmp(t[j].low, "nd") ||
                     !strcmp(t[j].low, "rd") || !strcmp(t[j].low, "th")))
                    j++;
                if (j < n && is_punct(&t[j], ','))
                    j++;
                if (j < n && t[j].type == T_NUM && t[j].ndig == 4) {
                    v->y = t[j].val;
                    v->mo = m;
                    v->d = d;
                    if (valid_ymd(v->y, v->mo, v->d))
                        return j + 1 - i;
                }
            }
        }
    }
    return 0;
}

/* Relative forms: "3 days ago", "vor 3 Tagen", "il y a 3 jours", "hace 3
 * días", "há 3 dias", "3 giorni fa", "3 dagen geleden", "3 dni temu",
 * "3 дня назад", "3 gün önce", "3天前", "yesterday", "gestern"... */
static const struct {
    const char *word;
    int days;       /* for single-word forms: days back */
} rel_words[] = {
    {"today", 0}, {"heute", 0}, {"aujourd", 0}, {"hoy", 0}, {"oggi", 0},
    {"hoje", 0}, {"vandaag", 0}, {"dzisiaj", 0}, {"dziś", 0},
    {"сегодня", 0}, {"сьогодні", 0}, {"bugün", 0},
    {"yesterday", 1}, {"gestern", 1}, {"hier", 1}, {"ayer", 1}, {"ieri", 1},
    {"ontem", 1}, {"gisteren", 1}, {"wczoraj", 1}, {"вчера", 1},
    {"вчора", 1}, {"dün", 1},
};

/* Unit word -> seconds (hours and minutes count as "today"). */
static long long unit_seconds(const char *w)
{
    static const struct {
        const char *p; /* prefix */
        long long s;
    } u[] = {
        {"min", 60}, {"minut", 60}, {"хвилин", 60}, {"минут", 60}, {"dakika", 60},
        {"hour", 3600}, {"hr", 3600}, {"stunde", 3600}, {"heure", 3600},
        {"hora", 3600}, {"ora", 3600}, {"ore", 3600}, {"uur", 3600},
        {"godzin", 3600}, {"час", 3600}, {"годин", 3600}, {"saat", 3600},
        {"day", 86400}, {"tag", 86400}, {"jour", 86400}, {"día", 86400},
        {"dia", 86400}, {"giorn", 86400}, {"dag", 86400}, {"dni", 86400},
        {"dzie", 86400}, {"дн", 86400}, {"день", 86400}, {"gün", 86400},
        {"week", 604800}, {"woche", 604800}, {"semaine", 604800},
        {"semana", 604800}, {"settiman", 604800}, {"tygodni", 604800},
        {"недел", 604800}, {"тиж", 604800}, {"hafta", 604800},
        /* ar (ساعة ساعات, دقيقة دقائق, يوم أيام, أسبوع أسابيع) */
        {"ساع", 3600}, {"دقي", 60}, {"دقائق", 60}, {"يوم", 86400},
        {"أيام", 86400}, {"ايام", 86400}, {"أسبوع", 604800}, {"أسابيع", 604800},
        /* he (שעה שעות, דקה דקות, יום ימים, שבוע שבועות) */
        {"שע", 3600}, {"דק", 60}, {"יום", 86400}, {"ימים", 86400},
        {"שבוע", 604800},
        /* hi (घंटा घंटे, मिनट, दिन, सप्ताह हफ्ते) */
        {"घंट", 3600}, {"मिनट", 60}, {"दिन", 86400}, {"सप्ताह", 604800},
        {"हफ्त", 604800},
    };
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        if (!strncmp(w, u[i].p, strlen(u[i].p)))
            return u[i].s;
    return 0;
}

/* Does a time of day start at token j, after an optional connector
 * (",", "um", "at", "à", "a las", "alle", "om", "o")? "14:30", "10h15". */
static int time_follows(const date_tok *t, size_t n, size_t j)
{
    static const char *const connectors[] = {"um", "at", "à", "a", "las", "alle",
                                             "om", "o", "в", "saat", NULL};
    for (int k = 0; k < 3 && j < n; k++) {
        int conn = is_punct(&t[j], ',');
        for (const char *const *c = connectors; *c && !conn; c++)
            conn = is_word(&t[j], *c);
        if (!conn)
            break;
        j++;
    }
    if (j >= n || t[j].type != T_NUM || t[j].ndig > 2)
        return 0;
    date_val tv;
    memset(&tv, 0, sizeof tv);
    if (parse_time_tokens(t, n, j, &tv) > j)
        return 1;
    return j + 1 < n && is_word(&t[j + 1], "h") && !t[j + 1].space_before;
}

static size_t match_relative(const date_tok *t, size_t n, size_t i, long long now,
                             date_val *v)
{
    const date_tok *a = &t[i];
    if (a->type == T_WORD && (n == 1 || time_follows(t, n, i + 1))) {
        /* A lone word is a date only as the whole text or before a time:
         * "Gestern, 14:30", "hier à 10h15"; "Anmeldung hier" (German
         * "here") or "there today" in a sentence are none. */
        for (size_t k = 0; k < sizeof rel_words / sizeof rel_words[0]; k++)
            if (!strcmp(a->low, rel_words[k].word)) {
                date_from_epoch(now - rel_words[k].days * 86400LL, v);
                return 1;
            }
    }
    /* "<N> <unit> ago|fa|geleden|temu|назад|önce" */
    if (a->type == T_NUM && a->ndig <= 3 && i + 2 < n && t[i + 1].type == T_WORD) {
        long long u = unit_seconds(t[i + 1].low);
        const char *w = t[i + 2].type == T_WORD ? t[i + 2].low : "";
        if (u && (!strcmp(w, "ago") || !strcmp(w, "fa") || !strcmp(w, "geleden") ||
                  !strcmp(w, "temu") || !strcmp(w, "назад") || !strcmp(w, "önce") ||
                  !strcmp(w, "पहले"))) {
            date_from_epoch(now - a->val * u, v);
            return 3;
        }
    }
    /* "vor|hace|há <N> <unit>" and "il y a <N> <unit>" */
    if (a->type == T_WORD && (!strcmp(a->low, "vor") || !strcmp(a->low, "hace") ||
                              !strcmp(a->low, "há") || !strcmp(a->low, "a") ||
                              !strcmp(a->low, "منذ") || !strcmp(a->low, "לפני")) &&
        i + 2 < n && t[i + 1].type == T_NUM && t[i + 2].type == T_WORD) {
        if (!strcmp(a->low, "a") && !(i >= 2 && is_word(&t[i - 1], "y") &&
                                      is_word(&t[i - 2], "il")))
            return 0;
        long long u = unit_seconds(t[i + 2].low);
        if (u) {
            date_from_epoch(now - t[i + 1].val * u, v);
            return 3;
        }
    }
    /* CJK: 3天前 / 3日前 / 3小时前 / 3時間前; Korean 3일 전 / 3시간 전 / 5분 전 */
    if (a->type == T_NUM && i + 2 < n && t[i + 1].type == T_CJK) {
        int32_t c = t[i + 1].val;
        long long u = (c == 0x5929 || c == 0x65E5 || c == 0xC77C) ? 86400
                      : (c == 0x5C0F || c == 0x6642 || c == 0xC2DC) ? 3600
                      : c == 0xBD84 ? 60 : 0;
        size_t j = i + 2;
        if (u == 3600 && j < n && t[j].type == T_CJK &&
            (t[j].val == 0x65F6 || t[j].val == 0x9593 || t[j].val == 0xAC04))
            j++;
        if (u && j < n && t[j].type == T_CJK && (t[j].val == 0x524D || t[j].val == 0xC804)) {
            date_from_epoch(now - t[i].val * u, v);
            return j + 1 - i;
        }
    }
    return 0;
}

/* Decides whether a date found in text at [off, off+len) counts; 1 keeps
 * it. `s` is the whole text being scanned. */
typedef int (*date_accept_fn)(const char *s, size_t off, size_t len,
                              const date_val *v, void *arg);

/* Is the match at tokens [i, end) glued into a path ("/wp/2012/05/13/a-")?
 * Such a date is part of a URL written out in the text, not a date shown. */
static int in_path(const date_tok *t, size_t nt, size_t i, size_t end)
{
    if (t[i].type != T_NUM || t[end - 1].type != T_NUM)
        return 0; /* "<span>/</span>June 12, 2020" is a byline separator */
    if (i > 1 && is_punct(&t[i - 1], '/') && !t[i].space_before &&
        !t[i - 1].space_before && t[i - 2].type != T_PUNCT)
        return 1;
    return end + 1 < nt && is_punct(&t[end], '/') && !t[end].space_before &&
           !t[end + 1].space_before && t[end + 1].type != T_PUNCT;
}

/* The first date in s[0..n) that `accept` (NULL: any) keeps; one
 * tokenization whatever the number of candidates. */
static int date_scan_text(const char *s, size_t n, long long now, int order,
                          date_accept_fn accept, void *arg, date_val *out, size_t *pos,
                          size_t *mlen)
{
    if (!s || !n)
        return 0;
    /* Every token takes at least one byte: a short text needs few. */
    size_t cap = n < DATE_MAX_TOKENS ? n : DATE_MAX_TOKENS;
    date_tok *t = malloc(cap * sizeof *t);
    if (!t)
        return 0;
    size_t nt = tokenize(s, n, t, cap);
    int found = 0;
    for (size_t i = 0; i < nt && !found; i++) {
        date_val v;
        size_t used = match_at(t, nt, i, now, order, &v);
        if (used) {
            if (in_path(t, nt, i, i + used))
                continue;
            /* A following time: "28.09.2021, 10:15" / "um 10:15 Uhr" */
            size_t j = i + used;
            for (int l = 0; l < DATE_TIME_LINKS && j < nt &&
                            (word_in(&t[j], date_time_link_words) ||
                             sign_in(&t[j], date_time_link_signs));
                 l++)
                j++;
            date_val tv = v;
            size_t k = parse_time_tokens(t, nt, j, &tv);
            if (k > j) {
                v = tv;
                used = k - i;
            } else if (time_before(t, nt, i, &tv)) {
                v = tv; /* "3:45 PM EDT, Tue September 28, 2021" */
            }
            size_t off = t[i].off;
            size_t len = t[i + used - 1].off + t[i + used - 1].len - off;
            if (plausible(&v, now) && (!accept || accept(s, off, len, &v, arg))) {
                *out = v;
                if (pos)
                    *pos = off;
                if (mlen)
                    *mlen = len;
                found = 1;
            }
        }
    }
    free(t);
    return found;
}

int date_find_text(const char *s, size_t n, long long now, date_val *out,
                   size_t *pos, size_t *mlen)
{
    return date_scan_text(s, n, now, 0, NULL, NULL, out, pos, mlen);
}

/* Relative dates only: used where a date is expected (bylines). */
static int date_find_relative(const char *s, size_t n, long long now, date_val *out)
{
    date_tok t[64];
    size_t nt = tokenize(s, n, t, 64);
    for (size_t i = 0; i < nt; i++) {
        date_val v;
        if (match_relative(t, nt, i, now, &v) && plausible(&v, now)) {
            *out = v;
            return 1;
        }
    }
    return 0;
}

/* ---- structured values -------------------------------------------------- */

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* ISO 8601 and near forms: 2021-09-28, 2021-09-28T10:15:00.000+02:00,
 * 2021-09-28 10:15:00, 20210928, 2021/09/28. */
static int parse_iso(const char *s, date_val *v)
{
    memset(v, 0, sizeof *v);
    const char *p = s;
    if (!digits(p, 4, &v->y))
        return 0;
    p += 4;
    char sep = *p;
    if (sep == '-' || sep == '/' || sep == '.') {
        p++;
        /* p[0] first: p[1] is past the end when the value stops here */
        int ml = isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) ? 2 : 1;
        if (!digits(p, ml, &v->mo))
            return 0;
        p += ml;
        if (*p != sep)
            return 0;
        p++;
        int dl = isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) ? 2 : 1;
        if (!digits(p, dl, &v->d))
            return 0;
        p += dl;
    } else if (isdigit((unsigned char)sep)) {
        if (!digits(p, 2, &v->mo) || !digits(p + 2, 2, &v->d))
            return 0;
        p += 4;
        if (isdigit((unsigned char)*p))
            return 0;
    } else {
        return 0;
    }
    if (!valid_ymd(v->y, v->mo, v->d))
        return 0;
    if ((*p == 'T' || *p == ' ' || *p == 't') && isdigit((unsigned char)p[1]) &&
        isdigit((unsigned char)p[2]) && p[3] == ':') {
        p++;
        int h, mi, sec = 0;
        if (!digits(p, 2, &h) || !digits(p + 3, 2, &mi) || h > 23 || mi > 59)
            return 1;
        p += 5;
        if (*p == ':' && digits(p + 1, 2, &sec)) {
            p += 3;
            if (sec > 59)
                sec = 59;
        }
        if (*p == '.' || *p == ',') {
            p++;
            while (isdigit((unsigned char)*p))
                p++;
        }
        v->h = h;
        v->mi = mi;
        v->s = sec;
        v->has_time = 1;
        while (*p == ' ')
            p++;
        if (*p == 'Z' || *p == 'z') {
            v->has_tz = 1;
            v->tz_min = 0;
        } else if (*p == '+' || *p == '-') {
            int sign = *p == '-' ? -1 : 1, th = 0, tm = 0;
            p++;
            if (digits(p, 2, &th)) {
                p += 2;
                if (*p == ':')
                    p++;
                if (!digits(p, 2, &tm))
                    tm = 0;
                if (th <= 14 && tm < 60) {
                    v->has_tz = 1;
                    v->tz_min = sign * (th * 60 + tm);
                }
            }
        }
    }
    return 1;
}

int date_parse(const char *s, date_val *out)
{
    if (!s)
        return 0;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!*s)
        return 0;
    if (parse_iso(s, out))
        return 1;
    /* Unix timestamps (10 digits, seconds; 13, milliseconds). */
    size_t nd = strspn(s, "0123456789");
    if ((nd == 10 || nd == 13) && !s[nd]) {
        long long ts = 0;
        for (size_t i = 0; i < 10; i++)
            ts = ts * 10 + (s[i] - '0');
        date_from_epoch(ts, out);
        /* a moment: its time of day in UTC */
        long long sec = ((ts % 86400) + 86400) % 86400;
        out->h = (int)(sec / 3600);
        out->mi = (int)(sec / 60 % 60);
        out->s = (int)(sec % 60);
        out->has_time = 1;
        out->has_tz = 1;
        out->tz_min = 0;
        return 1;
    }
    size_t len = strlen(s);
    if (len > 200)
        len = 200;
    /* Any other shape: the text reader, with a far-future "now" so that
     * plausibility is judged by the caller. */
    return date_find_text(s, len, 253402300799LL, out, NULL, NULL);
}

/* ---- sources ---------------------------------------------------------------- */

static const char *const pub_meta_keys[] = {
    "article:published_time", "article:published", "og:published_time",
    "og:article:published_time", "published_time", "article.published",
    "datepublished", "date_published", "publishdate", "publish-date",
    "publish_date", "publication_date", "publication-date", "pubdate",
    "pub_date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
    "dc:date", "dcterms.date", "dc.created", "date", "citation_publication_date",
    "citation_date", "citation_online_date", "prism.publicationdate",
    "rnews:datepublished", "article:post_date", "bt:pubdate",
    "article_date_original", "original-publish-date", "cxenseparse:recs:publishtime",
    "datecreated", "displaydate", "release_date", "created", "og:pubdate",
    "article.created", "dateposted", "postdate", "creation_date",
    "vr:published_time", "sort_date", "date.available", "dc.date.available",
    NULL};

static const char *const mod_meta_keys[] = {
    "article:modified_time", "og:updated_time", "article:modified",
    "og:modified_time", "modified_time", "datemodified", "date_modified",
    "last-modified", "lastmod", "last_modified", "dc.date.modified",
    "dcterms.modified", "dc.modified", "modified", "revised", "updated_time",
    "article.updated", "parsely-updated", "sailthru.lastmodified",
    "dateupdated", NULL};

typedef struct {
    date_val v;
    const char *src;
    int ok;
} date_pick;

static int try_value(const char *val, long long now, date_pick *p, const char *src)
{
    date_val v;
    if (!val || !date_parse(val, &v) || !plausible(&v, now))
        return 0;
    p->v = v;
    p->src = src;
    p->ok = 1;
    return 1;
}

static int jsonld_date(const meta_scan *s, const char *key, long long now,
                       date_pick *p)
{
    /* Article objects first, then any object (WebPage often holds it). */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < s->n_jsonld; i++) {
            const json_t *o = s->jsonld[i];
            int is_art = jsonld_type_is(o, meta_article_types);
            if ((pass == 0) != is_art)
                continue;
            if (try_value(jsonld_str(o, key), now, p, "json-ld"))
                return 1;
        }
    return 0;
}

static int meta_date(const meta_scan *s, const char *const *keys, long long now,
                     date_pick *p)
{
    for (const char *const *k = keys; *k; k++)
        for (size_t i = 0; i < s->n_metas; i++)
            if (!strcmp(s->metas[i].key, *k) &&
                try_value(s->metas[i].val, now, p,
                          s->metas[i].kind == META_K_ITEMPROP ? "microdata" : "meta"))
                return 1;
    return 0;
}

/* Is the node inside a reader's comment (class/id "comment", bounded
 * climb)? With `wide`, also inside related/sidebar boxes, <aside>,
 * <footer> and <blockquote> (a quoted or embedded post, Instagram or X,
 * with its own date); without, an article header may sit in a layout
 * column named "sidebar" or in an <aside>. */
static int in_comment_box(const xmlNode *n, int wide)
{
    int k = 0;
    for (const xmlNode *p = n; p && k < DATE_CLIMB; p = p->parent, k++) {
        if (p->type != XML_ELEMENT_NODE)
            continue;
        /* <body> classes describe the layout ("et_right_sidebar",
         * "comments-open"), not the node. */
        const char *nm = dom_name(p);
        if (!strcmp(nm, "body"))
            break;
        const char *c = dom_attr(p, "class");
        if (meta_strcasestr(c, "comment") || meta_strcasestr(dom_attr(p, "id"), "comment"))
            return 1;
        if (wide && (meta_strcasestr(c, "related") || meta_strcasestr(c, "sidebar") ||
                     !strcmp(nm, "aside") || !strcmp(nm, "footer") ||
                     !strcmp(nm, "blockquote")))
            return 1;
    }
    return 0;
}

/* Is the node inside a box of other posts' teasers (class/id of
 * date_teaser_boxes, bounded climb, <body> excluded)? Their dates are
 * those posts'. */
static int in_teaser_box(const xmlNode *n)
{
    int k = 0;
    for (const xmlNode *p = n; p && k < DATE_CLIMB; p = p->parent, k++) {
        if (p->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp(dom_name(p), "body"))
            break;
        const char *c = dom_attr(p, "class"), *id = dom_attr(p, "id");
        for (const char *const *w = date_teaser_boxes; *w; w++)
            if (meta_strcasestr(c, *w) || meta_strcasestr(id, *w))
                return 1;
    }
    return 0;
}

static int in_comment(const xmlNode *n)
{
    return in_comment_box(n, 1);
}

static int microdata_date(const meta_scan *s, const char *prop, long long now,
                          date_pick *p)
{
    for (size_t i = 0; i < s->itemprops.n; i++) {
        xmlNode *n = s->itemprops.v[i].node;
        const char *ip = dom_attr(n, "itemprop");
        if (!ip || strcasecmp(ip, prop))
            continue;
        const char *v = dom_attr(n, "datetime");
        if (!v)
            v = dom_attr(n, "content");
        if (try_value(v, now, p, "microdata"))
            return 1;
        char *t = meta_node_text(n, DATE_ELEM_TEXT);
        int ok = t && try_value(t, now, p, "microdata");
        free(t);
        if (ok)
            return 1;
    }
    return 0;
}

/* <time> elements: pubdate / class or itemprop "published" first, then the
 * first one with a datetime outside comments. `modified` selects the other
 * kind. */
static int time_date(const meta_scan *s, int modified, long long now, date_pick *p)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < s->times.n; i++) {
            xmlNode *n = s->times.v[i].node;
            const char *cls = dom_attr(n, "class");
            const char *ip = dom_attr(n, "itemprop");
            int is_mod = meta_strcasestr(cls, "updat") || meta_strcasestr(cls, "modif") ||
                         meta_strcasestr(ip, "modified");
            int is_pub = dom_attr(n, "pubdate") || meta_strcasestr(cls, "publish") ||
                         meta_strcasestr(cls, "entry-date") || meta_strcasestr(ip, "published") ||
                         meta_strcasestr(cls, "post-date");
            if (modified) {
                if (!is_mod)
                    continue;
            } else {
                if (is_mod)
                    continue;
                if (pass == 0 && !is_pub)
                    continue;
                if (pass == 1 && (is_pub || in_comment(n) || in_teaser_box(n)))
                    continue;
            }
            const char *dt = dom_attr(n, "datetime");
            if (dt && try_value(dt, now, p, "time"))
                return 1;
            if (!dt) {
                char *t = meta_node_text(n, DATE_ELEM_TEXT);
                int ok = t && try_value(t, now, p, "time");
                free(t);
                if (ok)
                    return 1;
            }
        }
    return 0;
}

/* <abbr class="published" title="2021-09-28T10:15:00+02:00"> (hAtom,
 * Blogger); `modified` reads class "updated" / "modified" instead. */
static int abbr_date(const meta_scan *s, int modified, long long now, date_pick *p)
{
    for (size_t i = 0; i < s->abbrs.n; i++) {
        xmlNode *n = s->abbrs.v[i].node;
        const char *cls = dom_attr(n, "class");
        int is_mod = meta_strcasestr(cls, "updat") || meta_strcasestr(cls, "modif");
        if (modified ? !is_mod
                     : (is_mod || (!meta_strcasestr(cls, "publish") &&
                                   !meta_strcasestr(cls, "date") && !meta_strcasestr(cls, "time"))))
            continue;
        if (in_comment_box(n, 0))
            continue;
        if (try_value(dom_attr(n, "title"), now, p, "abbr"))
            return 1;
    }
    return 0;
}

/* Dates in a URL path: /2021/09/28/, /2017/7/12/, /2021-09-28-,
 * /20210928/, /28-10-2021. 1 when one is found. */
static int url_path_date(const char *url, long long now, int min_year, date_val *out)
{
    if (!url)
        return 0;
    const char *path = strstr(url, "://");
    path = path ? strchr(path + 3, '/') : url;
    if (!path)
        return 0;
    for (const char *q = path; *q; q++) {
        if (!isdigit((unsigned char)*q) || isalnum((unsigned char)q[-1]))
            continue;
        size_t run = strspn(q, "0123456789");
        date_val v;
        memset(&v, 0, sizeof v);
        int a, b, c;
        char sep = q[run];
        if (run == 4 && (sep == '/' || sep == '-' || sep == '_' || sep == '.') &&
            digits(q, 4, &a)) {
            const char *m = q + 5;
            size_t ml = strspn(m, "0123456789");
            if (ml < 1 || ml > 2 || m[ml] != sep)
                continue;
            const char *d = m + ml + 1;
            size_t dl = strspn(d, "0123456789");
            if (dl < 1 || dl > 2 || !digits(m, (int)ml, &b) || !digits(d, (int)dl, &c))
                continue;
            v.y = a;
            v.mo = b;
            v.d = c;
        } else if (run == 8 && digits(q, 8, &a)) {
            v.y = a / 10000;
            v.mo = (a / 100) % 100;
            v.d = a % 100;
        } else if (run == 2 && (sep == '-' || sep == '.' || sep == '_') &&
                   digits(q, 2, &c) && isdigit((unsigned char)q[3]) &&
                   digits(q + 3, 2, &b) && q[5] == sep && digits(q + 6, 4, &a) &&
                   !isdigit((unsigned char)q[10])) {
            v.y = a;
            v.mo = b;
            v.d = c;
        } else {
            q += run - 1;
            continue;
        }
        if (plausible_from(&v, now, min_year)) {
            *out = v;
            return 1;
        }
    }
    return 0;
}

/* A clearly archival page: the URL path dates it before DATE_MIN_YEAR
 * (/1987/03/12/) and a structured "published" value names the same day.
 * Either alone is no evidence (a path about 1989, a CMS default date); the
 * two agreeing are, and then the structured value (with its time) wins. */
static int archival_date(const meta_scan *s, const char *url, long long now, date_pick *p)
{
    date_val u, v;
    if (!url_path_date(url, now, DATE_ARCHIVE_MIN_YEAR, &u) || u.y >= DATE_MIN_YEAR)
        return 0;
    /* the days empty date fields print as: the unix epoch (also on clocks
     * west of UTC) and the start of 1900 */
    if ((u.mo == 1 && u.d == 1 && (u.y == 1970 || u.y == 1900)) ||
        (u.y == 1969 && u.mo == 12 && u.d == 31))
        return 0;
    long long du = date_epoch(&u);
    for (size_t i = 0; i < s->n_jsonld; i++) {
        const char *val = jsonld_str(s->jsonld[i], "datePublished");
        if (val && date_parse(val, &v) && date_epoch(&v) == du) {
            p->v = v;
            p->src = "json-ld";
            p->ok = 1;
            return 1;
        }
    }
    for (const char *const *k = pub_meta_keys; *k; k++)
        for (size_t i = 0; i < s->n_metas; i++)
            if (!strcmp(s->metas[i].key, *k) && date_parse(s->metas[i].val, &v) &&
                date_epoch(&v) == du) {
                p->v = v;
                p->src = s->metas[i].kind == META_K_ITEMPROP ? "microdata" : "meta";
                p->ok = 1;
                return 1;
            }
    return 0;
}

static int url_date(const char *url, long long now, date_pick *p)
{
    if (!url_path_date(url, now, DATE_MIN_YEAR, &p->v))
        return 0;
    p->src = "url";
    p->ok = 1;
    return 1;
}

/* The lead image's URL (uploads/2016/05/04/...): a last resort. */
static int image_url_date(const meta_scan *s, long long now, date_pick *p)
{
    const char *img = meta_get(s, "og:image");
    if (!img)
        img = meta_get(s, "twitter:image");
    if (!img || !url_path_date(img, now, DATE_MIN_YEAR, &p->v))
        return 0;
    p->src = "image-url";
    p->ok = 1;
    return 1;
}

/* Length of `label` (lower-case UTF-8) when t starts with it, case
 * insensitively for ASCII and for the Latin-1 letters (Ä = ä), else 0. */
static size_t label_at(const char *t, size_t avail, const char *label)
{
    size_t i = 0;
    for (; label[i]; i++) {
        if (i >= avail)
            return 0;
        unsigned char a = (unsigned char)t[i], b = (unsigned char)label[i];
        if (a == b || (b < 0x80 && tolower(a) == b))
            continue;
        /* Second byte of a 2-byte Latin-1 letter: upper 0x80-0x9E pairs
         * with lower 0xA0-0xBE (not 0x97/0xB7, the signs × and ÷). */
        if (i > 0 && (unsigned char)label[i - 1] == 0xC3 && b >= 0xA0 && b <= 0xBE &&
            b != 0xB7 && a == b - 0x20)
            continue;
        return 0;
    }
    return i;
}

/* label_at's test of the second byte alone, for the scans that call it at
 * every byte a label starts with: an ASCII second byte of the label must
 * be the text's, in either case (0: label_at would say 0 too). */
static inline int label_second_ok(const char *t, size_t avail, const char *label)
{
    unsigned char b = (unsigned char)label[1];
    if (!b || b >= 0x80)
        return 1;
    if (avail < 2)
        return 0;
    unsigned char a = (unsigned char)t[1];
    return a == b || tolower(a) == b;
}

/* Does one of `labels` start in t[from..to)? */
static int label_in(const char *t, size_t from, size_t to, const char *const *labels)
{
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)tolower((unsigned char)t[i]);
        for (const char *const *l = labels; *l; l++)
            if ((unsigned char)(*l)[0] == c && label_at(t + i, to - i, *l))
                return 1;
    }
    return 0;
}

/* label_in for a long stretch: one table lookup a byte, then only the
 * labels sharing the byte. */
static int any_label_in(const char *t, size_t from, size_t to, const char *const *labels)
{
    meta_label_index x;
    if (!meta_label_index_build(&x, labels))
        return label_in(t, from, to, labels);
    for (size_t i = from; i < to; i++)
        for (unsigned k = x.head[(unsigned char)t[i]]; k; k = x.next[k - 1])
            if (label_second_ok(t + i, to - i, labels[k - 1]) &&
                label_at(t + i, to - i, labels[k - 1]))
                return 1;
    return 0;
}

/* Does one of date_not_page_labels start in t[from..to)? */
static int not_page_label_before(const char *t, size_t from, size_t to)
{
    return label_in(t, from, to, date_not_page_labels);
}

/* date_accept_fn: a date not labelled as somebody else's just before it
 * (date_not_page_labels within DATE_NOT_PAGE_WINDOW bytes). */
static int accept_page_date(const char *s, size_t off, size_t len, const date_val *v,
                            void *arg)
{
    (void)len;
    (void)v;
    (void)arg;
    size_t lb = off > DATE_NOT_PAGE_WINDOW ? off - DATE_NOT_PAGE_WINDOW : 0;
    return !not_page_label_before(s, lb, off);
}

/* Is the date at s[off] an update date (date_update_words just before)? */
static int update_date_at(const char *s, size_t off)
{
    return label_in(s, off > DATE_UPDATE_GAP ? off - DATE_UPDATE_GAP : 0, off,
                    date_update_words);
}

/* Is the node inside a reader's comment (see in_comment_box)? */
static int in_reply(const xmlNode *n)
{
    return in_comment_box(n, 0);
}

/* How a date found in the page's visible text (meta_scan.text) is judged. */
typedef struct {
    const meta_scan *scan;
    size_t base;  /* offset of the scanned slice in scan->text */
    int stamp;    /* only dates with a time of day */
    int updates;  /* 1: only update dates (date_update_words before) */
} text_judge;

/* Does the date at text offset `at` start a <time> element that sits in
 * a reader's comment (a reply's "March 3, 2021 at 10:15 am"), or a <time>
 * or date element in a box of other posts' teasers? */
static int in_comment_time(const meta_scan *s, size_t at)
{
    for (size_t i = 0; i < s->times.n; i++) {
        size_t tp = s->times.v[i].text_pos;
        if (tp <= at && at - tp <= DATE_TIME_NODE_SLACK &&
            (in_reply(s->times.v[i].node) || in_teaser_box(s->times.v[i].node)))
            return 1;
    }
    for (size_t i = 0; i < s->datelike.n; i++) {
        size_t tp = s->datelike.v[i].text_pos;
        if (tp <= at && at - tp <= DATE_TIME_NODE_SLACK && in_teaser_box(s->datelike.v[i].node))
            return 1; /* not in_reply: a column's header is "ArticleHeaderComment" */
    }
    return 0;
}

/* A page's own stamp anywhere in its text carries a time of day ("Author:
 * X am 29.12.2010, 13:36 Uhr", "last edited 2019-11-10 13:28:18"); a bare
 * date far from the headline is mostly a mention (a law's date, a film's
 * release, a listing's or a calendar's entry). */
static int accept_text_date(const char *s, size_t off, size_t len, const date_val *v,
                            void *arg)
{
    const text_judge *j = arg;
    if (j->stamp && !v->has_time)
        return 0;
    if (j->updates && !update_date_at(s, off))
        return 0;
    size_t end = off + len, slice = j->scan->text.len - j->base;
    size_t to = end + DATE_TEASER_WINDOW < slice ? end + DATE_TEASER_WINDOW : slice;
    if (label_in(s, end, to, date_teaser_after))
        return 0;
    return accept_page_date(s, off, len, v, NULL) && !in_comment_time(j->scan, j->base + off);
}

/* The first date in t[0..n) not labelled as someone else's; its offset
 * in *pos. */
static int first_page_date(const char *t, size_t n, long long now, int mdy, date_val *v,
                           size_t *pos)
{
    return date_scan_text(t, n, now, mdy, accept_page_date, NULL, v, pos, NULL);
}

static int header_date(const meta_scan *s, long long now, int mdy, int updates,
                       date_pick *p);

/* The date shown to readers: the first date in a date-looking element
 * (outside comments), else in the text around the article header (from a
 * little before the first h1), else at the start of the text. */
static int shown_date(const meta_scan *s, long long now, int mdy, int extensive,
                      date_pick *p)
{
    for (size_t i = 0; i < s->datelike.n; i++) {
        xmlNode *n = s->datelike.v[i].node;
        if (in_comment(n))
            continue;
        char *t = meta_node_text(n, DATE_ELEM_TEXT);
        date_val v;
        int ok = t && strlen(t) < DATE_ELEM_TEXT &&
                 first_page_date(t, strlen(t), now, mdy | DATE_ORDER_YY_SLASH, &v, NULL);
        free(t);
        for (const char *const *an = date_value_attrs; *an && !ok; an++) {
            const char *av = dom_attr(n, *an);
            ok = av && date_parse(av, &v) && plausible(&v, now);
        }
        if (!ok && !strcmp(dom_name(n), "data")) {
            /* <data class="dt-published" value="2021-09-28T10:15:00+02:00"> */
            const char *av = dom_attr(n, "value");
            ok = av && date_parse(av, &v) && plausible(&v, now);
        }
        if (ok) {
            p->v = v;
            p->src = "byline";
            p->ok = 1;
            return 1;
        }
    }
    if (!s->text.s || !extensive)
        return 0;
    return header_date(s, now, mdy, 0, p);
}

/* The first date of the text around the article header (from a little
 * before the first h1; the start of the text without one) that
 * accept_text_date keeps; `updates` as in text_judge. */
static int header_date(const meta_scan *s, long long now, int mdy, int updates, date_pick *p)
{
    if (!s->text.s)
        return 0;
    size_t from = 0, to = DATE_HEADER_AFTER;
    if (s->has_h1) {
        from = s->text_h1_pos > DATE_HEADER_BEFORE ? s->text_h1_pos - DATE_HEADER_BEFORE : 0;
        to = s->text_h1_pos + DATE_HEADER_AFTER;
    }
    if (to > s->text.len)
        to = s->text.len;
    /* an update date needs its word in the window: most headers have
     * none, and are not scanned for dates at all */
    if (updates && !any_label_in(s->text.s, from, to, date_update_words))
        return 0;
    date_val v;
    text_judge judge = {s, from, 0, updates};
    if (from < to && date_scan_text(s->text.s + from, to - from, now, mdy, accept_text_date,
                                    &judge, &v, NULL, NULL)) {
        p->v = v;
        p->src = "text";
        p->ok = 1;
        return 1;
    }
    return 0;
}

/* A date right after a label of `labels` in the visible text ("Erschienen
 * am 01.11.2023"): the first labelled one wins. One pass over the bounded
 * text with a first-byte table; each hit reads DATE_LABEL_WINDOW bytes. */
static int labelled_date(const meta_scan *s, const char *const *labels, long long now,
                         int mdy, date_pick *p)
{
    if (!s->text.s)
        return 0;
    const char *t = s->text.s;
    size_t len = s->text.len;
    meta_label_index x;
    if (!meta_label_index_build(&x, labels))
        return 0; /* no such table: the longest holds well under the bound */
    for (size_t i = 0; i < len; i++) {
        unsigned k = x.head[(unsigned char)t[i]];
        if (!k || (i && isalnum((unsigned char)t[i - 1])))
            continue;
        for (; k; k = x.next[k - 1]) {
            size_t ll = label_second_ok(t + i, len - i, labels[k - 1])
                            ? label_at(t + i, len - i, labels[k - 1]) : 0;
            if (!ll)
                continue;
            size_t from = i + ll;
            size_t w = len - from < DATE_LABEL_WINDOW ? len - from : DATE_LABEL_WINDOW;
            date_val v;
            size_t pos = 0;
            if (w && date_scan_text(t + from, w, now, mdy | DATE_ORDER_YY_SLASH, NULL, NULL, &v,
                                    &pos, NULL) &&
                pos <= DATE_LABEL_GAP) {
                p->v = v;
                p->src = "text";
                p->ok = 1;
                return 1;
            }
            break;
        }
    }
    return 0;
}

/* A stamped date anywhere in the bounded visible text (extensive mode). */
static int text_date(const meta_scan *s, long long now, int mdy, date_pick *p)
{
    date_val v;
    text_judge judge = {s, 0, 1, 0};
    if (s->text.s && date_scan_text(s->text.s, s->text.len, now, mdy, accept_text_date,
                                    &judge, &v, NULL, NULL)) {
        p->v = v;
        p->src = "text";
        p->ok = 1;
        return 1;
    }
    return 0;
}

/* Relative forms ("vor 2 Tagen", "yesterday") in date-looking elements:
 * only meaningful against a reference time, so they come last. */
static int relative_date(const meta_scan *s, long long now, date_pick *p)
{
    for (size_t i = 0; i < s->datelike.n; i++) {
        xmlNode *n = s->datelike.v[i].node;
        if (in_comment(n))
            continue;
        char *t = meta_node_text(n, DATE_ELEM_TEXT);
        if (!t)
            continue;
        date_val v;
        int ok = strlen(t) < DATE_ELEM_TEXT && date_find_relative(t, strlen(t), now, &v);
        free(t);
        if (ok) {
            p->v = v;
            p->src = "relative";
            p->ok = 1;
            return 1;
        }
    }
    return 0;
}

/* Is the page a list of posts (a blog's front page, a category)? No
 * headline of its own (no <h1>) and DATE_LIST_POSTS or more <time>
 * elements outside comments naming different days: each is a post's
 * date, none is the page's. */
static int list_of_posts(const meta_scan *s, long long now)
{
    if (s->has_h1)
        return 0;
    long long days[DATE_LIST_POSTS];
    int nd = 0;
    for (size_t i = 0; i < s->times.n && nd < DATE_LIST_POSTS; i++) {
        xmlNode *n = s->times.v[i].node;
        const char *dt = dom_attr(n, "datetime");
        date_val v;
        if (!dt || !date_parse(dt, &v) || !plausible(&v, now) || in_reply(n))
            continue;
        long long d = date_epoch(&v) / 86400;
        int seen = 0;
        for (int k = 0; k < nd && !seen; k++)
            seen = days[k] == d;
        if (!seen)
            days[nd++] = d;
    }
    return nd >= DATE_LIST_POSTS;
}

/* Seconds since the epoch, in UTC when the zone is known. */
static long long moment(const date_val *v)
{
    long long t = date_epoch(v);
    if (v->has_time)
        t += v->h * 3600LL + v->mi * 60LL + v->s;
    if (v->has_tz)
        t -= v->tz_min * 60LL;
    return t;
}

/* JSON-LD keys whose value may be the same moment as a page date. */
static const char *const date_twin_jsonld_keys[] = {"datePublished", "dateModified",
                                                   "dateCreated", NULL};

/* Is val (a structured value, parsed into v) the moment `m` (seconds,
 * UTC) written on a clock other than UTC? */
static int local_twin_of(const char *val, long long m, date_val *v)
{
    return val && date_parse(val, v) && v->has_time && v->has_tz && v->tz_min != 0 &&
           moment(v) == m;
}

/* A UTC moment (2023-11-09T06:35:29Z) that the page also writes in its
 * own zone elsewhere (<time datetime="2023-11-08T22:35:29-08:00">, a meta
 * "Sat, 19 Oct 2019 00:04:00 +0200"): that writing, the same moment with
 * the site's local day. The page says the offset; nothing is guessed. */
static void local_twin(const meta_scan *s, date_val *v)
{
    if (!v->has_time || !v->has_tz || v->tz_min != 0)
        return;
    long long m = moment(v);
    date_val w;
    for (size_t i = 0; i < s->times.n; i++)
        if (!in_reply(s->times.v[i].node) &&
            local_twin_of(dom_attr(s->times.v[i].node, "datetime"), m, &w)) {
            *v = w;
            return;
        }
    /* First bytes of the date keys: most of a page's metas (og:, twitter:,
     * viewport...) are passed by one look-up instead of a strcmp a key. */
    unsigned char lead[256] = {0};
    for (const char *const *k = pub_meta_keys; *k; k++)
        lead[(unsigned char)(*k)[0]] = 1;
    for (const char *const *k = mod_meta_keys; *k; k++)
        lead[(unsigned char)(*k)[0]] = 1;
    for (size_t i = 0; i < s->n_metas; i++) {
        int dated = 0;
        if (!lead[(unsigned char)s->metas[i].key[0]])
            continue;
        for (const char *const *k = pub_meta_keys; *k && !dated; k++)
            dated = !strcmp(s->metas[i].key, *k);
        for (const char *const *k = mod_meta_keys; *k && !dated; k++)
            dated = !strcmp(s->metas[i].key, *k);
        if (dated && local_twin_of(s->metas[i].val, m, &w)) {
            *v = w;
            return;
        }
    }
    for (size_t i = 0; i < s->n_jsonld; i++)
        for (const char *const *k = date_twin_jsonld_keys; *k; k++)
            if (local_twin_of(jsonld_str(s->jsonld[i], *k), m, &w)) {
                *v = w;
                return;
            }
}

/* A UTC timestamp early on day `day + 1`: still `day` in the Americas. */
static int utc_next_day(const date_val *v, long long day)
{
    return v->has_time && v->has_tz && v->tz_min == 0 && v->h < DATE_UTC_EARLY_HOUR &&
           date_epoch(v) / 86400 == day + 1;
}

/* Are a and b (both with a time) the same moment read on two clocks: a
 * whole number of DATE_ZONE_STEP apart (zone offsets), at most
 * DATE_MAX_ZONE_GAP, on different days? Wall-clock times, zones ignored. */
static int same_moment(const date_val *a, const date_val *b)
{
    if (!a->has_time || !b->has_time)
        return 0;
    long long wa = date_epoch(a) + a->h * 3600LL + a->mi * 60LL;
    long long wb = date_epoch(b) + b->h * 3600LL + b->mi * 60LL;
    long long d = wa - wb;
    return d != 0 && d % DATE_ZONE_STEP == 0 && (d < 0 ? -d : d) <= DATE_MAX_ZONE_GAP &&
           date_epoch(a) != date_epoch(b);
}

/* Is a later than b? As moments when both name their zone, else as
 * wall-clock times (a displayed time beside a structured one); a date
 * without a time counts as its day's start. */
static int later_than(const date_val *a, const date_val *b)
{
    if (a->has_tz && b->has_tz)
        return moment(a) > moment(b);
    long long wa = date_epoch(a) + a->h * 3600LL + a->mi * 60LL + a->s;
    long long wb = date_epoch(b) + b->h * 3600LL + b->mi * 60LL + b->s;
    return wa > wb;
}

/* A displayed time without a zone that is the structured moment `st` on
 * another clock (same_moment): the page's clock is the difference, and
 * the structured seconds are the displayed minute's. Nothing changes when
 * the display names its zone or the structured value has none. */
static void shown_offset(date_val *shown, const date_val *st)
{
    if (shown->has_tz || !shown->has_time || !st->has_tz || !st->has_time)
        return;
    long long wall = date_epoch(shown) + shown->h * 3600LL + shown->mi * 60LL;
    long long off = wall - (moment(st) - st->s);
    if (off % DATE_ZONE_STEP || off > DATE_MAX_ZONE_GAP || off < -DATE_MAX_ZONE_GAP)
        return;
    shown->s = st->s;
    shown->has_tz = 1;
    shown->tz_min = (int)(off / 60);
}

/* Can a page in language `lang` (BCP 47, may be NULL) be east of UTC? */
static int zone_may_be_east(const char *lang)
{
    if (!lang || !*lang)
        return 1;
    size_t pl = strcspn(lang, "-_");
    int west = 0;
    for (const char *const *l = date_west_langs; *l; l++)
        if (strlen(*l) == pl && !strncasecmp(lang, *l, pl))
            west = 1;
    if (!west)
        return 1;
    if (!lang[pl])
        return 0;
    for (const char *const *r = date_east_regions; *r; r++)
        if (!strcasecmp(lang + pl + 1, *r))
            return 1;
    return 0;
}

int date_lang_mdy(const char *lang)
{
    if (!lang || strncasecmp(lang, "en", 2) || (lang[2] && lang[2] != '-' && lang[2] != '_'))
        return 0;
    if (!lang[2])
        return DATE_ORDER_MDY;
    const char *r = lang + 3;
    size_t rl = strcspn(r, "-_");
    for (const char *const *e = date_dmy_en_regions; *e; e++)
        if (strlen(*e) == rl && !strncasecmp(r, *e, rl))
            return 0;
    return DATE_ORDER_MDY;
}

int date_find_text_order(const char *s, size_t n, long long now, int mdy, date_val *out,
                         size_t *pos, size_t *mlen)
{
    return date_scan_text(s, n, now, mdy, NULL, NULL, out, pos, mlen);
}

/* A date-only value saved as local midnight and written in UTC
 * ("2022-11-06T23:00:00Z" for the 7th in Berlin): moved to the zone where
 * it is midnight, the same moment with the day the site meant. */
static void midnight_local(date_val *v, const char *lang)
{
    if (!v->has_time || !v->has_tz || v->tz_min != 0 || v->h < DATE_MIDNIGHT_UTC_FROM ||
        v->mi || v->s || !zone_may_be_east(lang))
        return;
    int ahead = 24 - v->h;
    date_from_epoch(date_epoch(v) + 86400, v);
    v->has_time = 1;
    v->has_tz = 1;
    v->tz_min = ahead * 60;
}

static char *fmt(const date_val *v)
{
    char buf[40];
    date_format(v, buf, sizeof buf);
    return strdup(buf);
}

static long long day_of(const date_val *v)
{
    return date_epoch(v) / 86400;
}

void dates_extract(lede_ctx *ctx)
{
    if (!ctx || !ctx->art)
        return;
    if (!ctx->meta_scan)
        ctx->meta_scan = meta_scan_run(ctx);
    meta_scan *s = ctx->meta_scan;
    if (!s)
        return;
    long long now = ctx->now;
    lede_article *a = ctx->art;
    int mdy = date_lang_mdy(a->language);
    /* A bare "en" says nothing of the region: og:locale may (en_GB). */
    const char *locale = meta_get(s, "og:locale");
    if (a->language && !strcasecmp(a->language, "en") && locale && strlen(locale) > 2 &&
        !strncasecmp(locale, "en", 2))
        mdy = date_lang_mdy(locale);

    date_pick pub = {0}, mod = {0}, shown = {0}, url = {0};
    if (!jsonld_date(s, "datePublished", now, &pub) &&
        !meta_date(s, pub_meta_keys, now, &pub) &&
        !microdata_date(s, "datePublished", now, &pub) &&
        !jsonld_date(s, "dateCreated", now, &pub) &&
        !jsonld_date(s, "uploadDate", now, &pub) &&
        !time_date(s, 0, now, &pub))
        abbr_date(s, 0, now, &pub);
    if (!jsonld_date(s, "dateModified", now, &mod) &&
        !meta_date(s, mod_meta_keys, now, &mod) &&
        !microdata_date(s, "dateModified", now, &mod) &&
        !time_date(s, 1, now, &mod))
        abbr_date(s, 1, now, &mod);
    url_date(ctx->url, now, &url);
    shown_date(s, now, mdy, ctx->opt->date_extensive, &shown);

    if (pub.ok)
        local_twin(s, &pub.v);
    if (mod.ok)
        local_twin(s, &mod.v);

    date_pick out = {0};
    int page_own = pub.ok && (!strcmp(pub.src, "json-ld") || !strcmp(pub.src, "meta") ||
                              !strcmp(pub.src, "microdata"));
    if (!url.ok && !page_own && list_of_posts(s, now)) {
        /* a list of posts: no date of its own */
    } else if (!url.ok && archival_date(s, ctx->url, now, &out)) {
        /* out filled: an archive page of a pre-web date */
    } else if (url.ok) {
        /* A full date in the path is the most reliable source there is (set
         * once, in the site's own time zone); keep the structured date's
         * time when both name the same day. */
        out = url;
        long long du = day_of(&url.v);
        if (pub.ok && day_of(&pub.v) == du) {
            out = pub;
            if (shown.ok && !strcmp(shown.src, "byline") && mod.ok &&
                day_of(&shown.v) == day_of(&mod.v) && day_of(&mod.v) > du + 1)
                out = mod; /* the byline shows a later revision as the date */
        } else if (pub.ok && shown.ok && day_of(&pub.v) == day_of(&shown.v) &&
                   !utc_next_day(&pub.v, du)) {
            /* The structured date and the displayed one agree against the
             * path (a draft's date, or the day the story was filed). */
            out = pub;
        } else if (shown.ok && mod.ok && day_of(&shown.v) == day_of(&mod.v) &&
                   (day_of(&mod.v) > du + 1 || day_of(&mod.v) < du - 1)) {
            out = mod; /* the page shows a later revision as its date */
        }
    } else if (pub.ok) {
        out = pub;
        long long dp = day_of(&pub.v);
        date_pick lab_pub = {0}, lab_mod = {0};
        int weak = strcmp(pub.src, "json-ld") && strcmp(pub.src, "microdata");
        if (weak && ctx->opt->date_extensive && !(mod.ok && day_of(&mod.v) != dp) &&
            labelled_date(s, meta_date_mod_labels, now, mdy, &lab_mod) &&
            day_of(&lab_mod.v) == dp &&
            labelled_date(s, meta_date_pub_labels, now, mdy, &lab_pub) &&
            day_of(&lab_pub.v) != dp) {
            /* A generic meta date that is the text's "last changed" date:
             * the text's own "published" date is the page's. */
            out = lab_pub;
        } else if (shown.ok && day_of(&shown.v) != dp) {
            long long ds = day_of(&shown.v);
            if (same_moment(&pub.v, &shown.v)) {
                /* The page displays the structured time on another clock
                 * (UTC, or local where the markup says UTC): its day, and
                 * the offset between the two clocks. */
                out = shown;
                shown_offset(&out.v, &pub.v);
            } else if (mod.ok && day_of(&mod.v) == ds) {
                /* The page shows its update date as its date. */
                out = mod;
            } else if ((!mod.ok || (moment(&mod.v) < moment(&pub.v) &&
                                    !strcmp(shown.src, "byline"))) &&
                       weak && (strcmp(pub.src, "time") || !strcmp(shown.src, "byline"))) {
                /* Generic meta/time stamps (render date, last change) lose to
                 * the date the page displays; a <time> element only to a
                 * date element, not to the first date of the header text.
                 * A "published" stamp later than the "modified" one is such
                 * a render stamp too, against a date element. */
                out = shown;
            } else if (!strcmp(shown.src, "byline") &&
                       (utc_next_day(&pub.v, ds) ||
                        (ds == dp + 1 && pub.v.has_time && pub.v.has_tz &&
                         pub.v.tz_min == 0 && pub.v.h >= DATE_UTC_LATE_HOUR))) {
                /* A UTC timestamp whose local day is the one displayed. */
                out = shown;
            }
        }
    } else if (shown.ok && !strcmp(shown.src, "byline")) {
        out = shown;
    } else if (ctx->opt->date_extensive &&
               (labelled_date(s, meta_date_pub_labels, now, mdy, &out) ||
                labelled_date(s, date_entry_labels, now, mdy, &out))) {
        /* out filled: a labelled date beats the first date near the h1 */
    } else if (ctx->opt->date_extensive && labelled_date(s, meta_date_mod_labels, now, mdy, &out)) {
        /* out filled: "Letzte Änderung: ..." is the page's only own date */
    } else if (shown.ok) {
        out = shown;
    } else if (s->script_date[0] && try_value(s->script_date, now, &out, "script")) {
        /* out filled */
    } else if (ctx->opt->date_extensive && text_date(s, now, mdy, &out)) {
        /* out filled */
    } else if (ctx->opt->date_extensive && image_url_date(s, now, &out)) {
        /* out filled */
    } else if (mod.ok) {
        out = mod;
    } else {
        relative_date(s, now, &out);
    }

    if (out.ok) {
        /* a displayed time is the page's own clock: never moved */
        if (strcmp(out.src, "byline") && strcmp(out.src, "text"))
            midnight_local(&out.v, a->language);
        a->date_published = fmt(&out.v);
        a->sources.date_published = out.src;
    }
    /* "Aktualisiert am 19.02.2020" in the article header: the page's
     * modification when the markup names none and it is later than the
     * publication (the same date twice is no change) */
    if (!mod.ok && out.ok && ctx->opt->date_extensive && header_date(s, now, mdy, 1, &mod) &&
        !later_than(&mod.v, &out.v))
        mod.ok = 0;
    if (mod.ok) {
        midnight_local(&mod.v, a->language);
        a->date_modified = fmt(&mod.v);
        a->sources.date_modified = mod.src;
    }
    /* A modification on an earlier day than the publication is the
     * draft's last save before a scheduled release (dateModified
     * 2022-01-27, datePublished 2022-01-28): no change after publication
     * is known, so no modified date. Days compared as written (both
     * ISO 8601, year first). */
    if (a->date_published && a->date_modified &&
        strncmp(a->date_modified, a->date_published, DATE_DAY_LEN) < 0) {
        free(a->date_modified);
        a->date_modified = NULL;
        a->sources.date_modified = NULL;
    }
    /* The scan points into the DOM, which the next stage cleans. */
    metadata_release(ctx);
}

/* ---- reference time (public) ------------------------------------------------ */

#define DATE_REF_MIN_YEAR 1970 /* unix time starts there */
#define DATE_REF_MAX_YEAR 2200 /* valid_ymd's upper bound */
#define DATE_REF_MAX_DIGITS 12 /* unix seconds up to year ~33000: plenty */

/* Strict: the whole string must be one accepted form, unlike date_parse(),
 * which reads dates out of page values that carry trailing text. */
int lede_parse_time(const char *s, long long *unix_seconds)
{
    if (!s || !unix_seconds)
        return -1;
    size_t nd = strspn(s, "0123456789");
    if (nd > 0 && !s[nd] && nd != 8) { /* 8 digits would be YYYYMMDD */
        if (nd > DATE_REF_MAX_DIGITS)
            return -1;
        long long t = 0;
        for (size_t i = 0; i < nd; i++)
            t = t * 10 + (s[i] - '0');
        *unix_seconds = t;
        return 0;
    }
    date_val v;
    memset(&v, 0, sizeof v);
    const char *p = s;
    if (!digits(p, 4, &v.y) || p[4] != '-' || !digits(p + 5, 2, &v.mo) || p[7] != '-' ||
        !digits(p + 8, 2, &v.d) || !valid_ymd(v.y, v.mo, v.d) || v.y < DATE_REF_MIN_YEAR ||
        v.y > DATE_REF_MAX_YEAR)
        return -1;
    p += 10;
    if (!*p) {
        *unix_seconds = date_epoch(&v) + 86399; /* the end of that day */
        return 0;
    }
    if (*p != 'T' && *p != 't' && *p != ' ')
        return -1;
    p++;
    int h, mi, sec = 0;
    if (!digits(p, 2, &h) || p[2] != ':' || !digits(p + 3, 2, &mi) || h > 23 || mi > 59)
        return -1;
    p += 5;
    if (*p == ':') {
        if (!digits(p + 1, 2, &sec) || sec > 60)
            return -1;
        p += 3;
        if (*p == '.' || *p == ',') {
            p++;
            size_t nf = strspn(p, "0123456789");
            if (nf == 0)
                return -1;
            p += nf;
        }
    }
    long long off = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, th, tm = 0;
        p++;
        if (!digits(p, 2, &th))
            return -1;
        p += 2;
        if (*p == ':')
            p++;
        if (*p) {
            if (!digits(p, 2, &tm))
                return -1;
            p += 2;
        }
        if (th > 14 || tm > 59)
            return -1;
        off = sign * (th * 3600LL + tm * 60LL);
    }
    if (*p)
        return -1;
    *unix_seconds = date_epoch(&v) + h * 3600LL + mi * 60LL + sec - off;
    return 0;
}

#define DATE_CAPTURE_DIGITS 14 /* YYYYMMDDhhmmss */

long long dates_archive_capture(const char *url)
{
    if (!url)
        return 0;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : NULL;
    for (; p; p = strchr(p + 1, '/')) {
        const char *q = p + 1;
        if (strspn(q, "0123456789") != DATE_CAPTURE_DIGITS)
            continue;
        const char *e = q + DATE_CAPTURE_DIGITS;
        /* an optional replay modifier: id_, if_, im_, js_, cs_, fw_, oe_ */
        if (islower((unsigned char)e[0]) && islower((unsigned char)e[1]) && e[2] == '_')
            e += 3;
        if (*e != '/')
            continue;
        /* the archived address follows: a scheme or a host name */
        const char *rest = e + 1;
        size_t host = strcspn(rest, "/?#");
        if (strncasecmp(rest, "http:", 5) && strncasecmp(rest, "https:", 6) &&
            !memchr(rest, '.', host))
            continue;
        date_val v;
        memset(&v, 0, sizeof v);
        int ymd, hh, mi, ss;
        if (!digits(q, 8, &ymd) || !digits(q + 8, 2, &hh) || !digits(q + 10, 2, &mi) ||
            !digits(q + 12, 2, &ss))
            return 0;
        v.y = ymd / 10000;
        v.mo = (ymd / 100) % 100;
        v.d = ymd % 100;
        if (!valid_ymd(v.y, v.mo, v.d) || v.y < DATE_MIN_YEAR || hh > 23 || mi > 59 || ss > 60)
            return 0;
        return date_epoch(&v) + hh * 3600LL + mi * 60LL + ss;
    }
    return 0;
}
