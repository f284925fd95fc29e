"""Giving freed memory back to the operating system before the build's hungriest step.

CPython frees a build's page HTML and view models into its own allocator and glibc's heap, which
keep the pages: the process stays as large as at its peak while Pagefind (1.4 GiB at 20,000 talks)
runs beside it, and the two together passed issue 16's 2 GiB budget. A full collection followed by
glibc's ``malloc_trim`` returns the free pages. Elsewhere (musl, macOS) it only collects.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys

from ..kb.names import fold, skeleton, slugify
from ..link.matcher import is_common_word


def give_memory_back() -> None:
    """Collect cyclic garbage, then ask glibc to return free heap pages to the system."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)


def forget_caches() -> None:
    """Empty the memos loading and linking filled (folded names, slugs, look-alike skeletons, common
    words, and wordfreq's word list: ~25 MiB) once a one-off build no longer reads them."""
    fold.cache_clear()
    slugify.cache_clear()
    skeleton.cache_clear()
    is_common_word.cache_clear()
    wordfreq = sys.modules.get("wordfreq")
    if wordfreq is not None:  # only if linking loaded it
        for memo in ("get_frequency_dict", "get_frequency_list"):
            clear = getattr(getattr(wordfreq, memo, None), "cache_clear", None)
            if callable(clear):
                clear()
