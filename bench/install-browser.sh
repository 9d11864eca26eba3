#!/usr/bin/env bash
# Installs what the browser tests (crates/server/tests/browser.rs) and the UI screenshot need:
# Debian's chromium and chromium-driver, and a CJK font so Japanese text is not tofu. Exits 0
# with a notice when apt is unavailable or fails (the browser test then skips itself).
set -uo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "NOTICE: no apt-get: browser tests will be skipped (install chromium and chromium-driver)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
        echo "NOTICE: not root and no sudo: browser tests will be skipped"
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium chromium-driver fonts-noto-cjk; }; then
    echo "NOTICE: chromium could not be installed: browser tests will be skipped"
fi
exit 0
