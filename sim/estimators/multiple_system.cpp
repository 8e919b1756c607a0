#include "estimators/multiple_system.hpp"

#include <cmath>
#include <limits>

#include "stats/glm.hpp"

namespace migsim {

double ThreeListCounts::observed() const {
    double total = 0.0;
    for (std::size_t cell = 1; cell < cells.size(); ++cell)
        total += cells[cell];
    return total;
}

double MultipleSystemEstimate::standard_error() const {
    return std::sqrt(variance);
}

namespace {

constexpr unsigned all_models[] = {0u,
                                   lists_1_2,
                                   lists_1_3,
                                   lists_2_3,
                                   lists_1_2 | lists_1_3,
                                   lists_1_2 | lists_2_3,
                                   lists_1_3 | lists_2_3,
                                   lists_1_2 | lists_1_3 | lists_2_3};

/// Bishop, Fienberg & Holland's bracket notation, by interaction bits: each interaction, then each
/// list in none.
std::string model_name(unsigned interactions) {
    constexpr const char* names[8] = {"[1][2][3]", "[12][3]",  "[13][2]",  "[12][13]",
                                      "[23][1]",   "[12][23]", "[13][23]", "[12][13][23]"};
    return names[interactions & 7u];
}

} // namespace

ThreeListModelFit fit_three_list_model(const ThreeListCounts& counts, unsigned interactions) {
    ThreeListModelFit model;
    model.interactions = interactions;
    model.name = model_name(interactions);
    // Rows: the 7 observed histories. Columns: intercept (log of the unobserved cell's mean), the
    // three lists' main effects, then the interactions of the model.
    const int columns = 4 + static_cast<int>((interactions & lists_1_2) != 0) +
                        static_cast<int>((interactions & lists_1_3) != 0) +
                        static_cast<int>((interactions & lists_2_3) != 0);
    stats::GlmData data;
    data.design = Eigen::MatrixXd::Zero(7, columns);
    data.response.resize(7);
    for (int cell = 1; cell < 8; ++cell) {
        const double on[3] = {static_cast<double>((cell >> 2) & 1), static_cast<double>((cell >> 1) & 1),
                              static_cast<double>(cell & 1)};
        auto row = data.design.row(cell - 1);
        row(0) = 1.0;
        row(1) = on[0];
        row(2) = on[1];
        row(3) = on[2];
        int column = 4;
        if (interactions & lists_1_2)
            row(column++) = on[0] * on[1];
        if (interactions & lists_1_3)
            row(column++) = on[0] * on[2];
        if (interactions & lists_2_3)
            row(column++) = on[1] * on[2];
        data.response(cell - 1) = counts.cells[static_cast<std::size_t>(cell)];
    }
    const stats::GlmFit fit = stats::fit_poisson_loglinear(data);
    model.status = fit.status;
    model.parameters = columns;
    model.residual_df = 7 - columns;
    if (!fit.converged()) {
        model.problem = fit.error;
        for (const std::string& note : fit.diagnostics.notes)
            model.problem += (model.problem.empty() ? "" : "; ") + note;
        model.unobserved = model.population = model.variance = std::numeric_limits<double>::infinity();
        return model;
    }
    const double observed = counts.observed();
    model.unobserved = std::exp(fit.coefficients(0));
    model.population = observed + model.unobserved;
    // N-hat - N = mu0-hat - n0: the estimation error of the fitted cell, by the delta method
    // (Var(exp(u)) = mu0^2 Var(u)), plus the Poisson variance of the unobserved count itself.
    model.variance = model.unobserved + model.unobserved * model.unobserved * fit.covariance(0, 0);
    model.log_likelihood = fit.log_likelihood;
    model.deviance = fit.deviance;
    model.aic = fit.aic;
    model.bic = -2.0 * fit.log_likelihood + std::log(observed) * columns;
    return model;
}

MultipleSystemEstimate multiple_system_estimate(const ThreeListCounts& counts, ModelSelection criterion) {
    MultipleSystemEstimate estimate;
    estimate.criterion = criterion;
    estimate.observed = counts.observed();
    for (std::size_t cell = 1; cell < counts.cells.size(); ++cell)
        if (!std::isfinite(counts.cells[cell]) || counts.cells[cell] < 0.0) {
            estimate.error =
                "cell " + std::to_string(cell) + " of the capture histories is negative or not finite";
            return estimate;
        }
    if (estimate.observed <= 0.0) {
        estimate.error = "nobody is on any list";
        return estimate;
    }
    double best = std::numeric_limits<double>::infinity();
    for (unsigned interactions : all_models) {
        estimate.models.push_back(fit_three_list_model(counts, interactions));
        const ThreeListModelFit& model = estimate.models.back();
        if (!model.usable())
            continue;
        const double value = criterion == ModelSelection::aic ? model.aic : model.bic;
        // Strictly smaller: of equal criteria, the simpler model (listed first) stays.
        if (value < best) {
            best = value;
            estimate.chosen = static_cast<int>(estimate.models.size()) - 1;
        }
    }
    if (estimate.chosen < 0) {
        estimate.error = "no log-linear model could be fitted to these counts";
        return estimate;
    }
    estimate.population = estimate.chosen_model().population;
    estimate.variance = estimate.chosen_model().variance;
    return estimate;
}

} // namespace migsim
