"""The text's language is told offline, recorded in the metadata, and picks its rule pack."""

from __future__ import annotations

import pytest

from cleaner import Config, clean, clean_record
from cleaner.model import LANGUAGE_KEY
from cleaner.rules import every_pack, language_packs, load_packs, packs_for
from cleaner.stages.detect_language import language_of

SENTENCES = {
    "de": "Die neue Fähre soll ab dem Frühjahr zwischen den beiden Ufern pendeln, sagte sie.",
    "fr": "La nouvelle navette fluviale reliera les deux rives dès le printemps, a dit la mairie.",
    "es": "El nuevo transbordador unirá las dos orillas a partir de la primavera, dijo el alcalde.",
    "it": "Il nuovo traghetto collegherà le due sponde dalla primavera, ha detto il sindaco.",
    "pt": "A nova balsa vai ligar as duas margens a partir da primavera, disse o prefeito.",
    "nl": "De nieuwe veerboot gaat vanaf het voorjaar tussen de oevers varen, zei de burgemeester.",
    "ja": "新しいフェリーは来年の春から両岸を結ぶ予定だと市長が月曜日に発表した。",
    "ru": "Новый паром начнёт курсировать между берегами весной, сообщил мэр города в понедельник.",
}


@pytest.mark.parametrize(("language", "sentence"), SENTENCES.items())
def test_the_language_of_a_sentence_is_told(language: str, sentence: str) -> None:
    assert language_of(sentence) == language


@pytest.mark.parametrize("text", ["", "OK", "12 345 678", "Home News Sport"])
def test_too_little_text_leaves_the_language_unknown(text: str) -> None:
    assert language_of(text) is None


def test_the_language_is_recorded_in_the_metadata_and_the_record() -> None:
    text = SENTENCES["fr"] + "\n\n" + SENTENCES["fr"].replace("printemps", "mois de mai")
    assert clean(text).metadata[LANGUAGE_KEY] == "fr"
    record = clean_record({"id": 1, "text": text})
    assert record["metadata"][LANGUAGE_KEY] == "fr"


def test_a_language_given_by_the_caller_is_kept() -> None:
    result = clean(SENTENCES["de"], metadata={LANGUAGE_KEY: "lb"})
    assert result.metadata[LANGUAGE_KEY] == "lb"


def test_the_language_pack_applies_only_to_its_language() -> None:
    label = "Lesen Sie auch: Stadt verkauft ihre Parkhäuser"
    german = clean(SENTENCES["de"] + "\n" + label)
    assert german.paragraphs == [SENTENCES["de"]]
    assert [c.rule for c in german.changes if c.stage == "strip_promos"] == ["de-read-more"]
    # The same line in an English text is left alone: no English rule knows it.
    english = "The new ferry will run between the two banks from the spring, the mayor said."
    assert clean(english + "\n" + label).paragraphs == [english, label]


def test_the_language_pack_can_be_left_out() -> None:
    label = "Lesen Sie auch: Stadt verkauft ihre Parkhäuser"
    result = clean(SENTENCES["de"] + "\n" + label, config=Config(rules=("promos",)))
    assert result.paragraphs == [SENTENCES["de"], label]


def test_every_language_pack_loads_with_the_shipped_rules() -> None:
    packs = every_pack(Config().rules)
    assert set(language_packs().values()) <= set(packs)
    assert len(load_packs(packs)) > len(load_packs(("promos",)))
    assert packs_for(Config().rules, None) == ("promos",)


