#pragma once

#include <string>

#include "couverture/geodata/number_text.hpp"
#include "couverture/io/geopackage_reader.hpp"

namespace couverture::report {

// The GeoPackages a report reads: the run (couverture run or demo) and,
// optionally, a comparison (couverture compare) and a siting (couverture
// site) of the same territory.
struct ReportSources {
  const GeoPackageContents* run = nullptr;
  const GeoPackageContents* compare = nullptr;
  const GeoPackageContents* site = nullptr;
};

// Throws DataError naming the file and the fix when a source is not a
// Couverture output, lacks a table the report needs, or (for --compare and
// --site) describes other communes than the run.
void check_report_sources(const ReportSources& sources);

// The diagnosis as one self-contained HTML document (inline CSS, SVG maps
// and plots, no script, no network): per service type, maps, a table per
// commune worst first and the equity indices; the comparison and the siting
// when given; a methods page. Every number is one the GeoPackages hold, and
// each carries in data-f / data-t / data-c / data-k attributes the file,
// table, column and row it comes from (data-k "*" with data-x: the sum of
// the column times data-x). Deterministic: the same files give the same bytes.
[[nodiscard]] std::string render_report(const ReportSources& sources, Language language);

}  // namespace couverture::report
