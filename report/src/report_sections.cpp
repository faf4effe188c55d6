#include <algorithm>
#include <cmath>
#include <sstream>

#include "couverture/report/html_text.hpp"
#include "report_context.hpp"

namespace couverture::report::detail {

namespace {

bool contains_ci(std::string text, std::string what) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text.find(what) != std::string::npos;
}

bool synthetic_inputs(const ReportContext& context) {
  const std::string note = table_value(context.run_table("run_info"), "note").value_or("");
  return contains_ci(note, "synthetic") || contains_ci(note, "synthétique");
}

std::size_t estimated_communes(const ReportContext& context) {
  const GeoTable& communes = context.run_table("communes");
  std::size_t count = 0;
  for (std::size_t row = 0; row < communes.row_count(); ++row) {
    count += number_at(communes, "age_bands_estimated", row).value_or(0.0) > 0.0 ? 1 : 0;
  }
  return count;
}

Source run_source(const std::string& table, const std::string& column, const std::string& key,
                  double factor = 1.0) {
  return {"run", table, column, key, factor};
}

// Rows of the communes table, the worst served first: no access at all,
// then the longest mean time of the public; ties by name.
std::vector<std::size_t> worst_first(const GeoTable& communes, const std::string& column) {
  std::vector<std::size_t> rows(communes.row_count());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    const double ta = number_at(communes, column, a).value_or(INFINITY);
    const double tb = number_at(communes, column, b).value_or(INFINITY);
    if (ta != tb) return ta > tb;
    return text_at(communes, "name", a) < text_at(communes, "name", b);
  });
  return rows;
}

// Columns of the service a planner reads, in order, with their headers and
// decimals; columns a newer Couverture adds are listed after them with
// their own labels.
struct CommuneColumn {
  std::string column;
  std::string header;
  int decimals;
};

std::vector<CommuneColumn> commune_columns(const ReportContext& context, const ServiceView& s) {
  const GeoTable& communes = context.run_table("communes");
  std::vector<CommuneColumn> columns = {
      {s.stem + "_target_pop", context.t("Public", "Public"), 0},
      {s.stem + "_places", context.t("Places dans la commune", "Places in the commune"), 0},
      {s.stem + "_rate_admin", context.t("Taux CAF (places pour 100)", "CAF rate (places per 100)"),
       1},
      {s.stem + "_rate_2sfca", context.t("Taux 2SFCA (pour 100)", "2SFCA rate (per 100)"), 1},
      {s.stem + "_rate_e2sfca", context.t("Taux E2SFCA (pour 100)", "E2SFCA rate (per 100)"), 1},
      {s.stem + "_target_mean_min", context.t("Temps moyen (min)", "Mean time (min)"), 1},
  };
  for (double minutes : context.thresholds) {
    columns.push_back({s.stem + "_target_beyond_" + number_field(minutes) + "min",
                       std::string(context.t("Public à plus de ", "Public beyond ")) +
                           context.number(minutes, minutes == std::round(minutes) ? 0 : 1) +
                           std::string(kNoBreakSpace) + "min",
                       0});
  }
  std::vector<CommuneColumn> present;
  for (const CommuneColumn& c : columns) {
    if (communes.column(c.column) != nullptr) present.push_back(c);
  }
  // Anything else of this service that a planner would read (new columns
  // of later versions), leaving out the whole-population and technical ones.
  for (const OutputColumn& c : communes.columns) {
    if (!c.name.starts_with(s.stem + "_") || c.type == OutputColumn::Type::text) continue;
    const std::string rest = c.name.substr(s.stem.size() + 1);
    bool other_service = false;
    for (const ServiceView& o : context.services) {
      other_service |= o.stem.size() > s.stem.size() && c.name.starts_with(o.stem + "_");
    }
    const bool known = std::any_of(columns.begin(), columns.end(),
                                   [&](const CommuneColumn& k) { return k.column == c.name; }) ||
                       rest == "mean_min" || rest == "max_min" || rest.starts_with("pct_within_") ||
                       rest == "pop_unreachable" || rest == "gravity" ||
                       rest.starts_with("theil_") || rest == "tension" ||
                       rest.starts_with("target_beyond_");
    if (!known && !other_service) {
      present.push_back({c.name, c.alias.empty() ? c.name : c.alias, 1});
    }
  }
  return present;
}

