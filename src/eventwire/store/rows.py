"""An :class:`ArticleRecord` as table rows, and the hashes that identify an article's input and a run."""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from ..records import ActorRef, Article, ArticleRecord, content_id, to_builtins


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def content_hash(article: Article | ArticleRecord, ignore_metadata: Iterable[str] = ()) -> str:
    """What the coder reads of an article: a changed text, title, date or metadata means re-coding."""
    skip = set(ignore_metadata)
    metadata = {key: value for key, value in article.metadata.items() if key not in skip}
    return content_id(article.text, article.headline or "", article.date or "", _canonical(metadata))


def settings_hash(settings: dict[str, Any], ignore: Iterable[str]) -> str:
    """The settings that shape records (tables in ``ignore`` only steer the CLI, the store, evaluation)."""
    skip = set(ignore)
    return content_id(_canonical({table: value for table, value in settings.items() if table not in skip}))


def run_row(provenance: dict[str, Any], settings_digest: str, schema: str) -> dict[str, Any]:
    """The coding run: its id is a hash of every version and the settings, so equal runs share one row."""
    run_id = content_id(_canonical(provenance), settings_digest)
    return {
        "id": run_id,
        "schema": schema,
        "eventwire": provenance["eventwire"],
        "pipeline": provenance["pipeline"]["name"],
        "pipeline_version": provenance["pipeline"].get("version"),
        "components": list(provenance["components"]),
        "dictionaries": dict(provenance["dictionaries"]),
        "settings_hash": settings_digest,
        "created_at": dt.datetime.now(dt.UTC),
    }


class _Sentences:
    """Sentence of an offset, by bisection over the sentence starts."""

    def __init__(self, record: ArticleRecord) -> None:
        self.spans = [(s.start, s.end) for s in record.sentences]
        self.starts = [start for start, _ in self.spans]

    def of(self, offset: int, index: int | None = None) -> dict[str, int | None]:
        if index is None:
            index = bisect_right(self.starts, offset) - 1
        if not 0 <= index < len(self.spans):
            return {"sentence": None, "sentence_start": None, "sentence_end": None}
        start, end = self.spans[index]
        return {"sentence": index, "sentence_start": start, "sentence_end": end}


def _ref(prefix: str, ref: ActorRef | None) -> dict[str, Any]:
    if ref is None:
        return dict.fromkeys(f"{prefix}_{k}" for k in ("actor", "name", "code", "start_char", "end_char"))
    return {
        f"{prefix}_actor": ref.actor,
        f"{prefix}_name": ref.name,
        f"{prefix}_code": ref.code,
        f"{prefix}_start_char": ref.start,
        f"{prefix}_end_char": ref.end,
    }


def article_row(record: ArticleRecord, run_id: str, digest: str) -> dict[str, Any]:
    metadata = record.metadata
    source = metadata.get("source", metadata.get("sitename"))
    url = metadata.get("url")
    return {
        "id": record.id,
        "content_hash": digest,
        "run_id": run_id,
        "title": record.headline,
        "date": record.date,
        "date_source": record.date_source,
        "source": source if isinstance(source, str) else None,
        "url": url if isinstance(url, str) else None,
        "text": record.text,
        "metadata": metadata,
        "dateline": to_builtins(record.dateline) if record.dateline else None,
        "sentences": [[s.start, s.end] for s in record.sentences],
        "entities": to_builtins(record.entities),
        "coded_at": dt.datetime.now(dt.UTC),
    }


def annotation_rows(record: ArticleRecord) -> dict[str, list[dict[str, Any]]]:
    """Rows of every annotation table for one record, keyed by table name."""
    sentences = _Sentences(record)
    aid = record.id
    actors, mentions = [], []
    for n, actor in enumerate(record.actors):
        actors.append(
            {"article_id": aid, "n": n, "id": actor.id, "name": actor.name, "code": actor.code,
             "country": actor.country, "role": actor.role, "type": actor.type}
        )
        for mention in actor.mentions:
            mentions.append(
                {"article_id": aid, "n": len(mentions), "actor_id": actor.id, "start_char": mention.start,
                 "end_char": mention.end, "text": mention.text, "kind": mention.kind, **sentences.of(mention.start)}
            )
    events = []
    for n, event in enumerate(record.events):
        place = event.place
        events.append(
            {
                "article_id": aid, "n": n, "id": event.id, **_ref("source", event.source), **_ref("target", event.target),
                "cameo": event.cameo, "root": event.root, "quad": event.quad, "goldstein": event.goldstein,
                "plover_type": event.plover.type, "plover_mode": event.plover.mode,
                "date": event.date, "date_source": event.date_source,
                "place_name": place.name if place else None, "place_country": place.country if place else None,
                "place_lat": place.lat if place else None, "place_lon": place.lon if place else None,
                "place_geonameid": place.geonameid if place else None,
                "place_start_char": place.start if place else None, "place_end_char": place.end if place else None,
                "place_rule": place.rule if place else None,
                "negated": event.negated, "modality": event.modality, "reported": event.reported,
                "start_char": event.start, "end_char": event.end, "trigger_text": event.trigger.text,
                "trigger_start_char": event.trigger.start, "trigger_end_char": event.trigger.end,
                "rule": event.rule, "dictionary": event.dictionary, **sentences.of(event.start, event.sentence),
            }
        )
    quotes = []
    for n, quote in enumerate(record.quotes):
        cue = quote.cue
        parts = quote.get("parts")
        quotes.append(
            {
                "article_id": aid, "n": n, "id": quote.id, "text": quote.text, "start_char": quote.start,
                "end_char": quote.end, "kind": quote.kind, "cue_text": cue.text if cue else None,
                "cue_lemma": cue.lemma if cue else None, "cue_category": cue.category if cue else None,
                "cue_start_char": cue.start if cue else None, "cue_end_char": cue.end if cue else None,
                **_ref("speaker", quote.speaker),
                "parts": [[p.start, p.end] for p in parts] if parts else None,
                "event_id": quote.get("event"), **sentences.of(quote.start, quote.sentence),
            }
        )
    dates = [
        {"article_id": aid, "n": n, "text": d.text, "start_char": d.start, "end_char": d.end, "type": d.type,
         "value": d.value, **sentences.of(d.start)}
        for n, d in enumerate(record.dates)
    ]
    places = [
        {"article_id": aid, "n": n, "text": p.text, "start_char": p.start, "end_char": p.end, "name": p.name,
         "country": p.country, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid, "feature": p.feature,
         "source": p.source, **sentences.of(p.start)}
        for n, p in enumerate(record.places)
    ]
    return {"actors": actors, "mentions": mentions, "events": events, "quotes": quotes, "dates": dates, "places": places}
