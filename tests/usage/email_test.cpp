// Tests of numresp/usage/email.hpp: ADEME's own evaluations of its ACV numérique model 2.1.0
// (every email row of tests/data/ademe/usage_golden.csv), Impact CO2's published stages, hand
// computations, spam, and every bad input.
#include "numresp/usage/email.hpp"

#include <limits>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ademe_golden.hpp"
#include "numresp/testing/status_matchers.hpp"

namespace numresp::usage {
namespace {

using ::numresp::testing::is_ok;
using ::numresp::testing::status_is;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

double grams(units::co2e_mass m) { return m / units::gram_co2e; }

email_model make(const email_options& o = {}, const factors::factor_set& set = factors::default_set()) {
  absl::StatusOr<email_model> m = email_model::create(set, o);
  EXPECT_THAT(m, is_ok());
  return *m;
}

TEST(usage_email, ReproducesAdemeGrid) {
  const std::vector<golden::row> rows = golden::rows_of("email");
  ASSERT_EQ(rows.size(), 30u);
  for (const golden::row& r : rows) {
    SCOPED_TRACE(r.source);
    email_options o;
    o.on = *parse_device(r.device);
    o.sender_network = o.recipient_network = *parse_network(r.network);
    const footprint f = make(o).compute(std::stod(r.size_mb) * units::megabyte, 1);
    EXPECT_TRUE(golden::matches(r.total, grams(f.total)));
    EXPECT_TRUE(golden::matches(r.devices, grams(f.devices())));
    EXPECT_TRUE(golden::matches(r.transmission, grams(f.transmission)));
    EXPECT_TRUE(golden::matches(r.data_center, grams(f.data_center())));
  }
}

TEST(usage_email, KeyFiguresOfTheModel) {
  const email_model m = make();
  // 1.9364 / 3.0020 / 7.2641 g (usage_grid csv), to half a unit of the 5th significant figure.
  EXPECT_NEAR(m.total_g(75'000), 1.9364, 5e-5);
  EXPECT_NEAR(m.total_g(1'075'000), 3.0020, 5e-5);
  EXPECT_NEAR(m.total_g(5'075'000), 7.2641, 5e-5);
  // research/factors.md §3b: "each extra recipient adds ≈0.6 g (1 MB email: 3.56 g for 2 recipients)".
  EXPECT_NEAR(m.total_g(1e6, 2), 3.56, 0.005);
  EXPECT_NEAR(m.total_g(1e6, 2) - m.total_g(1e6, 1), 0.6, 0.05);
}

TEST(usage_email, PublishedStagesOfImpactCo2) {
  // Impact CO2's published email (usagenumerique.ts) has the model's transmission and data-centre
  // construction of a 1 MB email with 1 recipient: 0.00003580927 and 0.00093525547 kg.
  const footprint f = make().compute(1.0 * units::megabyte, 1);
  EXPECT_NEAR(grams(f.transmission), 0.03580927, 5e-9);
  EXPECT_NEAR(grams(f.data_center_construction), 0.93525547, 5e-9);
}

TEST(usage_email, HandComputedSmartphoneDevices) {
  email_options o;
  o.on = device::smartphone;
  const footprint f = make(o).compute(0.075 * units::megabyte, 1);
  // 3 min writing + 10 s reading = 190 s.
  // Use: 4.5 W × 190 s = 855 J = 0.2375 Wh, × 0.0519 g/Wh.
  EXPECT_NEAR(grams(f.device_use), 0.2375 * 0.0519, 1e-12);
  // Construction: (77000 + 2270 + 246) g × 190 s / (2.5 years × 365 d × 3 h/d × 3600 s/h).
  EXPECT_NEAR(grams(f.device_construction), 79516.0 * 190 / (2.5 * 365 * 3 * 3600), 1e-12);
}

TEST(usage_email, HandComputedTransmission) {
  // 1 MB to 2 recipients on fixed FR: the email once from the sender and once per recipient, and
  // per recipient (1 + 3 + 3) backup transfers on the fixed network without the box; the model
  // divides MB by 1024 to get its GB.
  const footprint f = make().compute(1.0 * units::megabyte, 2);
  const double expected = (9.26934695867389 * (1 + 2) + 2 * 2.59 * (1 + 3 + 3)) / 1024;
  EXPECT_NEAR(grams(f.transmission), expected, 1e-12);
  email_options mobile;
  mobile.sender_network = mobile.recipient_network = network::mobile_fra;
  const footprint g = make(mobile).compute(1.0 * units::megabyte, 2);
  EXPECT_NEAR(grams(g.transmission), (24.6836791969497 * 3 + 2 * 2.59 * 7) / 1024, 1e-12);
}

TEST(usage_email, HandComputedDataCentreUse) {
  // Per side: 0.22 W × 24 h / 117.7 emails + 1 MB × 3 copies / (3.5524 TB × 1024 × 1024 MB ×
  // 50 %) × 6 W × 8760 h × 10 years, × PUE 1.16 / 1000 × 51.9 g/kWh; the recipient side is the
  // sender's × recipients.
  const double capacity_mb = 3.5524 * 1024 * 1024;
  const double wh = 0.22 * 24 / 117.7 + (1.0 * 3 / (capacity_mb * 0.5)) * 6 * 24 * 365 * 10;
  const double side_g = wh * 1.16 / 1000 * 51.9;
  const footprint f = make().compute(1.0 * units::megabyte, 3);
  EXPECT_NEAR(grams(f.data_center_use), side_g * (1 + 3), 1e-12);
}

TEST(usage_email, BreakdownAddsUp) {
  const footprint f = make().compute(2.5 * units::megabyte, 4.5);
  EXPECT_NEAR(
      grams(f.total),
      grams(f.device_construction + f.device_use + f.transmission + f.data_center_construction + f.data_center_use),
      1e-12);
  EXPECT_NEAR(grams(f.total), make().total_g(2.5e6, 4.5), 1e-12);
}

TEST(usage_email, SizeZeroIsNoEmail) {
  // The model's rule "email": si taille > 0 et destinataires > 0, sinon 0.
  EXPECT_EQ(grams(make().compute(0.0 * units::byte, 1).total), 0.0);
  EXPECT_EQ(make().total_g(0, 1), 0.0);
}

TEST(usage_email, RecipientsAreLinearInTheModel) {
  const email_model m = make();
  const double one = m.total_g(1e6, 1);
  const double two = m.total_g(1e6, 2);
  const double three = m.total_g(1e6, 3);
  EXPECT_NEAR(three - two, two - one, 1e-12);
  EXPECT_GT(m.total_g(1e6, 1.5), one) << "fractional recipients (an average) are allowed";
}

TEST(usage_email, FreeFunctionAndBulkAgree) {
  absl::StatusOr<footprint> f = email(1.075 * units::megabyte, 2);
  ASSERT_THAT(f, is_ok());
  const email_model m = make();
  EXPECT_NEAR(grams(f->total), m.total_g(1.075e6, 2), 1e-12);
  const std::vector<double> sizes = {75e3, 1.075e6, 5.075e6, 0};
  std::vector<double> out(sizes.size());
  ASSERT_THAT(m.total_g(sizes, std::vector<double>{1}, absl::MakeSpan(out)), is_ok());
  for (std::size_t i = 0; i < sizes.size(); ++i) EXPECT_EQ(out[i], m.total_g(sizes[i], 1));
  const std::vector<double> recipients = {1, 2, 3, 4};
  ASSERT_THAT(m.total_g(sizes, recipients, absl::MakeSpan(out)), is_ok());
  for (std::size_t i = 0; i < sizes.size(); ++i) EXPECT_EQ(out[i], m.total_g(sizes[i], recipients[i]));
}

TEST(usage_email, BadInputs) {
  EXPECT_THAT(email(-1.0 * units::byte),
              status_is(absl::StatusCode::kInvalidArgument, AllOf(HasSubstr("size = -1"), HasSubstr("bytes"))));
  EXPECT_THAT(email(kNaN * units::byte), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("size = nan")));
  EXPECT_THAT(email(kInf * units::byte), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("size = inf")));
  EXPECT_THAT(email(1.0 * units::megabyte, 0),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("recipients = 0")));
  EXPECT_THAT(email(1.0 * units::megabyte, -2),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("recipients = -2")));
  EXPECT_THAT(email(1.0 * units::megabyte, kNaN),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("recipients = nan")));
  EXPECT_THAT(email(1.0 * units::megabyte, kInf),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("recipients = inf")));
}

