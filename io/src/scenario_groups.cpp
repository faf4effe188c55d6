// [demand.groups]: priority groups (issue 14).

#include "scenario_tables.hpp"

namespace couverture::scenario_tables {

namespace {

GroupSource read_group_table(const fs::path& file, const std::string& name,
                             const toml::table& table, const std::string& prefix) {
  TableReader reader(file, table, prefix);
  GroupSource group;
  group.name = name;
  group.label = reader.text("label").value_or("");
  group.column = reader.text("column").value_or("");
  if (const auto path = reader.path("path")) group.path = *path;
  if (group.column.empty() == group.path.empty()) {
    throw DataError(reader.where_table() +
                    " needs either column (a column of demand.insee_grid, e.g. \"Men_pauv\") or "
                    "path with count_field (a table of counts per commune)");
  }
  if (!group.path.empty()) {
    group.layer = reader.text("layer").value_or("");
    group.code_field = reader.code_field(group.code_field);
    group.count_field =
        reader.required_text("count_field", "the column of the group's count per commune");
  }
  reader.reject_unknown_keys();
  return group;
}

}  // namespace

std::vector<GroupSource> read_groups_table(const fs::path& file, const toml::table& table) {
  TableReader parent(file, table, "demand.groups.");
  std::vector<GroupSource> groups;
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    parent.find(name);
    if (const auto column = node.value_exact<std::string>()) {
      if (column->empty()) {
        throw DataError(parent.where(node, name) +
                        " must name a column of demand.insee_grid, e.g. \"Men_pauv\"");
      }
      GroupSource group;
      group.name = name;
      group.column = *column;
      groups.push_back(std::move(group));
    } else if (const toml::table* sub = node.as_table()) {
      groups.push_back(read_group_table(file, name, *sub, "demand.groups." + name + "."));
    } else {
      throw DataError(parent.where(node, name) +
                      " must be a column of demand.insee_grid (e.g. poor_households = "
                      "\"Men_pauv\") or a table { path = ..., count_field = ... }");
    }
  }
  return groups;
}

toml::table groups_to_toml(const std::vector<GroupSource>& groups, const PathWriter& relative) {
  toml::table table;
  for (const GroupSource& group : groups) {
    if (group.path.empty() && group.label.empty()) {
      table.insert(group.name, group.column);
      continue;
    }
    toml::table sub;
    if (!group.label.empty()) sub.insert("label", group.label);
    if (!group.column.empty()) sub.insert("column", group.column);
    if (!group.path.empty()) {
      sub.insert("path", relative(group.path));
      if (!group.layer.empty()) sub.insert("layer", group.layer);
      sub.insert("code_field", group.code_field);
      sub.insert("count_field", group.count_field);
    }
    table.insert(group.name, sub);
  }
  return table;
}

}  // namespace couverture::scenario_tables
