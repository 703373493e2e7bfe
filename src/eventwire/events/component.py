"""spaCy component ``eventwire_events``: codes CAMEO/PLOVER events into ``doc._.events``, and links each
quote to the speech event coded from its cue (``Quote.event``)."""

from __future__ import annotations

from typing import Any

from msgspec import UNSET
from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import register_extensions
from ..quotes.component import LAYOUT_CUES
from ..quotes.cues import load_cues
from ..records import Event, as_record
from ..settings import component_settings
from . import code_speech_event
from .cameo import frames_version, table_version
from .coder import STATEMENT_CODE, EventCoder
from .patterns import DICTIONARY_VERSION, load_dictionary


class EventComponent:
    """Codes the events of each Doc: first the speech act of each quote whose cue the verb dictionary codes
    (:func:`eventwire.events.code_speech_event`; the quote gets the event's id), then the coder's own pass,
    whose duplicates of those (same id) are dropped. The only component that writes ``doc._.events``."""

    def __init__(self, settings: Any, reporting: Any, places: Any = None) -> None:
        lexicon = load_cues(reporting["cues"])
        self.coder = EventCoder(load_dictionary(), settings, reporting=lexicon.frames_reported_acts, places=places)
        self.speech_events: bool = settings["speech_events"]
        self.statements: bool = settings["statements"]
        self.versions = {"reporting": lexicon.version, "events_lexicon": self.coder.lexicon.version, "cameo_verbs": DICTIONARY_VERSION, "cameo_codes": table_version(), "cameo_frames": frames_version()}

    def __call__(self, doc: Doc) -> Doc:
        spoken = self._speech_events(doc) if self.speech_events else []
        ids = {event["id"] for event in spoken}
        coded = [event for event in self.coder.code_doc(doc) if event["id"] not in ids]
        events = _one_statement_per_speaker(spoken + coded)
        if not self.statements:
            events = self._without_statements(doc, events)
        # text order (speech events first); a stable sort keeps the coder's order among events of one trigger
        # (coordinated actors in the order the text names them)
        events.sort(key=lambda e: (e["sentence"], e["trigger"]["start"]))
        doc._.events = [as_record(event, Event) for event in events]
        versions = dict(doc._.versions or {})
        versions.update(self.versions)
        doc._.versions = versions
        return doc

    @staticmethod
    def _without_statements(doc: Doc, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Plain statements (010: "said", "announced", "told reporters") are quotes, not events, unless
        ``events.statements`` asks for them (PLOVER has no statement category); a quote keeps no link to a
        dropped event."""
        dropped = {event["id"] for event in events if event["cameo"] == STATEMENT_CODE}
        if dropped:
            for quote in doc._.quotes or []:
                if quote.event in dropped:
                    quote.event = UNSET
        return [event for event in events if event["id"] not in dropped]

    def _speech_events(self, doc: Doc) -> list[dict[str, Any]]:
        """One event per quote with a coded cue and a resolved speaker; each quote records its event's id."""
        events: list[dict[str, Any]] = []
        known: set[str] = set()
        self.coder.start_document()
        actors = {actor.id: actor for actor in doc._.actors or []}
        for quote in doc._.quotes or []:
            cue, speaker = quote.cue, quote.speaker
            if cue is None or speaker is None or not speaker.actor or cue.lemma in LAYOUT_CUES:
                continue
            span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
            if span is None or span[0].pos_ in {"NOUN", "PROPN"}:
                # "accepted the demands from the rebels that ...": a cue noun reports speech, but the act it
                # names is the verb's object, coded (or not) by the verb
                continue
            actor = actors.get(speaker.actor)
            participant = {"id": speaker.actor, "name": actor.name if actor else speaker.name,
                           "code": actor.code if actor else speaker.code, "start": speaker.start, "end": speaker.end}
            event = code_speech_event(doc, span[0], participant, coder=self.coder)
            if event is None:
                continue
            quote.event = event["id"]
            if event["id"] not in known:
                known.add(event["id"])
                events.append(event)
        return events


def _one_statement_per_speaker(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """"noted ..., he emphasized", "said, adding that": one plain statement (010) per speaker and counterpart
    in a sentence, the first one (quote-derived events come first and carry the quote)."""
    seen: set[tuple[Any, ...]] = set()
    out: list[dict[str, Any]] = []
    for event in events:
        if event.get("cameo") == STATEMENT_CODE and event.get("source"):
            key = (event.get("sentence"), event["source"].get("actor"), (event.get("target") or {}).get("actor"))
            if key in seen:
                continue
            seen.add(key)
        out.append(event)
    return out


@Language.factory(
    "eventwire_events",
    assigns=["doc._.events", "doc._.quotes", "doc._.versions"],
    requires=["doc._.article", "doc._.actors", "doc._.dates", "doc._.places", "doc._.quotes", "token.dep", "token.lemma"],
    default_config={"settings": None, "reporting": None, "places": None},
)
def make_event_component(
    nlp: Language,
    name: str,
    settings: dict[str, Any] | None,
    reporting: dict[str, Any] | None,
    places: dict[str, Any] | None,
) -> EventComponent:
    """``settings``: the ``[events]`` table; ``reporting``: the shared ``[reporting]`` table; ``places``: the
    ``[places]`` table (the locative prepositions that place an event)."""
    register_extensions()
    return EventComponent(
        component_settings("events", settings), component_settings("reporting", reporting), component_settings("places", places)
    )
