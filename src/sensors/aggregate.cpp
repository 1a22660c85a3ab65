#include "numresp/sensors/aggregate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
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
                    const std::vector<std::int64_t>& group_ids, const window_index& index,
                    const aggregate_options& options) {
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
    t.group[g] = group_ids[dense];
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

// Reduces the buckets of groups [g_begin, g_end) into the table's rows from `row`: an
// accumulator per window (it fits in cache), windows emitted in order. Returns the rows written.
// A range writes at most as many rows as it has readings, so ranges starting at their first
// reading's offset never overlap.
std::size_t reduce_buckets(std::size_t g_begin, std::size_t g_end, const std::vector<std::size_t>& offsets,
                           const std::uint16_t* win, const double* val, std::uint64_t windows,
                           const std::vector<std::int64_t>& ids, const window_index& index, bool moments,
                           window_table& out, std::size_t row) {
  const auto w_count = static_cast<std::size_t>(windows);
  struct slot {
    double sum, lo, hi, m2;
  };
  std::vector<std::uint32_t> cnt(w_count, 0);
  std::vector<slot> acc(w_count);
  std::vector<std::int64_t> starts(w_count);
  for (std::size_t w = 0; w < w_count; ++w) starts[w] = index.start_of(w);
  std::vector<std::uint32_t> touched;
  const std::size_t first = row;
  std::int64_t* group = out.group.data();
  std::int64_t* window_start = out.window_start.data();
  std::uint64_t* count = out.count.data();
  double* sum = out.sum.data();
  double* lo = out.min.data();
  double* hi = out.max.data();
  double* mean = out.mean.data();
  double* m2 = moments ? out.m2.data() : nullptr;
  for (std::size_t g = g_begin; g < g_end; ++g) {
    const std::size_t b = offsets[g];
    const std::size_t e = offsets[g + 1];
    touched.clear();
    for (std::size_t p = b; p < e; ++p) {
      const std::uint16_t w = win[p];
      const double v = val[p];
      slot& a = acc[w];
      if (cnt[w] == 0) {
        touched.push_back(w);
        a.sum = v;
        a.lo = v;
        a.hi = v;
        a.m2 = 0;
      } else {
        a.sum += v;
        a.lo = v < a.lo ? v : a.lo;
        a.hi = v > a.hi ? v : a.hi;
      }
      ++cnt[w];
    }
    if (moments) {
      for (std::size_t p = b; p < e; ++p) {
        slot& a = acc[win[p]];
        const double d = val[p] - a.sum / static_cast<double>(cnt[win[p]]);
        a.m2 += d * d;
      }
    }
    // Windows in order: sort the few touched ones, or scan when they are many.
    if (touched.size() * 16 < w_count) {
      std::sort(touched.begin(), touched.end());
    } else {
      touched.clear();
      for (std::size_t w = 0; w < w_count; ++w) {
        if (cnt[w] != 0) touched.push_back(static_cast<std::uint32_t>(w));
      }
    }
    const std::int64_t id = ids[g];
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
      ++row;
    }
  }
  return row - first;
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
  // Rows with a NaN value are ignored.
  std::size_t n = 0;
  std::int64_t t_min = std::numeric_limits<std::int64_t>::max();
  std::int64_t t_max = std::numeric_limits<std::int64_t>::min();
  std::int64_t g_min = std::numeric_limits<std::int64_t>::max();
  std::int64_t g_max = std::numeric_limits<std::int64_t>::min();
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (std::isnan(value[i])) continue;
    ++n;
    t_min = std::min(t_min, t_ns[i]);
    t_max = std::max(t_max, t_ns[i]);
    g_min = std::min(g_min, group[i]);
    g_max = std::max(g_max, group[i]);
  }
  if (n == 0) {
    window_table empty;
    return empty;
  }
  absl::StatusOr<window_index> index = window_index::create(window, t_min, t_max);
  if (!index.ok()) return index.status();

  // Dense group indices in increasing id order: a table when the ids are compact, else a hash.
  std::vector<std::int64_t> ids;
  column<std::uint32_t> dense_of_row(value.size());  // rows with a NaN value are never read
  const auto range = static_cast<std::uint64_t>(g_max) - static_cast<std::uint64_t>(g_min);
  if (range < 4 * static_cast<std::uint64_t>(n) + 1024 && range < (std::uint64_t{1} << 28)) {
    std::vector<std::uint32_t> table(static_cast<std::size_t>(range) + 1, 0);
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!std::isnan(value[i])) table[static_cast<std::size_t>(group[i] - g_min)] = 1;
    }
    std::uint32_t next = 0;
    for (std::size_t v = 0; v < table.size(); ++v) {
      if (table[v] != 0) {
        table[v] = next++;
        ids.push_back(g_min + static_cast<std::int64_t>(v));
      }
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!std::isnan(value[i])) dense_of_row[i] = table[static_cast<std::size_t>(group[i] - g_min)];
    }
  } else {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!std::isnan(value[i])) ids.push_back(group[i]);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    absl::flat_hash_map<std::int64_t, std::uint32_t> map;
    map.reserve(ids.size());
    for (std::size_t d = 0; d < ids.size(); ++d) map.emplace(ids[d], static_cast<std::uint32_t>(d));
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!std::isnan(value[i])) dense_of_row[i] = map.find(group[i])->second;
    }
  }

  const std::uint64_t windows = index->size();
  const std::size_t groups = ids.size();
  if (windows <= (std::uint64_t{1} << 16)) {  // window indices fit in 16 bits
    // Dense kernel: count per group, scatter (window, value) into per-group buckets, reduce.
    std::vector<std::size_t> offsets(groups + 1, 0);
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!std::isnan(value[i])) ++offsets[dense_of_row[i] + 1];
    }
    for (std::size_t g = 0; g < groups; ++g) offsets[g + 1] += offsets[g];
    column<std::uint16_t> win(n);
    column<double> val(n);
    {
      std::vector<std::size_t> cursor(offsets.begin(), offsets.end() - 1);
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (std::isnan(value[i])) continue;
        const std::size_t pos = cursor[dense_of_row[i]]++;
        win[pos] = static_cast<std::uint16_t>(index->index_of(t_ns[i]));
        val[pos] = value[i];
      }
    }
    unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>({threads, 8u, static_cast<unsigned>(std::max<std::size_t>(1, n / 65536))});
    // Split the groups so that each thread gets about the same number of readings.
    std::vector<std::size_t> split(threads + 1, groups);
    split[0] = 0;
    for (unsigned t = 1; t < threads; ++t) {
      const std::size_t target = n * t / threads;
      split[t] = static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), target) - offsets.begin());
      split[t] = std::min(std::max(split[t], split[t - 1]), groups);
    }
    // Rows are written in place: range t from row offsets[split[t]] (its first reading), then the
    // ranges are moved down to close the gaps.
    window_table t;
    for (auto* c : {&t.group, &t.window_start}) c->resize(n);
    t.count.resize(n);
    for (auto* c : {&t.sum, &t.min, &t.max, &t.mean}) c->resize(n);
    if (options.moments) t.m2.resize(n);
    std::vector<std::size_t> written(threads, 0);
    {
      std::vector<std::thread> pool;
      for (unsigned k = 1; k < threads; ++k) {
        pool.emplace_back([&, k] {
          written[k] = reduce_buckets(split[k], split[k + 1], offsets, win.data(), val.data(), windows, ids, *index,
                                      options.moments, t, offsets[split[k]]);
        });
      }
      written[0] = reduce_buckets(split[0], split[1], offsets, win.data(), val.data(), windows, ids, *index,
                                  options.moments, t, 0);
      for (std::thread& th : pool) th.join();
    }
    std::size_t rows = written[0];
    for (unsigned k = 1; k < threads; ++k) {
      const std::size_t from = offsets[split[k]];
      if (from != rows) {
        auto move_down = [&](auto& c) {
          if (!c.empty()) std::memmove(c.data() + rows, c.data() + from, written[k] * sizeof(c[0]));
        };
        move_down(t.group);
        move_down(t.window_start);
        move_down(t.count);
        move_down(t.sum);
        move_down(t.min);
        move_down(t.max);
        move_down(t.mean);
        move_down(t.m2);
      }
      rows += written[k];
    }
    for (auto* c : {&t.group, &t.window_start}) c->resize(rows);
    t.count.resize(rows);
    for (auto* c : {&t.sum, &t.min, &t.max, &t.mean, &t.m2}) {
      if (!c->empty()) c->resize(rows);
    }
    return t;
  }
  const std::uint64_t max_key = static_cast<std::uint64_t>(groups) * windows - 1;
  const unsigned bits = bit_width(max_key);
  auto run = [&](auto key_tag) -> window_table {
    using key_type = decltype(key_tag);
    std::vector<key_type> keys(n);
    std::vector<double> values(n);
    std::size_t k = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (std::isnan(value[i])) continue;
      keys[k] = static_cast<key_type>(static_cast<std::uint64_t>(dense_of_row[i]) * windows + index->index_of(t_ns[i]));
      values[k] = value[i];
      ++k;
    }
    radix_sort(keys, values, bits);
    return reduce(keys, values, windows, ids, *index, options);
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
