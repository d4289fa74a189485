/* test_meta_page.c - unit tests of the page-level metadata fields
 * (meta_page.c, lang_detect.c): the text language detector on its own,
 * and language, image, tags, site name and canonical URL through the
 * extraction of small pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meta_internal.h"

#include "extract_run.h"

static void expect_lang(const char *text, const char *want)
{
    const char *got = lang_detect(text, strlen(text));
    if (!want) {
        if (got)
            fail_msg("'%.40s...': wanted no language, got %s", text, got);
        return;
    }
    if (!got || strcmp(got, want))
        fail_msg("'%.40s...': wanted %s, got %s", text, want, got ? got : "(null)");
}

static void test_detect_latin(void **state)
{
    (void)state;
    expect_lang("The council said on Monday that the new bridge would be open to "
                "traffic by the end of the year, and that it was not yet clear who "
                "would pay for the repairs.", "en");
    expect_lang("Der Gemeinderat hat am Montag beschlossen, dass die neue Brücke bis "
                "zum Ende des Jahres für den Verkehr geöffnet wird, und es ist noch "
                "nicht klar, wer die Reparaturen bezahlt.", "de");
    expect_lang("De gemeenteraad heeft maandag besloten dat de nieuwe brug voor het "
                "einde van het jaar open is voor het verkeer, en het is nog niet "
                "duidelijk wie de reparaties betaalt.", "nl");
    expect_lang("O conselho disse na segunda-feira que a nova ponte estará aberta ao "
                "trânsito até ao fim do ano, e que não é claro quem vai pagar as "
                "obras.", "pt");
    expect_lang("El consejo dijo el lunes que el nuevo puente estará abierto al "
                "tráfico antes del final del año, y que no está claro quién pagará "
                "las obras.", "es");
    expect_lang("Rada miasta powiedziała w poniedziałek, że nowy most będzie otwarty "
                "dla ruchu do końca roku i że nie jest jasne, kto zapłaci za "
                "naprawy.", "pl");
    expect_lang("Zastupitelstvo v pondělí řeklo, že nový most bude otevřen do konce "
                "roku a že není jasné, kdo zaplatí opravy, které jsou podle města "
                "nutné.", "cs");
    expect_lang("Kaupunginvaltuusto kertoi maanantaina, että uusi silta on auki "
                "liikenteelle vuoden loppuun mennessä, mutta ei ole vielä selvää, kuka "
                "maksaa korjaukset. Se on myös kallis.", "fi");
    expect_lang("Kommunestyret sa mandag at den nye brua skal være åpen for trafikk "
                "innen utgangen av året, og at det ennå ikke er klart hvem som skal "
                "betale for reparasjonene etter at den ble skadet.", "no");
    expect_lang("Kommunalbestyrelsen sagde mandag, at den nye bro vil være åben for "
                "trafik inden udgangen af året, og at det endnu ikke er klart, hvem "
                "der skal betale for reparationerne, efter at den blev skadet.", "da");
    expect_lang("Dewan kota mengatakan pada hari Senin bahwa jembatan baru itu akan "
                "dibuka untuk lalu lintas pada akhir tahun, dan belum jelas siapa yang "
                "akan membayar perbaikan karena biaya tersebut sangat besar.", "id");
    expect_lang("Hội đồng thành phố cho biết vào thứ Hai rằng cây cầu mới sẽ được mở "
                "cho giao thông vào cuối năm, và vẫn chưa rõ ai sẽ trả tiền sửa chữa.",
                "vi");
}

static void test_detect_scripts(void **state)
{
    (void)state;
    expect_lang("Городской совет заявил в понедельник, что новый мост будет открыт для "
                "движения до конца года, и пока не ясно, кто заплатит за ремонт.", "ru");
    expect_lang("Міська рада заявила в понеділок, що новий міст буде відкритий для руху "
                "до кінця року, і поки що не ясно, хто заплатить за ремонт.", "uk");
    expect_lang("Общинският съвет каза в понеделник, че новият мост ще бъде отворен за "
                "движение до края на годината и все още не е ясно кой ще плати "
                "ремонта.", "bg");
    expect_lang("Градско веће је у понедељак рекло да ће нови мост бити отворен за "
                "саобраћај до краја године, и још није јасно ко ће платити поправке.",
                "sr");
    expect_lang("市议会周一表示，新桥将在年底前通车，目前还不清楚谁将支付维修费用。", "zh");
    expect_lang("市議会は月曜日、新しい橋は年末までに開通すると発表したが、修理費を誰が"
                "払うのかはまだ分からない。", "ja");
    expect_lang("시의회는 월요일 새 다리가 연말까지 개통될 것이라고 밝혔지만 수리 비용을 "
                "누가 낼지는 아직 분명하지 않다.", "ko");
    expect_lang("Το δημοτικό συμβούλιο δήλωσε τη Δευτέρα ότι η νέα γέφυρα θα ανοίξει "
                "μέχρι το τέλος του έτους.", "el");
    expect_lang("قال مجلس المدينة يوم الاثنين إن الجسر الجديد سيفتح أمام حركة المرور قبل "
                "نهاية العام، ولم يتضح بعد من سيدفع تكاليف الإصلاح في هذا المشروع.", "ar");
    expect_lang("شورای شهر روز دوشنبه اعلام کرد که پل جدید تا پایان سال برای ترافیک باز "
                "می شود و هنوز روشن نیست که هزینه تعمیرات را چه کسی پرداخت می کند.",
                "fa");
    expect_lang("สภาเมืองกล่าวเมื่อวันจันทร์ว่าสะพานใหม่จะเปิดให้สัญจรได้ภายในสิ้นปีนี้",
                "th");
    expect_lang("नगर परिषद ने सोमवार को कहा कि नया पुल साल के अंत तक यातायात के लिए खुल "
                "जाएगा और यह अभी साफ नहीं है कि मरम्मत का खर्च कौन देगा।", "hi");
}

static void test_detect_none(void **state)
{
    (void)state;
    expect_lang("", NULL);
    expect_lang("Home | News | 2021", NULL);          /* too few letters */
    expect_lang("12.5 34.1 77 88 91 Müller Schmidt Garcia Rossi Tanaka Kowalski "
                "Jensen Dubois Novak Silva 14:02 15:11", NULL); /* names, numbers */
    assert_null(lang_detect(NULL, 0));
}

