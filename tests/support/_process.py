"""Start a server binary on a free loopback port, wait until it is ready, stop it cleanly.

Shared by the Prometheus and Alertmanager harnesses. Readiness is polled on the server's own
``/-/ready`` endpoint with a bounded deadline; between polls we wait on the *process* (not a
fixed sleep), so a server that dies during start-up is reported at once with its log.
A free port is picked by binding port 0 and closing the socket; another process can grab it in
between, so a start that fails with "address already in use" is retried on a new port.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: How to get the binaries; shown whenever one is missing.
INSTALL_HINT = (
    "run the project's test command, which installs the Debian packages "
    "'prometheus' and 'prometheus-alertmanager' (or: apt-get install prometheus "
    "prometheus-alertmanager)"
)

_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class MissingBinaryError(RuntimeError):
    """A server binary the tests need is not installed."""


class ServerStartError(RuntimeError):
    """A server exited or did not become ready in time; the message carries its log tail."""


def require_binary(name: str) -> str:
    """The binary's path, or a ``MissingBinaryError`` that says how to install it."""
    path = shutil.which(name)
    if path is None:
        raise MissingBinaryError(f"{name!r} is not installed: {INSTALL_HINT}")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningServer:
    """A started server process, its base URL and the file its output goes to."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, lines: int = 25) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, then SIGKILL if it has not exited within ``timeout`` seconds."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=timeout)


def start_server(
    name: str,
    argv_for_port: Callable[[int], Sequence[str]],
    log_path: Path,
    *,
    ready_path: str = "/-/ready",
    deadline_seconds: float = 30.0,
    attempts: int = 3,
    env: dict[str, str] | None = None,
) -> RunningServer:
    """Start ``argv_for_port(port)`` on a free port and return once ``ready_path`` answers 200.

    ``env`` replaces the environment of the server process (default: this process's).
    """
    for attempt in range(1, attempts + 1):
        port = free_port()
        server = _spawn(name, list(argv_for_port(port)), f"http://127.0.0.1:{port}", log_path, env)
        try:
            _wait_ready(server, ready_path, deadline_seconds)
        except ServerStartError:
            server.stop()
            if attempt < attempts and "address already in use" in server.log_tail().lower():
                continue
            raise
        return server
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _spawn(name: str, argv: list[str], url: str, log_path: Path, env: dict[str, str] | None) -> RunningServer:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # A file, not a pipe: a chatty server can never block on a full pipe nobody reads.
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT, env=env)
    return RunningServer(name, url, process, log_path)


def _wait_ready(server: RunningServer, ready_path: str, deadline_seconds: float) -> None:
    deadline = time.monotonic() + deadline_seconds
    pause = 0.01
    while True:
        if _answers_ok(server.url + ready_path):
            return
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ServerStartError(
                f"{server.name} was not ready within {deadline_seconds:g}s at {server.url}; "
                f"log tail:\n{server.log_tail()}"
            )
        try:
            # Waiting on the process doubles as the poll interval and returns early if it dies.
            code = server.process.wait(timeout=min(pause, remaining))
        except subprocess.TimeoutExpired:
            pause = min(pause * 2, 0.2)
            continue
        raise ServerStartError(f"{server.name} exited with code {code} during start-up; log tail:\n{server.log_tail()}")


def _answers_ok(url: str) -> bool:
    try:
        with _NO_PROXY.open(url, timeout=1.0) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False
