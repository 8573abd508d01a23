"""Settings: environment variables (names fixed in DESIGN) over an optional YAML file.

``OPSDESK_CONFIG`` names the YAML file; its keys are the field names below
(``grouping_window_minutes: 20``). The environment always wins over the file.
A bad value fails with one line naming the file (or variable), the key and the problem.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import AliasChoices, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from bot.errors import ConfigError, first_validation_problem

REPO_ROOT = Path(__file__).resolve().parent.parent


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

    runbooks_dir: Path = REPO_ROOT / "runbooks"
    grouping_window_minutes: float = Field(default=30, gt=0, le=24 * 60)
    lookback_minutes: float = Field(default=180, gt=0, le=7 * 24 * 60)
    source_timeout_seconds: float = Field(default=5, gt=0, le=120)
    prometheus_step_seconds: float = Field(default=30, gt=0, le=3600)
    max_body_bytes: int = Field(default=1_048_576, gt=1024, le=64 * 1_048_576)
    max_clock_skew_seconds: float = Field(default=300, ge=0, le=3600)
    investigation_debounce_seconds: float = Field(default=0.25, ge=0, le=60)
    slack_default_channel: str | None = None
    slack_alert_channels: list[str] = Field(default_factory=list)
    slack_post_interval_seconds: float = Field(default=1.0, ge=0, le=60)
    slack_usergroup_cache_seconds: float = Field(default=60, ge=0, le=3600)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # load_settings() maps the environment itself, so a test can pass its own.
        return (init_settings,)

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.data_dir / 'opsdesk.db'}"


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "", "file not found (set by OPSDESK_CONFIG)") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(path, where, f"invalid YAML: {getattr(error, 'problem', error)}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, "", f"cannot read: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(path, "", "the config file must be a mapping of setting names to values")
    return data


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from ``environ`` (default: the process environment) over ``OPSDESK_CONFIG``."""
    env = dict(os.environ if environ is None else environ)
    file_values: dict[str, Any] = {}
    config_path = env.get("OPSDESK_CONFIG")
    if config_path:
        file_values = _read_yaml(Path(config_path))
        unknown = sorted(set(file_values) - set(Settings.model_fields))
        if unknown:
            raise ConfigError(config_path, unknown[0], "unknown setting")
    env_values = {
        name: env[alias]
        for name, field in Settings.model_fields.items()
        if isinstance(field.validation_alias, AliasChoices)
        for alias in field.validation_alias.choices
        if isinstance(alias, str) and alias.isupper() and alias in env
    }
    try:
        return Settings.model_validate({**file_values, **env_values, **overrides})
    except ValidationError as error:
        key, problem = first_validation_problem(error)
        source = config_path if key in file_values and key not in env_values else "environment"
        raise ConfigError(source or "settings", key, problem) from None
