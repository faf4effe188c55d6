#!/bin/sh
# Installs what `couverture report --pdf` prints with (Debian's chromium, headless) and what the
# report tests read PDFs with (poppler-utils: pdfinfo, pdftotext); does nothing when present.
# The report tests skip their browser and PDF checks when these are absent.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
if [ -z "$missing" ]; then
  echo "chromium and poppler-utils already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing fonts-dejavu-core
