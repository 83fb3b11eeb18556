"""Prose and topic words, in any language: is a line running text, what are its words,
which of them carry its topic, and how much of a line's topic an article shares.

The stages that judge lines (the headline stage, the body trim) ask these the same
questions of the same blocks many times; ``words``, ``content_words`` and ``is_prose``
are cached, and the pipeline clears them when it starts on a document (``clear_caches``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import islice

from ..chars import BLANK_CHARS
from .sentences import FUNCTION_WORDS, ends_question, ends_sentence, sentence_count
from .words import CJK_RE, LOWER, UPPER, WORD_RE, word_count

# A sentence end, then the publication's sign-off: initials or a closing mark ("...the
# inner city. DM", "...on Friday. ■", an editor's code "...voraus. (bsc)", agencies
# "(dpa/AFP)"). The paragraph ends a sentence all the same.
SIGN_OFF_RE = re.compile(
    r"[.!?…][\"'”’)\]]*\s+(?:[A-Z]{1,4}|[■♦●◆▪□]|\((?:[a-z]{2,5}|[A-Za-z]{2,5}(?:/[A-Za-z]{2,5})+)\))$"
)
# A full stop inside the line followed by a new sentence (capitals of every cased
# script): prose, not a headline. French sets a space before "?" and "!" ("remarquable
# ? Et pourquoi ..."), a plain, no-break or narrow one.
INNER_SENTENCE_RE = re.compile(
    rf"[{LOWER}0-9)\"”’»](?:[.!?]|[ \u00a0\u202f][?!]) +[{UPPER}“\"«¿¡]|[。！？](?=\S)"
)
# A teaser for another story: a kicker in capitals and a colon or question mark, then a
# sentence cut off without its stop ("RISK REMAINS: An official said that ... angry
# words", "FIVE-YEAR WINDOW? A defense institute CEO said ..."). It may run to a few
# sentences, cut off where the widget's excerpt ends; its kicker and the missing stop
# make it headline-shaped and not prose.
KICKER_TEASER_RE = re.compile(r"[A-Z][A-Z0-9’'&,.-]+(?: [A-Z0-9][A-Z0-9’'&,.-]*){0,4}[:?] \S")
MAX_TEASER_WORDS = 200
MIN_PROSE_WORDS = 6
MIN_LONG_PROSE_WORDS = 30
POSSESSIVE_RE = re.compile(r"['’]s?$")
# Plural endings, the longest first: "ies" -> "y"; "es" after a sibilant; a plain "s"
# except after s, u or i ("glass", "bus", "analysis" stay), and never on "news".
PLURAL_ENDINGS = (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"))
PLURAL_S_RE = re.compile(r"(?<![siu])(?<!new)s$")
MIN_STEM = 2  # letters an ending must leave ("boxes" -> "box"; "bus", "gas" stay)
# Words too common to tell one story from another.
STOPWORDS = frozenset(
    """the a an and or but nor of to in on at by for with from into onto over under after
    before about as is are was were be been being it its this that these those he she they
    we you i me him her them us his hers their theirs our your my not no yes so than then if
    when where which who whom whose what why how all any some more most many much new says
    said say will would can could may might must shall should has have had do does did
    also just up out off down amid via per""".split()
)
STEM_LETTERS = 6
# A table's row written as text: three cells or more ("Monday | white | 7 | 1.6x").
TABLE_ROW_RE = re.compile(r"[^|│┃║\t\n]+(?:[|│┃║\t][^|│┃║\t\n]+){2,}")
# A line of code: an assignment ("rise = heights[-1] / heights[0]") or a call
# ("print(f'rise {rise}')"), a statement's own line; a block's opening line, in the
# lower-case keywords that open one ("for name in names():", "def area(r):", "try:").
CODE_LINE_RE = re.compile(
    r"[A-Za-z_][\w.\[\]'\"-]*\s?[-+*/]?=\s?\S[^\n]*|[A-Za-z_][\w.]*\([^\n]*\)[;,]?"
    r"|(?:for [\w, ]{1,60} in \S[^\n]{0,160}|def \w+\([^\n]{0,160}\)[^\n]{0,40}"
    r"|class \w+[^\n]{0,160}|else|try|finally|except[^\n]{0,160}"
    r"|with \S[^\n]{0,160} as \w+)\s?:"
)
# A list's items under its heading: this many in a row at least.
MIN_LIST_ITEMS = 2
# A list in the text (see listed_lines): under a question of this many words at most
# ("What does the library offer?", then "A children's hall", "A rooftop café") or a
# short heading ("Spinach" after "Here are some foods...": the heading may be the list's
# first item), items of this many words at most, two under a question and three under a
# heading at least, fifteen at most; a bare heading follows a paragraph of this many
# words at least. Where most items run to four words or more, the heading must be in
# the article's words (any of them for a question, this share for a bare heading).
MAX_QUESTION_WORDS = 20
MAX_LISTED_HEADING_WORDS = 4
MAX_LIST_ITEM_WORDS = 5
MAX_SHORT_ITEM_WORDS = 4
MIN_LISTED_ITEMS = 3
MAX_LISTED_ITEMS = 15
MIN_LISTED_PARAGRAPH_WORDS = 8
HEADING_SHARE = 0.5
# A bulleted line's mark. (Wikipedia's "^" opens a reference: "^ Parlet B. N. The
# symmetric eigenvalue problem".) Japanese and Korean mark their lines with no space
# after ("・打ち上げ費用を削減", "▲강남역∼노원역"), Chinese numbers them ("一、", "（二）").
LIST_MARK_RE = re.compile(
    r"[+*•‣◦▪●■►✓✔→^]\s|[・･▲△◆◇]|(?:[一二三四五六七八九十]{1,3}|\d{1,2})、"
    r"|（[一二三四五六七八九十\d]{1,3}）"
)
# Signs of program code run into a paragraph: a block opened after a parameter list (not
# TeX's "{\\displaystyle"), an arrow, an equality test, a method call, a comment after a
# statement, a block closed after one. Prose about code names calls ("fetch()") and sets
# semicolons between clauses, but none of these.
CODE_SIGN_RE = re.compile(r"\)\s?\{(?!\\)|=>|[=!]==?|\b[a-z_]\w*\.[a-z_]\w*\(|;\s*//|;\s*\}")
MIN_CODE_SIGNS = 2
# Every sign holds one of these.
CODE_SIGN_MARKS = ("(", ")", "=", ";")
# A spec line: a label of up to three words, a colon, a short value ("Fill: 850 down").
LABEL_VALUE_RE = re.compile(r"(?:\S+\s){0,2}\S+(?::\s|：)(?:\S+\s?){1,4}$")
# A sentence of at least this many words ending in a colon introduces the lines after it
# ("Its chorus has become a chant across the country:"): the lines after it stay. A
# shorter one may be a label over links to other stories ("More on this story:"), told
# by its words (see is_lead_in).
MIN_LEAD_IN_WORDS = 6
# Shorter ones, down to this many words, must hold no word of such a label ("The
# winners were:", not "More on this story:").
MIN_SHORT_LEAD_IN_WORDS = 3
# A sentence ending on what follows it: "...the following types.", "...as follows.",
# "...die folgenden Schritte.", "...les étapes suivantes.", "...다음과 같다."
# ... or on how many parts follow ("It has four parts.", "...in drei Schritten.").
COUNTED_PARTS = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|zwei|drei|vier|fünf|sechs|sieben"
    r"|deux|trois|quatre|cinq|sept|huit|dos|tres|cuatro|cinco|seis|siete|due|tre|quattro"
    r"|cinque|sei|sette|\d{1,2}) (?:[\w-]+ ){0,2}"
    r"(?:parts|steps|stages|phases|measures|changes|elements|pillars|priorities|goals"
    r"|teile|teilen|schritte|schritten|maßnahmen|etappen|parties|étapes|mesures|volets"
    r"|axes|partes|pasos|medidas|ejes|etapas|parti|passi|misure|fasi|tappe)"
)
FOLLOWING_END_RE = re.compile(
    rf"(?i:\b{COUNTED_PARTS}|\bthe following(?: [\w-]+){{0,2}}|\bas follows"
    r"|\bfolgende[nrs]?(?: [\w-]+){0,2}"
    r"|(?:[\w-]+ ){1,2}suivant(?:e|s|es)|(?:[\w-]+ ){1,2}siguientes|(?:[\w-]+ ){1,2}seguenti"
    r"|(?:[\w-]+ ){1,2}seguintes|\bde volgende(?: [\w-]+){0,2}"
    r"|다음과 같(?:다|습니다)|(?:以下|次)の(?:通り|とおり)(?:です)?|如下)\s?[.:。：]$"
)
# The words one of those endings holds: a tail without any is no lead-in, found without
# running the expression (most of a document's lines end on a stop).
FOLLOWING_WORDS = tuple(
    """follow folgende suivant siguientes seguenti seguintes volgende 다음과 通り とおり 如下
    part step stage phase measure change element pillar priorit goal teile schritt maßnahmen
    etappe étape mesure volet axe pas medida eje etapa parti passi misure fasi tappe""".split()
)
# A paragraph whose last sentence announces what follows ("Here are the tips of three
# recruiters.", "Estos son los consejos...", "Ecco alcuni trucchi...", "Voici les
# critères...", "Berikut beberapa cara..."): the sections after it are the article's.
ANNOUNCING_RE = re.compile(
    r"(?:^|[.!?…]\s+|[。！？।]\s*)(?:(?i:here(?:'s| is| are)|these are|below (?:are|is)|read on"
    r"|estos son|estas son|aquí (?:están|tienes|te dejamos)|te (?:contamos|explicamos)"
    r"|ecco|questi sono|queste sono|(?:vi|ti) spieghiamo|voici|on vous explique"
    r"|confira|veja (?:a seguir|abaixo)|estes são|estas são|aqui estão"
    r"|dit zijn|hier zijn|hieronder|w(?:ij|e) zetten|hier (?:sind|ist|die|einige|unsere)"
    r"|das sind|dies sind|wir (?:erklären|zeigen)|berikut|inilah|oto|poniżej|işte"
    r"|här är|zde jsou|přinášíme|iată|íme|her er|вот|ниже|ось|ιδού|ακολουθούν"
    r"|dưới đây là|sau đây là|إليك|إليكم|다음은|아래는)\b"
    # (Scripts without spaces, and Devanagari's marks, have no word boundary to ask for.)
    r"|(?:यहां|यहाँ|नीचे|以下是|以下为|下面是|ต่อไปนี้))[^.!?…。！？।\n]*[.:!…。：！।]?$"
)
# A paragraph's last sentence that names the list after it ("Here are the ones you will
# hear most.", "Voici les plus courants.", "Das sind die wichtigsten."); not a teaser's
# "we explain" ("On vous explique."), which introduces nothing on the page.
LIST_ANNOUNCING_RE = re.compile(
    r"(?:^|[.!?…]\s+)(?i:here(?:'s| is| are)|these are|below (?:are|is)|voici|ecco"
    r"|questi sono|queste sono|estos son|estas son|aquí (?:están|tienes)|estes são"
    r"|estas são|aqui estão|hier (?:sind|ist)|das sind|dies sind|dit zijn|hier zijn"
    r"|här är|her er|oto|poniżej|işte|вот|ниже)\b[^.!?…\n]*[.!…]$"
)
# Its ending is read in the last this many characters; a line of more than four times
# as many is a paragraph that ends so ("...left the following day."), no lead-in.
MAX_FOLLOWING_CHARS = 60
MAX_FOLLOWING_LEAD_IN_CHARS = 4 * MAX_FOLLOWING_CHARS
# The label over a list of the article's own: its summary in key points, a recipe's
# ingredients and tips, a how-to's steps, its questions and answers, a review's pros and
# cons, its references.
# The labels of a match report's tables, which a sports site's menu links to as well.
RESULTS_LABELS = (
    r"results|standings|league table|line-?ups|scorers|ergebnisse|tabelle|aufstellungen?"
    r"|torschützen|résultats|classement|compositions|resultados|clasificación|alineaciones"
    r"|risultati|classifica|formazioni|marcatori|uitslagen|stand|opstellingen|wyniki"
    r"|tabela|składy|результаты|турнирная таблица|составы|sonuçlar|puan durumu"
)
# The labels of a document's references, a list of links of its own.
REFERENCE_LABELS = (
    r"further reading|references|bibliography|external links|weblinks|literatur"
    r"|einzelnachweise|bibliographie|références|liens externes|referencias|bibliografía"
    r"|enlaces externos|bibliografia|collegamenti esterni|literatuur|externe links"
    r"|referências|ligações externas|литература|примечания|参考文献|脚注"
    r"|sources?(?: (?:&|and) (?:links|references|further reading))?|resources|useful links"
    r"|quellen(?:angaben)?|fuentes|fonti|fontes|bronnen"
)
OWN_LIST_LABEL_RE = re.compile(
    # (The label may come with its article: "Le matériel", "Les étapes", "Gli ingredienti".)
    r"(?i:(?:(?:the|le|la|les|el|los|las|il|lo|gli|os|as|die|der|das|de|het) |l['’])?"
    r"(?:key (?:points|facts|takeaways)|summary|at a glance|in brief|what we know(?: so far)?"
    r"|the essentials|highlights|das wichtigste(?: in kürze)?|l['’]essentiel|en bref"
    r"|en resumen|in sintesi|in breve|points clés|à retenir|ce qu['’]il faut retenir"
    r"|puntos clave|claves|punti chiave|pontos[- ]chave|em resumo|in het kort|kernpunten"
    r"|najważniejsze(?: informacje)?|w skrócie|основные моменты|коротко о главном|кратко"
    r"|öne çıkanlar|özetle|poin penting|(?:những )?điểm (?:nổi bật|chính)|tóm tắt"
    r"|मुख्य (?:बातें|बिंदु)|खास बातें|أبرز النقاط|نقاط رئيسية|주요 내용|핵심 요약|要点|まとめ"
    r"|ingredients|you will need|what you(?:['’]ll)? need"
    r"|method|steps|instructions|directions|zutaten|ingrédients|ingredientes|ingredienti"
    r"|(?:top |cook['’]s |recipe )?tips|cook['’]s notes|recipe notes|serving suggestions"
    r"|variations|storage|faqs?|frequently asked questions|tipps|astuces|consejos|consigli"
    r"|tip|tipp|astuce|consejo|consiglio|dica|dicas|tips en tricks"
    # A guide's "you will need" and "here is how" in the other languages of the packs.
    r"|(?:das|was) (?:brauchen sie|brauchst du)|sie brauchen|du brauchst|material(?:ien)?"
    r"|so (?:gehen sie vor|gehst du vor|geht['’]s)|anleitung|schritt für schritt"
    r"|ce qu['’]il (?:vous|te) faut|il vous faut|matériel|étapes|mode opératoire"
    r"|lo que (?:necesitas|necesitarás|vas a necesitar)|necesitarás|materiales|paso a paso"
    r"|pasos|cosa (?:serve|ti serve|occorre)|occorrente|materiale|passaggi"
    r"|(?:o )?que (?:você )?(?:vai )?precisa(?:r)?|materiais|passo a passo"
    r"|wat (?:heb je|je) nodig(?: hebt)?|benodigdheden|stappenplan|zo doe je het"
    # ... and a recipe's two lists in the other languages of the rule packs.
    r"|ingredienser|składniki|suroviny|ingredience|ингредиенты|інгредієнти|malzemeler"
    r"|材料|食材|bahan(?:-bahan)?|nguyên liệu|ainekset|hozzávalók|ingrediente|υλικά"
    r"|用意するもの|準備するもの|必要なもの|手順|育て方|步骤|准备材料|준비물"
    r"|מצרכים|المكونات|재료|सामग्री|zubereitung|préparation|preparación|preparazione"
    r"|procedimento|modo de preparo|preparação|bereiding(?:swijze)?|gör så här|tillagning"
    r"|fremgangsmåde|fremgangsmåte|przygotowanie|sposób przygotowania|postup"
    r"|приготовление|способ приготовления|hazırlanışı|yapılışı|作り方|做法|cara membuat"
    r"|cách làm|valmistus|elkészítés|mod de preparare|εκτέλεση|אופן ההכנה"
    r"|طريقة التحضير|만드는 (?:법|방법)|विधि"
    # A review's verdict in lists: what is good and what is not.
    r"|pros|cons|pros and cons|the good|the bad|(?:what )?we (?:liked?|loved?|don['’]t like"
    r"|didn['’]t like|did not like)|vorteile|nachteile"
    r"|pro|contra|plus|minus|points forts|points faibles|les plus|les moins|ventajas"
    r"|desventajas|pregi|difetti|pontos positivos|pontos negativos|voordelen|nadelen"
    r"|pluspunten|minpunten|fördelar|nackdelar|fordele|fordeler|ulemper|zalety|wady"
    r"|klady|zápory|výhody|nevýhody|плюсы|минусы|достоинства|недостатки|artıları|eksileri"
    r"|artılar|eksiler|メリット|デメリット|良い点|悪い点|优点|缺点|kelebihan|kekurangan"
    r"|ưu điểm|nhược điểm|plussat|miinukset|előnyök|hátrányok|avantaje|dezavantaje"
    r"|πλεονεκτήματα|μειονεκτήματα|장점|단점|יתרונות|חסרונות|المميزات|العيوب"
    # A product's or a device's own: its features and specifications.
    r"|(?:key|main) features|specifications|specs|technical (?:details|specifications)"
    r"|what['’]s in the box|technische daten|merkmale|ausstattung|caractéristiques"
    r"|caractéristiques techniques|características|caratteristiche|specifiche|kenmerken"
    r"|specificaties"
    # A song's parts, over its lines ("[Chorus]", "[Verse 2]", "(Refrain)").
    r"|[\[(](?:verse|chorus|pre-chorus|refrain|bridge|hook|intro|outro|strophe|couplet"
    r"|estribillo|coro|ritornello|estrofa)(?: \d{1,2})?[\])]"
    # A match report's tables: the results, the standings, the line-ups.
    rf"|{RESULTS_LABELS}"
    # A release's notes under its version ("Version 4.2.0 (12 May 2026)", "v2.1").
    r"|(?:version |release |v)\d{1,4}(?:\.\d{1,4}){1,3}(?: \([^()]{1,30}\))?"
    r"|changelog|change log|release notes|bug fixes|known issues|breaking changes"
    r"|new features|improvements|enhancements|fixes|deprecations|neue funktionen"
    # (Keep a Changelog's sections, and the "New" of many a release's notes.)
    r"|new|added|changed|fixed|removed|deprecated|what['’]s new|neu|neuerungen"
    r"|verbesserungen|fehlerbehebungen|nouveautés|améliorations|corrections de bugs"
    r"|novedades|mejoras|correcciones|novità|miglioramenti|correzioni|nieuwe functies"
    r"|verbeteringen|opgeloste problemen"
    # A listing's or an itinerary's days, over what is on ("Friday", then the events).
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch"
    r"|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì"
    r"|mercoledì|giovedì|venerdì|sabato|domenica|maandag|dinsdag|woensdag|donderdag"
    r"|vrijdag|zaterdag|zondag"
    # A reference page's sections over a function's parts, its examples.
    r"|examples?|usage|syntax|parameters|arguments|returns|return value|raises|exceptions"
    r"|beispiele?|exemples?|ejemplos?|esempi|esempio|voorbeelden?|przykłady?|примеры?"
    # A document's own references: a reading list, a wiki's sources ("See also" is
    # not one: news sites put other stories under it).
    rf"|{REFERENCE_LABELS}))\s?:?"
    # (A wiki's section heading keeps its edit link in a scrape: "References[edit]".)
    r"(?:\s?\[(?:edit|bearbeiten|modifier|modifier le code|editar|modifica|edytuj"
    r"|править|编辑|編集)\])?"
)
# A how-to's step or an itinerary's day, by its number, with or without its title
# ("Step 2", "Schritt 3: Kette kürzen", "Day 2: the port cellars", "第二步"): the
# article's own heading, never another story's.
NUMBERED_STEP_RE = re.compile(
    r"(?i:(?:step|schritt|étape|etape|paso|passo|stap|krok|шаг|этап|adım|langkah|bước"
    r"|day|tag|jour|día|dia|giorno|dag|dzień|день|gün|hari|ngày|ステップ|단계)"
    r"\s?\d{1,3}(?:\s?[:.)–—-]\s?[^\n]{0,80})?|第[一二三四五六七八九十\d]{1,3}[步天日][^\n]{0,80})"
)
# A part of a book or a paper, over its text: a chapter ("Chapter Three", "Kapitel 4",
# "Part II"), a prologue, a paper's abstract and introduction, a report's foreword. A
# page's section labels ("Politics", "Sport") are none of these.
DOCUMENT_PART_RE = re.compile(
    r"(?:(?:chapter|part|book|act|scene|kapitel|teil|chapitre|partie|capítulo|parte"
    r"|capitolo|hoofdstuk|deel|rozdział|część|глава|часть)"
    r" (?:\d{1,3}|[ivxlc]{1,7}|[^\W\d_]{3,9})|prologue?|epilogue?"
    r"|abstract|introduction|background|preface|foreword|acknowledge?ments|appendix(?: \w)?"
    # A paper's abstract in its parts ("Background", "Methods", "Results", "Conclusions";
    # not "Discussion", a page's label over its comments too).
    r"|objectives?|aims?|methods?|materials and methods|results|findings|conclusions?"
    r"|limitations|interpretation|methoden|ergebnisse|schlussfolgerung(?:en)?|méthodes?"
    r"|résultats|métodos|resultados|conclusi(?:ones|ón)|metodi|risultati|conclusioni"
    r"|conclusões|resultaten|conclusies?|metody|wyniki|wnioski|методы|результаты|выводы"
    r"|结果|结论|結果|結論"
    r"|zusammenfassung|einleitung|einführung|vorwort|danksagung|anhang"
    r"|résumé|avant-propos|préface|remerciements|annexe"
    r"|resumen|introducción|prólogo|prefacio|agradecimientos|apéndice|anexo"
    r"|riassunto|introduzione|prefazione|ringraziamenti|appendice"
    r"|resumo|introdução|prefácio|agradecimentos|apêndice"
    r"|samenvatting|inleiding|voorwoord|dankwoord|bijlage"
    r"|streszczenie|wstęp|wprowadzenie|przedmowa|podziękowania|aneks"
    r"|аннотация|введение|предисловие|приложение|özet|giriş|önsöz|abstrak|pendahuluan"
    r"|摘要|引言|前言|序言|要旨|はじめに|序論|초록|서론|머리말"
    r"|(?:full |episode )?transcript|transkript|transcription|transcripción|trascrizione"
    r"|transcrição|transcriptie|transkrypcja|стенограмма)[.:]?",
    re.IGNORECASE,
)
MAX_LINK_LABEL_WORDS = 6
# The first words of such labels in the other languages of the rule packs ("Weitere
# Themen", "Mehr zum Thema", "À lire aussi", "Lees ook", "Czytaj także").
OTHER_LINK_LABEL_OPENERS = frozenset(
    """weitere mehr verwandte ähnliche meistgelesen lesen aktuelle à autres plus lire voir
    sur más otras otros lee leer leggi altri altre potrebbe meer lees gerelateerd czytaj
    zobacz polecamy čtěte související читайте другие похожие läs mer relaterat læs les
    lue baca ilgili""".split()
)
LINK_LABEL_WORDS = frozenset(
    """more read related also like popular latest trending recommended top stories story
    topics tags categories follow share watch see news editor's picks""".split()
)
LINK_LABEL_OPENERS = LINK_LABEL_WORDS | OTHER_LINK_LABEL_OPENERS


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of a text. Cached within one document (the pipeline clears it on entry):
    every test here asks for the words of the same blocks several times each."""
    return tuple(WORD_RE.findall(text))


@lru_cache(maxsize=4096)
def is_prose(text: str) -> bool:
    """A paragraph of running text: it ends a sentence (a sign-off such as "DM" or "■"
    may follow) and is more than a few words, or it is long and holds sentences (a
    closing mark such as "♦" may follow the last one).

    >>> is_prose("The council met on Monday night."), is_prose("Council meets on Monday")
    (True, False)
    >>> is_prose("The council will meet again on Monday night. DM")
    True
    >>> is_prose("Die Version setzt mindestens OS X 10.10 voraus. (bsc)")
    True
    """
    text = text.strip(BLANK_CHARS)
    count = word_count(text, words(text))
    if ends_sentence(text) or SIGN_OFF_RE.search(text):
        return count >= MIN_PROSE_WORDS
    if is_kicker_teaser(text, count):
        return False
    return count >= MIN_LONG_PROSE_WORDS and len(INNER_SENTENCE_RE.findall(text)) >= 2


def is_kicker_teaser(text: str, count: int) -> bool:
    """A capitalised kicker, then text cut off without its stop: another story's excerpt."""
    return (
        count <= MAX_TEASER_WORDS and bool(KICKER_TEASER_RE.match(text)) and not ends_sentence(text)
    )


