#pragma once

#include <ogrsf_frmts.h>

#include <optional>
#include <string>
#include <vector>

namespace couverture::gdal_support {

// One attribute the scenario names, resolved once per layer. OSM's GDAL
// driver keeps only a few tags as columns and packs the rest into an
// hstore `other_tags` column, so a name that is not a column is looked up
// there as a tag (e.g. "ref:INSEE", "population").
class FieldLookup {
 public:
  // Throws DataError("<where>: no field 'x'; fields are: ... — set <key> in
  // the scenario") when the name is neither a column nor an OSM tag column.
  FieldLookup(OGRLayer& layer, const std::string& name, const std::string& where,
              const std::string& scenario_key);

  [[nodiscard]] const std::string& name() const { return name_; }
  // True for integer and real columns (numbers GDAL already parsed).
  [[nodiscard]] bool numeric() const { return numeric_; }
  // The value as text, or nullopt when NULL, unset or (tags) absent.
  [[nodiscard]] std::optional<std::string> text(const OGRFeature& feature) const;
  // The value as a number, nullopt when NULL, unset or blank; throws
  // DataError("<record>: field 'x' is 'abc', not a number") otherwise.
  [[nodiscard]] std::optional<double> number(const OGRFeature& feature,
                                             const std::string& record) const;

 private:
  std::string name_;
  int index_ = -1;
  bool from_tags_ = false;
  bool numeric_ = false;
};

// A column of a table the scenario names (population, age or commune
// values): resolved once; DataError naming the file, the column, the columns
// there are and the key to fix when it is missing. A CSV has no
// `other_tags`, so this check is the only one; for an OSM source the name
// is looked up as a tag instead.
FieldLookup table_column(OGRLayer& layer, const std::string& name, const std::string& where,
                         const std::string& key);

class ErrorCollector;

// The end of reading a table keyed by commune code: GDAL's failure thrown
// naming `where`, its warnings passed on, and a warning when the code
// column holds numbers (01001 read as 1001 no longer matches).
void finish_code_table(ErrorCollector& errors, const FieldLookup& code, const std::string& where,
                       std::vector<std::string>& warnings);

// `text` without leading and trailing blanks (CSV cells often carry them).
std::string trimmed(const std::string& text);

// The value of `key` in an OSM hstore text ("k"=>"v","k2"=>"v2"), or nullopt.
std::optional<std::string> hstore_value(const std::string& hstore, const std::string& key);

}  // namespace couverture::gdal_support
