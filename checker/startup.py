"""spaCy and lemminflect, imported when first needed, and spaCy without its command line."""
from __future__ import annotations

import sys
import types


def _spacy_info(*args, **kwargs):
    from spacy.cli.info import info
    return info(*args, **kwargs)


def import_spacy_without_cli() -> None:
    """Import spaCy without its command-line package.

    spaCy's __init__ imports `spacy.cli.info` only to offer `spacy.info()`, and so every command of its
    command line (requests, httpx, jinja2, weasel): about a third of spaCy's import time, which every
    numcheck run that parses or lemmatises would pay. The import sees a stand-in `spacy.cli.info`,
    removed right after, so `spacy.cli` still imports in full for whoever asks for it, and `spacy.info`
    loads the real one when called.
    """
    if "spacy" in sys.modules:
        return
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    info.info = _spacy_info
    cli.info = info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy  # noqa: F401
    finally:
        for name, stand_in in (("spacy.cli", cli), ("spacy.cli.info", info)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        spacy_module = sys.modules.get("spacy")
        if spacy_module is not None and getattr(spacy_module, "cli", None) is cli:
            delattr(spacy_module, "cli")


class _Lemminflect:
    """lemminflect, imported on first use, with spaCy without its command line (lemminflect's __init__
    imports spaCy): a run that reads no number (an empty file) then never imports spaCy, a third to half
    a second. Each function is looked up once and then kept here."""

    def __getattr__(self, name: str):
        import_spacy_without_cli()
        import lemminflect as module

        value = getattr(module, name)
        setattr(self, name, value)
        return value


lemminflect = _Lemminflect()
