"""Alert messages other tools post in Slack channels, turned into :class:`bot.intake.alertmanager.Alert` (pure).

Two senders are understood:

* **Alertmanager's default Slack notification**: one attachment whose title is the default
  ``__subject`` template, ``[FIRING:2] HighErrorRate checkout (critical)`` (group label values,
  then the remaining common label values in parentheses), or ``[RESOLVED] …``. Label names are
  not in the message, so the service is the first value that the catalog knows, the alert name
  the first value, the severity a value among the usual severity words.
* **Grafana alerting's default Slack message**: the same title and a text listing each alert
  under ``**Firing**`` / ``**Resolved**`` with ``Labels:`` lines ``- name = value``.

The same alert posted again gets the same fingerprint (from its labels), so intake deduplicates it
like a repeated webhook. Messages that are neither yield no alert.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from bot.catalog import Catalog
from bot.intake.alertmanager import Alert, label_fingerprint, label_problem

_SUBJECT = re.compile(r"^\[(FIRING|RESOLVED)(?::(\d+))?\]\s+(.+?)\s*$", re.IGNORECASE)
_LABEL = re.compile(r"^\s*-\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")
_SEVERITY_WORDS = {"critical", "warning", "info", "error", "page", "high", "low", "sev1", "sev2", "sev3"}
Status = Literal["firing", "resolved"]


def alerts_from_message(message: Mapping[str, Any], catalog: Catalog, now: datetime) -> list[Alert]:
    """Alerts in one Slack ``message`` event (empty when it is not an alert message)."""
    alerts: list[Alert] = []
    for attachment in _attachments(message):
        title = str(attachment.get("title") or attachment.get("fallback") or "").split(" | ")[0]
        text = str(attachment.get("text") or "")
        link = str(attachment.get("title_link") or "")
        if "Labels:" in text:
            alerts += _grafana(text, title, catalog, now, link)
        else:
            alert = _alertmanager(title, catalog, now, link)
            if alert is not None:
                alerts.append(alert)
    if not alerts and "Labels:" in str(message.get("text") or ""):
        alerts += _grafana(str(message["text"]), "", catalog, now, "")
    return alerts


def _attachments(message: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    found = message.get("attachments")
    return [a for a in found if isinstance(a, Mapping)] if isinstance(found, list) else []


def _alertmanager(title: str, catalog: Catalog, now: datetime, link: str) -> Alert | None:
    match = _SUBJECT.match(title.strip())
    if match is None:
        return None
    status: Status = "firing" if match.group(1).upper() == "FIRING" else "resolved"
    words = match.group(3).replace("(", " ").replace(")", " ").split()
    service = next((w for w in words if w in catalog), None)
    if service is None or not words:
        return None
    alertname = words[0] if words[0] != service else (words[1] if len(words) > 1 else "SlackAlert")
    severity = next((w.lower() for w in words if w.lower() in _SEVERITY_WORDS), "unknown")
    labels = {"alertname": alertname, "service": service, "severity": severity}
    if label_problem(labels) is not None:
        return None
    return _alert(labels, status, now, link, summary=title.strip(), source="slack-alertmanager")


def _grafana(text: str, title: str, catalog: Catalog, now: datetime, link: str) -> list[Alert]:
    alerts: list[Alert] = []
    status: Status = "resolved" if title.upper().startswith("[RESOLVED") else "firing"
    labels: dict[str, str] | None = None
    in_labels = False

    def flush() -> None:
        if labels and labels.get("alertname") and labels.get("service") in catalog and label_problem(labels) is None:
            alerts.append(
                _alert(dict(labels), status, now, link, summary=title or labels["alertname"], source="slack-grafana")
            )

    for line in text.splitlines():
        stripped = line.strip().strip("*").strip().lower()
        if stripped in ("firing", "resolved"):
            flush()
            labels, in_labels = None, False
            status = "firing" if stripped == "firing" else "resolved"
            continue
        if line.strip() == "Labels:":
            flush()
            labels, in_labels = {}, True
            continue
        pair = _LABEL.match(line)
        if in_labels and pair and labels is not None:
            labels[pair.group(1)] = pair.group(2)
        elif line.strip():
            in_labels = False
    flush()
    return alerts


def _alert(labels: dict[str, str], status: Status, now: datetime, link: str, *, summary: str, source: str) -> Alert:
    return Alert(
        fingerprint=label_fingerprint({**labels, "_source": "slack"}),
        alertname=labels["alertname"],
        service=labels["service"],
        status=status,
        severity=labels.get("severity", "unknown"),
        starts_at=now,
        ends_at=now if status == "resolved" else None,
        summary=summary[:500],
        labels=labels,
        generator_url=link,
        source=source,
    )
