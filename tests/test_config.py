"""Settings: the environment over the YAML file named by ``OPSDESK_CONFIG``, errors as one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.errors import ConfigError


def _config(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "opsdesk.yaml"
    path.write_text(text, encoding="utf-8")
    return {"OPSDESK_CONFIG": str(path)}


def test_the_file_sets_values_and_the_environment_wins(tmp_path: Path) -> None:
    environ = _config(tmp_path, "grouping_window_minutes: 20\ndata_dir: /from/file\nslack_alert_channels: [C1, C2]\n")
    settings = load_settings(environ={**environ, "OPSDESK_DATA_DIR": "/from/env", "SLACK_BOT_TOKEN": "xoxb-1"})
    assert settings.grouping_window_minutes == 20
    assert settings.slack_alert_channels == ["C1", "C2"]
    assert settings.data_dir == Path("/from/env")
    assert settings.slack_bot_token == "xoxb-1"


def test_keyword_overrides_win_over_both(tmp_path: Path) -> None:
    environ = _config(tmp_path, "lookback_minutes: 60\n")
    assert load_settings(environ=environ, lookback_minutes=90).lookback_minutes == 90


def test_yaml_only_settings_are_not_read_from_the_environment() -> None:
    assert load_settings(environ={"grouping_window_minutes": "5"}).grouping_window_minutes == 30


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("grouping_window_minutes: -1\n", r"opsdesk.yaml: grouping_window_minutes: Input should be greater than 0"),
        ("nope: 1\n", r"opsdesk.yaml: nope: unknown setting"),
        ("a: [\n", r"opsdesk.yaml: line 2: invalid YAML"),
        ("- 1\n- 2\n", r"opsdesk.yaml: the config file must be a mapping"),
    ],
)
def test_a_bad_file_is_one_line_naming_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(environ=_config(tmp_path, text))
    assert "\n" not in str(caught.value)


def test_a_missing_file_says_who_named_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing.yaml: file not found \(set by OPSDESK_CONFIG\)"):
        load_settings(environ={"OPSDESK_CONFIG": str(tmp_path / "missing.yaml")})


def test_a_bad_value_from_the_environment_names_the_environment(tmp_path: Path) -> None:
    environ = _config(tmp_path, "investigation_debounce_seconds: 1\n")
    with pytest.raises(ConfigError, match=r"^environment: investigation_debounce_seconds"):
        load_settings(environ=environ, investigation_debounce_seconds=-3)


def test_the_default_database_is_sqlite_under_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings(environ={"OPSDESK_DATA_DIR": str(tmp_path)})
    assert settings.effective_database_url == f"sqlite+aiosqlite:///{tmp_path / 'opsdesk.db'}"
    url = "postgresql+asyncpg://u@h/db"
    assert load_settings(environ={"DATABASE_URL": url}).effective_database_url == url
