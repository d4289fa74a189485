/* lang_detect.c - the language of a page's text, for pages whose markup
 * declares none.
 *
 * Two steps. The script first: each letter is counted under its Unicode
 * script, and a script used by one language names it (Greek, Hebrew, Thai,
 * Hangul, Georgian...); Han with enough kana is Japanese, without it
 * Chinese. Scripts shared by several languages (Latin, Cyrillic, Arabic,
 * Devanagari) then go to the second step: the text's first words are
 * looked up in per-language lists of frequent short words (stopwords), and
 * letters only one or two languages write (Czech ř, Polish ł, Romanian ș,
 * Serbian ђ...) add a smaller vote. The language with most votes wins when
 * it has enough of them; otherwise there is no answer, which is better
 * than a wrong one (lorem ipsum, a page of names and numbers).
 *
 * The tables below are the rules: adding a language is adding a line.
 * Cost: O(text) for the scripts, O(words looked at) for the votes, with a
 * per-call hash of the lists (built only when the step runs, no global
 * state). Known limits: closely related pairs (da/no, cs/sk, id/ms,
 * hr/sr/bs in Latin letters, es/gl, ca/es) are decided by a few words
 * and letters and need some text; a page mixing languages gets the one
 * with most function words.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "meta_internal.h"

#define LANG_MIN_LETTERS 20   /* fewer letters than this is no text to judge */
#define LANG_MAX_WORDS 4000   /* words looked up: plenty to decide, bounded work */
#define LANG_MAX_WORD 48      /* bytes of a word kept (stopwords are short) */
#define LANG_MIN_HITS 3       /* stopwords the winner needs at least */
#define LANG_MIN_HIT_SHARE 20 /* ... and 1 in this many words (5 %) */
#define LANG_WORD_VOTE 4      /* a stopword's vote ... */
#define LANG_MARK_VOTE 1      /* ... against a distinctive letter's, or a
                               * one-letter stopword's ('a', 'i', 'y' are
                               * also initials, units and table codes) */
#define LANG_CLEAR_LEAD 2     /* a winner with this many times the votes of
                               * the next needs no LANG_MIN_HIT_SHARE (a
                               * page of links with a few sentences) */
#define LANG_MIN_MARKS 8      /* letters only it writes, for a language
                               * whose stopwords short texts lack */
#define LANG_KANA_SHARE 8     /* Han text with 1 in 8 kana is Japanese */
#define LANG_HASH_SLOTS 4096  /* power of two, over twice the stopwords */

/* Scripts the step-one count knows. */
enum {
    SC_LATIN, SC_CYRILLIC, SC_GREEK, SC_ARABIC, SC_HEBREW, SC_HAN, SC_KANA,
    SC_HANGUL, SC_THAI, SC_DEVANAGARI, SC_BENGALI, SC_GURMUKHI, SC_GUJARATI,
    SC_TAMIL, SC_TELUGU, SC_KANNADA, SC_MALAYALAM, SC_SINHALA, SC_GEORGIAN,
    SC_ARMENIAN, SC_ETHIOPIC, SC_KHMER, SC_LAO, SC_MYANMAR, SC_N
};

/* Code point ranges of the scripts (letters of other scripts are not
 * counted). */