// "oui (temps, places)": why a commune is in tension, in words; the
// figures are in the columns beside it. English keeps the run's reason.
std::string tension_text(const ReportContext& context, bool tension, const std::string& reason) {
  if (!tension) return context.t("non", "no");
  if (context.language == Language::en)
    return "yes" + (reason.empty() ? "" : " — " + escape_html(reason));
  std::string why;
  if (reason.find("min") != std::string::npos) why = "trop loin";
  if (reason.find("places") != std::string::npos)
    why += std::string(why.empty() ? "" : ", ") + "trop peu de places";
  return why.empty() ? std::string("oui") : "oui (" + why + ")";
}

std::string commune_table(const ReportContext& context, const ServiceView& s) {
  const GeoTable& communes = context.run_table("communes");
  const std::vector<CommuneColumn> columns = commune_columns(context, s);
  std::ostringstream out;
  out << "<table class=\"communes\" data-service=\"" << escape_html(s.type)
      << "\">\n<thead><tr><th>" << context.t("Commune", "Commune") << "</th>";
  for (const CommuneColumn& c : columns) out << "<th>" << escape_html(c.header) << "</th>";
  out << "<th>" << context.t("Zone en tension", "Zone en tension")
      << "</th></tr></thead>\n<tbody>\n";
  for (std::size_t row : worst_first(communes, s.stem + "_target_mean_min")) {
    const std::string code = text_at(communes, "code", row);
    const bool tension = number_at(communes, s.stem + "_tension", row).value_or(0.0) > 0.0;
    out << "<tr" << (tension ? " class=\"tension\"" : "") << "><td>"
        << escape_html(text_at(communes, "name", row)) << "</td>";
    for (const CommuneColumn& c : columns) {
      out << number_cell(number_at(communes, c.column, row), c.decimals,
                         run_source("communes", c.column, "code=" + code), context.language);
    }
    const std::string reason = text_at(communes, s.stem + "_tension_reason", row);
    out << "<td class=\"reason\">" << tension_text(context, tension, reason) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
  return out.str();
}

std::vector<ColourClass> rate_classes(const ReportContext& context) {
  const std::vector<double> breaks = {0.0, 5.0, 10.0, 20.0, 40.0, 1e9};
  std::vector<Colour> colours = green_to_red(breaks.size() - 1);
  std::reverse(colours.begin(), colours.end());
  std::vector<ColourClass> classes;
  const std::string per = context.t(" places pour 100", " places per 100");
  for (std::size_t i = 0; i + 1 < breaks.size(); ++i) {
    const std::string label = i + 2 == breaks.size() ? "≥ " + context.number(breaks[i], 0) + per
                                                     : context.number(breaks[i], 0) + " – " +
                                                           context.number(breaks[i + 1], 0) + per;
    classes.push_back({breaks[i], breaks[i + 1], label, colours[i]});
  }
  return classes;
}

// One row of the equity table: an index and what it means.
std::string equity_row(const ReportContext& context, const ServiceView& s, const GeoTable& equity,
                       std::size_t row, const std::string& column, const std::string& label,
                       int decimals, const std::string& meaning, bool percent = false) {
  const auto value = number_at(equity, column, row);
  return "<tr><td>" + label + "</td>" +
         number_cell(value, decimals, run_source("equity", column, "service_type=" + s.type),
                     context.language, percent) +
         "<td>" + meaning + "</td></tr>\n";
}

// Theil, with the share of the inequality between communes in words.
std::string theil_row(const ReportContext& context, const ServiceView& s, const GeoTable& equity,
                      std::size_t row, const std::string& key) {
  std::ostringstream out;
  std::string between_share;
  const auto theil = number_at(equity, "theil", row);
  const auto between = number_at(equity, "theil_between", row);
  if (theil && between && *theil > 0.0) {
    // A share: theil_between over theil (data-over names the divisor).
    between_share = "<span class=\"num\"" +
                    source_attributes(run_source("equity", "theil_between", key, 100.0)) +
                    " data-over=\"theil\">" +
                    format_percent(100.0 * *between / *theil, 0, context.language) + "</span>";
  }
  const bool mostly_between = theil && between && *theil > 0.0 && *between / *theil >= 0.5;
  out << equity_row(
      context, s, equity, row, "theil", context.t("Indice de Theil", "Theil index"), 3,
      std::string(context.t("Se décompose entre communes et à l'intérieur des "
                            "communes",
                            "Splits into a part between communes and a part "
                            "within them")) +
          colon(context) + " " + between_share +
          context.t(" de l'inégalité tient aux écarts entre communes : ",
                    " of the inequality lies between communes: ") +
          (mostly_between ? context.t("c'est d'abord une question de communes.",
                                      "it is first a matter of communes.")
                          : context.t("c'est d'abord une question de quartiers et de hameaux "
                                      "au sein des communes.",
                                      "it is first a matter of hamlets and neighbourhoods "
                                      "within communes.")));
  return out.str();
}

// Atkinson for ε = 0.5, 1 and 2.
std::string atkinson_rows(const ReportContext& context, const ServiceView& s,
                          const GeoTable& equity, std::size_t row, bool times) {
  std::ostringstream out;
  for (const auto& [column, epsilon] : {std::pair<const char*, const char*>{"atkinson_0_5", "0,5"},
                                        {"atkinson_1", "1"},
                                        {"atkinson_2", "2"}}) {
    const std::string e = context.language == Language::fr ? epsilon
                          : std::string(epsilon) == "0,5"  ? "0.5"
                                                           : epsilon;
    out << equity_row(
        context, s, equity, row, column,
        "Atkinson (ε" + std::string(kNoBreakSpace) + "=" + std::string(kNoBreakSpace) + e + ")", 3,
        std::string(epsilon) == "1"
            ? (times ? context.t("Plus ε est grand, plus l'indice pèse sur le bas de la "
                                 "distribution : sur des temps de trajet, les trajets les plus "
                                 "courts.",
                                 "The larger ε, the more the index weighs the low end of the "
                                 "distribution: for travel times, the shortest trips.")
                     : context.t("Plus ε est grand, plus l'indice pèse sur les moins bien "
                                 "servis.",
                                 "The larger ε, the more the index weighs the worst served."))
            : "");
  }
  return out.str();
}

// The ratio of the extreme fifths, in words.
std::string fifths_row(const ReportContext& context, const GeoTable& equity, std::size_t row,
                       const std::string& key, bool times) {
  std::ostringstream out;
  const auto ratio = number_at(equity, "best_to_worst_fifth", row);
  std::string ratio_text;
  if (ratio) {
    const std::string r =
        number_span(*ratio, 1, run_source("equity", "best_to_worst_fifth", key), context.language);
    ratio_text = times ? std::string(context.t("Les 20 % du public les plus éloignés mettent en "
                                               "moyenne ",
                                               "The farthest 20% of the public travel on "
                                               "average ")) +
                             r +
                             context.t(" fois plus de temps que les 20 % les plus proches.",
                                       " times as long as the nearest 20%.")
                       : std::string(context.t("Le cinquième le mieux servi a ",
                                               "The best-served fifth has ")) +
                             r +
                             context.t(" fois le niveau du cinquième le moins bien servi.",
                                       " times the level of the worst-served fifth.");
  }
  out << "<tr><td>" << context.t("Rapport des cinquièmes extrêmes", "Ratio of the extreme fifths")
      << "</td>"
      << number_cell(ratio, 2, run_source("equity", "best_to_worst_fifth", key), context.language)
      << "<td>" << ratio_text << "</td></tr>\n";
  return out.str();
}

// The Lorenz curve of the service's measure.
std::string lorenz_figure(const ReportContext& context, const ServiceView& s, bool times) {
  std::vector<std::pair<double, double>> points;
  const GeoTable& lorenz = context.run_table("lorenz");
  for (std::size_t i = 0; i < lorenz.row_count(); ++i) {
    if (text_at(lorenz, "service_type", i) != s.type) continue;
    points.emplace_back(number_at(lorenz, "population_share", i).value_or(0.0),
                        number_at(lorenz, "value_share", i).value_or(0.0));
  }
  const std::string of = times ? context.t("des temps de trajet", "of travel times")
                               : std::string(context.t("de ", "of ")) + s.measure;
  return figure(
      lorenz_svg(points, std::string(context.t("Courbe de Lorenz ", "Lorenz curve ")) + of,
                 context.t("Part cumulée du public", "Cumulative share of the public"),
                 std::string(context.t("Part cumulée ", "Cumulative share ")) + of,
                 context.language),
      context.t("Courbe de Lorenz : plus elle s'écarte de la diagonale, plus l'accès "
                "est inégal.",
                "Lorenz curve: the farther from the diagonal, the more unequal the "
                "access."));
}

std::string equity_block(const ReportContext& context, const ServiceView& s) {
  const GeoTable& equity = context.run_table("equity");
  const auto found = row_where(equity, "service_type", s.type);
  if (!found) return {};
  const std::size_t row = *found;
  const bool times = s.measure == "travel_time";
  const std::string key = "service_type=" + s.type;
  std::ostringstream out;
  out << "<h3>" << context.t("Équité", "Equity") << "</h3>\n<div class=\"pair\"><div>\n"
      << "<table class=\"sentences\"><thead><tr><th>" << context.t("Indice", "Index") << "</th><th>"
      << context.t("Valeur", "Value") << "</th><th>" << context.t("Ce qu'il dit", "What it says")
      << "</th></tr></thead><tbody>\n";
  out << equity_row(context, s, equity, row, "gini", context.t("Indice de Gini", "Gini index"), 3,
                    context.t("0 si tout le public a le même temps d'accès, 1 si tout l'écart "
                              "tient à une seule personne ; au-delà de 0,3 les écarts sont "
                              "marqués.",
                              "0 when the whole public has the same access time, 1 when one "
                              "person carries all the gap; above 0.3 the gaps are marked."));
  out << theil_row(context, s, equity, row, key);
  out << equity_row(context, s, equity, row, "theil_between",
                    context.t("Theil entre communes", "Theil between communes"), 3,
                    context.t("Part due aux écarts de moyenne entre communes.",
                              "The part due to differences between commune means."));
  out << equity_row(context, s, equity, row, "theil_within",
                    context.t("Theil intra-communes", "Theil within communes"), 3,
                    context.t("Part due aux écarts à l'intérieur de chaque commune.",
                              "The part due to differences inside each commune."));
  out << atkinson_rows(context, s, equity, row, times);
  out << fifths_row(context, equity, row, key, times);
  for (double minutes : context.thresholds) {
    const std::string column = "pct_beyond_" + number_field(minutes) + "min";
    out << equity_row(context, s, equity, row, column,
                      std::string(context.t("Public à plus de ", "Public beyond ")) +
                          number_label(minutes) + std::string(kNoBreakSpace) + "min",
                      1, "", true);
  }
  out << "</tbody></table>\n</div>\n<div>\n";
  out << lorenz_figure(context, s, times) << "</div></div>\n";
  return out.str();
}

std::size_t tension_count(const GeoTable& communes, const ServiceView& s) {
  std::size_t count = 0;
  for (std::size_t row = 0; row < communes.row_count(); ++row) {
    count += number_at(communes, s.stem + "_tension", row).value_or(0.0) > 0.0 ? 1 : 0;
  }
  return count;
}

}  // namespace

