"""BM25 over chunks with bm25s, and the tokenizer that makes ops vocabulary match.

bm25s does the scoring (Lucene BM25, sparse matrices, saved as ``.npy`` files and memory-mapped
on load). The tokenizer is ours because ops text is full of identifiers that a word tokenizer
mangles: an alert name ``KubePodCrashLooping`` is kept whole (for exact hits) *and* split into
``kube pod crash looping`` (so "pod keeps crash looping" finds it); ``max_connections``,
``kube-state-metrics`` and ``OOMKilled`` likewise. Words are lowercased, stop words dropped, and
reduced by a light suffix stemmer (plural ``-s``/``-es``/``-ies`` and ``-ing``/``-ed``), which is
enough for "restarting"/"restarts"/"restart" to meet; PyStemmer would be the full Snowball
stemmer, but it is not a dependency and the light rules are predictable on identifiers.

Field boosts: bm25s scores one field, so :meth:`Vocabulary.fields` repeats the fields that name a
document (title, alert names, file name) and a chunk's headings before its body, the usual way to
weight fields in a single-field BM25.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import numpy.typing as npt

_STOPWORDS_TEXT = """a an and are as at be but by can could did do does doing for from had has
have how i if in into is it its me my no not of on or our should so such that the their then
there these they this to was we were what when where which who why will with would you your"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_WORD = re.compile(r"\w+", re.UNICODE)
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+[a-zA-Z]*")

TITLE_WEIGHT = 2
"""Times the naming fields (title, alert names, file name) are repeated: what a document is called
outweighs a passing mention in its body."""
HEADING_WEIGHT = 2
"""Times a chunk's headings are repeated: a section heading says what the section is about."""

BM25_K1 = 1.2
"""Term frequency saturation: Lucene's default, so a term repeated in a chunk adds little."""
BM25_B = 0.75
"""Length normalisation: Lucene's default, so long chunks do not win on length alone."""


def stem(word: str) -> str:
    """A light English suffix stemmer (see the module docstring)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5:
        word = word[:-2]
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "running" -> "runn" -> "run"
    return word


def tokenize(text: str) -> list[str]:
    """Lowercased, stemmed terms with identifiers kept whole and split."""
    out: list[str] = []
    for match in _WORD.finditer(text):
        raw = match.group(0)
        lower = raw.lower()
        parts = [p for p in raw.split("_") if p]
        pieces: list[str] = []
        for part in parts:
            pieces.extend(_CAMEL.findall(part) or [part])
        if (len(lower) > 1 or lower.isdigit()) and lower not in STOPWORDS:
            out.append(stem(lower))
        if len(pieces) > 1:
            for piece in pieces:
                p = piece.lower()
                if len(p) > 1 and p not in STOPWORDS:
                    out.append(stem(p))
    return out


class Vocabulary:
    """Term ids in order of first appearance, so an index's texts are held as lists of ids.

    As strings, the 6 million term occurrences of a 100,000-chunk corpus took 370 MB (65 bytes
    each); an id is a reference to one shared int (8 bytes).
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def terms(self, text: str) -> list[int]:
        """The ids of ``tokenize(text)``, in order (new terms get the next ids)."""
        ids = self.ids
        return [ids.setdefault(term, len(ids)) for term in tokenize(text)]

    def fields(
        self, *, names: Iterable[str], headings: Iterable[str], body: list[int], weight: int | None = None
    ) -> list[int]:
        """The single field BM25 indexes for a chunk: the ids of the name and heading fields,
        repeated (``weight`` times each, default :data:`TITLE_WEIGHT` and
        :data:`HEADING_WEIGHT`), then ``body`` (ids from :meth:`terms`).

        They are the ids of the fields' lines joined by newlines: no term spans a newline, so
        tokenizing the joined text gives the same terms in the same order."""
        name_terms = self.terms(" ".join(n for n in names if n))
        heading_terms = self.terms(" ".join(h for h in headings if h))
        names_times = TITLE_WEIGHT if weight is None else weight
        headings_times = HEADING_WEIGHT if weight is None else weight
        return name_terms * names_times + heading_terms * headings_times + body


class LexicalIndex:
    """BM25 scores for a fixed list of chunks (row ``i`` is chunk ``i`` of the generation)."""

    def __init__(self, model: object | None, size: int) -> None:
        self._model = model
        self.size = size

    @classmethod
    def build(cls, rows: list[list[int]], terms: dict[str, int]) -> LexicalIndex:
        """The index of ``rows`` (one list of term ids per chunk, from :class:`Vocabulary`);
        ``terms`` maps every id the rows use, and bm25s adds its empty term to it."""
        if not rows:
            return cls(None, 0)
        import bm25s

        model = bm25s.BM25(k1=BM25_K1, b=BM25_B, method="lucene")
        model.index((rows, terms), show_progress=False)
        return cls(model, len(rows))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "size.json").write_text(json.dumps({"size": self.size}))
        if self._model is not None:
            self._model.save(str(directory), show_progress=False)  # type: ignore[attr-defined]

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        size = int(json.loads((directory / "size.json").read_text())["size"])
        if size == 0:
            return cls(None, 0)
        import bm25s

        model = bm25s.BM25.load(str(directory), mmap=False, show_progress=False, verbosity=0)
        return cls(model, size)

    def scores(self, query: str) -> npt.NDArray[np.float32]:
        """BM25 score of every chunk for ``query`` (zeros when nothing matches)."""
        terms = tokenize(query)
        if self._model is None or not terms:
            return np.zeros(self.size, dtype=np.float32)
        result = self._model.get_scores(terms)  # type: ignore[attr-defined]
        return np.asarray(result, dtype=np.float32)
