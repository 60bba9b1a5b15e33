#!/usr/bin/env bash
# Installs what orch-mcp needs on a Debian 12 machine that already has the Swift toolchain.
# Installs only what is missing; safe to run again. Usage: tools/setup.sh [--bench]
#   (no flag)  what building, the demo and the tests need: the apt packages below, and the
#              interop venv .venv (mcp==2.3.0, mcp-server-time) that Tests/OrchCLITests/InteropTests
#              and the Python fixtures in Tests/Fixtures run with
#   --bench    the same; Benchmarks/run makes its own venv (Benchmarks/.venv) from that python3.11
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"

# Debian's python3.11 (the interop venv and the benchmarks), the C libraries the workers and the
# sandbox link (tesseract + leptonica for receipt-ocr, libcurl for its http(s) fetch, libseccomp
# and the embeddable CPython for orch-sandbox), pkg-config to find them, and the English OCR data.
apt_packages=(python3.11 python3.11-venv pkg-config tesseract-ocr tesseract-ocr-eng libtesseract-dev libleptonica-dev
  libcurl4-openssl-dev libseccomp-dev libpython3.11-dev)

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

# The interop venv: the real Python SDK client and servers the interop tests run against orch-mcp.
venv="$root/.venv"
venv_ready() {
  "$venv/bin/python" -c 'import importlib.metadata as m, mcp, mcp_server_time; raise SystemExit(m.version("mcp") != "2.3.0")' >/dev/null 2>&1
}
if ! venv_ready; then
  if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    echo "setup: creating $venv" >&2
    /usr/bin/python3.11 -m venv --clear "$venv"
  fi
  echo "setup: installing mcp==2.3.0 mcp-server-time into $venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "mcp==2.3.0" mcp-server-time >/dev/null
  venv_ready || { echo "setup: $venv still cannot import mcp 2.3.0 and mcp_server_time" >&2; exit 1; }
fi

suite="$root/../shared/reference/json-schema-test-suite"
if [[ ! -d "$suite/tests" && -z "${JSON_SCHEMA_TEST_SUITE:-}" ]]; then
  echo "setup: note: the JSON-Schema-Test-Suite is expected at $suite (or set JSON_SCHEMA_TEST_SUITE)" >&2
fi
exit 0
