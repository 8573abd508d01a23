"""The language model in the running service: the post never waits for it, and is edited in
place with the model's summary, labelled and escaped, when it answers."""

from __future__ import annotations

import json
from pathlib import Path

from bot.slack.views.limits import check_blocks
from tests.slack.harness import TOKEN, alert, running, webhook
from tests.support.fake_openai import HOLD, FakeOpenAI


def _answer(summary: str) -> str:
    return json.dumps({"summary": summary, "hypotheses": []})


async def test_the_post_goes_out_before_the_model_answers_and_is_edited_with_its_summary(tmp_path: Path) -> None:
    summary = "Deploy v2 broke checkout [E1] <!channel> <https://evil|click>"
    async with FakeOpenAI([HOLD, _answer(summary)]) as model:
        settings = {"openai_base_url": model.base_url, "llm_model": "test-model", "llm_timeout_seconds": 60}
        async with running(tmp_path, settings=settings) as slack:
            async with slack.session.post(
                f"{slack.url}/hooks/alertmanager",
                json=webhook(alert("a1")),
                headers={"Authorization": f"Bearer {TOKEN}"},
            ) as response:
                assert response.status == 200
            # the model has not answered: the rules' post is out all the same
            first = await slack.fake.called("chat.postMessage", lambda c: not c.args.get("thread_ts"))
            assert "deploy v2 raised errors" in json.dumps(first.args["blocks"])
            assert "Summary by" not in json.dumps(first.args["blocks"])
            # the model answers, with mrkdwn it must not get to use, and the same message is edited
            model.release()
            await slack.settle()
            assert len(model.requests) == 1
            ts = (await slack.store.slack_posts.get(1)).ts  # type: ignore[union-attr]
    updates = [c for c in slack.fake.calls_to("chat.update") if c.args["ts"] == ts]
    assert updates
    blocks = json.dumps(updates[-1].args["blocks"])
    assert check_blocks(updates[-1].args["blocks"]) == []
    assert "Summary by test-model" in blocks
    assert "&lt;!channel&gt;" in blocks
    assert "<!channel>" not in blocks
    assert "<https://evil|click>" not in blocks


async def test_a_failing_model_is_named_in_the_post_and_the_rules_stand(tmp_path: Path) -> None:
    async with FakeOpenAI([503]) as model:
        settings = {"openai_base_url": model.base_url, "llm_model": "test-model"}
        async with running(tmp_path, settings=settings) as slack:
            await slack.alerts(alert("a1"))
    message = next(iter(slack.fake.messages.values()))
    text = json.dumps(message["blocks"])
    assert "deploy v2 raised errors" in text
    assert "llm: test-model answered HTTP 503" in text