std::string data_warning(const ReportContext& context) {
  const bool synthetic = synthetic_inputs(context);
  const std::size_t estimated = estimated_communes(context);
  if (!synthetic && estimated == 0) return {};
  std::ostringstream out;
  out << "<div class=\"warning\" role=\"alert\"><strong>" << context.t("Attention", "Warning")
      << colon(context) << "</strong> ";
  if (synthetic) {
    out << context.t(
               "ce diagnostic repose en partie sur des données SYNTHÉTIQUES, inventées pour "
               "la démonstration. Ne l'utilisez pas pour décider. ",
               "this diagnosis rests partly on SYNTHETIC data, invented for demonstration. "
               "Do not use it for decisions. ")
        << "<br><span class=\"note\">"
        << escape_html(table_value(context.run_table("run_info"), "note").value_or(""))
        << "</span> ";
  }
  if (estimated > 0) {
    out << "<br>" << context.t("Les tranches d'âge de ", "The age bands of ") << estimated
        << context.t(" commune(s) sont ESTIMÉES à partir des parts nationales, non observées.",
                     " commune(s) are ESTIMATED from national shares, not observed.");
  }
  out << "</div>\n";
  return out.str();
}

std::string summary_section(const ReportContext& context) {
  const GeoTable& info = context.run_table("run_info");
  const GeoTable& communes = context.run_table("communes");
  const GeoTable& equity = context.run_table("equity");
  double total = 0.0;
  for (std::size_t row = 0; row < communes.row_count(); ++row) {
    total += number_at(communes, "population", row).value_or(0.0);
  }
  std::ostringstream out;
  out << "<section class=\"cover\">\n<h1>"
      << context.t("Diagnostic d'accès aux services aux familles",
                   "Access to family services: a diagnosis")
      << "</h1>\n<p class=\"subtitle\">"
      << escape_html(table_value(info, "scenario_name").value_or("")) << " — "
      << communes.row_count() << " " << context.t("communes", "communes") << ", "
      << number_span(total, 0, run_source("communes", "population", "*"), context.language) << " "
      << context.t("habitants", "inhabitants") << "</p>\n";
  out << data_warning(context);
  out << "<h2>" << context.t("En bref", "In short")
      << "</h2>\n<table class=\"overview\"><thead><tr><th>" << context.t("Service", "Service")
      << "</th><th>" << context.t("Public", "Public") << "</th><th>"
      << context.t("Effectif", "People") << "</th><th>"
      << context.t("Temps moyen (min)", "Mean time (min)") << "</th>";
  for (double minutes : context.thresholds) {
    out << "<th>" << context.t("À plus de ", "Beyond ") << number_label(minutes)
        << std::string(kNoBreakSpace) << "min</th>";
  }
  out << "<th>" << context.t("Indice de Gini", "Gini index") << "</th><th>"
      << context.t("Communes en tension", "Communes in tension") << "</th></tr></thead><tbody>\n";
  for (const ServiceView& s : context.services) {
    const auto row = row_where(equity, "service_type", s.type);
    if (!row) continue;
    const std::string key = "service_type=" + s.type;
    out << "<tr><td>" << escape_html(s.name) << "</td><td>" << escape_html(s.public_text) << "</td>"
        << number_cell(number_at(equity, "target_pop", *row), 0,
                       run_source("equity", "target_pop", key), context.language)
        << number_cell(s.measure == "travel_time" ? number_at(equity, "mean", *row) : std::nullopt,
                       1, run_source("equity", "mean", key), context.language);
    for (double minutes : context.thresholds) {
      const std::string column = "pct_beyond_" + number_field(minutes) + "min";
      out << number_cell(number_at(equity, column, *row), 0, run_source("equity", column, key),
                         context.language, true);
    }
    out << number_cell(number_at(equity, "gini", *row), 2, run_source("equity", "gini", key),
                       context.language)
        << number_cell(static_cast<double>(tension_count(communes, s)), 0,
                       run_source("communes", s.stem + "_tension", "*"), context.language)
        << "</tr>\n";
  }
  out << "</tbody></table>\n<p>"
      << context.t(
             "Temps de trajet en voiture par le réseau routier, depuis le lieu de résidence "
             "jusqu'à l'équipement le plus proche, pondérés par le public de chaque service. "
             "Les pages suivantes détaillent chaque service ; la dernière dit comment les "
             "chiffres sont calculés, avec quelles données.",
             "Travel times by car along the road network, from where people live to the "
             "nearest facility, weighted by each service's public. The next pages detail "
             "each service; the last one says how the figures are computed, from which "
             "data.")
      << "</p>\n</section>\n";
  return out.str();
}

