"""Markdown chunking: headings, fences, token caps, tiny sections, anchors (real tokenizer)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from retrieval.markdown import chunk_markdown, clean_for_embedding
from retrieval.structure import first_heading, github_slug
from retrieval.tokens import SPECIAL_TOKENS, model_token_counter

COUNT = model_token_counter()


def chunks_of(body: str, title: str = "Doc", max_tokens: int = 128, min_tokens: int = 40):
    return chunk_markdown(body, doc_id="doc", title=title, counter=COUNT, max_tokens=max_tokens, min_tokens=min_tokens)


def words(n: int, seed: str = "w") -> str:
    return " ".join(f"{seed}{i}" for i in range(n))


def test_breadcrumbs_follow_h1_and_h2() -> None:
    body = f"# KubePodCrashLooping\n\n## Meaning\n\n{words(40, 'm')}\n\n## Diagnosis\n\n{words(40, 'd')}\n"
    chunks = chunks_of(body)
    assert [c.heading_path for c in chunks] == [
        ("KubePodCrashLooping", "Meaning"),
        ("KubePodCrashLooping", "Diagnosis"),
    ]
    assert chunks[1].text.startswith("KubePodCrashLooping > Diagnosis\n\n")
    assert chunks[1].section == "Diagnosis"
    assert chunks[1].anchor == "diagnosis"


def test_hash_lines_inside_fences_are_not_headings() -> None:
    body = (
        "# Runbook\n\n## Fix\n\nRun this:\n\n```bash\n# restart the pods\nkubectl rollout restart deploy/api\n"
        "## not a heading either\n```\n\nThen check.\n"
    )
    chunks = chunks_of(body)
    assert len(chunks) == 1
    assert chunks[0].heading_path == ("Runbook", "Fix")
    assert "# restart the pods" in chunks[0].text
    assert "## not a heading either" in chunks[0].text


def test_no_headings_uses_the_title() -> None:
    chunks = chunks_of("Just some text about the VPN client and how to reinstall it.\n", title="VPN notes")
    assert len(chunks) == 1
    assert chunks[0].heading_path == ("VPN notes",)
    assert chunks[0].text.startswith("VPN notes\n\nJust some text")


def test_tiny_sections_merge_into_the_previous_and_keep_their_headings() -> None:
    body = "# Alert\n\n## Meaning\n\nPod restarts.\n\n## Impact\n\nService degraded.\n\n## Diagnosis\n\n" + words(60)
    chunks = chunks_of(body)
    first = chunks[0]
    assert [s.title for s in first.sections][:2] == ["Meaning", "Impact"]
    assert "## Impact" in first.text
    assert "Service degraded." in first.text
    assert first.section == "Meaning"


def test_long_section_splits_at_h3_with_its_own_breadcrumb() -> None:
    body = (
        f"# Pool exhaustion\n\n## Diagnosis\n\n{words(45, 'i')}\n\n"
        f"### Server side\n\n{words(45, 's')}\n\n### Client side\n\n{words(45, 'c')}\n"
    )
    chunks = chunks_of(body)
    paths = [c.heading_path for c in chunks]
    assert ("Pool exhaustion", "Diagnosis", "Server side") in paths
    assert ("Pool exhaustion", "Diagnosis", "Client side") in paths
    server = next(c for c in chunks if c.heading_path[-1] == "Server side")
    assert server.anchor == "server-side"
    assert "s44" in server.text
    assert "c0" not in server.text


def test_short_section_keeps_its_h3s_in_one_chunk() -> None:
    body = "# T\n\n## Mitigation\n\n" + words(30, "a") + "\n\n### Helm\n\n" + words(30, "b") + "\n"
    chunks = chunks_of(body, max_tokens=256)
    assert len(chunks) == 1
    assert "### Helm" in chunks[0].text
    assert [s.title for s in chunks[0].sections] == ["Mitigation", "Helm"]


def test_every_chunk_is_within_the_cap_including_breadcrumb() -> None:
    body = "# Title\n\n## Big\n\n" + "\n\n".join(words(50, f"p{i}x") for i in range(12))
    chunks = chunks_of(body, max_tokens=64)
    assert len(chunks) > 5
    for chunk in chunks:
        assert COUNT([chunk.text])[0] + SPECIAL_TOKENS <= 64
        assert chunk.tokens <= 64


def test_oversized_code_block_is_refenced_not_cut_open() -> None:
    code = "\n".join(f"echo line-{i} with some words" for i in range(60))
    body = f"# T\n\n## Script\n\n```bash\n{code}\n```\n"
    chunks = chunks_of(body, max_tokens=96)
    assert len(chunks) > 2
    for chunk in chunks:
        fences = [line for line in chunk.text.split("\n") if line.strip().startswith("```")]
        assert len(fences) == 2
        assert fences[0] == "```bash"
    joined = "\n".join(c.text for c in chunks)
    assert all(f"echo line-{i} " in joined for i in range(60))


def test_a_single_enormous_line_is_cut_between_words() -> None:
    body = "# T\n\n" + words(400, "z") + "\n"
    chunks = chunks_of(body, max_tokens=64)
    assert all(c.tokens <= 64 for c in chunks)
    text = " ".join(c.text for c in chunks)
    assert "z0" in text
    assert "z399" in text


def test_anchors_follow_github_and_custom_ids() -> None:
    body = (
        "# Doc\n\n## Step 1: check `kubectl` (now!)\n\n"
        + words(45, "a")
        + "\n\n## FAQ\n\n"
        + words(45, "b")
        + "\n\n## FAQ\n\n"
        + words(45, "c")
        + "\n\n## Custom {#my-anchor}\n\n"
        + words(45, "d")
        + "\n"
    )
    anchors = [c.anchor for c in chunks_of(body)]
    assert anchors == ["step-1-check-kubectl-now", "faq", "faq-1", "my-anchor"]
    assert github_slug("Café & Ünïcode_stuff") == "café--ünïcode_stuff"


def test_setext_headings_and_multiple_h1s() -> None:
    body = f"Part one\n========\n\n{words(45, 'a')}\n\nPart two\n========\n\n{words(45, 'b')}\n"
    chunks = chunks_of(body, title="Handbook")
    assert [c.heading_path for c in chunks] == [("Handbook", "Part one"), ("Handbook", "Part two")]


def test_headings_only_documents_produce_no_chunks() -> None:
    assert chunks_of("# Title\n\n## Empty\n\n## Also empty\n") == []


def test_first_heading_ignores_code() -> None:
    assert first_heading("```\n# not this\n```\n\n# KubeJobFailed\n") == "KubeJobFailed"


def test_clean_for_embedding_drops_markup_not_words() -> None:
    raw = (
        "See [the docs](https://example.com/a_(b)) and <https://x.io>.\n<details>\n<summary>More</summary>\n\n"
        "**Bold** {{< hint info >}}note{{< /hint >}}\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    clean = clean_for_embedding(raw)
    assert "the docs" in clean
    assert "https://example.com" not in clean
    assert "<details>" not in clean
    assert "More" in clean
    assert "**" not in clean
    assert "Bold" in clean
    assert "{{<" not in clean
    assert "note" in clean
    assert "|---|" not in clean


# ------------------------------------------------------------------ properties

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=10)
_line = st.lists(_word, min_size=1, max_size=40).map(" ".join)
_paragraph = st.lists(_line, min_size=1, max_size=4).map("\n".join)
_code_line = st.one_of(_line, _line.map(lambda s: "# " + s), _line.map(lambda s: "## " + s))
_fence = st.tuples(st.sampled_from(["bash", "sql", "", "yaml"]), st.lists(_code_line, min_size=1, max_size=25)).map(
    lambda t: "```" + t[0] + "\n" + "\n".join(t[1]) + "\n```"
)
_list = st.lists(_line, min_size=1, max_size=6).map(lambda items: "\n".join("- " + i for i in items))
_heading = st.tuples(st.integers(1, 4), st.lists(_word, min_size=1, max_size=5).map(" ".join)).map(
    lambda t: "#" * t[0] + " " + t[1]
)
_block = st.one_of(_paragraph, _paragraph, _fence, _list, _heading, _heading)
_document = st.lists(_block, min_size=1, max_size=14).map("\n\n".join)

FENCE_LINE = re.compile(r"^\s*```")


SETEXT_UNDERLINE = re.compile(r"^ {0,3}(-+|=+)\s*$")


def _body_words(body: str) -> Counter[str]:
    """Words of every line that is neither a heading nor a fence delimiter (outside fences).

    Paragraph lines followed by a line of only ``-`` or ``=`` are a (setext) heading, as
    CommonMark reads ``0\n0\n-``: none of those lines is body text."""
    out: Counter[str] = Counter()
    inside = False
    paragraph: list[str] = []
    for line in body.split("\n"):
        if FENCE_LINE.match(line):
            inside = not inside
            paragraph = []
            continue
        if not inside and re.match(r"^#{1,6}\s", line):
            paragraph = []
            continue
        if not inside and paragraph and SETEXT_UNDERLINE.match(line):
            for text in paragraph:
                out.subtract(text.split())
            paragraph = []
            continue
        out.update(line.split())
        if inside or not line.strip():
            paragraph = []
        else:
            paragraph.append(line)
    return +out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_document, cap=st.sampled_from([48, 64, 128, 256]))
def test_chunker_properties(body: str, cap: int) -> None:
    chunks = chunks_of(body, max_tokens=cap)
    contents = []
    for chunk in chunks:
        # Every chunk fits the cap, counted by the model's tokenizer with [CLS]/[SEP].
        assert COUNT([chunk.text])[0] + SPECIAL_TOKENS <= cap
        content = chunk.text.split("\n\n", 1)[1]
        contents.append(content)
        # No chunk starts or ends inside a fenced block: its fence lines pair up.
        assert sum(1 for line in content.split("\n") if FENCE_LINE.match(line)) % 2 == 0
    # The chunks cover the body: every word outside headings and fence lines is somewhere.
    covered: Counter[str] = Counter()
    for content in contents:
        covered.update(w for line in content.split("\n") if not FENCE_LINE.match(line) for w in line.split())
    missing = _body_words(body) - covered
    assert not missing, f"words lost: {list(missing)[:5]}"


@settings(max_examples=60, deadline=None)
@given(body=_document)
@example(body="0\n-\n0")  # a setext heading
def test_code_lines_never_become_breadcrumbs(body: str) -> None:
    headings = set()
    inside = False
    paragraph: list[str] = []  # lines a setext underline ("-" or "=" alone) would make a heading
    for line in body.split("\n"):
        if FENCE_LINE.match(line):
            inside = not inside
            paragraph = []
        elif inside:
            continue
        elif m := re.match(r"^#{1,6}\s+(.*)$", line):
            headings.add(" ".join(m.group(1).split()).rstrip("#").strip())
            paragraph = []
        elif paragraph and re.match(r"^ {0,3}(-+|=+)\s*$", line):
            headings.update(" ".join(paragraph[i:]) for i in range(len(paragraph)))
            paragraph = []
        else:
            paragraph = [*paragraph, line] if line.strip() else []
    plain = {h.replace("_", "").replace(" ", "") for h in headings}  # emphasis markers render away
    for chunk in chunks_of(body):
        for part in chunk.heading_path[1:]:
            flat = part.replace("_", "").replace(" ", "")
            assert part == "(untitled)" or any(h.startswith(flat) for h in plain)


@pytest.mark.parametrize("cap", [10, 31])
def test_cap_below_minimum_is_refused(cap: int) -> None:
    with pytest.raises(ValueError, match="at least 32"):
        chunks_of("text", max_tokens=cap)
