"""Fast access to a Doc's text.

spaCy's ``Doc.text`` rebuilds the string from every token on each access, so code that slices it per
quote, cue or event turns linear work quadratic. Components run one Doc at a time, so a one-entry cache
keyed by identity returns the same string for every access while a component works on one Doc.
"""

from __future__ import annotations

from spacy.tokens import Doc

_cached_doc: Doc | None = None
_cached_text = ""


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc while it is the Doc being worked on."""
    global _cached_doc, _cached_text
    if doc is not _cached_doc or len(_cached_text) != _doc_length(doc):
        _cached_doc, _cached_text = doc, doc.text
    return _cached_text


def _doc_length(doc: Doc) -> int:
    # a cheap consistency check: a retokenized Doc with another length is rebuilt
    if len(doc) == 0:
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