std::string extra_tables_section(const ReportContext& context) {
  // Tables of later versions (e.g. priority groups) are shown as they are,
  // with their labels, rather than left out.
  static const std::vector<std::string> kKnown = {
      "communes",           "facilities",       "facility_access", "demand_points", "isochrones",
      "service_isochrones", "zones_en_tension", "run_info",        "equity",        "lorenz"};
  std::ostringstream out;
  for (const GeoTable& table : context.sources.run->tables) {
    if (table.geometry_type != "none" ||
        std::find(kKnown.begin(), kKnown.end(), table.name) != kKnown.end()) {
      continue;
    }
    out << "<h3>" << escape_html(table.description.empty() ? table.name : table.description)
        << " (<code>" << escape_html(table.name)
        << "</code>)</h3>\n<table class=\"extra\"><thead><tr>";
    for (const OutputColumn& c : table.columns) {
      out << "<th>" << escape_html(c.alias.empty() ? c.name : c.alias) << "</th>";
    }
    out << "</tr></thead><tbody>\n";
    for (std::size_t row = 0; row < table.row_count(); ++row) {
      std::string key;
      for (const OutputColumn& c : table.columns) {
        if (c.type != OutputColumn::Type::text) continue;
        key += (key.empty() ? "" : ";") + c.name + "=" + as_text(c.at(row));
      }
      out << "<tr>";
      for (const OutputColumn& c : table.columns) {
        if (c.type == OutputColumn::Type::text) {
          out << "<td>" << escape_html(as_text(c.at(row))) << "</td>";
        } else {
          out << number_cell(as_number(c.at(row)), c.type == OutputColumn::Type::integer ? 0 : 2,
                             run_source(table.name, c.name, key), context.language);
        }
      }
      out << "</tr>\n";
    }
    out << "</tbody></table>\n";
  }
  const std::string tables = out.str();
  if (tables.empty()) return {};
  return "<section class=\"page extra\">\n<h2>" +
         std::string(context.t("Autres tableaux", "Other tables")) + "</h2>\n" + tables +
         "</section>\n";
}

