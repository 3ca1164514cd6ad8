#!/usr/bin/env bash
# Set up and run the whole test suite (the README's test command).
# Creates .venv if missing, installs hadath with its test extras, runs pytest, then the
# evaluation gate when ../shared/eval is present. pytest's "no tests collected" (exit 5)
# counts as failure only if there should have been tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
. .venv/bin/activate
python -m pip install -q --upgrade pip >/dev/null
python -m pip install -q -e ".[test]"
set +e
python -m pytest -q "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
[ "$rc" -eq 0 ] || exit "$rc"
if [ -d ../shared/eval ] && python -c "import hadath.evaluation.cli" 2>/dev/null && hadath eval --help 2>/dev/null | grep -q gate; then
  hadath eval gate
fi
