#include "numresp/sensors/aggregate.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#if defined(__linux__)
#include <sys/mman.h>
#endif
#include <limits>
#include <memory>
#include <numeric>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "numresp/sensors/serialization.hpp"

namespace numresp::sensors {
namespace {

// Laps of the kernel's phases into an aggregate_timings, when one is asked for.
class phase_clock {
 public:
  explicit phase_clock(aggregate_timings* out) : out_(out), start_(now()), last_(start_) {}
  void lap(double aggregate_timings::*phase) {
    if (out_ == nullptr) return;
    const auto t = now();
    out_->*phase = std::chrono::duration<double, std::milli>(t - last_).count();
    out_->total = std::chrono::duration<double, std::milli>(t - start_).count();
    last_ = t;
  }

 private:
  static std::chrono::steady_clock::time_point now() { return std::chrono::steady_clock::now(); }
  aggregate_timings* out_;
  std::chrono::steady_clock::time_point start_, last_;
};

// Where the kernels' groups come from: `direct` keys are offsets from the smallest id
// (compact ids: no mapping pass, empty keys make empty buckets), otherwise dense indices
// computed per row.
struct keying {
  bool direct = true;
  std::int64_t g_min = 0;
  std::size_t keys = 0;                // key range
  column<std::uint32_t> dense_of_row;  // !direct: the key of each row (NaN rows never read)
  std::vector<std::int64_t> ids;       // !direct: the group id of each key

  [[nodiscard]] std::uint32_t key(const std::int64_t* group, std::size_t i) const noexcept {
    return direct ? static_cast<std::uint32_t>(group[i] - g_min) : dense_of_row[i];
  }
  [[nodiscard]] std::int64_t id(std::size_t key) const noexcept {
    return direct ? g_min + static_cast<std::int64_t>(key) : ids[key];
  }
};

// Stable LSD radix sort of (key, value) by key < 2^bits, in passes of at most 13 bits; the
// result ends in `keys`/`values`.
template <class Key>
void radix_sort(std::vector<Key>& keys, std::vector<double>& values, unsigned bits) {
  const std::size_t n = keys.size();
  if (n < 2 || bits == 0) return;
  const unsigned passes = (bits + 12) / 13;
  const unsigned digit = (bits + passes - 1) / passes;
  const std::size_t buckets = std::size_t{1} << digit;
  const Key mask = static_cast<Key>(buckets - 1);
  std::vector<std::size_t> counts(buckets * passes, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const Key k = keys[i];
    for (unsigned p = 0; p < passes; ++p) ++counts[p * buckets + static_cast<std::size_t>((k >> (p * digit)) & mask)];
  }
  std::vector<Key> keys2(n);
  std::vector<double> values2(n);
  for (unsigned p = 0; p < passes; ++p) {
    std::size_t* c = counts.data() + p * buckets;
    // Skip a pass whose digit is the same for every key.
    bool trivial = false;
    for (std::size_t b = 0; b < buckets; ++b) {
      if (c[b] == n) trivial = true;
      if (c[b] != 0) break;
    }
    if (trivial) continue;
    std::size_t running = 0;
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::size_t t = c[b];
      c[b] = running;
      running += t;
    }
    const unsigned shift = p * digit;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t b = static_cast<std::size_t>((keys[i] >> shift) & mask);
      const std::size_t dst = c[b]++;
      keys2[dst] = keys[i];
      values2[dst] = values[i];
    }
    keys.swap(keys2);
    values.swap(values2);
  }
}

unsigned bit_width(std::uint64_t x) noexcept {
  unsigned b = 0;
  while (x != 0) {
    ++b;
    x >>= 1;
  }
  return b;
}

