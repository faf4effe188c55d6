#include "couverture/pipeline/progress.hpp"

namespace couverture::pipeline {

Progress::Progress(ProgressObserver* observer) : observer_(observer) {}

void Progress::close_stage() {
  if (current_.empty()) return;
  const double seconds = std::chrono::duration<double>(Clock::now() - stage_start_).count();
  timings_.emplace_back(current_, seconds);
  if (observer_ != nullptr) observer_->stage_ended(seconds);
  current_.clear();
}

void Progress::stage(const std::string& name) {
  close_stage();
  current_ = name;
  stage_start_ = Clock::now();
  if (observer_ != nullptr) observer_->stage_started(name);
}

const std::vector<std::pair<std::string, double>>& Progress::finish() {
  close_stage();
  return timings_;
}

double Progress::total_seconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

}  // namespace couverture::pipeline
