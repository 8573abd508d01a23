"""Slack's Block Kit limits for the incident post: :func:`fit` blocks to them, :func:`check_blocks` a payload.

The limits of each block and element are slack-sdk's (:mod:`slack_sdk.models.blocks`): :func:`fit`
cuts text to the ``*_max_length`` of each model class, and :func:`check_blocks` parses a payload into
those models and runs their ``validate_json()`` checks. Written here, because slack-sdk has no such check:

* 50 blocks per message, 2,000 characters per section field and per context element, no empty
  text, distinct action ids in an actions block, plain text in a header (Slack's Block Kit reference);
* the text of all blocks together: Slack refuses messages whose blocks carry too much text
  (``msg_blocks_too_long``) at a threshold it does not publish, so all block text is kept under
  :data:`MAX_TOTAL_TEXT` (12,000 characters), well under what Slack accepts;
* the fitting itself: slack-sdk only refuses, and a post is never refused. Long text is cut with a
  pointer to the thread or the runbook, surplus blocks are dropped (keeping the last: the buttons),
  and every text keeps a short head, so the blocks after one long text survive the total budget.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
    TextObject,
)

MAX_BLOCKS = 50
MAX_FIELD_TEXT = 2000
MAX_CONTEXT_TEXT = 2000
MAX_TOTAL_TEXT = 12_000
POINTER = "… (truncated: see the thread or the runbook)"
MIN_KEPT_TEXT = 60


def fit(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` (changed in place) cut to what Slack accepts; the last block is kept. Never raises."""
    fitted = [_fit_block(block) for block in blocks]
    if len(fitted) > MAX_BLOCKS:
        dropped = len(fitted) - MAX_BLOCKS + 1
        notice = f"… {dropped} more blocks not shown: see the thread or the runbook"
        fitted = [*fitted[: MAX_BLOCKS - 2], ContextBlock(elements=[MarkdownTextObject(text=notice)]), fitted[-1]]
    holders = [holder for block in fitted for holder in _text_objects(block)]
    # Each text keeps at least a short head, so later blocks (the buttons) survive a long first one.
    floors = [min(len(h.text), MIN_KEPT_TEXT) for h in holders]
    reserve = sum(floors)
    budget = MAX_TOTAL_TEXT
    for holder, floor in zip(holders, floors, strict=True):
        reserve -= floor
        allowed = max(floor, budget - reserve)
        if len(holder.text) > allowed:
            holder.text = cut(holder.text, allowed)
        budget -= len(holder.text)
    return fitted


def check_blocks(blocks: Sequence[Mapping[str, Any]]) -> list[str]:
    """The limits a payload's ``blocks`` break (empty when Slack accepts them)."""
    problems: list[str] = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks > {MAX_BLOCKS}")
    total = 0
    for index, raw in enumerate(blocks):
        where = f"block {index} ({raw.get('type')})"
        block = Block.parse(dict(raw))
        if block is None:
            problems.append(f"{where}: unknown block type")
            continue
        try:
            block.to_dict()  # runs slack-sdk's validate_json() on the block and everything in it
        except SlackObjectFormationError as error:
            problems.append(f"{where}: {error}")
        problems += [f"{where}: {problem}" for problem in _unchecked_by_sdk(block)]
        total += sum(len(t.text) for t in _text_objects(block))
    if total > MAX_TOTAL_TEXT:
        problems.append(f"total text {total} > {MAX_TOTAL_TEXT}")
    return problems


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, ending with a pointer when it was cut."""
    if len(text) <= limit:
        return text
    pointer = POINTER if limit > len(POINTER) * 2 else "…"
    return text[: limit - len(pointer)].rstrip() + pointer


def _fit_block(block: Block) -> Block:
    if isinstance(block, HeaderBlock) and block.text is not None:
        block.text.text = cut(block.text.text, HeaderBlock.text_max_length)
    elif isinstance(block, SectionBlock):
        if block.text is not None:
            block.text.text = cut(block.text.text, SectionBlock.text_max_length) or " "
        block.fields = block.fields[: SectionBlock.fields_max_length]
        for field in block.fields:
            field.text = cut(field.text, MAX_FIELD_TEXT)
    elif isinstance(block, ContextBlock):
        block.elements = block.elements[: ContextBlock.elements_max_length]
        for element in _text_objects(block):
            element.text = cut(element.text, MAX_CONTEXT_TEXT)
    elif isinstance(block, ActionsBlock):
        block.elements = block.elements[: ActionsBlock.elements_max_length]
        for text in _text_objects(block):
            text.text = cut(text.text, ButtonElement.text_max_length)
    return block


def _unchecked_by_sdk(block: Block) -> Iterator[str]:
    if isinstance(block, HeaderBlock) and not isinstance(block.text, PlainTextObject):
        yield "header text is not plain_text"
    if isinstance(block, SectionBlock) and any(len(f.text) > MAX_FIELD_TEXT for f in block.fields):
        yield f"a field is longer than {MAX_FIELD_TEXT}"
    if isinstance(block, ContextBlock | ActionsBlock) and not block.elements:
        yield "no elements"
    if isinstance(block, ContextBlock) and any(len(t.text) > MAX_CONTEXT_TEXT for t in _text_objects(block)):
        yield f"an element is longer than {MAX_CONTEXT_TEXT}"
    if isinstance(block, ActionsBlock):
        ids = [getattr(element, "action_id", None) for element in block.elements]
        if len(set(ids)) != len(ids):
            yield "duplicate action ids"
    if any(not t.text for t in _text_objects(block)):
        yield "empty text"


def _text_objects(block: Block) -> Iterator[TextObject]:
    if isinstance(block, HeaderBlock | SectionBlock) and block.text is not None:
        yield block.text
    if isinstance(block, SectionBlock):
        yield from block.fields
    if isinstance(block, ContextBlock):
        yield from (element for element in block.elements if isinstance(element, TextObject))
    if isinstance(block, ActionsBlock):
        yield from (e.text for e in block.elements if isinstance(e, ButtonElement) and e.text is not None)
