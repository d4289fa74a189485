/* rules_meta.c - keyword tables for the metadata and date stages.
 *
 * Data only, kept apart from the algorithms (meta_scan.c, metadata.c,
 * dates.c) so a rule can be added without reading them. All entries are
 * lower-case; NULL ends each table.
 */
#include <stddef.h>

#include "meta_internal.h"

/* schema.org @type values that describe an article-like page; their fields
 * win over other JSON-LD objects (WebSite, Organization, BreadcrumbList). */
const char *const meta_article_types[] = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle",
    "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
    "backgroundnewsarticle", "askpublicnewsarticle", "advertisercontentarticle",
    "satiricalarticle", "scholarlyarticle", "medicalscholarlyarticle",
    "techarticle", "apireference", "report", "socialmediaposting",
    "liveblogposting", "discussionforumposting", "posting", "review",
    "creativework", "videoobject", "podcastepisode", "recipe", "howto",
    "qapage", "question", "event", "pressrelease", NULL};

/* class/id/itemprop/rel fragments of a visible byline element. */
const char *const meta_byline_keys[] = {
    "byline", "author", "autor", "auteur", "writer", "dateline", "writtenby",
    "posted-by", "postedby", "vcard", "submitted",
    "p-author", "article-meta-author", "contributor", "creator", "verfasser",
    NULL};

/* class/id fragments that disqualify a byline candidate (widgets, boxes
 * about the author, comment authors). */
const char *const meta_byline_stop[] = {
    "comment", "avatar", "author-box", "authorbox", "author-bio",
    "authorbio", "author-info", "about-author", "author-description",
    "author-image", "author-img", "author-photo", "author-avatar", "reply",
    "related", "share", "social", "widget", "sidebar", "footer", "nav",
    "menu", "follow", "more-from", "author-list", "bio",
    /* a related story's card: its byline line holds that story's section
     * or author ("c-teaser__byline": "Kultur | 19.10.19"); a box of the
     * article's own author may be called a teaser ("teaser-box author") */
    "teaser__", "teaser-byline", "teaser_byline", "teaser-author",
    "teaser_author", NULL};

/* class/id fragments of elements that usually hold a publication date. */
const char *const meta_date_keys[] = {
    "date", "datum", "time", "publish", "posted", "pubdate", "dateline",
    "meta", "byline", "entry-meta", "post-info", "fecha", "data-pub",
    "article-info", "published", "created", "timestamp", "fecha", NULL};

/* class/id fragments of date-looking elements that are not the page's
 * publication date (comments, sidebars, "updated" stamps, the header's
 * "today" date). */
const char *const meta_date_stop[] = {
    "comment", "sidebar", "widget", "footer", "related", "archive",
    "calendar", "update", "modif", "reply", "teaser", "recent", "nav",
    "menu", "copyright", "event", "current-date", "currentdate",
    "current_date", "today", NULL};

/* Words that introduce a byline, in the supported languages; stripped from
 * the front of author strings (compared case-insensitively, followed by a
 * space or ':'). Longest first where one is a prefix of another. */
const char *const meta_author_prefixes[] = {
    "post author by", "post author", "submitted by", "pressemitteilung von",
    "propos recueillis par", "recueilli par", "erstellt von", "artikel von:",
    "artikel von", "auteur:", "auteur", "autor:", "eingestellt von", "veröffentlicht von", "geschrieben von",
    "ein beitrag von", "beitrag von", "publié par", "écrit par",
    "escrito por", "publicado por", "scritto da", "pubblicato da",
    "geplaatst door", "geschreven door", "napisane przez", "interview:",
    "text und fotos:", "text & fotos:", "redaktion:", "written by", "posted by", "published by", "reported by", "story by",
    "text by", "words by", "photos by", "by", "from", "author", "authors",
    "vom",
    "autor", "autorin", "autoren", "von", "text", "texte", "texto", "par", "de",
    "por", "di", "da", "door", "przez", "autorzy", "автор", "авторы",
    "yazar", "作者", "文", "著者", "редакция", NULL};