template <class Key>
window_table reduce(const std::vector<Key>& keys, const std::vector<double>& values, std::uint64_t windows,
                    const keying& ids, const window_index& index, const aggregate_options& options) {
  const std::size_t n = keys.size();
  std::size_t groups = n == 0 ? 0 : 1;
  for (std::size_t i = 1; i < n; ++i) groups += keys[i] != keys[i - 1] ? std::size_t{1} : std::size_t{0};
  window_table t;
  t.group.resize(groups);
  t.window_start.resize(groups);
  t.count.resize(groups);
  t.sum.resize(groups);
  t.min.resize(groups);
  t.max.resize(groups);
  t.mean.resize(groups);
  if (options.moments) t.m2.resize(groups);
  std::size_t g = 0;
  std::size_t i = 0;
  while (i < n) {
    const Key k = keys[i];
    std::size_t j = i;
    double sum = 0;
    double lo = values[i];
    double hi = values[i];
    while (j < n && keys[j] == k) {
      const double v = values[j];
      sum += v;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
      ++j;
    }
    const std::size_t count = j - i;
    const std::uint64_t dense = static_cast<std::uint64_t>(k) / windows;
    const std::uint64_t w = static_cast<std::uint64_t>(k) % windows;
    t.group[g] = ids.id(dense);
    t.window_start[g] = index.start_of(w);
    t.count[g] = count;
    t.sum[g] = sum;
    t.min[g] = lo;
    t.max[g] = hi;
    const double mean = sum / static_cast<double>(count);
    t.mean[g] = mean;
    if (options.moments) {
      double m2 = 0;
      for (std::size_t q = i; q < j; ++q) {
        const double d = values[q] - mean;
        m2 += d * d;
      }
      t.m2[g] = m2;
    }
    ++g;
    i = j;
  }
  return t;
}

