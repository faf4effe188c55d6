#include "couverture/engine/age_structure.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "couverture/geodata/data_error.hpp"

namespace couverture {

namespace {

// Above this relative gap between a table row and the legal population the
// planner is told: a larger gap suggests another year or another unit.
constexpr double kRescaleWarningGap = 0.01;

std::string names_of(std::span<const Commune> communes, const std::vector<std::size_t>& which) {
  std::string text;
  for (std::size_t i : which) {
    if (!text.empty()) text += ", ";
    text += communes[i].code + " " + communes[i].name;
  }
  return text;
}

std::string shares_text(const BandShares& shares) {
  std::ostringstream text;
  text.precision(3);
  for (AgeBand band : kAgeBands) {
    if (band != kAgeBands.front()) text << ", ";
    text << to_string(band) << " " << shares[index_of(band)] * 100.0 << " %";
  }
  return text.str();
}

void check_row(const std::string& code, const BandPopulation& row) {
  for (AgeBand band : kAgeBands) {
    const double count = row[index_of(band)];
    if (!std::isfinite(count) || count < 0.0) {
      throw DataError("age table: commune " + code + " has an invalid count for band " +
                      std::string(to_string(band)) +
                      ": fix the table (every band must be a count of people, 0 or more)");
    }
  }
}

// estimate_bands, with the bands made to add up to `population` exactly:
// shares need only add up to 1 within 1e-6, demand totals are checked to 1e-9.
BandPopulation estimate_shared(double population, const BandShares& shares) {
  BandPopulation bands = estimate_bands(population, shares);
  const double total = total_of(bands);
  if (total > 0.0) {
    for (double& count : bands) count *= population / total;
  }
  return bands;
}

}  // namespace

AgeStructureReport assign_age_bands(std::span<Commune> communes,
                                    const std::map<std::string, BandPopulation>* age_table,
                                    const BandShares& shares, std::vector<std::string>& warnings) {
  // Checks the shares now, even when the table covers every commune.
  (void)estimate_bands(1.0, shares);
  AgeStructureReport report;
  std::vector<std::size_t> missing;
  std::vector<std::size_t> empty_rows;
  for (std::size_t c = 0; c < communes.size(); ++c) {
    Commune& commune = communes[c];
    const BandPopulation* row = nullptr;
    if (age_table) {
      const auto found = age_table->find(commune.code);
      if (found != age_table->end()) row = &found->second;
    }
    if (row) {
      check_row(commune.code, *row);
      const double table_total = total_of(*row);
      if (table_total > 0.0) {
        const double scale = commune.population / table_total;
        for (std::size_t b = 0; b < kAgeBandCount; ++b) {
          commune.population_by_band[b] = (*row)[b] * scale;
        }
        commune.bands_estimated = false;
        if (std::abs(table_total - commune.population) >
            kRescaleWarningGap * std::max(commune.population, table_total)) {
          report.rescaled_communes.push_back(commune.code);
          std::ostringstream message;
          message << "commune " << commune.code << " " << commune.name << ": the age table counts "
                  << table_total << " people, its population is " << commune.population
                  << "; the table's age structure was rescaled to the population";
          warnings.push_back(message.str());
        }
        continue;
      }
      if (commune.population <= 0.0) {
        // Nobody in the table and nobody in the commune: the table agrees.
        commune.population_by_band = {};
        commune.bands_estimated = false;
        continue;
      }
      empty_rows.push_back(c);
    } else if (age_table) {
      missing.push_back(c);
    }
    commune.population_by_band = estimate_shared(commune.population, shares);
    commune.bands_estimated = true;
    report.estimated_communes.push_back(commune.code);
  }
  if (!age_table && !communes.empty()) {
    warnings.push_back("no age table: the age bands of all " + std::to_string(communes.size()) +
                       " communes are estimated from the band shares (" + shares_text(shares) +
                       ")");
  }
  if (!missing.empty()) {
    warnings.push_back(std::to_string(missing.size()) +
                       " commune(s) missing from the age table, their age bands estimated from "
                       "the band shares: " +
                       names_of(communes, missing));
  }
  if (!empty_rows.empty()) {
    warnings.push_back(std::to_string(empty_rows.size()) +
                       " commune(s) with nobody in the age table but inhabitants, their age bands "
                       "estimated from the band shares: " +
                       names_of(communes, empty_rows));
  }
  return report;
}

}  // namespace couverture
