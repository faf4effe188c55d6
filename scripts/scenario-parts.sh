#!/usr/bin/env bash
# The pieces of scenario TOML (and the shared-data folder) that the benchmark
# scripts and scripts/check-output-equivalence.sh have in common, written
# once. Shell scripts source it and call the functions; Python scripts run
# it with the function's name and arguments and read what it prints:
#
#   source "$repo/scripts/scenario-parts.sh"; csv_facilities_toml kitas.csv
#   scripts/scenario-parts.sh csv_facilities_toml kitas.csv
#
# shared_data_dir                    the shared data folder: COUVERTURE_SHARED_DATA, else
#                                    ../shared/data beside the repository
# liechtenstein_population_csv       population.csv of Liechtenstein's 11 municipalities
#                                    (end of 2015, rounded), by the OSM relation id of their
#                                    admin_level 8 boundary (as in tests/cli)
# liechtenstein_communes_toml PBF    [communes]: the PBF's admin_level 8 boundaries joined to
#                                    population.csv (beside the scenario)
# bench_communes_toml GEOJSON        [communes] of a bench job (../shared/data/bench/<graph>/)
# csv_facilities_toml CSV            [facilities] of a CSV with id, name, type, WGS84 x/y and
#                                    capacity (the bench jobs' facilities50.csv, kitas.csv)

scenario_parts_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

shared_data_dir() {
  echo "${COUVERTURE_SHARED_DATA:-$scenario_parts_repo/../shared/data}"
}

liechtenstein_population_csv() {
  printf 'osm_id,population\n1155945,5100\n1155946,1100\n1155947,1650\n1155948,2600\n1155949,4400\n1155950,2200\n1155951,4250\n1155952,5900\n1155953,4600\n1155954,450\n1155956,5400\n'
}

liechtenstein_communes_toml() {
  cat <<TOML
[communes]
path = "$1"
layer = "multipolygons"
filter = "admin_level = '8'"
code_field = "osm_id"
name_field = "name"
[communes.population_table]
path = "population.csv"
code_field = "osm_id"
population_field = "population"
TOML
}

bench_communes_toml() {
  cat <<TOML
[communes]
path = "$1"
code_field = "code_insee"
name_field = "nom"
population_field = "population"
TOML
}

csv_facilities_toml() {
  cat <<TOML
[facilities]
path = "$1"
x_field = "x"
y_field = "y"
crs = "EPSG:4326"
id_field = "id"
name_field = "name"
type_field = "type"
capacity_field = "capacity"
TOML
}

# Run (not sourced): print one piece.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    shared_data_dir | liechtenstein_population_csv | liechtenstein_communes_toml | \
      bench_communes_toml | csv_facilities_toml)
      "$@"
      ;;
    *)
      echo "usage: $0 shared_data_dir | liechtenstein_population_csv | liechtenstein_communes_toml PBF | bench_communes_toml GEOJSON | csv_facilities_toml CSV" >&2
      exit 2
      ;;
  esac
fi
