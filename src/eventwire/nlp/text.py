"""Fast access to a Doc's text.

spaCy's ``Doc.text`` rebuilds the string from every token on each access, so code that slices it per
quote, cue or event turns linear work quadratic. Components run one Doc at a time, so a one-entry cache
keyed by identity returns the same string for every access while a component works on one Doc.
"""

from __future__ import annotations

import re

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


def last_non_space(text: str, end: int, start: int = 0) -> int:
    """The index of the last character of ``text[start:end]`` that is not whitespace, or ``start - 1``:
    where ``text[start:end].rstrip()`` ends, without copying the slice (per quotation, a copy of the text
    before it made long articles quadratic)."""
    i = min(end, len(text)) - 1
    while i >= start and text[i].isspace():
        i -= 1
    return max(i, start - 1)


# how far back :func:`search_before` looks first (it doubles the window until the match is inside it)
_LOOKBACK_CHARS = 256


def search_before(pattern: re.Pattern[str], text: str, end: int, suffix: re.Pattern[str]) -> re.Match[str] | None:
    """``pattern.search(text, 0, end)`` for a pattern that matches only up to ``end`` (it ends in ``$``, with no
    lookbehind, ``^`` or ``\\b``) and every tail of whose matches ``suffix`` matches in full. A window before
    ``end`` is searched and widened only while a match could start before it (the window is all such a
    tail), so the result is the same but the work stays near ``end``, not from the start of the text."""
    window = _LOOKBACK_CHARS
    while True:
        start = max(0, end - window)
        match = pattern.search(text, start, end)
        if start == 0 or (match is not None and match.start() > start) or not suffix.fullmatch(text, start, end):
            return match
        window *= 2
