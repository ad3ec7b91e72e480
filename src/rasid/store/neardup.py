"""Near-duplicate reports: the same story republished with small edits, often by another outlet.

Each report gets a MinHash signature of the character 5-grams of its normalised text
(computed with the extraction, in the worker); the store keeps an LSH index of the
signatures in memory, rebuilt from the database on first use, and links a new report
to the most similar stored one when their estimated Jaccard similarity reaches the
threshold. Character shingles of normalised text survive re-spelling, punctuation and
small insertions, while two differently worded reports of the same happening stay far
apart (those are fused as events instead, not linked as copies).
"""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.7
# LSH proposes candidates from a lower similarity so that few true matches are missed;
# each candidate is then checked against THRESHOLD on its full signature.
LSH_THRESHOLD = 0.5
SCHEME = "affine32"  # named, so that stored signatures stay comparable across datasketch versions


# The random permutations are the costly part of a MinHash; every signature shares one set.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature(norm_text: str) -> bytes:
    """MinHash signature of a normalised text, as bytes for the database."""
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_PERMUTATIONS)
    compact = norm_text.replace(" ", "")
    shingles = {compact[i : i + SHINGLE] for i in range(max(1, len(compact) - SHINGLE + 1))}
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh.hashvalues.astype(np.uint64).tobytes()


def _minhash(sig: bytes) -> LeanMinHash:
    """A stored signature, as the light MinHash that LSH and Jaccard estimates need."""
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(sig, dtype=np.uint64), scheme=SCHEME)


class NearDupIndex:
    """LSH over stored signatures: `match` finds the closest earlier report above the threshold."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=min(threshold, LSH_THRESHOLD), num_perm=NUM_PERM)
        self._sigs: dict[str, np.ndarray] = {}

    def add(self, key: str, sig: bytes) -> None:
        if key in self._sigs:
            return
        mh = _minhash(sig)
        self._sigs[key] = mh.hashvalues
        self._lsh.insert(key, mh)

    def match(self, sig: bytes) -> tuple[str, float] | None:
        """The most similar indexed report and its estimated Jaccard similarity, if close enough."""
        mh = _minhash(sig)
        keys = sorted(self._lsh.query(mh))
        if not keys:
            return None
        # Estimated Jaccard = share of equal hash values, for all candidates at once.
        sims = (np.stack([self._sigs[k] for k in keys]) == mh.hashvalues).mean(axis=1)
        best = int(np.argmax(sims))  # the first (smallest key) among equals
        if sims[best] < self.threshold:
            return None
        return keys[best], float(sims[best])
