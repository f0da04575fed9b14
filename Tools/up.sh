#!/usr/bin/env bash
# Starts the whole suite on this machine: builds in release mode, then `sotay up` runs
# every service on its default port with data under ./data (demo data on first start)
# and stops them all on Ctrl-C. Installs the Debian packages it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source Tools/lib/ensure-packages.sh
ensure_packages "${BUILD_PACKAGES[@]}"

swift build -c release
exec .build/release/sotay up "$@"
