"""Sentence starts from the article's layout: paragraph breaks, the end of the headline and of the
dateline. Runs before the parser, which keeps boundaries that are already set."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions


class LayoutSentencizer:
    def __call__(self, doc: Doc) -> Doc:
        context = doc._.article or {}
        cuts: set[int] = set()
        headline = context.get("headline_span")
        if headline:
            cuts.add(headline[1])
        dateline = context.get("dateline")
        if dateline:
            cuts.add(dateline["end"])
        for token in doc[:-1]:
            # a paragraph break: a whitespace token holding a blank line
            if token.is_space and token.text.count("\n") >= 2:
                cuts.add(token.idx + len(token.text))
        pending = sorted(cuts)
        for token in doc:
            # the first non-space token at or after a cut opens a sentence
            if not pending or token.is_space or token.idx < pending[0]:
                continue
            if token.i > 0:
                token.is_sent_start = True
            while pending and pending[0] <= token.idx:
                pending.pop(0)
        return doc


@Language.factory("eventwire_layout", assigns=["token.is_sent_start"], requires=["doc._.article"])
def make_layout_sentencizer(nlp: Language, name: str) -> LayoutSentencizer:
    register_extensions()
    return LayoutSentencizer()
