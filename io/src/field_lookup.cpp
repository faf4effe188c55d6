#include "field_lookup.hpp"

#include "couverture/geodata/data_error.hpp"
#include "gdal_support.hpp"

namespace couverture::gdal_support {

namespace {

constexpr const char* kOsmTagsField = "other_tags";

// Reads one double-quoted hstore token starting at `position` (on the
// opening quote); backslash escapes the next character.
std::optional<std::string> quoted(const std::string& text, std::size_t& position) {
  if (position >= text.size() || text[position] != '"') return std::nullopt;
  std::string value;
  for (++position; position < text.size(); ++position) {
    const char c = text[position];
    if (c == '\\' && position + 1 < text.size()) {
      value += text[++position];
    } else if (c == '"') {
      ++position;
      return value;
    } else {
      value += c;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> hstore_value(const std::string& hstore, const std::string& key) {
  std::size_t position = 0;
  while (position < hstore.size()) {
    while (position < hstore.size() && (hstore[position] == ',' || hstore[position] == ' ')) {
      ++position;
    }
    const auto found_key = quoted(hstore, position);
    if (!found_key || hstore.compare(position, 2, "=>") != 0) return std::nullopt;
    position += 2;
    const auto value = quoted(hstore, position);
    if (!value) return std::nullopt;
    if (*found_key == key) return value;
  }
  return std::nullopt;
}

FieldLookup::FieldLookup(OGRLayer& layer, const std::string& name, const std::string& where,
                         const std::string& scenario_key)
    : name_(name) {
  OGRFeatureDefn* definition = layer.GetLayerDefn();
  index_ = definition->GetFieldIndex(name.c_str());
  if (index_ < 0) {
    index_ = definition->GetFieldIndex(kOsmTagsField);
    from_tags_ = index_ >= 0 && !name.empty();
    if (!from_tags_) {
      throw DataError(where + ": no field '" + name + "'; fields are: " + field_names(*definition) +
                      " — set " + scenario_key + " in the scenario");
    }
    return;
  }
  const OGRFieldType type = definition->GetFieldDefn(index_)->GetType();
  numeric_ = type == OFTInteger || type == OFTInteger64 || type == OFTReal;
}

std::optional<std::string> FieldLookup::text(const OGRFeature& feature) const {
  if (!feature.IsFieldSetAndNotNull(index_)) return std::nullopt;
  std::string value = feature.GetFieldAsString(index_);
  if (from_tags_) return hstore_value(value, name_);
  return value;
}

std::optional<double> FieldLookup::number(const OGRFeature& feature,
                                          const std::string& record) const {
  if (numeric_) {
    if (!feature.IsFieldSetAndNotNull(index_)) return std::nullopt;
    return feature.GetFieldAsDouble(index_);
  }
  const auto value = text(feature);
  if (!value || value->find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  const auto parsed = parse_number(*value);
  if (!parsed) {
    throw DataError(record + ": field '" + name_ + "' is '" + *value + "', not a number");
  }
  return parsed;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

FieldLookup table_column(OGRLayer& layer, const std::string& name, const std::string& where,
                         const std::string& key) {
  if (layer.GetLayerDefn()->GetFieldIndex(name.c_str()) < 0 &&
      layer.GetLayerDefn()->GetFieldIndex("other_tags") < 0) {
    throw DataError(where + ": no column '" + name + "'; columns are: " +
                    field_names(*layer.GetLayerDefn()) + " — fix " + key + " in the scenario");
  }
  return FieldLookup(layer, name, where, key);
}

void finish_code_table(ErrorCollector& errors, const FieldLookup& code, const std::string& where,
                       std::vector<std::string>& warnings) {
  errors.throw_if_failed(where);
  for (const std::string& warning : errors.warnings()) {
    warnings.push_back(where + ": GDAL: " + warning);
  }
  if (code.numeric()) {
    warnings.push_back(where + ": column '" + code.name() +
                       "' holds numbers, so codes such as 01001 may have lost their leading "
                       "zero; store the codes as text");
  }
}

}  // namespace couverture::gdal_support
