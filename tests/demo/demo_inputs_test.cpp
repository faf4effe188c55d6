#include "couverture/demo/demo_inputs.hpp"

#include <gtest/gtest.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <map>
#include <osmium/handler.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/visitor.hpp>
#include <string>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/facility_reader.hpp"
#include "test_support.hpp"

namespace couverture {
namespace {

struct DatasetCloser {
  void operator()(OGRDataSourceH dataset) const { OGR_DS_Destroy(dataset); }
};
using Dataset = std::unique_ptr<std::remove_pointer_t<OGRDataSourceH>, DatasetCloser>;

Dataset open(const std::filesystem::path& path) {
  OGRRegisterAll();
  return Dataset(OGROpen(path.c_str(), FALSE, nullptr));
}

struct Counter : osmium::handler::Handler {
  std::size_t nodes = 0;
  std::size_t ways = 0;
  std::size_t roundabouts = 0;
  void node(const osmium::Node&) { ++nodes; }
  void way(const osmium::Way& way) {
    ++ways;
    const char* junction = way.tags()["junction"];
    if (junction != nullptr && std::string(junction) == "roundabout") ++roundabouts;
  }
};

TEST(DemoInputs, WritesTheThreeInputsReadableByGdal) {
  const auto dir = testing::make_temp_dir("demo_inputs");
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  const DemoInputs inputs = write_demo_inputs(territory, dir / "demo", false);
  EXPECT_EQ(inputs.roads_pbf, dir / "demo" / "roads.osm.pbf");
  EXPECT_EQ(inputs.communes_gpkg, dir / "demo" / "communes.gpkg");
  EXPECT_EQ(inputs.facilities_csv, dir / "demo" / "facilities.csv");

  {
    const Dataset communes = open(inputs.communes_gpkg);
    ASSERT_TRUE(communes);
    OGRLayerH layer = OGR_DS_GetLayerByName(communes.get(), "communes");
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(OGR_L_GetFeatureCount(layer, TRUE), 10);
    std::int64_t population = 0;
    std::map<std::string, std::string> names;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
      population += OGR_F_GetFieldAsInteger64(feature, OGR_F_GetFieldIndex(feature, "population"));
      names[OGR_F_GetFieldAsString(feature, OGR_F_GetFieldIndex(feature, "code_insee"))] =
          OGR_F_GetFieldAsString(feature, OGR_F_GetFieldIndex(feature, "nom"));
      EXPECT_NE(OGR_F_GetGeometryRef(feature), nullptr);
      OGR_F_Destroy(feature);
    }
    EXPECT_EQ(population, 28940);
    EXPECT_EQ(names["88158"], "Éloyes");
    EXPECT_EQ(names["88415"], "Saint-Étienne-lès-Remiremont");
  }
  {
    const Dataset facilities = open(inputs.facilities_csv);
    ASSERT_TRUE(facilities);
    OGRLayerH layer = OGR_DS_GetLayer(facilities.get(), 0);
    EXPECT_EQ(OGR_L_GetFeatureCount(layer, TRUE),
              static_cast<GIntBig>(territory.facilities.size()));
    std::map<std::string, std::string> names;
    std::map<std::string, std::string> capacities;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
      const std::string id = OGR_F_GetFieldAsString(feature, OGR_F_GetFieldIndex(feature, "id"));
      names[id] = OGR_F_GetFieldAsString(feature, OGR_F_GetFieldIndex(feature, "name"));
      capacities[id] = OGR_F_GetFieldAsString(feature, OGR_F_GetFieldIndex(feature, "capacity"));
      OGR_F_Destroy(feature);
    }
    EXPECT_EQ(names["creche-remiremont"], "Crèche de Remiremont");
    EXPECT_EQ(capacities["micro-creche-eloyes"], "10");
    EXPECT_EQ(capacities["centre-social-remiremont"], "") << "unknown capacity is left empty";
  }

  osmium::io::Reader reader(inputs.roads_pbf.string());
  Counter counter;
  osmium::apply(reader, counter);
  reader.close();
  EXPECT_EQ(counter.nodes, territory.nodes.size());
  EXPECT_EQ(counter.ways, territory.ways.size());
  EXPECT_EQ(counter.roundabouts, 1u);
  std::filesystem::remove_all(dir);
}

TEST(DemoInputs, FacilitiesReadBackExactlyWithTheFacilityReader) {
  const auto dir = testing::make_temp_dir("demo_inputs");
  SyntheticTerritory territory = make_ccpvm_demo_territory();
  // A name that needs CSV quoting survives the round trip.
  territory.facilities[0].name = "Crèche \"Les P'tits Loups\", Remiremont";
  const DemoInputs inputs = write_demo_inputs(territory, dir, false);

  std::vector<std::string> warnings;
  const std::vector<Facility> read = read_facilities(
      {inputs.facilities_csv, "", "x", "y", "EPSG:4326", "id", "name", "type", "capacity"},
      warnings);
  ASSERT_EQ(read.size(), territory.facilities.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].id, territory.facilities[i].id);
    EXPECT_EQ(read[i].name, territory.facilities[i].name);
    EXPECT_EQ(read[i].service_type, territory.facilities[i].service_type);
    EXPECT_EQ(read[i].capacity, territory.facilities[i].capacity);
    EXPECT_NEAR(read[i].position.lon, territory.facilities[i].position.lon, 1e-9);
    EXPECT_NEAR(read[i].position.lat, territory.facilities[i].position.lat, 1e-9);
  }
  std::filesystem::remove_all(dir);
}

TEST(DemoInputs, RefusesExistingFilesUnlessOverwriting) {
  const auto dir = testing::make_temp_dir("demo_inputs");
  const SyntheticTerritory territory = make_ccpvm_demo_territory();
  write_demo_inputs(territory, dir, false);
  const auto written = std::filesystem::last_write_time(dir / "roads.osm.pbf");
  EXPECT_THROW(write_demo_inputs(territory, dir, false), DataError);
  EXPECT_EQ(std::filesystem::last_write_time(dir / "roads.osm.pbf"), written)
      << "nothing is written when a file is refused";
  EXPECT_NO_THROW(write_demo_inputs(territory, dir, true));
  std::filesystem::remove_all(dir);
}

TEST(DemoInputs, WritesALargeSyntheticTerritory) {
  const auto dir = testing::make_temp_dir("demo_inputs");
  const SyntheticTerritory territory = make_synthetic_territory(20'000, 5);
  const DemoInputs inputs = write_demo_inputs(territory, dir, false);
  const Dataset communes = open(inputs.communes_gpkg);
  ASSERT_TRUE(communes);
  EXPECT_EQ(OGR_L_GetFeatureCount(OGR_DS_GetLayerByName(communes.get(), "communes"), TRUE),
            static_cast<GIntBig>(territory.communes.size()));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace couverture
