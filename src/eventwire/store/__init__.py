"""The store: coded articles in SQLite (default) or PostgreSQL, queried and exported (docs/store.md)."""

from __future__ import annotations

from .base import ENV_DB, Store, open_store, resolve_url

__all__ = ["ENV_DB", "Store", "open_store", "resolve_url"]
