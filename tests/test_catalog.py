from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog import Catalog
from bot.errors import ConfigError

SHOP = {
    "defaults": {"signals": {"error_ratio": 'errors{service="{service}"}'}},
    "services": {
        "frontend": {"depends_on": ["checkout"]},
        "checkout": {"team": "payments", "depends_on": ["payments-db", "stripe"], "signals": {}},
        "payments-db": {},
        "stripe": {"kind": "external"},
        "search": {},
    },
}


def test_graph_queries() -> None:
    catalog = Catalog.from_mapping(SHOP)
    assert catalog.transitive_dependencies("frontend") == ["checkout", "payments-db", "stripe"]
    assert catalog.transitive_dependents("payments-db") == ["checkout", "frontend"]
    assert catalog.neighbourhood(["checkout"]) == ["checkout", "payments-db", "stripe"]
    assert catalog.related("frontend", "payments-db")
    assert not catalog.related("search", "checkout")
    assert catalog.get("stripe") is not None
    assert catalog.get("stripe").is_external


def test_signal_queries_substitute_service_and_keep_promql_braces() -> None:
    queries = Catalog.from_mapping(SHOP).signal_queries("checkout")
    assert queries["error_ratio"] == 'errors{service="checkout"}'
    assert 'service="checkout"' in queries["request_rate"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"services": {"a": {"depends_on": ["ghost"]}}}, "services.a.depends_on.0: unknown service 'ghost'"),
        ({"services": {"a": {"tier": "gold"}}}, "services.a.tier"),
        ({"services": {"a": {"depend_on": ["b"]}}}, "services.a.depend_on: unknown key (did you mean 'depends_on'?)"),
        ({"service": {"a": {}}}, "service: unknown key (did you mean 'services'?)"),
        ({"services": {"bad name!": {}}}, "services.bad name!.name"),
        ({"nothing": 1}, "services: Field required"),
        (["a"], "a catalog must be a mapping"),
        ({"services": {"a": {"kind": "lambda"}}}, "services.a.kind: Input should be 'service', 'datastore'"),
    ],
)
def test_bad_catalogs_fail_with_one_line_naming_the_key(data: object, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Catalog.from_mapping(data, "catalog.yaml")
    message = str(caught.value)
    assert message.startswith("catalog.yaml: ")
    assert expected in message
    assert "\n" not in message


def test_load_reports_yaml_errors_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("services:\n  a: {depends_on: [b\n")
    with pytest.raises(ConfigError, match=r"catalog.yaml: line \d+: invalid YAML"):
        Catalog.load(path)
    with pytest.raises(ConfigError, match="file not found"):
        Catalog.load(tmp_path / "missing.yaml")


def test_keys_for_other_tools_are_ignored_and_named() -> None:
    data = {
        "owner_tool": "backstage",
        "services": {
            "api": {"runtime": "fargate", "repo": "gh/api", "depends_on": ["db"]},
            "db": {"kind": "datastore"},
        },
    }
    catalog = Catalog.from_mapping(data)
    assert catalog.ignored_keys == ("owner_tool", "services.api.runtime", "services.api.repo")
    assert catalog.dependencies("api") == ("db",)


def test_services_that_call_each_other_are_kept_and_every_walk_ends() -> None:
    data = {
        "services": {
            "dispatch": {"depends_on": ["driver-ws", "geo"]},
            "driver-ws": {"depends_on": ["dispatch"]},
            "geo": {"kind": "datastore"},
            "dns": {"kind": "infrastructure"},
        }
    }
    catalog = Catalog.from_mapping(data)
    assert catalog.dependencies("driver-ws") == ("dispatch", "dns")
    assert catalog.transitive_dependencies("driver-ws") == ["dispatch", "dns", "geo"]
    assert catalog.transitive_dependents("dispatch") == ["driver-ws"]
    assert catalog.related("geo", "driver-ws")
    assert catalog.neighbourhood(["dispatch"]) == ["dispatch", "driver-ws", "geo", "dns"]
    # the platform is still implicit for both: neither names it, and it depends on neither
    assert "dns" in catalog.dependencies("dispatch")


def test_graph_walks_terminate_on_a_cyclic_catalog_built_in_code() -> None:
    from bot.catalog import Service

    catalog = Catalog([Service(name="a", depends_on=("b",)), Service(name="b", depends_on=("a",))])
    assert catalog.transitive_dependencies("a") == ["b"]
    assert catalog.neighbourhood(["a"]) == ["a", "b"]


PLATFORM = {
    "services": {
        "web": {"depends_on": ["orders"]},
        "orders": {"depends_on": ["orders-db", "events"]},
        "auth": {},
        "orders-db": {"kind": "datastore"},
        "events": {"kind": "queue"},
        "cluster-dns": {"kind": "infrastructure"},
        "ingress": {"kind": "infrastructure", "depends_on": ["auth"]},
        "stripe": {"kind": "external"},
    }
}


def test_every_kind_loads_and_components_need_no_team_signals_or_dependencies() -> None:
    catalog = Catalog.from_mapping(PLATFORM)
    assert {s.kind for s in catalog.services.values()} == {
        "service",
        "datastore",
        "queue",
        "infrastructure",
        "external",
    }
    assert catalog.platform == ("cluster-dns", "ingress")


def test_services_lean_on_the_platform_without_naming_it() -> None:
    catalog = Catalog.from_mapping(PLATFORM)
    assert catalog.dependencies("orders") == ("orders-db", "events", "cluster-dns", "ingress")
    assert catalog.dependents("cluster-dns") == {"web", "orders", "auth", "orders-db", "events"}
    # datastores and queues run in the cluster too; providers do not
    assert catalog.dependencies("orders-db") == ("cluster-dns", "ingress")
    assert catalog.dependencies("stripe") == ()
    # the ingress calls auth, so auth leaning on the ingress would be a cycle: it does not
    assert "ingress" not in catalog.dependencies("auth")
    assert catalog.neighbourhood(["web"]) == ["web", "orders", "cluster-dns", "ingress", "orders-db", "events", "auth"]


def test_through_a_queue_the_neighbourhood_reaches_the_producers_and_what_they_call() -> None:
    catalog = Catalog.from_mapping(
        {
            "services": {
                "fanout": {"depends_on": ["bus"]},
                "ingest": {"depends_on": ["bus", "vendor-feed"]},
                "bus": {"kind": "queue"},
                "vendor-feed": {"kind": "external"},
                "billing": {"depends_on": ["billing-db"]},
                "billing-db": {"kind": "datastore"},
            }
        }
    )
    assert catalog.neighbourhood(["fanout"]) == ["fanout", "bus", "ingest", "vendor-feed"]
    assert catalog.neighbourhood(["billing"]) == ["billing", "billing-db"]


def test_the_callers_of_a_pooler_in_front_of_a_database_are_its_siblings() -> None:
    catalog = Catalog.from_mapping(
        {
            "services": {
                "scheduling": {"depends_on": ["pgbouncer"]},
                "reports": {"depends_on": ["pgbouncer"]},
                "pgbouncer": {"kind": "datastore", "depends_on": ["scheduling-db"]},
                "scheduling-db": {"kind": "datastore"},
            }
        }
    )
    assert catalog.siblings(["scheduling-db"]) == ["pgbouncer", "reports", "scheduling"]


def test_a_catalog_with_dependencies_added_leaves_out_those_that_would_close_a_cycle() -> None:
    estate = Catalog.from_mapping(
        {"services": {"web": {"depends_on": ["api"]}, "api": {"depends_on": ["db"]}, "db": {}, "tax": {}}}
    )
    added = estate.with_dependencies({"api": ["tax", "web", "nowhere"], "db": ["api"]})
    assert added.dependencies("api") == ("db", "tax")
    assert added.dependencies("db") == ()
    assert added.dependents("tax") == {"api"}
    assert estate.dependencies("api") == ("db",)


def test_a_backlogged_queue_brings_its_writers_and_readers_into_the_incident() -> None:
    estate = Catalog.from_mapping(
        {
            "services": {
                "api": {"depends_on": ["jobs"]},
                "worker": {"depends_on": ["jobs", "mailer"]},
                "mailer": {"kind": "external"},
                "jobs": {"kind": "queue"},
                "web": {"depends_on": ["api"]},
            }
        }
    )
    assert estate.neighbourhood(["jobs"]) == ["jobs", "api", "worker", "mailer"]
