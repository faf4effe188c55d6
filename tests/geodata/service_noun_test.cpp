#include "couverture/geodata/service_noun.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

// The French the summaries and the report write, spelt out by hand for
// every known service type (the issue: "Une accueil de loisirs",
// "accueil de loisirss").
TEST(ServiceNoun, EveryKnownTypeHasItsArticleAndPlural) {
  struct Expected {
    const char* type;
    const char* one;
    const char* two;
  };
  const Expected expected[] = {
      {"eaje", "Un EAJE", "2 EAJE"},
      {"creche", "Une crèche", "2 crèches"},
      {"micro_creche", "Une micro-crèche", "2 micro-crèches"},
      {"rpe", "Un relais petite enfance", "2 relais petite enfance"},
      {"laep", "Un lieu d'accueil enfants-parents", "2 lieux d'accueil enfants-parents"},
      {"parentalite", "Un lieu de soutien à la parentalité", "2 lieux de soutien à la parentalité"},
      {"alsh", "Un accueil de loisirs", "2 accueils de loisirs"},
      {"mjc", "Une MJC", "2 MJC"},
      {"espace_jeunes", "Un espace jeunes", "2 espaces jeunes"},
      {"france_services", "Un espace France Services", "2 espaces France Services"},
      {"point_numerique", "Un point numérique", "2 points numériques"},
      {"centre_social", "Un centre social", "2 centres sociaux"},
      {"evs", "Un espace de vie sociale", "2 espaces de vie sociale"},
  };
  for (const Expected& e : expected) {
    const ServiceNoun noun = service_noun(e.type);
    EXPECT_EQ(counted_noun(noun, 1, true), e.one) << e.type;
    EXPECT_EQ(counted_noun(noun, 2, true), e.two) << e.type;
  }
}

TEST(ServiceNoun, TypesAreComparedByKeyAndLowerCaseMidSentence) {
  EXPECT_EQ(counted_noun(service_noun("Micro-crèche"), 1, false), "une micro-crèche");
  EXPECT_EQ(counted_noun(service_noun("Centre social"), 3, false), "3 centres sociaux");
}

TEST(ServiceNoun, AnUnknownTypeAgreesUpToItsComplement) {
  const ServiceNoun noun = service_noun("ludothèque municipale");
  EXPECT_EQ(noun.singular, "ludothèque municipale");
  EXPECT_EQ(noun.plural, "ludothèques municipales");
  EXPECT_FALSE(noun.feminine);
  EXPECT_EQ(service_noun("maison de santé").plural, "maisons de santé");
  EXPECT_EQ(service_noun("local associatif").plural, "locaux associatifs");
  EXPECT_EQ(service_noun("bureau d'accueil").plural, "bureaux d'accueil");
  EXPECT_EQ(counted_noun(service_noun("bus"), 2, false), "2 bus");
}

}  // namespace
}  // namespace couverture
