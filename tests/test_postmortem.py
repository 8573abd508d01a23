"""The postmortem draft from an incident's records: same records, same draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.engine.model import Analysis, Evidence, Hypothesis, Onset
from bot.incidents.postmortem import postmortem_markdown
from bot.slack.views.notes import postmortem_note
from bot.store.records import IncidentDetail, StoredAlert
from bot.store.slack_posts import SlackPost

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def _incident() -> IncidentDetail:
    alert = StoredAlert(
        fingerprint="f1",
        alertname="HighErrorRate",
        service="checkout",
        status="resolved",
        severity="critical",
        starts_at=T0,
        ends_at=T0 + timedelta(minutes=40),
        incident_id=3,
        first_received_at=T0 + timedelta(minutes=1),
        last_received_at=T0 + timedelta(minutes=40),
        notifications=4,
    )
    return IncidentDetail(
        id=3,
        title="HighErrorRate on checkout",
        services=("checkout",),
        status="resolved",
        severity="P1",
        opened_at=T0 + timedelta(minutes=1),
        last_alert_at=T0 + timedelta(minutes=40),
        resolved_at=T0 + timedelta(minutes=41),
        alerts=(alert,),
    )


def _analysis() -> Analysis:
    deploy = Hypothesis(
        cause="deploy",
        culprit="payments",
        confidence=0.7,
        score=0.9,
        summary="Deploy 2.1 on payments at 08:55",
        evidence=(Evidence(kind="change", text="payments 2.0 -> 2.1 at 08:55", weight=0.9),),
    )
    onset = Onset(
        service="checkout",
        signal="error_ratio",
        at=T0,
        direction="up",
        baseline=0.01,
        level=0.2,
        peak=0.3,
        z=30,
        strength=1.0,
    )
    return Analysis(
        services=("checkout",),
        alertnames=("HighErrorRate",),
        now=T0 + timedelta(minutes=3),
        hypotheses=(deploy,),
        onsets=(onset,),
        missing_sources=("logs: not configured",),
    )


def test_the_draft_tells_the_incident_in_order_and_is_the_same_every_time() -> None:
    post = SlackPost(incident_id=3, acknowledged_by="UALICE", acknowledged_at=T0 + timedelta(minutes=5))
    draft = postmortem_markdown(_incident(), _analysis(), post, T0 + timedelta(minutes=41))
    assert draft == postmortem_markdown(_incident(), _analysis(), post, T0 + timedelta(minutes=41))
    timeline = draft.split("## Timeline (UTC)\n\n")[1].split("\n\n")[0].splitlines()
    assert timeline == [
        "- 2026-05-04 09:00 — HighErrorRate on checkout started (critical)",
        "- 2026-05-04 09:01 — HighErrorRate on checkout received",
        "- 2026-05-04 09:01 — incident #3 opened",
        "- 2026-05-04 09:05 — acknowledged by user UALICE",
        "- 2026-05-04 09:40 — HighErrorRate on checkout ended",
        "- 2026-05-04 09:41 — resolved",
    ]
    assert "(40 min)" in draft
    assert "- payments 2.0 -> 2.1 at 08:55" in draft
    assert "- Missing data: logs: not configured" in draft
    # the culprit never alerted: that gap is a follow-up
    assert "- [ ] Alert on payments itself" in draft


def test_without_an_investigation_the_draft_says_so() -> None:
    draft = postmortem_markdown(_incident(), None, None, T0 + timedelta(minutes=41))
    assert "- No investigation was stored for this incident." in draft
    assert "- Not established: no hypothesis explained the alerts." in draft


def test_the_slack_rendering_escapes_outside_text() -> None:
    text = postmortem_note("# Title <!here>\n- **Severity:** P1 & <@U1>\n> quoted")
    assert text.splitlines() == ["*Title &lt;!here&gt;*", "- *Severity:* P1 &amp; &lt;@U1&gt;", "> quoted"]