/* Keys of publication dates in inline JSON (app state, analytics blobs),
 * best first; matched case-sensitively right after a quote. */
const char *const meta_script_date_keys[] = {
    "datePublished", "published_at", "publishedAt", "publishDate",
    "publish_date", "date_published", "publicationDate", "pubDate",
    "firstPublished", "created_at", "createdAt", "dateCreated", "uploadDate",
    NULL};

/* Labels written before an author's name in running text ("Autor: Peter
 * Maahn", "Text: X"); the capitalised words after one are read as names
 * when no other source gave an author. Matched case-insensitively at a
 * word start. */
const char *const meta_author_labels[] = {
    "autor:", "autorin:", "autoren:", "autoren", "author:", "authors:",
    "text:", "texte :", "texte:", "texto:", "redaktion:", "verfasser:", "verfasst von",
    "geschrieben von", "gespeichert von", "beitrag von", "auteur :",
    "auteur:", "written by", "posted by", "escrito por", "scritto da",
    "napisane przez", "autor", "von:", "责任编辑：", "作者：",
    "submitted by", "yazar:", "автор:", NULL};

/* Articles and determiners that make the label word after them a noun
 * in prose ("der Autor der Untertitel", "Die Lieblingsfilme der
 * Redaktion: Die ..."), not a byline label. */
const char *const meta_author_label_articles[] = {
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer",
    "eines", "einem", "einen", "the", "a", "an", "le", "la", "les", "un",
    "une", "el", "los", "las", "il", "lo", "gli", "os", "um", "uma", "het",
    "een", NULL};

/* twitter:labelN values whose twitter:dataN is the author (Yoast's
 * "Written by" card), matched as lower-case substrings. */
const char *const meta_author_card_labels[] = {
    "written by", "verfasst von", "geschrieben von", "écrit par",
    "escrito por", "scritto da", "geschreven door", "napisane przez",
    "author", "autor", "auteur", NULL};

/* Degrees and suffixes that splitting "Grant Tinsley, PhD" at the comma
 * leaves alone: never an author of their own. */
const char *const meta_author_suffixes[] = {
    "phd", "ph.d.", "ph.d", "md", "m.d.", "ma", "m.a.", "ms", "msc", "m.sc.",
    "bsc", "mba", "mph", "rd", "rn", "dds", "jr", "jr.", "sr", "sr.", "esq",
    "esq.", "dr", "dr.", "prof", "prof.", "dipl.", NULL};

/* News agencies: credited beside a reporter ("Peter Maahn, SP-X",
 * "Von David Hutzler, dpa") they are the source, not an author; alone they
 * stay the byline. */
const char *const meta_author_agencies[] = {
    "dpa", "afp", "ap", "reuters", "sid", "kna", "epd", "apa", "sda",
    "ddp", "dapd", "sp-x", "dpa-afx", "afx", "ansa", "efe", "upi", "kap",
    "idea", "ots", "tass", "pti", "ians", "belga", "anp", "agencies",
    "agenturen", NULL};

/* Template and label texts that stand where a name should: a CMS's
 * empty-field defaults ("publisher", "Unbenannt", Joomla's "Super User",
 * "anónimo") and ad or notice labels ("Werbung", "zvg" - Swiss "zur
 * Verfügung gestellt" under supplied material). Compared with a whole
 * author part, case-insensitively; such a part names no one. ("Unknown"
 * stays: Blogger shows it as the profile name and readers take it so.) */
const char *const meta_author_placeholders[] = {
    "publisher", "unbenannt", "untitled", "ohne titel", "anónimo", "anonimo",
    "anonyme", "super user", "aktuelle meldung", "werbung", "sponsoring",
    "anzeige", "advertisement", "sponsored", "zvg", "n/a", "none", "null",
    "undefined", NULL};

