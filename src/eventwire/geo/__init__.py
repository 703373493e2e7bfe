"""Places: mentions resolved to the map, and the location of events.

Component ``eventwire_places`` (:mod:`eventwire.geo.component`, runs after actors and dates) writes

- ``doc._.places``: schema ``places[]`` dicts ``{text, start, end, name, country (ISO3), lat, lon,
  geonameid, feature ("P.PPLC", "A.PCLI", ...), source ("entity" | "dateline")}``; a name the gazetteer
  does not know keeps ``name`` and nulls;
- ``doc.spans["places"]``: one span per mention, ``kb_id_`` = GeoNames id (or ""), ``label_`` = feature
  (or "" when unresolved).

Metonymic uses ("Moscow insisted", "Washington rejected") are left to the actors: they are not places.

For the events component::

    from eventwire.geo import event_place
    event_place(doc, trigger_token)
    # -> {"name", "country", "lat", "lon", "geonameid", "start", "end", "rule"} or None

``rule`` says which evidence chose the place: ``prep_in`` / ``prep_at`` / ... ("talks in Brussels": a
locative phrase on the predicate or its object), ``nominal`` ("At the Geneva talks", "the Geneva
talks"), ``sentence`` (another literal place in the same sentence) or ``dateline`` (the weak fallback).

The gazetteer (:func:`load_gazetteer`) is loaded once per process on first use.
"""

from __future__ import annotations

from .gazetteer import Gazetteer, Place, load_gazetteer, name_key
from .locate import event_place

__all__ = ["Gazetteer", "Place", "event_place", "load_gazetteer", "name_key"]
