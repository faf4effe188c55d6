#!/usr/bin/env bash
# The diagnosis of the demo territory: times `couverture report` (HTML only,
# then with the chromium PDF) and `couverture export` (.xlsx and .ods) on the
# demo's run, comparison and siting GeoPackages, with the sizes written.
# Writes benchmarks/results/report-<UTC>.json and prints a table. Numbers
# are reported, never asserted; the PDF is skipped without chromium.
#
# Usage: benchmarks/run-report.sh   (environment: BUILD_DIR, KEEP=1 keeps the scratch folder)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
build_dir=${BUILD_DIR:-$repo/build}
cli="$build_dir/bin/couverture"
if [[ ! -x $cli ]]; then
  echo "run-report: $cli not found; build it: cmake --build $build_dir --target couverture" >&2
  exit 1
fi
work=$(mktemp -d /tmp/couverture-report.XXXXXX)
trap '[[ ${KEEP:-0} == 1 ]] || rm -rf "$work"' EXIT
mkdir -p "$repo/benchmarks/results"
cd "$work"
"$cli" -q demo
"$cli" -q compare couverture-demo/sans-eloyes.toml couverture-demo/scenario.toml -o compare.gpkg
"$cli" -q site couverture-demo/site-eaje.toml --evaluate "Éloyes" -o site.gpkg

seconds() {  # the wall time of a command, in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
html=$(seconds "$cli" -q report couverture-demo.gpkg --compare compare.gpkg --site site.gpkg -o r.html)
pdf=null
pages=null
if command -v chromium >/dev/null 2>&1; then
  pdf=$(seconds "$cli" -q report couverture-demo.gpkg --compare compare.gpkg --site site.gpkg \
    -o p.html --pdf p.pdf)
  command -v pdfinfo >/dev/null 2>&1 && pages=$(pdfinfo p.pdf | awk '/^Pages:/ {print $2}')
fi
xlsx=$(seconds "$cli" -q export couverture-demo.gpkg -o d.xlsx)
ods=$(seconds "$cli" -q export couverture-demo.gpkg -o d.ods)
size() { stat -c %s "$1" 2>/dev/null || echo null; }
out="$repo/benchmarks/results/report-$(date -u +%Y%m%dT%H%M%SZ).json"
cat >"$out" <<JSON
{
  "benchmark": "report",
  "territory": "demo (10 communes, 28,940 inhabitants, 6 services)",
  "cores": $(nproc),
  "report_html_seconds": $html,
  "report_html_and_pdf_seconds": $pdf,
  "html_bytes": $(size r.html),
  "pdf_bytes": $( [[ -f p.pdf ]] && size p.pdf || echo null),
  "pdf_pages": $pages,
  "export_xlsx_seconds": $xlsx,
  "export_ods_seconds": $ods,
  "xlsx_bytes": $(size d.xlsx),
  "ods_bytes": $(size d.ods)
}
JSON
printf '%-28s %10s\n' "step" "seconds"
printf '%-28s %10.2f\n' "report (HTML)" "$html"
[[ $pdf == null ]] || printf '%-28s %10.2f  (%s pages)\n' "report (HTML + PDF)" "$pdf" "$pages"
printf '%-28s %10.2f\n' "export .xlsx" "$xlsx" "export .ods" "$ods"
echo "wrote $out"