/* The language and its source for a page. */
static void expect_language(const char *html, const char *want, const char *src)
{
    lede_article *a = run(html, NULL);
    assert_non_null(a->language);
    assert_string_equal(a->language, want);
    assert_string_equal(a->sources.language, src);
    lede_article_free(a);
}

static void test_language_markup_wins(void **state)
{
    (void)state;
    /* A declaration beats the text, even when the text is another
     * language: it is what the page says of itself (and what
     * Readability, whose truth the readability set holds, reports). */
    expect_language("<html lang=\"en\"><body><p>Der Hund und die Katze sind nicht "
                    "auf dem Dach, das ist eine Geschichte mit einem Ende, die "
                    "sich von selbst erzählt.</p></body></html>",
                    "en", "html-lang");
    expect_language("<html><body><p>Der Hund und die Katze sind nicht auf dem Dach, das ist "
                    "eine Geschichte mit einem Ende, die sich von selbst erzählt und nicht mit "
                    "den anderen.</p></body></html>",
                    "de", "text");
    /* Declarations that disagree: the text picks among them; agreeing
     * ones ('de' and 'de-AT') keep the first. */
    expect_language("<html lang=\"en\"><head><meta http-equiv=\"content-language\" "
                    "content=\"de\"></head><body><p>Der Hund und die Katze sind nicht auf "
                    "dem Dach, das ist eine Geschichte mit einem Ende, die sich von selbst "
                    "erzählt.</p></body></html>",
                    "de", "content-language");
    expect_language("<html lang=\"de\"><head><meta property=\"og:locale\" content=\"de_AT\">"
                    "</head><body><p>The dog and the cat are not on the roof, and that is a "
                    "story with an end that tells itself.</p></body></html>",
                    "de", "html-lang");
}

static void expect_image(const char *head, const char *want)
{
    char html[2048];
    snprintf(html, sizeof html, "<html><head>%s</head><body><p>x</p></body></html>", head);
    lede_article *a = run(html, "https://pics.example/story/1");
    if (!want)
        assert_null(a->image);
    else
        assert_string_equal(a->image ? a->image : "(null)", want);
    lede_article_free(a);
}

static void test_image_junk(void **state)
{
    (void)state;
    const char *og = "<meta property=\"og:image\" content=\"%s\">";
    char head[512];
    static const char *const junk[] = {
        "/img/logo.png", "/assets/apple-touch-icon.png", "/a/ms-icon-310x310.png",
        "/static/default-share.jpg", "/img/defaultPromoCrop.png", "/img/brand.svg",
        "/images/icons/share.png", "/x/sprite.png", "/x/no-image.jpg", NULL};
    for (const char *const *j = junk; *j; j++) {
        snprintf(head, sizeof head, og, *j);
        expect_image(head, NULL);
    }
    /* Real pictures: Drupal's sites/default/files, 'icon' inside a word. */
    snprintf(head, sizeof head, og, "/sites/default/files/2021/bridge.jpg");
    expect_image(head, "https://pics.example/sites/default/files/2021/bridge.jpg");
    snprintf(head, sizeof head, og, "/img/iconic-bridge.jpg");
    expect_image(head, "https://pics.example/img/iconic-bridge.jpg");
    /* A junk og:image yields to the next source. */
    expect_image("<meta property=\"og:image\" content=\"/img/logo.png\">"
                 "<meta name=\"twitter:image\" content=\"//cdn.example/p/bridge.jpg\">",
                 "https://cdn.example/p/bridge.jpg");
    /* JSON-LD ImageObject: its url, not its caption. */
    expect_image("<script type=\"application/ld+json\">{\"@type\":\"Article\",\"image\":"
                 "{\"@type\":\"ImageObject\",\"name\":\"A caption\",\"url\":\"/p/b.jpg\"}}</script>",
                 "https://pics.example/p/b.jpg");
}