def is_link_label(text: str) -> bool:
    """A short line opening on a word of the labels over links to other stories, in the
    languages of the rule packs.

    >>> is_link_label("RELATED ARTICLES"), is_link_label("More from the author")
    (True, True)
    >>> is_link_label("Weitere Themen"), is_link_label("À lire aussi")
    (True, True)
    >>> is_link_label("drhyman.com"), is_link_label("Statistics New Zealand")
    (False, False)
    """
    found = words(text)
    return 0 < len(found) <= MAX_LINK_LABEL_WORDS and found[0].lower() in LINK_LABEL_OPENERS


@lru_cache(maxsize=4096)
def is_lead_in(text: str, min_words: int = MIN_SHORT_LEAD_IN_WORDS) -> bool:
    """A sentence ending in a colon that introduces the lines after it (a list, a verse),
    or the label of the article's own summary ("Key points"). Below ``MIN_LEAD_IN_WORDS``
    words, down to ``min_words``, a sentence must have no word of a label over links to
    other stories.

    >>> is_lead_in("If you are pressed for time, here is a look at my top five:")
    True
    >>> is_lead_in("The winners were:"), is_lead_in("The winners were:", min_words=6)
    (True, False)
    >>> is_lead_in("More on this story:"), is_lead_in("Key points")
    (False, True)
    >>> is_lead_in("Recipe Box Search:")
    False
    >>> is_lead_in("A body is an instance of any of the following types.")
    True
    >>> is_lead_in("The plan has four parts."), is_lead_in("He scored three points.")
    (True, False)
    >>> is_lead_in("New sailors meet strange words. Here are the ones you will hear most.")
    True
    >>> is_lead_in("方案明确了三项重点任务："), is_lead_in("새로 생기는 노선은 다음과 같다.")
    (True, True)
    """
    if is_own_label(text):
        return True
    if not text.endswith((":", "：")):
        # (A sentence that names what follows ends on a stop as often: "A body is any of
        # the following types.")
        if len(text) >= MAX_FOLLOWING_LEAD_IN_CHARS:
            return False
        start = max(0, len(text) - MAX_FOLLOWING_CHARS)
        tail = text[start:].lower()
        return (
            any(word in tail for word in FOLLOWING_WORDS)
            and bool(FOLLOWING_END_RE.search(text, start))
        ) or (
            # A paragraph's last sentence that says what follows ("Here are the words you
            # will hear most."), not a headline that opens so ("Here are 3 tips for you"),
            # nor a box's blurb over links ("Here are more of our advisers' views.").
            ends_sentence(text)
            and LIST_ANNOUNCING_RE.search(text) is not None
            and not any(word.lower() in LINK_LABEL_WORDS for word in words(text))
        )
    count = word_count(text, found := words(text))
    if count >= MIN_LEAD_IN_WORDS:
        return True
    # A short one is a sentence (a word in lower case: "The winners were:", or a script
    # without case), not a label in title case ("Cookie Search:"), and no label over links.
    return (
        count >= min_words
        and any(
            word.islower() or (word.isalpha() and word.lower() == word.upper()) for word in found
        )
        and not any(word.lower() in LINK_LABEL_WORDS for word in found)
    )


