#!/usr/bin/env bash
# Installs the Debian 12 packages Couverture builds, tests and benchmarks with.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libgdal-dev gdal-bin python3-gdal libgeos-dev libproj-dev
  libboost-graph-dev libosmium2-dev libprotozero-dev zlib1g-dev libbz2-dev libexpat1-dev
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libtbb-dev libssl-dev
  coinor-libcbc-dev coinor-libosi-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
