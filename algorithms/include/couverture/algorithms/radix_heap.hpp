#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace couverture {

// A monotone priority queue on 32-bit keys (Ahuja, Mehlhorn, Orlin, Tarjan
// 1990). Dijkstra pops keys in non-decreasing order, which lets an element
// live in the bucket named by the highest bit in which its key differs from
// the last popped key: push is one append, and an element moves to a lower
// bucket at most 32 times over its life, with no key comparisons on the hot
// path. There is no decrease-key: callers push again and skip stale entries.
//
// `clear` keeps the buckets' capacity so a heap reused across queries stops
// allocating after the first few.
class RadixHeap {
 public:
  struct Entry {
    std::uint32_t key;
    std::uint32_t value;
  };

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  // The smallest key popped so far; pushed keys must not be below it.
  [[nodiscard]] std::uint32_t last_key() const { return last_; }

  void clear() {
    for (std::vector<Entry>& bucket : buckets_) bucket.clear();
    last_ = 0;
    size_ = 0;
  }

  void push(std::uint32_t key, std::uint32_t value) {
    buckets_[bucket_of(key)].push_back({key, value});
    ++size_;
  }

  // Removes and returns an entry of smallest key; the heap must not be empty.
  // Among equal keys the order is last-in first-out: deterministic.
  Entry pop() {
    if (buckets_[0].empty()) refill();
    const Entry entry = buckets_[0].back();
    buckets_[0].pop_back();
    --size_;
    return entry;
  }

 private:
  [[nodiscard]] std::size_t bucket_of(std::uint32_t key) const {
    return static_cast<std::size_t>(std::bit_width(key ^ last_));
  }

  // Moves the first non-empty bucket down around its minimum, which becomes
  // the new `last_`; every entry lands in a strictly lower bucket.
  void refill() {
    std::size_t index = 1;
    while (buckets_[index].empty()) ++index;
    std::vector<Entry>& source = buckets_[index];
    std::uint32_t smallest = source.front().key;
    for (const Entry& entry : source) smallest = entry.key < smallest ? entry.key : smallest;
    last_ = smallest;
    for (const Entry& entry : source) buckets_[bucket_of(entry.key)].push_back(entry);
    source.clear();
  }

  std::array<std::vector<Entry>, 33> buckets_;
  std::uint32_t last_ = 0;
  std::size_t size_ = 0;
};

}  // namespace couverture
