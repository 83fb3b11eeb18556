"""The stages, one module each; ``cleaner.pipeline.DEFAULT_STAGES`` puts them in order."""

from .detect_language import detect_language
from .fix_encoding import fix_encoding
from .repair_runons import repair_runons
from .split_paragraphs import split_paragraphs
from .strip_headlines import strip_headlines
from .strip_inline import strip_inline
from .strip_promos import strip_promos
from .tidy import tidy
from .trim_to_body import trim_to_body

__all__ = [
    "detect_language",
    "fix_encoding",
    "repair_runons",
    "split_paragraphs",
    "strip_headlines",
    "strip_inline",
    "strip_promos",
    "tidy",
    "trim_to_body",
]
