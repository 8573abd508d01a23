"""The shadow executor: records what would have run and runs nothing."""

from __future__ import annotations

from connectors.executors.model import ExecutionRequest, ExecutionResult


class ShadowExecutor:
    name = "shadow"

    def __init__(self, would_run: str = "") -> None:
        self._would_run = would_run
        self.recorded: list[ExecutionRequest] = []

    async def execute(self, request: ExecutionRequest) -> ExecutionResult:
        self.recorded.append(request)
        via = f" via {self._would_run}" if self._would_run else ""
        params = ", ".join(f"{k}={v}" for k, v in sorted(request.params.items()))
        return ExecutionResult(
            outcome="shadowed",
            detail=f"would run {request.action} on {request.target}{via}" + (f" ({params})" if params else ""),
            reference=request.idempotency_key,
        )

    async def close(self) -> None:
        return None
