"""Handing the memory a step freed back to the system before the next step takes its own.

glibc's allocator keeps what Python and RocksDB free in its arenas (one per thread that allocates):
the memory a batch load, the tallies or the view let go of stays in the process, and the next step's
comes on top. A 100,000-article build's resident memory grew to 1.5 GB this way; a closed store's
process held 214 MB of which malloc_trim gave back 150. Elsewhere than glibc there is no
malloc_trim, and nothing is done.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


def release_freed_memory() -> None:
    """Return the allocator's free memory to the system (glibc's malloc_trim; a few milliseconds)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
