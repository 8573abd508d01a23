"""``opsdesk serve`` processes on fixed loopback ports, each killable and restartable on its port.

Shared by the multi-process tests and the storm benchmark. Every process gets the same
environment (the caller's settings over this process's, with every variable the settings read
removed first, so a developer's shell never points them at real systems) and a data dir of its
own; its output goes to ``server-<index>.log`` in the work dir.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import aiohttp

from bot.config import environment_variables
from tests.support._process import ServerStartError, free_port

REPO = Path(__file__).resolve().parents[2]


class ServeProcesses:
    def __init__(self, count: int, workdir: Path, settings: Mapping[str, str]) -> None:
        self.workdir = workdir
        self.ports = [free_port() for _ in range(count)]
        self.urls = [f"http://127.0.0.1:{port}" for port in self.ports]
        self.processes: list[subprocess.Popen[bytes] | None] = [None] * count
        inherited = {k: v for k, v in os.environ.items() if k not in environment_variables()}
        self.env = {**inherited, **settings}
        self.kills = 0

    def log_path(self, index: int) -> Path:
        return self.workdir / f"server-{index}.log"

    def log(self, index: int) -> str:
        try:
            return self.log_path(index).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def start(self, index: int) -> None:
        env = {**self.env, "OPSDESK_DATA_DIR": str(self.workdir / f"data-{index}")}
        command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(self.ports[index])]
        with self.log_path(index).open("ab") as log:
            self.processes[index] = subprocess.Popen(
                command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, cwd=REPO
            )

    def kill(self, index: int) -> None:
        process = self.processes[index]
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait()
            self.kills += 1

    def stop_all(self) -> None:
        """SIGTERM to every process, then SIGKILL to any still running after 30 s."""
        for process in self.processes:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    async def ready(self, index: int, deadline: float = 90) -> None:
        """Return once process ``index`` answers ``/healthz``; raise at once if it exits."""
        limit = time.monotonic() + deadline
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < limit:
                process = self.processes[index]
                if process is not None and process.poll() is not None:
                    raise ServerStartError(
                        f"server {index} exited with {process.returncode}; log:\n{self.log(index)[-3000:]}"
                    )
                try:
                    async with session.get(f"{self.urls[index]}/healthz") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(0.05)  # another process starting: no event to await
        raise ServerStartError(f"server {index} did not start; log:\n{self.log(index)[-3000:]}")
