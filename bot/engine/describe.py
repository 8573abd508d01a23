"""Human wording of facts: times, signal values, onsets, log signatures, changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.engine.evidence import ChangeEvent
from bot.engine.model import LogSignature, Onset

#: Durations shorter than this many seconds are given in seconds.
SECONDS_BELOW = 90
#: Percentages and request rates below this keep one decimal.
ONE_DECIMAL_BELOW = 10
#: Latencies below this many seconds are given in milliseconds.
MILLISECONDS_BELOW = 1
#: Characters of a log template quoted.
QUOTED_TEMPLATE_CHARS = 140

_SIGNAL_NAMES = {
    "request_rate": "request rate",
    "error_ratio": "error ratio",
    "latency_p99_seconds": "p99 latency",
    "cpu_utilisation": "CPU",
    "memory_utilisation": "memory",
    "saturation": "saturation",
}


def hhmm(at: datetime | None) -> str:
    """The time of day in UTC, as every time in a post is: a deploy hook may stamp its events in
    the deployer's zone (``10:12-06:00``), which must read ``16:12`` beside alerts at ``16:20``."""
    return at.astimezone(UTC).strftime("%H:%M") if at else "?"


def minutes(delta: timedelta) -> str:
    total = abs(delta.total_seconds())
    if total < SECONDS_BELOW:
        return f"{round(total)} s"
    return f"{total / 60:.0f} min"


def signal_name(signal: str) -> str:
    return _SIGNAL_NAMES.get(signal, signal.replace("_", " "))


def value(signal: str, amount: float) -> str:
    if signal in ("error_ratio", "cpu_utilisation", "memory_utilisation", "saturation"):
        percent = amount * 100
        return f"{percent:.1f}%" if percent < ONE_DECIMAL_BELOW else f"{percent:.0f}%"
    if signal == "latency_p99_seconds":
        return f"{amount * 1000:.0f} ms" if amount < MILLISECONDS_BELOW else f"{amount:.2f} s"
    if signal == "request_rate":
        return f"{amount:.1f} req/s" if amount < ONE_DECIMAL_BELOW else f"{amount:.0f} req/s"
    return f"{amount:.3g}"


def onset_text(onset: Onset) -> str:
    verb = "rose" if onset.direction == "up" else "fell"
    return (
        f"{onset.service} {signal_name(onset.signal)} {verb} at {hhmm(onset.at)} "
        f"from {value(onset.signal, onset.baseline)} to {value(onset.signal, onset.level)}"
        f" (peak {value(onset.signal, onset.peak)})"
    )


def change_text(change: ChangeEvent) -> str:
    kind = {"deploy": "deploy", "config": "config change", "flag": "feature-flag change", "infra": "infra change"}[
        change.kind
    ]
    version = ""
    if change.version:
        version = f" {change.previous_version} → {change.version}" if change.previous_version else f" {change.version}"
    who = f" by {change.author}" if change.author else ""
    what = f": {change.description}" if change.description else ""
    return f"{kind} {change.id} of {change.service}{version} at {hhmm(change.started_at)}{who}{what}"


def signature_text(signature: LogSignature) -> str:
    if signature.is_new:
        counts = f"{signature.count_after}× since {hhmm(signature.first_after)}, new"
    else:
        counts = f"{signature.count_after}× after vs {signature.count_before}× before"
    return f'{signature.service} logs "{signature.template[:QUOTED_TEMPLATE_CHARS]}" ({counts})'
