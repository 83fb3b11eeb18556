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
