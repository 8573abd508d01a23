"""``opsdesk serve`` warms the desk router in the background, where a knowledge base is indexed."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

import bot.system
from bot.system import warm_desk_in_background


class _Router:
    def __init__(self) -> None:
        self.warmed = threading.Event()

    def warm(self) -> None:
        self.warmed.set()


def _service(router: _Router) -> SimpleNamespace:
    desk = SimpleNamespace(desk=SimpleNamespace(classifier=router))
    return SimpleNamespace(slack=SimpleNamespace(desk=desk), settings=SimpleNamespace())


@pytest.mark.parametrize("indexed", [True, False])
def test_the_router_is_warmed_only_where_a_knowledge_base_is_indexed(
    monkeypatch: pytest.MonkeyPatch, indexed: bool
) -> None:
    monkeypatch.setattr(bot.system, "knowledge_store", lambda settings: SimpleNamespace(has_index=lambda: indexed))
    router = _Router()
    warm_desk_in_background(_service(router))  # type: ignore[arg-type]
    for thread in [t for t in threading.enumerate() if t.name == "desk-warm-up"]:
        thread.join()
    assert router.warmed.is_set() is indexed


def test_a_bot_without_slack_has_no_router_to_warm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.system, "knowledge_store", lambda settings: SimpleNamespace(has_index=lambda: True))
    warm_desk_in_background(SimpleNamespace(slack=None, settings=SimpleNamespace()))  # type: ignore[arg-type]
