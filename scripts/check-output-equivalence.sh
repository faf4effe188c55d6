#!/usr/bin/env bash
# Runs one couverture binary over a fixed set of scenarios and writes every
# output into a folder, so that two binaries (before and after a refactor)
# can be compared table by table with scripts/compare_outputs.py:
#
#   scripts/check-output-equivalence.sh OLD_BINARY /tmp/before
#   scripts/check-output-equivalence.sh build/bin/couverture /tmp/after
#   scripts/compare_outputs.py /tmp/before /tmp/after
#
# The scenarios: the demo (run with isochrones), its comparison without
# Éloyes, the siting of a micro-crèche evaluating Éloyes, the isochrones
# command, the report of the three in French and English, and a
# Liechtenstein run on the shared OSM extract (skipped when ../shared/data
# is absent).
set -euo pipefail
binary=$(realpath "$1")
out=$2
source "$(dirname "$(realpath "$0")")/scenario-parts.sh"
shared=$(shared_data_dir)
rm -rf "$out" && mkdir -p "$out" && cd "$out"

"$binary" -q demo -o demo.gpkg
"$binary" -q compare demo/sans-eloyes.toml demo/scenario.toml -o compare.gpkg
"$binary" -q site demo/site-eaje.toml --evaluate "Éloyes" -o site.gpkg
"$binary" -q isochrones demo/scenario.toml -o isochrones.gpkg --form rings
for lang in fr en; do
  "$binary" -q report demo.gpkg --compare compare.gpkg --site site.gpkg --lang $lang \
    -o report-$lang.html
done

pbf="$shared/osm/liechtenstein.osm.pbf"
if [[ -f $pbf ]]; then
  mkdir li && cd li
  printf 'id,name,type,x,y,capacity\nvaduz,Kita Vaduz,eaje,9.5209,47.1410,30\nschaan,Kita Schaan,eaje,9.5095,47.1650,20\ntriesen,Schule Triesen,alsh,9.5290,47.1070,60\n' >kitas.csv
  liechtenstein_population_csv >population.csv
  {
    echo 'name = "Liechtenstein"'
    liechtenstein_communes_toml "$pbf"
    csv_facilities_toml kitas.csv
    cat <<TOML
[network]
path = "$pbf"
[isochrones]
cell_m = 100
[output]
path = "li.gpkg"
crs = "EPSG:2056"
TOML
  } >li.toml
  "$binary" -q run li.toml
  rm -f li.toml  # holds the absolute path of the shared data
else
  echo "no $pbf: the Liechtenstein run is skipped" >&2
fi
echo "outputs of $binary in $out"
