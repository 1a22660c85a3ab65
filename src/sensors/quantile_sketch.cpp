// The KLL quantile sketch (methodology: docs/methodology/quantile-sketch), written from the paper
// (Karnin, Lang and Liberty 2016) with lazy compaction: the levels share one buffer of total
// capacity Σ_h max(8, k (2/3)^(H−1−h)) (level 0: at least min(k, 64)); when it is full, the
// lowest level at or over its own capacity is sorted, and one item of each adjacent pair (the
// first or the second, by a coin flip) moves up a level with twice the weight, the others are
// dropped.
#include "numresp/sensors/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "numresp/sensors/serialization.hpp"
#include "quantile_sketch_kernels.hpp"

namespace numresp::sensors {
namespace {

static_assert(quantile_sketch::kMinLevelCapacity == kll::kMinLevelCapacity);
static_assert(quantile_sketch::kMinLevelZeroCapacity == kll::kMinLevelZeroCapacity);

constexpr double kInf = std::numeric_limits<double>::infinity();
// A sketch has at most 64 levels: the top level is never empty and weighs 2^(levels − 1) <= n.
constexpr std::size_t kMaxLevels = 64;

// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014): a
// 64-bit state advanced by a constant and mixed; one output per compaction.
std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  state += 0x9e3779b97f4a7c15u;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

absl::Status check_rank(double rank, const char* name) {
  if (rank >= 0 && rank <= 1) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(name, " = ", rank, ": must be in [0, 1]"));
}

absl::Status empty_error(const char* what) {
  return absl::FailedPreconditionError(absl::StrCat(what, ": the sketch is empty"));
}

// The answer to get_quantile on a sorted view (items ascending, weights cumulative).
double quantile_of(const std::vector<quantile_sketch::weighted_item>& view, std::uint64_t n, double min, double max,
                   double rank, bool inclusive) {
  if (rank <= 0) return min;
  if (rank >= 1) return max;
  const double target = rank * static_cast<double>(n);
  // Inclusive: the first item whose cumulative weight is >= target; exclusive: > target.
  const auto it =
      inclusive
          ? std::lower_bound(
                view.begin(), view.end(), target,
                [](const quantile_sketch::weighted_item& w, double t) { return static_cast<double>(w.weight) < t; })
          : std::upper_bound(view.begin(), view.end(), target, [](double t, const quantile_sketch::weighted_item& w) {
              return t < static_cast<double>(w.weight);
            });
  return it == view.end() ? max : it->item;
}

}  // namespace

// -- Construction ---------------------------------------------------------------------------------

quantile_sketch::quantile_sketch(std::uint16_t k, std::uint64_t seed)
    : k_(std::max(k, kMinK)), min_k_(k_), seed_(seed), rng_(seed), level_begin_(1, 0) {
  set_capacities();
  items_.resize(capacity_);
}

absl::StatusOr<quantile_sketch> quantile_sketch::create(std::int64_t k, std::uint64_t seed) {
  if (k < kMinK || k > kMaxK) {
    return absl::InvalidArgumentError(absl::StrCat("k = ", k, ": must be in [", kMinK, ", ", kMaxK, "]"));
  }
  return quantile_sketch(static_cast<std::uint16_t>(k), seed);
}

quantile_sketch::quantile_sketch(const quantile_sketch& other)
    : k_(other.k_),
      min_k_(other.min_k_),
      retained_(other.retained_),
      capacity_(other.capacity_),
      n_(other.n_),
      min_(other.min_),
      max_(other.max_),
      seed_(other.seed_),
      rng_(other.rng_),
      level_begin_(other.level_begin_),
      level_capacity_(other.level_capacity_) {
  items_.reserve(other.items_.size());
  items_.assign(other.items_.begin(), other.items_.begin() + other.retained_);
  items_.resize(other.items_.size());
}

