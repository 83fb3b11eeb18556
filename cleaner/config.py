"""One frozen Config, built from defaults, then a TOML file, then command-line flags.

Encoding behaviour is chosen by a named profile rather than a dozen booleans; the
only encoding switch with its own flag is ``quotes``, because it is the one users ask for.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal, NamedTuple

QuoteStyle = Literal["keep", "straight"]
QUOTE_STYLES: tuple[QuoteStyle, ...] = ("keep", "straight")


class EncodingProfile(NamedTuple):
    """What the fix_encoding stage may change, beyond line endings and invisible controls."""

    description: str
    fix_mojibake: bool
    unescape_html: bool
    normalization: Literal["NFC", "NFKC"]
    fix_character_width: bool
    fix_latin_ligatures: bool
    uncurl_quotes: bool


PROFILES: dict[str, EncodingProfile] = {
    # The default: repair what is broken, keep every character a writer chose. Pipelines
    # for language models and search want curly quotes, dashes and widths as published.
    "preserve": EncodingProfile(
        description="repair mojibake, entities and control characters; NFC; keep quotes,"
        " widths and ligatures as published",
        fix_mojibake=True,
        unescape_html=True,
        normalization="NFC",
        fix_character_width=False,
        fix_latin_ligatures=False,
        uncurl_quotes=False,
    ),
    # For indexing and matching: fold the presentation variants that make equal words differ.
    "search": EncodingProfile(
        description="everything in 'preserve', plus NFKC, half-width forms, ligatures split"
        " and straight quotes",
        fix_mojibake=True,
        unescape_html=True,
        normalization="NFKC",
        fix_character_width=True,
        fix_latin_ligatures=True,
        uncurl_quotes=True,
    ),
    # For text known to be decoded right: a literal "Ã©" or "&amp;" in it is meant.
    "minimal": EncodingProfile(
        description="line endings, control and invisible characters, NFC only; no mojibake"
        " or entity repair",
        fix_mojibake=False,
        unescape_html=False,
        normalization="NFC",
        fix_character_width=False,
        fix_latin_ligatures=False,
        uncurl_quotes=False,
    ),
}

DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024
# An article cleans in milliseconds; a minute means something is wrong with the input.
DEFAULT_MAX_SECONDS_PER_INPUT = 60.0


class ConfigError(ValueError):
    """A configuration value or file that cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class Config:
    """Settings for one cleaning run.

    >>> Config().with_overrides(quotes="straight", profile=None).quotes
    'straight'
    >>> Config(profile="nope")
    Traceback (most recent call last):
    ...
    cleaner.config.ConfigError: unknown profile 'nope'; choose one of: preserve, search, minimal
    """

    profile: str = "preserve"
    quotes: QuoteStyle = "keep"
    skip: tuple[str, ...] = ()
    # Rule packs for strip_promos and strip_inline, in order: shipped names or paths to
    # TOML files of one's own rules (in the format of cleaner/rules/promos.toml);
    # "language" is the shipped pack of the text's detected language, if there is one.
    rules: tuple[str, ...] = ("promos", "language")
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    max_seconds_per_input: float = DEFAULT_MAX_SECONDS_PER_INPUT

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ConfigError(
                f"unknown profile {self.profile!r}; choose one of: {', '.join(PROFILES)}"
            )
        if self.quotes not in QUOTE_STYLES:
            raise ConfigError(
                f"quotes must be one of {', '.join(QUOTE_STYLES)}, not {self.quotes!r}"
            )
        if isinstance(self.skip, str) or not all(isinstance(s, str) for s in self.skip):
            raise ConfigError("skip must be a list of stage names")
        object.__setattr__(self, "skip", tuple(self.skip))
        if isinstance(self.rules, str) or not all(isinstance(r, str) for r in self.rules):
            raise ConfigError("rules must be a list of rule packs (names or .toml paths)")
        object.__setattr__(self, "rules", tuple(self.rules))
        if (
            isinstance(self.max_input_bytes, bool)
            or not isinstance(self.max_input_bytes, int)
            or self.max_input_bytes <= 0
        ):
            raise ConfigError("max_input_bytes must be a positive whole number of bytes")
        seconds = self.max_seconds_per_input
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ConfigError("max_seconds_per_input must be a number of seconds (0: no limit)")
        object.__setattr__(self, "max_seconds_per_input", float(seconds))

    @property
    def encoding(self) -> EncodingProfile:
        """The encoding profile in force, with the quote setting applied on top."""
        profile = PROFILES[self.profile]
        if self.quotes == "straight":
            profile = profile._replace(uncurl_quotes=True)
        return profile

    def without_limits(self) -> Config:
        """These settings with the limits at their defaults: what decides an output's text."""
        return replace(
            self,
            max_input_bytes=DEFAULT_MAX_INPUT_BYTES,
            max_seconds_per_input=DEFAULT_MAX_SECONDS_PER_INPUT,
        )

    def with_overrides(self, **overrides: Any) -> Config:
        """Return a copy with the given settings replaced; ``None`` means "not given"."""
        given = {key: value for key, value in overrides.items() if value is not None}
        unknown = set(given) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **given)

    @classmethod
    def from_toml(cls, path: Path, base: Config | None = None) -> Config:
        """Read settings from a TOML file (top level or a ``[cleaner]`` table)."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise ConfigError(f"{path}: cannot read config file: {error.strerror}") from error
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from error
        table = data.get("cleaner", data)
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [cleaner] must be a table")
        table = {k: tuple(v) if isinstance(v, list) else v for k, v in table.items()}
        if "rules" in table and isinstance(table["rules"], tuple):
            # A rule file named in a config file is found next to that file.
            folder = Path(path).parent
            table["rules"] = tuple(_beside(folder, pack) for pack in table["rules"])
        try:
            return (base or cls()).with_overrides(**table)
        except ConfigError as error:
            raise ConfigError(f"{path}: {error}") from error

    def to_toml(self) -> str:
        """Render the effective settings as a TOML file that :meth:`from_toml` reads back.

        >>> print(Config(skip=("tidy",)).to_toml())
        [cleaner]
        profile = "preserve"
        quotes = "keep"
        skip = ["tidy"]
        rules = ["promos", "language"]
        max_input_bytes = 67108864
        max_seconds_per_input = 60.0
        """
        lines = ["[cleaner]"]
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                rendered = "[" + ", ".join(f'"{item}"' for item in value) + "]"
            elif isinstance(value, str):
                rendered = f'"{value}"'
            else:
                rendered = str(value)
            lines.append(f"{f.name} = {rendered}")
        return "\n".join(lines)


def _beside(folder: Path, pack: object) -> object:
    """A rule pack path relative to the config file's folder; names and others as given."""
    if isinstance(pack, str) and pack.endswith(".toml") and not Path(pack).is_absolute():
        return str(folder / pack)
    return pack
