#include "couverture/report/diagnostic_report.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "couverture/geodata/data_error.hpp"
#include "couverture/geodata/service_type.hpp"
#include "couverture/report/html_text.hpp"
#include "report_context.hpp"

namespace couverture::report {

namespace {

using namespace detail;

std::string file_name(const GeoPackageContents& contents) { return contents.path.string(); }

bool is_couverture_output(const GeoPackageContents& contents) {
  const GeoTable* info = contents.find("run_info");
  return info != nullptr && table_value(*info, "version_couverture").has_value();
}

void require_tables(const GeoPackageContents& contents, const std::vector<std::string>& names,
                    const std::string& written_by, const std::string& option) {
  const std::string file = file_name(contents);
  if (!is_couverture_output(contents)) {
    throw DataError(file +
                    ": not a Couverture output (no run_info table naming a couverture "
                    "version); give the GeoPackage that `couverture " +
                    written_by + "` wrote" + option);
  }
  for (const std::string& name : names) {
    if (contents.find(name) != nullptr) continue;
    std::string hint;
    if (option.empty() && contents.find("communes_diff") != nullptr) {
      hint = contents.find("candidates") != nullptr
                 ? " (this file was written by `couverture site`: pass it with --site)"
                 : " (this file was written by `couverture compare`: pass it with --compare)";
    }
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    throw DataError(file + ": table '" + name + "' is missing" + hint +
                    "; the report needs the tables " + list + " that `couverture " + written_by +
                    "` writes (re-run it with this version of couverture)");
  }
}

std::set<std::string> commune_codes(const GeoTable& table) {
  std::set<std::string> codes;
  const OutputColumn* code = table.column("code");
  if (code == nullptr) return codes;
  for (std::size_t row = 0; row < code->size(); ++row) codes.insert(as_text(code->at(row)));
  return codes;
}

void require_same_territory(const GeoPackageContents& run, const GeoPackageContents& other,
                            const std::string& option) {
  const std::set<std::string> ours = commune_codes(*run.find("communes"));
  const std::set<std::string> theirs = commune_codes(*other.find("communes_diff"));
  if (ours == theirs) return;
  std::string missing;
  for (const std::string& code : theirs) {
    if (!ours.contains(code)) missing += (missing.empty() ? "" : ", ") + code;
  }
  for (const std::string& code : ours) {
    if (!theirs.contains(code)) missing += (missing.empty() ? "" : ", ") + code;
  }
  throw DataError(file_name(other) + ": its communes differ from those of " + file_name(run) +
                  " (INSEE codes " + missing + " in one file only); " + option +
                  " takes a file of the same territory as the run");
}

const char* kStyle = R"css(
@page { size: A4; margin: 13mm 12mm 14mm 12mm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt;
       color: #1e1e1e; line-height: 1.35; }
body { margin: 0 auto; max-width: 186mm; padding: 0 2mm; }
h1 { font-size: 19pt; margin: 0 0 2mm; color: #12385b; }
h2 { font-size: 14pt; margin: 0 0 3mm; color: #12385b; border-bottom: 2px solid #12385b; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; color: #12385b; break-after: avoid; }
p { margin: 1.5mm 0; }
.subtitle { font-size: 11pt; color: #444; margin-bottom: 4mm; }
section.page { break-before: page; }
figure { margin: 2mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 8.5pt; color: #444; margin-top: 1mm; }
svg.map { width: 100%; height: auto; max-height: 118mm; display: block; }
svg.plot { width: 100%; max-width: 70mm; height: auto; display: block; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11px; fill: #222; }
svg text.map-label { font-size: 10px; font-weight: bold; paint-order: stroke; stroke: #fff;
                     stroke-width: 3px; stroke-linejoin: round; }
svg text.legend-heading { font-weight: bold; }
svg text.credits { font-size: 9px; fill: #555; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 8.3pt; }
thead { display: table-header-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
th { background: #e8eef4; text-align: left; padding: 1mm 1.2mm; vertical-align: bottom;
     border-bottom: 1px solid #9aaabb; }
td { padding: 0.8mm 1.2mm; border-bottom: 1px solid #dde3ea; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.na { color: #999; }
tr.tension td { background: #fff2e6; }
td.reason { font-size: 7.8pt; min-width: 24mm; }
.warning { border: 3px solid #b3001b; background: #fde7ea; color: #6b0010; padding: 3mm 4mm;
           margin: 3mm 0; font-size: 10.5pt; break-inside: avoid; }
.warning strong { font-size: 12pt; }
.answer { border-left: 5px solid #1a9641; background: #eef7f0; padding: 3mm 4mm; margin: 3mm 0;
          font-size: 10.5pt; break-inside: avoid; }
.answer .question { font-weight: bold; color: #12385b; }
.sentences td:first-child { width: 30%; }
.pair { display: flex; gap: 5mm; align-items: flex-start; break-inside: avoid; }
.pair > div:first-child { flex: 1.7; }
.pair > div { flex: 1; }
code, .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
ul { margin: 1mm 0 2mm 5mm; padding-left: 3mm; }
)css";

}  // namespace

namespace detail {

std::string colon(const ReportContext& context) {
  return context.language == Language::fr ? std::string(kNoBreakSpace) + ":" : ":";
}
std::string semicolon(const ReportContext& context) {
  return context.language == Language::fr ? std::string(kThinSpace) + ";" : ";";
}
std::string question_mark(const ReportContext& context) {
  return context.language == Language::fr ? std::string(kThinSpace) + "?" : "?";
}
std::string quoted(const ReportContext& context, const std::string& text) {
  if (context.language == Language::fr) {
    return "«" + std::string(kThinSpace) + text + std::string(kThinSpace) + "»";
  }
  return "“" + text + "”";
}

std::vector<ColourClass> travel_time_classes(const ReportContext& context) {
  // The communes layer's style holds the classes every travel-time style
  // shares (same thresholds, same colours).
  std::vector<ColourClass> classes = graduated_classes(context.run_table("communes").style_qml);
  if (!classes.empty()) return classes;
  const std::vector<Colour> colours = green_to_red(context.thresholds.size() + 1);
  double lower = 0.0;
  for (std::size_t i = 0; i < colours.size(); ++i) {
    const bool last = i == context.thresholds.size();
    const double upper = last ? 100000.0 : context.thresholds[i];
    classes.push_back({lower, upper,
                       last ? "> " + number_label(lower) + " min"
                            : number_label(lower) + " – " + number_label(upper) + " min",
                       colours[i]});
    lower = upper;
  }
  return classes;
}

std::string figure(const std::string& svg, const std::string& caption) {
  return "<figure>\n" + svg + "<figcaption>" + caption + "</figcaption>\n</figure>\n";
}

std::string commune_map(const ReportContext& context, const GeoTable& communes,
                        const std::string& column, const std::vector<ColourClass>& classes,
                        const std::string& title, const std::string& legend_title,
                        const std::string& service_type) {
  SvgMap map(context.extent, 470.0, title, context.language);
  const Colour border{90, 90, 90, 255};
  for (std::size_t row = 0; row < communes.row_count(); ++row) {
    if (!communes.geometries[row]) continue;
    const auto value = number_at(communes, column, row);
    map.polygon(*communes.geometries[row], class_colour(classes, value.value_or(NAN)), border, 0.8);
  }
  map.legend_heading(legend_title);
  for (const ColourClass& c : classes) map.legend_fill(c.colour, c.label);
  map.legend_fill({190, 190, 190, 255}, context.t("sans valeur", "no value"));
  if (!service_type.empty()) {
    const GeoTable* bands = context.sources.run->find("service_isochrones");
    if (bands != nullptr) {
      const std::vector<ColourClass> time_classes = travel_time_classes(context);
      std::vector<double> drawn;
      for (std::size_t row = 0; row < bands->row_count(); ++row) {
        if (text_at(*bands, "service_type", row) != service_type || !bands->geometries[row]) {
          continue;
        }
        const double minutes = number_at(*bands, "minutes", row).value_or(NAN);
        Colour colour = class_colour(time_classes, minutes - 1e-9);
        colour = {static_cast<std::uint8_t>(colour.red * 6 / 10),
                  static_cast<std::uint8_t>(colour.green * 6 / 10),
                  static_cast<std::uint8_t>(colour.blue * 6 / 10), 255};
        // Network isochrones follow the roads: closed by 700 m and drawn by
        // their outer edge, they read as the area a band covers.
        GEOSContextHandle_t geos = geos_context();
        GeosGeometry grown(GEOSBuffer_r(geos, bands->geometries[row].get(), 700.0, 4));
        GeosGeometry closed(grown ? GEOSBuffer_r(geos, grown.get(), -700.0, 4) : nullptr);
        map.outer_edge(closed ? *closed : *bands->geometries[row], colour, 1.3, true);
        if (std::find(drawn.begin(), drawn.end(), minutes) == drawn.end()) {
          drawn.push_back(minutes);
          map.legend_line(colour, true,
                          context.t("isochrone ", "isochrone ") + context.number(minutes, 0) +
                              std::string(kNoBreakSpace) + "min");
        }
      }
    }
    const GeoTable& facilities = context.run_table("facilities");
    const auto colours = category_colours(facilities.style_qml);
    const auto colour = colours.find(service_type);
    const Colour fill = colour == colours.end() ? Colour{30, 30, 30, 255} : colour->second;
    bool any = false;
    for (std::size_t row = 0; row < facilities.row_count(); ++row) {
      if (text_at(facilities, "service_type", row) != service_type || !facilities.geometries[row]) {
        continue;
      }
      map.point(*facilities.geometries[row], 5.0, fill, {20, 20, 20, 255});
      any = true;
    }
    if (any) {
      map.legend_point(
          fill, {20, 20, 20, 255},
          context.t("équipement ", "facility: ") + default_service_info(service_type).french_name);
    }
  }
  for (std::size_t row = 0; row < communes.row_count(); ++row) {
    if (communes.geometries[row]) {
      map.label(*communes.geometries[row], text_at(communes, "name", row));
    }
  }
  return map.svg(context.credits);
}

}  // namespace detail

void check_report_sources(const ReportSources& sources) {
  require_tables(*sources.run, {"communes", "facilities", "equity", "lorenz", "run_info"}, "run",
                 "");
  if (sources.compare != nullptr) {
    require_tables(*sources.compare, {"communes_diff", "equity_diff", "facilities_diff"}, "compare",
                   " with --compare");
    require_same_territory(*sources.run, *sources.compare, "--compare");
  }
  if (sources.site != nullptr) {
    require_tables(*sources.site, {"candidates", "siting_solutions", "communes_diff"}, "site",
                   " with --site");
    require_same_territory(*sources.run, *sources.site, "--site");
  }
}

std::string render_report(const ReportSources& sources, Language language) {
  check_report_sources(sources);
  ReportContext context{sources,
                        language,
                        services_of(*sources.run, language),
                        thresholds_of(*sources.run->find("run_info")),
                        {},
                        {}};
  context.extent = extent_of(sources.run->find("communes")->geometries, 0.03);
  const GeoTable& info = context.run_table("run_info");
  const std::string note = table_value(info, "note").value_or("");
  const auto sources_at = note.find("Sources:");
  context.credits = std::string(context.t("Carte Couverture. ", "Map: Couverture. ")) +
                    (sources_at != std::string::npos
                         ? note.substr(sources_at)
                         : "Sources: " + table_value(info, "licence").value_or("see Methods"));
  const std::string name = table_value(info, "scenario_name").value_or("");
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"" << (language == Language::fr ? "fr" : "en")
       << "\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
       << escape_html(context.t("Diagnostic d'accessibilité — ", "Accessibility diagnosis — ") +
                      name)
       << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  html << summary_section(context) << service_sections(context) << extra_tables_section(context);
  if (sources.compare != nullptr) html << compare_section(context);
  if (sources.site != nullptr) html << site_section(context);
  html << methods_section(context) << "</body>\n</html>\n";
  return html.str();
}

}  // namespace couverture::report
