"""The actors component's output: ``doc._.actors`` records with stable ids, and ``doc.spans["actors"]``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from spacy.tokens import Doc, Span

from ..records import Actor
from ..records import Mention as ActorMention
from . import MENTION_KIND_METONYM, SPANS_KEY
from .coref import Mention
from .dictionary import ActorDictionary


def stable_id(*parts: str) -> str:
    return "a_" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def write_actors(doc: Doc, mentions: list[Mention], book: ActorDictionary, role_of: Callable[[str | None], str | None],
                 component_versions: dict[str, str]) -> Doc:
    """One actor per cluster into ``doc._.actors`` and its mentions into ``doc.spans["actors"]``."""
    by_cluster: dict[int, list[Mention]] = {}
    for m in mentions:
        by_cluster.setdefault(m.cluster, []).append(m)
    actors: list[Actor] = []
    spans: list[Span] = []
    seen_ids: set[str] = set()
    for cluster in sorted(by_cluster, key=lambda c: min(m.start for m in by_cluster[c])):
        group = sorted(by_cluster[cluster], key=lambda m: (m.start, m.end))
        names = [m for m in group if m.kind in ("name", MENTION_KIND_METONYM)]
        code = next((m.code for m in names if m.code), None) or next((m.code for m in group if m.code), None)
        kinds = [m.type for m in (names or group)]
        # the most frequent type, ties broken by first occurrence (deterministic across processes)
        actor_type = max(kinds, key=lambda k: (kinds.count(k), -kinds.index(k))) if kinds else "organization"
        if names:
            best = max(names, key=lambda m: (m.name_end - m.name_start, -m.start))
            name = doc[best.name_start:best.name_end].text
        else:
            name = doc[group[0].start:group[0].end].text
        actor_id = stable_id(actor_type, name.lower(), code or "")
        if actor_id in seen_ids:
            actor_id = stable_id(actor_type, name.lower(), code or "", str(doc[group[0].start].idx))
        seen_ids.add(actor_id)
        actors.append(Actor(
            id=actor_id,
            name=name,
            code=code,
            country=book.country_of(code),
            role=role_of(code),
            type=actor_type,
            mentions=[
                ActorMention(start=doc[m.start].idx, end=doc[m.end - 1].idx + len(doc[m.end - 1].text),
                             text=doc[m.start:m.end].text, kind=m.kind)
                for m in group
            ],
        ))
        for m in group:
            spans.append(Span(doc, m.start, m.end, label=code or "", kb_id=actor_id))
    doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start, s.end))
    doc._.actors = actors
    versions = dict(doc._.versions or {})
    versions.update(component_versions)
    doc._.versions = versions
    return doc
