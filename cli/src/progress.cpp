#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace couverture::cli {

Progress::Progress(bool quiet) : show_(!quiet && isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (show_ && !current_.empty()) std::fputs("\n", stderr);
}

void Progress::close_stage() {
  if (current_.empty()) return;
  const double seconds = std::chrono::duration<double>(Clock::now() - stage_start_).count();
  timings_.emplace_back(current_, seconds);
  if (show_) std::fprintf(stderr, " (%.2f s)\n", seconds);
  current_.clear();
}

void Progress::stage(const std::string& name) {
  close_stage();
  current_ = name;
  stage_start_ = Clock::now();
  if (show_) {
    std::fprintf(stderr, "… %s", name.c_str());
    std::fflush(stderr);
  }
}

const std::vector<std::pair<std::string, double>>& Progress::finish() {
  close_stage();
  return timings_;
}

double Progress::total_seconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

}  // namespace couverture::cli