// Runs fn(k) for k in [0, threads): k = 0 on the calling thread, the others on new threads. An
// exception thrown by any fn is rethrown here, after every thread has joined.
template <class Fn>
void parallel(unsigned threads, const Fn& fn) {
  std::vector<std::exception_ptr> errors(threads);
  auto guarded = [&](unsigned k) {
    try {
      fn(k);
    } catch (...) {
      errors[k] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads > 0 ? threads - 1 : 0);
  for (unsigned k = 1; k < threads; ++k) pool.emplace_back(guarded, k);
  guarded(0);
  for (std::thread& th : pool) th.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

// A bucket entry: a reading's value and window, packed in 10 bytes so that each bucket is one
// write stream during the scatter.
#pragma pack(push, 1)
struct bucket_entry {
  double value;
  std::uint16_t window;
};
#pragma pack(pop)
static_assert(sizeof(bucket_entry) == 10, "bucket entries are packed");

// Distinct windows in the buckets of keys [k_begin, k_end): the rows they produce.
std::size_t count_rows(std::size_t k_begin, std::size_t k_end, const std::vector<std::size_t>& offsets,
                       const bucket_entry* entries, std::size_t windows) {
  std::vector<std::uint32_t> seen(windows, 0);  // key + 1 of the last bucket that touched w
  std::size_t rows = 0;
  for (std::size_t k = k_begin; k < k_end; ++k) {
    const auto stamp = static_cast<std::uint32_t>(k + 1);
    for (std::size_t p = offsets[k]; p < offsets[k + 1]; ++p) {
      std::uint32_t& s = seen[entries[p].window];
      rows += s != stamp ? 1 : 0;
      s = stamp;
    }
  }
  return rows;
}

// Reduces the buckets of keys [k_begin, k_end) into the table's rows from `row`: an accumulator
// per window (it fits in cache), windows emitted in order.
void reduce_buckets(std::size_t k_begin, std::size_t k_end, const std::vector<std::size_t>& offsets,
                    const bucket_entry* entries, std::size_t windows, const keying& keys, const window_index& index,
                    bool moments, window_table& out, std::size_t row) {
  struct slot {
    double sum, lo, hi, m2;
  };
  // Empty accumulators: -0.0 is the exact identity of +, so a sum starting from it is exact
  // (even for a single -0.0), and ±inf the identities of min and max (values are never NaN).
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr slot kEmpty{-0.0, kInf, -kInf, 0.0};
  std::vector<std::uint32_t> cnt(windows, 0);
  std::vector<slot> acc(windows, kEmpty);
  std::vector<std::int64_t> starts(windows);
  for (std::size_t w = 0; w < windows; ++w) starts[w] = index.start_of(w);
  std::vector<std::uint32_t> touched;
  std::int64_t* group = out.group.data();
  std::int64_t* window_start = out.window_start.data();
  std::uint64_t* count = out.count.data();
  double* sum = out.sum.data();
  double* lo = out.min.data();
  double* hi = out.max.data();
  double* mean = out.mean.data();
  double* m2 = moments ? out.m2.data() : nullptr;
  auto accumulate = [&](const bucket_entry& r) {
    slot& a = acc[r.window];
    const double v = r.value;
    a.sum += v;
    a.lo = v < a.lo ? v : a.lo;
    a.hi = v > a.hi ? v : a.hi;
    ++cnt[r.window];
  };
  for (std::size_t k = k_begin; k < k_end; ++k) {
    const std::size_t b = offsets[k];
    const std::size_t e = offsets[k + 1];
    if (b == e) continue;
    // The windows in order: with few readings, those touched, sorted; with many, a branch-free
    // scan of every window (a branch per window or reading would be mispredicted).
    touched.clear();
    if ((e - b) * 16 < windows) {
      for (std::size_t p = b; p < e; ++p) {
        if (cnt[entries[p].window] == 0) touched.push_back(entries[p].window);
        accumulate(entries[p]);
      }
      std::sort(touched.begin(), touched.end());
    } else {
      for (std::size_t p = b; p < e; ++p) accumulate(entries[p]);
      touched.resize(windows);
      std::size_t m = 0;
      for (std::size_t w = 0; w < windows; ++w) {
        touched[m] = static_cast<std::uint32_t>(w);
        m += cnt[w] != 0 ? std::size_t{1} : std::size_t{0};
      }
      touched.resize(m);
    }
    if (moments) {
      for (std::size_t p = b; p < e; ++p) {
        const std::uint16_t w = entries[p].window;
        const double d = entries[p].value - acc[w].sum / static_cast<double>(cnt[w]);
        acc[w].m2 += d * d;
      }
    }
    const std::int64_t id = keys.id(k);
    for (const std::uint32_t w : touched) {
      const slot& a = acc[w];
      group[row] = id;
      window_start[row] = starts[w];
      count[row] = cnt[w];
      sum[row] = a.sum;
      lo[row] = a.lo;
      hi[row] = a.hi;
      mean[row] = a.sum / static_cast<double>(cnt[w]);
      if (moments) m2[row] = a.m2;
      cnt[w] = 0;
      acc[w] = kEmpty;
      ++row;
    }
  }
}

// The bucket kernel (windows <= 2^16), on `threads` threads: per-thread counts of each key's
// readings over row chunks, a stable parallel scatter of (window, value) into one bucket per key
// (each thread fills its own slice of every bucket, so buckets keep input order), the exact rows
// of each thread's key range, then the reduction straight into the final columns.
window_table bucket_kernel(absl::Span<const std::int64_t> group, absl::Span<const std::int64_t> t,
                           absl::Span<const double> value, std::size_t n, const keying& keys, const window_index& index,
                           const aggregate_options& options, unsigned threads, phase_clock& clock) {
  const std::size_t rows_in = value.size();
  const std::size_t nk = keys.keys;
  const std::int64_t scale = options.time_unit_ns;
  // Each thread keeps a cursor per key: with nearly as many keys as readings, fewer threads keep
  // those cursors to about two words a reading.
  threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, (2 * n + 65536) / nk)));
  auto chunk = [&](unsigned k) { return std::make_pair(rows_in * k / threads, rows_in * (k + 1) / threads); };
  // cursor[k * nk + key]: thread k's count of the key's readings, then its next slot.
  std::vector<std::size_t> cursor(static_cast<std::size_t>(threads) * nk, 0);
  parallel(threads, [&](unsigned k) {
    std::size_t* c = cursor.data() + static_cast<std::size_t>(k) * nk;
    const auto [b, e] = chunk(k);
    for (std::size_t i = b; i < e; ++i) {
      if (!std::isnan(value[i])) ++c[keys.key(group.data(), i)];
    }
  });
  clock.lap(&aggregate_timings::count);
  std::vector<std::size_t> offsets(nk + 1, 0);
  {
    std::size_t running = 0;
    for (std::size_t key = 0; key < nk; ++key) {
      offsets[key] = running;
      for (unsigned k = 0; k < threads; ++k) {
        std::size_t& c = cursor[static_cast<std::size_t>(k) * nk + key];
        const std::size_t here = c;
        c = running;
        running += here;
      }
    }
    offsets[nk] = running;
  }
  column<bucket_entry> entries(n);
  parallel(threads, [&](unsigned k) {
    std::size_t* c = cursor.data() + static_cast<std::size_t>(k) * nk;
    const auto [b, e] = chunk(k);
    for (std::size_t i = b; i < e; ++i) {
      const double v = value[i];
      if (std::isnan(v)) continue;
      bucket_entry& r = entries[c[keys.key(group.data(), i)]++];
      r.value = v;
      r.window = static_cast<std::uint16_t>(index.index_of(t[i] * scale));
    }
  });
  clock.lap(&aggregate_timings::scatter);
  // Key ranges with about the same number of readings each.
  std::vector<std::size_t> split(threads + 1, nk);
  split[0] = 0;
  for (unsigned k = 1; k < threads; ++k) {
    const std::size_t target = n * k / threads;
    split[k] = static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), target) - offsets.begin());
    split[k] = std::min(std::max(split[k], split[k - 1]), nk);
  }
  const auto windows = static_cast<std::size_t>(index.size());
  std::vector<std::size_t> first_row(threads + 1, 0);
  parallel(threads, [&](unsigned k) {
    first_row[k + 1] = count_rows(split[k], split[k + 1], offsets, entries.data(), windows);
  });
  for (unsigned k = 0; k < threads; ++k) first_row[k + 1] += first_row[k];
  const std::size_t rows = first_row[threads];
  window_table out;
  for (auto* c : {&out.group, &out.window_start}) c->resize(rows);
  out.count.resize(rows);
  for (auto* c : {&out.sum, &out.min, &out.max, &out.mean}) c->resize(rows);
  if (options.moments) out.m2.resize(rows);
  clock.lap(&aggregate_timings::rows);
  parallel(threads, [&](unsigned k) {
    reduce_buckets(split[k], split[k + 1], offsets, entries.data(), windows, keys, index, options.moments, out,
                   first_row[k]);
  });
  clock.lap(&aggregate_timings::reduce);
  return out;
}

}  // namespace