@lru_cache(maxsize=4096)
def content_words(text: str) -> tuple[str, ...]:
    """Lower-cased words that carry a story's topic (no stopwords, no one- or two-letter words).

    Cached like :func:`words`: each look at a document's lines asks again.
    """
    # A long word stands for its first letters: inflected and compounding languages
    # change a word's end ("Bildschirm", "Bildschirme"; "governo", "governi").
    found = [
        w[:STEM_LETTERS]
        for w in map(str.lower, words(text))
        if len(w) > 2 and w not in STOPWORDS and w not in FUNCTION_WORDS
    ]
    if CJK_RE.search(text):
        # Unspaced scripts: a run of characters is a phrase, so its pairs of characters
        # stand for its words ("東京都" shares "東京" with "東京駅").
        unspaced = "".join(CJK_RE.findall(text))
        found = [w for w in found if not CJK_RE.search(w)]
        found += [unspaced[i : i + 2] for i in range(len(unspaced) - 1)]
    return tuple(found)


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    """A lower-cased word without its possessive or plural ending (English, by rule).

    >>> [singular(w) for w in ["cities", "boxes", "fares", "news", "glass", "bus", "mayor's"]]
    ['city', 'box', 'fare', 'news', 'glass', 'bus', 'mayor']
    """
    word = POSSESSIVE_RE.sub("", word)
    for ending, replacement in PLURAL_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: len(word) - len(ending)] + replacement
    if len(word) - 1 > MIN_STEM and PLURAL_S_RE.search(word):
        return word[:-1]
    return word


