"""Custom attributes on spaCy objects, registered once, on demand, never at import time.

Contract between components (each component's factory declares which of these it assigns):

- ``Doc._.article``: dict from :meth:`Article.context` (id, date, headline_span, dateline), set before the pipe
- ``Doc._.actors``:  list of actor dicts (schema ``actors[]``); mention spans in ``doc.spans["actors"]``
  with ``span.kb_id_`` = actor id and ``span.label_`` = actor code (or "" when uncoded)
- ``Doc._.dates``:   list of date dicts (schema ``dates[]``); spans in ``doc.spans["dates"]``
- ``Doc._.places``:  list of place dicts (schema ``places[]``); spans in ``doc.spans["places"]``
- ``Doc._.quotes``:  list of quote dicts (schema ``quotes[]``)
- ``Doc._.events``:  list of event dicts (schema ``events[]``)
- ``Doc._.versions``: dict of data-file versions used by the components that ran

All values are plain JSON-able data so that Docs travel between processes (``n_process``) intact.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS: tuple[str, ...] = ("article", "actors", "dates", "places", "quotes", "events", "versions")


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory and every worker process."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
