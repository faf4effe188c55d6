#include "terminal_progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace couverture::cli {

TerminalProgress::TerminalProgress(bool quiet) : show_(!quiet && isatty(STDERR_FILENO) == 1) {}

TerminalProgress::~TerminalProgress() {
  if (show_ && open_) std::fputs("\n", stderr);
}

void TerminalProgress::stage_started(const std::string& name) {
  open_ = true;
  if (!show_) return;
  std::fprintf(stderr, "… %s", name.c_str());
  std::fflush(stderr);
}

void TerminalProgress::stage_ended(double seconds) {
  open_ = false;
  if (show_) std::fprintf(stderr, " (%.2f s)\n", seconds);
}

}  // namespace couverture::cli
