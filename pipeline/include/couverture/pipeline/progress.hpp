#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace couverture::pipeline {

// Told when a stage of a long run starts and ends; the cli shows stages on
// a terminal, tests and library callers may pass none.
class ProgressObserver {
 public:
  virtual ~ProgressObserver() = default;
  virtual void stage_started(const std::string& name) = 0;
  virtual void stage_ended(double seconds) = 0;
};

// The stages of a run and how long each took (for run_info), told to an
// optional observer as they happen.
class Progress {
 public:
  explicit Progress(ProgressObserver* observer = nullptr);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void stage(const std::string& name);
  // Ends the current stage; returns every (stage, seconds) so far.
  const std::vector<std::pair<std::string, double>>& finish();
  [[nodiscard]] double total_seconds() const;

 private:
  using Clock = std::chrono::steady_clock;
  void close_stage();

  ProgressObserver* observer_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point stage_start_ = start_;
  std::string current_;
  std::vector<std::pair<std::string, double>> timings_;
};

}  // namespace couverture::pipeline