quantile_sketch::quantile_sketch(quantile_sketch&& other) noexcept
    : k_(other.k_),
      min_k_(other.min_k_),
      retained_(other.retained_),
      capacity_(other.capacity_),
      n_(other.n_),
      min_(other.min_),
      max_(other.max_),
      seed_(other.seed_),
      rng_(other.rng_),
      items_(std::move(other.items_)),
      level_begin_(std::move(other.level_begin_)),
      level_capacity_(std::move(other.level_capacity_)),
      scratch_(std::move(other.scratch_)) {
  other.reset_moved_from();
}

quantile_sketch& quantile_sketch::operator=(quantile_sketch&& other) noexcept {
  if (this != &other) {
    k_ = other.k_;
    min_k_ = other.min_k_;
    retained_ = other.retained_;
    capacity_ = other.capacity_;
    n_ = other.n_;
    min_ = other.min_;
    max_ = other.max_;
    seed_ = other.seed_;
    rng_ = other.rng_;
    items_ = std::move(other.items_);
    level_begin_ = std::move(other.level_begin_);
    level_capacity_ = std::move(other.level_capacity_);
    scratch_ = std::move(other.scratch_);
    other.reset_moved_from();
  }
  return *this;
}

void quantile_sketch::reset_moved_from() noexcept {
  // No buffer and no level: the next update() or merge() rebuilds them (compress()).
  retained_ = 0;
  capacity_ = 0;
  n_ = 0;
  min_ = kInf;
  max_ = -kInf;
  min_k_ = k_;
  rng_ = seed_;
  items_.clear();
  level_begin_.clear();
  level_capacity_.clear();
}

quantile_sketch& quantile_sketch::operator=(const quantile_sketch& other) {
  if (this != &other) {
    quantile_sketch copy(other);
    *this = std::move(copy);
  }
  return *this;
}

// -- Updates --------------------------------------------------------------------------------------

void quantile_sketch::update(absl::Span<const double> xs) noexcept {
  std::size_t i = 0;
  while (i < xs.size()) {
    if (retained_ == capacity_) compress();
    // Fill level 0 up to the capacity: copy, skipping NaN without a branch.
    const std::size_t take = std::min<std::size_t>(capacity_ - retained_, xs.size() - i);
    double* out = items_.data() + retained_;
    std::size_t written = 0;
    double lo = min_;
    double hi = max_;
    for (std::size_t j = 0; j < take; ++j) {
      const double x = xs[i + j];
      out[written] = x;
      written += static_cast<std::size_t>(!std::isnan(x));
      lo = x < lo ? x : lo;  // false for NaN
      hi = x > hi ? x : hi;
    }
    min_ = lo;
    max_ = hi;
    retained_ += static_cast<std::uint32_t>(written);
    n_ += written;
    i += take;
  }
}

bool quantile_sketch::next_coin() noexcept { return (splitmix64(rng_) >> 63) != 0; }

void quantile_sketch::set_capacities() {
  const std::size_t levels = level_begin_.size();
  level_capacity_.resize(levels);
  std::uint32_t total = 0;
  for (std::size_t h = 0; h < levels; ++h) {
    level_capacity_[h] = kll::level_capacity(k_, static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(levels));
    total += level_capacity_[h];
  }
  capacity_ = total;
  if (items_.size() < capacity_) items_.resize(capacity_);
}

void quantile_sketch::add_level() {
  // The new top level is empty and sits at the front of the buffer.
  level_begin_.push_back(0);
  set_capacities();
}

void quantile_sketch::compress() {
  if (level_begin_.empty()) {  // a moved-from sketch
    level_begin_.assign(1, 0);
    set_capacities();
    return;
  }
  // Lazy compaction: the lowest level holding at least its capacity. One exists whenever the
  // buffer is full (the sizes sum to at least the capacities).
  std::size_t h = 0;
  const std::size_t levels = level_begin_.size();
  while (h + 1 < levels && level_end(h) - level_begin_[h] < level_capacity_[h]) ++h;
  if (h + 1 == levels) add_level();
  compact_level(h);
}

