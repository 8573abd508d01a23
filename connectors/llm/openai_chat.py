"""Any OpenAI-compatible chat endpoint through the ``openai`` client.

``OPENAI_BASE_URL`` selects the endpoint (OpenAI, a vLLM or llama.cpp server, a gateway) and
``OPSDESK_LLM_MODEL`` the model. Replies are asked for as a JSON object at temperature 0 with a
fixed seed, so that the same bundle tends to the same answer; nothing relies on that. The
client's own retries are off: the caller has a deadline, and a slow model is better reported
than waited for twice.
"""

from __future__ import annotations

import openai
from openai import AsyncOpenAI

from connectors.errors import SourceUnavailable

#: Tokens the model may answer with: a summary and a few hypotheses fit well inside.
MAX_REPLY_TOKENS = 800
#: Fixed sampling seed, for endpoints that honour it.
SEED = 7


class OpenAIChat:
    name = "llm"

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout_seconds: float = 20.0,
    ) -> None:
        self.model = model
        self._client = AsyncOpenAI(
            base_url=base_url,
            # local OpenAI-compatible servers need no key, but the client insists on one
            api_key=api_key or "unused",
            timeout=timeout_seconds,
            max_retries=0,
        )

    async def complete(self, system: str, user: str) -> str:
        try:
            reply = await self._client.chat.completions.create(
                model=self.model,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                response_format={"type": "json_object"},
                temperature=0,
                seed=SEED,
                max_tokens=MAX_REPLY_TOKENS,
            )
        except openai.APITimeoutError:
            raise SourceUnavailable(self.name, f"{self.model} timed out") from None
        except openai.APIStatusError as error:
            raise SourceUnavailable(self.name, f"{self.model} answered HTTP {error.status_code}") from None
        except openai.APIError as error:
            raise SourceUnavailable(self.name, f"{self.model}: {type(error).__name__}") from None
        if not reply.choices or reply.choices[0].message.content is None:
            raise SourceUnavailable(self.name, f"{self.model} answered no text")
        return reply.choices[0].message.content

    async def close(self) -> None:
        await self._client.close()
