"""Custom attributes on spaCy objects, registered once, on demand, never at import time.

Contract between components (each component's factory declares in ``assigns``/``requires`` which of these
it writes and reads, so ``nlp.analyze_pipes()`` checks the order):

- ``Doc._.article``: dict from :meth:`Article.context` (id, date, headline_span, dateline), set before the pipe
- ``Doc._.actors``:  list of :class:`~eventwire.records.Actor`; mention spans in ``doc.spans["actors"]``
  with ``span.kb_id_`` = actor id and ``span.label_`` = actor code (or "" when uncoded)
- ``Doc._.dates``:   list of :class:`~eventwire.records.DateExpr`; spans in ``doc.spans["dates"]``
- ``Doc._.places``:  list of :class:`~eventwire.records.Place`; spans in ``doc.spans["places"]``
- ``Doc._.quotes``:  list of :class:`~eventwire.records.Quote`
- ``Doc._.events``:  list of :class:`~eventwire.records.Event`
- ``Doc._.versions``: dict of data-file versions used by the components that ran

Docs travel between processes (``nlp.pipe(n_process=...)``) as msgpack bytes: the record types cross that
boundary through the codec registered here with srsly (spaCy's serialiser), and come back typed.
"""

from __future__ import annotations

from typing import Any

import msgspec
import srsly
from spacy.tokens import Doc

from ..records import DOC_TYPES, Record

DOC_EXTENSIONS: tuple[str, ...] = ("article", "actors", "dates", "places", "quotes", "events", "versions")
_TAG = "__eventwire_record__"
_CODEC = "eventwire_records"


def _encode_record(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, Record):
        return {_TAG: type(obj).__name__, "data": msgspec.to_builtins(obj)}
    return obj if chain is None else chain(obj)


def _decode_record(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _TAG in obj:
        return msgspec.convert(obj["data"], DOC_TYPES[obj[_TAG]])
    return obj if chain is None else chain(obj)


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory and every worker process."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if _CODEC not in srsly.msgpack_encoders.get_all():
        srsly.msgpack_encoders.register(_CODEC, func=_encode_record)
        srsly.msgpack_decoders.register(_CODEC, func=_decode_record)
