"""``opsdesk index`` and ``opsdesk search``: in-process with a hashing embedder, and end to end
(a new process, the real model) the way an evaluator would drive them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bot.cli import retrieval_commands
from bot.errors import ConfigError, InputError
from retrieval import Store
from tests.retrieval.conftest import HashEmbedder

ROOT = Path(__file__).resolve().parents[2]
OPSDESK = str(Path(sys.executable).parent / "opsdesk")


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    store = Store(tmp_path / "data", embedder=HashEmbedder())
    monkeypatch.setattr(retrieval_commands, "_configured_store", lambda: store)
    app = typer.Typer()
    retrieval_commands.register(app)
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return run


def _corpus(write: Callable[..., Path]) -> Path:
    write(
        "rb/rollback.md",
        "---\nid: rollback\ntitle: Roll back\nalerts: [HighErrorRate]\n---\n"
        "# Roll back\n\n## Helm\n\nhelm rollback to the last good revision\n",
    )
    write("rb/kb/vpn.md", "# VPN\n\n## Connect\n\nreinstall the vpn client\n")
    write("rb/bad.md", b"\x00\x00binary")
    return write("rb/empty.md", "").parent


def test_index_prints_a_summary_and_warnings(cli, write) -> None:
    root = _corpus(write)
    result = cli("index", str(root))
    assert result.exit_code == 0, result.output
    assert "indexed: 2 added, 0 changed, 0 deleted, 0 unchanged, 2 skipped" in result.stdout
    assert "warning:" in result.output
    assert "bad.md" in result.output
    assert "empty.md" in result.output
    again = cli("index", str(root))
    assert "0 added, 0 changed, 0 deleted, 2 unchanged" in again.stdout


def test_search_json_and_batch_follow_the_contract(cli, write, tmp_path: Path) -> None:
    cli("index", str(_corpus(write)))
    result = cli("search", "helm rollback", "--json", "--k", "2")
    data = json.loads(result.stdout)
    assert data["query"] == "helm rollback"
    assert data["results"][0] == {**data["results"][0], "id": "rollback", "section": "Helm", "title": "Roll back"}
    assert set(data["results"][0]) == {"id", "title", "section", "path", "score"}
    queries = tmp_path / "q.txt"
    queries.write_text('helm rollback\n\n{"query": "vpn client"}\nHighErrorRate on checkout\n')
    lines = cli("search", "--batch", str(queries), "--k", "1").stdout.strip().split("\n")
    parsed = [json.loads(line) for line in lines]
    assert [p["query"] for p in parsed] == ["helm rollback", "vpn client", "HighErrorRate on checkout"]
    assert [p["results"][0]["id"] for p in parsed] == ["rollback", "kb/vpn", "rollback"]
    piped = cli("search", "--batch", "-", input="vpn client\n")
    assert json.loads(piped.stdout)["results"][0]["id"] == "kb/vpn"
    table = cli("search", "helm rollback", "--collection", "runbooks", "--service", "checkout")
    assert "Roll back (rollback)" in table.stdout
    assert "Helm" in table.stdout
    assert "#helm" in table.stdout.replace("\n", "").replace(" ", "")


def test_explain_shows_the_parts_the_section_and_the_margin(cli, write) -> None:
    write(
        "rb/rollback.md",
        "---\nid: rollback\ntitle: Roll back\nalerts: [HighErrorRate]\n---\n"
        "# Roll back\n\n## Helm\n\nhelm rollback to the last good revision\n",
    )
    write("rb/helm-upgrade.md", "# Helm upgrades\n\n## Upgrade\n\nhelm upgrade with a new chart revision\n")
    root = write("rb/kb/vpn.md", "# VPN\n\n## Connect\n\nreinstall the vpn client\n").parent.parent
    cli("index", str(root))
    text = cli("search", "HighErrorRate helm rollback revision", "--explain", "--k", "2")
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[0].startswith("1. Roll back (rollback)  score ")
    assert lines[1].startswith("   section: Roll back > Helm  [")
    assert lines[2].startswith("   = dense ")
    assert " + bm25 " in lines[2]
    assert "alert name 2.0000" in lines[2]
    assert lines[3].startswith("   ahead of the next (helm-upgrade) by ")
    assert "alert name +2.0000" in lines[3]
    data = json.loads(cli("search", "HighErrorRate helm rollback revision", "--explain", "--json").stdout)
    first = data["results"][0]
    assert set(first) == {"id", "title", "section", "path", "score", "explain"}
    parts = first["explain"]
    total = parts["dense"] + parts["bm25"] + parts["document"] + parts["alert"]
    assert total == pytest.approx(first["score"], abs=1e-5)
    assert parts["versus_next"].startswith("ahead of the next")
    assert data["results"][-1]["explain"]["versus_next"] is None
    both = cli("search", "--batch", "-", "--explain", input="vpn\n")
    assert isinstance(both.exception, InputError)


def test_errors_become_one_line_cli_errors(cli, tmp_path: Path, write) -> None:
    missing = cli("index", str(tmp_path / "nope"))
    assert isinstance(missing.exception, InputError)
    assert "no such file or folder" in str(missing.exception)
    no_index = cli("search", "anything")
    assert isinstance(no_index.exception, ConfigError)
    assert "opsdesk index" in str(no_index.exception)
    cli("index", str(_corpus(write)))
    neither = cli("search")
    assert isinstance(neither.exception, InputError)
    bad_collection = cli("index", str(tmp_path), "--collection", "incidents")
    assert isinstance(bad_collection.exception, InputError)
    unreadable = cli("search", "--batch", str(tmp_path / "missing.txt"))
    assert isinstance(unreadable.exception, InputError)
    assert "cannot read" in str(unreadable.exception)


def _run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CHROMA_URL"} | {"OPSDESK_DATA_DIR": str(data)}
    return subprocess.run([OPSDESK, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_cli_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    result = _run("index", str(tmp_path / "nope"), data=tmp_path / "data")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no such file or folder" in result.stderr
    result = _run("search", "x", data=tmp_path / "empty")
    assert result.returncode == 2
    assert "no index" in result.stderr


@pytest.mark.slow
def test_end_to_end_index_and_batch_search_a_foreign_hugo_folder(tmp_path: Path) -> None:
    site = tmp_path / "site" / "content" / "runbooks"
    (site / "kubernetes").mkdir(parents=True)
    (site / "node").mkdir()
    (site / "kubernetes" / "_index.md").write_text("---\ntitle: kubernetes\nweight: 10\n---\n")
    (site / "kubernetes" / "KubePodCrashLooping.md").write_text(
        "---\ntitle: Kube Pod Crash Looping\nweight: 20\n---\n\n# KubePodCrashLooping\n\n## Meaning\n\n"
        "Pod is in CrashLoop which means the app dies or is unresponsive and kubernetes restarts it.\n\n"
        "## Diagnosis\n\n- Check pod events via `kubectl -n $NAMESPACE describe pod $POD`.\n"
        "- Check pod logs of the previous container.\n"
    )
    (site / "node" / "NodeFilesystemSpaceFillingUp.md").write_text(
        "# NodeFilesystemSpaceFillingUp\n\n## Meaning\n\nThe filesystem on a node is predicted to run out of "
        "space within hours.\n\n## Mitigation\n\nRemove unused container images and old logs from the node.\n"
    )
    data = tmp_path / "data"
    indexed = _run("index", str(tmp_path / "site"), data=data)
    assert indexed.returncode == 0, indexed.stderr
    assert "2 added" in indexed.stdout
    assert "_index.md" in indexed.stderr
    queries = tmp_path / "queries.txt"
    queries.write_text("KubePodCrashLooping shop/api-7d9 restarting\ndisk on the node is almost full\n")
    searched = _run("search", "--batch", str(queries), "--k", "2", data=data)
    assert searched.returncode == 0, searched.stderr
    rows = [json.loads(line) for line in searched.stdout.strip().split("\n")]
    assert rows[0]["results"][0]["id"] == "content/runbooks/kubernetes/KubePodCrashLooping"
    assert rows[1]["results"][0]["id"] == "content/runbooks/node/NodeFilesystemSpaceFillingUp"
    assert rows[1]["results"][0]["path"].endswith("NodeFilesystemSpaceFillingUp.md")
