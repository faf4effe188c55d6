#include <sstream>

#include "couverture/report/html_text.hpp"
#include "report_context.hpp"

namespace couverture::report::detail {

namespace {

struct Row {
  std::string key;
  std::string value;
};

std::vector<Row> rows_of(const GeoTable& info) {
  std::vector<Row> rows;
  for (std::size_t i = 0; i < info.row_count(); ++i) {
    rows.push_back({text_at(info, "key", i), text_at(info, "value", i)});
  }
  return rows;
}

bool is_reported_elsewhere(const std::string& key) {
  return key.ends_with("_file") || key.ends_with("_sha256") || key.starts_with("version_") ||
         key.starts_with("time_s") || key.starts_with("warning_") || key.starts_with("licence") ||
         key == "note" || key.ends_with("_note");
}

std::string file_table(const ReportContext& context, const std::string& what,
                       const GeoTable& info) {
  std::ostringstream out;
  for (const Row& row : rows_of(info)) {
    if (!row.key.ends_with("_file")) continue;
    const std::string role = row.key.substr(0, row.key.size() - 5);
    const std::string sha = table_value(info, role + "_sha256").value_or("");
    const auto slash = row.value.find_last_of('/');
    out << "<tr><td>" << escape_html(what) << "</td><td>" << escape_html(role) << "</td><td>"
        << escape_html(slash == std::string::npos ? row.value : row.value.substr(slash + 1))
        << "</td><td class=\"hash\">" << escape_html(sha) << "</td></tr>\n";
  }
  (void)context;
  return out.str();
}

// How the figures are computed, in the report's language.
std::string how_computed(const ReportContext& context) {
  std::ostringstream out;
  if (context.language == Language::fr) {
    out << "<p><strong>Temps de trajet.</strong> La population de chaque commune est répartie sur "
           "des points de demande (carreaux INSEE, bâtiments, occupation du sol ou grille "
           "régulière, selon les données disponibles). De chaque point, le plus court chemin sur "
           "le réseau routier (vitesses par type de route, sens uniques) donne le temps jusqu'à "
           "l'équipement le plus proche de chaque type, plus la marche jusqu'à la route. Les "
           "moyennes communales sont pondérées par le public du service.</p>\n"
           "<p><strong>Taux de couverture.</strong> Le taux administratif (CAF) rapporte les "
           "places situées dans la commune à son public (pour 100). Les taux par temps de trajet "
           "(2SFCA, E2SFCA) partagent les places de chaque équipement entre tout le public qui "
           "peut l'atteindre dans le temps de chalandise, avec une décroissance selon la durée "
           "(E2SFCA) : une commune sans crèche peut être desservie par celle de sa voisine.</p>\n"
           "<p><strong>Zones en tension.</strong> Une commune est en tension quand son public met "
           "en moyenne plus longtemps que le seuil fixé, ou dispose de moins de places pour 100 "
           "que le seuil (paramètre « tension » ci-dessous).</p>\n"
           "<p><strong>Équité.</strong> Gini, Theil (décomposé entre et dans les communes), "
           "Atkinson et rapport des cinquièmes extrêmes sont calculés sur les points de demande "
           "pondérés par leur public ; le public sans accès routier en est exclu et compté à "
           "part.</p>\n"
           "<p><strong>Secret statistique.</strong> Les effectifs de moins du seuil fixé sont "
           "masqués dans la couche des points de demande ; ce rapport ne montre que des "
           "agrégats communaux et ne contient rien de ce que le GeoPackage masque.</p>\n";
  } else {
    out << "<p><strong>Travel times.</strong> Each commune's population is spread over demand "
           "points (INSEE grid cells, buildings, land use or a regular grid, whichever the data "
           "allow). From each point, the shortest path along the road network (speeds by road "
           "class, one-way streets) gives the time to the nearest facility of each type, plus "
           "the walk to the road. Commune means are weighted by the service's public.</p>\n"
           "<p><strong>Coverage rates.</strong> The administrative (CAF) rate divides the places "
           "located in the commune by its public (per 100). The travel-time rates (2SFCA, "
           "E2SFCA) share each facility's places among all the public that can reach it within "
           "the catchment time, with a decay by duration (E2SFCA): a commune without a crèche "
           "may be served by its neighbour's.</p>\n"
           "<p><strong>Zones en tension.</strong> A commune is in tension when its public "
           "travels longer on average than the threshold, or has fewer places per 100 than the "
           "threshold (parameter “tension” below).</p>\n"
           "<p><strong>Equity.</strong> Gini, Theil (split between and within communes), "
           "Atkinson and the ratio of the extreme fifths are computed over the demand points "
           "weighted by their public; the public without road access is left out and counted "
           "apart.</p>\n"
           "<p><strong>Statistical confidentiality.</strong> Counts under the threshold are "
           "masked in the demand-points layer; this report shows commune totals only and "
           "nothing the GeoPackage masks.</p>\n";
  }
  return out.str();
}

// The run's parameters (and the siting's), as run_info holds them.
std::string parameters_table(const ReportContext& context, const std::vector<Row>& rows) {
  std::ostringstream out;
  out << "<h3>" << context.t("Paramètres", "Parameters")
      << "</h3>\n<table class=\"parameters\"><thead><tr><th>" << context.t("Clé", "Key")
      << "</th><th>" << context.t("Valeur", "Value") << "</th></tr></thead><tbody>\n";
  for (const Row& row : rows) {
    if (is_reported_elsewhere(row.key)) continue;
    out << "<tr><td><code>" << escape_html(row.key) << "</code></td><td>" << escape_html(row.value)
        << "</td></tr>\n";
  }
  const auto add_parameters = [&](const GeoPackageContents* file, const char* what) {
    if (file == nullptr) return;
    for (const Row& row : rows_of(*file->find("run_info"))) {
      if (is_reported_elsewhere(row.key) || !row.key.starts_with("siting_")) continue;
      out << "<tr><td><code>" << escape_html(row.key) << "</code> (" << what << ")</td><td>"
          << escape_html(row.value) << "</td></tr>\n";
    }
  };
  add_parameters(context.sources.site, "site");
  out << "</tbody></table>\n";
  return out.str();
}

// Every input file of every run with its checksum.
std::string input_files_table(const ReportContext& context, const GeoTable& info) {
  std::ostringstream out;
  out << "<h3>"
      << context.t("Fichiers d'entrée et empreintes SHA-256", "Input files and SHA-256 checksums")
      << "</h3>\n<table class=\"files\"><thead><tr><th>" << context.t("Calcul", "Run")
      << "</th><th>" << context.t("Rôle", "Role") << "</th><th>" << context.t("Fichier", "File")
      << "</th><th>SHA-256</th></tr></thead><tbody>\n"
      << file_table(context, "run", info);
  if (context.sources.compare != nullptr) {
    out << file_table(context, "compare", *context.sources.compare->find("run_info"));
  }
  if (context.sources.site != nullptr) {
    out << file_table(context, "site", *context.sources.site->find("run_info"));
  }
  out << "</tbody></table>\n";
  return out.str();
}

// The data's sources and licences, and the software's versions.
std::string sources_list(const ReportContext& context, const std::vector<Row>& rows,
                         const GeoTable& info) {
  std::ostringstream out;
  out << "<h3>" << context.t("Sources et licences", "Sources and licences") << "</h3>\n<ul>\n";
  for (const Row& row : rows) {
    if (row.key == "note" || row.key.starts_with("licence")) {
      out << "<li>" << escape_html(row.value) << "</li>\n";
    }
  }
  out << "<li>" << context.t("Calculs et cartes : Couverture ", "Computation and maps: Couverture ")
      << escape_html(table_value(info, "version_couverture").value_or("")) << " (GDAL "
      << escape_html(table_value(info, "version_GDAL").value_or("")) << ", GEOS "
      << escape_html(table_value(info, "version_GEOS").value_or("")) << ", PROJ "
      << escape_html(table_value(info, "version_PROJ").value_or("")) << ").</li>\n</ul>\n";
  return out.str();
}

// The run's warnings, or "None".
std::string run_warnings(const ReportContext& context, const std::vector<Row>& rows) {
  std::ostringstream out;
  out << "<h3>" << context.t("Avertissements du calcul", "Warnings of the run") << "</h3>\n";
  std::string warnings;
  for (const Row& row : rows) {
    if (row.key.starts_with("warning_")) warnings += "<li>" + escape_html(row.value) + "</li>\n";
  }
  out << (warnings.empty() ? std::string("<p>") + context.t("Aucun.", "None.") + "</p>\n"
                           : "<ul>\n" + warnings + "</ul>\n");
  return out.str();
}

}  // namespace

std::string methods_section(const ReportContext& context) {
  const GeoTable& info = context.run_table("run_info");
  const std::vector<Row> rows = rows_of(info);
  std::ostringstream out;
  out << "<section class=\"page methods\">\n<h2>"
      << context.t("Méthodes et données", "Methods and data") << "</h2>\n"
      << data_warning(context);
  out << "<h3>" << context.t("Comment les chiffres sont calculés", "How the figures are computed")
      << "</h3>\n"
      << how_computed(context) << parameters_table(context, rows)
      << input_files_table(context, info) << sources_list(context, rows, info)
      << run_warnings(context, rows) << "</section>\n";
  return out.str();
}

}  // namespace couverture::report::detail
