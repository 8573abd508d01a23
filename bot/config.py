"""Settings: environment variables (the names the README documents) over an optional YAML file.

``OPSDESK_CONFIG`` names the YAML file; its keys are the field names below
(``grouping_window_minutes: 20``). The environment always wins over the file. Both are read
with pydantic-settings' own sources (YAML, environment); :func:`load_settings` runs them
itself so that a test can pass its own environment and an error can say where the bad value
came from: one line naming the file (or "environment"), the key and the problem.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import AliasChoices, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    YamlConfigSettingsSource,
)

from bot.desk.ticket_systems import LocalTicketSettings, TicketSettings
from bot.errors import ConfigError, first_validation_problem
from bot.runbooks import bundled_runbooks_dir


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="forbid", populate_by_name=True)

    data_dir: Path = Field(default=Path(".opsdesk"), validation_alias=_env("OPSDESK_DATA_DIR", "data_dir"))
    config_file: Path | None = Field(default=None, validation_alias=_env("OPSDESK_CONFIG", "config_file"))
    database_url: str | None = Field(default=None, validation_alias=_env("DATABASE_URL", "database_url"))
    chroma_url: str | None = Field(default=None, validation_alias=_env("CHROMA_URL", "chroma_url"))
    catalog_file: Path | None = Field(default=None, validation_alias=_env("OPSDESK_CATALOG", "catalog_file", "catalog"))
    slack_bot_token: str | None = Field(default=None, validation_alias=_env("SLACK_BOT_TOKEN"))
    slack_signing_secret: str | None = Field(default=None, validation_alias=_env("SLACK_SIGNING_SECRET"))
    slack_app_token: str | None = Field(default=None, validation_alias=_env("SLACK_APP_TOKEN"))
    slack_api_url: str | None = Field(default=None, validation_alias=_env("OPSDESK_SLACK_API_URL", "slack_api_url"))
    webhook_token: str | None = Field(default=None, validation_alias=_env("OPSDESK_WEBHOOK_TOKEN", "webhook_token"))
    deploy_secret: str | None = Field(default=None, validation_alias=_env("OPSDESK_DEPLOY_SECRET", "deploy_secret"))
    prometheus_url: str | None = Field(default=None, validation_alias=_env("PROMETHEUS_URL", "prometheus_url"))
    elasticsearch_url: str | None = Field(default=None, validation_alias=_env("ELASTICSEARCH_URL", "elasticsearch_url"))
    elasticsearch_index: str = "logs-*"
    openai_api_key: str | None = Field(default=None, validation_alias=_env("OPENAI_API_KEY"))
    openai_base_url: str | None = Field(default=None, validation_alias=_env("OPENAI_BASE_URL", "openai_base_url"))
    llm_model: str | None = Field(default=None, validation_alias=_env("OPSDESK_LLM_MODEL", "llm_model"))
    policy_file: Path | None = Field(default=None, validation_alias=_env("OPSDESK_POLICY", "policy_file", "policy"))
    llm_timeout_seconds: float = Field(default=20.0, gt=0, le=300)
    desk_llm_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    resources_file: Path | None = Field(
        default=None, validation_alias=_env("OPSDESK_RESOURCES", "resources_file", "resources")
    )
    access_approval_hours: float = Field(default=24.0, gt=0, le=14 * 24)

    runbooks_dir: Path = Field(default_factory=bundled_runbooks_dir)
    runbook_url: str | None = Field(default=None, validation_alias=_env("OPSDESK_RUNBOOK_URL", "runbook_url"))
    grouping_window_minutes: float = Field(default=30, gt=0, le=24 * 60)
    lookback_minutes: float = Field(default=180, gt=0, le=7 * 24 * 60)
    source_timeout_seconds: float = Field(default=5, gt=0, le=120)
    prometheus_step_seconds: float = Field(default=30, gt=0, le=3600)
    max_body_bytes: int = Field(default=1_048_576, gt=1024, le=64 * 1_048_576)
    max_clock_skew_seconds: float = Field(default=300, ge=0, le=3600)
    investigation_debounce_seconds: float = Field(default=0.25, ge=0, le=60)
    slack_default_channel: str | None = None
    slack_alert_channels: list[str] = Field(default_factory=list)
    slack_refused_alerts_channel: str | None = None
    slack_post_interval_seconds: float = Field(default=1.0, ge=0, le=60)
    slack_usergroup_cache_seconds: float = Field(default=60, ge=0, le=3600)
    tickets: TicketSettings = Field(default_factory=LocalTicketSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # load_settings() runs the environment and YAML sources itself, so a test can pass its own
        # environment and a bad value is reported with where it came from.
        return (init_settings,)

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'opsdesk.db'}"


class _Environment(EnvSettingsSource):
    """The environment variables the README names, read from a given mapping (by default the process's),
    so that a test or a tool can pass its own environment."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._given = dict(environ)
        super().__init__(Settings, case_sensitive=True)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return self._given

    def __call__(self) -> dict[str, Any]:
        """Values by setting name; only the upper-case names are environment variables, the rest
        of the settings are YAML-only."""
        fields = environment_variables()
        return {fields[key]: value for key, value in super().__call__().items() if key in fields}


def environment_variables() -> dict[str, str]:
    """Each environment variable the settings read, with the setting it sets."""
    return {
        alias: name
        for name, field in Settings.model_fields.items()
        if isinstance(field.validation_alias, AliasChoices)
        for alias in field.validation_alias.choices
        if isinstance(alias, str) and alias.isupper()
    }


def _file_values(path: Path) -> dict[str, Any]:
    """The YAML file's settings through pydantic-settings' own YAML source, errors as one line."""
    if not path.is_file():
        raise ConfigError(path, "", "file not found (set by OPSDESK_CONFIG)")
    try:
        data = YamlConfigSettingsSource(Settings, yaml_file=path).yaml_data
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(path, where, f"invalid YAML: {getattr(error, 'problem', error)}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, "", f"cannot read: {error}") from None
    except (TypeError, ValueError):  # the source could not make a mapping of it
        data = None
    if not isinstance(data, dict):
        raise ConfigError(path, "", "the config file must be a mapping of setting names to values")
    unknown = sorted(set(data) - set(Settings.model_fields))
    if unknown:
        raise ConfigError(path, unknown[0], "unknown setting")
    return data


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from ``environ`` (default: the process environment) over ``OPSDESK_CONFIG``."""
    env = dict(os.environ if environ is None else environ)
    config_path = env.get("OPSDESK_CONFIG")
    file_values = _file_values(Path(config_path)) if config_path else {}
    env_values = _Environment(env)()
    try:
        return Settings.model_validate({**file_values, **env_values, **overrides})
    except ValidationError as error:
        key, problem = first_validation_problem(error)
        top = key.split(".")[0]  # a nested key ("tickets.jira.url") came from where its setting did
        from_file = top in file_values and top not in env_values and top not in overrides
        raise ConfigError(config_path if from_file and config_path else "environment", key, problem) from None
