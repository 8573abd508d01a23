"""The container recipe, run without a container engine.

No Docker runs here, so this test follows the Dockerfile's build stage on the host: it copies the
files the Dockerfile copies, builds the wheel the same way, installs it with the same script
(``deploy/install-venv.sh``) into a fresh virtualenv, and runs ``opsdesk demo`` from a folder
outside the source tree with an empty data dir. That is the image's promise: the model and the
bundled runbooks come with the installation, not with a checkout.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO / "Dockerfile"


def build_stage_copies() -> list[str]:
    """The source paths the Dockerfile's build stage copies into the image."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    stage = text.split(" AS runtime", 1)[0]
    sources: list[str] = []
    for line in stage.splitlines():
        match = re.match(r"COPY\s+(?!--)(.+)", line.strip())
        if match:
            *paths, _destination = match.group(1).split()
            sources += paths
    return sources


def test_the_dockerfile_installs_with_the_script_the_test_runs() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert "sh deploy/install-venv.sh /opt/opsdesk /wheels" in text
    assert "pip wheel --quiet --no-cache-dir --no-deps --wheel-dir /wheels ." in text
    assert {"pyproject.toml", "bot", "retrieval", "connectors", "runbooks"} <= set(build_stage_copies())
    assert re.search(r"^USER opsdesk$", text, re.M), "the image runs as a non-root user"
    assert re.search(r"^HEALTHCHECK .*/healthz", text, re.M | re.S)


def test_the_docker_build_context_keeps_what_the_dockerfile_copies() -> None:
    ignored = [
        line.strip().rstrip("/")
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for source in build_stage_copies():
        assert not any(fnmatch.fnmatch(source, pattern) for pattern in ignored), source
    assert {".venv", ".git", "tests"} <= set(ignored)


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_a_wheel_installed_in_a_fresh_virtualenv_runs_the_demo_outside_the_checkout(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in build_stage_copies():
        origin = REPO / name
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(origin, target)
    wheels = tmp_path / "wheels"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPSDESK_", "VIRTUAL_ENV", "PYTHON"))}
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), "."],
        cwd=source,
        env=env,
        check=True,
    )
    venv = tmp_path / "venv"
    subprocess.run(
        ["sh", str(source / "deploy" / "install-venv.sh"), str(venv), str(wheels)],
        env=env | {"PYTHON": _base_python()},
        check=True,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data = tmp_path / "empty-data"
    run_env = env | {"OPSDESK_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import bot, runbooks; print(bot.__file__); print(runbooks.__file__)"],
        cwd=elsewhere,
        env=run_env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert all(line.startswith(str(venv)) for line in where.stdout.split()), where.stdout
    demo = subprocess.run(
        [str(venv / "bin" / "opsdesk"), "demo"],
        cwd=elsewhere,
        env=run_env | {"COLUMNS": "160"},
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    out = demo.stdout
    indexed = re.search(r"(\d+) added", out)
    assert indexed, out
    assert int(indexed[1]) >= 20, "the bundled runbooks are indexed from the installation"
    assert re.search(r"Bad deploy.*checkout", out), out
    assert str(REPO) not in out, "nothing comes from the source checkout"
    assert (data / "demo-slack-post.json").is_file()


def _base_python() -> str:
    """The interpreter the test's virtualenv was made from (the Dockerfile's is the image's python)."""
    return str(Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}")
