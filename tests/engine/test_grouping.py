"""Grouping alerts into incidents: the same or a (transitively) dependent service, within the window."""

from __future__ import annotations

from datetime import timedelta

from bot.intake.alertmanager import Alert
from bot.intake.grouping import OpenIncident, find_incident, group_alerts
from tests.engine.situations import at, catalog

SHOP = catalog({"web": {"depends_on": ["api"]}, "api": {"depends_on": ["db"]}, "db": {}, "search": {}})
WINDOW = timedelta(minutes=30)


def _alert(service: str, minutes: float, fingerprint: str | None = None) -> Alert:
    return Alert(
        fingerprint=fingerprint or f"{service}@{minutes}",
        alertname="HighErrorRate",
        service=service,
        status="firing",
        starts_at=at(minutes),
    )


def _names(groups: list[list[Alert]]) -> list[list[str]]:
    return [[a.fingerprint for a in group] for group in groups]


def test_alerts_of_one_service_within_the_window_are_one_incident() -> None:
    groups = group_alerts([_alert("api", 10), _alert("api", 0)], SHOP, WINDOW)
    assert _names(groups) == [["api@0", "api@10"]]


def test_a_transitive_dependency_joins_the_incident() -> None:
    groups = group_alerts([_alert("web", 0), _alert("db", 5)], SHOP, WINDOW)
    assert _names(groups) == [["web@0", "db@5"]]


def test_the_window_runs_from_the_latest_alert_so_a_chain_stays_together() -> None:
    groups = group_alerts([_alert("web", 0), _alert("api", 25), _alert("db", 50)], SHOP, WINDOW)
    assert _names(groups) == [["web@0", "api@25", "db@50"]]


def test_an_alert_outside_the_window_opens_a_new_incident() -> None:
    groups = group_alerts([_alert("api", 0), _alert("api", 31)], SHOP, WINDOW)
    assert _names(groups) == [["api@0"], ["api@31"]]


def test_unrelated_services_are_separate_incidents() -> None:
    groups = group_alerts([_alert("api", 0), _alert("search", 1), _alert("db", 2)], SHOP, WINDOW)
    assert _names(groups) == [["api@0", "db@2"], ["search@1"]]


def test_a_repeated_notification_returns_to_its_incident_whenever_it_comes() -> None:
    incident = OpenIncident(key="0", services={"search"}, opened_at=at(0), last_alert_at=at(0), fingerprints={"fp"})
    assert find_incident(_alert("search", 300, "fp"), [incident], SHOP, WINDOW) is incident
    assert find_incident(_alert("search", 300), [incident], SHOP, WINDOW) is None


def test_an_alert_that_began_long_before_the_incident_opened_does_not_join_it() -> None:
    incident = OpenIncident(key="0", services={"api"}, opened_at=at(60), last_alert_at=at(60))
    assert find_incident(_alert("api", 29), [incident], SHOP, WINDOW) is None
    assert find_incident(_alert("api", 30), [incident], SHOP, WINDOW) is incident


def test_of_several_related_incidents_the_most_recently_active_wins() -> None:
    older = OpenIncident(key="0", services={"web"}, opened_at=at(0), last_alert_at=at(5))
    newer = OpenIncident(key="1", services={"db"}, opened_at=at(2), last_alert_at=at(10))
    assert find_incident(_alert("api", 12), [older, newer], SHOP, WINDOW) is newer
    assert find_incident(_alert("api", 12), [newer, older], SHOP, WINDOW) is newer
