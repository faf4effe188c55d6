#include "couverture/algorithms/distance_decay.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace couverture {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(DistanceDecay, PlainIsOneUpToTheCatchmentInclusive) {
  const DistanceDecay decay = DistanceDecay::plain(15);
  EXPECT_DOUBLE_EQ(decay.weight(0), 1.0);
  EXPECT_DOUBLE_EQ(decay.weight(14.9), 1.0);
  EXPECT_DOUBLE_EQ(decay.weight(15), 1.0);
  EXPECT_DOUBLE_EQ(decay.weight(15.001), 0.0);
  EXPECT_DOUBLE_EQ(decay.weight(kInf), 0.0);
  EXPECT_DOUBLE_EQ(decay.weight(kNaN), 0.0);
}

TEST(DistanceDecay, LuoQiStepsWeighThirds) {
  // Catchment 30: zones (10, 1), (20, 0.68), (30, 0.22), each bound inclusive.
  const DistanceDecay decay = DistanceDecay::luo_qi_steps(30);
  EXPECT_DOUBLE_EQ(decay.weight(0), 1.0);
  EXPECT_DOUBLE_EQ(decay.weight(10), 1.0);
  EXPECT_DOUBLE_EQ(decay.weight(10.01), 0.68);
  EXPECT_DOUBLE_EQ(decay.weight(20), 0.68);
  EXPECT_DOUBLE_EQ(decay.weight(20.01), 0.22);
  EXPECT_DOUBLE_EQ(decay.weight(30), 0.22);
  EXPECT_DOUBLE_EQ(decay.weight(30.01), 0.0);
}