void quantile_sketch::compact_level(std::size_t h) {
  const std::uint32_t lo = level_begin_[h];
  const std::uint32_t hi = level_end(h);
  const std::uint32_t size = hi - lo;
  const std::uint32_t up = level_begin_[h + 1];
  // Working space: the sort of level 0, or the promoted items then a copy of level h + 1.
  const std::size_t needed = std::max<std::size_t>(size, size / 2 + (lo - up));
  if (scratch_.size() < needed) scratch_.resize(std::max<std::size_t>(needed, capacity_));
  double* level = items_.data() + lo;
  if (h == 0) kll::sort(level, size, scratch_.data());
  // An odd level keeps its largest item; the pairs of the rest promote one item each.
  const std::uint32_t odd = size & 1u;
  const double kept = level[size - 1];  // size >= 8
  const std::uint32_t promoted = size / 2;
  const std::uint32_t offset = next_coin() ? 1 : 0;
  for (std::uint32_t i = 0; i < promoted; ++i) scratch_[i] = level[offset + 2 * i];
  // Level h + 1 ends where level h begins: merge the promoted items into it in place.
  kll::merge_into(items_.data() + up, lo - up, scratch_.data(), promoted, scratch_.data() + promoted);
  if (odd != 0) items_[lo + promoted] = kept;
  // The levels below h move down by the space freed.
  const std::uint32_t freed = promoted;
  std::copy(items_.begin() + hi, items_.begin() + retained_, items_.begin() + (hi - freed));
  level_begin_[h] = lo + promoted;
  for (std::size_t j = 0; j < h; ++j) level_begin_[j] -= freed;
  retained_ -= freed;
}

void quantile_sketch::merge(const quantile_sketch& other) {
  if (other.n_ == 0) return;
  if (&other == this) {
    // `other` is this sketch, which the merge rewrites: merge a copy.
    const quantile_sketch copy(other);  // NOLINT(performance-unnecessary-copy-initialization)
    merge(copy);
    return;
  }
  // The union of the two sketches' levels (level 0: this one's readings, then the other's),
  // then lazy compaction while it exceeds the capacity. Lazy compaction takes the lowest level
  // at or over its capacity, and a compacted level is left with at most one item, so it goes
  // up the levels once: the union is built from the bottom, compacting each level as it is
  // formed, without first merging readings that would only be compacted away.
  const std::size_t levels = std::max(level_begin_.size(), other.level_begin_.size());
  while (level_begin_.size() < levels) level_begin_.push_back(0);  // empty top levels
  set_capacities();
  std::size_t total = static_cast<std::size_t>(retained_) + other.retained_;
  // Working memory, uninitialized: the result (level 0 first), the items promoted from the
  // level below (sorted), and a level's partial union (or the sort's scratch).
  const std::unique_ptr<double[]> memory(new double[2 * total + total / 2 + 1]);
  double* const work = memory.get();
  double* const carry = work + total;
  double* const partial = carry + total / 2 + 1;
  std::size_t carried = 0;
  std::vector<std::uint32_t> sizes(levels);
  std::size_t at = 0;
  for (std::size_t h = 0; h < levels; ++h) {
    const double* a = items_.data() + level_begin_[h];
    const std::size_t na = level_end(h) - level_begin_[h];
    const bool theirs = h < other.level_begin_.size();
    const double* b = theirs ? other.items_.data() + other.level_begin_[h] : nullptr;
    const std::size_t nb = theirs ? other.level_end(h) - other.level_begin_[h] : 0;
    double* level = work + at;
    const std::size_t size = na + nb + carried;
    if (h == 0) {
      std::copy(a, a + na, level);
      std::copy(b, b + nb, level + na);
    } else if (carried == 0) {
      kll::merge(a, na, b, nb, level);
    } else {
      // Three sorted runs: the two shortest first (the order does not change the result).
      const double* runs[3] = {a, b, carry};
      std::size_t lengths[3] = {na, nb, carried};
      std::size_t longest = 0;
      for (std::size_t r = 1; r < 3; ++r) longest = lengths[r] > lengths[longest] ? r : longest;
      const std::size_t first = longest == 0 ? 1 : 0;
      const std::size_t second = longest == 2 ? 1 : 2;
      kll::merge(runs[first], lengths[first], runs[second], lengths[second], partial);
      kll::merge(partial, lengths[first] + lengths[second], runs[longest], lengths[longest], level);
    }
    carried = 0;
    std::size_t kept = size;
    if (h + 1 < levels && total > capacity_ && size >= level_capacity_[h]) {
      if (h == 0) kll::sort(level, size, partial);
      const std::size_t offset = next_coin() ? 1 : 0;
      carried = size / 2;
      for (std::size_t i = 0; i < carried; ++i) carry[i] = level[offset + 2 * i];
      kept = size & 1u;
      if (kept != 0) level[0] = level[size - 1];  // an odd level keeps its largest item
      total -= carried;
    }
    sizes[h] = static_cast<std::uint32_t>(kept);
    at += kept;
  }
  // Lay the levels out top first.
  if (items_.size() < std::max<std::size_t>(total, capacity_)) items_.resize(std::max<std::size_t>(total, capacity_));
  std::size_t from = total;
  std::size_t to = 0;
  for (std::size_t h = levels; h-- > 0;) {
    from -= sizes[h];
    std::copy(work + from, work + from + sizes[h], items_.data() + to);
    level_begin_[h] = static_cast<std::uint32_t>(to);
    to += sizes[h];
  }
  retained_ = static_cast<std::uint32_t>(total);
  n_ += other.n_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  min_k_ = std::min(min_k_, other.min_k_);
  // The top level over its capacity: more levels (as in update()).
  while (retained_ > capacity_) compress();
}

