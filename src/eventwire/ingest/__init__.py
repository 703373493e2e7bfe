"""Readers: plain text, JSONL, HTML, directories and stdin into :class:`eventwire.records.Article`."""

from .dateline import Dateline, find_dateline
from .readers import iter_articles, read_path, read_text_article

__all__ = ["Dateline", "find_dateline", "iter_articles", "read_path", "read_text_article"]