def overlap(text: str, vocabulary: set[str]) -> float:
    """The share of a line's topic words that the article uses elsewhere.

    >>> vocabulary = set(content_words("The council said the bridge repairs would take a year."))
    >>> sorted(vocabulary)
    ['bridge', 'counci', 'repair', 'take', 'year']
    >>> overlap("Bridge repairs finish early", vocabulary)
    0.5
    """
    own = content_words(text)
    return sum(w in vocabulary for w in own) / len(own) if own else 1.0


@lru_cache(maxsize=4096)
def is_data_line(text: str) -> bool:
    """A table's row or a line of code, written as a line of text: the article's data,
    however short or sentence-less it is.

    >>> is_data_line("Monday | white | 7 | 1.6x"), is_data_line('print(f"rise {rise:.1f}x")')
    (True, True)
    >>> is_data_line("heights = [12, 14, 17]"), is_data_line("Bridge reopens | Local news")
    (True, False)
    >>> is_data_line("for name in archive.names():"), is_data_line("for the record:")
    (True, False)
    >>> is_data_line("The council met (again) on Monday")
    False
    """
    return bool(TABLE_ROW_RE.fullmatch(text.strip())) or is_code_line(text)


def is_code_line(text: str) -> bool:
    """A line of code (see :func:`is_data_line`): never a menu's label, however short.

    >>> is_code_line("    print(name)"), is_code_line("Home | News | Sport")
    (True, False)
    """
    return bool(CODE_LINE_RE.fullmatch(text.strip()))


