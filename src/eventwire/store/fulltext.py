"""Full-text search over article title and text, one query language for both dialects.

PostgreSQL parses the query with ``websearch_to_tsquery`` (words are ANDed, ``"a phrase"``, ``or``,
``-word``) against the expression the GIN index of the first migration is built on; SQLite's FTS5 has a
query syntax of its own in which a stray hyphen or colon is a syntax error, so the same query language is
translated to FTS5 here: every word and phrase is quoted (FTS5 then reads no operator in it).
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from .schema import articles

# the text search configuration of the GIN index (migration 0001); a query must use the same one
POSTGRES_CONFIG = "english"

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def fts5_query(query: str) -> str:
    """``wto "trade talks" or -tariffs`` -> ``"wto" "trade talks" OR ... NOT "tariffs"`` (FTS5 syntax)."""
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(query):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.lower() == "or" and positive:
            pending_or = True
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negated, word = "-", word[1:]
        term = (phrase if phrase is not None else word or "").replace('"', "")
        if not term.strip():
            continue
        quoted = f'"{term}"'
        if negated:
            negative.append(quoted)
        elif pending_or:
            positive[-1] = f"({positive[-1]} OR {quoted})"
        else:
            positive.append(quoted)
        pending_or = False
    if not positive:
        return ""
    expression = " AND ".join(positive)
    return expression + "".join(f" NOT {term}" for term in negative)


def article_pks_matching(dialect: str, query: str) -> sa.ColumnElement[bool]:
    """A condition on ``articles`` that keeps the articles matching ``query``."""
    if dialect == "postgresql":
        # literal SQL, not bound values: the planner uses the index only for the very same expression
        document = sa.literal_column(
            f"to_tsvector('{POSTGRES_CONFIG}'::regconfig, coalesce(articles.title, '') || ' ' || articles.text)"
        )
        tsquery = sa.func.websearch_to_tsquery(sa.literal_column(f"'{POSTGRES_CONFIG}'::regconfig"), query)
        return document.bool_op("@@")(tsquery)
    expression = fts5_query(query)
    if not expression:
        return sa.false()
    matching = sa.text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts").bindparams(fts=expression)
    return articles.c.pk.in_(matching.columns(sa.column("rowid", sa.Integer)))