static const struct {
    uint32_t lo, hi;
    int script;
} lang_script_ranges[] = {
    {0x0041, 0x005A, SC_LATIN},      {0x0061, 0x007A, SC_LATIN},
    {0x00C0, 0x024F, SC_LATIN},      {0x1E00, 0x1EFF, SC_LATIN},
    {0x0370, 0x03FF, SC_GREEK},      {0x1F00, 0x1FFF, SC_GREEK},
    {0x0400, 0x052F, SC_CYRILLIC},   {0x0590, 0x05FF, SC_HEBREW},
    {0x0600, 0x06FF, SC_ARABIC},     {0x0750, 0x077F, SC_ARABIC},
    {0xFB50, 0xFDFF, SC_ARABIC},     {0xFE70, 0xFEFF, SC_ARABIC},
    {0x0900, 0x097F, SC_DEVANAGARI}, {0x0980, 0x09FF, SC_BENGALI},
    {0x0A00, 0x0A7F, SC_GURMUKHI},   {0x0A80, 0x0AFF, SC_GUJARATI},
    {0x0B80, 0x0BFF, SC_TAMIL},      {0x0C00, 0x0C7F, SC_TELUGU},
    {0x0C80, 0x0CFF, SC_KANNADA},    {0x0D00, 0x0D7F, SC_MALAYALAM},
    {0x0D80, 0x0DFF, SC_SINHALA},    {0x0E00, 0x0E7F, SC_THAI},
    {0x0E80, 0x0EFF, SC_LAO},        {0x1000, 0x109F, SC_MYANMAR},
    {0x10A0, 0x10FF, SC_GEORGIAN},   {0x0530, 0x058F, SC_ARMENIAN},
    {0x1200, 0x139F, SC_ETHIOPIC},   {0x1780, 0x17FF, SC_KHMER},
    {0x3040, 0x30FF, SC_KANA},       {0x31F0, 0x31FF, SC_KANA},
    {0xFF66, 0xFF9F, SC_KANA},       {0x3400, 0x4DBF, SC_HAN},
    {0x4E00, 0x9FFF, SC_HAN},        {0xF900, 0xFAFF, SC_HAN},
    {0x1100, 0x11FF, SC_HANGUL},     {0x3130, 0x318F, SC_HANGUL},
    {0xAC00, 0xD7AF, SC_HANGUL},
};

/* A script written by one language (here) names it. */
static const struct {
    int script;
    const char *lang;
} lang_script_only[] = {
    {SC_GREEK, "el"},    {SC_HEBREW, "he"},    {SC_HANGUL, "ko"},
    {SC_THAI, "th"},     {SC_BENGALI, "bn"},   {SC_GURMUKHI, "pa"},
    {SC_GUJARATI, "gu"}, {SC_TAMIL, "ta"},     {SC_TELUGU, "te"},
    {SC_KANNADA, "kn"},  {SC_MALAYALAM, "ml"}, {SC_SINHALA, "si"},
    {SC_GEORGIAN, "ka"}, {SC_ARMENIAN, "hy"},  {SC_ETHIOPIC, "am"},
    {SC_KHMER, "km"},    {SC_LAO, "lo"},       {SC_MYANMAR, "my"},
};

/* Frequent short words per language, lower case, space-separated. Order
 * matters on a tie only: the earlier (more widely used) language wins. */
