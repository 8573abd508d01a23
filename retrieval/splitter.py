"""Cutting line ranges of a markdown body into pieces within a token budget.

A range that is over budget is cut between top-level blocks, then between nested blocks (list
items), then between lines, never inside fenced or indented code. A single code block longer than
the budget is cut between lines and each part is re-fenced with the original fence line, so every
piece still holds balanced, complete fences. A single line longer than the budget is cut between
words (and a monster word between characters). Counts are sums of the lines' model tokens, exact
for WordPiece, which splits on whitespace first.
"""

from __future__ import annotations

import itertools
import re

from retrieval.structure import Structure
from retrieval.tokens import TokenCounter

_FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})")


class Splitter:
    """Cuts line ranges of one document into pieces of at most ``budget`` content tokens."""

    def __init__(self, structure: Structure, counter: TokenCounter) -> None:
        self.s = structure
        self.counter = counter
        self.line_tokens = counter(structure.lines)
        self.inside: set[int] = set()  # lines where a cut is forbidden (inside code)
        self.fence_at: dict[int, tuple[int, int]] = {}
        for start, end in structure.protected:
            self.inside.update(range(start + 1, end))
            self.fence_at[start] = (start, end)

    def tokens(self, lo: int, hi: int) -> int:
        return sum(self.line_tokens[lo:hi])

    def text(self, lo: int, hi: int) -> str:
        return "\n".join(self.s.lines[lo:hi]).strip("\n")

    def split(self, lo: int, hi: int, budget: int) -> list[tuple[str, int]]:
        """Pieces (text, tokens) covering lines [lo, hi), each within ``budget``."""
        lo, hi = self._trim(lo, hi)
        if lo >= hi:
            return []
        total = self.tokens(lo, hi)
        if total <= budget:
            return [(self.text(lo, hi), total)]
        for tier in (self.s.top_starts, self.s.nested_starts, None):
            cuts = [line for line in range(lo + 1, hi) if line not in self.inside and (tier is None or line in tier)]
            if cuts:
                return self._pack(lo, hi, cuts, budget)
        # No legal cut: a single line, or a single code block.
        fence = self.fence_at.get(lo)
        if fence is not None and fence[1] >= hi and hi - lo > 1:
            return self._refence(lo, hi, budget)
        return split_words(self.text(lo, hi), budget, self.counter)

    def _trim(self, lo: int, hi: int) -> tuple[int, int]:
        lines = self.s.lines
        while lo < hi and not lines[lo].strip():
            lo += 1
        while hi > lo and not lines[hi - 1].strip():
            hi -= 1
        return lo, hi

    def _pack(self, lo: int, hi: int, cuts: list[int], budget: int) -> list[tuple[str, int]]:
        bounds = [lo, *cuts, hi]
        out: list[tuple[str, int]] = []
        start = lo
        for a, b in itertools.pairwise(bounds):
            if self.tokens(start, b) <= budget:
                continue
            if start < a:  # close the group before this segment
                out.extend(self.split(start, a, budget))
            if self.tokens(a, b) > budget:  # the segment alone is too big
                out.extend(self.split(a, b, budget))
                start = b
            else:
                start = a
        if start < hi:
            out.extend(self.split(start, hi, budget))
        return out

    def _refence(self, lo: int, hi: int, budget: int) -> list[tuple[str, int]]:
        lines = self.s.lines
        opener = lines[lo]
        match = _FENCE_OPEN.match(opener)
        closer = ""
        body_hi = hi
        if match:
            marker = match.group(2)
            last = lines[hi - 1].strip()
            closes = last.startswith(marker[0] * len(marker)) and not last.strip(marker[0])
            if hi - 1 > lo and closes:
                closer = lines[hi - 1]
                body_hi = hi - 1
            else:
                closer = match.group(1) + marker
        frame = self.line_tokens[lo] + (self.counter([closer])[0] if closer else 0)
        inner = budget - frame
        if not match or inner < 8:  # an indented code block, or a fence line eating the budget
            return split_words(self.text(lo, hi), budget, self.counter)
        out: list[tuple[str, int]] = []
        group: list[str] = []
        used = 0
        rows: list[tuple[str, int]] = []
        for line in range(lo + 1, body_hi):
            count = self.line_tokens[line]
            if count > inner:
                rows.extend(split_words(lines[line], inner, self.counter))
            else:
                rows.append((lines[line], count))
        for row, count in rows:
            if group and used + count > inner:
                out.append(("\n".join([opener, *group, closer]), used + frame))
                group, used = [], 0
            group.append(row)
            used += count
        if group or not out:
            out.append(("\n".join([opener, *group, closer]), used + frame))
        return out


def split_words(text: str, budget: int, counter: TokenCounter) -> list[tuple[str, int]]:
    """Cut ``text`` between words (and an over-long word between characters)."""
    words = [w for w in re.split(r"(\s+)", text) if w]
    counts = counter(words)
    out: list[tuple[str, int]] = []
    current: list[str] = []
    used = 0

    def flush() -> None:
        nonlocal current, used
        piece = "".join(current).strip()
        if piece:
            out.append((piece, used))
        current, used = [], 0

    for word, count in zip(words, counts, strict=True):
        if count > budget:
            flush()
            out.extend(_split_chars(word, budget, counter))
            continue
        if used + count > budget:
            flush()
        current.append(word)
        used += count
    flush()
    return out


def _split_chars(word: str, budget: int, counter: TokenCounter) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    rest = word
    while rest:
        lo, hi = 1, len(rest)
        while lo < hi:  # the longest prefix within budget
            mid = (lo + hi + 1) // 2
            if counter([rest[:mid]])[0] <= budget:
                lo = mid
            else:
                hi = mid - 1
        piece = rest[:lo]
        out.append((piece, counter([piece])[0]))
        rest = rest[lo:]
    return out