// -- Queries --------------------------------------------------------------------------------------

absl::StatusOr<double> quantile_sketch::get_min_item() const {
  if (n_ == 0) return empty_error("get_min_item");
  return min_;
}

absl::StatusOr<double> quantile_sketch::get_max_item() const {
  if (n_ == 0) return empty_error("get_max_item");
  return max_;
}

std::vector<quantile_sketch::weighted_item> quantile_sketch::get_items() const {
  std::vector<weighted_item> out;
  out.reserve(retained_);
  for (std::size_t h = 0; h < level_begin_.size(); ++h) {
    const std::uint64_t weight = std::uint64_t{1} << h;
    for (std::uint32_t i = level_begin_[h]; i < level_end(h); ++i) out.push_back(weighted_item{items_[i], weight});
  }
  return out;
}

std::vector<quantile_sketch::weighted_item> quantile_sketch::sorted_view() const {
  // Level 0 sorted, then the (sorted) levels merged in from the bottom; weights made
  // cumulative at the end.
  std::vector<weighted_item> view;
  view.reserve(retained_);
  std::vector<double> level0(items_.begin() + level_begin_[0], items_.begin() + retained_);
  std::vector<double> scratch(level0.size());
  kll::sort(level0.data(), level0.size(), scratch.data());
  for (double v : level0) view.push_back(weighted_item{v, 1});
  std::vector<weighted_item> merged;
  merged.reserve(retained_);
  for (std::size_t h = 1; h < level_begin_.size(); ++h) {
    const std::uint64_t weight = std::uint64_t{1} << h;
    const double* b = items_.data() + level_begin_[h];
    const double* e = items_.data() + level_end(h);
    if (b == e) continue;
    merged.clear();
    std::size_t i = 0;
    while (i < view.size() && b != e) {
      if (*b < view[i].item) {
        merged.push_back(weighted_item{*b++, weight});
      } else {
        merged.push_back(view[i++]);
      }
    }
    merged.insert(merged.end(), view.begin() + static_cast<std::ptrdiff_t>(i), view.end());
    for (; b != e; ++b) merged.push_back(weighted_item{*b, weight});
    view.swap(merged);
  }
  std::uint64_t cumulative = 0;
  for (weighted_item& w : view) {
    cumulative += w.weight;
    w.weight = cumulative;
  }
  return view;
}

