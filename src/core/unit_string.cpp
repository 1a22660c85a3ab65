#include "numresp/core/unit_string.hpp"

#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace numresp::units {
namespace {

constexpr std::size_t kLength = static_cast<std::size_t>(base_dimension::length);
constexpr std::size_t kMass = static_cast<std::size_t>(base_dimension::mass);
constexpr std::size_t kTime = static_cast<std::size_t>(base_dimension::time);
constexpr std::size_t kInformation = static_cast<std::size_t>(base_dimension::information);
constexpr std::size_t kCo2e = static_cast<std::size_t>(base_dimension::co2e);
constexpr std::size_t kSbEq = static_cast<std::size_t>(base_dimension::sb_eq);

constexpr dimension make_dimension(std::initializer_list<std::pair<std::size_t, int>> exponents) {
  dimension d;
  for (const auto& [index, exponent] : exponents) d.exponents[index] = exponent;
  return d;
}

constexpr dimension kDimensionless{};
constexpr dimension kCo2eMass = make_dimension({{kCo2e, 1}});
constexpr dimension kSbEqMass = make_dimension({{kSbEq, 1}});
constexpr dimension kPlainMass = make_dimension({{kMass, 1}});
constexpr dimension kInformationDim = make_dimension({{kInformation, 1}});
constexpr dimension kEnergy = make_dimension({{kLength, 2}, {kMass, 1}, {kTime, -2}});
constexpr dimension kPower = make_dimension({{kLength, 2}, {kMass, 1}, {kTime, -3}});
constexpr dimension kTimeDim = make_dimension({{kTime, 1}});
constexpr dimension kVolume = make_dimension({{kLength, 3}});
constexpr dimension kLengthDim = make_dimension({{kLength, 1}});

/// A symbol: what it measures and how big one is in canonical units.
struct symbol {
  absl::string_view name;
  double scale;
  dimension dim;
};

/// Symbols taken as they are (no prefix).
constexpr symbol kPlainSymbols[] = {
    {"1", 1.0, kDimensionless},
    {"%", 0.01, kDimensionless},
    // Counts: dimensionless, so that "kgCO2e/email" reads as CO2e mass.
    {"unit", 1.0, kDimensionless},
    {"item", 1.0, kDimensionless},
    {"device", 1.0, kDimensionless},
    {"email", 1.0, kDimensionless},
    {"visit", 1.0, kDimensionless},
    {"page", 1.0, kDimensionless},
    {"pageview", 1.0, kDimensionless},
    {"request", 1.0, kDimensionless},
    {"search", 1.0, kDimensionless},
    {"person", 1.0, kDimensionless},
    {"user", 1.0, kDimensionless},
    // Time (not prefixable, except the SI second below).
    {"min", 60.0, kTimeDim},
    {"h", 3600.0, kTimeDim},
    {"hour", 3600.0, kTimeDim},
    {"d", 86400.0, kTimeDim},
    {"day", 86400.0, kTimeDim},
    {"year", 365.0 * 86400.0, kTimeDim},
    {"yr", 365.0 * 86400.0, kTimeDim},
    // Tonnes.
    {"t", 1e3, kPlainMass},
    {"kt", 1e6, kPlainMass},
    {"Mt", 1e9, kPlainMass},
    {"tCO2e", 1e6, kCo2eMass},
    {"ktCO2e", 1e9, kCo2eMass},
    {"MtCO2e", 1e12, kCo2eMass},
    {"tCO2eq", 1e6, kCo2eMass},
    // Binary multiples of the byte.
    {"KiB", 1024.0, kInformationDim},
    {"MiB", 1048576.0, kInformationDim},
    {"GiB", 1073741824.0, kInformationDim},
    {"TiB", 1099511627776.0, kInformationDim},
    {"bit", 0.125, kInformationDim},
};

/// Symbols that take an SI prefix (k, M, G, ...), with the size of the unprefixed unit.
constexpr symbol kPrefixableSymbols[] = {
    {"g", 1e-3, kPlainMass},   {"gCO2e", 1.0, kCo2eMass},  {"gCO2eq", 1.0, kCo2eMass},  {"gCO2-eq", 1.0, kCo2eMass},
    {"gSbeq", 1.0, kSbEqMass}, {"gSb-eq", 1.0, kSbEqMass}, {"B", 1.0, kInformationDim}, {"o", 1.0, kInformationDim},
    {"J", 1.0, kEnergy},       {"Wh", 3600.0, kEnergy},    {"W", 1.0, kPower},          {"L", 1e-3, kVolume},
    {"l", 1e-3, kVolume},      {"m", 1.0, kLengthDim},     {"s", 1.0, kTimeDim},
};

struct prefix {
  absl::string_view text;
  double factor;
};

/// SI prefixes; "u" stands for micro too.
constexpr prefix kPrefixes[] = {{"P", 1e15}, {"T", 1e12}, {"G", 1e9},  {"M", 1e6},  {"k", 1e3},
                                {"c", 1e-2}, {"m", 1e-3}, {"µ", 1e-6}, {"u", 1e-6}, {"n", 1e-9}};

bool find_symbol(absl::string_view name, double& scale, dimension& dim) {
  for (const symbol& s : kPlainSymbols) {
    if (s.name == name) {
      scale = s.scale;
      dim = s.dim;
      return true;
    }
  }
  for (const symbol& s : kPrefixableSymbols) {
    if (s.name == name) {
      scale = s.scale;
      dim = s.dim;
      return true;
    }
  }
  for (const prefix& p : kPrefixes) {
    if (!absl::StartsWith(name, p.text)) continue;
    absl::string_view rest = name.substr(p.text.size());
    for (const symbol& s : kPrefixableSymbols) {
      if (s.name == rest) {
        scale = p.factor * s.scale;
        dim = s.dim;
        return true;
      }
    }
  }
  return false;
}

bool is_symbol_char(unsigned char c) { return absl::ascii_isalnum(c) || c == '%' || c == '-' || c == '_' || c >= 0x80; }

bool is_digit_run(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

absl::Status parse_error(absl::string_view text, std::size_t offset, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("unit \"", text, "\": ", what, " at byte offset ", offset));
}

/// Parses an integer exponent from `s` (after `^`): an optional sign then digits.
bool parse_exponent(absl::string_view s, int& out) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (!is_digit_run(s) || s.size() > 2) return false;
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  out = negative ? -value : value;
  return true;
}

