"""The fixed tune/check split of every development set (one rule for everyone, never tuned).

An item (sentence, article, document) with the id ``ID`` is in **check** when the first 8 hex digits of
SHA-256(``ID``) are 0 modulo 3, else in **tune**. Errors are read on tune only; check decides whether a
change generalises (a rule that helps tune and not check is fitted). Ids per set: conflibert ``id``,
PolNeAR file stem, codebook ``"{code}:{row}"`` (0-based index among the CSV data rows), GeoVirus /
GeoWebNews ``"geovirus-0007"`` / ``"gwn-0007"`` (0-based article index), TimeBank/AQUAINT file stem,
GUM document id (file stem).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..errors import ErrorCode, UsageError

TUNE = "tune"
CHECK = "check"
# check first: it is the figure to read; tune is in-sample
SPLITS: tuple[str, ...] = (CHECK, TUNE)
_HEX_DIGITS = 8
_MODULUS = 3

T = TypeVar("T")


def split_of(item_id: str) -> str:
    """``"check"`` or ``"tune"`` for an item id."""
    digest = hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:_HEX_DIGITS]
    return CHECK if int(digest, 16) % _MODULUS == 0 else TUNE


def check_split(split: str | None) -> None:
    if split is not None and split not in SPLITS:
        raise UsageError(ErrorCode.E011, reason=f"unknown split {split!r}; known: {', '.join(SPLITS)}")


def select(items: Iterable[T], key: Callable[[T], str], split: str | None, limit: int | None = None) -> list[T]:
    """The items of one split (all items when ``split`` is None), in order, the first ``limit`` of them."""
    check_split(split)
    chosen = [item for item in items if split is None or split_of(key(item)) == split]
    return chosen[:limit] if limit else chosen
