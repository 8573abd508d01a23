"""Precision choice of the real embedder, without loading the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.embedder import SentenceTransformerEmbedder, cpu_flags

CPUINFO = """processor\t: 0
vendor_id\t: GenuineIntel
flags\t\t: fpu sse2 avx2 avx512f {extra}
bogomips\t: 4000.00
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [("amx_bf16 amx_tile", "bfloat16"), ("avx512_bf16", "bfloat16"), ("avx512_vnni", "float32")],
)
def test_auto_precision_follows_native_bfloat16(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, expected: str
) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(CPUINFO.format(extra=extra))
    monkeypatch.setattr("retrieval.embedder.cpu_flags", lambda: cpu_flags(cpuinfo))
    assert SentenceTransformerEmbedder().precision == expected
    assert SentenceTransformerEmbedder(precision="float32").precision == "float32"


def test_cpu_flags_unreadable_or_without_flags(tmp_path: Path) -> None:
    assert cpu_flags(tmp_path / "missing") == frozenset()
    (tmp_path / "cpuinfo").write_text("processor\t: 0\n")
    assert cpu_flags(tmp_path / "cpuinfo") == frozenset()
    (tmp_path / "arm").write_text("Features\t: fp asimd\nflags : a b\n")
    assert cpu_flags(tmp_path / "arm") == {"a", "b"}
