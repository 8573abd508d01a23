"""Pure parsing of what Slack sends: button values, ``/incident`` text, alert messages in channels."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.catalog import Catalog
from bot.slack.errors import CommandError
from bot.slack.parsing import actions, commands
from bot.slack.parsing.channel_alerts import alerts_from_message

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
CATALOG = Catalog.from_mapping({"services": {"checkout": {}, "payments-db": {}, "search": {}}})


# -- button values ------------------------------------------------------------------------


def test_button_values_round_trip() -> None:
    assert actions.parse_value(actions.ACK, actions.incident_value(5)) == actions.IncidentValue(v=1, incident=5)
    value = actions.parse_value(actions.FEEDBACK_DOWN, actions.feedback_value(5, 1, "down"))
    assert isinstance(value, actions.FeedbackValue)
    assert (value.hypothesis, value.vote) == (1, "down")


@pytest.mark.parametrize(
    ("action_id", "raw"),
    [
        ("delete-everything", '{"v":1,"incident":1}'),
        (actions.ACK, None),
        (actions.ACK, "not json"),
        (actions.ACK, '{"v":2,"incident":1}'),
        (actions.ACK, '{"v":1,"incident":"1"}'),
        (actions.ACK, '{"v":1,"incident":-3}'),
        (actions.ACK, '{"v":1,"incident":1,"admin":true}'),
        (actions.ACK, "[1]"),
        (actions.FEEDBACK_UP, '{"v":1,"incident":1,"hypothesis":0,"vote":"down"}'),
        (actions.FEEDBACK_UP, '{"v":1,"incident":1,"hypothesis":0}'),
        (actions.FEEDBACK_UP, '{"v":1,"incident":1,"hypothesis":1.5,"vote":"up"}'),
        (actions.ACK, "{" * 5000),
    ],
)
def test_tampered_or_unknown_values_are_refused(action_id: str, raw: object) -> None:
    with pytest.raises(actions.BadAction):
        actions.parse_value(action_id, raw)


@given(st.text(max_size=300))
def test_no_string_crashes_the_value_parser(raw: str) -> None:
    with contextlib.suppress(actions.BadAction):
        actions.parse_value(actions.FEEDBACK_UP, raw)


# -- /incident ------------------------------------------------------------------------------


def test_commands_parse() -> None:
    assert commands.parse_command("declare Checkout is down sev1") == commands.Declare("Checkout is down", "sev1")
    assert commands.parse_command("declare Checkout is down") == commands.Declare("Checkout is down", "sev3")
    assert commands.parse_command("status") == commands.Status(None)
    assert commands.parse_command("status #12") == commands.Status(12)
    assert commands.parse_command("resolve #3 rolled back v2") == commands.Resolve(3, "rolled back v2")
    assert commands.parse_command("resolve") == commands.Resolve(None, "")
    assert commands.parse_command("resolve #3 rolled back cause:Config-Change") == commands.Resolve(
        3, "rolled back", "config_change"
    )
    with pytest.raises(CommandError, match="unknown cause `gremlins`"):
        commands.parse_command("resolve cause:gremlins")
    assert commands.parse_command("ic <@U123ABC|alice>") == commands.AssignCommander("U123ABC", None)
    assert commands.parse_command("ic #4 <@U123ABC>") == commands.AssignCommander("U123ABC", 4)
    assert commands.parse_command("ic <@U123ABC> #4") == commands.AssignCommander("U123ABC", 4)
    assert commands.parse_command("") == commands.Help()
    assert commands.parse_command("help") == commands.Help()


@pytest.mark.parametrize(
    "text",
    [
        "declare",
        "declare sev1",
        "ic",
        "ic alice",
        "ic <@U1> <@U2>",
        "ic #1 <@U123ABC> #2",
        "ic #1",
        "frobnicate",
        "status now",
        "status #١",
        "declare a\x00b",
    ],
)
def test_wrong_or_missing_arguments_are_explained(text: str) -> None:
    with pytest.raises(commands.CommandError):
        commands.parse_command(text)


# -- alert messages in channels --------------------------------------------------------------


def test_alertmanager_default_notification_becomes_an_alert() -> None:
    message = {
        "type": "message",
        "subtype": "bot_message",
        "attachments": [
            {
                "title": "[FIRING:2] HighErrorRate checkout (critical)",
                "title_link": "http://alertmanager/#/alerts",
                "fallback": "[FIRING:2] HighErrorRate checkout (critical) | http://alertmanager/#/alerts",
                "color": "danger",
            }
        ],
    }
    (alert,) = alerts_from_message(message, CATALOG, NOW)
    assert (alert.alertname, alert.service, alert.severity, alert.status) == (
        "HighErrorRate",
        "checkout",
        "critical",
        "firing",
    )
    again = alerts_from_message(message, CATALOG, NOW)[0]
    assert again.fingerprint == alert.fingerprint
    resolved = {"attachments": [{"title": "[RESOLVED] HighErrorRate checkout (critical)"}]}
    assert alerts_from_message(resolved, CATALOG, NOW)[0].status == "resolved"


def test_grafana_alert_message_becomes_alerts() -> None:
    text = (
        "**Firing**\n\nValue: A=0.4\nLabels:\n - alertname = HighLatency\n - service = search\n - severity = warning\n"
        "Annotations:\n - summary = p99 high\nSource: http://grafana/alerting\n\n"
        "Value: A=0.9\nLabels:\n - alertname = HighLatency\n - service = payments-db\nAnnotations:\n\n"
        "**Resolved**\n\nLabels:\n - alertname = DiskFull\n - service = checkout\n"
    )
    message = {"attachments": [{"title": "[FIRING:2] HighLatency", "text": text, "footer": "Grafana v11"}]}
    alerts = alerts_from_message(message, CATALOG, NOW)
    assert [(a.alertname, a.service, a.status) for a in alerts] == [
        ("HighLatency", "search", "firing"),
        ("HighLatency", "payments-db", "firing"),
        ("DiskFull", "checkout", "resolved"),
    ]


def test_alert_messages_with_labels_too_long_to_keep_yield_no_alert() -> None:
    text = f"**Firing**\n\nLabels:\n - alertname = {'A' * 201}\n - service = search\n"
    assert alerts_from_message({"attachments": [{"title": "[FIRING:1] x", "text": text}]}, CATALOG, NOW) == []
    title = f"[FIRING:1] {'B' * 201} checkout (critical)"
    assert alerts_from_message({"attachments": [{"title": title}]}, CATALOG, NOW) == []
    severity = f"[FIRING:1] HighErrorRate checkout {'s' * 40} (critical)"
    assert alerts_from_message({"attachments": [{"title": severity}]}, CATALOG, NOW) != []


@pytest.mark.parametrize(
    "message",
    [
        {"text": "hello team"},
        {"attachments": [{"title": "[FIRING:1] HighErrorRate unknown-service"}]},
        {"attachments": "nope"},
        {"attachments": [{"text": "Labels:\n - alertname = X\n"}]},
    ],
)
def test_other_messages_are_not_alerts(message: dict[str, Any]) -> None:
    assert alerts_from_message(message, CATALOG, NOW) == []
