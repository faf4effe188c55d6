#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace couverture::cli {

// Reports the stages of a long run on stderr, only when stderr is a terminal
// and not quiet, and records how long each stage took (for run_info).
class Progress {
 public:
  explicit Progress(bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void stage(const std::string& name);
  // Ends the current stage; returns every (stage, seconds) so far.
  const std::vector<std::pair<std::string, double>>& finish();
  [[nodiscard]] double total_seconds() const;

 private:
  using Clock = std::chrono::steady_clock;
  void close_stage();

  bool show_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point stage_start_ = start_;
  std::string current_;
  std::vector<std::pair<std::string, double>> timings_;
};

}  // namespace couverture::cli
