#include <memory>

#include "command.hpp"
#include "couverture/io/geopackage_reader.hpp"
#include "couverture/io/output_preparation.hpp"
#include "couverture/io/spreadsheet_writer.hpp"
#include "couverture/report/spreadsheet_sheets.hpp"
#include "summary_printing.hpp"
#include "usage_error.hpp"

namespace couverture::cli {

namespace {

struct ExportOptions {
  std::string input;
  std::string output;
  std::string language = "fr";
  bool overwrite = false;
};

}  // namespace

void add_export_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand(
      "export",
      "Write a Couverture GeoPackage's tables as a spreadsheet (.xlsx or .ods): one sheet per "
      "table with French headers and units, a sheet of parameters and one of data sources");
  command->add_option("gpkg", options->input, "GeoPackage written by run, demo, compare or site")
      ->required();
  command->add_option("-o,--output", options->output, "Spreadsheet file, .xlsx or .ods")
      ->required();
  command->add_option("--lang", options->language, "Headers: fr (labels) or en (column names)")
      ->capture_default_str();
  command->add_flag("--overwrite", options->overwrite, "Replace an existing output file");
  command->callback([options, &global, &action] {
    action = [options, &global] {
      Language language = Language::fr;
      try {
        language = parse_language(options->language);
      } catch (const std::invalid_argument& error) {
        throw UsageError(std::string("--lang: ") + error.what());
      }
      print_warnings(prepare_outputs({options->output}, {options->input}, options->overwrite),
                     global);
      const GeoPackageContents contents = read_geopackage(options->input);
      const auto sheets = report::spreadsheet_sheets(contents, language);
      write_spreadsheet(options->output, sheets, options->overwrite);
      if (!global.quiet) {
        std::printf("Wrote %s (%zu sheets)\n", options->output.c_str(), sheets.size());
      }
      return 0;
    };
  });
}

}  // namespace couverture::cli