/* Credit words opening a part that names a photo's or a figure's source,
 * not the article's author ("Foto: X", "Źródło: Statista", "Фото из
 * ..."), and quote attributions ("Zitat von X"). Matched at the part's
 * start as a whole word (followed by a space, ':' or the end). */
const char *const meta_author_credit_words[] = {
    "źródło", "fuente", "fonte", "фото", "источник", "джерело",
    "zitat", "quote", "credit", "credits", "bildquelle", "fotos", NULL};

/* Words before a copyright mark or "by" that credit the site's software
 * or look, not its content ("Add-ons (c) X", "Theme by X", "Webdesign:
 * X"): the maker of the tool is no author of the page. Compared with
 * each word before the mark, folded. */
const char *const meta_author_tool_credits[] = {
    "add-on", "add-ons", "addon", "addons", "theme", "themes", "design",
    "webdesign", "template", "templates", "software", "plugin", "plugins",
    "powered", "hosting", "layout", "icons", "fonts", "umsetzung",
    "programmierung", "entwicklung", "development", NULL};

/* First words of a picture's credit line ("Photograph by X", "Fotos: X",
 * "Illustration: X"): the person made the image, not the article. The
 * word is compared whole and folded; "foto"/"photo"/"bild" prefixes are
 * also caught by the name check itself. */
const char *const meta_author_photo_words[] = {
    "photo", "photos", "photograph", "photographs", "photography",
    "photographer", "foto", "fotos", "fotograf", "fotografin", "fotografie",
    "fotografía", "fotografia", "fotografias", "fotografías", "bild", "bilder",
    "image", "images", "picture", "pictures", "illustration", "illustrations",
    "illustrated", "grafik", "graphics", "video", "videos", "kamera", "camera",
    "zdjęcie", "zdjęcia", "фото", NULL};

/* Top-level domains of web addresses written as a name ("kath.net",
 * "INTERIA.PL", "speicherguide.de"): an author meta holding one is the
 * site crediting itself. Generic ones and the corpus languages' countries. */
const char *const meta_web_tlds[] = {
    "com", "net", "org", "info", "biz", "eu", "io", "co", "tv", "blog",
    "news", "online", "media", "de", "at", "ch", "li", "lu", "nl", "be",
    "fr", "it", "es", "pt", "pl", "cz", "sk", "hu", "ro", "dk", "se", "no",
    "fi", "uk", "ie", "us", "ca", "br", "ar", "mx", "cl", "pe", "ru", "ua",
    "tr", "gr", "cn", "jp", "in", "au", "nz", NULL};

/* Country names closing a publisher's address line in an author meta
 * ("SPIEGEL ONLINE, Hamburg, Germany", "Org, City, Deutschland"). */
const char *const meta_country_names[] = {
    "germany", "deutschland", "austria", "österreich", "switzerland",
    "schweiz", "suisse", "france", "italy", "italia", "spain", "españa",
    "poland", "polska", "netherlands", "nederland", "belgium", "usa",
    "united states", "united kingdom", "uk", NULL};

/* Possessives opening a desk credit ("Our Foreign Staff", "Unsere
 * Redaktion", "Notre rédaction"): the staff word closing it is part of
 * the credit, not a job title after a name. */
const char *const meta_author_desk_openers[] = {
    "our", "unser", "unsere", "unserer", "notre", "nos", "nuestro",
    "nuestra", "nuestros", "nostro", "nostra", "onze", NULL};

/* Words that mark an organisation, not a person ("Web Commerce GmbH"):
 * such an author meta yields to a person named by a later source. */
const char *const meta_author_org_words[] = {
    "gmbh", "ag", "e.v.", "ev", "kg", "ltd", "ltd.", "inc", "inc.", "llc",
    "corp", "corp.", "s.a.", "sa", "srl", "plc", "verlag", "landesanstalt",
    "verband", "ministerium", "institut", "stiftung", "bundesamt", "departement",
    "department", "ministry", NULL};


