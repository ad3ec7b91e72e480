"""Near-duplicate reports: the same story republished with small edits, often by another outlet.

Each report gets a MinHash signature of the character 5-grams of its normalised text
(computed with the extraction, in the worker); the store keeps an LSH index of the
signatures in memory, rebuilt from the database on first use, and links a new report
to the most similar stored one when their estimated Jaccard similarity reaches the
threshold. Character shingles of normalised text survive re-spelling, punctuation and
small insertions, while two differently worded reports of the same happening stay far
apart (those are fused as events instead, not linked as copies).

The signature is a one-permutation MinHash with optimal densification (Li, Owen & Zhang,
"One Permutation Hashing", NIPS 2012; Shrivastava, "Optimal Densification for Fast and
Accurate Minwise Hashing", ICML 2017): every shingle is hashed once and falls into one of
`BINS` bins, each bin keeps its smallest hash, and an empty bin borrows the value of a
non-empty bin chosen by a fixed hash sequence. The estimate of Jaccard similarity is the
share of equal bins, as with classic MinHash, at the cost of one hash per shingle instead of
one per shingle and permutation — pure Python fast enough for ingest, with no numerical
libraries to install.
"""

from __future__ import annotations

import zlib
from array import array
from collections import defaultdict

BINS = 128
SHINGLE = 5
THRESHOLD = 0.7
# LSH proposes candidates from bands of ROWS bins; with 32 bands of 4 a pair at similarity 0.5
# becomes a candidate with probability 0.87, at 0.7 with probability 0.9998. Each candidate is
# then checked against THRESHOLD on its full signature.
ROWS = 4
SCHEME = b"OPH1"
"""Prefix of every stored signature, so that signatures of another scheme are never compared."""
_EMPTY = (1 << 32) - 1
_VALUE_SEED = 0x9E3779B9
"""CRC-32 from two starting values: one picks a shingle's bin, the other is its value in the bin.
CRC-32 is no cryptographic hash, but MinHash needs only a well-spread, stable one."""


def _densify(bins: list[int]) -> list[int]:
    """Fill each empty bin from a non-empty one, probing bins by a hash of (bin, attempt)."""
    if all(v == _EMPTY for v in bins):
        return bins
    out = list(bins)
    for i, value in enumerate(bins):
        attempt = 0
        while value == _EMPTY:
            attempt += 1
            value = bins[zlib.crc32(f"{i}:{attempt}".encode()) % BINS]
        out[i] = value
    return out


def signature(norm_text: str) -> bytes:
    """MinHash signature of a normalised text, as bytes for the database."""
    compact = norm_text.replace(" ", "").encode("utf-32-le")  # four bytes a character: shingles are slices
    width = 4 * SHINGLE
    shingles = {compact[i : i + width] for i in range(0, max(4, len(compact) - width + 4), 4)}
    bins = [_EMPTY] * BINS
    crc = zlib.crc32
    for shingle in shingles:
        slot, value = crc(shingle) % BINS, crc(shingle, _VALUE_SEED)
        if value < bins[slot]:
            bins[slot] = value
    return SCHEME + array("I", _densify(bins)).tobytes()


def _values(sig: bytes) -> tuple[int, ...] | None:
    """The bin values of a stored signature, or None for a signature of another scheme."""
    if not sig.startswith(SCHEME) or len(sig) != len(SCHEME) + 4 * BINS:
        return None
    return tuple(array("I", sig[len(SCHEME) :]))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity: the share of equal bins."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / BINS


class NearDupIndex:
    """LSH over stored signatures: `match` finds the closest earlier report above the threshold.

    Signatures of an older scheme (rasid before 0.2 stored datasketch MinHashes) are not
    indexed: such reports are still found as exact duplicates, never as near ones.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._bands: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
        self._sigs: dict[str, tuple[int, ...]] = {}

    @staticmethod
    def _band_keys(values: tuple[int, ...]) -> list[tuple[int, tuple[int, ...]]]:
        return [(b, values[b * ROWS : (b + 1) * ROWS]) for b in range(BINS // ROWS)]

    def add(self, key: str, sig: bytes) -> None:
        values = _values(sig)
        if key in self._sigs or values is None:
            return
        self._sigs[key] = values
        for band in self._band_keys(values):
            self._bands[band].append(key)

    def match(self, sig: bytes) -> tuple[str, float] | None:
        """The most similar indexed report and its estimated Jaccard similarity, if close enough."""
        values = _values(sig)
        if values is None:
            return None
        keys = sorted({k for band in self._band_keys(values) for k in self._bands.get(band, ())})
        best: tuple[str, float] | None = None
        for key in keys:  # the first (smallest key) among equals
            sim = similarity(self._sigs[key], values)
            if best is None or sim > best[1]:
                best = (key, sim)
        if best is None or best[1] < self.threshold:
            return None
        return best
