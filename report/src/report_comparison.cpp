#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "couverture/geodata/service_noun.hpp"
#include "couverture/geodata/service_type.hpp"
#include "couverture/report/html_text.hpp"
#include "report_context.hpp"

namespace couverture::report::detail {

namespace {

// Diverging classes as the QGIS difference styles draw them: seven classes
// around 0 at ±step/10, ±step and ±3·step, blue for gains and red for
// losses; the colours are read from `qml` (the communes_diff style) when it
// has them.
std::vector<ColourClass> difference_classes(const ReportContext& context, const std::string& qml,
                                            double step, const std::string& unit,
                                            bool gain_when_negative) {
  std::vector<Colour> colours;
  for (const ColourClass& c : graduated_classes(qml)) colours.push_back(c.colour);
  if (colours.size() != 7) {
    colours = {{33, 102, 172},  {103, 169, 207}, {209, 229, 240}, {247, 247, 247},
               {253, 219, 199}, {239, 138, 98},  {178, 24, 43}};
  }
  if (!gain_when_negative) std::reverse(colours.begin(), colours.end());
  const std::array<double, 8> breaks = {-1e12,      -3.0 * step, -step,      -0.1 * step,
                                        0.1 * step, step,        3.0 * step, 1e12};
  const auto signed_text = [&](double value) {
    std::string text = value > 0 ? "+" : "";
    text += context.number(value, step < 1.0 ? 2 : (step < 10 ? 1 : 0));
    text += kNoBreakSpace;
    text += unit;
    return text;
  };
  const std::string to = context.t(" à ", " to ");
  const std::array<std::string, 7> labels = {"< " + signed_text(-3.0 * step),
                                             signed_text(-3.0 * step) + to + signed_text(-step),
                                             signed_text(-step) + to + signed_text(-0.1 * step),
                                             std::string(context.t("inchangé (±", "unchanged (±")) +
                                                 context.number(0.1 * step, 1) +
                                                 std::string(kNoBreakSpace) + unit + ")",
                                             signed_text(0.1 * step) + to + signed_text(step),
                                             signed_text(step) + to + signed_text(3.0 * step),
                                             "> " + signed_text(3.0 * step)};
  std::vector<ColourClass> classes;
  for (std::size_t i = 0; i < 7; ++i) {
    classes.push_back({breaks[i], breaks[i + 1], labels[i], colours[i]});
  }
  return classes;
}

bool any_change(const GeoTable& diff, const std::string& stem) {
  for (const OutputColumn& c : diff.columns) {
    if (!c.name.starts_with("d_" + stem + "_")) continue;
    for (std::size_t row = 0; row < c.size(); ++row) {
      if (std::abs(as_number(c.at(row)).value_or(0.0)) > 1e-9) return true;
    }
  }
  return false;
}

double column_sum(const GeoTable& table, const std::string& column) {
  double sum = 0.0;
  for (std::size_t row = 0; row < table.row_count(); ++row) {
    sum += number_at(table, column, row).value_or(0.0);
  }
  return sum;
}

// True when no demand point's time to the service grows (and none loses access).
bool nobody_slower(const GeoPackageContents& file, const std::string& stem) {
  const GeoTable* points = file.find("demand_points_diff");
  if (points == nullptr || points->column("d_" + stem + "_min") == nullptr) return false;
  for (std::size_t row = 0; row < points->row_count(); ++row) {
    if (number_at(*points, "d_" + stem + "_min", row).value_or(0.0) > 1e-9) return false;
    if (number_at(*points, stem + "_reach", row).value_or(0.0) < 0.0) return false;
  }
  return true;
}

double coverage_threshold(const ReportContext& context) {
  for (double t : context.thresholds) {
    if (t == 10.0) return t;
  }
  return context.thresholds.empty() ? 10.0 : context.thresholds.front();
}

// Per commune: how the variant changes times, who crosses each threshold and
// the rates, most gaining first.
std::string difference_table(const ReportContext& context, const std::string& file,
                             const GeoTable& diff, const ServiceView& s) {
  const double main_t = coverage_threshold(context);
  const std::string main_column = "d_" + s.stem + "_beyond_" + number_field(main_t) + "min";
  std::vector<std::size_t> rows(diff.row_count());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    return number_at(diff, main_column, a).value_or(0.0) <
           number_at(diff, main_column, b).value_or(0.0);
  });
  struct Column {
    std::string name;
    std::string header;
    int decimals;
    double factor;
  };
  std::vector<Column> columns = {{"d_" + s.stem + "_mean_min",
                                  context.t("Écart de temps moyen (min)", "Mean time change (min)"),
                                  2, 1.0}};
  for (double minutes : context.thresholds) {
    columns.push_back({"d_" + s.stem + "_beyond_" + number_field(minutes) + "min",
                       std::string(context.t("Public passant sous ", "Public newly within ")) +
                           number_label(minutes) + std::string(kNoBreakSpace) + "min",
                       0, -1.0});
  }
  columns.push_back(
      {"d_" + s.stem + "_rate_admin", context.t("Écart du taux CAF", "CAF rate change"), 1, 1.0});
  columns.push_back({"d_" + s.stem + "_rate_e2sfca",
                     context.t("Écart du taux E2SFCA", "E2SFCA rate change"), 1, 1.0});
  std::ostringstream out;
  out << "<table class=\"differences\"><thead><tr><th>" << context.t("Commune", "Commune")
      << "</th>";
  for (const Column& c : columns) {
    if (diff.column(c.name) != nullptr) out << "<th>" << escape_html(c.header) << "</th>";
  }
  out << "<th>" << context.t("En tension avant → après", "In tension before → after")
      << "</th></tr></thead><tbody>\n";
  for (std::size_t row : rows) {
    const std::string code = text_at(diff, "code", row);
    out << "<tr><td>" << escape_html(text_at(diff, "name", row)) << "</td>";
    for (const Column& c : columns) {
      if (diff.column(c.name) == nullptr) continue;
      const auto value = number_at(diff, c.name, row);
      out << number_cell(value ? std::optional<double>(*value * c.factor + 0.0) : std::nullopt,
                         c.decimals, {file, diff.name, c.name, "code=" + code, c.factor},
                         context.language);
    }
    const auto yes_no = [&](const std::string& column) {
      return number_at(diff, column, row).value_or(0.0) > 0.0 ? context.t("oui", "yes")
                                                              : context.t("non", "no");
    };
    out << "<td>" << yes_no(s.stem + "_tension_before") << " → "
        << yes_no(s.stem + "_tension_after") << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
  return out.str();
}

// "gini travel_time" -> "Indice de Gini (temps de trajet)": an equity_diff
// indicator as a planner reads it; unknown ones as they are.
std::string indicator_label(const ReportContext& context, const std::string& indicator) {
  const auto space = indicator.find(' ');
  const std::string index = indicator.substr(0, space);
  const std::string measure = space == std::string::npos ? "" : indicator.substr(space + 1);
  std::string label;
  if (index == "mean") label = context.t("Moyenne", "Mean");
  if (index == "gini") label = context.t("Indice de Gini", "Gini index");
  if (index == "theil") label = context.t("Indice de Theil", "Theil index");
  if (index == "theil_between") label = context.t("Theil entre communes", "Theil between communes");
  if (index == "theil_within") label = context.t("Theil intra-communes", "Theil within communes");
  if (index == "atkinson_0_5") label = "Atkinson (ε = 0" + std::string(context.t(",", ".")) + "5)";
  if (index == "atkinson_1") label = "Atkinson (ε = 1)";
  if (index == "atkinson_2") label = "Atkinson (ε = 2)";
  if (index == "best_to_worst_fifth") {
    label = context.t("Rapport des cinquièmes extrêmes", "Ratio of the extreme fifths");
  }
  if (index.starts_with("share_beyond_") && index.ends_with("min")) {
    std::string minutes = index.substr(13, index.size() - 16);
    std::replace(minutes.begin(), minutes.end(), '_', context.language == Language::fr ? ',' : '.');
    label = std::string(context.t("Part du public à plus de ", "Share of the public beyond ")) +
            minutes + std::string(kNoBreakSpace) + "min";
  }
  if (label.empty()) return indicator;
  if (measure == "travel_time") {
    label += context.t(" (temps de trajet)", " (travel time)");
  } else if (!measure.empty()) {
    label += " (" + measure + ")";
  }
  return label;
}

std::string equity_difference_table(const ReportContext& context, const std::string& file,
                                    const GeoTable& diff, const ServiceView& s) {
  std::ostringstream out;
  out << "<table class=\"equity-diff\"><thead><tr><th>" << context.t("Indicateur", "Indicator")
      << "</th><th>" << context.t("Référence", "Baseline") << "</th><th>"
      << context.t("Variante", "Variant") << "</th><th>" << context.t("Écart", "Change")
      << "</th></tr></thead><tbody>\n";
  for (std::size_t row = 0; row < diff.row_count(); ++row) {
    if (text_at(diff, "service_type", row) != s.type) continue;
    const std::string indicator = text_at(diff, "indicator", row);
    const std::string key = "service_type=" + s.type + ";indicator=" + indicator;
    out << "<tr><td>" << escape_html(indicator_label(context, indicator)) << "</td>";
    // Shares read as percentages.
    const bool share = indicator.starts_with("share_");
    const double factor = share ? 100.0 : 1.0;
    for (const char* column : {"baseline", "variant", "change"}) {
      const auto value = number_at(diff, column, row);
      out << number_cell(value ? std::optional<double>(*value * factor) : std::nullopt,
                         share ? 1 : 3, {file, diff.name, column, key, factor}, context.language,
                         share);
    }
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
  return out.str();
}

// The maps, sentence and tables of what one file's differences say about
// one service.
std::string service_difference(const ReportContext& context, const std::string& file,
                               const GeoPackageContents& contents, const ServiceView& s) {
  const GeoTable& diff = *contents.find("communes_diff");
  const double t = coverage_threshold(context);
  const std::string beyond = "d_" + s.stem + "_beyond_" + number_field(t) + "min";
  std::ostringstream out;
  out << "<h3>" << escape_html(s.name) << "</h3>\n<p>";
  if (diff.column(beyond) != nullptr) {
    const double newly = -column_sum(diff, beyond) + 0.0;
    const std::string count =
        number_span(newly, 0, {file, diff.name, beyond, "*", -1.0}, context.language);
    if (context.language == Language::fr) {
      out << count << " " << escape_html(s.public_text)
          << (newly >= 0 ? " de plus à " : " de moins à ");
    } else {
      out << count << (newly >= 0 ? " more " : " fewer ") << escape_html(s.public_text)
          << " within ";
    }
    out << number_label(t) << std::string(kNoBreakSpace) << context.t("minutes ou moins", "minutes")
        << semicolon(context) << " ";
  }
  out << (nobody_slower(contents, s.stem)
              ? context.t("personne n'a un trajet plus long.", "nobody travels longer.")
              : context.t("certains ont un trajet plus long (voir le tableau).",
                          "some travel longer (see the table)."))
      << "</p>\n";
  const auto diff_map = [&](const std::string& column, const std::vector<ColourClass>& classes,
                            const std::string& title, const std::string& legend) {
    return commune_map(context, diff, column, classes, title, legend, "");
  };
  out << figure(
      diff_map("d_" + s.stem + "_mean_min",
               difference_classes(context, diff.style_qml, 1.0, "min", true),
               std::string(context.t("Écart de temps moyen — ", "Mean time change — ")) + s.name,
               context.t("Variante − référence", "Variant − baseline")),
      context.t("En bleu, les communes dont le public gagne du temps ; en rouge, celles qui en "
                "perdent.",
                "Blue: communes whose public gains time; red: those that lose some."));
  if (diff.column("d_" + s.stem + "_rate_e2sfca") != nullptr && s.has_capacity) {
    out << figure(
        diff_map(
            "d_" + s.stem + "_rate_e2sfca",
            difference_classes(context, diff.style_qml, 1.0, context.t("pl./100", "pl./100"),
                               false),
            std::string(context.t("Écart du taux E2SFCA — ", "E2SFCA rate change — ")) + s.name,
            context.t("Variante − référence", "Variant − baseline")),
        context.t("Places accessibles pour 100 : en bleu, les communes qui en gagnent.",
                  "Places within reach per 100: blue where they rise."));
  }
  out << difference_table(context, file, diff, s);
  if (const GeoTable* equity = contents.find("equity_diff")) {
    out << equity_difference_table(context, file, *equity, s);
  }
  return out.str();
}

std::string ordinal(const ReportContext& context, long rank) {
  if (context.language == Language::fr) return std::to_string(rank) + (rank == 1 ? "er" : "e");
  const long last = rank % 10;
  const long tens = rank % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                       : last == 1                ? "st"
                       : last == 2                ? "nd"
                       : last == 3                ? "rd"
                                                  : "th";
  return std::to_string(rank) + suffix;
}

const ServiceView* service_named(const ReportContext& context, const std::string& type) {
  for (const ServiceView& s : context.services) {
    if (service_type_key(s.type) == service_type_key(type)) return &s;
  }
  return nullptr;
}

constexpr std::array<const char*, 5> kObjectives = {"max_covering", "p_median", "equity_maximin",
                                                    "equity_gini", "capacity"};

std::string objective_name(const ReportContext& context, const std::string& objective) {
  if (objective == "max_covering") return context.t("Couverture", "Covering");
  if (objective == "p_median") return context.t("Temps moyen (p-médiane)", "Mean time (p-median)");
  if (objective == "equity_maximin") return context.t("Équité (minimum)", "Equity (maximin)");
  if (objective == "equity_gini") return context.t("Équité (Gini)", "Equity (Gini)");
  if (objective == "capacity") return context.t("Capacité (E2SFCA)", "Capacity (E2SFCA)");
  return objective;
}

std::string commune_name(const ReportContext& context, const std::string& code) {
  const GeoTable& communes = context.run_table("communes");
  const auto row = row_where(communes, "code", code);
  return row ? text_at(communes, "name", *row) : code;
}

// The planner's question about the evaluated (or chosen) site, answered in
// a few sentences from the siting file.
// The candidate other than `row` with the largest covering gain.
std::optional<std::size_t> best_other_candidate(const GeoTable& candidates, std::size_t row) {
  std::optional<std::size_t> best;
  for (std::size_t r = 0; r < candidates.row_count(); ++r) {
    if (r == row) continue;
    const double g = number_at(candidates, "gain_max_covering", r).value_or(-1.0);
    if (!best || g > number_at(candidates, "gain_max_covering", *best).value_or(-1.0)) best = r;
  }
  return best;
}

// " and cuts their mean time by X min", when the measure is travel time.
std::string mean_time_cut(const ReportContext& context, const GeoPackageContents& site,
                          const ServiceView& s) {
  std::ostringstream out;
  if (const GeoTable* equity = site.find("equity_diff")) {
    for (std::size_t r = 0; r < equity->row_count(); ++r) {
      if (text_at(*equity, "service_type", r) != s.type ||
          text_at(*equity, "indicator", r) != "mean " + s.measure || s.measure != "travel_time") {
        continue;
      }
      const double change = number_at(*equity, "change", r).value_or(0.0);
      out << context.t(" et fait baisser leur temps moyen de ", " and cuts their mean time by ")
          << number_span(-change + 0.0, 2,
                         {"site", "equity_diff", "change",
                          "service_type=" + s.type + ";indicator=mean " + s.measure, -1.0},
                         context.language)
          << std::string(kNoBreakSpace) << "min";
    }
  }
  return out.str();
}

// "Among the N candidate sites, X ranks …".
std::string rank_sentence(const ReportContext& context, const std::string& name, std::size_t count,
                          long rank, long median_rank, double minutes) {
  std::ostringstream out;
  if (rank > 0) {
    out << context.t("Parmi les ", "Among the ") << count
        << context.t(" sites candidats, ", " candidate sites, ") << escape_html(name)
        << context.t(" se classe ", " ranks ") << ordinal(context, rank)
        << context.t(" pour la couverture à ", " for covering within ") << number_label(minutes)
        << std::string(kNoBreakSpace) << "min";
    if (median_rank > 0) {
      out << context.t(" et ", " and ") << ordinal(context, median_rank)
          << context.t(" pour le temps moyen", " for the mean time");
    }
    out << ". ";
  }
  return out.str();
}

// The best alternative, or the best site when the evaluated one is not.
std::string alternative_sentence(const ReportContext& context, const GeoTable& candidates,
                                 const ServiceView& s, std::size_t row,
                                 std::optional<std::size_t> best, long rank) {
  std::ostringstream out;
  const std::string id = text_at(candidates, "id", row);
  if (best && rank == 1) {
    const std::string best_id = text_at(candidates, "id", *best);
    out << context.t("La meilleure alternative, ", "The best alternative, ")
        << escape_html(text_at(candidates, "name", *best))
        << context.t(", n'en amènerait que ", ", would bring only ")
        << number_span(number_at(candidates, "gain_max_covering", *best).value_or(0.0), 0,
                       {"site", "candidates", "gain_max_covering", "id=" + best_id},
                       context.language)
        << ".";
  }
  if (best && rank != 1) {
    const std::string best_id = text_at(candidates, "id", *best);
    out << context.t("Le meilleur site pour la couverture serait ",
                     "The best site for covering would be ")
        << escape_html(text_at(candidates, "name", *best)) << " ("
        << number_span(number_at(candidates, "gain_max_covering", *best).value_or(0.0), 0,
                       {"site", "candidates", "gain_max_covering", "id=" + best_id},
                       context.language)
        << " " << escape_html(s.public_text) << context.t(" de plus, contre ", " more, against ")
        << number_span(number_at(candidates, "gain_max_covering", row).value_or(0.0), 0,
                       {"site", "candidates", "gain_max_covering", "id=" + id}, context.language)
        << context.t(" ici).", " here).");
  }
  return out.str();
}

std::string site_answer(const ReportContext& context, const GeoPackageContents& site,
                        const ServiceView& s, double capacity, double minutes) {
  const GeoTable& candidates = *site.find("candidates");
  auto row = row_where(candidates, "evaluated", "1");
  const bool evaluated = row.has_value();
  if (!row) row = row_where(candidates, "chosen", "1");
  if (!row) return {};
  const std::string name = text_at(candidates, "name", *row);
  const GeoTable& diff = *site.find("communes_diff");
  const std::string beyond = "d_" + s.stem + "_beyond_" + number_field(minutes) + "min";
  const ServiceNoun noun = service_type_key(s.type) == "eaje"
                               ? service_noun(capacity <= 12 ? "micro_creche" : "creche")
                               : service_noun(s.type);
  const std::string capacity_text = context.number(capacity, 0);
  const long rank = std::lround(number_at(candidates, "rank_max_covering", *row).value_or(0.0));
  const long median_rank = std::lround(number_at(candidates, "rank_p_median", *row).value_or(0.0));
  const std::size_t count = candidates.row_count();
  const std::optional<std::size_t> best = best_other_candidate(candidates, *row);
  const double newly = -column_sum(diff, beyond) + 0.0;
  const std::string newly_span =
      number_span(newly, 0, {"site", "communes_diff", beyond, "*", -1.0}, context.language);
  std::ostringstream out;
  out << "<div class=\"answer\"><p class=\"question\">";
  // French nouns in English sentences take "a" or "an".
  const bool vowel = std::string("aeiouAEIOUÉé").find(noun.singular[0]) != std::string::npos;
  const std::string article = context.language == Language::fr
                                  ? counted_noun(noun, 1, false)
                                  : (vowel ? "an " : "a ") + noun.singular;
  const std::string what =
      article + context.t(" de ", " of ") + capacity_text + context.t(" places", " places");
  if (context.language == Language::fr) {
    out << "Était-ce à " << escape_html(name) << " qu'il fallait ouvrir " << escape_html(what)
        << question_mark(context);
  } else {
    out << "Was " << escape_html(name) << " the right place for " << escape_html(what) << "?";
  }
  out << "</p>\n<p>";
  if (evaluated) {
    out << (rank == 1   ? context.t("Oui : c'est le meilleur site candidat pour la couverture. ",
                                    "Yes: it is the best candidate for covering. ")
            : rank <= 3 ? context.t("Oui, c'est un bon choix, sans être le meilleur. ",
                                    "Yes, a good choice, though not the best. ")
                        : context.t("Pas vraiment : d'autres sites feraient mieux. ",
                                    "Not really: other sites would do better. "));
  }
  const std::string opener = context.language == Language::fr
                                 ? counted_noun(noun, 1, true)
                                 : (vowel ? "An " : "A ") + noun.singular;
  out << escape_html(opener) << context.t(" de ", " of ") << capacity_text
      << context.t(" places à ", " places at ") << escape_html(name);
  if (context.language == Language::fr) {
    out << " amène " << newly_span << " " << escape_html(s.public_text) << " de plus à ";
  } else {
    out << " brings " << newly_span << " more " << escape_html(s.public_text) << " within ";
  }
  out << number_label(minutes) << std::string(kNoBreakSpace)
      << context.t("minutes ou moins", "minutes");
  out << mean_time_cut(context, site, s);
  out << (nobody_slower(site, s.stem)
              ? context.t(" ; personne n'est plus loin.", "; nobody is farther away.")
              : ".")
      << " ";
  out << rank_sentence(context, name, count, rank, median_rank, minutes);
  if (evaluated) out << alternative_sentence(context, candidates, s, *row, best, rank);
  out << "</p></div>\n";
  return out.str();
}

}  // namespace

std::string compare_section(const ReportContext& context) {
  const GeoPackageContents& compare = *context.sources.compare;
  const GeoTable& info = *compare.find("run_info");
  std::ostringstream out;
  out << "<section class=\"page compare\">\n<h2>"
      << context.t("Ce que change la variante", "What the variant changes") << "</h2>\n<p>"
      << context.t("Référence", "Baseline") << colon(context) << " "
      << escape_html(table_value(info, "baseline_name").value_or("")) << semicolon(context) << " "
      << context.t("variante", "variant") << colon(context) << " "
      << escape_html(table_value(info, "variant_name").value_or("")) << ".</p>\n";
  const GeoTable& facilities = *compare.find("facilities_diff");
  std::string changed;
  for (std::size_t row = 0; row < facilities.row_count(); ++row) {
    const std::string change = text_at(facilities, "change", row);
    if (change == "unchanged") continue;
    changed +=
        "<li>" + escape_html(text_at(facilities, "name", row)) + " (" +
        escape_html(text_at(facilities, "service_type", row)) + ")" + colon(context) + " " +
        escape_html(change == "added"     ? context.t("ajouté", "added")
                    : change == "removed" ? context.t("retiré", "removed")
                                          : context.t("capacité modifiée", "capacity changed")) +
        "</li>\n";
  }
  if (!changed.empty()) {
    out << "<p>" << context.t("Équipements modifiés", "Facilities changed") << colon(context)
        << "</p><ul>\n"
        << changed << "</ul>\n";
  }
  const GeoTable& diff = *compare.find("communes_diff");
  bool any = false;
  for (const ServiceView& s : context.services) {
    if (!any_change(diff, s.stem)) continue;
    any = true;
    out << service_difference(context, "compare", compare, s);
  }
  if (!any)
    out << "<p>" << context.t("Aucun indicateur ne change.", "No indicator changes.") << "</p>\n";
  out << "</section>\n";
  return out.str();
}

// The objectives the candidates table ranks, and its rows sorted by the
// plan's objective.
std::vector<std::size_t> candidates_by_rank(const GeoTable& candidates,
                                            const std::string& plan_objective) {
  std::vector<std::size_t> rows(candidates.row_count());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const std::string rank_column = "rank_" + plan_objective;
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    return number_at(candidates, rank_column, a).value_or(1e9) <
           number_at(candidates, rank_column, b).value_or(1e9);
  });
  return rows;
}

