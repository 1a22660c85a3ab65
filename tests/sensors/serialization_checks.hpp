// Checks shared by the sensors' serialization tests (tests only): reading test files, rewriting
// golden files on request, and the truncation and corruption sweeps that every state's format
// must survive (an error, or a state that works; never a crash or a read past the bytes).
#ifndef NUMRESP_TESTS_SENSORS_SERIALIZATION_CHECKS_HPP_
#define NUMRESP_TESTS_SENSORS_SERIALIZATION_CHECKS_HPP_

#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "numresp/sensors/serialization.hpp"
#include "numresp/testing/status_matchers.hpp"

namespace numresp::sensors::testing {

/// The bytes of a file; a test failure when it cannot be opened.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Whether NUMRESP_WRITE_GOLDEN=1 asks the tests to rewrite their golden files.
inline bool golden_rewrite_requested() {
  const char* write = std::getenv("NUMRESP_WRITE_GOLDEN");
  return write != nullptr && std::string(write) == "1";
}

/// Writes `bytes` to `path`; a test failure when it cannot.
inline void write_file(const std::string& path, absl::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  EXPECT_TRUE(out.good()) << path;
}

/// Every proper prefix of the state's bytes, and the bytes with one more, are kInvalidArgument.
template <class State>
void expect_truncations_rejected(const State& state) {
  const std::string bytes = state.serialize();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THAT(State::deserialize(bytes.substr(0, n)),
                ::numresp::testing::status_is(absl::StatusCode::kInvalidArgument))
        << n << " bytes";
  }
  EXPECT_THAT(State::deserialize(bytes + '\0'),
              ::numresp::testing::status_is(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("trailing")));
}

/// Every byte of the state's bytes xor-ed with each mask: kInvalidArgument, or a state that
/// round-trips and survives `use(state)`. Returns how many corruptions gave a state.
template <class State, class Use>
int expect_byte_corruptions_safe(const State& state, std::initializer_list<unsigned> masks, const Use& use) {
  const std::string bytes = state.serialize();
  int valid = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (unsigned x : masks) {
      std::string bad = bytes;
      bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ x);
      absl::StatusOr<State> r = State::deserialize(bad);
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
        continue;
      }
      ++valid;
      EXPECT_THAT(State::deserialize(r->serialize()), ::numresp::testing::is_ok());
      use(*r);
    }
  }
  return valid;
}

/// The same behind a valid checksum: every payload byte xor-ed with each mask, framed again as
/// `type`, so that the payload checks alone must reject the bytes or give a state that writes the
/// same bytes back and survives `use(state)`. Returns how many corruptions gave a state.
template <class State, class Use>
int expect_payload_corruptions_safe(const State& state, aggregate_type type, std::initializer_list<unsigned> masks,
                                    const Use& use) {
  const std::string bytes = state.serialize();
  const std::string body = bytes.substr(frame_header_size, bytes.size() - frame_header_size - frame_trailer_size);
  int valid = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    for (unsigned x : masks) {
      std::string bad = body;
      bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ x);
      const std::string framed = write_frame(type, bad);
      absl::StatusOr<State> r = State::deserialize(framed);
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << r.status();
        continue;
      }
      ++valid;
      EXPECT_EQ(r->serialize(), framed);
      use(*r);
    }
  }
  return valid;
}

}  // namespace numresp::sensors::testing

#endif  // NUMRESP_TESTS_SENSORS_SERIALIZATION_CHECKS_HPP_
