"""spaCy component ``eventwire_events``: codes CAMEO/PLOVER events into ``doc._.events``."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import register_extensions
from ..records import Event, as_record
from ..settings import component_settings
from .cameo import frames_version, table_version
from .coder import STATEMENT_CODE, EventCoder
from .patterns import DICTIONARY_VERSION, load_dictionary


class EventComponent:
    """Runs the event coder on each Doc; events added earlier (e.g. by the quotes component through
    :func:`eventwire.events.code_speech_event`) are kept, and duplicates (same id) dropped."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.coder = EventCoder(load_dictionary(), settings)
        self.versions = {"cameo_verbs": DICTIONARY_VERSION, "cameo_codes": table_version(), "cameo_frames": frames_version()}

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc._.events or [])
        ids = {event["id"] for event in existing}
        coded = [event for event in self.coder.code_doc(doc) if event["id"] not in ids]
        events = _one_statement_per_speaker(existing + coded)
        # text order (speech events made by the quotes component arrive first); a stable sort keeps the
        # coder's order among events of one trigger (coordinated actors in the order the text names them)
        events.sort(key=lambda e: (e["sentence"], e["trigger"]["start"]))
        doc._.events = [as_record(event, Event) for event in events]
        versions = dict(doc._.versions or {})
        versions.update(self.versions)
        doc._.versions = versions
        return doc


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
    assigns=["doc._.events", "doc._.versions"],
    requires=["doc._.article", "doc._.actors", "doc._.dates", "doc._.places", "doc._.quotes", "token.dep", "token.lemma"],
    default_config={"settings": None},
)
def make_event_component(nlp: Language, name: str, settings: dict[str, Any] | None) -> EventComponent:
    register_extensions()
    return EventComponent(component_settings("events", settings))