namespace detail {

void* allocate_column_bytes(std::size_t bytes) {
  constexpr std::size_t kAlign = 64;
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  const bool large = bytes >= (std::size_t{4} << 20);
  const std::size_t align = large ? kHuge : kAlign;
  const std::size_t rounded = (std::max<std::size_t>(bytes, 1) + align - 1) / align * align;
  void* p = std::aligned_alloc(align, rounded);
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (large) madvise(p, rounded, MADV_HUGEPAGE);
#endif
  return p;
}

void free_column_bytes(void* p) noexcept { std::free(p); }

}  // namespace detail

stats window_table::row(std::size_t i) const noexcept {
  const double mu = mean.size() > i ? mean[i] : (count[i] ? sum[i] / static_cast<double>(count[i]) : 0.0);
  return stats::from_parts(count[i], sum[i], min[i], max[i], mu, m2.empty() ? 0.0 : m2[i]);
}

void window_table::push_back(std::int64_t g, std::int64_t w, const stats& s) {
  group.push_back(g);
  window_start.push_back(w);
  count.push_back(s.get_n());
  sum.push_back(s.sum());
  min.push_back(s.min());
  max.push_back(s.max());
  mean.push_back(s.running_mean());
  m2.push_back(s.m2());
}

absl::StatusOr<window_table> aggregate(absl::Span<const std::int64_t> group, absl::Span<const std::int64_t> t_ns,
                                       absl::Span<const double> value, const window_spec& window,
                                       const aggregate_options& options) {
  if (group.size() != t_ns.size() || group.size() != value.size()) {
    return absl::InvalidArgumentError(absl::StrCat("aggregate: ", group.size(), " groups, ", t_ns.size(),
                                                   " timestamps and ", value.size(), " values; they must match"));
  }
  phase_clock clock(options.timings);
  if (options.timings != nullptr) *options.timings = aggregate_timings{};
  const std::int64_t scale = options.time_unit_ns;
  if (scale < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("aggregate: time_unit_ns is ", scale, "; it must be at least 1 (nanoseconds)"));
  }
  // Threads: as asked, or the hardware's (at most 8, and one per 64 Ki rows).
  unsigned threads = options.threads;
  if (threads == 0) {
    threads = std::min<unsigned>({std::max(1u, std::thread::hardware_concurrency()), 8u,
                                  static_cast<unsigned>(std::max<std::size_t>(1, value.size() / 65536))});
  }

  // Rows with a NaN value are ignored. One pass per row chunk: readings, time and id ranges.
  struct extent {
    std::size_t n = 0;
    std::int64_t t_min = std::numeric_limits<std::int64_t>::max();
    std::int64_t t_max = std::numeric_limits<std::int64_t>::min();
    std::int64_t g_min = std::numeric_limits<std::int64_t>::max();
    std::int64_t g_max = std::numeric_limits<std::int64_t>::min();
  };
  std::vector<extent> extents(threads);
  parallel(threads, [&](unsigned k) {
    extent x;
    const std::size_t b = value.size() * k / threads;
    const std::size_t e = value.size() * (k + 1) / threads;
    for (std::size_t i = b; i < e; ++i) {
      if (std::isnan(value[i])) continue;
      ++x.n;
      x.t_min = std::min(x.t_min, t_ns[i]);
      x.t_max = std::max(x.t_max, t_ns[i]);
      x.g_min = std::min(x.g_min, group[i]);
      x.g_max = std::max(x.g_max, group[i]);
    }
    extents[k] = x;
  });
  extent all;
  for (const extent& x : extents) {
    all.n += x.n;
    all.t_min = std::min(all.t_min, x.t_min);
    all.t_max = std::max(all.t_max, x.t_max);
    all.g_min = std::min(all.g_min, x.g_min);
    all.g_max = std::max(all.g_max, x.g_max);
  }
  const std::size_t n = all.n;
  if (n == 0) {
    window_table empty;
    return empty;
  }
  const std::int64_t t_limit = std::numeric_limits<std::int64_t>::max() / scale;
  if (all.t_max > t_limit || all.t_min < -t_limit) {
    std::size_t bad = 0;
    while (std::isnan(value[bad]) || (t_ns[bad] <= t_limit && t_ns[bad] >= -t_limit)) ++bad;
    const std::string unit = scale == ns_per_second ? " epoch seconds" : absl::StrCat(" units of ", scale, " ns");
    return absl::InvalidArgumentError(absl::StrCat("timestamp[", bad, "]: ", t_ns[bad], unit,
                                                   " is outside the int64 nanosecond range (years 1677 to 2262)"));
  }
  absl::StatusOr<window_index> index = window_index::create(window, all.t_min * scale, all.t_max * scale);
  if (!index.ok()) return index.status();
  clock.lap(&aggregate_timings::extent);

  // Keys: offsets from the smallest id when the ids are compact, else dense indices in increasing
  // id order (a table when the ids are fairly compact, else a hash).
  keying keys;
  keys.g_min = all.g_min;
  const auto range = static_cast<std::uint64_t>(all.g_max) - static_cast<std::uint64_t>(all.g_min);
  if (range < (std::uint64_t{1} << 22) && range <= 2 * static_cast<std::uint64_t>(n) + 65536) {
    keys.keys = static_cast<std::size_t>(range) + 1;
  } else {
    keys.direct = false;
    keys.dense_of_row.resize(value.size());
    if (range < 4 * static_cast<std::uint64_t>(n) + 1024 && range < (std::uint64_t{1} << 28)) {
      std::vector<std::uint32_t> table(static_cast<std::size_t>(range) + 1, 0);
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!std::isnan(value[i])) table[static_cast<std::size_t>(group[i] - all.g_min)] = 1;
      }
      std::uint32_t next = 0;
      for (std::size_t v = 0; v < table.size(); ++v) {
        if (table[v] != 0) {
          table[v] = next++;
          keys.ids.push_back(all.g_min + static_cast<std::int64_t>(v));
        }
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!std::isnan(value[i])) keys.dense_of_row[i] = table[static_cast<std::size_t>(group[i] - all.g_min)];
      }
    } else {
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!std::isnan(value[i])) keys.ids.push_back(group[i]);
      }
      std::sort(keys.ids.begin(), keys.ids.end());
      keys.ids.erase(std::unique(keys.ids.begin(), keys.ids.end()), keys.ids.end());
      absl::flat_hash_map<std::int64_t, std::uint32_t> map;
      map.reserve(keys.ids.size());
      for (std::size_t d = 0; d < keys.ids.size(); ++d) map.emplace(keys.ids[d], static_cast<std::uint32_t>(d));
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!std::isnan(value[i])) keys.dense_of_row[i] = map.find(group[i])->second;
      }
    }
    keys.keys = keys.ids.size();
  }
  clock.lap(&aggregate_timings::keys);

  const std::uint64_t windows = index->size();
  if (windows <= (std::uint64_t{1} << 16) && keys.keys < std::numeric_limits<std::uint32_t>::max()) {
    return bucket_kernel(group, t_ns, value, n, keys, *index, options, threads, clock);
  }
  const std::uint64_t max_key = static_cast<std::uint64_t>(keys.keys) * windows - 1;
  const unsigned bits = bit_width(max_key);
  auto run = [&](auto key_tag) -> window_table {
    using key_type = decltype(key_tag);
    std::vector<key_type> composite(n);
    std::vector<double> values(n);
    std::size_t k = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (std::isnan(value[i])) continue;
      composite[k] = static_cast<key_type>(static_cast<std::uint64_t>(keys.key(group.data(), i)) * windows +
                                           index->index_of(t_ns[i] * scale));
      values[k] = value[i];
      ++k;
    }
    clock.lap(&aggregate_timings::scatter);
    radix_sort(composite, values, bits);
    window_table out = reduce(composite, values, windows, keys, *index, options);
    clock.lap(&aggregate_timings::reduce);
    return out;
  };
  if (bits <= 32) return run(std::uint32_t{});
  return run(std::uint64_t{});
}

