// What the summary tests share: the CCPVM demo's inputs written once (no
// shared data needed), a summary's text captured from its FILE*, the
// numbers read back from a printed line, and small reference computations
// of the figures a summary quotes, written here from their definitions
// (weighted means, brute-force Gini and Theil) rather than taken from the
// code under test.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "couverture/demo/demo_inputs.hpp"
#include "couverture/demo/demo_scenarios.hpp"
#include "couverture/demo/synthetic_territory.hpp"
#include "couverture/geodata/age_band.hpp"
#include "couverture/geodata/demand_point.hpp"
#include "test_support.hpp"

namespace couverture::testing {

// The demo territory and the files `couverture demo` writes for it, in a
// temporary folder removed when the test program ends.
struct DemoFiles {
  DemoFiles()
      : dir(make_temp_dir("summary-demo")),
        territory(make_ccpvm_demo_territory()),
        inputs(write_demo_inputs(territory, dir / "demo", false)),
        scenarios(write_demo_scenarios(territory, inputs, dir / "demo", dir / "demo.gpkg", false)) {
  }
  ~DemoFiles() { std::filesystem::remove_all(dir); }
  DemoFiles(const DemoFiles&) = delete;
  DemoFiles& operator=(const DemoFiles&) = delete;

  std::filesystem::path dir;
  SyntheticTerritory territory;
  DemoInputs inputs;
  DemoScenarios scenarios;
};

inline const DemoFiles& demo_files() {
  static const DemoFiles files;
  return files;
}

// What `write` prints, read back from a temporary file.
inline std::string text_of(const std::function<void(std::FILE*)>& write) {
  std::FILE* file = std::tmpfile();
  if (file == nullptr) return "";
  write(file);
  std::rewind(file);
  std::string text;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, n);
  std::fclose(file);
  return text;
}

// The line of `text` that starts with `prefix`, at or after `from` (the
// first such line after a heading); empty when there is none.
inline std::string line_starting(const std::string& text, const std::string& prefix,
                                 std::size_t from = 0) {
  std::size_t start = std::string::npos;
  if (from == 0 && text.rfind(prefix, 0) == 0) {
    start = 0;
  } else {
    start = text.find('\n' + prefix, from);
    if (start == std::string::npos) return "";
    ++start;
  }
  return text.substr(start, text.find('\n', start) - start);
}

// The numbers of `text` in order, with `decimal` as the decimal separator
// ('.' or ','): a sign counts only right after a space or "(" (so "0-2" is
// two numbers and "-> 10" one), a separator only between digits, and
// digits inside a word ("E2SFCA") not at all.
inline std::vector<double> numbers_in(std::string_view text, char decimal = '.') {
  std::vector<double> numbers;
  const auto digit = [&](std::size_t i) {
    return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    const bool sign = (text[i] == '-' || text[i] == '+') && digit(i + 1) &&
                      (i == 0 || text[i - 1] == ' ' || text[i - 1] == '(');
    if (!digit(i) && !sign) {
      ++i;
      continue;
    }
    if (i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1])) != 0) {
      while (digit(i)) ++i;  // part of a word: E2SFCA
      continue;
    }
    std::string number(1, text[i]);
    for (++i; digit(i) || (i < text.size() && text[i] == decimal && digit(i + 1)); ++i) {
      number += text[i] == decimal ? '.' : text[i];
    }
    numbers.push_back(std::stod(number));
  }
  return numbers;
}

// The people of each demand point in the bands of `target`.
inline std::vector<double> target_population(const std::vector<DemandPoint>& demand,
                                             AgeBandSet target) {
  std::vector<double> people(demand.size(), 0.0);
  for (std::size_t i = 0; i < demand.size(); ++i) {
    for (AgeBand band : kAgeBands) {
      if (target.contains(band)) people[i] += demand[i].by_band[index_of(band)];
    }
  }
  return people;
}

// Σ w x / Σ w over the finite values (NaN when none has weight).
inline double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights) {
  double sum = 0.0;
  double weight = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) continue;
    sum += weights[i] * values[i];
    weight += weights[i];
  }
  return weight > 0.0 ? sum / weight : std::numeric_limits<double>::quiet_NaN();
}

// Σ w over the points whose value is at most `limit` (an infinite value
// never is).
inline double weight_within(const std::vector<double>& values, const std::vector<double>& weights,
                            double limit) {
  double weight = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) weight += values[i] <= limit ? weights[i] : 0.0;
  return weight;
}

// The Gini coefficient by its definition, every pair of finite values:
// Σ_ij w_i w_j |x_i − x_j| / (2 W² μ).
inline double brute_force_gini(const std::vector<double>& values,
                               const std::vector<double>& weights) {
  double pairs = 0.0;
  double weight = 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) continue;
    weight += weights[i];
    total += weights[i] * values[i];
    for (std::size_t j = 0; j < values.size(); ++j) {
      if (std::isfinite(values[j]))
        pairs += weights[i] * weights[j] * std::abs(values[i] - values[j]);
    }
  }
  return pairs / (2.0 * weight * total);
}

// Theil's T over the finite values, (1/W) Σ w (x/μ) ln(x/μ), and the share
// of it between the groups: Σ_g s_g ln(μ_g/μ) / T, s_g the group's share of
// the total value.
struct TheilReference {
  double total = 0.0;
  double between_share = 0.0;
};
inline TheilReference theil_by_group(const std::vector<double>& values,
                                     const std::vector<double>& weights,
                                     const std::vector<std::uint32_t>& groups,
                                     std::size_t group_count) {
  std::vector<double> group_weight(group_count, 0.0);
  std::vector<double> group_value(group_count, 0.0);
  double weight = 0.0;
  double value = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) continue;
    group_weight[groups[i]] += weights[i];
    group_value[groups[i]] += weights[i] * values[i];
    weight += weights[i];
    value += weights[i] * values[i];
  }
  const double mean = value / weight;
  TheilReference theil;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]) || values[i] <= 0.0) continue;
    theil.total += weights[i] * (values[i] / mean) * std::log(values[i] / mean) / weight;
  }
  double between = 0.0;
  for (std::size_t g = 0; g < group_count; ++g) {
    if (group_value[g] <= 0.0) continue;
    between += group_value[g] / value * std::log(group_value[g] / group_weight[g] / mean);
  }
  theil.between_share = between / theil.total;
  return theil;
}

}  // namespace couverture::testing
