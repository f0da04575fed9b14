#!/usr/bin/env bash
# Regenerates every committed Swift contract from proto/ and the test protos
# (docs/generated-code.md):
#   proto/sotay/rpc/v1/*.proto        → Shared/Contracts/RPC    (RPCContracts, no services)
#   proto/sotay/<svc>/v1/*.proto      → Shared/Contracts/<Svc>  (<Svc>Contracts, services)
#   Tests/Protos/**/*.proto           → Tests/TestProtos        (TestProtos, services)
#
# Usage: Tools/generate.sh [--check] [--scratch-path DIR]
#   --check              generate into a temporary folder and diff against the committed
#                        files; exits 1 with the diff when they differ (a stale generated
#                        file whose .proto is gone counts as a difference).
#   --scratch-path DIR   build the plugin there (also: SCRATCH=DIR).
# PROTOC_GEN_SOTAY=/path/to/protoc-gen-sotay uses an already built plugin instead of
# building one (the tests do this, since they run inside a build).
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
scratch="${SCRATCH:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        --check) check=true ;;
        --scratch-path) scratch="${2:?--scratch-path needs a folder}"; shift ;;
        --scratch-path=*) scratch="${1#*=}" ;;
        *) echo "usage: $0 [--check] [--scratch-path DIR]" >&2; exit 2 ;;
    esac
    shift
done

if ! command -v protoc >/dev/null; then
    source Tools/lib/ensure-packages.sh
    ensure_packages protobuf-compiler
fi

plugin="${PROTOC_GEN_SOTAY:-}"
if [ -z "$plugin" ]; then
    build=(swift build --product protoc-gen-sotay)
    [ -n "$scratch" ] && build+=(--scratch-path "$scratch")
    "${build[@]}" >&2
    plugin="$("${build[@]}" --show-bin-path)/protoc-gen-sotay"
fi

# sotay/org/v1 → Org; a multi-word folder (sotay/member_profile/v1) → MemberProfile.
area_name() {
    local word result=""
    IFS=_ read -ra words <<<"$1"
    for word in "${words[@]}"; do result+="$(tr '[:lower:]' '[:upper:]' <<<"${word:0:1}")${word:1}"; done
    echo "$result"
}

# Every generated package, as: proto folder, include root, output folder, module, services.
jobs=()
package_modules=()
if [ -d proto/sotay/rpc/v1 ]; then
    jobs+=("proto/sotay/rpc/v1|proto|Shared/Contracts/RPC|RPCContracts|false")
    package_modules+=("sotay.rpc.v1:RPCContracts")
fi
for dir in proto/sotay/*/v1; do
    [ -d "$dir" ] || continue
    area="$(basename "$(dirname "$dir")")"
    [ "$area" = rpc ] && continue
    name="$(area_name "$area")"
    jobs+=("$dir|proto|Shared/Contracts/$name|${name}Contracts|true")
    package_modules+=("sotay.$area.v1:${name}Contracts")
done
if [ -d Tests/Protos ] && [ -n "$(find Tests/Protos -name '*.proto' -print -quit)" ]; then
    jobs+=("Tests/Protos|Tests/Protos|Tests/TestProtos|TestProtos|true")
    package_modules+=("sotay.test.v1:TestProtos")
fi
mapping="$(IFS=';'; echo "${package_modules[*]}")"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT

for job in "${jobs[@]}"; do
    IFS='|' read -r source include output module services <<<"$job"
    mkdir -p "$staging/$output"
    mapfile -t protos < <(find "$source" -name '*.proto' | LC_ALL=C sort)
    [ ${#protos[@]} -eq 0 ] && continue
    # Test protos may import the contracts, so proto/ is always on the include path.
    protoc --plugin="protoc-gen-sotay=$plugin" -I "$include" -I proto \
        --sotay_opt="module=$module,services=$services,package_modules=$mapping" \
        --sotay_out="$staging/$output" "${protos[@]}"
done

# The folders that hold generated files now or may hold stale ones.
outputs=()
for job in "${jobs[@]}"; do outputs+=("$(cut -d'|' -f3 <<<"$job")"); done
for dir in Shared/Contracts/* Tests/TestProtos; do
    [ -d "$dir" ] && [ -n "$(find "$dir" -maxdepth 1 -name '*.pb.swift' -print -quit)" ] && outputs+=("$dir")
done
mapfile -t outputs < <(printf '%s\n' "${outputs[@]}" | LC_ALL=C sort -u)

# The generated files directly in a folder, one name a line.
generated_files() {
    [ -d "$1" ] || return 0
    find "$1" -maxdepth 1 -name '*.pb.swift' -printf '%f\n' | LC_ALL=C sort
}

if $check; then
    status=0
    for output in "${outputs[@]}"; do
        while read -r name; do
            echo "$output/$name: no .proto generates it any more" >&2
            status=1
        done < <(comm -23 <(generated_files "$output") <(generated_files "$staging/$output"))
        while read -r name; do
            echo "$output/$name: not generated yet" >&2
            status=1
        done < <(comm -13 <(generated_files "$output") <(generated_files "$staging/$output"))
        while read -r name; do
            diff -u --label "$output/$name (committed)" --label "$output/$name (generated)" \
                "$output/$name" "$staging/$output/$name" || status=1
        done < <(comm -12 <(generated_files "$output") <(generated_files "$staging/$output"))
    done
    if [ $status -ne 0 ]; then
        echo "Generated code is out of date: run Tools/generate.sh and commit the result." >&2
    fi
    exit $status
fi

for output in "${outputs[@]}"; do
    mkdir -p "$output"
    find "$output" -maxdepth 1 -name '*.pb.swift' -delete
    if [ -d "$staging/$output" ] && [ -n "$(ls -A "$staging/$output")" ]; then
        cp "$staging/$output"/*.pb.swift "$output"/
    else
        rmdir "$output" 2>/dev/null || true
    fi
    echo "generated $output" >&2
done
