#!/usr/bin/env bash
# Install the Debian packages the tests need, only when they are missing:
# chromium (headless browser tests, PDF export) and poppler-utils (pdftoppm, pdftotext).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "กำลังติดตั้ง ${need[*]} ด้วย apt (installing ${need[*]})"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
