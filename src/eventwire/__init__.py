"""eventwire: news articles to structured, evidence-linked event data.

Python API::

    import eventwire
    nlp = eventwire.load()                       # the configured pipeline, built once
    record = eventwire.code_text("MOSCOW: ...", date="2022-01-12", nlp=nlp)
    for record in eventwire.code_articles(articles, nlp=nlp): ...
    store = eventwire.open_store("eventwire.db")  # or "postgresql://user@host/name"
    store.events(actor="RUS", root="13")          # the filters of `eventwire query`
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any  # noqa: E402

from .coding import code_articles, code_text, load  # noqa: E402

if TYPE_CHECKING:
    from .store import Store


def open_store(db: str | None = None, settings: dict[str, Any] | None = None) -> Store:
    """The store at ``db`` (a SQLite path or a PostgreSQL URL), else ``$EVENTWIRE_DB``, else ``eventwire.db``
    (imported on first use: SQLAlchemy is not needed to code articles)."""
    from .store import open_store as _open_store

    return _open_store(db, settings)


__all__ = ["__version__", "code_articles", "code_text", "load", "open_store"]
