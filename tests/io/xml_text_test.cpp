#include "couverture/io/xml_text.hpp"

#include <gtest/gtest.h>

namespace couverture {
namespace {

TEST(XmlText, EscapesTheFiveCharacters) {
  EXPECT_EQ(xml_escaped("L'accueil <R&D> \"x\""), "L&apos;accueil &lt;R&amp;D&gt; &quot;x&quot;");
  EXPECT_EQ(xml_escaped("Éloyes"), "Éloyes");  // UTF-8 passes through
}

TEST(XmlText, UnescapesWhatItEscapesAndLeavesOtherEntities) {
  const std::string text = "a<b> & \"c\" 'd' &&amp;";
  EXPECT_EQ(xml_unescaped(xml_escaped(text)), text);
  EXPECT_EQ(xml_unescaped("&#39;&nbsp;&amp;lt;"), "&#39;&nbsp;&lt;");  // one level only
}

TEST(XmlText, ReadsAnAttribute) {
  const std::string element = R"(<alias field="eaje_min" index="3" name="Temps &apos;EAJE&apos;")";
  EXPECT_EQ(xml_attribute(element, "field"), "eaje_min");
  EXPECT_EQ(xml_attribute(element, "name"), "Temps 'EAJE'");
  EXPECT_EQ(xml_attribute(element, "missing"), "");
  // " field=" must not match inside "subfield=".
  EXPECT_EQ(xml_attribute(R"(<a subfield="x")", "field"), "");
}

}  // namespace
}  // namespace couverture
