"""Reading other people's folders: encodings, front matter, ids, collections, BM25 terms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from retrieval.errors import SourceError
from retrieval.lexical import stem, tokenize
from retrieval.sources import (
    collection_for,
    decode,
    document_id,
    find_markdown,
    parse_document,
    read_source,
    split_front_matter,
)
from retrieval.tokens import model_token_counter

COUNT = model_token_counter()


def parse(path: Path, root: Path, **kwargs: object):
    _, files = find_markdown(root)
    file = next(f for f in files if f.path == path.resolve())
    return parse_document(read_source(file), collection=None, counter=COUNT, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("rollback.md", "rollback"),
        ("kubernetes/KubePodCrashLooping.md", "kubernetes/KubePodCrashLooping"),
        ("kubernetes/_index.md", "kubernetes/_index"),
        ("team/service/README.md", "team/service/README"),
        ("docs/index.md", "docs/index"),
        ("README.md", "README"),
        ("_index.md", "_index"),
        ("notes.markdown", "notes"),
    ],
)
def test_path_ids(rel: str, expected: str) -> None:
    assert document_id(rel) == expected


def test_front_matter_id_wins_and_title_falls_back_to_h1(tmp_path: Path, write: Callable[..., Path]) -> None:
    a = write("a/x.md", "---\nid: custom-id\n---\n# Heading title\n\nBody text here.\n")
    b = write("a/KubeJobFailed.md", "# KubeJobFailed\n\n## Meaning\n\nJob failed.\n")
    doc_a = parse(a, tmp_path / "corpus")
    doc_b = parse(b, tmp_path / "corpus")
    assert (doc_a.doc_id, doc_a.title) == ("custom-id", "Heading title")
    assert (doc_b.doc_id, doc_b.title) == ("a/KubeJobFailed", "KubeJobFailed")
    assert doc_b.chunks[0].text.startswith("KubeJobFailed > Meaning")


def test_hugo_front_matter_yaml_and_toml(tmp_path: Path, write: Callable[..., Path]) -> None:
    y = write(
        "k8s/KubePodNotReady.md",
        "---\ntitle: Kube Pod Not Ready\nweight: 20\n---\n\n# KubePodNotReady\n\n## Meaning\n\nNot ready.\n",
    )
    t = write("k8s/other.md", '+++\ntitle = "TOML page"\nalerts = ["TomlAlert"]\n+++\n\nSome body.\n')
    doc_y = parse(y, tmp_path / "corpus")
    doc_t = parse(t, tmp_path / "corpus")
    assert doc_y.title == "Kube Pod Not Ready"
    assert doc_y.chunks[0].heading_path == ("KubePodNotReady", "Meaning")
    assert (doc_t.title, doc_t.alerts) == ("TOML page", ("TomlAlert",))


def test_design_front_matter_fields(tmp_path: Path, write: Callable[..., Path]) -> None:
    path = write(
        "rb.md",
        '---\nid: rollback-a-deploy\ntitle: Roll back a bad deploy\nservices: ["*"]\nalerts: [HighErrorRate]\n'
        "source_url: https://git.example.com/runbooks/rb.md\n---\n# Roll back\n\nDo it.\n",
    )
    doc = parse(path, tmp_path / "corpus")
    assert doc.services == ("*",)
    assert doc.alerts == ("HighErrorRate",)
    assert doc.source_url == "https://git.example.com/runbooks/rb.md"
    assert len(doc.content_hash) == 64


def test_base_url_builds_citations(tmp_path: Path, write: Callable[..., Path]) -> None:
    path = write("sub/page.md", "# Page\n\nText.\n")
    doc = parse(path, tmp_path / "corpus", base_url="https://github.com/o/r/blob/main/")
    assert doc.source_url == "https://github.com/o/r/blob/main/sub/page.md"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"---\ntitle: [unclosed\n---\nbody\n", "front matter does not parse"),
        (b"---\n- a\n- b\n---\nbody\n", "front matter must be a mapping"),
        (b"---\ntitle: never closed\n\nbody text\n", "never closed"),
        (b"---\ntitle: only front matter\n---\n", "nothing to index"),
        (b"# Title\n\n## Only headings\n", "no text to index"),
        (b"---\nid: [1, 2]\n---\nbody\n", "id must be a string"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(
    tmp_path: Path, write: Callable[..., Path], content: bytes, problem: str
) -> None:
    path = write("bad.md", content)
    with pytest.raises(SourceError, match=problem) as caught:
        parse(path, tmp_path / "corpus")
    assert "bad.md" in str(caught.value)


def test_non_utf8_is_decoded_with_a_warning(tmp_path: Path, write: Callable[..., Path]) -> None:
    path = write("latin.md", "# Café crème\n\nRésumé of the naïve façade.\n".encode("cp1252"))
    warnings: list[str] = []
    _, files = find_markdown(tmp_path / "corpus")
    doc = parse_document(read_source(files[0]), collection=None, counter=COUNT, warnings=warnings)
    assert "Résumé" in doc.chunks[0].text
    assert len(warnings) == 1
    assert "latin.md" in warnings[0]
    assert "not valid UTF-8" in warnings[0]
    assert path.exists()


def test_utf16_with_bom_and_utf8_bom() -> None:
    notes: list[str] = []
    assert decode("# Hi\n".encode("utf-16"), "x.md", notes) == "# Hi\n"
    assert decode(b"\xef\xbb\xbf# Hi\n", "x.md", notes) == "# Hi\n"
    assert notes == []


def test_front_matter_split_handles_crlf() -> None:
    meta, body = split_front_matter("---\r\ntitle: T\r\n---\r\n# H\r\n", "x.md")
    assert meta == {"title": "T"}
    assert body.strip() == "# H"


def test_walk_skips_hidden_and_non_markdown(tmp_path: Path, write: Callable[..., Path]) -> None:
    write("a.md", "# A\n\ntext\n")
    write(".git/x.md", "# hidden\n\ntext\n")
    write("node_modules/pkg/README.md", "# dep\n\ntext\n")
    write("b/c/d.markdown", "# D\n\ntext\n")
    write("config.yaml", "a: 1\n")
    write("Instance-down", "no extension\n")
    root, files = find_markdown(tmp_path / "corpus")
    assert sorted(f.rel_path for f in files) == ["a.md", "b/c/d.markdown"]
    assert root == (tmp_path / "corpus").resolve()


def test_single_file_root_is_its_folder(tmp_path: Path, write: Callable[..., Path]) -> None:
    path = write("x/y.md", "# Y\n\ntext\n")
    root, files = find_markdown(path)
    assert root == path.parent.resolve()
    assert [f.rel_path for f in files] == ["y.md"]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        find_markdown(tmp_path / "nope")


def test_kb_folder_anywhere_selects_the_kb_collection(tmp_path: Path, write: Callable[..., Path]) -> None:
    write("runbooks/kb/vpn.md", "# VPN\n\ntext\n")
    write("runbooks/deep/kb/x/wifi.md", "# Wifi\n\ntext\n")
    write("runbooks/rollback.md", "# R\n\ntext\n")
    _, files = find_markdown(tmp_path / "corpus" / "runbooks")
    by_name = {f.rel_path: collection_for(f, None) for f in files}
    assert by_name == {"kb/vpn.md": "kb", "deep/kb/x/wifi.md": "kb", "rollback.md": "runbooks"}
    _, kb_files = find_markdown(tmp_path / "corpus" / "runbooks" / "kb")
    assert collection_for(kb_files[0], None) == "kb"
    assert collection_for(kb_files[0], "runbooks") == "runbooks"


def test_tokenize_keeps_identifiers_whole_and_split() -> None:
    terms = tokenize("KubePodCrashLooping max_connections OOMKilled kube-state-metrics 5xx")
    for term in ("kubepodcrashloop", "kube", "pod", "crash", "loop", "max_connections", "max", "connection"):
        assert term in terms
    assert "oom" in terms
    assert "kill" in terms
    assert "5xx" in terms
    assert "state" in terms
    assert "metric" in terms


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("restarting", "restart"),
        ("restarts", "restart"),
        ("pods", "pod"),
        ("policies", "policy"),
        ("running", "run"),
        ("killed", "kill"),
        ("crashes", "crash"),
        ("status", "status"),
        ("dns", "dns"),
    ],
)
def test_light_stemmer(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("---\n{{ card_data }}\n---\n# Model card\n\nBody words here.\n", "Body words here."),
        ("---\ntitle: never closed\n\nBody words here.\n", "Body words here."),
    ],
)
def test_lenient_front_matter_indexes_the_body_with_a_warning(
    tmp_path: Path, write: Callable[..., Path], content: str, kept: str
) -> None:
    write("template.md", content)
    _, files = find_markdown(tmp_path / "corpus")
    warnings: list[str] = []
    doc = parse_document(
        read_source(files[0]), collection=None, counter=COUNT, warnings=warnings, strict_front_matter=False
    )
    assert kept in doc.chunks[0].text
    assert doc.doc_id == "template"
    assert "indexed without it" in warnings[0]
    assert "template.md" in warnings[0]
