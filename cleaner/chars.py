"""Character classes that several stages agree on, named once."""

from __future__ import annotations

# Zero-width characters with no job in published text: zero-width space, word joiner,
# zero-width no-break space (a BOM inside text), Mongolian vowel separator; and the
# fillers and marks that draw nothing, used to hide text or fake an empty one: the
# combining grapheme joiner, the Hangul choseong and jungseong fillers, the
# Khmer inherent vowels. They often mark where a scraper glued two elements together,
# so they stay until the tidy.
ZERO_WIDTH = "\u200b\u2060\ufeff\u180e\u034f\u115f\u1160\u17b4\u17b5"
# ZWNJ and ZWJ: needed inside Indic, Arabic and Persian words and emoji sequences.
JOINERS = "\u200c\u200d"
# Every space character other than the plain one, tabs and stray line breaks included.
EXOTIC_SPACES = "\t\n\v\f\r\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
# (The Hangul fillers and the blank braille pattern draw as a blank a letter wide.)
EXOTIC_SPACES += "\u2028\u2029\u202f\u205f\u3000\u3164\uffa0\u2800"
# What a line can hold and still be blank, and what the tidy trims from a block's ends.
BLANK_CHARS = " " + EXOTIC_SPACES + ZERO_WIDTH + JOINERS
# Pictographs that open a list's item, as bullets ("✅ Meals included", "📍 Place: Lake
# Hall", "➤ Step one"): geometric shapes, dingbats, stars, and the emoji. (Not the
# arrows block: "← Return to previous page" is a link back.)
PICTOGRAPH_BULLETS = "\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff"
