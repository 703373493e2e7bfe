"""Near-duplicate detection: MinHash signatures of word shingles and their LSH bands (datasketch).

Pure functions over text, no store: :mod:`eventwire.corpus.stories` keeps the signatures and bands in the
store and finds a new article's copies by its bands. datasketch computes the MinHash (``MinHash``,
its 2.0 ``affine32`` scheme) and picks the bands and rows that suit the threshold (``MinHashLSH``'s
optimum for the false positive and negative weights); a band's bucket is a hash of the band's index and
its rows, so equal buckets are LSH candidates, and a candidate is a copy when the signatures' estimated
Jaccard similarity reaches the threshold. Same text and settings give the same signature and buckets on
every machine (the hash functions are seeded; nothing depends on insertion order).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..component_settings import StoriesSettings
from ..records import content_id

# word tokens for shingles: letters and digits of any script, case folded
_WORD = re.compile(r"\w+")
# signatures are stored as unsigned 32-bit values (the affine32 scheme's range), little-endian
SIGNATURE_DTYPE = np.dtype("<u4")
BUCKET_BYTES = 8


@dataclass(frozen=True)
class LshParams:
    """What a signature was made with: stored with it, so a settings change is seen, not mixed."""

    shingle_words: int
    num_perm: int
    seed: int
    threshold: float
    bands: int
    rows: int
    scheme: str

    @property
    def digest(self) -> str:
        return content_id(
            str(self.shingle_words), str(self.num_perm), str(self.seed), repr(self.threshold), str(self.bands),
            str(self.rows), self.scheme,
        )


@lru_cache(maxsize=8)
def _bands_rows(threshold: float, num_perm: int, weights: tuple[float, float]) -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)
    return lsh.b, lsh.r


@lru_cache(maxsize=8)
def _template(num_perm: int, seed: int) -> Any:
    """An empty MinHash whose permutations are drawn once (drawing them costs more than hashing an article)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed)


def lsh_params(settings: StoriesSettings) -> LshParams:
    bands, rows = _bands_rows(
        settings.threshold, settings.num_perm, (settings.false_positive_weight, settings.false_negative_weight)
    )
    scheme = _template(settings.num_perm, settings.seed).scheme
    return LshParams(settings.shingle_words, settings.num_perm, settings.seed, settings.threshold, bands, rows, scheme)


def shingles(text: str, words: int) -> set[str]:
    """The set of ``words``-word shingles of the lower-cased text (a shorter text is one shingle)."""
    tokens = _WORD.findall(text.lower())
    if len(tokens) <= words:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + words]) for i in range(len(tokens) - words + 1)}


@dataclass(frozen=True)
class Signature:
    values: np.ndarray  # SIGNATURE_DTYPE, num_perm values
    shingles: int

    def to_bytes(self) -> bytes:
        return self.values.astype(SIGNATURE_DTYPE).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> Signature:
        return cls(np.frombuffer(data, dtype=SIGNATURE_DTYPE), shingles)


def signature(text: str, params: LshParams) -> Signature:
    """The MinHash signature of the text's shingles."""
    found = shingles(text, params.shingle_words)
    minhash = _template(params.num_perm, params.seed).copy()
    if found:
        minhash.update_batch([s.encode("utf-8") for s in sorted(found)])
    return Signature(minhash.hashvalues.astype(SIGNATURE_DTYPE), len(found))


def buckets(sig: Signature, params: LshParams) -> list[str]:
    """One bucket per band; an article with no words has none (it is nobody's copy)."""
    if not sig.shingles:
        return []
    values = sig.values.astype(SIGNATURE_DTYPE)
    out = []
    for band in range(params.bands):
        chunk = values[band * params.rows : (band + 1) * params.rows].tobytes()
        digest = hashlib.blake2b(band.to_bytes(4, "little") + chunk, digest_size=BUCKET_BYTES)
        out.append(digest.hexdigest())
    return out


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets (the share of equal hash values)."""
    if not a.shingles or not b.shingles:
        return 0.0
    return float(np.count_nonzero(a.values == b.values)) / len(a.values)


def is_copy(a: Signature, b: Signature, params: LshParams) -> bool:
    return similarity(a, b) >= params.threshold


class UnionFind:
    """Disjoint sets of ids whose root is always the smallest id: components that do not depend on the order
    in which pairs are joined."""

    def __init__(self, nodes: list[str]) -> None:
        self.parent = {node: node for node in nodes}

    def find(self, node: str) -> str:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def roots(self) -> dict[str, str]:
        return {node: self.find(node) for node in self.parent}


def components(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, str]:
    """Connected components: node -> the smallest node of its component. Order-free."""
    sets = UnionFind(nodes)
    for a, b in edges:
        sets.union(a, b)
    return sets.roots()


def describe(params: LshParams) -> dict[str, Any]:
    return {"bands": params.bands, "rows": params.rows, "scheme": params.scheme, "params": params.digest}