/* Labels in running text right before a publication date ("Erschienen am
 * 01.11.2023", "Gespeichert von X am ..."), lower-case, matched
 * case-insensitively; the date must follow within a few words. */
const char *const meta_date_pub_labels[] = {
    "veröffentlicht am", "veröffentlicht:", "erschienen am",
    "erschienen:", "publiziert am", "erstellt am", "gespeichert von",
    "eingestellt am", "published on", "published:",
    "posted on", "posted:", "publié le", "publié :", "publicado el",
    "publicado:", "pubblicato il", "opublikowano", "datum:",
    "first published", "originally published", "date published",
    "publication date", "publiziert:", "gepubliceerd op", "gepubliceerd:",
    "publicado em", "pubblicato:", "data publikacji", "опубликовано",
    "дата публикации", "опубліковано", "yayınlanma tarihi", "yayın tarihi",
    "publicerad", "publiceret", "udgivet", "publisert", "julkaistu",
    "publikováno", NULL};

/* Labels before an update date; such a date stands for the page when it
 * shows no other ("Letzte Änderung: 14.01.2022"). */
const char *const meta_date_mod_labels[] = {
    "aktualisiert am", "aktualisiert:", "letzte änderung:", "zuletzt geändert",
    "stand:", "updated on", "updated:", "last updated", "last modified",
    "mis à jour le", "actualizado", "modifié le", "bijgewerkt op",
    "laatst bijgewerkt", "atualizado em", "aggiornato il", "aggiornato:",
    "zaktualizowano", "обновлено", "оновлено", "güncellendi",
    "güncelleme tarihi", "uppdaterad", "opdateret", "oppdatert",
    "päivitetty", "aktualizováno", NULL};

/* class/id fragments of a kicker: the topic label that opens an h1 in its
 * own element (<h1><span class="kicker">Klimaschutz</span>Headline</h1>).
 * The headline is the rest of the h1. */
const char *const meta_kicker_keys[] = {
    "kicker", "overline", "topline", "dachzeile", "roofline", "eyebrow",
    "supertitle", "pretitle", "pre-title", "preheadline", "topic-label",
    "topic", "rubric", "spitzmarke", "h1small", "subtitle", "fake-h5",
    "label", "category", NULL};

/* class fragments of text hidden for screen readers only (a ": " between
 * kicker and headline); such text is no part of the visible headline. */
const char *const meta_hidden_keys[] = {
    "visually-hidden", "visuallyhidden", "sr-only", "screen-reader",
    "screenreader", "invisible", "hidden", "offscreen", NULL};

/* Byline labels standing alone in their own element, the name in the
 * next one ("<strong>von</strong><span>Name</span>", a credits block
 * "Interview" / "NAME"); compared case-insensitively with the element's
 * whole text; a closing ':' is optional unless the entry has one. The next text must pass the person
 * test (meta_first_names) to count. */
const char *const meta_author_lone_labels[] = {
    "by", "von", "par", "por", "door", "di", "text", "texte", "texto",
    "interview", "written by", "geschrieben von", "verfasst von",
    /* role words, also in lists of people ("Name, author"): with a colon */
    "autor:", "autorin:", "author:", "auteur:", NULL};

/* Common given names of the languages the corpus is written in (German,
 * English, French, Spanish, Italian, Portuguese, Dutch, Polish, Nordic),
 * lower-case ASCII or UTF-8. A short line of capitalised words that
 * starts with one of them reads as a person ("Stefan Wasmer"), where the
 * same shape with another first word is a heading or an organisation
 * ("Neue Regeln", "Deutsche Welle"). Used only by the weakest author
 * sources (a signature line, a personal site's name), never to reject a
 * name from a marked-up source. */