// Every candidate's gain and rank per objective, chosen and evaluated flagged.
std::string candidates_table(const ReportContext& context, const GeoTable& candidates,
                             const std::vector<std::string>& objectives,
                             const std::vector<std::size_t>& rows) {
  std::ostringstream out;
  // Candidates at commune centres are named after their commune: one column then.
  bool named_by_commune = true;
  for (std::size_t row = 0; row < candidates.row_count(); ++row) {
    named_by_commune &= text_at(candidates, "name", row) ==
                        commune_name(context, text_at(candidates, "commune_code", row));
  }
  out << "<table class=\"candidates\"><thead><tr><th>" << context.t("Site", "Site") << "</th>";
  if (!named_by_commune) out << "<th>" << context.t("Commune", "Commune") << "</th>";
  for (const std::string& o : objectives)
    out << "<th>" << escape_html(objective_name(context, o)) << "</th><th>"
        << context.t("Rang", "Rank") << "</th>";
  out << "<th></th></tr></thead><tbody>\n";
  for (std::size_t row : rows) {
    const std::string id = text_at(candidates, "id", row);
    out << "<tr><td>" << escape_html(text_at(candidates, "name", row)) << "</td>";
    if (!named_by_commune) {
      out << "<td>" << escape_html(commune_name(context, text_at(candidates, "commune_code", row)))
          << "</td>";
    }
    for (const std::string& o : objectives) {
      const int decimals = o == "equity_gini" ? 4 : (o == "equity_maximin" ? 2 : 1);
      out << number_cell(number_at(candidates, "gain_" + o, row), decimals,
                         {"site", "candidates", "gain_" + o, "id=" + id}, context.language)
          << number_cell(number_at(candidates, "rank_" + o, row), 0,
                         {"site", "candidates", "rank_" + o, "id=" + id}, context.language);
    }
    std::string flags;
    if (number_at(candidates, "chosen", row).value_or(0) > 0)
      flags += context.t("choisi", "chosen");
    if (number_at(candidates, "evaluated", row).value_or(0) > 0) {
      flags += (flags.empty() ? "" : ", ") + std::string(context.t("évalué", "evaluated"));
    }
    out << "<td>" << flags << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
  return out.str();
}

// The exact and greedy solutions with their bounds and gaps.
std::string solutions_table(const ReportContext& context, const GeoPackageContents& site) {
  std::ostringstream out;
  const GeoTable& solutions = *site.find("siting_solutions");
  out << "<h3>" << context.t("Solution exacte et solution gloutonne", "Exact and greedy solutions")
      << "</h3>\n<table class=\"solutions\"><thead><tr><th>" << context.t("Méthode", "Method")
      << "</th><th>" << context.t("Sites", "Sites") << "</th><th>"
      << context.t("Objectif", "Objective") << "</th><th>" << context.t("Borne", "Bound")
      << "</th><th>" << context.t("Écart à la borne", "Gap to the bound") << "</th><th>"
      << context.t("Statut", "Status") << "</th></tr></thead><tbody>\n";
  for (std::size_t row = 0; row < solutions.row_count(); ++row) {
    const std::string solver = text_at(solutions, "solver", row);
    const std::string key = "solver=" + solver;
    out << "<tr><td>" << escape_html(solver) << "</td><td>"
        << escape_html(text_at(solutions, "sites", row)) << "</td>"
        << number_cell(number_at(solutions, "objective", row), 2,
                       {"site", "siting_solutions", "objective", key}, context.language)
        << number_cell(number_at(solutions, "bound", row), 2,
                       {"site", "siting_solutions", "bound", key}, context.language);
    const auto gap = number_at(solutions, "gap", row);
    out << number_cell(gap ? std::optional<double>(100.0 * *gap) : std::nullopt, 1,
                       {"site", "siting_solutions", "gap", key, 100.0}, context.language, true)
        << "<td>" << escape_html(text_at(solutions, "status", row)) << "</td></tr>\n";
  }
  out << "</tbody></table>\n<p>"
      << context.t(
             "La solution exacte (CBC) est optimale quand l'écart à la borne est nul ; la "
             "recherche gloutonne avec échanges donne une solution sans garantie, à comparer.",
             "The exact solution (CBC) is optimal when its gap to the bound is zero; the "
             "greedy search with swaps gives a solution without guarantee, to compare.")
      << "</p>\n";
  return out.str();
}

std::string site_section(const ReportContext& context) {
  const GeoPackageContents& site = *context.sources.site;
  const GeoTable& info = *site.find("run_info");
  const GeoTable& candidates = *site.find("candidates");
  const std::string type = table_value(info, "siting_service_type").value_or("eaje");
  const double capacity =
      std::strtod(table_value(info, "siting_capacity").value_or("10").c_str(), nullptr);
  const double minutes = std::strtod(table_value(info, "siting_coverage_minutes")
                                         .value_or(number_label(coverage_threshold(context)))
                                         .c_str(),
                                     nullptr);
  const std::string plan_objective = table_value(info, "siting_objective").value_or("max_covering");
  const ServiceView* s = service_named(context, type);
  std::ostringstream out;
  out << "<section class=\"page site\">\n<h2>"
      << context.t("Où implanter le prochain équipement", "Where the next facility should go")
      << "</h2>\n";
  if (s != nullptr) out << site_answer(context, site, *s, capacity, minutes);
  std::vector<std::string> objectives;
  for (const char* objective : kObjectives) {
    if (candidates.column(std::string("rank_") + objective) != nullptr)
      objectives.push_back(objective);
  }
  out << "<h3>"
      << context.t("Les sites candidats, classés par objectif",
                   "Candidate sites, ranked per objective")
      << "</h3>\n<p>"
      << context.t("Gain de chaque site seul : public amené à ",
                   "Gain of each site alone: public brought within ")
      << number_label(minutes) << std::string(kNoBreakSpace) << "min"
      << context.t(
             " (couverture), minutes-personnes économisées (temps moyen), hausse du minimum "
             "communal ou baisse du Gini (équité), places E2SFCA (capacité) ; rang entre "
             "parenthèses. Tri selon l'objectif retenu",
             " (covering), person-minutes saved (mean time), rise of the lowest commune or "
             "fall of the Gini (equity), E2SFCA places (capacity); rank in brackets. Sorted "
             "by the chosen objective")
      << colon(context) << " " << escape_html(objective_name(context, plan_objective)) << ".</p>\n";
  out << candidates_table(context, candidates, objectives,
                          candidates_by_rank(candidates, plan_objective));
  out << solutions_table(context, site);
  if (s != nullptr) {
    out << "<h3>"
        << context.t("Effet du site, commune par commune", "The site's effect, commune by commune")
        << "</h3>\n"
        << service_difference(context, "site", site, *s);
  }
  out << "</section>\n";
  return out.str();
}

}  // namespace couverture::report::detail
