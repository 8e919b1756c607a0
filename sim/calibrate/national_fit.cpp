#include "calibrate/national_fit.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include <Eigen/Dense>
#include <toml++/toml.h>

#include "processes/migration_accounts.hpp"

namespace migsim {

namespace {

const OutputGroup& group_at(const RunResults& run, const std::string& path) {
    for (const OutputGroup& group : run.groups)
        if (group.path == path)
            return group;
    throw std::logic_error("the run has no group " + path + " (the truth under each definition)");
}

const OutputArray& array_of(const OutputGroup& group, const std::string& name) {
    for (const OutputArray& array : group.arrays)
        if (array.name == name)
            return array;
    throw std::logic_error("the group " + group.path + " has no dataset " + name);
}

const Coordinate& coordinate_of(const OutputGroup& group, const std::string& name) {
    for (const Coordinate& c : group.coordinates)
        if (c.name == name)
            return c;
    throw std::logic_error("the group " + group.path + " has no dimension " + name);
}

template <class Labels>
int position_of(const Coordinate& c, const Labels& label) {
    const auto* labels = std::get_if<std::vector<Labels>>(&c.labels);
    if (!labels)
        throw std::logic_error("the dimension " + c.name + " has labels of another type");
    const auto at = std::find(labels->begin(), labels->end(), label);
    return at == labels->end() ? -1 : static_cast<int>(at - labels->begin());
}

double value_at(const OutputArray& array, std::size_t index) {
    return std::visit([index](const auto& values) { return static_cast<double>(values.at(index)); },
                      array.values);
}

} // namespace

const std::vector<std::string>& national_components() {
    static const std::vector<std::string> names{"births", "deaths", "immigration", "emigration"};
    return names;
}

const std::vector<std::string>& national_definitions() {
    static const std::vector<std::string> names(definition_names.begin(), definition_names.end());
    return names;
}

std::vector<NationalFigure> national_figures(const RunResults& run,
                                             const std::vector<NationalTarget>& targets, double scale) {
    // /truth/migration/balance: persons [year][definition][component]; the years are the calendar
    // years whose two 1 Januaries the run has. /truth/migration/flows: provisional [year][definition].
    const OutputGroup& balance = group_at(run, "/truth/migration/balance");
    const OutputGroup& flows = group_at(run, "/truth/migration/flows");
    const OutputArray& persons = array_of(balance, "persons");
    const OutputArray& provisional = array_of(flows, "provisional");
    const Coordinate& balance_years = coordinate_of(balance, "year");
    const Coordinate& flow_years = coordinate_of(flows, "year");
    const std::size_t n_definitions_here = coordinate_of(balance, "definition").size();
    const std::size_t n_components = coordinate_of(balance, "component").size();
    const std::size_t n_flow_definitions = coordinate_of(flows, "definition").size();

    std::vector<NationalFigure> figures;
    for (const NationalTarget& target : targets) {
        const int d = position_of(coordinate_of(balance, "definition"), target.definition);
        const int c = position_of(coordinate_of(balance, "component"), target.component);
        if (d < 0 || c < 0)
            throw std::invalid_argument("national." + target.name + ": the run has no " + target.component +
                                        " under " + target.definition);
        for (const auto& [year, published] : target.published) {
            const int y = position_of(balance_years, static_cast<std::int32_t>(year));
            if (y < 0)
                continue;
            const std::size_t at =
                (static_cast<std::size_t>(y) * n_definitions_here + static_cast<std::size_t>(d)) *
                    n_components +
                static_cast<std::size_t>(c);
            NationalFigure figure;
            figure.name = target.name;
            figure.definition = target.definition;
            figure.year = year;
            figure.published = published;
            figure.simulated = value_at(persons, at) / scale;
            const int fy = position_of(flow_years, static_cast<std::int32_t>(year));
            figure.provisional =
                fy >= 0 && value_at(provisional, static_cast<std::size_t>(fy) * n_flow_definitions +
                                                     static_cast<std::size_t>(d)) != 0.0;
            figure.fitted = !target.parameter.empty();
            figures.push_back(figure);
        }
    }
    return figures;
}

std::vector<NationalMoment> national_moments(const std::vector<NationalFigure>& figures,
                                             const std::vector<NationalTarget>& targets,
                                             const std::vector<NationalValue>& values, double scale) {
    std::vector<NationalMoment> moments;
    for (const NationalTarget& target : targets) {
        if (target.parameter.empty())
            continue;
        NationalMoment m;
        m.parameter = target.parameter;
        for (const NationalValue& v : values)
            if (v.parameter == target.parameter)
                m.value = v.value;
        for (const NationalFigure& f : figures)
            if (f.name == target.name && !f.provisional) {
                m.published += f.published;
                m.simulated += f.simulated;
                ++m.years;
            }
        if (m.years == 0)
            throw std::invalid_argument("national." + target.name +
                                        ": no published year of the fit period has a final simulated figure "
                                        "(the last year of a flow under the 12-month rule is provisional)");
        // The Poisson sd of the run's count, in persons of the published figures.
        m.sd = std::sqrt(std::max(m.simulated * scale, 1.0)) / scale;
        moments.push_back(m);
    }
    return moments;
}

std::vector<NationalValue> national_start_values(const std::string& resolved_scenario,
                                                 const std::vector<NationalTarget>& targets) {
    toml::table resolved;
    try {
        resolved = toml::parse(resolved_scenario);
    } catch (const toml::parse_error& error) {
        throw std::logic_error(std::string("the resolved scenario does not parse: ") +
                               std::string(error.description()));
    }
    std::vector<NationalValue> values;
    for (const NationalTarget& target : targets) {
        if (target.parameter.empty())
            continue;
        const toml::node_view<toml::node> node = resolved.at_path(target.parameter);
        const std::optional<double> value = node.value<double>();
        if (!value || !(*value > 0.0))
            throw std::invalid_argument("national." + target.name + ".parameter: " + target.parameter +
                                        " is not a positive number in the scenario (the fit moves a "
                                        "factor such as emigration.multiplier)");
        values.push_back({target.parameter, 1.0});
    }
    return values;
}

std::vector<NationalValue> next_national_values(const std::vector<std::vector<NationalMoment>>& history) {
    std::vector<NationalValue> next;
    if (history.empty())
        return next;
    const std::size_t n = history.back().size();
    const auto size = static_cast<Eigen::Index>(n);
    // In logs: x = log v, F(x) = log(S / T), J = dF/dx. J is the multivariate secant through the
    // last n + 1 runs when their steps span every direction (exact for a linear response, so
    // factors that move each other's flows are found together); before that, Broyden's rank-one
    // updates of the identity (each flow proportional to its own factor) over the runs so far. With
    // one parameter both are the secant through the last two runs. The diagonal is kept within
    // [0.05, 2] so that a noisy or flat response cannot send a factor far, and a step is at most a
    // factor 4 either way.
    auto x_of = [](const std::vector<NationalMoment>& run) {
        Eigen::VectorXd x(static_cast<Eigen::Index>(run.size()));
        for (std::size_t k = 0; k < run.size(); ++k)
            x[static_cast<Eigen::Index>(k)] = std::log(run[k].value);
        return x;
    };
    auto log_simulated = [](const std::vector<NationalMoment>& run) {
        Eigen::VectorXd s(static_cast<Eigen::Index>(run.size()));
        for (std::size_t k = 0; k < run.size(); ++k)
            s[static_cast<Eigen::Index>(k)] = std::log(std::max(run[k].simulated, 1e-300));
        return s;
    };
    // The multivariate secant through the last n + 1 runs, when their steps span every direction.
    auto secant = [&]() -> std::optional<Eigen::MatrixXd> {
        if (history.size() < n + 1)
            return std::nullopt;
        Eigen::MatrixXd dx(size, size);
        Eigen::MatrixXd df(size, size);
        for (std::size_t back = 1; back <= n; ++back) {
            const auto column = static_cast<Eigen::Index>(back - 1);
            dx.col(column) = x_of(history.back()) - x_of(history[history.size() - 1 - back]);
            df.col(column) =
                log_simulated(history.back()) - log_simulated(history[history.size() - 1 - back]);
        }
        const Eigen::FullPivLU<Eigen::MatrixXd> steps(dx.transpose());
        if (steps.rank() != size || std::abs(steps.determinant()) <= 1e-12)
            return std::nullopt;
        return Eigen::MatrixXd(steps.solve(df.transpose()).transpose());
    };
    // Otherwise Broyden's rank-one updates of the identity over the runs so far.
    auto broyden = [&]() {
        Eigen::MatrixXd j = Eigen::MatrixXd::Identity(size, size);
        for (std::size_t r = 1; r < history.size(); ++r) {
            const Eigen::VectorXd dx = x_of(history[r]) - x_of(history[r - 1]);
            const Eigen::VectorXd df = log_simulated(history[r]) - log_simulated(history[r - 1]);
            const double length = dx.squaredNorm();
            if (length > 1e-18)
                j += (df - j * dx) * dx.transpose() / length;
        }
        return j;
    };
    const std::optional<Eigen::MatrixXd> through_last = secant();
    Eigen::MatrixXd jacobian = through_last ? *through_last : broyden();
    for (Eigen::Index k = 0; k < size; ++k)
        jacobian(k, k) = std::clamp(jacobian(k, k), 0.05, 2.0);

    Eigen::VectorXd residual(size);
    for (std::size_t k = 0; k < n; ++k) {
        const NationalMoment& m = history.back()[k];
        residual[static_cast<Eigen::Index>(k)] =
            m.simulated > 0.0 && m.published > 0.0 ? std::log(m.simulated / m.published) : 0.0;
    }
    Eigen::VectorXd step = -jacobian.fullPivLu().solve(residual);
    if (!step.allFinite()) // a singular estimate: each factor on its own diagonal
        step = -residual.cwiseQuotient(jacobian.diagonal());
    const Eigen::VectorXd x = x_of(history.back());
    for (std::size_t k = 0; k < n; ++k) {
        const auto i = static_cast<Eigen::Index>(k);
        const double bounded = std::clamp(step[i], -std::log(4.0), std::log(4.0));
        next.push_back({history.back()[k].parameter, history.back()[k].value * std::exp(bounded)});
    }
    return next;
}

double max_abs_standardised(const std::vector<NationalMoment>& moments) {
    double worst = 0.0;
    for (const NationalMoment& m : moments)
        worst = std::max(worst, std::abs(m.standardised_difference()));
    return worst;
}

double rms_standardised(const std::vector<NationalMoment>& moments) {
    if (moments.empty())
        return 0.0;
    double sum = 0.0;
    for (const NationalMoment& m : moments)
        sum += m.standardised_difference() * m.standardised_difference();
    return std::sqrt(sum / static_cast<double>(moments.size()));
}

} // namespace migsim
