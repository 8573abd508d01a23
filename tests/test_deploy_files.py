"""deploy/: the example alert rules pass promtool (and their unit tests), the dashboard and the rules
name only metrics opsdesk exports, and the compose file and Kubernetes manifests set only the
environment variables opsdesk reads and probe the endpoints it serves."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import CollectorRegistry
from pydantic import AliasChoices

from bot.config import Settings
from bot.observability.metrics import ServerMetrics

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
RULES = DEPLOY / "prometheus" / "opsdesk-rules.yaml"
DASHBOARD = DEPLOY / "grafana" / "opsdesk-dashboard.json"
KUBERNETES = DEPLOY / "kubernetes"
#: Variables opsdesk does not read as settings but its libraries do (set in the image).
LIBRARY_VARIABLES = {"HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"}


def _promtool() -> str:
    found = shutil.which("promtool")
    assert found, "promtool is missing: run make system-deps (Debian package prometheus)"
    return found


def _exported_samples() -> set[str]:
    registry = CollectorRegistry()
    ServerMetrics(registry)
    suffixes = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_count", "_sum")}
    return {family.name + suffix for family in registry.collect() for suffix in suffixes[family.type]}


def _settings_variables() -> set[str]:
    return {
        alias
        for field in Settings.model_fields.values()
        if isinstance(field.validation_alias, AliasChoices)
        for alias in field.validation_alias.choices
        if isinstance(alias, str) and alias.isupper()
    }


def _expressions() -> list[str]:
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    exprs = [rule["expr"] for group in rules["groups"] for rule in group["rules"]]
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    exprs += [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]
    return exprs


def test_the_alert_rules_pass_promtool_check_and_their_unit_tests() -> None:
    checked = subprocess.run([_promtool(), "check", "rules", str(RULES)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SUCCESS" in checked.stdout
    tested = subprocess.run(
        [_promtool(), "test", "rules", "opsdesk-rules.test.yaml"],
        cwd=RULES.parent,
        capture_output=True,
        text=True,
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_rules_and_dashboard_name_only_metrics_opsdesk_exports() -> None:
    exported = _exported_samples()
    named = {name for expr in _expressions() for name in re.findall(r"\b(opsdesk_[a-z_]+)", expr)}
    assert named, "the rules and the dashboard use opsdesk's metrics"
    assert named <= exported, f"not exported: {sorted(named - exported)}"
    for wanted in ("opsdesk_ready", "opsdesk_slack_api_errors_total", "opsdesk_timers", "opsdesk_slack_posts_pending"):
        assert wanted in named


def test_the_dashboard_is_grafana_json_with_unique_panel_ids() -> None:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    assert dashboard["uid"] == "opsdesk"
    graphs = [panel for panel in dashboard["panels"] if panel["type"] != "row"]
    assert all(panel["datasource"]["uid"] == "${datasource}" for panel in graphs)


def _documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def test_kubernetes_manifests_probe_healthz_and_readyz_and_set_only_known_variables() -> None:
    documents = {
        (d["kind"], d["metadata"]["name"]): d
        for p in KUBERNETES.glob("*.yaml")
        for d in _documents(p)
        if "metadata" in d
    }
    deployment = documents[("Deployment", "opsdesk")]
    pod = deployment["spec"]["template"]["spec"]
    container = next(c for c in pod["containers"] if c["name"] == "opsdesk")
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert {"configMapRef": {"name": "opsdesk-config"}} in container["envFrom"]
    assert {"secretRef": {"name": "opsdesk-secrets"}} in container["envFrom"]
    known = _settings_variables()
    config = documents[("ConfigMap", "opsdesk-config")]["data"]
    secret = documents[("Secret", "opsdesk-secrets")]["stringData"]
    assert set(config) | set(secret) <= known, sorted((set(config) | set(secret)) - known)
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    assert config["OPSDESK_CATALOG"].startswith(mounts["catalog"] + "/")
    assert config["OPSDESK_DATA_DIR"] == mounts["data"]
    service = documents[("Service", "opsdesk")]
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]


def test_compose_runs_opsdesk_with_postgres_and_a_chroma_server() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"opsdesk", "postgres", "chroma"} <= set(services)
    environment = services["opsdesk"]["environment"]
    assert environment["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert environment["CHROMA_URL"] == "http://chroma:8000"
    assert set(environment) <= _settings_variables() | LIBRARY_VARIABLES
    example = (DEPLOY / "opsdesk.env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", example, re.M))
    assert listed <= _settings_variables(), sorted(listed - _settings_variables())


@pytest.mark.parametrize("path", sorted(str(p.relative_to(DEPLOY)) for p in DEPLOY.rglob("*.y*ml")))
def test_every_yaml_file_in_deploy_parses(path: str) -> None:
    assert _documents(DEPLOY / path)
