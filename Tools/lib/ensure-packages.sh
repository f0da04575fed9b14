# Sourced by the project's scripts: installs the Debian packages a script needs when
# they are missing, so that a fresh machine needs nothing but Swift.
ensure_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The C libraries every build links (docs/architecture.md §2).
BUILD_PACKAGES=(libsqlite3-dev libssl-dev libprotobuf-c-dev libpq-dev)
# The code generators, needed only to check or regenerate committed code.
GENERATOR_PACKAGES=(protobuf-compiler protobuf-c-compiler)
# What the tests need beyond the build: a PostgreSQL server they start and remove
# themselves (Tools/lib/throwaway-postgres.sh), for the learning service's engine.
TEST_PACKAGES=(postgresql)
# Tools/check-compose.sh: a Python virtual environment for the Compose schema check.
COMPOSE_CHECK_PACKAGES=(python3-venv)
# MonthlyReportTests render the HTML report in headless Chromium.
REPORT_TEST_PACKAGES=(chromium)
