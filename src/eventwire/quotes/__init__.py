"""Quotes: direct, mixed and indirect speech with cue and speaker (component ``eventwire_quotes``)."""

from __future__ import annotations

from .marks import QuotedRegion, find_quoted_regions

__all__ = ["QuotedRegion", "find_quoted_regions"]
