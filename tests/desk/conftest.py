from __future__ import annotations

import pytest

from bot.desk.classify import DeskClassifier
from bot.system import desk_classifier


@pytest.fixture(scope="session")
def classifier() -> DeskClassifier:
    """The router with the real model and its examples embedded, once per test session."""
    router = desk_classifier()
    router.warm()
    return router
