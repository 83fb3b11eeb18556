"""cleaner: turn scraped news articles into clean paragraphs that hold the article only.

>>> from cleaner import clean
>>> clean("Donâ€™t panic.\\nFollow the money.").paragraphs
['Don’t panic.', 'Follow the money.']
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    __version__: str
    from .api import RecordFields, Result, clean, clean_html, clean_record
    from .config import Config, ConfigError
    from .model import Block, Change, Document, Keep, Location
    from .pipeline import DEFAULT_STAGES

logging.getLogger(__name__).addHandler(logging.NullHandler())

# The public names and the modules that define them, imported on first use: the stages
# load ftfy, the rule packs and their scanner, which `cleaner --help` has no need of.
_PUBLIC = {
    "DEFAULT_STAGES": "pipeline",
    "Block": "model",
    "Change": "model",
    "Config": "config",
    "ConfigError": "config",
    "Document": "model",
    "Keep": "model",
    "Location": "model",
    "RecordFields": "api",
    "Result": "api",
    "clean": "api",
    "clean_html": "api",
    "clean_record": "api",
}

__all__ = [
    "DEFAULT_STAGES",
    "Block",
    "Change",
    "Config",
    "ConfigError",
    "Document",
    "Keep",
    "Location",
    "RecordFields",
    "Result",
    "__version__",
    "clean",
    "clean_html",
    "clean_record",
]


def _version() -> str:
    # (Read from the installed metadata: that costs a tenth of `cleaner --help`'s time,
    # so only when asked for.)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cleaner")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # (found directly from now on)
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