static const struct {
    const char *lang;
    int script;
    const char *words;
} lang_stops[] = {
    {"en", SC_LATIN, "the and of to is that for with was are this have from not "
                     "it be by on as at or an his her they which you we has had "
                     "were been their will would there what about when who can "
                     "but also more than its into after said our your a"},
    {"de", SC_LATIN, "der die und das ist nicht mit den ein eine auf sich von dem "
                     "zu des im für auch es wird werden sind wie bei aus nach noch "
                     "einen einer über nur oder aber wenn wir ich sie hat war "
                     "vom zum zur durch dass kann schon mehr sein sehr"},
    {"fr", SC_LATIN, "le la les et des est une pour dans que qui sur pas du au "
                     "un en ce il elle sont avec ne se plus par mais ont été aux "
                     "de à ou sans être avoir peut même l' d' qu' n' s' c' j' "
                     "cette son ses leur nous vous je fait comme tout entre aussi "
                     "où sa été lors"},
    {"es", SC_LATIN, "el la los las que del por una para con es se como más de "
                     "y en un al lo su sus pero fue ha este esta son entre cuando "
                     "muy sin sobre también hasta hay donde desde todo nos ya "
                     "porque están puede le les él ella ese esa a"},
    {"pt", SC_LATIN, "o a que do da em um uma para com não os as dos das é de e "
                     "no na nos nas ao à se por mais como mas foi ele ela seu sua "
                     "ou quando muito já também só pelo pela até isso são está "
                     "tem ser entre depois sem mesmo você"},
    {"it", SC_LATIN, "il la che di per una con sono non della del gli come anche "
                     "e è un in le si da al alla dei delle nel nella ha ma più "
                     "questo questa essere stato sua suo loro lo degli tra dopo "
                     "molto ancora quando già a i l' dell' all' nell' un' c'"},
    {"nl", SC_LATIN, "de het een van en is dat op te niet met zijn voor ook "
                     "in er aan als bij door maar om naar uit dan nog wel wordt "
                     "werd worden heeft hebben deze die kan geen haar hun ze "
                     "wij we je ik over tot meer"},
    {"pl", SC_LATIN, "i w na nie się z do że jest to jak po od przez o co za "
                     "ale jego tym oraz także tego już może być są był była było "
                     "który która które dla tak tylko czy ich jej gdy więc pod "
                     "przy jednak"},
    {"cs", SC_LATIN, "a je se na že v to s z jsou by ale jako pro také jeho "
                     "který které která když jsem bylo byl byla podle není tak "
                     "už po do od jen či až při mezi jejich však nebo ve ze si "
                     "jak co být"},
    {"sk", SC_LATIN, "a je sa na že v to s z sú by ale ako pre tiež jeho ktorý "
                     "ktoré ktorá keď som bolo bol bola podľa nie tak už po do od "
                     "len či až pri medzi ich však alebo aj vo zo si čo byť"},
    {"tr", SC_LATIN, "ve bir bu için ile da de çok olan gibi daha ama en ne o "
                     "olarak kadar sonra her ki değil var yok olduğu ise şey "
                     "veya göre ancak mi mı bile diye tarafından oldu"},
    {"hu", SC_LATIN, "a az és hogy nem is egy de meg van volt már csak még ez "
                     "azt ki mint vagy el fel után pedig kell lesz ha minden "
                     "sem ezt én ő mert így amely amit szerint"},
    {"ro", SC_LATIN, "și în de la a cu pe care nu o să se din un mai este sunt "
                     "pentru ca au fost sau dar ce prin această acest fi lui ei "
                     "lor după iar până și"},
    {"fi", SC_LATIN, "ja on ei se että hän oli ovat mutta kun niin myös jo tai "
                     "sen ole vain kuin joka jos nyt mukaan olla sekä tämä hänen "
                     "siitä ne mitä jotka voi sitä kanssa vielä olisi jälkeen "
                     "koska eikä kaikki"},
    {"sv", SC_LATIN, "och att det som en på är av för med till den har de inte "
                     "om ett han men var jag sig från vi så kan man när år säger "
                     "hon också efter eller nu sin där vid mot ska skulle kommer "
                     "ut får finns vara hade alla andra mycket än här"},
    {"da", SC_LATIN, "og i at det er en til på af de for med den har ikke som "
                     "et om var han jeg men fra vi kan sig så også efter eller "
                     "når hun blev skal vil ud nu hvor kun mere hvis meget her "
                     "have været bliver være dem denne dette havde hvad noget "
                     "siger fik"},
    {"no", SC_LATIN, "og i er det som en på til av for med at den har ikke de "
                     "om et var han jeg men fra vi kan seg så også etter eller "
                     "når hun ble skal vil ut over nå hvor bare mer hvis mye her "
                     "ha vært blir være dem denne dette hadde hva noe sier fikk "
                     "ikkje eit ein"},
    {"is", SC_LATIN, "og að í á er sem til það er var með um en ekki af hann "
                     "við fyrir hún þess eru þetta hafa hefur voru þá þegar eða "
                     "verið ég sér sína"},
    {"et", SC_LATIN, "ja on ei et see oli ta ka kui mis aga ning ole või siis "
                     "veel nii selle tema oma kes mida seda olid kõik pärast "
                     "juba nad ma üle sest kuid mitte ainult välja vaid nagu "
                     "olla koos"},
    {"lv", SC_LATIN, "un ir par no ar uz kas ka to bet arī vai tas viņš viņa "
                     "bija lai tā kā pēc tikai jau vēl gada šo šī kur tik savu "
                     "nav būs var"},
    {"lt", SC_LATIN, "ir kad yra į su iš tai bet kaip jis ji buvo po taip "
                     "nuo už dar jau tik apie arba jo jos yra bus gali kuris "
                     "kurie metų savo"},
    {"sl", SC_LATIN, "in je v na da se za so z ki pa tudi kot s bi pri po ne "
                     "ali iz do bo še ter lahko le to sem smo bil bila jih jim "
                     "ker kar"},
    {"hr", SC_LATIN, "i je u na da se za su s od što koji koja koje ali kao "
                     "iz to biti bio bila će ne sa o po još samo također kako "
                     "nije ima gdje tko bi uvijek vrijeme mjesto sljedeći sljedeće prije "
                     "poslije svijet tisuća lijepo dijete"},
    {"sr", SC_LATIN, "i je u na da se za su s od šta koji koja koje ali kao "
                     "iz to biti bio bila će ne sa o po još samo takođe kako "
                     "nije ima gde ko bi uvek vreme mesto sledeći sledeće pre posle svet "
                     "hiljada lepo dete"},
    {"ca", SC_LATIN, "i de la el les els que a en per amb no un una del es "
                     "al més com però va ha són dels seu seva aquest aquesta "
                     "també ser quan molt fins"},
    {"gl", SC_LATIN, "o a os as e de do da dos das que en no na un unha para "
                     "con non se por máis como pero foi ao á é son tamén ten "
                     "entre cando moi ata"},
    {"eu", SC_LATIN, "eta da ez ere du bat baina dira zen izan bere hau hori "
                     "egin dute zuen behar beste gero oso dago baita arte"},
    {"id", SC_LATIN, "yang dan di ini itu dengan untuk tidak dari dalam akan "
                     "pada juga saya ke karena tersebut bisa ada mereka lebih "
                     "sudah atau kami kita hanya oleh telah bahwa tetapi namun "
                     "seperti jika sangat setelah saat harus masih belum yaitu "
                     "hingga adalah pemerintah sudah nggak"},
    {"ms", SC_LATIN, "yang dan di ini itu dengan untuk tidak dari dalam akan "
                     "pada juga saya ke kerana tersebut boleh ada mereka lebih "
                     "sudah atau kami kita hanya oleh telah bahawa tetapi namun "
                     "seperti jika sangat selepas semasa apabila ialah iaitu "
                     "hingga adalah beliau sahaja kerajaan"},
    {"vi", SC_LATIN, "và của là có không được cho các một những người trong "
                     "với này đã để khi từ về đến cũng như sẽ thì tại theo "
                     "nhiều nhưng ra vào"},
    {"tl", SC_LATIN, "ang ng sa na at mga ay para hindi siya ko ito kay nang "
                     "kung niya sila din rin lang naman ni ako pa"},
    {"sw", SC_LATIN, "na ya wa kwa ni za katika la kuwa hiyo hii cha pia "
                     "lakini kama wake huo kwamba baada ambao zaidi"},
    {"af", SC_LATIN, "die en van is in het nie te dat op vir met wat sy hy om "
                     "was aan ook as word deur sal kan hulle maar my ons"},
    {"sq", SC_LATIN, "të në e dhe për një me që është nga u ka se janë nuk më "
                     "si do por edhe ishte kjo ky"},
    {"cy", SC_LATIN, "y yn a i o ar ei yr am ac mae gan ond fel hefyd oedd "
                     "wedi bod eu hyn ddim"},
    /* Latin proper, and the lorem ipsum filler that imitates it. */
    {"la", SC_LATIN, "et in est non ut sed ad cum quod qui quae sunt esse enim "
                     "autem vel atque nec quam sit eius ab ex"},
    {"ru", SC_CYRILLIC, "и в не на что с по это как из он но к я его она за от "
                        "же так был было были бы все вы мы они ее её у о об при "
                        "для или только уже еще ещё если когда этот который "
                        "которые также может ли чтобы будет очень"},
    {"uk", SC_CYRILLIC, "і в не на що з по це як із він але до я його вона за "
                        "від же так був було були б всі ви ми вони її у о при "
                        "для або тільки вже ще якщо коли цей який які також "
                        "може чи щоб буде дуже та є"},
    {"bg", SC_CYRILLIC, "и в не на че с по това как от той но към аз го тя за "
                        "да се е са бе беше бяха би всички вие ние те я при "
                        "или само вече още ако когато този който които също "
                        "може ли сега ще много"},
    {"sr", SC_CYRILLIC, "и у не на да је се са по то као од он али ка ја га она "
                        "за из су био било били би сви ви ми они при или само "
                        "већ још ако када овај који које такође може ли сада "
                        "ће много"},
    {"mk", SC_CYRILLIC, "и во не на дека со по тоа како од тој но кон јас го "
                        "таа за да се е бил било беа би сите вие ние тие ја при "
                        "или само веќе уште ако кога овој кој кои исто може ли "
                        "сега ќе многу"},
    {"be", SC_CYRILLIC, "і ў не на што з па гэта як ад ён але да я яго яна за "
                        "так быў было былі усе вы мы яны яе у пры для або "
                        "толькі ўжо яшчэ калі гэты які якія таксама можа ці "
                        "каб будзе вельмі"},
    {"kk", SC_CYRILLIC, "және мен бұл деп үшін бір да де ол жылы осы сол бар "
                        "еді болып болды туралы қазір оның олар біз сіз"},
    {"ar", SC_ARABIC, "في من على إلى أن عن التي الذي مع هذا هذه كان ما لا قد "
                      "كما بين ذلك بعد أو عند كل حتى إن ثم لم وقد هو هي وفي "
                      "ولا منذ خلال"},
    {"fa", SC_ARABIC, "و در به از که این را با است برای آن یک تا هم شده می بر "
                      "شد نیز های کرد ها خود بود دارد وی اما هر کند او ما پس "
                      "باید"},
    {"ur", SC_ARABIC, "کے میں کی ہے اور سے کو نے کا یہ پر ہیں تھا کہ ایک اس "
                      "بھی تو گیا کر جو ہو وہ تھی نہیں کیا ان اپنے"},
    {"hi", SC_DEVANAGARI, "के है में की और से को का एक यह पर भी हैं कि था नहीं "
                          "लिए किया गया ने इस कर तो हो जो ही वह साथ"},
    {"mr", SC_DEVANAGARI, "आणि आहे या व च्या हे की ने मध्ये आहेत होते केले "
                          "त्यांच्या हा ही एक तर पण करण्यात म्हणून"},
    {"ne", SC_DEVANAGARI, "र छ को मा यो पनि भएको गरेको छन् हो गर्न लागि थियो "
                          "भने गरी उनले"},
};

