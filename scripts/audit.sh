#!/usr/bin/env bash
# Audit the installed Python environment for known vulnerabilities with pip-audit.
#
#   bash scripts/audit.sh              # audit the active environment (.venv if present)
#   bash scripts/audit.sh --strict     # also fail when nothing could be audited (no service)
#   AUDIT_SERVICE=osv bash scripts/audit.sh   # ask OSV instead of PyPI's JSON API
#
# Exit status: 0 = no known vulnerability, or the vulnerability service could not be reached
# (said clearly: CI must not fail on a missing network); 1 = vulnerabilities found;
# 2 = pip-audit unavailable or failed (0 unless --strict when it is a network problem).
set -uo pipefail
cd "$(dirname "$0")/.."

strict=0
if [ "${1:-}" = "--strict" ]; then strict=1; shift; fi
service=${AUDIT_SERVICE:-pypi}

if [ -z "${VIRTUAL_ENV:-}" ] && [ -x .venv/bin/python ]; then
  . .venv/bin/activate
fi
PY=${PYTHON:-python3}
command -v "$PY" >/dev/null 2>&1 || PY=python

unreachable() {
  echo "audit: UNREACHABLE: $1; no vulnerability check was done" >&2
  if [ "$strict" -eq 1 ]; then exit 2; fi
  exit 0
}

if ! "$PY" -m pip_audit --version >/dev/null 2>&1; then
  echo "audit: installing pip-audit" >&2
  "$PY" -m pip install -q pip-audit >/dev/null 2>&1 || unreachable "pip-audit could not be installed (no package index?)"
fi

report=$(mktemp)
errlog=$(mktemp)
trap 'rm -f "$report" "$errlog"' EXIT
# --skip-editable: hadath itself is installed editable and is not on PyPI.
"$PY" -m pip_audit --vulnerability-service "$service" --progress-spinner off --skip-editable \
  --format json --output "$report" "$@" 2>"$errlog"
rc=$?

if [ ! -s "$report" ]; then
  if grep -qiE "ConnectionError|Max retries exceeded|NameResolution|Name or service not known|Temporary failure in name resolution|Network is unreachable|timed out|Connection refused|ProxyError|SSLError" "$errlog"; then
    tail -n 3 "$errlog" >&2
    unreachable "the $service vulnerability service could not be reached"
  fi
  cat "$errlog" >&2
  echo "audit: pip-audit failed (exit $rc)" >&2
  exit 2
fi

"$PY" - "$report" "$service" <<'EOF'
import json
import sys

data = json.load(open(sys.argv[1], encoding="utf-8"))
deps = data.get("dependencies", data if isinstance(data, list) else [])
audited = [d for d in deps if not d.get("skip_reason")]
skipped = [d for d in deps if d.get("skip_reason")]
vulns = [(d["name"], d["version"], v) for d in audited for v in d.get("vulns", [])]
for name, version, v in vulns:
    fixes = ", ".join(v.get("fix_versions") or []) or "no fix yet"
    print(f"VULNERABLE {name} {version}: {v.get('id')} {' '.join(v.get('aliases') or [])} (fixed in: {fixes})")
print(f"audit: {len(audited)} packages audited against {sys.argv[2]}, {len(skipped)} skipped, "
      f"{len(vulns)} known vulnerabilities", file=sys.stderr)
if vulns:
    sys.exit(1)
not_found = [d for d in skipped if "not found" in d.get("skip_reason", "")]
if not audited and not_found:
    sys.exit(3)  # every lookup failed: the service is not really reachable (e.g. a local index mirror)
sys.exit(0)
EOF
rc=$?
case "$rc" in
  0) echo "audit: no known vulnerabilities" >&2; exit 0 ;;
  1) echo "audit: vulnerabilities found (see above)" >&2; exit 1 ;;
  3) unreachable "no package could be looked up on the $service service (offline or a local mirror)" ;;
  *) echo "audit: could not read pip-audit's report" >&2; exit 2 ;;
esac