TEST(usage_email, BulkNamesTheFirstBadIndex) {
  const email_model m = make();
  std::vector<double> out(3);
  EXPECT_THAT(m.total_g(std::vector<double>{1, 2, -3}, std::vector<double>{1}, absl::MakeSpan(out)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("size[2] = -3")));
  EXPECT_THAT(m.total_g(std::vector<double>{1, 2, 3}, std::vector<double>{1, 0, 1}, absl::MakeSpan(out)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("recipients[1] = 0")));
  EXPECT_THAT(m.total_g(std::vector<double>{1, 2}, std::vector<double>{1}, absl::MakeSpan(out)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("room for 3")));
  EXPECT_THAT(m.total_g(std::vector<double>{1, 2, 3}, std::vector<double>{1, 1}, absl::MakeSpan(out)),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("2 recipient counts")));
}

TEST(usage_email, ChoicesTheModelDoesNotOffer) {
  email_options tv;
  tv.on = device::television;
  EXPECT_THAT(email_model::create(factors::default_set(), tv),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("device = television")));
  email_options no_box;
  no_box.recipient_network = network::fixed_excl_box_fra;
  EXPECT_THAT(email_model::create(factors::default_set(), no_box),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("recipient_network = fixed_excl_box_fra")));
}

TEST(usage_email, UnknownNamesAreNotFound) {
  EXPECT_THAT(parse_network("wifi"),
              status_is(absl::StatusCode::kNotFound, AllOf(HasSubstr("network = \"wifi\""), HasSubstr("fixed_fra"))));
  EXPECT_THAT(parse_device("fax"),
              status_is(absl::StatusCode::kNotFound, AllOf(HasSubstr("device = \"fax\""), HasSubstr("laptop"))));
  EXPECT_THAT(parse_spam_figure("exact"), status_is(absl::StatusCode::kNotFound, HasSubstr("figure = \"exact\"")));
  for (network n : {network::fixed_fra, network::mobile_fra, network::fixed_eu, network::mobile_eu,
                    network::fixed_excl_box_fra, network::fixed_excl_box_eu}) {
    EXPECT_THAT(parse_network(to_string(n)), ::numresp::testing::is_ok_and_holds(n));
  }
}