/* Letters one or two of the languages above write and the others do not
 * (or rarely): each is a small vote for them. */
static const struct {
    const char *letters; /* UTF-8 letters, lower case */
    const char *langs;   /* space-separated */
} lang_marks[] = {
    {"őű", "hu"},       {"řůě", "cs"},     {"ľĺŕ", "sk"},
    {"ąęłż", "pl"},     {"şğı", "tr"},     {"șță", "ro"},
    {"ã", "pt"},        {"ñ", "es"},       {"ß", "de"},
    {"øæ", "da no"},    {"å", "sv da no"}, {"ðþ", "is"},
    {"āēīūķļņģ", "lv"}, {"ėįų", "lt"},     {"õ", "et pt"},
    {"ŵŷ", "cy"},       {"đ", "hr sr"},    {"ơư", "vi"},
    {"ëç", "sq"},       {"ы", "ru"},       {"ъ", "bg ru"},
    {"їєґ", "uk"},      {"ў", "be"},       {"ђћџљњј", "sr mk"},
    {"ѓќѕ", "mk"},      {"әғқңөұүһ", "kk"}, {"پچژگ", "fa ur"},
    {"ٹڈڑںےہ", "ur"},   {"ة", "ar"},
};

#define LANG_N (sizeof lang_stops / sizeof lang_stops[0])
_Static_assert(LANG_N <= 64, "a language set is a 64-bit mask");

