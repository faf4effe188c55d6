#!/usr/bin/env python3
"""Checks scripts/long_functions.py on a small source tree written here,
whose functions' lengths are counted by hand: braces in comments, strings,
characters and raw strings are not code; namespaces and classes are entered;
constructor initialisers, lambdas and brace initialisers are not functions
of their own."""
import pathlib
import subprocess
import sys
import tempfile
import unittest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "long_functions.py"
LIBRARIES = ("algorithms", "geodata", "io", "engine", "pipeline", "cli", "demo", "report")

# Lines are numbered in the comments; lengths run from the declaration's
# first line to the closing brace.
SOURCE = r'''#include <string>
namespace couverture {
namespace {
constexpr int kTable[] = {1, 2, 3};
// a comment with a brace {
}  // namespace
int six_lines(int a) {            // line 7
  const char* text = "}}}";
  const char c = '}';
  /* } */ std::string raw = R"x(})x";
  return a + 1'000;
}                                  // line 12
class Holder {
 public:
  Holder(int a) : a_{a}, b_(a) {   // line 15
    auto f = [](int x) { return x; };
    a_ = f(a_);
  }                                // line 18
  int member() const
  {                                // starts on line 19
    return a_;
  }                                // line 22
 private:
  int a_;
  int b_;
};
template <typename T>
T twice(T t) {                     // template on line 27
  if (t) {
    return t + t;
  }
  return t;
}                                  // line 33
struct Deleter {
  void operator()(int* p) const { delete p; }  // line 35
};
}  // namespace couverture
'''


class LongFunctionsTest(unittest.TestCase):
    def run_script(self, root, limit):
        return subprocess.run([sys.executable, str(SCRIPT), "--max", str(limit), "--root", root],
                              capture_output=True, text=True)

    def test_lengths_counted_by_hand(self):
        with tempfile.TemporaryDirectory() as root:
            for library in LIBRARIES:
                (pathlib.Path(root) / library / "src").mkdir(parents=True)
            (pathlib.Path(root) / "demo" / "src" / "sample.cpp").write_text(SOURCE)
            listed = self.run_script(root, 0)
            self.assertEqual(listed.returncode, 1, listed.stderr)
            self.assertEqual(listed.stdout.splitlines(), [
                "demo/src/sample.cpp:27: twice (7 lines)",
                "demo/src/sample.cpp:7: six_lines (6 lines)",
                "demo/src/sample.cpp:15: Holder (4 lines)",
                "demo/src/sample.cpp:19: member (4 lines)",
                "demo/src/sample.cpp:35: operator() (1 lines)",
                "5 of 5 functions are longer than 0 lines",
            ])
            under = self.run_script(root, 7)
            self.assertEqual(under.returncode, 0)
            self.assertEqual(under.stdout, "0 of 5 functions are longer than 7 lines\n")
            self.assertEqual(self.run_script(root, 6).returncode, 1)

    def test_not_the_source_tree(self):
        with tempfile.TemporaryDirectory() as root:
            result = self.run_script(root, 80)
            self.assertEqual(result.returncode, 2)
            self.assertIn("not the project's source tree", result.stderr)


if __name__ == "__main__":
    unittest.main()
