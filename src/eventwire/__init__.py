"""eventwire: news articles to structured, evidence-linked event data.

Python API::

    import eventwire
    nlp = eventwire.load()                       # the configured pipeline, built once
    record = eventwire.code_text("MOSCOW: ...", date="2022-01-12", nlp=nlp)
    for record in eventwire.code_articles(articles, nlp=nlp): ...
"""

from __future__ import annotations

__version__ = "0.1.0"

from .coding import code_articles, code_text, load  # noqa: E402

__all__ = ["__version__", "code_articles", "code_text", "load"]
