#include "couverture/report/pdf_printer.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "couverture/geodata/data_error.hpp"
#include "couverture/io/atomic_output.hpp"

namespace couverture::report {

namespace {

namespace fs = std::filesystem;

// A temporary folder removed when the object goes.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "couverture-chromium-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw DataError("cannot create a temporary folder for chromium's profile in " +
                      fs::temp_directory_path().string());
    }
    path_ = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs `arguments` with stdout and stderr sent to `log`; returns the exit code.
int run(const std::vector<std::string>& arguments, const fs::path& log) {
  std::vector<char*> argv;
  for (const std::string& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child < 0) return -1;
  if (child == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(child, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string tail(const fs::path& log) {
  std::ifstream in(log);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

}  // namespace

fs::path find_chromium() {
  const char* path = std::getenv("PATH");
  std::istringstream folders(path == nullptr ? "/usr/bin:/bin" : path);
  for (std::string folder; std::getline(folders, folder, ':');) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      const fs::path candidate = fs::path(folder) / name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return {};
}

void print_pdf(const fs::path& html, const fs::path& pdf, bool overwrite) {
  const fs::path chromium = find_chromium();
  if (chromium.empty()) {
    throw DataError(pdf.string() +
                    ": cannot print the PDF, chromium is not installed (apt-get install "
                    "chromium), or leave out --pdf and print the HTML from a browser");
  }
  AtomicOutput output(pdf, overwrite);
  TemporaryFolder profile;
  const std::vector<std::string> arguments = {
      chromium.string(),
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--user-data-dir=" + profile.path().string(),
      "--no-pdf-header-footer",
      "--print-to-pdf=" + fs::absolute(output.temporary()).string(),
      "file://" + fs::absolute(html).string()};
  const fs::path log = profile.path() / "chromium.log";
  const int code = run(arguments, log);
  std::error_code error;
  if (code != 0 || !fs::exists(output.temporary()) ||
      fs::file_size(output.temporary(), error) == 0) {
    throw DataError(pdf.string() + ": chromium could not print " + html.string() + " (exit " +
                    std::to_string(code) + ": " + tail(log) + ")");
  }
  output.commit();
}

}  // namespace couverture::report