std::string service_sections(const ReportContext& context) {
  const GeoTable& communes = context.run_table("communes");
  std::ostringstream out;
  for (const ServiceView& s : context.services) {
    out << "<section class=\"page service\" data-service=\"" << escape_html(s.type) << "\">\n<h2>"
        << escape_html(s.name) << " — " << escape_html(s.public_text) << "</h2>\n";
    const std::string time_column = communes.column(s.stem + "_target_mean_min") != nullptr
                                        ? s.stem + "_target_mean_min"
                                        : s.stem + "_mean_min";
    const std::string title =
        std::string(context.t("Temps moyen d'accès — ", "Mean access time — ")) + s.name;
    out << figure(
        commune_map(context, communes, time_column, travel_time_classes(context), title,
                    context.t("Temps moyen du public", "Mean time of the public"), s.type),
        context.t("Communes colorées par le temps moyen de trajet de leur public jusqu'à "
                  "l'équipement le plus proche ; en pointillés, les isochrones du service.",
                  "Communes coloured by the mean travel time of their public to the nearest "
                  "facility; dashed, the service's isochrones."));
    if (s.has_capacity) {
      out << figure(
          commune_map(context, communes, s.stem + "_rate_e2sfca", rate_classes(context),
                      std::string(context.t("Taux de couverture par temps de trajet — ",
                                            "Travel-time coverage rate — ")) +
                          s.name,
                      context.t("Places E2SFCA pour 100", "E2SFCA places per 100"), ""),
          context.t("Taux de couverture par temps de trajet (E2SFCA) : places accessibles pour "
                    "100 personnes du public, en partageant chaque équipement entre tous ceux qui "
                    "peuvent l'atteindre.",
                    "Travel-time coverage rate (E2SFCA): places within reach per 100 of the "
                    "public, each facility shared among everyone who can reach it."));
    }
    out << "<h3>"
        << context.t("Par commune, de la moins bien desservie à la mieux desservie",
                     "Per commune, worst served first")
        << "</h3>\n"
        << commune_table(context, s) << equity_block(context, s) << "</section>\n";
  }
  return out.str();
}

}  // namespace couverture::report::detail
