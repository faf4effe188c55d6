#include <fstream>
#include <memory>
#include <optional>

#include "command.hpp"
#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"
#include "couverture/io/geopackage_reader.hpp"
#include "couverture/io/output_preparation.hpp"
#include "couverture/report/diagnostic_report.hpp"
#include "couverture/report/pdf_printer.hpp"
#include "summary_printing.hpp"
#include "usage_error.hpp"

namespace couverture::cli {

namespace {

namespace fs = std::filesystem;

struct ReportOptions {
  std::string run;
  std::string compare;
  std::string site;
  std::string language = "fr";
  std::string output;
  std::string pdf;
  bool overwrite = false;
};

Language language_of(const std::string& text) {
  try {
    return parse_language(text);
  } catch (const std::invalid_argument& error) {
    throw UsageError(std::string("--lang: ") + error.what());
  }
}

}  // namespace

void add_report_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report",
      "Write the diagnosis as one self-contained HTML page (maps, tables per commune, equity, "
      "methods) from the GeoPackages of run, compare and site, and optionally print it to PDF");
  command->add_option("run", options->run, "GeoPackage written by couverture run or demo")
      ->required();
  command->add_option("--compare", options->compare, "GeoPackage written by couverture compare");
  command->add_option("--site", options->site, "GeoPackage written by couverture site");
  command->add_option("--lang", options->language, "fr or en")->capture_default_str();
  command->add_option("-o,--output", options->output,
                      "HTML file (default: the run's name + -diagnostic.html)");
  command->add_option("--pdf", options->pdf, "Also print an A4 PDF here (headless chromium)");
  command->add_flag("--overwrite", options->overwrite, "Replace existing output files");
  command->callback([options, &global, &action] {
    action = [options, &global] {
      const Language language = language_of(options->language);
      const fs::path run_path(options->run);
      const fs::path output =
          options->output.empty()
              ? run_path.parent_path() / (run_path.stem().string() + "-diagnostic.html")
              : fs::path(options->output);
      std::vector<fs::path> outputs = {output};
      if (!options->pdf.empty()) outputs.emplace_back(options->pdf);
      std::vector<fs::path> inputs = {run_path};
      if (!options->compare.empty()) inputs.emplace_back(options->compare);
      if (!options->site.empty()) inputs.emplace_back(options->site);
      print_warnings(prepare_outputs(outputs, inputs, options->overwrite), global);
      // The report draws communes, not demand points: the large per-point
      // and per-facility tables stay on disk.
      const GeoPackageContents run =
          read_geopackage(run_path, {"demand_points", "isochrones", "facility_access"});
      std::optional<GeoPackageContents> compare;
      std::optional<GeoPackageContents> site;
      if (!options->compare.empty()) compare = read_geopackage(options->compare);
      if (!options->site.empty()) site = read_geopackage(options->site);
      const report::ReportSources sources{&run, compare ? &*compare : nullptr,
                                          site ? &*site : nullptr};
      const std::string html = report::render_report(sources, language);
      {
        AtomicOutput file(output, options->overwrite);
        std::ofstream out(file.temporary(), std::ios::binary);
        out << html;
        out.close();
        if (!out) {
          throw DataError(output.string() + ": cannot write the report (disk full? permissions?)");
        }
        file.commit();
      }
      if (!options->pdf.empty()) report::print_pdf(output, options->pdf, options->overwrite);
      if (!global.quiet) {
        std::printf("Wrote %s%s%s\n", output.string().c_str(), options->pdf.empty() ? "" : " and ",
                    options->pdf.c_str());
      }
      return 0;
    };
  });
}

}  // namespace couverture::cli
