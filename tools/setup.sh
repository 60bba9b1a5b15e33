#!/usr/bin/env bash
# Installs what orch-mcp needs on a Debian 12 machine that already has the Swift toolchain.
# Installs only what is missing; safe to run again. Usage: tools/setup.sh [--bench]
#   (no flag)  what building, the demo and the tests need
#   --bench    also Debian's python3.11 + venv, for Benchmarks/run
set -euo pipefail

apt_packages=()
if [[ "${1:-}" == "--bench" ]]; then
  apt_packages+=(python3.11 python3.11-venv)
fi

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || { echo "setup: the Swift toolchain (swift 6.1 or newer) is not on PATH" >&2; exit 1; }

suite="$(cd "$(dirname "$0")/.." && pwd)/../shared/reference/json-schema-test-suite"
if [[ ! -d "$suite/tests" && -z "${JSON_SCHEMA_TEST_SUITE:-}" ]]; then
  echo "setup: note: the JSON-Schema-Test-Suite is expected at $suite (or set JSON_SCHEMA_TEST_SUITE)" >&2
fi
exit 0