def is_item_line(text: str) -> bool:
    """Whether a line reads as an item of a list: a fact line ("Transportes: 0,44%"), a
    bulleted line, or a phrase that carries on in lower case ("nowe ulgi dla rodzin").
    Other stories' headlines and a menu's labels open on a capital.

    >>> is_item_line("higher pay for nurses"), is_item_line("Storm closes coast road")
    (True, False)
    >>> is_item_line("iPhone")
    False
    """
    text = text.lstrip(BLANK_CHARS)
    if LABEL_VALUE_RE.match(text) or LIST_MARK_RE.match(text):
        return True
    # (A name in camel case is no lower-case phrase: "iPhone", "eBay".)
    first = text.split(maxsplit=1)[0] if text else ""
    return first.islower()


def listed_lines(texts: list[str], prose: set[int], bare_headings: bool = True) -> set[int]:
    """The lines of lists between paragraphs: a question or a short heading, then short
    items (no sentence, no question), then the article's prose or its next question;
    or, under a heading in the article's words, to the end of the text.

    ``prose``: the indices of the paragraphs of prose. Under a bare heading the list
    must stand between paragraphs of some length: a page's menus stand between short
    lines of its chrome ("You can manage saved articles in your account."). A box of
    other stories' headlines holds longer lines.

    >>> texts = ["The library opened on Sunday with a hundred thousand books on its shelves.",
    ...          "What does the library offer?", "A children's hall", "A rooftop café",
    ...          "Membership is free for students, while others pay a small fee each year."]
    >>> sorted(listed_lines(texts, {0, 4}))
    [1, 2, 3]
    >>> sorted(listed_lines([texts[0], "Spinach", "Garlic", "Onions", "Peas", texts[4]], {0, 5}))
    [1, 2, 3, 4]
    >>> listed_lines(["Log in to save.", "News", "Sport", "Jobs", "Terms", "It is free."], {0, 5})
    set()
    >>> sorted(listed_lines([texts[0], "Library rooms", "Reading room", "Study room", "Café"], {0}))
    [1, 2, 3, 4]
    """
    listed: set[int] = set()
    said: Counter[str] | None = None  # counted when a list is found: seldom
    for index, text in enumerate(texts):
        # (A question may read as prose: "Which foods are richest in sulphur?")
        question = ends_question(text) and word_count(text) <= MAX_QUESTION_WORDS
        if question and (index not in prose or sentence_count(text) == 1):
            least_items = MIN_LIST_ITEMS
        elif (
            bare_headings
            and index not in prose
            and index - 1 in prose
            and word_count(text) <= MAX_LISTED_HEADING_WORDS
            and not ends_sentence(text)
            and _long_paragraph(texts, prose, index - 1)
        ):
            least_items = MIN_LISTED_ITEMS
        else:
            continue
        end = index + 1
        while (
            end < len(texts)
            and end not in prose
            and word_count(texts[end]) <= MAX_LIST_ITEM_WORDS
            and not ends_sentence(texts[end])
        ):
            end += 1
        if not least_items <= end - index - 1 <= MAX_LISTED_ITEMS:
            continue
        # A box of other stories (its label taken by a rule) may open on a question or a
        # short headline, over headlines of four words or more: most of a list's answers
        # are shorter ("Autónomos", "Trabajadores por cuenta ajena"), or its heading is in
        # the article's words ("What does the library offer?" in a story on a library).
        items = range(index + 1, end)
        short = 2 * sum(word_count(texts[i]) <= MAX_SHORT_ITEM_WORDS for i in items) > len(items)
        if question:
            closed = (end in prose or (end < len(texts) and ends_question(texts[end]))) and (
                short or _in_words_of(index, texts, prose) > 0
            )
        elif end == len(texts):
            # The list ends the text: its heading is in the article's words ("Park
            # facilities" after a story on a park), where a menu's or a tag box's is not.
            closed = _in_words_of(index, texts, prose) > 0
        else:
            # The next section may open right after the list, under its own heading
            # ("Was kostet der Einbau?" over its paragraph).
            closed = (
                _long_paragraph(texts, prose, end) or _heads_paragraph(texts, prose, end)
            ) and (short or _in_words_of(index, texts, prose) >= HEADING_SHARE)
        if not closed:
            continue
        # A list's lines are said once, and none names a box of other stories ("Topics",
        # "Popular news"): a menu or a teaser comes again and again.
        if said is None:
            said = Counter(line_key(text) for text in texts)
        lines = range(index, end)
        if all(said[line_key(texts[i])] == 1 and not is_link_label(texts[i]) for i in lines):
            listed.update(lines)
    return listed


