"""State shared by the parts of the event coder: the verb dictionary, the word lists and the per-Doc
dictionary matches. :class:`eventwire.events.coder.EventCoder` combines the parts."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, load_lexicon
from .participants import Participant
from .patterns import Match, VerbDictionary


def shipped_reporting_verbs() -> frozenset[str]:
    """The shipped reporting lexicon's verbs that frame reported acts (for coders built outside a pipeline)."""
    from ..quotes.cues import load_cues
    from ..settings import component_settings

    return load_cues(component_settings("reporting", None)["cues"]).frames_reported_acts


class CoderBase:
    def __init__(
        self, dictionary: VerbDictionary, lexicon: Lexicon | None = None, reporting: frozenset[str] | None = None
    ) -> None:
        self.dictionary = dictionary
        # a party acted on that names no coded actor is kept as an uncoded target (setting events.uncoded_targets)
        self.uncoded_targets = True
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        # verbs that frame a reported act, from the one reporting lexicon (setting reporting.cues)
        self.reporting = reporting if reporting is not None else shipped_reporting_verbs()
        # the source of the latest unmodalised act per CAMEO root in the article being coded
        self._recent_sources: dict[str, Participant] = {}
        self._match_doc: Doc | None = None
        self._matches: dict[int, Match | None] = {}

    def start_document(self) -> None:
        """Forget what the previous article's coding remembered (its recent sources)."""
        self._recent_sources = {}

    def match(self, token: Token) -> Match | None:
        """The verb dictionary's match for ``token``, computed once per token of the Doc being coded."""
        if self._match_doc is not token.doc:
            self._match_doc, self._matches = token.doc, {}
        if token.i not in self._matches:
            self._matches[token.i] = self.dictionary.match(token)
        return self._matches[token.i]


__all__ = ["CoderBase"]