absl::StatusOr<double> quantile_sketch::get_quantile(double rank, bool inclusive) const {
  if (absl::Status s = check_rank(rank, "rank"); !s.ok()) return s;
  if (n_ == 0) return empty_error("get_quantile");
  if (rank <= 0) return min_;
  if (rank >= 1) return max_;
  return quantile_of(sorted_view(), n_, min_, max_, rank, inclusive);
}

absl::StatusOr<std::vector<double>> quantile_sketch::get_quantiles(absl::Span<const double> ranks,
                                                                   bool inclusive) const {
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    if (!(ranks[i] >= 0 && ranks[i] <= 1)) {
      return absl::InvalidArgumentError(absl::StrCat("ranks[", i, "] = ", ranks[i], ": must be in [0, 1]"));
    }
  }
  if (n_ == 0) return empty_error("get_quantiles");
  const std::vector<weighted_item> view = sorted_view();
  std::vector<double> out(ranks.size());
  for (std::size_t i = 0; i < ranks.size(); ++i) out[i] = quantile_of(view, n_, min_, max_, ranks[i], inclusive);
  return out;
}

absl::StatusOr<double> quantile_sketch::get_rank(double x, bool inclusive) const {
  if (std::isnan(x)) return absl::InvalidArgumentError("x = nan: the rank of NaN is undefined");
  if (n_ == 0) return empty_error("get_rank");
  // Level 0 is scanned; the other levels are sorted and searched.
  std::uint64_t weight = 0;
  const double* items = items_.data();
  std::uint64_t below = 0;
  for (std::uint32_t i = level_begin_[0]; i < retained_; ++i) {
    below += static_cast<std::uint64_t>(inclusive ? items[i] <= x : items[i] < x);
  }
  weight += below;
  for (std::size_t h = 1; h < level_begin_.size(); ++h) {
    const double* b = items + level_begin_[h];
    const double* e = items + level_end(h);
    const double* p = inclusive ? std::upper_bound(b, e, x) : std::lower_bound(b, e, x);
    weight += static_cast<std::uint64_t>(p - b) << h;
  }
  return static_cast<double>(weight) / static_cast<double>(n_);
}

absl::StatusOr<std::vector<double>> quantile_sketch::get_ranks(absl::Span<const double> xs, bool inclusive) const {
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (std::isnan(xs[i])) {
      return absl::InvalidArgumentError(absl::StrCat("xs[", i, "] = nan: the rank of NaN is undefined"));
    }
  }
  if (n_ == 0) return empty_error("get_ranks");
  const std::vector<weighted_item> view = sorted_view();
  std::vector<double> out(xs.size());
  const double n = static_cast<double>(n_);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double x = xs[i];
    const auto it = inclusive ? std::upper_bound(view.begin(), view.end(), x,
                                                 [](double v, const weighted_item& w) { return v < w.item; })
                              : std::lower_bound(view.begin(), view.end(), x,
                                                 [](const weighted_item& w, double v) { return w.item < v; });
    out[i] = it == view.begin() ? 0.0 : static_cast<double>(std::prev(it)->weight) / n;
  }
  return out;
}

double quantile_sketch::normalized_rank_error(std::uint16_t k, bool pmf) noexcept {
  // Apache DataSketches' documented fits for KLL (99th percentile of the largest rank error over
  // many trials); checked against this implementation in tests/sensors/quantile_sketch_test.cpp.
  const double kk = std::max<double>(k, kMinK);
  return pmf ? 2.446 / std::pow(kk, 0.9433) : 2.296 / std::pow(kk, 0.9723);
}

std::string quantile_sketch::to_string() const {
  return absl::StrCat("quantile_sketch(k=", k_, ", n=", n_, ", retained=", retained_, ", levels=", level_begin_.size(),
                      ")");
}

// -- Serialization --------------------------------------------------------------------------------
//
// Payload (little-endian), offsets within the payload (add 12 for the frame):
//   0  u16 k              2  u16 min k          4  u8 min level capacity (8)
//   5  u8 min level-0 capacity (64)             6  u8 levels H        7  u8 reserved (0)
//   8  u64 n
//   16 u64 seed           24 u64 generator state
//   32 f64 min            40 f64 max            (+inf and −inf when empty)
//   48 u32 × H            level sizes, level 0 first
//   .. f64 × retained     the items, level 0 first (arrival order), then levels 1.. (ascending)

