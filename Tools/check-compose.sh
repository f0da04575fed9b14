#!/usr/bin/env bash
# Checks compose.yaml without a Docker engine: validates it against the Compose
# Specification's JSON schema (the copy vendored by the check-jsonschema package, from
# PyPI, installed into .build/compose-check on first use), then writes the file with its
# anchors and merge keys resolved to .build/compose.json, which SystemTests' compose
# tests read to check every variable, port, volume and secret against what the services
# read, and to start the same topology natively.
set -euo pipefail
cd "$(dirname "$0")/.."
source Tools/lib/ensure-packages.sh
ensure_packages "${COMPOSE_CHECK_PACKAGES[@]}"

venv=.build/compose-check
if [ ! -x "$venv/bin/check-jsonschema" ]; then
    echo "Installing check-jsonschema (the Compose Specification's schema) into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema>=0.29"
fi
"$venv/bin/check-jsonschema" --builtin-schema vendor.compose-spec compose.yaml
"$venv/bin/python" - compose.yaml .build/compose.json <<'PYTHON'
import json, sys
from ruamel.yaml import YAML
with open(sys.argv[1]) as source:
    document = YAML(typ="safe").load(source)  # resolves anchors and `<<` merge keys
with open(sys.argv[2], "w") as target:
    json.dump(document, target, indent=1, sort_keys=True)
PYTHON
echo "compose.yaml: valid against the Compose Specification; resolved into .build/compose.json"
