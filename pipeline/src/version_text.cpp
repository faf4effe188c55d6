#include "couverture/pipeline/version_text.hpp"

#include <sstream>

#include "couverture/io/library_versions.hpp"

namespace couverture::pipeline {

std::string version_text() {
  std::ostringstream text;
  text << "couverture " << COUVERTURE_VERSION;
  for (const LibraryVersion& library : library_versions()) {
    text << '\n' << library.name << ' ' << library.version;
  }
  return text.str();
}

}  // namespace couverture::pipeline
