"""cleaner: turn scraped news articles into clean paragraphs that hold the article only.

>>> from cleaner import clean
>>> clean("Donâ€™t panic.\\nFollow the money.").paragraphs
['Don’t panic.', 'Follow the money.']
"""

import logging
from importlib.metadata import PackageNotFoundError, version

from .api import RecordFields, Result, clean, clean_html, clean_record
from .config import Config, ConfigError
from .model import Block, Change, Document, Location
from .pipeline import DEFAULT_STAGES

try:
    __version__ = version("cleaner")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "DEFAULT_STAGES",
    "Block",
    "Change",
    "Config",
    "ConfigError",
    "Document",
    "Location",
    "RecordFields",
    "Result",
    "__version__",
    "clean",
    "clean_html",
    "clean_record",
]
