"""Runbooks: front matter (causes, alerts, services, actions) turned into next steps by rule.

The bundled runbooks ship as package data of the top-level ``runbooks`` package, so an installed
opsdesk (a wheel, the container image) has them without the source checkout.
"""

from __future__ import annotations

from pathlib import Path


def bundled_runbooks_dir() -> Path:
    """The folder of the runbooks that ship with opsdesk (the checkout's ``runbooks/`` when editable)."""
    import runbooks

    return Path(runbooks.__file__).resolve().parent