typedef struct {
    const char *w; /* into the table's string */
    uint32_t len;
    uint64_t mask; /* languages listing the word */
} lang_slot;

static uint32_t lang_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static lang_slot *lang_find(lang_slot *t, const char *w, size_t n, int add)
{
    for (uint32_t i = lang_hash(w, n) & (LANG_HASH_SLOTS - 1);;
         i = (i + 1) & (LANG_HASH_SLOTS - 1)) {
        lang_slot *e = &t[i];
        if (!e->w)
            return add ? e : NULL;
        if (e->len == n && !memcmp(e->w, w, n))
            return e;
    }
}

/* The stopwords of one script's languages, in a hash of word -> mask. */
static lang_slot *lang_table(int script)
{
    lang_slot *t = calloc(LANG_HASH_SLOTS, sizeof *t);
    if (!t)
        return NULL;
    size_t used = 0;
    for (size_t k = 0; k < LANG_N; k++) {
        if (lang_stops[k].script != script)
            continue;
        for (const char *p = lang_stops[k].words; *p;) {
            size_t n = strcspn(p, " ");
            if (n && used < LANG_HASH_SLOTS / 2) {
                lang_slot *e = lang_find(t, p, n, 1);
                if (!e->w) {
                    e->w = p;
                    e->len = (uint32_t)n;
                    used++;
                }
                e->mask |= 1ull << k;
            }
            p += n;
            while (*p == ' ')
                p++;
        }
    }
    return t;
}

