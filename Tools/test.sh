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
# One throwaway PostgreSQL server (a fresh cluster run as a non-root user on
# 127.0.0.1) for the tests that run on PostgreSQL too: the learning service's rules
# run on both engines, each test in a database of its own. Removed on the way out.
read -r postgres_folder postgres_url < <(Tools/lib/throwaway-postgres.sh start)
trap 'Tools/lib/throwaway-postgres.sh stop "$postgres_folder"' EXIT
export SOTAY_TEST_POSTGRES_URL="$postgres_url"
swift test --skip-build --filter DurabilityTests
swift test --skip-build --skip DurabilityTests
