#!/bin/sh
# Installs QGIS's Python bindings for the headless style checks
# (tests/io/check_qgis_styles.py); does nothing when they are present.
set -eu
if /usr/bin/python3 -c 'import qgis.core' >/dev/null 2>&1; then
  echo "PyQGIS already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends python3-qgis qgis-providers
