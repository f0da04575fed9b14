#!/usr/bin/env bash
# Runs every test of the suite: the committed generated code is checked against
# proto/, compose.yaml against the Compose schema, then every test target runs
# (unit, service, conformance, system tests).
# Installs the Debian packages it needs when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source Tools/lib/ensure-packages.sh
ensure_packages "${BUILD_PACKAGES[@]}" "${GENERATOR_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${REPORT_TEST_PACKAGES[@]}"

swift build --build-tests
Tools/generate.sh --check
Tools/generate-test-c.sh --check
# compose.yaml against the Compose Specification's schema; SystemTests then check what
# it names against what the services read.
Tools/check-compose.sh
# The durability test kills a writing child process again and again and keeps the
# disk busy with fsyncs; it runs on its own so it does not slow every other test's
# writes (their calls have deadlines).
swift test --skip-build --filter DurabilityTests
swift test --skip-build --skip DurabilityTests