def test_plain_english_is_told_without_loading_the_model() -> None:
    # The model costs half a second and a hundred megabytes: a batch of English text
    # should not pay for it (a fresh interpreter, so that no other test loaded it).
    import subprocess
    import sys

    probe = (
        "import sys; from cleaner import clean\n"
        "text = 'The council said that the plan for the new ferry was approved with the"
        " votes of all the members, and that work on the quay would start this spring.'\n"
        "assert clean(text).metadata['language'] == 'en'\n"
        "assert 'py3langid' not in sys.modules, 'the model was loaded'\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)


# Texts plainly in each language a rule pack knows, written for this test.
PLAIN_TEXTS = {
    "de": "Der Stadtrat hat am Montag über die neue Fähre abgestimmt, und die Mehrheit war für"
    " den Plan. Die Arbeiten sollen noch in diesem Jahr beginnen, wenn die Förderung"
    " bewilligt wird, sagte der Sprecher nach der Sitzung.",
    "fr": "Le conseil municipal a voté lundi pour le nouveau bac, et les élus sont pour la"
    " plupart favorables au projet. Les travaux doivent commencer cette année, dans le port,"
    " si les aides sont accordées par la région.",
    "es": "El ayuntamiento votó el lunes a favor del nuevo ferry, y la mayoría de los"
    " concejales apoyó el plan. Las obras empezarán este año en el puerto, si llegan las"
    " ayudas, según dijo también el portavoz.",
    "it": "Il consiglio comunale ha votato lunedì il nuovo traghetto, e la maggioranza è stata"
    " favorevole al piano. I lavori nella zona del porto sono previsti per questo anno, se"
    " arriveranno anche i fondi della regione.",
    "pt": "A câmara municipal votou na segunda-feira o novo ferry, e a maioria dos vereadores"
    " apoiou o plano. As obras no porto começam ainda este ano, se os fundos da região"
    " forem aprovados, disse o porta-voz.",
    "nl": "De gemeenteraad heeft maandag over de nieuwe veerboot gestemd, en de meerderheid was"
    " voor het plan. De werkzaamheden in de haven beginnen nog dit jaar, als de subsidie"
    " wordt toegekend, zei een woordvoerder van de stad.",
    "pl": "Rada miasta w poniedziałek przegłosowała plan nowego promu, a większość radnych"
    " poparła projekt. Prace w porcie mają się zacząć jeszcze w tym roku, jeśli region da"
    " pieniądze, jak powiedział rzecznik, który był na sesji.",
    "cs": "Městská rada v pondělí schválila plán nového trajektu a většina radních projekt"
    " podpořila. Práce v přístavu mají začít ještě letos, pokud kraj dá peníze, které"
    " slíbil, řekl mluvčí, který byl na jednání.",
    "ja": "市議会は月曜日、新しいフェリーの運航計画を賛成多数で可決した。"
    "港での工事は今年中に始まる予定で、"
    "県からの補助金が認められれば、来年の春にも運航を開始できるという。",
}


def test_plain_texts_of_every_pack_language_are_told_without_loading_the_model() -> None:
    # (A fresh interpreter, so that no other test loaded the model.)
    import json
    import subprocess
    import sys

    probe = (
        "import json, sys\n"
        "from cleaner.stages.detect_language import language_of\n"
        "texts = json.loads(sys.stdin.read())\n"
        "print(json.dumps({code: language_of(text) for code, text in texts.items()}))\n"
        "assert 'py3langid' not in sys.modules, 'the model was loaded'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        input=json.dumps(PLAIN_TEXTS),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == {code: code for code in PLAIN_TEXTS}


def test_a_page_is_told_by_its_prose_not_its_language_menu() -> None:
    # A whole page's scrape, one block before the split: its menu lists languages in
    # their own words, its cookie notice comes first; the article is German.
    menu = "English\nDeutsch\nEspañol\nFrançais\nPortuguês\nРусский\n中文\nTürkçe\n" * 12
    article = (
        "Die Stadtwerke erhöhen zum Jahreswechsel den Gaspreis um 1,2 Cent je Kilowattstunde.\n"
        "Als Grund nennt das Unternehmen gestiegene Netzentgelte und die höhere CO2-Abgabe.\n"
    )
    assert clean(menu + article).metadata["language"] == "de"
