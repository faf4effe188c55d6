#pragma once

// Private: what every section of the report shares.

#include <string>
#include <vector>

#include "couverture/report/diagnostic_report.hpp"
#include "couverture/report/style_classes.hpp"
#include "couverture/report/svg_map.hpp"
#include "report_services.hpp"
#include "report_tables.hpp"

namespace couverture::report::detail {

struct ReportContext {
  const ReportSources& sources;
  Language language;
  std::vector<ServiceView> services;
  std::vector<double> thresholds;
  MapExtent extent;  // of the communes, for every map
  std::string credits;

  // The French or the English text.
  [[nodiscard]] const char* t(const char* fr, const char* en) const {
    return language == Language::fr ? fr : en;
  }
  [[nodiscard]] std::string number(double value, int decimals) const {
    return format_number(value, decimals, language);
  }
  [[nodiscard]] const GeoTable& run_table(const std::string& name) const {
    return *sources.run->find(name);
  }
};

// French punctuation: a no-break space before ":" and a thin one before
// ";", "?" and "!"; nothing in English.
[[nodiscard]] std::string colon(const ReportContext& context);
[[nodiscard]] std::string semicolon(const ReportContext& context);
[[nodiscard]] std::string question_mark(const ReportContext& context);
// « text » in French, “text” in English.
[[nodiscard]] std::string quoted(const ReportContext& context, const std::string& text);

// Travel-time classes of the QGIS styles (thresholds, green to red).
[[nodiscard]] std::vector<ColourClass> travel_time_classes(const ReportContext& context);

std::string service_sections(const ReportContext& context);
std::string summary_section(const ReportContext& context);
std::string compare_section(const ReportContext& context);
// Attribute tables the report does not know (added by later versions), as they are.
std::string extra_tables_section(const ReportContext& context);
std::string site_section(const ReportContext& context);
std::string methods_section(const ReportContext& context);
// The unmissable warning box when inputs are synthetic or ages estimated;
// empty otherwise.
std::string data_warning(const ReportContext& context);

// The map of the communes of `communes` coloured by `column` with
// `classes`, labelled with their names; `legend_title` heads the legend.
// Facilities of `service_type` and its isochrone bands are added when
// `service_type` is not empty.
std::string commune_map(const ReportContext& context, const GeoTable& communes,
                        const std::string& column, const std::vector<ColourClass>& classes,
                        const std::string& title, const std::string& legend_title,
                        const std::string& service_type);

// A figure: the SVG and its caption.
std::string figure(const std::string& svg, const std::string& caption);

}  // namespace couverture::report::detail
