#!/usr/bin/env bash
# Runs every test of the suite: the committed generated code is checked against
# proto/, then every test target runs (unit, service, conformance, system tests).
# Installs the Debian packages it needs when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source Tools/lib/ensure-packages.sh
ensure_packages "${BUILD_PACKAGES[@]}" "${GENERATOR_PACKAGES[@]}"

swift build --build-tests
Tools/generate.sh --check
Tools/generate-test-c.sh --check
swift test --skip-build
