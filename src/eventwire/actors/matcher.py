"""Whole-token, case-insensitive phrase matching for the actor dictionaries.

Equivalent to spaCy's ``PhraseMatcher(attr="LOWER")`` for our use, but patterns are plain token lists: a
PhraseMatcher needs a Doc per pattern, and making ~44k of them (each new word becomes a vocabulary entry)
took most of the component's load time.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc


class TokenSequenceMatcher:
    """Finds every occurrence of any added token sequence (compared lowercased), as (key, start, end)
    triples in text order, shorter before longer at the same start."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, ...], list[int]] = {}
        # every prefix of every pattern, so that a scan stops as soon as no pattern can continue
        self._prefixes: set[tuple[str, ...]] = set()

    def add(self, key: int, sequences: Iterable[list[str]]) -> None:
        for words in sequences:
            lowered = tuple(word.lower() for word in words)
            if not lowered:
                continue
            found = self._keys.setdefault(lowered, [])
            if key not in found:
                found.append(key)
            for size in range(1, len(lowered) + 1):
                self._prefixes.add(lowered[:size])

    def __len__(self) -> int:
        return len(self._keys)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        lowers = [token.lower_ for token in doc]
        matches: list[tuple[int, int, int]] = []
        for start in range(len(lowers)):
            end = start + 1
            while end <= len(lowers):
                sequence = tuple(lowers[start:end])
                if sequence not in self._prefixes:
                    break
                for key in self._keys.get(sequence, ()):
                    matches.append((key, start, end))
                end += 1
        return matches
