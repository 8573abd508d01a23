"""The engine's shortcuts give what the plain computation gives: medians bit for bit, templates
shared by digit class, mentions searched only in lines that hold the name."""

from __future__ import annotations

import re
from itertools import cycle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine import logsig, onset
from bot.engine.logsig import first_mention, mention_pattern, short_names, template_of
from bot.engine.onset import detect_onset

SPECIAL_FLOATS = st.sampled_from([0.0, -0.0, np.inf, -np.inf, np.nan, 1e308, -1e308, 5e-324])


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True) | SPECIAL_FLOATS, min_size=1, max_size=60))
def test_the_median_is_numpys_bit_for_bit(values: list[float]) -> None:
    array = np.array(values, dtype=float)
    with np.errstate(invalid="ignore", over="ignore"):
        assert np.array(onset._median(array)).tobytes() == np.array(float(np.median(array))).tobytes()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=10, allow_nan=False), min_size=12, max_size=80),
    st.integers(min_value=0, max_value=79),
    st.floats(min_value=0.5, max_value=50),
    st.sampled_from(["error_ratio", "request_rate", "memory_utilisation", "saturation", "queue_depth"]),
)
def test_onsets_are_those_of_numpys_median(values: list[float], at: int, factor: float, signal: str) -> None:
    shifted = [v * factor if i >= at else v for i, v in enumerate(values)]
    points = [(1_700_000_000 + 30.0 * i, v) for i, v in enumerate(shifted)]

    fast = detect_onset("checkout", signal, points)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(onset, "_median", lambda a: float(np.median(a)))
        plain = detect_onset("checkout", signal, points)

    assert fast == plain


def _forget_templates() -> None:
    template_of.cache_clear()
    logsig._TEMPLATES_BY_CLASS.clear()


def _plain_template(message: str) -> str:
    """Every mask applied to the message itself, as before templates were shared."""
    text = message.strip()[: logsig.TEMPLATE_CHARS]
    masks = logsig._MASKS if any(c.isdigit() for c in text) else logsig._NON_NUMERIC_MASKS
    for pattern, token in masks:
        text = pattern.sub(token, text)
    return re.sub(r"\s+", " ", text)


MESSAGE_PARTS = st.sampled_from(
    [
        "GET /v#/items/## ",
        "took ###ms ",
        "0x#f#a ",
        "#x#f# ",
        "#x#f ",
        "pod web#-abc#de-x#y#z ",
        "req_ab#cd#ef ",
        'id="#a#" ',
        "10.#.#.##:#### ",
        "2026-0#-1#T1#:0#:##Z ",
        "x#09 ",
        "gke-prod-#-pool-#a#f ",
        "retry ## of #0 ",
        "٣# ",
        "²# ",
        "v#.#.# ",
        "payment ##ff#a#c failed ",
        "ok ",
        "  ",
        "ab#c " * 40,
    ]
)


@given(st.lists(MESSAGE_PARTS, min_size=1, max_size=6), st.lists(st.integers(0, 9), min_size=1, max_size=40))
def test_messages_of_one_digit_class_are_masked_as_each_alone(parts: list[str], digits: list[int]) -> None:
    _forget_templates()
    shape = "".join(parts)
    first = shape.replace("#", "1")
    others = cycle(digits)
    second = re.sub("#", lambda _: str(next(others)), shape)

    assert [template_of(first), template_of(second)] == [_plain_template(first), _plain_template(second)]


def test_a_template_that_keeps_a_digit_is_not_shared() -> None:
    _forget_templates()
    assert template_of("GET /v1/items/17 200") == "GET /v1/items/<n> <n>"
    assert template_of("GET /v2/items/17 200") == "GET /v2/items/<n> <n>"


NAMES = ["payments", "payments-db", "db", "api.stripe.com", "orders-db", "queue_redis", "a+b", "svc-01"]
WORDS = [*NAMES, "falling back to", "using", "timeout", ":5432", ":6379", "-", " ", ".", "x"]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from(NAMES))
def test_mentions_are_found_as_by_searching_every_pattern(words: list[str], own: str) -> None:
    text = " ".join(words)
    patterns = [(name, mention_pattern(name)) for name in NAMES]
    patterns.append(("payments", re.compile(r"(?<![a-z0-9-])pay(?:\.[a-z0-9-]+)+\.[a-z]{2,}\b")))
    shorthands = short_names(["queue_redis", "orders-postgres"], ["queue_redis"])

    fast = first_mention(text, patterns, own, shorthands)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(logsig, "_NEEDLES", {})
        plain = first_mention(text, patterns, own, shorthands)

    assert fast == plain


@pytest.mark.parametrize("name", ["payments-db", "api.stripe.com", "a\\b", "x(y)|z", "Ünïcode", "new\nline", ""])
def test_a_mention_pattern_needs_its_name_as_written(name: str) -> None:
    pattern = mention_pattern(name)
    assert logsig._NEEDLES[pattern] == name.lower()
    assert pattern.search(f"call {name.lower()} failed")


def test_other_patterns_are_always_searched() -> None:
    assert re.compile(r":5432\b") not in logsig._NEEDLES
