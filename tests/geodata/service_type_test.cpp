#include "couverture/geodata/service_type.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

const AgeBandSet kToddlers = AgeBandSet::of(AgeBand::age_0_2);

TEST(ServiceType, EarlyChildhoodServicesServeTheUnderThrees) {
  for (const char* type : {"eaje", "creche", "micro_creche", "rpe"}) {
    EXPECT_EQ(default_service_info(type).target, kToddlers) << type;
  }
  EXPECT_EQ(default_service_info("eaje").french_name, "EAJE (crèche, micro-crèche)");
  EXPECT_EQ(default_service_info("rpe").french_name, "relais petite enfance");
}

TEST(ServiceType, AccueilDeLoisirsServesThreeToEleven) {
  const ServiceTypeInfo alsh = default_service_info("alsh");
  EXPECT_EQ(alsh.target, AgeBandSet::of(AgeBand::age_3_5).add(AgeBand::age_6_11));
  EXPECT_EQ(alsh.target.to_string(), "3-5+6-11");
  EXPECT_EQ(alsh.french_name, "accueil de loisirs");
}

TEST(ServiceType, ParentingYouthAndAdultServices) {
  const AgeBandSet under_six = AgeBandSet::of(AgeBand::age_0_2).add(AgeBand::age_3_5);
  EXPECT_EQ(default_service_info("laep").target, under_six);
  EXPECT_EQ(default_service_info("parentalite").target, under_six);
  EXPECT_EQ(default_service_info("mjc").target, AgeBandSet::of(AgeBand::age_12_17));
  EXPECT_EQ(default_service_info("espace_jeunes").target, AgeBandSet::of(AgeBand::age_12_17));
  EXPECT_EQ(default_service_info("france_services").target, AgeBandSet::of(AgeBand::adults));
  EXPECT_EQ(default_service_info("point_numerique").target, AgeBandSet::of(AgeBand::adults));
  EXPECT_EQ(default_service_info("france_services").french_name, "France Services");
}

TEST(ServiceType, SocialCentresServeEveryone) {
  EXPECT_EQ(default_service_info("centre_social").target, AgeBandSet::all());
  EXPECT_EQ(default_service_info("evs").target, AgeBandSet::all());
  EXPECT_EQ(default_service_info("evs").french_name, "espace de vie sociale");
}

TEST(ServiceType, CaseSpacesAndDashesAreNormalised) {
  const ServiceTypeInfo centre = default_service_info("Centre social");
  EXPECT_EQ(centre.target, AgeBandSet::all());
  EXPECT_EQ(centre.french_name, "centre social");  // the known name, not the input
  EXPECT_EQ(default_service_info("Micro-Creche").target, kToddlers);
  EXPECT_EQ(default_service_info("Micro-Creche").french_name, "micro-crèche");
  EXPECT_EQ(default_service_info("ESPACE JEUNES").target, AgeBandSet::of(AgeBand::age_12_17));
  EXPECT_EQ(default_service_info("France-Services").target, AgeBandSet::of(AgeBand::adults));
}

TEST(ServiceType, AnUnknownTypeServesEveryoneUnderItsOwnName) {
  const ServiceTypeInfo unknown = default_service_info("Ludothèque");
  EXPECT_EQ(unknown.target, AgeBandSet::all());
  EXPECT_EQ(unknown.french_name, "Ludothèque");
  EXPECT_EQ(default_service_info("").target, AgeBandSet::all());
  // Near misses are unknown too, not silently matched to a neighbour.
  EXPECT_EQ(default_service_info("eaje2").target, AgeBandSet::all());
  EXPECT_EQ(default_service_info("als").target, AgeBandSet::all());
}

}  // namespace
}  // namespace couverture

namespace couverture {
namespace {

TEST(ServiceType, AccentsAreFoldedInTheComparisonKey) {
  EXPECT_EQ(service_type_key("Micro-crèche"), "micro_creche");
  EXPECT_EQ(service_type_key("Crèche"), "creche");
  EXPECT_EQ(service_type_key("Parentalité"), "parentalite");
  EXPECT_EQ(service_type_key("Point numérique"), "point_numerique");
  EXPECT_EQ(default_service_info("Crèche").target, AgeBandSet::of(AgeBand::age_0_2));
  EXPECT_EQ(default_service_info("Éveil").target, AgeBandSet::all());  // unknown: everyone
}

}  // namespace
}  // namespace couverture
