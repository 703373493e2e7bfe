"""The HTTP API and the web dashboard over a store (docs/api.md): ``create_app(store_url, settings)``."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