def _in_words_of(index: int, texts: list[str], prose: set[int]) -> float:
    """The share of the topic words of the line at ``index`` that the article's other
    paragraphs use."""
    vocabulary = {w for i in prose if i != index for w in content_words(texts[i])}
    return overlap(texts[index], vocabulary) if content_words(texts[index]) else 0.0


def line_key(text: str) -> str:
    """A line as its repeats read, case and spacing aside: what tells a line said again.

    >>> line_key("  Rail  strike CALLED off ") == line_key("Rail strike called off")
    True
    """
    return " ".join(text.casefold().split())


def announces_sections(text: str) -> bool:
    """Whether a paragraph's last sentence announces what follows it: a guide's tips, a
    list's entries, an explainer's questions, each under its heading.

    >>> announces_sections("Prices keep rising. Here are five ways to spend less.")
    True
    >>> announces_sections("Ecco alcuni trucchi semplici per spendere meno.")
    True
    >>> announces_sections("选择笔记本电脑需要考虑使用习惯。以下是购买前的几点建议。")
    True
    >>> announces_sections("Here, the river floods every spring. The town has a plan.")
    False
    >>> announces_sections("Llega el frío. Otoño es la mejor estación para plantar.")
    False
    """
    return bool(ANNOUNCING_RE.search(text[-MAX_FOLLOWING_LEAD_IN_CHARS:]))


