#pragma once

#include <string>

#include "couverture/pipeline/progress.hpp"

namespace couverture::cli {

// Shows the stages of a long run on stderr, only when stderr is a terminal
// and the run is not quiet: "… stage (1.23 s)".
class TerminalProgress final : public pipeline::ProgressObserver {
 public:
  explicit TerminalProgress(bool quiet);
  ~TerminalProgress() override;
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

  void stage_started(const std::string& name) override;
  void stage_ended(double seconds) override;

 private:
  bool show_;
  bool open_ = false;
};

}  // namespace couverture::cli
