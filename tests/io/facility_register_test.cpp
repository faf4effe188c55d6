// Facilities from public registers (issue 14): a BPE-shaped CSV (TYPEQU
// codes, Lambert-93 coordinates, a coordinate-quality flag) and a CAF-shaped
// list of EAJE with places.

#include <gtest/gtest.h>

#include <fstream>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/facility_reader.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

namespace fs = std::filesystem;

// Remiremont, Éloyes and Saint-Nabord town centres in Lambert-93 (from
// lon/lat by PROJ): 967686.7 6774657.4, 968293.9 6783584.4, 966769.6
// 6778420.1.
const char* const kBpe =
    "DEPCOM;DEP;TYPEQU;LAMBERT_X;LAMBERT_Y;QUALITE_XY;AN\n"
    "88383;88;D502;967686.7;6774657.4;Bonne;2023\n"
    "88158;88;D502;968293.9;6783584.4;Mauvaise;2023\n"
    "88429;88;D502;;;Non géolocalisé;2023\n"
    "88383;88;A101;967686.7;6774657.4;Bonne;2023\n"
    "88383;88;A101;967690.0;6774650.0;Bonne;2023\n"
    "70550;70;D502;940000.0;6740000.0;Bonne;2023\n"
    "88429;88;F303;966769.6;6778420.1;Acceptable;2023\n";

class FacilityRegister : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::make_temp_dir("register"); }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }
  // Designated initialisers: GCC 12 at -O3 reports a false -Wrestrict on
  // field-by-field string assignments of this struct.
  FacilitySource bpe() {
    return {.path = write("bpe.csv", kBpe),
            .layer = "",
            .x_field = "LAMBERT_X",
            .y_field = "LAMBERT_Y",
            .crs = "EPSG:2154",
            .id_field = "",
            .name_field = "",
            .type_field = "TYPEQU",
            .capacity_field = "",
            .type_map = {{"D502", "eaje"}, {"F303", "centre_social"}},
            .filter = "DEP = '88'",
            .quality_field = "QUALITE_XY",
            .poor_quality = {"Mauvaise", "Non géolocalisé"}};
  }
  fs::path dir_;
};

bool any_warning_has(const std::vector<std::string>& warnings,
                     const std::vector<std::string>& fragments) {
  for (const std::string& warning : warnings) {
    bool all = true;
    for (const std::string& fragment : fragments)
      all = all && warning.find(fragment) != std::string::npos;
    if (all) return true;
  }
  return false;
}

TEST_F(FacilityRegister, BpeTypesMappedFilteredAndPoorCoordinatesReported) {
  std::vector<std::string> warnings;
  const std::vector<Facility> facilities = read_facilities(bpe(), warnings);
  // Kept: the good D502 in Remiremont and the F303 in Saint-Nabord; the
  // Haute-Saône row is filtered out, the A101 rows unmapped, the two poor
  // rows reported.
  ASSERT_EQ(facilities.size(), 2u);
  EXPECT_EQ(facilities[0].service_type, "eaje");
  EXPECT_EQ(facilities[1].service_type, "centre_social");
  EXPECT_NEAR(facilities[0].position.lon, 6.5917, 1e-5);
  EXPECT_NEAR(facilities[0].position.lat, 48.0175, 1e-5);
  // No id nor name column: ids from the record, names the ids.
  EXPECT_EQ(facilities[0].id.rfind("row-", 0), 0u) << facilities[0].id;
  EXPECT_NE(facilities[0].id, facilities[1].id);
  EXPECT_EQ(facilities[0].name, facilities[0].id);
  // No capacity column: capacity unknown, not zero.
  EXPECT_FALSE(facilities[0].capacity_known);
  EXPECT_TRUE(any_warning_has(warnings, {"2 row(s)", "TYPEQU", "A101 (2)"}))
      << ::testing::PrintToString(warnings);
  EXPECT_TRUE(any_warning_has(
      warnings, {"2 facility(ies) left out", "QUALITE_XY", "(Mauvaise)", "(Non géolocalisé)"}))
      << ::testing::PrintToString(warnings);
}

TEST_F(FacilityRegister, PoorRowsAreUsedOnlyWhenNotListedAsPoor) {
  FacilitySource source = bpe();
  source.poor_quality = {"Non géolocalisé"};
  std::vector<std::string> warnings;
  const std::vector<Facility> facilities = read_facilities(source, warnings);
  EXPECT_EQ(facilities.size(), 3u);  // the "Mauvaise" D502 of Éloyes is back
  EXPECT_TRUE(any_warning_has(warnings, {"1 facility(ies) left out", "(Non géolocalisé)"}));
}

TEST_F(FacilityRegister, CafListOfEajeWithPlaces) {
  const FacilitySource source{
      .path = write("caf.csv",
                    "numero,nom_eaje,type_accueil,places,x,y\n"
                    "E1,Crèche de Remiremont,Multi-accueil,40,967686.7,6774657.4\n"
                    "E2,Micro-crèche d'Éloyes,Micro-crèche,10,968293.9,6783584.4\n"
                    "E3,Crèche familiale,Crèche familiale,,966769.6,6778420.1\n"),
      .layer = "",
      .x_field = "x",
      .y_field = "y",
      .crs = "EPSG:2154",
      .id_field = "numero",
      .name_field = "nom_eaje",
      .type_field = "type_accueil",
      .capacity_field = "places",
      .type_map = {
          {"Multi-accueil", "eaje"}, {"Micro-crèche", "eaje"}, {"Crèche familiale", "eaje"}}};
  std::vector<std::string> warnings;
  const std::vector<Facility> facilities = read_facilities(source, warnings);
  ASSERT_EQ(facilities.size(), 3u);
  EXPECT_EQ(facilities[1].id, "E2");
  EXPECT_EQ(facilities[1].name, "Micro-crèche d'Éloyes");
  EXPECT_EQ(facilities[1].service_type, "eaje");
  EXPECT_DOUBLE_EQ(facilities[0].capacity, 40.0);
  EXPECT_TRUE(facilities[0].capacity_known);
  // A blank cell: places unknown (the type then gets no floating catchment).
  EXPECT_FALSE(facilities[2].capacity_known);
}

TEST_F(FacilityRegister, BadFilterAndEmptySelectionAreNamed) {
  FacilitySource source = bpe();
  source.filter = "DEP = = '88'";
  std::vector<std::string> warnings;
  try {
    read_facilities(source, warnings);
    ADD_FAILURE() << "expected a DataError";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("facilities.filter"), std::string::npos)
        << error.what();
  }
  source = bpe();
  source.type_map = {{"Z999", "eaje"}};
  try {
    read_facilities(source, warnings);
    ADD_FAILURE() << "expected a DataError";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("[facilities.type_map]"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace couverture