/// Is `r` (a ratio of two scales) an integer, up to the rounding of the scales themselves?
bool near_integer(double r, double& rounded) {
  rounded = std::round(r);
  return rounded >= 1.0 && std::abs(r - rounded) <= 1e-9 * rounded;
}

}  // namespace

std::string dimension::to_string() const {
  struct named {
    dimension dim;
    absl::string_view name;
  };
  static constexpr named kNames[] = {
      {kDimensionless, "dimensionless"},
      {kCo2eMass, "CO2e mass"},
      {kSbEqMass, "Sb-eq mass"},
      {kPlainMass, "mass"},
      {kInformationDim, "data volume"},
      {kEnergy, "energy"},
      {kPower, "power"},
      {kTimeDim, "duration"},
      {kVolume, "volume"},
      {kLengthDim, "length"},
  };
  for (const named& n : kNames) {
    if (n.dim == *this) return std::string(n.name);
  }
  // A ratio of two named dimensions ("CO2e mass / energy").
  for (const named& num : kNames) {
    for (const named& den : kNames) {
      if (num.dim.is_dimensionless() || den.dim.is_dimensionless()) continue;
      dimension ratio;
      for (std::size_t i = 0; i < ratio.exponents.size(); ++i) {
        ratio.exponents[i] = num.dim.exponents[i] - den.dim.exponents[i];
      }
      if (ratio == *this) return absl::StrCat(num.name, " / ", den.name);
    }
  }
  static constexpr absl::string_view kBaseNames[] = {"length", "mass", "time", "information", "CO2e", "Sb-eq"};
  std::string out;
  for (std::size_t i = 0; i < exponents.size(); ++i) {
    if (exponents[i] == 0) continue;
    if (!out.empty()) out += ' ';
    absl::StrAppend(&out, kBaseNames[i]);
    if (exponents[i] != 1) absl::StrAppend(&out, "^", exponents[i]);
  }
  return out;
}