absl::StatusOr<window_table> merge(const window_table& a, const window_table& b) {
  for (const window_table* t : {&a, &b}) {
    if (t->size() > 0 && t->m2.size() != t->size()) {
      return absl::InvalidArgumentError("merge: both tables need their moments (aggregate_options.moments)");
    }
  }
  window_table out;
  std::size_t i = 0;
  std::size_t j = 0;
  auto key_less = [](const window_table& x, std::size_t p, const window_table& y, std::size_t q) {
    return x.group[p] != y.group[q] ? x.group[p] < y.group[q] : x.window_start[p] < y.window_start[q];
  };
  const std::size_t reserve = a.size() + b.size();
  out.group.reserve(reserve);
  out.window_start.reserve(reserve);
  out.count.reserve(reserve);
  out.sum.reserve(reserve);
  out.min.reserve(reserve);
  out.max.reserve(reserve);
  out.mean.reserve(reserve);
  out.m2.reserve(reserve);
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && key_less(a, i, b, j))) {
      out.push_back(a.group[i], a.window_start[i], a.row(i));
      ++i;
    } else if (i == a.size() || key_less(b, j, a, i)) {
      out.push_back(b.group[j], b.window_start[j], b.row(j));
      ++j;
    } else {
      stats s = a.row(i);
      s.merge(b.row(j));
      out.push_back(a.group[i], a.window_start[i], s);
      ++i;
      ++j;
    }
  }
  return out;
}