TEST(usage_email, BadParameters) {
  absl::StatusOr<email_parameters> p = email_parameters::from_factors();
  ASSERT_THAT(p, is_ok());
  email_parameters q = *p;
  q.storage_fill_rate = 0;
  EXPECT_THAT(email_model::create(q),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("storage_fill_rate = 0")));
  q = *p;
  q.reading_time = -1.0 * units::second;
  EXPECT_THAT(email_model::create(q), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("reading_time = -1")));
  q = *p;
  q.devices.laptop = kNaN;
  EXPECT_THAT(email_model::create(q), status_is(absl::StatusCode::kInvalidArgument, HasSubstr("devices.laptop = nan")));
  q = *p;
  q.shared.devices.tablet.lifetime = 0.0 * units::year;
  EXPECT_THAT(email_model::create(q),
              status_is(absl::StatusCode::kInvalidArgument, HasSubstr("devices.tablet.lifetime = 0")));
}

TEST(usage_email, OtherFactorSets) {
  // A set without the model's factors.
  EXPECT_THAT(email_model::create(factors::get_set("swd-v4")->get()),
              status_is(absl::StatusCode::kNotFound, HasSubstr("device.smartphone")));
  // Older ADEME sets describe devices differently: the error says which built-in sets work.
  EXPECT_THAT(email_model::create(factors::get_set("ademe-2022")->get()),
              status_is(absl::StatusCode::kNotFound,
                        HasSubstr("factor set ademe-2022 has no \"device.smartphone.gwp.distribution\"")));
  EXPECT_THAT(email_model::create(factors::get_set("ademe-2024")->get()),
              status_is(absl::StatusCode::kNotFound, HasSubstr("built-in sets that carry them: ademe-2025 (")));
  // An overridden set: no writing time leaves the 10 s of reading on the devices.
  factors::factor_override zero;
  zero.id = "email.model.writing_time";
  zero.value = 0;
  zero.origin = "test";
  absl::StatusOr<factors::factor_set> no_writing = factors::default_set().with_overrides({zero});
  ASSERT_THAT(no_writing, is_ok());
  const footprint base = make().compute(75e3 * units::byte, 1);
  const footprint f = make({}, *no_writing).compute(75e3 * units::byte, 1);
  EXPECT_NEAR(grams(f.devices()), grams(base.devices()) * 10 / 190, 1e-12);
  EXPECT_NEAR(grams(f.transmission), grams(base.transmission), 1e-15);
}

TEST(usage_email, FactorIdsAllExist) {
  for (const std::string& id : email_parameters::factor_ids()) {
    EXPECT_NE(factors::default_set().find(id), nullptr) << id;
  }
}

TEST(usage_spam, PublishedAndCorrected) {
  for (const golden::row& r : golden::rows_of("spam")) {
    SCOPED_TRACE(r.source);
    absl::StatusOr<footprint> f = spam(*parse_spam_figure(r.quality));
    ASSERT_THAT(f, is_ok());
    EXPECT_TRUE(golden::matches(r.total, grams(f->total)));
    EXPECT_TRUE(golden::matches(r.transmission, grams(f->transmission)));
    EXPECT_TRUE(golden::matches(r.data_center, grams(f->data_center())));
    EXPECT_EQ(grams(f->devices()), 0.0) << "a spam is not read";
    EXPECT_NEAR(grams(f->total), grams(f->transmission + f->data_center()), 1e-9);
  }
  // The corrected transmission is the model's for a simple 0.075 MB email (0.0026857 g).
  absl::StatusOr<footprint> corrected = spam(spam_figure::corrected);
  ASSERT_THAT(corrected, is_ok());
  EXPECT_NEAR(grams(corrected->transmission), grams(make().compute(75e3 * units::byte, 1).transmission), 5e-8);
  EXPECT_THAT(spam(spam_figure::published, factors::get_set("swd-v4")->get()),
              status_is(absl::StatusCode::kNotFound, HasSubstr("usage.spam")));
}

}  // namespace
}  // namespace numresp::usage
