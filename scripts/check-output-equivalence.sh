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
shared=${COUVERTURE_SHARED_DATA:-$(dirname "$(realpath "$0")")/../../shared/data}
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
  printf 'osm_id,population\n1155945,5100\n1155946,1100\n1155947,1650\n1155948,2600\n1155949,4400\n1155950,2200\n1155951,4250\n1155952,5900\n1155953,4600\n1155954,450\n1155956,5400\n' >population.csv
  cat >li.toml <<TOML
name = "Liechtenstein"
[communes]
path = "$pbf"
layer = "multipolygons"
filter = "admin_level = '8'"
code_field = "osm_id"
name_field = "name"
[communes.population_table]
path = "population.csv"
code_field = "osm_id"
population_field = "population"
[facilities]
path = "kitas.csv"
x_field = "x"
y_field = "y"
crs = "EPSG:4326"
id_field = "id"
name_field = "name"
type_field = "type"
capacity_field = "capacity"
[network]
path = "$pbf"
[isochrones]
cell_m = 100
[output]
path = "li.gpkg"
crs = "EPSG:2056"
TOML
  "$binary" -q run li.toml
  rm -f li.toml  # holds the absolute path of the shared data
else
  echo "no $pbf: the Liechtenstein run is skipped" >&2
fi
echo "outputs of $binary in $out"
