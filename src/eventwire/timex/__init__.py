"""Temporal expressions: found, typed and normalized TimeML-style against the publication date.

- ``eventwire_dates`` (module :mod:`eventwire.timex.component`) writes ``doc._.dates`` (schema
  ``dates[]``: text, start, end, type DATE/TIME/DURATION/SET, value) and ``doc.spans["dates"]``
  (``span.label_`` = type, ``span.kb_id_`` = value or ""; :func:`span_value` returns ``str | None``).
- :func:`normalize` (``text, anchor, tense -> Normalized(type, value)``) works on a bare string.
- :func:`event_date` (``doc, trigger_token -> (value | None, source)``) dates an event for the events
  component: the date expression attached to the predicate (``"predicate"``: an obl/npadvmod/prep phrase,
  or a possessive/compound on a nominal trigger as in "Monday's talks"), else the nearest one in the
  same sentence (``"sentence"``), else the publication date (``"publication"``), else ``(None, "none")``.
  Durations, sets and PRESENT_REF-like values never date an event; a time of day gives its day.
"""

from __future__ import annotations

from .attach import event_date
from .calendar import Normalized
from .normalize import normalize


def span_value(span: object) -> str | None:
    """The normalized value of a span from ``doc.spans["dates"]`` (None when unresolved)."""
    return getattr(span, "kb_id_", "") or None


__all__ = ["Normalized", "event_date", "normalize", "span_value"]