def _long_paragraph(texts: list[str], prose: set[int], index: int) -> bool:
    return index in prose and word_count(texts[index]) >= MIN_LISTED_PARAGRAPH_WORDS


def _heads_paragraph(texts: list[str], prose: set[int], index: int) -> bool:
    """Whether the line at ``index`` is a section's heading: short, no sentence (a
    question may be), right over a paragraph of some length."""
    text = texts[index]
    return (
        index not in prose
        and word_count(text) <= MAX_QUESTION_WORDS
        and (ends_question(text) or not ends_sentence(text))
        and _long_paragraph(texts, prose, index + 1)
    )


def reads_as_code(text: str) -> bool:
    """Whether a paragraph is program code (a listing a scraper ran onto one line): its
    camel case and its "x.Y" are the code's, no glue between page elements.

    >>> reads_as_code('var u = new Headers(); u.append("Content-Type", "text/plain"); // ok')
    True
    >>> reads_as_code("The fetch() function takes a Request; it returns a promise.")
    False
    """
    if not any(mark in text for mark in CODE_SIGN_MARKS):
        return False  # nearly every paragraph, told without a scan
    signs = CODE_SIGN_RE.finditer(text)
    return len(list(islice(signs, MIN_CODE_SIGNS))) == MIN_CODE_SIGNS