const char *const meta_first_names[] = {
    /* German */
    "achim", "adrian", "agnes", "alexander", "alexandra", "alfred", "alina",
    "andrea", "andreas", "angela", "angelika", "anja", "anke", "anna", "anne",
    "annette", "antje", "anton", "armin", "arne", "astrid", "axel", "barbara",
    "bastian", "beate", "benedikt", "benjamin", "bernd", "bernhard", "bettina",
    "birgit", "björn", "boris", "brigitte", "carina", "carla", "carolin",
    "caroline", "carsten", "christa", "christian", "christiane", "christina",
    "christine", "christoph", "christopher", "claudia", "clemens", "cornelia",
    "corinna", "dagmar", "daniel", "daniela", "david", "denis", "dennis",
    "dieter", "dietmar", "dirk", "dominik", "doris", "dorothea", "eckhard",
    "elena", "elisabeth", "elke", "emil", "emma", "erich", "erik", "eva",
    "fabian", "felix", "florian", "frank", "franz", "franziska", "friedrich",
    "gabriele", "georg", "gerd", "gerhard", "gisela", "gregor", "gudrun",
    "günter", "günther", "hanna", "hannah", "hannes", "hans", "harald",
    "hartmut", "heike", "heiko", "heinrich", "heinz", "helena", "helga",
    "helmut", "henning", "henrik", "herbert", "hermann", "holger", "horst",
    "hubert", "ina", "inga", "ingo", "ingrid", "iris", "isabel", "isabell",
    "jan", "jana", "janina", "jannik", "jens", "jessica", "joachim", "jochen",
    "johann", "johanna", "johannes", "jonas", "jörg", "jörn", "josef",
    "julia", "julian", "juliane", "jürgen", "juergen", "justus", "jutta",
    "kai", "karin", "karl", "karsten", "katharina", "kathrin", "katja",
    "katrin", "kerstin", "kevin", "klaus", "konrad", "kristina", "lars",
    "laura", "lea", "lena", "leon", "lisa", "lothar", "luca", "lukas",
    "lutz", "manfred", "manuel", "manuela", "marc", "marcel", "marco",
    "marcus", "mareike", "maren", "margarete", "maria", "marie", "marina",
    "mario", "marion", "mark", "markus", "marlene", "martin", "martina",
    "mathias", "matthias", "max", "maximilian", "melanie", "michael",
    "michaela", "miriam", "monika", "moritz", "nadine", "natalie", "nico",
    "nicole", "niklas", "nils", "nina", "norbert", "olaf", "oliver", "pascal",
    "patrick", "paul", "peter", "petra", "philipp", "ralf", "ralph", "rainer",
    "regina", "reinhard", "reiner", "renate", "rene", "richard", "robert",
    "roland", "rolf", "roman", "rudolf", "rüdiger", "sabine", "sandra",
    "sara", "sarah", "sascha", "sebastian", "silke", "silvia", "simon",
    "simone", "sonja", "sophie", "stefan", "stefanie", "steffen", "stephan",
    "stephanie", "susanne", "sven", "svenja", "tanja", "thomas", "thorsten",
    "tim", "timo", "tobias", "torsten", "udo", "ulf", "ulrich", "ulrike",
    "ursula", "ute", "uwe", "valentin", "vanessa", "verena", "viktoria",
    "volker", "walter", "werner", "wilhelm", "wolfgang", "yvonne",
    /* English */
    "adam", "alan", "alice", "amanda", "amy", "andrew", "angela", "anthony",
    "ashley", "ben", "betty", "bill", "bob", "brad", "brian", "bruce",
    "charles", "charlotte", "chris", "christopher", "daniel", "dave", "deborah",
    "donald", "douglas", "edward", "elizabeth", "emily", "eric", "frances",
    "gary", "george", "grace", "greg", "gregory", "helen", "henry", "jack",
    "jacob", "james", "jane", "jason", "jeff", "jeffrey", "jennifer",
    "jessica", "jim", "joe", "john", "jonathan", "joseph", "joshua", "karen",
    "kate", "katherine", "kelly", "kenneth", "kevin", "kimberly", "larry",
    "linda", "lisa", "mark", "mary", "matt", "matthew", "megan", "melissa",
    "michelle", "mike", "nancy", "nick", "nicholas", "patricia", "rachel",
    "rebecca", "richard", "robert", "ryan", "sam", "samuel", "scott", "sean",
    "stephen", "steve", "steven", "susan", "thomas", "timothy", "todd", "tom",
    "tony", "victoria", "william",
    /* French */
    "alain", "antoine", "aurélie", "bernard", "camille", "catherine",
    "céline", "christophe", "claire", "didier", "dominique", "emmanuel",
    "françois", "françoise", "frédéric", "guillaume", "hélène", "isabelle",
    "jacques", "jean", "jérôme", "julien", "laurent", "louis", "luc",
    "marc", "mathieu", "maxime", "nathalie", "nicolas", "olivier",
    "ophélie", "philippe", "pierre", "sébastien", "sophie", "stéphane",
    "sylvie", "thierry", "valérie", "vincent", "yves",
    /* Spanish, Italian, Portuguese */
    "alberto", "alejandro", "ana", "antonio", "carlos", "carmen", "diego",
    "eduardo", "elena", "enrique", "fernando", "francesca", "francesco",
    "francisco", "gabriel", "giovanni", "giuseppe", "javier", "jorge",
    "josé", "juan", "laura", "lorenzo", "lucía", "luis", "luigi", "manuel",
    "marco", "maría", "mario", "matteo", "miguel", "pablo", "paolo", "pedro",
    "rafael", "raphael", "ricardo", "roberto", "rodolfo", "sergio", "stefano",
    /* Dutch, Nordic, Polish, others */
    "anders", "bart", "henk", "jeroen", "jesper", "joost", "jukka", "lars",
    "maarten", "magnus", "michiel", "mikael", "nils", "ole", "pieter", "sanne",
    "willem", "agnieszka",
    "anna", "katarzyna", "krzysztof", "marek", "piotr", "tomasz", "ivan",
    "olga", "sergei", "dmitri", NULL};