static int lang_script_of(uint32_t cp)
{
    size_t n = sizeof lang_script_ranges / sizeof lang_script_ranges[0];
    if (cp < 0x41)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (cp >= lang_script_ranges[i].lo && cp <= lang_script_ranges[i].hi)
            return lang_script_ranges[i].script;
    return -1;
}

/* Mask of the languages a letter marks, 0 for most letters. */
static uint64_t lang_mark_mask(uint32_t cp)
{
    uint8_t enc[4];
    utf8proc_ssize_t el = utf8proc_encode_char((utf8proc_int32_t)cp, enc);
    if (el < 2)
        return 0; /* every mark is outside ASCII */
    uint64_t m = 0;
    for (size_t i = 0; i < sizeof lang_marks / sizeof lang_marks[0]; i++) {
        if (!memmem(lang_marks[i].letters, strlen(lang_marks[i].letters), enc, (size_t)el))
            continue;
        for (const char *p = lang_marks[i].langs; *p;) {
            size_t n = strcspn(p, " ");
            for (size_t k = 0; k < LANG_N; k++)
                if (strlen(lang_stops[k].lang) == n && !memcmp(lang_stops[k].lang, p, n))
                    m |= 1ull << k;
            p += n;
            while (*p == ' ')
                p++;
        }
    }
    return m;
}

/* Step two: votes of stopwords and marking letters among the languages
 * of `script`. */
