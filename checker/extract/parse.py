"""The trained tagger and dependency parser, loaded once per process and run on number-bearing sentences only."""
from __future__ import annotations

import itertools
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:  # spaCy is imported when the first sentence is parsed: start-up stays cheap for files without numbers
    from spacy.language import Language
    from spacy.tokens import Doc

# The pipeline trained on UD English EWT (CC BY-SA 4.0) by training/train_parser.sh; see its LICENSE and README.
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "en_ud_ewt"
BATCH_SIZE = 64


@lru_cache(maxsize=1)
def pipeline() -> "Language":
    """The shipped pipeline (tokenizer, tagger, parser); NUMCHECK_MODEL may point at another spaCy model folder."""
    from checker.startup import import_spacy_without_cli

    import_spacy_without_cli()
    import spacy
    from thinc.api import use_ops

    path = Path(os.environ.get("NUMCHECK_MODEL") or MODEL_DIR)
    if not (path / "config.cfg").is_file():
        raise FileNotFoundError(f"{path}: no trained parser here (reinstall numcheck, or see training/train_parser.sh)")
    # Layers keep the ops they are built with. thinc's default CPU ops multiply matrices with its bundled
    # BLIS, which here runs about 3x slower than numpy's own BLAS (AVX-512 kernels): the same model,
    # the same weights, only the matrix products (most of the tagger's and parser's time) done elsewhere.
    # The shipped model's tokenizer is spaCy's English one, which its config builds anyway: reading the
    # saved copy too (thousands of special cases, added one by one) only repeats that work
    # (tests/extract/test_parse_model.py checks the two are the same).
    exclude = ["tokenizer"] if path == MODEL_DIR else []
    with use_ops("numpy", use_blis=False):
        return spacy.load(path, exclude=exclude)


def parse_iter(texts: Iterable[str]) -> Iterator["Doc"]:
    """Tags and dependency trees of the given sentences, in order, parsed lazily in batches.

    Nothing runs before the first parse is asked for: then the first sentence is read and, only if there
    is one, the model loaded (a document without quantities does not load it)."""
    texts = iter(texts)
    first = next(texts, None)
    if first is None:
        return
    yield from pipeline().pipe((_encodable(t) for t in itertools.chain((first,), texts)), batch_size=BATCH_SIZE)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """A lone surrogate (from a badly decoded file) cannot be encoded, and spaCy encodes every token:
    it becomes U+FFFD, one character for one, so offsets into the sentence still hold."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def parse(texts: Iterable[str]) -> list["Doc"]:
    """Tags and dependency trees of the given sentences, in order."""
    return list(parse_iter(texts))
