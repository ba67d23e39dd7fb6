"""Which case references repeat, without hashing a million Python strings.

Hashing every reference through pandas' string hash table was the slowest step of a population
import. Here each reference's bytes are read straight from the Arrow buffers as 64-bit words
(bytes past its end zeroed) and folded to one 64-bit key per reference (for references of up to
eight bytes the key is the bytes themselves). Sorting the keys finds those that repeat, and only
those references are compared exactly. Equal references always get equal keys, so nothing
repeated is missed; a key shared by different references costs an exact comparison of a few
rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

_PRIME = np.uint64(0x100000001B3)
_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [2**64 - 1], dtype=np.uint64)
_LONGEST = 64  # longer references take the exact path: folding more words stops paying off


def _chunk_keys(chunk: pa.Array) -> np.ndarray | None:
    """One 64-bit key per string; None when the chunk is not plain strings short enough."""
    if pa.types.is_string(chunk.type):
        offset_type = np.dtype(np.int32)
    elif pa.types.is_large_string(chunk.type):
        offset_type = np.dtype(np.int64)
    else:
        return None
    n = len(chunk)
    _, offsets_buffer, data_buffer = chunk.buffers()
    offsets = np.frombuffer(
        offsets_buffer, dtype=offset_type, count=n + 1, offset=chunk.offset * offset_type.itemsize
    ).astype(np.int64)
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer else np.zeros(1, np.uint8)
    lengths = np.diff(offsets)
    longest = int(lengths.max(initial=0))
    if longest > _LONGEST:
        return None
    words = max(1, -(-longest // 8))
    if n and (lengths == longest).all():  # fixed-width references: one contiguous block
        start = offsets[0]
        matrix = np.zeros((n, words * 8), dtype=np.uint8)
        matrix[:, :longest] = data[start : start + n * longest].reshape(n, longest)
        packed = [matrix.view(np.uint64)[:, w] for w in range(words)]
    else:  # each 8-byte word of every reference read at once, bytes past its end masked off
        padded = np.zeros(len(data) + 8, dtype=np.uint8)
        padded[: len(data)] = data
        at_every_byte = np.ndarray((len(data) + 1,), dtype="<u8", buffer=padded, strides=(1,))
        starts = offsets[:-1]
        packed = [
            at_every_byte[np.minimum(starts + 8 * w, len(data))]
            & _MASKS[np.clip(lengths - 8 * w, 0, 8)]
            for w in range(words)
        ]
    keys = packed[0].copy()
    with np.errstate(over="ignore"):
        for word in packed[1:]:
            keys = (keys ^ (keys >> np.uint64(29))) * _PRIME ^ word
        if words > 1:
            keys ^= lengths.astype(np.uint64)
    return keys


def _keys(references: pd.Series) -> np.ndarray | None:
    array = references.array
    arrow = getattr(array, "_pa_array", None)  # pandas' Arrow-backed strings
    if arrow is None:
        return None
    chunks = arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]
    found = [_chunk_keys(chunk) for chunk in chunks]
    if any(keys is None for keys in found):
        return None
    return np.concatenate(found) if found else np.empty(0, dtype=np.uint64)


def repeated(references: pd.Series, missing: np.ndarray) -> np.ndarray:
    """True for every present reference that occurs more than once (all occurrences)."""
    keys = _keys(references)
    if keys is None:
        return references.duplicated(keep=False).to_numpy() & ~missing
    keys = keys[~missing]
    ordered = np.sort(keys)  # sorting beats a hash table here: packed bytes hash poorly
    shared = ordered[1:][ordered[1:] == ordered[:-1]]
    candidates = np.isin(keys, shared) if len(shared) else np.zeros(len(keys), dtype=bool)
    result = np.zeros(len(references), dtype=bool)
    if candidates.any():
        present = np.flatnonzero(~missing)[candidates]
        result[present] = references.iloc[present].duplicated(keep=False).to_numpy()
    return result
