"""A PostgreSQL cluster of a test's own: initdb into a temporary folder, a free loopback port,
crashed and started again while the bot works. The machine's shared server is never touched.

The server binaries come from ``/usr/lib/postgresql/<version>/bin`` (Debian's layout) or the
``PATH``. PostgreSQL refuses to run as root, so when the tests do, the cluster runs as the
``postgres`` system user (``runuser``), which then owns the folder.

:meth:`PrivatePostgres.crash` is ``pg_ctl stop -m immediate``: every backend is killed without a
checkpoint, as when the server's host loses power, and the next start replays the WAL. A
transaction committed before the crash must be there after it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.support._process import MissingBinaryError, free_port

START_TIMEOUT_SECONDS = 60


def server_binaries() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``; ``MissingBinaryError`` when there is none."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise MissingBinaryError("PostgreSQL server binaries (initdb, pg_ctl) missing: apt-get install postgresql")


class PrivatePostgres:
    """One cluster in ``root``: :meth:`start`, :meth:`crash`, :meth:`stop`; ``url`` for SQLAlchemy."""

    def __init__(self, root: Path) -> None:
        self.bin = server_binaries()
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            self._as_user = ["runuser", "-u", "postgres", "--"]
            owner = pwd.getpwnam("postgres")
            root.mkdir(parents=True, exist_ok=True)
            os.chown(root, owner.pw_uid, owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
        timeout = str(START_TIMEOUT_SECONDS)
        self._run("pg_ctl", "start", "-w", "-t", timeout, "-D", str(self.data), "-l", str(self.log), "-o", options)

    def crash(self) -> None:
        """Kill the server and every backend at once, without a checkpoint."""
        self._run("pg_ctl", "stop", "-m", "immediate", "-D", str(self.data))

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "-m", "fast", "-D", str(self.data))

    def running(self) -> bool:
        status = subprocess.run(
            [*self._as_user, str(self.bin / "pg_ctl"), "status", "-D", str(self.data)], capture_output=True
        )
        return status.returncode == 0

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run([*self._as_user, str(self.bin / tool), *args], capture_output=True, text=True)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{tool} {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}\n{log}")


@contextlib.contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    """A started private cluster, stopped (whatever state the test left it in) and removed at the end.

    Its folder is made directly under the system temp dir: pytest's ``tmp_path`` lies under a
    folder only its owner may enter, which the ``postgres`` user could not.
    """
    root = Path(tempfile.mkdtemp(prefix="opsdesk-pg-"))
    try:
        cluster = PrivatePostgres(root)
        cluster.start()
        try:
            yield cluster
        finally:
            if cluster.running():
                cluster.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
