// Kernels of the KLL quantile sketch: the sort of level 0 (an LSD radix sort on order-preserving
// 64-bit keys, with an insertion sort for short levels) and branch-free merges of sorted levels.
// Sorting level 0 dominates the cost of an update, so it avoids the unpredictable branches of a
// comparison sort.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "quantile_sketch_kernels.hpp"

namespace numresp::sensors::kll {
namespace {

constexpr std::size_t kInsertionSortMax = 40;
// merge_into gallops when a is this many times longer than b.
constexpr std::size_t kGallopRatio = 8;

void insertion_sort(double* data, std::size_t n) noexcept {
  for (std::size_t i = 1; i < n; ++i) {
    const double v = data[i];
    std::size_t j = i;
    while (j > 0 && v < data[j - 1]) {
      data[j] = data[j - 1];
      --j;
    }
    data[j] = v;
  }
}

// LSD radix sort on a 32-bit digit of the keys: their high 32 bits (sign, exponent, 20 mantissa
// bits), or, `Adaptive`, the 32 highest bits of (key − smallest key) below its highest set bit,
// which spread over the readings' actual range (for readings like 1.7e9 + x, which differ only in
// low mantissa bits). One pass for the four byte histograms, then one scatter pass per byte whose
// values are not all the same (the sign and exponent byte often is). Items with equal digits end
// up adjacent, in arrival order; each such run is then sorted on its own.
template <bool Adaptive>
void radix_sort(double* data, std::size_t n, double* scratch) noexcept {
  std::uint64_t lo = 0;
  unsigned shift = 32;
  if constexpr (Adaptive) {
    lo = sort_key(data[0]);
    std::uint64_t hi = lo;
    for (std::size_t i = 1; i < n; ++i) {
      const std::uint64_t key = sort_key(data[i]);
      lo = key < lo ? key : lo;
      hi = key > hi ? key : hi;
    }
    if (lo == hi) return;  // all equal
    unsigned width = 0;    // bits of hi − lo
    for (std::uint64_t range = hi - lo; range != 0; range >>= 1) ++width;
    shift = width > 32 ? width - 32 : 0;
  }
  const auto digit = [&](double v) -> std::uint64_t {
    if constexpr (Adaptive) {
      return (sort_key(v) - lo) >> shift;
    } else {
      return sort_key(v) >> 32;
    }
  };
  std::array<std::array<std::uint32_t, 256>, 4> count{};
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t d = digit(data[i]);
    for (std::size_t b = 0; b < 4; ++b) ++count[b][(d >> (8 * b)) & 0xFFu];
  }
  double* from = data;
  double* to = scratch;
  const std::uint64_t first = digit(data[0]);
  for (std::size_t b = 0; b < 4; ++b) {
    std::array<std::uint32_t, 256>& c = count[b];
    const unsigned byte_shift = static_cast<unsigned>(8 * b);
    if (c[(first >> byte_shift) & 0xFFu] == n) continue;
    std::uint32_t sum = 0;
    for (std::uint32_t& v : c) {
      const std::uint32_t here = v;
      v = sum;
      sum += here;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double v = from[i];
      to[c[(digit(v) >> byte_shift) & 0xFFu]++] = v;
    }
    std::swap(from, to);
  }
  if (from != data) std::copy(from, from + n, data);
  if (shift == 0) return;  // the digits were the whole keys
  // Runs of equal digits: rare for continuous readings (a run of equal values is already sorted
  // and costs one comparison per item).
  std::size_t i = 0;
  while (i + 1 < n) {
    const std::uint64_t d = digit(data[i]);
    std::size_t j = i + 1;
    while (j < n && digit(data[j]) == d) ++j;
    const std::size_t run = j - i;
    if (run > 1 && !std::is_sorted(data + i, data + j)) {
      if (run <= kInsertionSortMax) {
        insertion_sort(data + i, run);
      } else if constexpr (!Adaptive) {
        radix_sort<true>(data + i, run, scratch);
      } else {  // by key, a total order (−0 before +0) whatever the standard library
        std::sort(data + i, data + j, [](double a, double b) { return sort_key(a) < sort_key(b); });
      }
    }
    i = j;
  }
}

}  // namespace

void sort(double* data, std::size_t n, double* scratch) noexcept {
  if (n <= kInsertionSortMax) {
    insertion_sort(data, n);
  } else {
    radix_sort<false>(data, n, scratch);
  }
}

void merge(const double* a, std::size_t na, const double* b, std::size_t nb, double* out) noexcept {
  // Two independent chains, halving the latency of a branch-free merge: the front one writes the
  // smallest half from the start (a first among equal items), the back one the largest half
  // from the end (b last among equal items), so together they give the stable merge.
  std::size_t fi = 0;
  std::size_t fj = 0;
  std::size_t bi = na;
  std::size_t bj = nb;
  double* front_out = out;
  double* back_out = out + na + nb;
  std::size_t front = (na + nb) / 2;
  std::size_t back = na + nb - front;
  for (;;) {
    // Each chain moves one cursor per step: `steps` steps stay within both arrays.
    const std::size_t steps = std::min({front, back, na - fi, nb - fj, bi, bj});
    if (steps == 0) break;
    for (std::size_t s = 0; s < steps; ++s) {
      const double x = a[fi];
      const double y = b[fj];
      const bool take_b = y < x;
      *front_out++ = take_b ? y : x;
      fj += static_cast<std::size_t>(take_b);
      fi += static_cast<std::size_t>(!take_b);
      const double u = a[bi - 1];
      const double v = b[bj - 1];
      const bool take_a = v < u;
      *--back_out = take_a ? u : v;
      bi -= static_cast<std::size_t>(take_a);
      bj -= static_cast<std::size_t>(!take_a);
    }
    front -= steps;
    back -= steps;
  }
  for (; front > 0; --front) {
    if (fi == na) {
      *front_out++ = b[fj++];
    } else if (fj == nb || !(b[fj] < a[fi])) {
      *front_out++ = a[fi++];
    } else {
      *front_out++ = b[fj++];
    }
  }
  for (; back > 0; --back) {
    if (bi == 0) {
      *--back_out = b[--bj];
    } else if (bj == 0 || b[bj - 1] < a[bi - 1]) {
      *--back_out = a[--bi];
    } else {
      *--back_out = b[--bj];
    }
  }
}

void merge_into(double* a, std::size_t na, const double* b, std::size_t nb, double* scratch) noexcept {
  if (nb * kGallopRatio > na) {
    std::copy(a, a + na, scratch);
    merge(scratch, na, b, nb, a);
    return;
  }
  // Few items into a long level, from the back: find where each goes (searching back from the
  // end of what is left of a) and move the block of a above it in one copy. The write position
  // never passes the unread part of a.
  std::size_t i = na;
  std::size_t j = nb;
  double* out = a + na + nb;
  while (j > 0 && i > 0) {
    const double y = b[j - 1];
    std::size_t step = 1;
    std::size_t lo = i;  // a[lo, i) > y
    while (lo > 0 && y < a[lo - 1]) {
      const std::size_t next = lo > step ? lo - step : 0;
      if (!(y < a[next])) {
        lo = static_cast<std::size_t>(std::upper_bound(a + next, a + lo, y) - a);
        break;
      }
      lo = next;
      step *= 2;
    }
    out = std::copy_backward(a + lo, a + i, out);
    i = lo;
    *--out = y;
    --j;
  }
  std::copy(b, b + j, a);  // what is left of b goes first; the rest of a is in place
}

}  // namespace numresp::sensors::kll
