#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gpkg_file.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;
using testing::Gpkg;

// `couverture compare` and `couverture site` on the demo: the Éloyes
// question of the CTG, in hindsight. Expected values come from the inputs
// (places, legal populations, the documented 3.1 % of children under 3),
// never from the engine.
class CompareAndSite : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    dir_ = testing::make_temp_dir("compare-site");
    std::string output;
    ASSERT_EQ(run("-q demo", output), 0) << output;
  }
  void TearDown() override { fs::remove_all(dir_); }
  int run(const std::string& arguments, std::string& output) {
    return testing::run_command("cd " + dir_.string() + " && " COUVERTURE_CLI " " + arguments,
                                output);
  }
  // The JSON document in a command's output (warnings come before it).
  static nlohmann::json json_of(const std::string& output) {
    const auto start = output.find("\n{");
    return nlohmann::json::parse(start == std::string::npos ? output : output.substr(start));
  }
  fs::path dir_;
};

TEST_F(CompareAndSite, AScenarioComparedWithItselfChangesNothing) {
  std::string output;
  ASSERT_EQ(
      run("-q compare couverture-demo/scenario.toml couverture-demo/scenario.toml -o self.gpkg",
          output),
      0)
      << output;
  Gpkg file(dir_ / "self.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  std::size_t checked = 0;
  for (const char* name : {"communes_diff", "demand_points_diff"}) {
    OGRLayer* layer = file.dataset->GetLayerByName(name);
    ASSERT_NE(layer, nullptr) << name;
    for (auto& feature : *layer) {
      for (int i = 0; i < feature->GetFieldCount(); ++i) {
        const std::string field = feature->GetFieldDefnRef(i)->GetNameRef();
        if (field.rfind("d_", 0) != 0 || feature->IsFieldNull(i)) continue;
        EXPECT_EQ(feature->GetFieldAsDouble(i), 0.0) << name << "." << field;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000u);
  for (auto& row : *file.dataset->GetLayerByName("equity_diff")) {
    if (!row->IsFieldNull(row->GetFieldIndex("change"))) {
      EXPECT_EQ(row->GetFieldAsDouble("change"), 0.0) << row->GetFieldAsString("indicator");
    }
  }
}

TEST_F(CompareAndSite, TheEloyesMicroCrecheRaisedItsRateAndSlowedNobody) {
  std::string output;
  ASSERT_EQ(run("compare couverture-demo/sans-eloyes.toml couverture-demo/scenario.toml -o "
                "eloyes.gpkg --json",
                output),
            0)
      << output;
  const nlohmann::json summary = json_of(output);
  bool eaje_found = false;
  for (const auto& service : summary["services"]) {
    if (service["service_type"] != "eaje") continue;
    eaje_found = true;
    // Over the territory the E2SFCA rate is places per 100 children: 10 more
    // places for 28,940 × 3.1 % = 897.14 children.
    EXPECT_NEAR(service["e2sfca_rate_change"].get<double>(), 100.0 * 10 / (28940 * 0.031), 1e-3);
    EXPECT_GT(service["target_gaining"].get<double>(), 0.0);
    EXPECT_EQ(service["target_losing"].get<double>(), 0.0);
  }
  EXPECT_TRUE(eaje_found) << output;
  Gpkg file(dir_ / "eloyes.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  for (auto& feature : *file.dataset->GetLayerByName("communes_diff")) {
    const std::string code = feature->GetFieldAsString("code");
    // The CAF rate changes in Éloyes only: 10 places for 3,138 × 3.1 %.
    const double expected = code == "88158" ? 100.0 * 10 / (3138 * 0.031) : 0.0;
    EXPECT_NEAR(feature->GetFieldAsDouble("d_eaje_rate_admin"), expected, 0.01) << code;
    EXPECT_EQ(feature->GetFieldAsDouble("d_alsh_mean_min"), 0.0) << code;
  }
  // Adding a facility never makes anyone's nearest one farther.
  std::size_t faster = 0;
  for (auto& point : *file.dataset->GetLayerByName("demand_points_diff")) {
    ASSERT_FALSE(point->IsFieldNull(point->GetFieldIndex("d_eaje_min")));
    EXPECT_EQ(point->GetFieldAsInteger("eaje_reach"), 0);
    const double change = point->GetFieldAsDouble("d_eaje_min");
    EXPECT_LE(change, 0.0);
    faster += change < 0.0 ? 1 : 0;
  }
  EXPECT_GT(faster, 0u);
  std::map<std::string, std::string> change_of;
  for (auto& facility : *file.dataset->GetLayerByName("facilities_diff")) {
    change_of[facility->GetFieldAsString("id")] = facility->GetFieldAsString("change");
  }
  EXPECT_EQ(change_of.at("micro-creche-eloyes"), "added");
  EXPECT_EQ(change_of.at("creche-remiremont"), "unchanged");
}

TEST_F(CompareAndSite, SiteEvaluatesEloyesAndRanksEveryCandidate) {
  std::string output;
  ASSERT_EQ(
      run("site couverture-demo/site-eaje.toml --evaluate \"Éloyes\" -o site.gpkg --json", output),
      0)
      << output;
  const nlohmann::json summary = json_of(output);
  EXPECT_EQ(summary["evaluation"]["candidate"], "Éloyes") << output;
  EXPECT_EQ(summary["exact"]["status"], "optimal") << output;
  // The greedy never beats the exact optimum of the covering problem.
  EXPECT_LE(summary["greedy"]["objective"].get<double>(),
            summary["exact"]["objective"].get<double>() + 1e-9);
  Gpkg file(dir_ / "site.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  OGRLayer* candidates = file.dataset->GetLayerByName("candidates");
  ASSERT_NE(candidates, nullptr);
  // One candidate per commune (its most populated demand point).
  EXPECT_EQ(candidates->GetFeatureCount(), 10);
  std::vector<std::pair<int, double>> rank_gain;
  int evaluated = 0;
  int eloyes_rank = 0;
  for (auto& c : *candidates) {
    rank_gain.emplace_back(c->GetFieldAsInteger("rank_max_covering"),
                           c->GetFieldAsDouble("gain_max_covering"));
    if (c->GetFieldAsInteger("evaluated") == 1) {
      ++evaluated;
      eloyes_rank = c->GetFieldAsInteger("rank_max_covering");
      EXPECT_STREQ(c->GetFieldAsString("commune_code"), "88158");
    }
  }
  EXPECT_EQ(evaluated, 1);
  EXPECT_EQ(summary["evaluation"]["objectives"]["max_covering"]["rank"].get<int>(), eloyes_rank);
  // Ranks follow the gains: a better rank never has a smaller gain.
  std::sort(rank_gain.begin(), rank_gain.end());
  EXPECT_EQ(rank_gain.front().first, 1);
  for (std::size_t i = 1; i < rank_gain.size(); ++i) {
    EXPECT_GE(rank_gain[i - 1].second, rank_gain[i].second);
  }
  for (const char* layer : {"chosen_sites", "siting_solutions", "communes_diff", "equity_diff"}) {
    EXPECT_NE(file.dataset->GetLayerByName(layer), nullptr) << layer;
  }
  // The site's effect: nobody farther from a crèche.
  for (auto& point : *file.dataset->GetLayerByName("demand_points_diff")) {
    ASSERT_FALSE(point->IsFieldNull(point->GetFieldIndex("d_eaje_min")));
    EXPECT_LE(point->GetFieldAsDouble("d_eaje_min"), 0.0);
  }
}

TEST_F(CompareAndSite, SiteTextSummaryAnswersInEnglishAndFrench) {
  std::string output;
  ASSERT_EQ(run("site couverture-demo/site-eaje.toml --evaluate \"Éloyes\" -o text.gpkg", output),
            0)
      << output;
  EXPECT_NE(output.find("A micro-crèche of 10 places at Éloyes would bring"), std::string::npos)
      << output;
  EXPECT_NE(output.find("Une micro-crèche de 10 places à Éloyes amènerait"), std::string::npos)
      << output;
  EXPECT_NE(output.find("best alternative"), std::string::npos) << output;
}

// The summary's "would bring N more children" is the comparison's count:
// the children no longer beyond 10 minutes, added up over communes_diff
// (each commune's difference written to hundredths).
TEST_F(CompareAndSite, TheChildrenBroughtWithinReachAreThoseTheComparisonTablesCount) {
  std::string output;
  ASSERT_EQ(run("site couverture-demo/site-eaje.toml --evaluate \"Éloyes\" -o n.gpkg", output), 0)
      << output;
  Gpkg file(dir_ / "n.gpkg");
  ASSERT_NE(file.dataset, nullptr);
  double newly = 0.0;
  int communes = 0;
  for (auto& commune : *file.dataset->GetLayerByName("communes_diff")) {
    newly -= commune->GetFieldAsDouble("d_eaje_beyond_10min");
    ++communes;
  }
  ASSERT_EQ(communes, 10);
  EXPECT_GT(newly, 0.0);
  const auto number_after = [&](const std::string& words) {
    const auto at = output.find(words);
    EXPECT_NE(at, std::string::npos) << words << "\n" << output;
    return at == std::string::npos ? -1.0 : std::stod(output.substr(at + words.size()));
  };
  // Printed whole: within half a child plus the hundredths of 10 communes.
  EXPECT_NEAR(number_after("Éloyes would bring "), newly, 0.5 + 10 * 0.005);
  EXPECT_NEAR(number_after("à Éloyes amènerait "), newly, 0.5 + 10 * 0.005);
  // French numbers take a decimal comma: "baisserait de 0,69 min".
  const auto fall = output.find("le temps moyen baisserait de ");
  ASSERT_NE(fall, std::string::npos) << output;
  const std::string minutes = output.substr(fall + 29, 12);
  EXPECT_NE(minutes.find(','), std::string::npos) << minutes;
  EXPECT_EQ(minutes.substr(0, minutes.find(' ')).find('.'), std::string::npos) << minutes;
}

// Every service type reads with its own article and plural in French.
TEST_F(CompareAndSite, AnAccueilDeLoisirsIsMasculineInTheFrenchSummary) {
  std::ofstream(dir_ / "couverture-demo" / "site-alsh.toml")
      << "baseline = \"sans-eloyes.toml\"\nname = \"ALSH\"\n[siting]\nservice_type = \"alsh\"\n"
         "sites = 1\ncapacity = 24\nobjective = \"max_covering\"\ncoverage_minutes = 10\n"
         "generate = \"commune_centres\"\n[output]\npath = \"../alsh-site.gpkg\"\n";
  std::string output;
  ASSERT_EQ(run("site couverture-demo/site-alsh.toml", output), 0) << output;
  EXPECT_NE(output.find("Un accueil de loisirs de 24 places à "), std::string::npos) << output;
  EXPECT_NE(output.find("An accueil de loisirs of 24 places at "), std::string::npos) << output;
  EXPECT_EQ(output.find("Une accueil"), std::string::npos) << output;
  ASSERT_EQ(run("site couverture-demo/site-alsh.toml --sites 2 -o two.gpkg", output), 0) << output;
  EXPECT_NE(output.find("2 accueils de loisirs de 24 places à "), std::string::npos) << output;
  EXPECT_EQ(output.find("loisirss"), std::string::npos) << output;
}

TEST_F(CompareAndSite, BadRequestsAreNamedAndNothingIsClobbered) {
  std::string output;
  EXPECT_EQ(run("site couverture-demo/site-eaje.toml --evaluate Paris -o paris.gpkg", output), 1);
  EXPECT_NE(output.find("Paris"), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(dir_ / "paris.gpkg"));
  EXPECT_EQ(run("site couverture-demo/site-eaje.toml --objective fastest", output), 2);
  EXPECT_NE(output.find("fastest"), std::string::npos) << output;
  EXPECT_NE(output.find("max_covering"), std::string::npos) << output;  // the accepted names
  // Once wrapped to 18446744073709551613 sites and a data error (exit 1).
  for (const char* sites : {"-3", "0", "10001"}) {
    EXPECT_EQ(
        run(std::string("site couverture-demo/site-eaje.toml --sites ") + sites + " -o sites.gpkg",
            output),
        2)
        << sites;
    EXPECT_NE(output.find("--sites"), std::string::npos) << output;
    EXPECT_NE(output.find("1 to 10000"), std::string::npos) << output;
  }
  EXPECT_FALSE(fs::exists(dir_ / "sites.gpkg"));
  std::ofstream(dir_ / "taken.gpkg") << "mine";
  EXPECT_EQ(run("compare couverture-demo/sans-eloyes.toml couverture-demo/scenario.toml -o "
                "taken.gpkg",
                output),
            1);
  EXPECT_NE(output.find("--overwrite"), std::string::npos) << output;
  EXPECT_EQ(fs::file_size(dir_ / "taken.gpkg"), 4u);
  EXPECT_EQ(run("compare couverture-demo/nowhere.toml couverture-demo/scenario.toml", output), 1);
  EXPECT_NE(output.find("nowhere.toml"), std::string::npos) << output;
}

}  // namespace
}  // namespace couverture
