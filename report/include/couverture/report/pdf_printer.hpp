#pragma once

#include <filesystem>
#include <string>

namespace couverture::report {

// The headless browser that prints reports: Debian's chromium, found on
// PATH; empty when it is not installed.
[[nodiscard]] std::filesystem::path find_chromium();

// Prints the HTML file `html` to an A4 PDF at `pdf` with headless Chromium
// (page size and margins from the document's @page rule, no header or
// footer, a fresh profile in a temporary folder, no network service). The
// PDF is written beside its target and renamed when complete; an existing
// target is refused unless `overwrite`. Throws DataError naming the file and
// the fix (install chromium) on failure.
void print_pdf(const std::filesystem::path& html, const std::filesystem::path& pdf, bool overwrite);

}  // namespace couverture::report
