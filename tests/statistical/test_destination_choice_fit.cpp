// links: migsim_engine migsim_calibration
// The destination-choice fit (calibration/destination_choice_fit.hpp) recovers known parameters
// from moves drawn with the engine's own choice (InternalMigrationDestinations, fixed seeds):
// 25 areas with known points and populations, a_jg varied, D_g = 30, 80, 60, 120 km, and 200,000
// moves a year between the areas (Denmark's moves between municipalities are of that size: about
// 200,000 a year, docs/model.md, "moves between areas"), split by age group as the model migration
// schedule has them (Rogers & Castro 1981).
//  - one data set: every parameter within 4 of its standard errors of the truth (100 parameters:
//    with 3 SE one of them would be beyond by chance in 1 data set of 4; 4 SE keeps the family-wise
//    chance near 0.6 %);
//  - R = 100 replicate data sets: each parameter's mean within 4 SE of the mean of the truth, and
//    the standard error from the fit (the sandwich with the exact multinomial covariance) against
//    the spread of the estimates: empirical SD / mean fitted SE within 1 +- 4 / sqrt(2 (R - 1)),
//    the sampling error of an SD from R replicates.
// Power: the SE of log D_g is 0.5 % to 2 %, of a_jg 1 % to 8 %; leaving the origin among the
// destinations in the fit, or a decay wrong by 5 %, moves estimates by tens of SE.
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <pcg_random.hpp>

#include "calibration/destination_choice_fit.hpp"
#include "core/rng.hpp"
#include "processes/internal_migration.hpp"
#include "processes/internal_migration_settings.hpp"

