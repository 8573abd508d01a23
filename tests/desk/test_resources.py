"""The resource catalog: one-line errors for every way a file can be wrong, the bundled example,
and which resources a message speaks of."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import load_settings
from bot.desk.resources import (
    ResourceCatalogError,
    format_length,
    load_resources,
    match_resources,
    parse_length,
    parse_resources,
)
from bot.remediation.policy import NO_POLICY, parse_policy
from bot.system import resource_catalog

ONE = """\
resources:
  - id: figma-seat
    name: Figma editor seat
    sensitivity: low
    owners: [U0DESIGN]
    max_duration: 90d
    executor: access-hook
"""


def _error(text: str) -> str:
    with pytest.raises(ResourceCatalogError) as caught:
        parse_resources(text.encode(), "resources.yaml")
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_valid_catalog_loads() -> None:
    catalog = parse_resources(ONE.encode())
    resource = catalog.get("figma-seat")
    assert resource is not None
    assert resource.longest == timedelta(days=90)
    assert (resource.approvals_needed, resource.needs_justification) == (0, False)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (ONE + "    colour: blue\n", "resources.yaml: resources.0.colour: unknown key"),
        (ONE.replace("low", "secret"), "resources.yaml: resources.0.sensitivity:"),
        (ONE.replace("90d", "forever"), "resources.yaml: resources.0.max_duration: Value error, invalid duration"),
        (ONE.replace("90d", "400d"), "resources.yaml: resources.0.max_duration:"),
        (ONE.replace("[U0DESIGN]", "[]"), "resources.yaml: resources.0.owners:"),
        (ONE.replace("[U0DESIGN]", "['@design']"), "resources.yaml: resources.0.owners.0:"),
        (ONE.replace("figma-seat", "Figma Seat"), "resources.yaml: resources.0.id:"),
        (ONE.replace("    executor: access-hook\n", ""), "resources.yaml: resources.0.executor: Field required"),
        (ONE + ONE.removeprefix("resources:\n"), "resources.yaml: resources.1.id: repeats resource 'figma-seat'"),
        ("resources: [\n", "resources.yaml: line 2: invalid YAML"),
        ("- just a list\n", "resources.yaml: the catalog must be a mapping"),
        ("resources: []\n", "resources.yaml: resources:"),
        ("resource: []\n", "resources.yaml: resource: unknown key"),
    ],
)
def test_each_problem_is_one_line_naming_file_key_and_problem(change: str, expected: str) -> None:
    assert _error(change).startswith(expected)


def test_an_alias_naming_another_resource_is_refused() -> None:
    other = ONE.removeprefix("resources:\n").replace("figma-seat", "miro-seat").replace("Figma editor", "Miro")
    text = ONE + other + "    aliases: [Figma Seat]\n"
    assert _error(text) == "resources.yaml: resources.1.aliases.0: 'Figma Seat' already names resource 'figma-seat'"


def test_the_bundled_example_covers_every_sensitivity() -> None:
    catalog = load_resources(None)
    assert 10 <= len(catalog) <= 14
    assert {r.sensitivity for r in catalog.resources} == {"low", "medium", "high", "critical"}
    assert {r.executor for r in catalog.resources} == {"access-hook"}


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ResourceCatalogError, match=r"cannot read .*OPSDESK_RESOURCES"):
        load_resources(tmp_path / "nope.yaml")


def test_an_operators_catalog_must_name_the_policys_executors(tmp_path: Path) -> None:
    path = tmp_path / "resources.yaml"
    path.write_text(ONE)
    policy = parse_policy(b"executors:\n  pager: {type: pagerduty, routing_key_env: PD_KEY}\n")
    settings = load_settings(environ={"OPSDESK_RESOURCES": str(path)})
    with pytest.raises(ResourceCatalogError, match=r"resources\.0\.executor: executor 'access-hook' is not defined"):
        resource_catalog(settings, policy)
    assert len(resource_catalog(settings, NO_POLICY)) == 1
    # The bundled example is only warned about: its grants fail closed at the executor.
    assert len(resource_catalog(load_settings(environ={}), policy)) >= 10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I need read access to the prod orders database for 4 hours", ["prod-orders-db-read"]),
        ("can I get the orders DB and AWS prod console please", ["prod-orders-db-read", "aws-prod-console"]),
        ("I'm the new VP, add me to prod-admin, my manager said OK", ["prod-admin"]),
        ("Figma license please", ["figma-seat"]),
        ("my laptop is broken", []),
        ("administration of production", []),
    ],
)
def test_match_resources_finds_what_a_message_names(text: str, expected: list[str]) -> None:
    catalog = load_resources(None)
    assert [r.id for r in match_resources(text, catalog)] == expected


@given(st.text(max_size=200))
def test_match_resources_is_deterministic_and_never_fails(text: str) -> None:
    catalog = load_resources(None)
    first = [r.id for r in catalog.match_resources(text)]
    assert first == [r.id for r in catalog.match_resources(text)]
    assert len(set(first)) == len(first)


def test_search_serves_the_select_by_every_word() -> None:
    catalog = load_resources(None)
    assert [r.id for r in catalog.search("prod")][:3] == ["prod-orders-db-read", "aws-prod-console", "prod-admin"]
    assert [r.id for r in catalog.search("orders read")] == ["prod-orders-db-read"]
    assert len(catalog.search("")) == len(catalog)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("4h", timedelta(hours=4)),
        ("30d", timedelta(days=30)),
        ("1d12h", timedelta(hours=36)),
        ("90m", timedelta(minutes=90)),
    ],
)
def test_lengths(text: str, length: timedelta) -> None:
    assert parse_length(text) == length
    assert parse_length(format_length(length)) == length


@pytest.mark.parametrize("text", ["", "0h", "4", "h", "-1h", "4 hours", "366d", "9999999999999d"])
def test_bad_lengths(text: str) -> None:
    assert parse_length(text) is None
