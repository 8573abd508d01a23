"""Runbook links in posts are stable: an id and anchor, or a link from OPSDESK_RUNBOOK_URL;
never a path of the machine or checkout that indexed them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.engine.model import Analysis, Hypothesis, NextStep, Reference
from bot.incidents.knowledge import Found, enrich
from bot.runbooks import bundled_runbooks_dir
from bot.runbooks.library import RunbookLibrary
from bot.runbooks.links import cited_link, runbook_link
from bot.slack.views.blocks import PostState, incident_blocks

REPO = Path(__file__).resolve().parent.parent


def test_without_a_template_a_section_is_named_by_id_and_anchor() -> None:
    assert runbook_link("rollback-a-deploy", "verify") == "rollback-a-deploy#verify"
    assert runbook_link("rollback-a-deploy") == "rollback-a-deploy"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("https://git.example/runbooks/blob/main/{id}.md", "https://git.example/runbooks/blob/main/a b.md#verify"),
        ("https://runbooks.example/", "https://runbooks.example/a b#verify"),
        ("https://runbooks.example", "https://runbooks.example/a b#verify"),
    ],
)
def test_a_template_or_base_url_makes_a_web_link(template: str, expected: str) -> None:
    assert runbook_link("a b", "verify", url_template=template) == expected.replace(" ", "%20")


def test_a_documents_own_web_address_wins() -> None:
    own = "https://wiki.example/rollback#old-anchor"
    assert cited_link("x", "verify", own, url_template="https://other/{id}") == "https://wiki.example/rollback#verify"
    assert cited_link("x", None, "/local/x.md", url_template=None) == "x"


def test_library_paths_do_not_depend_on_where_the_folder_lives(tmp_path: Path) -> None:
    bundled = RunbookLibrary.load(bundled_runbooks_dir())
    steps = {r.id: r for r in bundled.runbooks}
    assert steps["rollback-a-deploy"].path == "rollback-a-deploy.md"
    assert steps["rollback-a-deploy"].source_url is None
    linked = RunbookLibrary.load(bundled_runbooks_dir(), url_template="https://runbooks.example/{id}")
    assert {r.source_url for r in linked.runbooks if r.id == "rollback-a-deploy"} == {
        "https://runbooks.example/rollback-a-deploy"
    }
    assert all(str(tmp_path) not in r.path and not r.path.startswith("/") for r in bundled.runbooks)


def test_the_default_runbooks_are_the_bundled_ones_and_the_template_is_configurable() -> None:
    settings = load_settings({"OPSDESK_RUNBOOK_URL": "https://runbooks.example/{id}"})
    assert settings.runbooks_dir == bundled_runbooks_dir() == (REPO / "runbooks").resolve()
    assert settings.runbook_url == "https://runbooks.example/{id}"
    assert load_settings({}).runbook_url is None


def _analysis(step: NextStep) -> Analysis:
    hypothesis = Hypothesis(
        cause="deploy", culprit="checkout", confidence=0.8, score=1.0, summary="bad deploy", next_steps=(step,)
    )
    return Analysis.model_validate(
        {
            "now": "2024-05-01T12:00:00Z",
            "services": ["checkout"],
            "alertnames": ["HighErrorRate"],
            "hypotheses": [hypothesis.model_dump()],
        }
    )


def _next_steps_text(analysis: Analysis) -> str:
    state = PostState(
        incident_id=1,
        title="t",
        severity="P2",
        status="open",
        services=["checkout"],
        opened_at=analysis.now,
        alertnames=["HighErrorRate"],
    )
    blocks = incident_blocks(state, analysis)
    return "\n".join(str(b) for b in blocks if "Next steps" in str(b))


def test_a_post_cites_the_section_by_id_when_no_web_link_is_configured() -> None:
    step = NextStep(runbook_id="rollback-a-deploy", title="Roll back a bad deploy", path="rollback-a-deploy.md")
    reference = Reference(
        doc_id="rollback-a-deploy", title="Roll back", section="Verify", url="rollback-a-deploy#verify", score=1.0
    )
    enriched = enrich(_analysis(step), Found(references=(reference,), incidents=()))
    text = _next_steps_text(enriched)
    assert "`rollback-a-deploy#verify`" in text
    assert ".md" not in text


def test_a_post_links_the_section_when_a_web_link_is_configured() -> None:
    step = NextStep(
        runbook_id="rollback-a-deploy",
        title="Roll back a bad deploy",
        path="rollback-a-deploy.md",
        url="https://runbooks.example/rollback-a-deploy",
    )
    reference = Reference(
        doc_id="rollback-a-deploy",
        title="Roll back",
        section="Verify",
        url=runbook_link("rollback-a-deploy", "verify", url_template="https://runbooks.example/{id}"),
        score=1.0,
    )
    enriched = enrich(_analysis(step), Found(references=(reference,), incidents=()))
    assert "<https://runbooks.example/rollback-a-deploy#verify|" in _next_steps_text(enriched)


@pytest.mark.parametrize(
    ("culprit", "runbook"),
    [
        ("cluster-dns", "dns-resolution-failures"),
        ("kube-dns", "dns-resolution-failures"),
        ("node-pool-b", "node-not-ready"),
    ],
)
def test_a_platform_fault_gets_the_runbook_named_for_its_component(culprit: str, runbook: str) -> None:
    """Cluster DNS crash-looping is no reason to cordon a node: of the platform runbooks, the one
    named for what the culprit is comes first."""
    bundled = RunbookLibrary.load(bundled_runbooks_dir())
    hypothesis = Hypothesis(
        cause="infrastructure",
        culprit=culprit,
        confidence=0.6,
        score=0.5,
        summary=f"{culprit} failed at 09:38 with no change of its own; auth, vault degraded after it",
    )
    assert bundled.steps_for(hypothesis, ["HighErrorRate"])[0].runbook_id == runbook