std::string quantile_sketch::serialize() const {
  byte_writer w;
  const std::size_t levels = level_begin_.size();
  if (levels == 0) return quantile_sketch(k_, seed_).serialize();  // moved-from: empty
  w.u16(k_);
  w.u16(min_k_);
  w.u8(kMinLevelCapacity);
  w.u8(kMinLevelZeroCapacity);
  w.u8(static_cast<std::uint8_t>(levels));
  w.u8(0);
  w.u64(n_);
  w.u64(seed_);
  w.u64(rng_);
  w.f64(min_);
  w.f64(max_);
  for (std::size_t h = 0; h < levels; ++h) w.u32(level_end(h) - level_begin_[h]);
  // The items in one block (byte_writer::f64's little-endian layout, written in bulk).
  std::string block(std::size_t{retained_} * sizeof(double), '\0');
  char* out = block.data();
  for (std::size_t h = 0; h < levels; ++h) {
    for (std::uint32_t i = level_begin_[h]; i < level_end(h); ++i) {
      std::uint64_t bits = 0;
      std::memcpy(&bits, &items_[i], sizeof bits);
      for (std::size_t b = 0; b < 8; ++b) *out++ = static_cast<char>((bits >> (8 * b)) & 0xFFu);
    }
  }
  w.bytes(block);
  return write_frame(aggregate_type::quantile_sketch, w.str());
}