def clear_caches() -> None:
    """Forget the cached answers: a batch's speed must not depend on what earlier
    documents held, nor its memory grow with them."""
    for cached in (words, content_words, is_prose, is_data_line, singular, is_lead_in):
        cached.cache_clear()


RESULTS_LABEL_RE = re.compile(rf"(?i:{RESULTS_LABELS})")
REFERENCE_LABEL_RE = re.compile(rf"(?i:{REFERENCE_LABELS})(?:\s?:|\s?\[\w+\])?")
# A sign-off has this many words at most.
MAX_SIGN_OFF_WORDS = 3
# Own labels that a site's menu links to as well (a wiki's "References", a paper's
# "Plus" subscription), and whose lists are of no short lines but questions, sources or
# sentences: under them, short lines are a menu's.
MENU_OWN_LABELS = frozenset(
    {"faq", "faqs", "frequently asked questions", "references", "sources", "notes",
     "bibliography", "summary", "highlights", "plus", "minus", "pro", "contra"}
)  # fmt: skip


def is_own_label(text: str) -> bool:
    """Whether a line is the label of an article's own list ("Ingredients", "Pros",
    "References[edit]", "Składniki"): see ``OWN_LIST_LABEL_RE``.

    >>> is_own_label(" Key points "), is_own_label("Related stories")
    (True, False)
    """
    return OWN_LIST_LABEL_RE.fullmatch(text.strip()) is not None


def is_sign_off(text: str) -> bool:
    """A writer's short exclamation that closes a text ("Enjoy!", "¡Buen provecho!",
    "Afiyet olsun!"): the text's own last words.

    >>> is_sign_off("¡Buen provecho!"), is_sign_off("Sign up for our newsletter today!")
    (True, False)
    """
    text = text.strip(BLANK_CHARS)
    return text.endswith(("!", "！")) and word_count(text, words(text)) <= MAX_SIGN_OFF_WORDS


def heads_own_list(text: str) -> bool:
    """An own list's label that heads the lines under it ("Ingredients" over "4 eggs"):
    not one that a site's menu links to as well ("FAQ"), whose own lines are questions.

    >>> heads_own_list("Ingredientes"), heads_own_list("FAQ")
    (True, False)
    """
    text = text.strip()
    return (
        is_own_label(text)
        and text.casefold() not in MENU_OWN_LABELS
        and not RESULTS_LABEL_RE.fullmatch(text)
    )


def is_document_part(text: str) -> bool:
    """A heading of a book's or a paper's part, written as a heading (a capital first,
    in a cased script: a menu's "background" is no heading).

    >>> is_document_part("Abstract"), is_document_part("Kapitel 4"), is_document_part("摘要")
    (True, True, True)
    >>> is_document_part("background"), is_document_part("Politics")
    (False, False)
    """
    text = text.strip()
    return not text[:1].islower() and bool(
        DOCUMENT_PART_RE.fullmatch(text) or NUMBERED_STEP_RE.fullmatch(text)
    )
