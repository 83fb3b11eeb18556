"""Reported speech: a sentence that tells what someone said, wrote or urged.

A promo's words quoted in a report ("Readers who saw 'Subscribe to continue reading'
complained, the editor said.") or a promo's shape used by a person ("Join our WhatsApp
group, the head teacher wrote.") are the article's own sentences. A clause that names
who spoke is the evidence, in the languages the rule packs know.
"""

from __future__ import annotations

import re

# Verbs that report speech or writing, past and present, in the rule packs' languages.
REPORTING_VERBS = (
    "said|says|told|tells|wrote|writes|urged|urges|warned|warns|added|adds|admitted|recalled"
    "|explained|explains|insisted|claimed|claims|asked|replied|noted|stressed|argued|announced"
    "|advised|advises|recommended|recommends|suggested|suggests|reminded"
    "|sagte|sagt|sagten|schrieb|schreibt|erklärte|erklärt|betonte|warnte|forderte|riet|empfahl"
    "|dijo|dice|afirmó|escribió|explicó|aseguró|advirtió|recomendó|señaló|indicó"
    "|disse|diz|afirmou|escreveu|explicou"
    "|zei|zegt|schreef|schrijft"
    "|ha detto|ha scritto|ha spiegato|ha aggiunto"  # ("dice": above, as in Spanish)
    "|a dit|dit|a déclaré|déclare|a écrit|écrit|explique|a expliqué|a ajouté|affirme"
    "|recommande|conseille|indique|précise|souligne|rappelle"
)
REPORTED_SPEECH_RE = re.compile(
    # "..., the head teacher wrote", "..., sagte sie", "..., a déclaré le maire": a comma,
    # at most four words (the speaker), the verb
    rf"[,;]\s(?:[^\W\d_][\w'’-]*\s){{0,4}}(?:{REPORTING_VERBS})\b"
    # "The page said “We use cookies...”": the verb, then the quotation
    rf"|\b(?:{REPORTING_VERBS})[,:]?\s[\"“‘'„«]"
    # "Officials said on Monday that you may opt out...": the verb, a few words, and the
    # word that opens what was said ("that", "dass", "que", "che", "dat")
    rf"|\b(?:{REPORTING_VERBS})\b,?(?:\s[^\s.!?]+){{0,4}}?\s(?:that|dass|que|qu['’]|che|dat)\b"
    # "According to the regulator, ...": a report by its source
    r"|\b(?:according to|selon|según|secondo)\b"
    # French inversion: "a-t-il dit", "dit-elle", "explique-t-il"
    r"|\b\w+-t-(?:il|elle|on)\b|\b(?:dit|écrit|ajoute|explique)-(?:il|elle)\b",
    re.IGNORECASE,
)


def reports_speech(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` reports what someone said or wrote.

    >>> reports_speech("Join our WhatsApp group, the head teacher wrote to parents.")
    True
    >>> reports_speech('The page said "We use cookies to improve your experience".')
    True
    >>> reports_speech("Officials said on Monday that you may opt out of the sale of data.")
    True
    >>> reports_speech("Join our WhatsApp group for the latest news.")
    False
    """
    return REPORTED_SPEECH_RE.search(text, start, len(text) if end is None else end) is not None
