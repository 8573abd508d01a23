"""A person working a desk ticket in Jira is heard in Slack: the requester's thread says what they
did (their words as text, never as mentions), and App Home's "My requests" shows the ticket."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.desk.knowledge import RetrievalKnowledgeBase
from bot.desk.model import Classifier
from tests.desk.harness import desk_running, posted_text
from tests.support.fake_jira import FakeJira

ALICE = "UALICE"
BOT_ACCOUNT = "5b10ac8d82e05b22cc7d4ef5"
SECRET = "jira-webhook-secret"


async def test_a_jira_comment_and_move_reach_the_requesters_thread_and_app_home(
    tmp_path: Path,
    desk_classifier: Classifier,
    desk_knowledge: RetrievalKnowledgeBase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JIRA_API_TOKEN", "jira-token")
    monkeypatch.setenv("JIRA_WEBHOOK_SECRET", SECRET)
    async with FakeJira(account_id=BOT_ACCOUNT) as jira:
        tickets = {
            "type": "jira",
            "url": jira.url,
            "project": "DESK",
            "email": "bot@example.com",
            "token_env": "JIRA_API_TOKEN",
            "webhook_secret_env": "JIRA_WEBHOOK_SECRET",
            "account_id": BOT_ACCOUNT,
        }
        async with desk_running(tmp_path, desk_classifier, desk_knowledge, settings={"tickets": tickets}) as desk:
            jira.send_webhooks(f"{desk.harness.url}/hooks/tickets/jira", SECRET)
            ts = await desk.dm(ALICE, "how do I set up the VPN")
            [answer] = desk.replies(f"D{ALICE}", ts)
            not_solved = next(
                element["value"]
                for block in answer["blocks"]
                if block["type"] == "actions"
                for element in block["elements"]
                if element["action_id"] == "desk-not-solved"
            )
            await desk.click(ALICE, "desk-not-solved", not_solved, f"D{ALICE}")
            [key] = jira.issues
            said_before = len(desk.replies(f"D{ALICE}", ts))

            jira.act(key, ("557058:it", "Sam <IT>"), status="In Progress", comment="<!channel> try *this* now")
            answers = await jira.webhooks.deliver()
            assert [answer["status"] for _, answer in answers] == ["applied", "applied"]
            await desk.service.worker.wait_idle()  # the news is told by a durable timer
            await desk.harness.settle()

            news = desk.replies(f"D{ALICE}", ts)[said_before:]
            assert len(news) == 2
            moved, commented = (posted_text(message) for message in news)
            link = f"<{jira.url}/browse/{key}|{key}>"
            assert moved.startswith(f"Sam &lt;IT&gt; moved your ticket {link} to *in progress*.")
            assert commented.startswith(f"Sam &lt;IT&gt; commented on your ticket {link}:")
            assert "> &lt;!channel&gt; try *this* now" in commented
            assert "<!channel>" not in commented

            homes = [call.args for call in desk.fake.calls_to("views.publish") if call.args.get("user_id") == ALICE]
            assert homes, "App Home is republished with the news"
            shown = json.dumps(homes[-1]["view"])
            assert f"*{key}* how do I set up the VPN\\nin_progress" in shown