TEST(DistanceDecay, GaussianAtHandComputedTimes) {
  // d0 = 15, exp(-1/2) = 0.6065306597126334, 1 - exp(-1/2) = 0.3934693402873666.
  // t = 7.5 = d0/2: exp(-1/8) = 0.8824969025845955,
  //   w = (0.8824969025845955 - 0.6065306597126334) / 0.3934693402873666 = 0.7013665732390044.
  // t = 3: exp(-9/450) = exp(-0.02) = 0.9801986733067553,
  //   w = 0.3736680135941219 / 0.3934693402873666 = 0.9496750453827405.
  const DistanceDecay decay = DistanceDecay::gaussian(15);
  EXPECT_DOUBLE_EQ(decay.weight(0), 1.0);
  EXPECT_DOUBLE_EQ(decay.weight(7.5), 0.7013665732390044);
  EXPECT_DOUBLE_EQ(decay.weight(3), 0.9496750453827405);
  EXPECT_NEAR(decay.weight(15), 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(decay.weight(15.5), 0.0);
}

TEST(DistanceDecay, ExponentialAtHandComputedTimes) {
  // beta 0.1 per minute: t = 10 -> exp(-1) = 0.36787944117144233; t = 30 -> exp(-3) =
  // 0.049787068367863944.
  const DistanceDecay decay = DistanceDecay::exponential(30, 0.1);
  EXPECT_DOUBLE_EQ(decay.weight(0), 1.0);
  EXPECT_DOUBLE_EQ(decay.weight(10), 0.36787944117144233);
  EXPECT_DOUBLE_EQ(decay.weight(30), 0.049787068367863944);
  EXPECT_DOUBLE_EQ(decay.weight(30.5), 0.0);
}

TEST(DistanceDecay, NegativeTimesWeighLikeZero) {
  for (const DistanceDecay& decay :
       {DistanceDecay::plain(15), DistanceDecay::luo_qi_steps(30), DistanceDecay::gaussian(20),
        DistanceDecay::exponential(25, 0.2)}) {
    EXPECT_DOUBLE_EQ(decay.weight(-3), 1.0);
  }
}

TEST(DistanceDecay, FactoryDecaysAreValidAndNeverIncrease) {
  for (const DistanceDecay& decay :
       {DistanceDecay::plain(15), DistanceDecay::luo_qi_steps(30), DistanceDecay::gaussian(20),
        DistanceDecay::exponential(25, 0.2)}) {
    EXPECT_NO_THROW(decay.validate());
    double previous = decay.weight(0);
    for (double t = 0.25; t <= decay.catchment_minutes; t += 0.25) {
      const double w = decay.weight(t);
      EXPECT_LE(w, previous) << "t = " << t;
      EXPECT_GE(w, 0.0) << "t = " << t;
      previous = w;
    }
  }
}

TEST(DistanceDecay, ValidateRejectsBadParameters) {
  for (const double catchment : {0.0, -5.0, kNaN, kInf}) {
    EXPECT_THROW(DistanceDecay::plain(catchment).validate(), std::invalid_argument) << catchment;
    EXPECT_THROW(DistanceDecay::gaussian(catchment).validate(), std::invalid_argument) << catchment;
  }
  DistanceDecay steps = DistanceDecay::plain(15);
  steps.zones = {{10, 1.0}, {5, 0.5}, {15, 0.2}};  // bounds go back
  EXPECT_THROW(steps.validate(), std::invalid_argument);
  steps.zones = {{5, 1.0}, {5, 0.5}, {15, 0.2}};  // a repeated bound
  EXPECT_THROW(steps.validate(), std::invalid_argument);
  steps.zones = {{0, 1.0}, {15, 0.5}};  // a zone ending at 0 holds nothing
  EXPECT_THROW(steps.validate(), std::invalid_argument);
  steps.zones = {{5, 1.2}, {15, 0.5}};  // weight above 1
  EXPECT_THROW(steps.validate(), std::invalid_argument);
  steps.zones = {{5, 1.0}, {15, -0.1}};  // negative weight
  EXPECT_THROW(steps.validate(), std::invalid_argument);
  steps.zones = {{5, 1.0}, {10, 0.5}};  // stops short of the catchment
  EXPECT_THROW(steps.validate(), std::invalid_argument);
  steps.zones = {{5, 1.0}, {20, 0.5}};  // goes beyond it
  EXPECT_THROW(steps.validate(), std::invalid_argument);
  steps.zones = {{5, 1.0}, {15, 0.5}};
  EXPECT_NO_THROW(steps.validate());
  EXPECT_THROW(DistanceDecay::exponential(15, -0.1).validate(), std::invalid_argument);
  EXPECT_THROW(DistanceDecay::exponential(15, kNaN).validate(), std::invalid_argument);
  EXPECT_NO_THROW(DistanceDecay::exponential(15, 0.0).validate());
  // beta is not used by a step decay, so it is not checked there.
  DistanceDecay plain = DistanceDecay::plain(15);
  plain.beta_per_minute = -1.0;
  EXPECT_NO_THROW(plain.validate());
}

// Matrix shape checks, owned arrays viewed through SparseTravelTimes.
struct Matrix {
  std::vector<std::uint64_t> row_begin;
  std::vector<std::uint32_t> origin;
  std::vector<double> minutes;
  std::size_t origin_count = 0;
  [[nodiscard]] SparseTravelTimes view() const {
    return {row_begin, origin, minutes, origin_count};
  }
};

TEST(DistanceDecayTravelTimes, ValidMatrixPasses) {
  // 2 sites over 3 origins; rows need not be sorted; an empty row; +inf is out of reach.
  const Matrix m{{0, 3, 3, 4}, {2, 0, 1, 1}, {4, 0, kInf, 7}, 3};
  EXPECT_EQ(m.view().site_count(), 3u);
  EXPECT_NO_THROW(m.view().validate());
  const Matrix no_sites{{0}, {}, {}, 5};
  EXPECT_EQ(no_sites.view().site_count(), 0u);
  EXPECT_NO_THROW(no_sites.view().validate());
}

TEST(DistanceDecayTravelTimes, ValidateRejectsBadShapes) {
  EXPECT_EQ(SparseTravelTimes{}.site_count(), 0u);
  EXPECT_THROW(SparseTravelTimes{}.validate(), std::invalid_argument);  // no row_begin at all
  const std::vector<Matrix> bad = {
      {{1, 2}, {0, 1}, {1, 2}, 2},        // does not start at 0
      {{0, 1}, {0, 1}, {1, 2}, 2},        // ends before the entries
      {{0, 3}, {0, 1}, {1, 2}, 2},        // ends after them
      {{0, 2, 1, 2}, {0, 1}, {1, 2}, 2},  // decreases
      {{0, 2}, {0, 1}, {1}, 2},           // fewer minutes than entries
      {{0, 2}, {0, 2}, {1, 2}, 2},        // origin id out of range
      {{0, 2}, {1, 1}, {1, 2}, 2},        // an origin twice in a row
      {{0, 2}, {0, 1}, {1, -2}, 2},       // negative time
      {{0, 2}, {0, 1}, {kNaN, 2}, 2},     // NaN time
  };
  for (std::size_t k = 0; k < bad.size(); ++k) {
    EXPECT_THROW(bad[k].view().validate(), std::invalid_argument) << "case " << k;
  }
  // The same origin in two different rows is fine.
  const Matrix shared{{0, 1, 2}, {1, 1}, {1, 2}, 2};
  EXPECT_NO_THROW(shared.view().validate());
}

}  // namespace
}  // namespace couverture
