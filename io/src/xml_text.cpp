#include "couverture/io/xml_text.hpp"

#include <array>
#include <utility>

namespace couverture {

namespace {

constexpr std::array<std::pair<char, std::string_view>, 5> kEntities = {
    {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&apos;"}}};

}  // namespace

std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    bool replaced = false;
    for (const auto& [plain, entity] : kEntities) {
      if (c == plain) {
        out += entity;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += c;
  }
  return out;
}

std::string xml_unescaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [plain, entity] : kEntities) {
      if (text.substr(i, entity.size()) == entity) {
        out += plain;
        i += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

std::string xml_attribute(std::string_view element, std::string_view name) {
  // Appended, not `" " + name + ...`: GCC 12 warns falsely on the latter (bug 105329).
  std::string key(1, ' ');
  key.append(name).append("=\"");
  const auto start = element.find(key);
  if (start == std::string_view::npos) return {};
  const auto from = start + key.size();
  const auto end = element.find('"', from);
  return end == std::string_view::npos ? std::string()
                                       : xml_unescaped(element.substr(from, end - from));
}

}  // namespace couverture