namespace migsim {
namespace {

constexpr int n_areas = 25;
constexpr int groups = n_mover_age_groups;
constexpr double moves_per_year = 200000.0;
/// Shares of the moves by mover age group: 0-17, 18-29, 30-64, 65+ (the labour-force peak of the
/// schedule holds the most; the 65+ fewest).
constexpr std::array<double, groups> group_share = {0.20, 0.42, 0.32, 0.06};
constexpr std::array<double, groups> true_decay_km = {30.0, 80.0, 60.0, 120.0};

struct KnownModel {
    std::vector<SmallArea> areas;
    std::vector<std::size_t> population;
    Eigen::MatrixXd distance_km;
    Eigen::MatrixXd log_attraction; ///< n x G, row 0 zero (the reference)
    Eigen::MatrixXd moves_out;      ///< n x G: O_ig, in proportion to population
    InternalMigrationSettings settings;
};

KnownModel known_model() {
    KnownModel model;
    // Points in a 300 x 250 km country and populations from 8,000 to about 600,000, from a fixed seed.
    pcg32 layout(20261207u, 1u);
    for (int j = 0; j < n_areas; ++j) {
        SmallArea area;
        area.label = synthetic_area_label(j);
        area.x_km = 300.0 * uniform01(layout);
        area.y_km = 250.0 * uniform01(layout);
        model.areas.push_back(area);
        model.population.push_back(static_cast<std::size_t>(8000.0 * std::exp(4.3 * uniform01(layout))));
    }
    model.distance_km.resize(n_areas, n_areas);
    for (int i = 0; i < n_areas; ++i)
        for (int j = 0; j < n_areas; ++j)
            model.distance_km(i, j) = std::sqrt(std::pow(model.areas[static_cast<std::size_t>(i)].x_km -
                                                             model.areas[static_cast<std::size_t>(j)].x_km,
                                                         2) +
                                                std::pow(model.areas[static_cast<std::size_t>(i)].y_km -
                                                             model.areas[static_cast<std::size_t>(j)].y_km,
                                                         2));
    // Attractions between about -0.8 and 0.8, different for every group.
    model.log_attraction.resize(n_areas, groups);
    for (int j = 0; j < n_areas; ++j)
        for (int g = 0; g < groups; ++g)
            model.log_attraction(j, g) = j == 0 ? 0.0 : 0.8 * std::sin(1.7 * j + 2.3 * g + 0.4 * j * g);
    double total = 0.0;
    for (const std::size_t p : model.population)
        total += static_cast<double>(p);
    model.moves_out.resize(n_areas, groups);
    for (int i = 0; i < n_areas; ++i)
        for (int g = 0; g < groups; ++g)
            model.moves_out(i, g) =
                std::round(moves_per_year * group_share[static_cast<std::size_t>(g)] *
                           static_cast<double>(model.population[static_cast<std::size_t>(i)]) / total);
    model.settings.population_exponent = 1.0;
    for (int j = 0; j < n_areas; ++j)
        for (int g = 0; g < groups; ++g)
            model.settings.log_attraction.push_back(model.log_attraction(j, g));
    model.settings.distance_decay_by_age.assign(true_decay_km.begin(), true_decay_km.end());
    return model;
}

/// One year's moves drawn with the engine's destination choice: the register's counts.
DestinationChoiceData simulated_moves(const KnownModel& model,
                                      const InternalMigrationDestinations& destinations,
                                      std::uint64_t replicate) {
    DestinationChoiceData data;
    data.distance_km = model.distance_km;
    data.population.resize(n_areas);
    for (int j = 0; j < n_areas; ++j)
        data.population(j) = static_cast<double>(model.population[static_cast<std::size_t>(j)]);
    data.population_exponent = model.settings.population_exponent;
    data.moves_out.resize(n_areas, groups);
    data.arrivals.resize(n_areas, groups);
    data.distance_moved_km.resize(groups);
    pcg32 generator(7001u + replicate, 2u * replicate + 1u);
    for (int g = 0; g < groups; ++g) {
        Eigen::MatrixXd flows = Eigen::MatrixXd::Zero(n_areas, n_areas);
        for (int i = 0; i < n_areas; ++i)
            for (int m = 0; m < static_cast<int>(model.moves_out(i, g)); ++m)
                flows(i, destinations.choose(i, g, generator)) += 1.0;
        const FlowMargins margins = flow_margins(flows, model.distance_km);
        data.moves_out.col(g) = margins.moves_out;
        data.arrivals.col(g) = margins.arrivals;
        data.distance_moved_km(g) = margins.distance_moved_km;
    }
    return data;
}

/// The true parameters of group g in the fit's order: a_1..a_{n-1}, log D.
Eigen::VectorXd truth(const KnownModel& model, int g) {
    Eigen::VectorXd theta(n_areas);
    theta.head(n_areas - 1) = model.log_attraction.col(g).tail(n_areas - 1);
    theta(n_areas - 1) = std::log(true_decay_km[static_cast<std::size_t>(g)]);
    return theta;
}

Eigen::VectorXd estimates(const DestinationChoiceGroupFit& fit) {
    Eigen::VectorXd theta(n_areas);
    theta.head(n_areas - 1) = fit.log_attraction.tail(n_areas - 1);
    theta(n_areas - 1) = fit.log_decay;
    return theta;
}

Eigen::VectorXd standard_errors(const DestinationChoiceGroupFit& fit) {
    Eigen::VectorXd se(n_areas);
    se.head(n_areas - 1) = fit.log_attraction_se.tail(n_areas - 1);
    se(n_areas - 1) = fit.log_decay_se;
    return se;
}

TEST(DestinationChoiceFit, OneDataSetRecoversEveryParameterWithinItsStandardErrors) {
    const KnownModel model = known_model();
    InternalMigrationDestinations destinations(model.settings, model.areas);
    destinations.update(model.population);
    const DestinationChoiceData data = simulated_moves(model, destinations, 0);
    EXPECT_NEAR(data.moves_out.sum(), moves_per_year, 10.0);
    const DestinationChoiceFitResult result = fit_destination_choice(data);
    ASSERT_TRUE(result.ok()) << result.error;
    int beyond_three = 0;
    for (int g = 0; g < groups; ++g) {
        const DestinationChoiceGroupFit& fit = result.fit->groups[static_cast<std::size_t>(g)];
        EXPECT_TRUE(fit.converged) << "group " << g;
        EXPECT_LT(fit.iterations, 30);
        const Eigen::VectorXd z = (estimates(fit) - truth(model, g)).cwiseQuotient(standard_errors(fit));
        for (int k = 0; k < n_areas; ++k) {
            EXPECT_LT(std::abs(z(k)), 4.0) << "group " << g << " parameter " << k;
            beyond_three += std::abs(z(k)) > 3.0;
        }
        // The sandwich and the inverse information agree at the estimate (the multinomial is the
        // model's own likelihood): a check of the two computations against each other.
        EXPECT_LT((fit.covariance - fit.model_covariance).cwiseAbs().maxCoeff(),
                  1e-6 * fit.model_covariance.cwiseAbs().maxCoeff());
        std::printf("group %d: D = %.2f km (SE %.2f, truth %.0f)\n", g, fit.decay_km,
                    fit.decay_km * fit.log_decay_se, true_decay_km[static_cast<std::size_t>(g)]);
    }
    std::printf("parameters beyond 3 SE: %d of %d\n", beyond_three, groups * n_areas);
}

TEST(DestinationChoiceFit, FittedStandardErrorsMatchTheSpreadOverReplicates) {
    const KnownModel model = known_model();
    InternalMigrationDestinations destinations(model.settings, model.areas);
    destinations.update(model.population);
    constexpr int replicates = 100;
    std::array<Eigen::MatrixXd, groups> estimate, se;
    for (int g = 0; g < groups; ++g) {
        estimate[static_cast<std::size_t>(g)].resize(n_areas, replicates);
        se[static_cast<std::size_t>(g)].resize(n_areas, replicates);
    }
    for (int r = 0; r < replicates; ++r) {
        const DestinationChoiceFitResult result =
            fit_destination_choice(simulated_moves(model, destinations, static_cast<std::uint64_t>(r + 1)));
        ASSERT_TRUE(result.ok()) << result.error;
        for (int g = 0; g < groups; ++g) {
            const auto& fit = result.fit->groups[static_cast<std::size_t>(g)];
            ASSERT_TRUE(fit.converged);
            estimate[static_cast<std::size_t>(g)].col(r) = estimates(fit);
            se[static_cast<std::size_t>(g)].col(r) = standard_errors(fit);
        }
    }
    const double ratio_tolerance = 4.0 / std::sqrt(2.0 * (replicates - 1));
    double worst_ratio = 1.0;
    for (int g = 0; g < groups; ++g) {
        const Eigen::MatrixXd& e = estimate[static_cast<std::size_t>(g)];
        const Eigen::VectorXd mean = e.rowwise().mean();
        const Eigen::VectorXd sd =
            ((e.colwise() - mean).array().square().rowwise().sum() / (replicates - 1)).sqrt();
        const Eigen::VectorXd mean_se = se[static_cast<std::size_t>(g)].rowwise().mean();
        const Eigen::VectorXd expected = truth(model, g);
        for (int k = 0; k < n_areas; ++k) {
            EXPECT_NEAR(mean(k), expected(k), 4.0 * sd(k) / std::sqrt(replicates))
                << "group " << g << " parameter " << k;
            const double ratio = sd(k) / mean_se(k);
            EXPECT_NEAR(ratio, 1.0, ratio_tolerance) << "group " << g << " parameter " << k;
            if (std::abs(ratio - 1.0) > std::abs(worst_ratio - 1.0))
                worst_ratio = ratio;
        }
    }
    std::printf("empirical SD / fitted SE, furthest from 1: %.3f (tolerance 1 +- %.3f)\n", worst_ratio,
                ratio_tolerance);
}

/// The engine's choice with the fitted parameters.
InternalMigrationDestinations fitted_choice(const KnownModel& model, const DestinationChoiceFit& fit) {
    InternalMigrationSettings settings;
    settings.population_exponent = model.settings.population_exponent;
    for (int j = 0; j < n_areas; ++j)
        for (int g = 0; g < groups; ++g)
            settings.log_attraction.push_back(fit.groups[static_cast<std::size_t>(g)].log_attraction(j));
    for (const auto& group : fit.groups)
        settings.distance_decay_by_age.push_back(group.decay_km);
    InternalMigrationDestinations choice(settings, model.areas);
    choice.update(model.population);
    return choice;
}

TEST(DestinationChoiceFit, TheDistanceMovedNotTheArrivalsIdentifiesTheDecay) {
    // The same arrivals with 5 % more km moved: both fits reproduce every arrival exactly (at the
    // estimate the expected arrivals are the observed ones, whatever the decay: the doubly
    // constrained model, Wilson 1970), and their decays differ by far more than their SEs. A fit of
    // the arrivals alone would have nothing to go by.
    const KnownModel model = known_model();
    InternalMigrationDestinations destinations(model.settings, model.areas);
    destinations.update(model.population);
    const DestinationChoiceData data = simulated_moves(model, destinations, 0);
    DestinationChoiceData farther = data;
    farther.distance_moved_km *= 1.05;
    const DestinationChoiceFitResult near_fit = fit_destination_choice(data);
    const DestinationChoiceFitResult far_fit = fit_destination_choice(farther);
    ASSERT_TRUE(near_fit.ok() && far_fit.ok()) << near_fit.error << far_fit.error;
    for (const DestinationChoiceFit* fit : {&*near_fit.fit, &*far_fit.fit}) {
        const InternalMigrationDestinations choice = fitted_choice(model, *fit);
        for (int g = 0; g < groups; ++g)
            for (int j = 0; j < n_areas; ++j) {
                double expected_arrivals = 0.0;
                for (int i = 0; i < n_areas; ++i)
                    expected_arrivals += data.moves_out(i, g) * choice.probability(i, j, g);
                EXPECT_NEAR(expected_arrivals, data.arrivals(j, g), 1e-6 * data.arrivals(j, g))
                    << "group " << g << " area " << j;
            }
    }
    for (int g = 0; g < groups; ++g) {
        const auto& near_group = near_fit.fit->groups[static_cast<std::size_t>(g)];
        const auto& far_group = far_fit.fit->groups[static_cast<std::size_t>(g)];
        EXPECT_GT(far_group.log_decay - near_group.log_decay, 10.0 * near_group.log_decay_se)
            << "group " << g;
    }
}

TEST(DestinationChoiceFit, BadInputIsRefusedWithAMessage) {
    const KnownModel model = known_model();
    InternalMigrationDestinations destinations(model.settings, model.areas);
    destinations.update(model.population);
    const DestinationChoiceData good = simulated_moves(model, destinations, 0);
    const auto refused = [](const DestinationChoiceData& data, const std::string& words) {
        const DestinationChoiceFitResult result = fit_destination_choice(data);
        EXPECT_FALSE(result.ok());
        EXPECT_NE(result.error.find(words), std::string::npos) << result.error;
    };
    DestinationChoiceData negative = good;
    negative.arrivals(3, 1) = -1.0;
    refused(negative, "arrivals must be finite counts >= 0");
    DestinationChoiceData sizes = good;
    sizes.moves_out.conservativeResize(n_areas - 1, groups);
    refused(sizes, "must both be areas x groups");
    DestinationChoiceData unbalanced = good;
    unbalanced.arrivals(2, 0) += 5.0;
    refused(unbalanced, "are not the moves out");
    DestinationChoiceData empty = good;
    empty.arrivals(1, 2) += empty.arrivals(4, 2);
    empty.arrivals(4, 2) = 0.0;
    refused(empty, "no arrivals");
    DestinationChoiceData no_distance = good;
    no_distance.distance_moved_km(3) = std::nan("");
    refused(no_distance, "distance moved");
    DestinationChoiceData two_areas;
    two_areas.population = Eigen::VectorXd::Ones(2);
    refused(two_areas, "at least 3 areas");
}

TEST(DestinationChoiceFit, TheFittedTablesAreWrittenInTheScenariosFormat) {
    const KnownModel model = known_model();
    InternalMigrationDestinations destinations(model.settings, model.areas);
    destinations.update(model.population);
    const DestinationChoiceFitResult result = fit_destination_choice(simulated_moves(model, destinations, 0));
    ASSERT_TRUE(result.ok()) << result.error;
    const auto folder = std::filesystem::path(::testing::TempDir()) / "migsim_destination_choice_fit";
    std::filesystem::create_directories(folder);
    std::vector<std::string> labels;
    for (const SmallArea& area : model.areas)
        labels.push_back(area.label);
    const std::vector<std::string> names(mover_age_group_names.begin(), mover_age_group_names.end());
    ASSERT_FALSE(write_destination_choice_tables(
        *result.fit, labels, names, (folder / "attraction.csv").string(), (folder / "decay.csv").string()));
    std::ifstream attraction(folder / "attraction.csv");
    std::string line;
    std::getline(attraction, line);
    EXPECT_EQ(line, "area,age_group,log_attraction");
    std::getline(attraction, line);
    EXPECT_EQ(line, "A001,0-17,0");
    std::ifstream decay(folder / "decay.csv");
    std::getline(decay, line);
    EXPECT_EQ(line, "age_group,distance_decay_km");
    std::getline(decay, line);
    EXPECT_EQ(line.substr(0, 5), "0-17,");
    EXPECT_NEAR(std::stod(line.substr(5)), result.fit->groups[0].decay_km, 1e-9);
}

} // namespace
} // namespace migsim