static const char *lang_vote(const char *text, size_t n, int script)
{
    lang_slot *t = lang_table(script);
    if (!t)
        return NULL;
    long score[LANG_N];
    long hits[LANG_N];
    long marks[LANG_N];
    memset(score, 0, sizeof score);
    memset(hits, 0, sizeof hits);
    memset(marks, 0, sizeof marks);
    /* Marks are looked up once per distinct letter: a small memo of the
     * last non-ASCII letters seen (pages repeat the same few). */
    uint32_t memo_cp[16] = {0};
    uint64_t memo_m[16] = {0};
    char word[LANG_MAX_WORD + 4];
    size_t wl = 0, words = 0;
    int wlong = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    for (size_t i = 0; i <= n && words < LANG_MAX_WORDS;) {
        utf8proc_int32_t cp = ' ';
        utf8proc_ssize_t l = 1;
        int letter;
        if (i < n && p[i] < 0x80) {
            /* ASCII without utf8proc: its letters are A-Z and a-z alone,
             * lower-cased by one bit, one byte each (the same answers). */
            cp = p[i++];
            letter = (unsigned)((cp | 0x20) - 'a') < 26;
            int apos = cp == '\'' && wl && wl < LANG_MAX_WORD;
            if (apos)
                word[wl++] = '\'';
            if (letter) {
                if (wl + 1 <= LANG_MAX_WORD)
                    word[wl++] = (char)(cp | 0x20);
                else
                    wlong = 1;
                continue;
            }
            goto word_end;
        }
        if (i < n) {
            l = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
            if (l <= 0) {
                l = 1;
                cp = ' ';
            }
        }
        i += (size_t)l;
        utf8proc_category_t cat = utf8proc_category(cp);
        letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
        /* An apostrophe ends a word and stays on it: the elided articles
         * "l'", "d'", "qu'" are stopwords of their own. */
        int apos = (cp == '\'' || cp == 0x2019) && wl && wl < LANG_MAX_WORD;
        if (apos)
            word[wl++] = '\'';
        if (letter) {
            utf8proc_int32_t lc = utf8proc_tolower(cp);
            if (lc >= 0x80) {
                size_t slot = (size_t)lc & 15;
                if (memo_cp[slot] != (uint32_t)lc) {
                    memo_cp[slot] = (uint32_t)lc;
                    memo_m[slot] = lang_mark_mask((uint32_t)lc);
                }
                for (size_t k = 0; k < LANG_N; k++)
                    if (memo_m[slot] >> k & 1) {
                        score[k] += LANG_MARK_VOTE;
                        marks[k]++;
                    }
            }
            uint8_t enc[4];
            utf8proc_ssize_t el = utf8proc_encode_char(lc, enc);
            if (wl + (size_t)el <= LANG_MAX_WORD) {
                memcpy(word + wl, enc, (size_t)el);
                wl += (size_t)el;
            } else {
                wlong = 1;
            }
            continue;
        }
    word_end:
        if (!wl)
            continue;
        words++;
        lang_slot *e = wlong ? NULL : lang_find(t, word, wl, 0);
        /* One letter: one code point, whatever its UTF-8 length. */
        int one = e && utf8proc_iterate((const utf8proc_uint8_t *)word, (utf8proc_ssize_t)wl,
                                        &cp) == (utf8proc_ssize_t)wl;
        if (e)
            for (size_t k = 0; k < LANG_N; k++)
                if (e->mask >> k & 1) {
                    score[k] += one ? LANG_MARK_VOTE : LANG_WORD_VOTE;
                    hits[k] += !one;
                }
        wl = 0;
        wlong = 0;
    }
    free(t);
    size_t best = LANG_N, second = LANG_N;
    for (size_t k = 0; k < LANG_N; k++) {
        if (lang_stops[k].script != script)
            continue;
        if (best == LANG_N || score[k] > score[best]) {
            second = best;
            best = k;
        } else if (second == LANG_N || score[k] > score[second]) {
            second = k;
        }
    }
    if (best == LANG_N)
        return NULL;
    int clear = second == LANG_N || score[best] >= LANG_CLEAR_LEAD * score[second];
    if (hits[best] < LANG_MIN_HITS)
        return clear && marks[best] >= LANG_MIN_MARKS ? lang_stops[best].lang : NULL;
    if (!clear && (size_t)hits[best] * LANG_MIN_HIT_SHARE < words)
        return NULL;
    return lang_stops[best].lang;
}

const char *lang_detect(const char *text, size_t n)
{
    if (!text || !n)
        return NULL;
    size_t count[SC_N] = {0};
    size_t total = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        if (p[i] < 0x80) { /* ASCII without the decoder */
            cp = p[i++];
        } else {
            utf8proc_ssize_t l = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
            if (l <= 0) {
                i++;
                continue;
            }
            i += (size_t)l;
        }
        if (cp < 'A')
            continue;
        int sc = lang_script_of((uint32_t)cp);
        if (sc < 0)
            continue;
        /* A Han, kana or hangul sign is a syllable or a word: it weighs
         * as the two or three letters of a Latin syllable. */
        size_t w = (sc == SC_HAN || sc == SC_KANA || sc == SC_HANGUL) ? 3 : 1;
        count[sc] += w;
        total += w;
    }
    if (total < LANG_MIN_LETTERS)
        return NULL;
    /* Han and kana are one script group here: Japanese writes both. */
    size_t cjk = count[SC_HAN] + count[SC_KANA];
    int top = SC_LATIN;
    for (int sc = 0; sc < SC_N; sc++)
        if (sc != SC_HAN && sc != SC_KANA && count[sc] > count[top])
            top = sc;
    if (cjk > count[top])
        return count[SC_KANA] * LANG_KANA_SHARE > cjk ? "ja" : "zh";
    for (size_t i = 0; i < sizeof lang_script_only / sizeof lang_script_only[0]; i++)
        if (lang_script_only[i].script == top)
            return lang_script_only[i].lang;
    return lang_vote(text, n, top);
}
