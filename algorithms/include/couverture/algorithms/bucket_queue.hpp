#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace couverture {

// A monotone priority queue for Dijkstra on integer weights (Dial 1969, with
// coarse buckets). Keys are grouped by key >> shift into a circular array of
// buckets covering `span` past the current bucket: in a search whose arcs are
// no heavier than span, every key in the queue fits in the circle without
// wrapping onto another. Only the current bucket is ordered (a small binary
// heap): an element is written once when pushed and once when its bucket
// becomes current, where a radix heap moves it five to seven times on road
// graphs. Keys beyond the circle (the rare heavier arcs, far-away seeds of a
// many-source search) wait in an overflow list until the circle reaches them,
// so any monotone sequence of keys comes out right; span only sets the speed. There is no
// decrease-key: callers push again and skip stale entries. A queue emptied by pops is ready for the
// next search at no cost.
class BucketQueue {
 public:
  struct Entry {
    std::uint32_t key;
    std::uint32_t value;
  };

  // Buckets are 2^shift wide, with shift the smallest that keeps the circle
  // within kMaxBuckets for `span`.
  explicit BucketQueue(std::uint32_t span) : span_(span) {
    while (std::uint64_t{span >> shift_} + 2 > kMaxBuckets) ++shift_;
    const std::size_t count =
        std::max<std::size_t>(64, std::bit_ceil(static_cast<std::size_t>(span >> shift_) + 2));
    buckets_.resize(count);
    occupied_.assign(count / 64, 0);
    mask_ = count - 1;
  }

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::uint32_t span() const { return span_; }
  [[nodiscard]] unsigned shift() const { return shift_; }

  void clear() {
    if (size_ != 0) {
      for (std::vector<Entry>& bucket : buckets_) bucket.clear();
      std::fill(occupied_.begin(), occupied_.end(), 0);
      current_.clear();
      overflow_.clear();
      overflow_min_coarse_ = UINT32_MAX;
    }
    size_ = 0;
    current_coarse_ = 0;
  }

  // `key` must not be below the last popped key.
  void push(std::uint32_t key, std::uint32_t value) {
    ++size_;
    const std::uint32_t coarse = key >> shift_;
    if (coarse == current_coarse_) {
      current_.push_back({key, value});
      std::push_heap(current_.begin(), current_.end(), Later{});
    } else if (coarse - current_coarse_ <= mask_) {
      place(coarse, {key, value});
    } else {
      overflow_.push_back({key, value});
      overflow_min_coarse_ = std::min(overflow_min_coarse_, coarse);
    }
  }

  // Removes and returns an entry of smallest key; the queue must not be empty.
  Entry pop() {
    if (current_.empty()) advance();
    std::pop_heap(current_.begin(), current_.end(), Later{});
    const Entry entry = current_.back();
    current_.pop_back();
    --size_;
    return entry;
  }

 private:
  static constexpr std::size_t kMaxBuckets = 4096;

  struct Later {
    bool operator()(const Entry& a, const Entry& b) const { return a.key > b.key; }
  };

  void place(std::uint32_t coarse, Entry entry) {
    const std::size_t slot = coarse & mask_;
    buckets_[slot].push_back(entry);
    occupied_[slot >> 6] |= std::uint64_t{1} << (slot & 63);
  }

  // The first occupied slot at or after `from` in circular order; the
  // circle must hold an entry.
  [[nodiscard]] std::size_t next_occupied(std::size_t from) const {
    std::size_t slot = from;
    for (;;) {
      const std::uint64_t word = occupied_[slot >> 6] >> (slot & 63);
      if (word != 0) return slot + static_cast<std::size_t>(std::countr_zero(word));
      slot = ((slot | 63) + 1) & mask_;
    }
  }

  // Makes the next non-empty bucket current. Overflow entries that the
  // circle now covers come back first, so that none is passed over; when only
  // overflow entries are left, the circle jumps to the nearest of them.
  void advance() {
    if (!overflow_.empty()) {
      if (size_ == overflow_.size()) current_coarse_ = overflow_min_coarse_ - 1;
      if (overflow_min_coarse_ - current_coarse_ <= mask_) release_overflow();
    }
    const std::size_t slot = next_occupied((current_coarse_ + 1) & mask_);
    occupied_[slot >> 6] &= ~(std::uint64_t{1} << (slot & 63));
    current_.swap(buckets_[slot]);
    current_coarse_ = current_.front().key >> shift_;
    std::make_heap(current_.begin(), current_.end(), Later{});
  }

  void release_overflow() {
    std::uint32_t still_far = UINT32_MAX;
    std::size_t kept = 0;
    for (const Entry& entry : overflow_) {
      const std::uint32_t coarse = entry.key >> shift_;
      if (coarse - current_coarse_ <= mask_) {
        place(coarse, entry);
      } else {
        overflow_[kept++] = entry;
        still_far = std::min(still_far, coarse);
      }
    }
    overflow_.resize(kept);
    overflow_min_coarse_ = still_far;
  }

  std::vector<std::vector<Entry>> buckets_;  // by coarse key & mask_
  std::vector<std::uint64_t> occupied_;      // a bit per non-empty bucket
  std::vector<Entry> current_;               // heap of the bucket being popped
  std::vector<Entry> overflow_;              // keys beyond the circle
  std::uint32_t span_ = 0;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  std::uint32_t current_coarse_ = 0;
  std::uint32_t overflow_min_coarse_ = UINT32_MAX;
  unsigned shift_ = 0;
};

}  // namespace couverture
