"""Sentence starts from the article's layout: paragraph breaks, the end of the headline and of the
dateline. Runs before the parser, which keeps boundaries that are already set."""

from __future__ import annotations

from spacy.attrs import SENT_START
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
        starts: list[int] = []
        next_cut = 0
        for token in doc:
            # the first non-space token at or after a cut opens a sentence
            if next_cut == len(pending) or token.is_space or token.idx < pending[next_cut]:
                continue
            if token.i > 0:
                starts.append(token.i)
            while next_cut < len(pending) and pending[next_cut] <= token.idx:
                next_cut += 1
        if starts:
            # through the array, all at once: each ``token.is_sent_start = True`` scans the whole Doc for a
            # parse (spaCy's check), which made articles with many paragraphs quadratic
            values = doc.to_array(SENT_START)
            values[starts] = 1
            doc.from_array([SENT_START], values)
        return doc


@Language.factory("eventwire_layout", assigns=["token.is_sent_start"], requires=["doc._.article"])
def make_layout_sentencizer(nlp: Language, name: str) -> LayoutSentencizer:
    register_extensions()
    return LayoutSentencizer()
