"""Runbook actions are typed: parameters come from the evidence, the label from the parameters."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.engine.model import Hypothesis
from bot.remediation.actions import ActionEvidence, ActionSpec, propose, render_label
from bot.runbooks.library import RunbookLibrary

RUNBOOKS = Path(__file__).resolve().parents[2] / "runbooks"
DEPLOY = ActionEvidence(culprit="checkout", deploy_id="dep-42", version="2.41.0", previous_version="2.40.3")


def test_declared_parameters_are_filled_from_the_deploy_and_the_label_is_rendered_from_them() -> None:
    spec = ActionSpec.model_validate(
        {
            "id": "rollback",
            "label": "Roll back {service} from {version} to {previous_version}",
            "risk": "high",
            "params": {"version": "deploy.version", "previous_version": "deploy.previous_version"},
        }
    )
    action = propose(spec, DEPLOY)
    assert action.target == "checkout"
    assert action.params == {"version": "2.41.0", "previous_version": "2.40.3"}
    assert action.missing == ()
    assert action.label == "Roll back checkout from 2.41.0 to 2.40.3"


def test_the_label_placeholders_imply_the_parameters_when_none_are_declared() -> None:
    spec = ActionSpec(id="rollback", label="Roll back {service} to {previous_version}", risk="high")
    assert propose(spec, DEPLOY).params == {"previous_version": "2.40.3"}


def test_a_parameter_the_evidence_lacks_is_missing_and_shown_generically() -> None:
    spec = ActionSpec(id="rollback", label="Roll back {service} to {previous_version}", risk="high")
    action = propose(spec, ActionEvidence(culprit="checkout"))
    assert action.missing == ("previous_version",)
    assert action.params == {}
    assert action.label == "Roll back checkout to the previous version"


def test_integer_literals_are_parameters_too() -> None:
    spec = ActionSpec(id="silence", label="Silence {service} for {minutes} minutes", risk="low", params={"minutes": 60})
    action = propose(spec, DEPLOY)
    assert action.params == {"minutes": 60}
    assert action.label == "Silence checkout for 60 minutes"


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "rollback", "label": "x", "risk": "high", "params": {"version": "the log line says 9.9"}},
        {"id": "rollback", "label": "x", "risk": "catastrophic"},
        {"id": "Roll Back!", "label": "x", "risk": "high"},
        {"id": "rollback", "label": "x", "risk": "high", "params": {"service": "culprit"}},
        {"id": "rollback", "label": "x", "risk": "high", "run": "kubectl rollout undo"},
    ],
)
def test_malformed_action_specs_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ActionSpec.model_validate(bad)


def test_a_label_never_interprets_parameter_text() -> None:
    assert render_label("Restart {service}", "pay{ments}", {}) == "Restart pay{ments}"


def test_every_bundled_runbook_action_is_typed(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        library = RunbookLibrary.load(RUNBOOKS)
    assert not [r for r in caplog.records if "skipped" in r.getMessage()]
    rollback = next(r for r in library.runbooks if r.id == "rollback-a-deploy")
    hypothesis = Hypothesis(cause="deploy", culprit="checkout", confidence=0.8, score=1.0, summary="bad deploy")
    steps = library.steps_for(hypothesis, ["HighErrorRate"], "2.41.0", "2.40.3", deploy_id="dep-42")
    action = next(a for s in steps if s.runbook_id == rollback.id for a in s.actions if a.id == "rollback")
    assert action.params == {"version": "2.41.0", "previous_version": "2.40.3", "deploy": "dep-42"}
    assert action.label == "Roll back checkout from 2.41.0 to 2.40.3"
