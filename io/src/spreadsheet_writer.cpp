#include "couverture/io/spreadsheet_writer.hpp"

#include <cpl_string.h>

#include <algorithm>
#include <cctype>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"
#include "gdal_support.hpp"

namespace couverture {

namespace {

namespace gs = gdal_support;

std::string driver_for(const std::filesystem::path& target) {
  std::string extension = target.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".xlsx") return "XLSX";
  if (extension == ".ods") return "ODS";
  throw DataError(target.string() + ": unknown spreadsheet type '" + extension +
                  "' (name the output .xlsx or .ods)");
}

void write_sheet(GDALDataset& dataset, const OutputLayer& sheet, gs::ErrorCollector& errors,
                 const std::string& file) {
  const std::string context = file + ", sheet '" + sheet.name + "'";
  OGRLayer* layer = dataset.CreateLayer(sheet.name.c_str(), nullptr, wkbNone, nullptr);
  if (layer == nullptr) {
    throw DataError(context + ": cannot create the sheet (" +
                    errors.take_failure().value_or(CPLGetLastErrorMsg()) + ")");
  }
  for (const OutputColumn& column : sheet.columns) {
    OGRFieldDefn field(column.name.c_str(), gs::field_type(column.type));
    if (layer->CreateField(&field) != OGRERR_NONE) {
      throw DataError(context + ": cannot create column '" + column.name + "'");
    }
  }
  const std::size_t rows = sheet.columns.empty() ? 0 : sheet.columns.front().size();
  for (std::size_t row = 0; row < rows; ++row) {
    OGRFeature feature(layer->GetLayerDefn());
    for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
      const OutputColumn& column = sheet.columns[c];
      const int index = static_cast<int>(c);
      if (column.size() <= row || column.is_null(row)) {
        feature.SetFieldNull(index);
      } else if (column.type == OutputColumn::Type::integer) {
        feature.SetField(index, static_cast<GIntBig>(column.integer(row)));
      } else if (column.type == OutputColumn::Type::real) {
        feature.SetField(index, column.real(row));
      } else {
        feature.SetField(index, column.text_c_str(row));
      }
    }
    if (layer->CreateFeature(&feature) != OGRERR_NONE) {
      throw DataError(context + ", row " + std::to_string(row + 1) + ": cannot be written (" +
                      errors.take_failure().value_or(CPLGetLastErrorMsg()) + ")");
    }
  }
  errors.throw_if_failed(context);
}

}  // namespace

void write_spreadsheet(const std::filesystem::path& target, std::span<const OutputLayer> sheets,
                       bool overwrite) {
  gs::ensure_registered();
  const std::string file = target.string();
  const std::string driver_name = driver_for(target);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (driver == nullptr) {
    throw DataError(file + ": GDAL was built without the " + driver_name + " driver");
  }
  AtomicOutput output(target, overwrite);
  gs::ErrorCollector errors;
  GDALDatasetUniquePtr dataset(
      driver->Create(output.temporary().string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!dataset) {
    throw DataError(file + ": cannot create the spreadsheet (" +
                    errors.take_failure().value_or(CPLGetLastErrorMsg()) + ")");
  }
  for (const OutputLayer& sheet : sheets) write_sheet(*dataset, sheet, errors, file);
  dataset.reset();  // the sheets are zipped on close
  errors.throw_if_failed(file + ": finishing the spreadsheet");
  output.commit();
}

}  // namespace couverture