/* Template texts that stand where a summary should (WordPress.com fills
 * og:description so for posts without an excerpt; calls to read on),
 * compared with the whole description squashed (meta_squash: lower-case
 * letters and digits only, other UTF-8 bytes kept). */
const char *const meta_desc_boilerplate[] = {
    "visitthepostformore", "nodescription", "nodescriptionavailable",
    "keinebeschreibung", "readmore", "continuereading", "weiterlesen",
    "mehrlesen", "kliknijizobaczwi\xc4\x99" "cej",
    /* a template's unset value printed as text */
    "undefined", "null", "objectobject", "description",
    /* WordPress's default tagline, which themes print as the
     * description of every page of a blog that never set one */
    "justanotherwordpresssite", "justanotherwordpresscomsite",
    "justanotherwordpressweblog", "justanotherwordpresscomweblog",
    "eineweiterewordpresswebsite", "unsiteutilisantwordpress",
    "otrositiorealizadoconwordpress", "unnuovositotargatowordpress", NULL};

/* Byline words that open a description that only credits its author
 * ("Written by HLNF Staff Report"); followed by a space. */
const char *const meta_desc_byline_prefixes[] = {
    "written by", "posted by", "published by", "by", "geschrieben von",
    "verfasst von", "ein beitrag von", "von", "écrit par", "escrito por", NULL};

/* Labels opening a post's meta line (the categories and tags under a
 * headline), followed by a space or ':'; such a paragraph is no summary. */
const char *const meta_desc_meta_labels[] = {
    "categories", "category", "tags", "tagged", "filed under", "posted in",
    "kategorie", "kategorien", "schlagworte", "schlagwörter", "catégories",
    "categorías", NULL};