absl::StatusOr<unit_spec> parse_unit(absl::string_view text) {
  // Work on the text with whitespace removed; offsets in messages refer to that form.
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) compact += c;
  }
  if (compact.empty()) return absl::InvalidArgumentError(absl::StrCat("unit \"", text, "\": empty unit"));

  unit_spec result;
  result.text = compact;
  const absl::string_view s = compact;
  std::size_t i = 0;
  int sign = 1;  // +1 for a numerator term, -1 after '/'
  bool expect_term = true;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (!expect_term) {
      // An operator between terms: '*', '.', '/' or the middle dot U+00B7 (C2 B7).
      if (c == '*' || c == '.') {
        sign = 1;
        ++i;
      } else if (c == '/') {
        sign = -1;
        ++i;
      } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB7) {
        sign = 1;
        i += 2;
      } else {
        return parse_error(text, i, absl::StrCat("expected '*', '.' or '/' but found '", s.substr(i, 1), "'"));
      }
      expect_term = true;
      continue;
    }
    if (c == '(' || c == ')') return parse_error(text, i, "parentheses are not supported");
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB7) {
      return parse_error(text, i, "a term is missing");
    }
    // A term: a symbol, optionally followed by "^exponent".
    const std::size_t start = i;
    while (i < s.size() && is_symbol_char(static_cast<unsigned char>(s[i])) &&
           !(static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
             static_cast<unsigned char>(s[i + 1]) == 0xB7)) {
      ++i;
    }
    if (i == start) return parse_error(text, start, "a term is missing");
    absl::string_view name = s.substr(start, i - start);
    int exponent = 1;
    if (i < s.size() && s[i] == '^') {
      const std::size_t exp_start = ++i;
      if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
      while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (!parse_exponent(s.substr(exp_start, i - exp_start), exponent)) {
        return parse_error(text, exp_start, "malformed exponent after '^'");
      }
    }
    double scale = 1.0;
    dimension dim;
    if (!find_symbol(name, scale, dim)) {
      // Trailing digits as an exponent: "m3", "m2".
      std::size_t digits = name.size();
      while (digits > 0 && absl::ascii_isdigit(static_cast<unsigned char>(name[digits - 1]))) --digits;
      int trailing = 1;
      if (digits == 0 || digits == name.size() || exponent != 1 || !parse_exponent(name.substr(digits), trailing) ||
          !find_symbol(name.substr(0, digits), scale, dim)) {
        return parse_error(text, start, absl::StrCat("unknown symbol \"", name, "\""));
      }
      exponent = trailing;
    }
    const int term_power = sign * exponent;
    // Repeated exact operations rather than pow(): dividing by 3.6e6 rounds once, multiplying by
    // pow(3.6e6, -1) rounds twice.
    for (int k = 0; k < (term_power < 0 ? -term_power : term_power); ++k) {
      result.scale = term_power < 0 ? result.scale / scale : result.scale * scale;
    }
    for (std::size_t k = 0; k < dim.exponents.size(); ++k) {
      result.dim.exponents[k] += term_power * dim.exponents[k];
    }
    expect_term = false;
    sign = 1;
  }
  if (expect_term) return parse_error(text, s.size(), "a term is missing after the last operator");
  return result;
}

double rescale(double value, const unit_spec& from, const unit_spec& to) noexcept {
  if (from.scale == to.scale) return value;
  // Prefer an exact integer factor: dividing by 1000 is correctly rounded, multiplying by 0.001
  // is not (0.001 is not a double).
  double rounded = 0.0;
  if (near_integer(to.scale / from.scale, rounded)) return value / rounded;
  if (near_integer(from.scale / to.scale, rounded)) return value * rounded;
  return value * (from.scale / to.scale);
}

absl::StatusOr<double> convert(double value, const unit_spec& from, const unit_spec& to) {
  if (from.dim != to.dim) {
    return absl::InvalidArgumentError(absl::StrCat("cannot convert from \"", from.text, "\" (", from.dim.to_string(),
                                                   ") to \"", to.text, "\" (", to.dim.to_string(),
                                                   "): the dimensions differ"));
  }
  return rescale(value, from, to);
}

absl::StatusOr<double> convert(double value, absl::string_view from, absl::string_view to) {
  absl::StatusOr<unit_spec> from_spec = parse_unit(from);
  if (!from_spec.ok()) return from_spec.status();
  absl::StatusOr<unit_spec> to_spec = parse_unit(to);
  if (!to_spec.ok()) return to_spec.status();
  return convert(value, *from_spec, *to_spec);
}

}  // namespace numresp::units
