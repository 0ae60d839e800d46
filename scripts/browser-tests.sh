#!/usr/bin/env bash
# The dashboard's end-to-end test in headless Chromium: installs Debian's chromium and
# chromium-driver and Selenium (PyPI) when missing, builds sphery-engine, runs
# Tests/BrowserTests/dashboard_test.py (screenshots into docs/screenshots).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium > /dev/null || ! command -v chromedriver > /dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq > /dev/null
    apt-get install -y -qq chromium chromium-driver > /dev/null
fi
python3 -c "import selenium" 2> /dev/null || python3 -m pip install --quiet selenium

swift build --product sphery-engine
ENGINE="$(swift build --show-bin-path)/sphery-engine" python3 Tests/BrowserTests/dashboard_test.py