std::string window_table::serialize() const {
  byte_writer w;
  const std::size_t n = size();
  w.u64(n);
  w.u8(m2.size() == n ? 1 : 0);
  for (std::size_t i = 0; i < n; ++i) w.i64(group[i]);
  for (std::size_t i = 0; i < n; ++i) w.i64(window_start[i]);
  for (std::size_t i = 0; i < n; ++i) w.u64(count[i]);
  for (const column<double>* col : {&sum, &min, &max}) {
    for (std::size_t i = 0; i < n; ++i) w.f64((*col)[i]);
  }
  if (m2.size() == n) {
    for (const column<double>* col : {&mean, &m2}) {
      for (std::size_t i = 0; i < n; ++i) w.f64((*col)[i]);
    }
  }
  return write_frame(aggregate_type::window_table, w.str());
}

absl::StatusOr<window_table> window_table::deserialize(absl::string_view bytes) {
  absl::StatusOr<frame> f = read_frame(bytes, aggregate_type::window_table);
  if (!f.ok()) return f.status();
  byte_reader r(f->payload, frame_header_size);
  std::uint64_t n = 0;
  std::uint8_t moments = 0;
  r.u64(n, "rows");
  r.u8(moments, "moments");
  if (!r.status().ok()) return r.status();
  if (moments > 1) r.fail("moments", "must be 0 or 1");
  const std::uint64_t columns = moments ? 8 : 6;
  if (r.status().ok() && (n > r.remaining() / 8 || n * 8 * columns != r.remaining())) {
    r.fail("rows", absl::StrCat(n, " rows do not fit the ", r.remaining(), " payload bytes left"));
  }
  if (!r.status().ok()) return r.status();
  window_table t;
  const auto rows = static_cast<std::size_t>(n);
  t.group.resize(rows);
  t.window_start.resize(rows);
  t.count.resize(rows);
  t.sum.resize(rows);
  t.min.resize(rows);
  t.max.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) r.i64(t.group[i], "group");
  for (std::size_t i = 0; i < rows; ++i) r.i64(t.window_start[i], "window_start");
  for (std::size_t i = 0; i < rows; ++i) r.u64(t.count[i], "count");
  for (std::size_t i = 0; i < rows; ++i) r.f64(t.sum[i], "sum");
  for (std::size_t i = 0; i < rows; ++i) r.f64(t.min[i], "min");
  for (std::size_t i = 0; i < rows; ++i) r.f64(t.max[i], "max");
  if (moments) {
    t.mean.resize(rows);
    t.m2.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) r.f64(t.mean[i], "mean");
    for (std::size_t i = 0; i < rows; ++i) r.f64(t.m2[i], "m2");
  }
  if (!r.status().ok()) return r.status();
  for (std::size_t i = 0; i < rows; ++i) {
    if (i > 0 &&
        !(t.group[i - 1] < t.group[i] || (t.group[i - 1] == t.group[i] && t.window_start[i - 1] < t.window_start[i]))) {
      return absl::InvalidArgumentError(
          absl::StrCat("window table row ", i, ": rows are not sorted by (group, window)"));
    }
    if (t.count[i] > 0 && !(t.min[i] <= t.max[i])) {
      return absl::InvalidArgumentError(absl::StrCat("window table row ", i, ": min exceeds max"));
    }
    if (moments && t.count[i] > 0 && !(t.m2[i] >= 0)) {
      return absl::InvalidArgumentError(absl::StrCat("window table row ", i, ": negative second moment"));
    }
  }
  return t;
}

}  // namespace numresp::sensors