static void test_tags_clean(void **state)
{
    (void)state;
    lede_article *a = run("<html><head><title>Big Story Title | Site Name</title>"
                          "<meta property=\"og:site_name\" content=\"Site Name\">"
                          "<meta name=\"keywords\" content=\"alpha; Home, SITE NAME, "
                          "Big story title, Allgemein, 20211001, 1999, rock &amp; roll, "
                          "ALPHA, A tag that is clearly far too long to be any kind of topic\">"
                          "</head><body><h1>Big Story Title</h1><p>x</p></body></html>",
                          NULL);
    assert_int_equal(a->n_tags, 3);
    assert_string_equal(a->tags[0], "alpha");
    assert_string_equal(a->tags[1], "1999");
    assert_string_equal(a->tags[2], "rock & roll");
    assert_string_equal(a->sources.tags, "keywords");
    lede_article_free(a);
}

static void expect_canonical(const char *head, const char *url, const char *want)
{
    char html[1024];
    snprintf(html, sizeof html, "<html><head>%s</head><body><p>x</p></body></html>", head);
    lede_article *a = run(html, url);
    if (!want)
        assert_null(a->canonical_url);
    else
        assert_string_equal(a->canonical_url ? a->canonical_url : "(null)", want);
    lede_article_free(a);
}

static void test_canonical(void **state)
{
    (void)state;
    expect_canonical("<link rel=\"canonical\" href=\"/news/a-story\">",
                     "https://site.example/news/a-story?utm=x",
                     "https://site.example/news/a-story");
    /* The home page for a deeper page: wrong, og:url or nothing. */
    expect_canonical("<link rel=\"canonical\" href=\"https://site.example/\">",
                     "https://site.example/news/a-story", NULL);
    expect_canonical("<link rel=\"canonical\" href=\"https://site.example\">"
                     "<meta property=\"og:url\" content=\"https://site.example/news/a\">",
                     "https://site.example/news/a", "https://site.example/news/a");
    /* The home page itself may say so. */
    expect_canonical("<link rel=\"canonical\" href=\"https://site.example/\">",
                     "https://site.example/", "https://site.example/");
    expect_canonical("<link rel=\"canonical\" href=\"https://.site.example/a\">",
                     "https://site.example/a", NULL);
    expect_canonical("<link rel=\"canonical\" href=\"https://site.example/https%3A/site.example/a\">",
                     "https://site.example/a", NULL);
    /* A web archive's snapshot URL holds the original's in its path. */
    expect_canonical("<link rel=\"canonical\" href=\"https://archive.example/web/2016/http://site.example/a\">",
                     "https://archive.example/web/2016/http://site.example/a",
                     "https://archive.example/web/2016/http://site.example/a");
    /* Another host is fine (syndication). */
    expect_canonical("<link rel=\"canonical\" href=\"https://origin.example/a\">",
                     "https://mirror.example/a", "https://origin.example/a");
}

static void expect_site(const char *title, const char *url, const char *want)
{
    char html[1024];
    snprintf(html, sizeof html, "<html><head><title>%s</title></head><body><p>x</p></body></html>",
             title);
    lede_article *a = run(html, url);
    if (!want)
        assert_null(a->site_name);
    else
        assert_string_equal(a->site_name ? a->site_name : "(null)", want);
    lede_article_free(a);
}

static void test_site_from_title(void **state)
{
    (void)state;
    expect_site("A long headline about bridges | Antary", "https://antary.de/x", "Antary");
    expect_site("ADAC | Test of child seats 2018", "https://www.adac.de/x", "ADAC");
    expect_site("CDPATH replacements - anarcat", "https://anarc.at/blog/x", "anarcat");
    expect_site("Bank closes branch | AK-Kurier.de", "https://www.ak-kurier.de/a", "AK-Kurier.de");
    /* A part that does not name the host is no site name. */
    expect_site("Tides and Moons - Notes on the Sea", "https://rivera.example.net/t", NULL);
    expect_site("Just a title", "https://antary.de/x", NULL);
    expect_site("Headline | Antary", NULL, NULL);
}

int main(void)
{
    lede_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect_latin),
        cmocka_unit_test(test_detect_scripts),
        cmocka_unit_test(test_detect_none),
        cmocka_unit_test(test_language_markup_wins),
        cmocka_unit_test(test_image_junk),
        cmocka_unit_test(test_tags_clean),
        cmocka_unit_test(test_canonical),
        cmocka_unit_test(test_site_from_title),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
