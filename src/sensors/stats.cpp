#include "numresp/sensors/stats.hpp"

#include <cmath>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "numresp/sensors/serialization.hpp"

namespace numresp::sensors {

void stats::merge(const stats& other) noexcept {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  // Chan, Golub & LeVeque: combine the centred second moments.
  const double na = static_cast<double>(n_);
  const double nb = static_cast<double>(other.n_);
  const double n = na + nb;
  const double delta = other.mean_ - mean_;
  mean_ += delta * (nb / n);
  m2_ += other.m2_ + delta * delta * (na * nb / n);
  n_ += other.n_;
  sum_ += other.sum_;
  if (other.min_ < min_) min_ = other.min_;
  if (other.max_ > max_) max_ = other.max_;
}

stats stats::from_parts(std::uint64_t n, double sum, double min, double max, double mean, double m2) noexcept {
  stats s;
  s.n_ = n;
  s.sum_ = sum;
  s.mean_ = mean;
  s.m2_ = m2;
  if (n > 0) {
    s.min_ = min;
    s.max_ = max;
  }
  return s;
}

std::string stats::serialize() const {
  byte_writer w;
  w.u64(n_);
  w.f64(sum_);
  w.f64(n_ ? min_ : std::nan(""));
  w.f64(n_ ? max_ : std::nan(""));
  w.f64(mean_);
  w.f64(m2_);
  return write_frame(aggregate_type::stats, w.str());
}

absl::StatusOr<stats> stats::deserialize(absl::string_view bytes) {
  absl::StatusOr<frame> f = read_frame(bytes, aggregate_type::stats);
  if (!f.ok()) return f.status();
  byte_reader r(f->payload, frame_header_size);
  std::uint64_t n = 0;
  double sum = 0, min = 0, max = 0, mean = 0, m2 = 0;
  r.u64(n, "n");
  r.f64(sum, "sum");
  r.f64(min, "min");
  r.f64(max, "max");
  r.f64(mean, "mean");
  r.f64(m2, "m2");
  if (r.status().ok() && !r.at_end()) r.fail("payload", "unexpected bytes after the stats fields");
  if (r.status().ok() && n > 0 && !(min <= max)) r.fail("min", "min must not exceed max");
  if (r.status().ok() && !(m2 >= 0) && n > 0) r.fail("m2", "the second moment must be >= 0");
  if (r.status().ok() && n == 0 && (sum != 0 || m2 != 0 || mean != 0)) r.fail("n", "an empty state has non-zero sums");
  if (!r.status().ok()) return r.status();
  return from_parts(n, sum, min, max, mean, m2);
}

}  // namespace numresp::sensors
