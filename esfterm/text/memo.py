"""A bounded memo for per-word work: words (and whitespace-free chunks of text) recur, so
each distinct one is worked on once, and a lookup is one C-level dict access.

    keys = Memo(lambda word: expensive_key(word))
    codes = "".join(map(keys.__getitem__, words))
"""

from __future__ import annotations

from typing import Callable

#: A memo is emptied when it grows past this many entries, so memory stays bounded.
MEMO_LIMIT = 500_000


class Memo(dict):
    """A dict whose missing entries `make` computes; `map(memo.__getitem__, keys)` then runs
    without a Python-level call per key that was seen before."""

    def __init__(self, make: Callable[[str], object]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> object:
        if len(self) > MEMO_LIMIT:
            self.clear()
        value = self[key] = self.make(key)
        return value
