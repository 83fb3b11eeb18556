"""The stages, one module each; ``cleaner.pipeline.DEFAULT_STAGES`` puts them in order."""

from .fix_encoding import fix_encoding
from .split_paragraphs import split_paragraphs
from .tidy import tidy

__all__ = ["fix_encoding", "split_paragraphs", "tidy"]