absl::StatusOr<quantile_sketch> quantile_sketch::deserialize(absl::string_view bytes) {
  absl::StatusOr<frame> f = read_frame(bytes, aggregate_type::quantile_sketch);
  if (!f.ok()) return f.status();
  byte_reader r(f->payload, frame_header_size);
  // A field's problem names the offset where the field starts.
  std::size_t at = 0;
  const auto bad = [&at](const char* field, absl::string_view problem) {
    return absl::InvalidArgumentError(absl::StrCat("byte offset ", at, ", field ", field, ": ", problem));
  };
  std::uint16_t k = 0;
  std::uint16_t min_k = 0;
  std::uint8_t level_floor = 0;
  std::uint8_t level0_floor = 0;
  std::uint8_t levels = 0;
  std::uint8_t reserved = 0;
  std::uint64_t n = 0;
  std::uint64_t seed = 0;
  std::uint64_t rng = 0;
  double min = 0;
  double max = 0;
  at = r.offset();
  if (!r.u16(k, "k")) return r.status();
  if (k < kMinK) return bad("k", absl::StrCat(k, " is below the smallest k, ", kMinK));
  at = r.offset();
  if (!r.u16(min_k, "min_k")) return r.status();
  if (min_k < kMinK || min_k > k) return bad("min_k", absl::StrCat(min_k, " is not in [", kMinK, ", k = ", k, "]"));
  at = r.offset();
  if (!r.u8(level_floor, "min_level_capacity")) return r.status();
  if (level_floor != kMinLevelCapacity) {
    return bad("min_level_capacity", absl::StrCat(level_floor, " (this library uses ", kMinLevelCapacity, ")"));
  }
  at = r.offset();
  if (!r.u8(level0_floor, "min_level_zero_capacity")) return r.status();
  if (level0_floor != kMinLevelZeroCapacity) {
    return bad("min_level_zero_capacity",
               absl::StrCat(level0_floor, " (this library uses ", kMinLevelZeroCapacity, ")"));
  }
  at = r.offset();
  if (!r.u8(levels, "levels")) return r.status();
  if (levels == 0 || levels > kMaxLevels)
    return bad("levels", absl::StrCat(levels, " is not in [1, ", kMaxLevels, "]"));
  at = r.offset();
  if (!r.u8(reserved, "reserved")) return r.status();
  if (reserved != 0) return bad("reserved", absl::StrCat(reserved, " (must be 0)"));
  if (!r.u64(n, "n") || !r.u64(seed, "seed") || !r.u64(rng, "generator_state")) return r.status();
  at = r.offset();
  if (!r.f64(min, "min")) return r.status();
  if (std::isnan(min)) return bad("min", "NaN");
  at = r.offset();
  if (!r.f64(max, "max")) return r.status();
  if (std::isnan(max)) return bad("max", "NaN");
  if (n == 0 && (min != kInf || max != -kInf)) return bad("max", "an empty sketch has min = +inf and max = -inf");
  if (n > 0 && !(min <= max)) return bad("max", absl::StrCat("min ", min, " exceeds max ", max));

  // Level sizes: the weights must add up to n, the top level must hold items (unless the sketch
  // is empty), and the readings must fit the capacity and the rest of the payload.
  std::vector<std::uint32_t> sizes(levels);
  std::uint64_t weight = 0;
  std::uint64_t retained = 0;
  const std::uint32_t capacity = kll::total_capacity(k, levels);
  const std::size_t sizes_at = r.offset();
  for (std::size_t h = 0; h < levels; ++h) {
    at = r.offset();
    if (!r.u32(sizes[h], "level_size")) return r.status();
    const std::uint64_t size = sizes[h];
    if (size > ((std::numeric_limits<std::uint64_t>::max() - weight) >> h)) {
      return bad("level_size", absl::StrCat("level ", h, " holds ", size, " items: the weights overflow"));
    }
    weight += size << h;
    retained += size;
    if (retained > capacity) {
      return bad("level_size", absl::StrCat(retained, " items exceed the capacity ", capacity, " of ", unsigned{levels},
                                            " levels at k = ", k));
    }
  }
  if (levels > 1 && sizes[levels - 1] == 0) {
    return bad("level_size", absl::StrCat("the top level (", levels - 1, ") is empty"));
  }
  at = sizes_at;
  if (weight != n) return bad("level_size", absl::StrCat("the weights of the levels sum to ", weight, ", not n = ", n));
  at = r.offset();
  if (r.remaining() != retained * sizeof(double)) {
    return bad("items", absl::StrCat(retained, " items need ", retained * sizeof(double), " bytes, ", r.remaining(),
                                     " are left"));
  }

  quantile_sketch s(k, seed);
  s.min_k_ = min_k;
  s.n_ = n;
  s.rng_ = rng;
  s.min_ = min;
  s.max_ = max;
  s.level_begin_.assign(levels, 0);
  s.set_capacities();
  // Memory holds the top level first.
  std::uint32_t end = static_cast<std::uint32_t>(retained);
  for (std::size_t h = 0; h < levels; ++h) {
    s.level_begin_[h] = end - sizes[h];
    end -= sizes[h];
  }
  for (std::size_t h = 0; h < levels; ++h) {
    double previous = -kInf;
    for (std::uint32_t i = 0; i < sizes[h]; ++i) {
      at = r.offset();
      absl::string_view field;
      r.bytes(sizeof(double), field, "items");  // the length was checked
      std::uint64_t bits = 0;
      for (std::size_t b = 0; b < 8; ++b) {
        bits |= static_cast<std::uint64_t>(static_cast<unsigned char>(field[b])) << (8 * b);
      }
      double v = 0;
      std::memcpy(&v, &bits, sizeof v);
      if (std::isnan(v)) return bad("items", absl::StrCat("level ", h, " item ", i, " is NaN"));
      if (v < min || v > max) {
        return bad("items",
                   absl::StrCat("level ", h, " item ", i, " = ", v, " is outside [min, max] = [", min, ", ", max, "]"));
      }
      if (h > 0 && v < previous) return bad("items", absl::StrCat("level ", h, " is not sorted at item ", i));
      previous = v;
      s.items_[s.level_begin_[h] + i] = v;
    }
  }
  s.retained_ = static_cast<std::uint32_t>(retained);
  return s;
}

}  // namespace numresp::sensors
