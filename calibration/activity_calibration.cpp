#include "calibration/activity_calibration.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>

#include "calibration/csv_rows.hpp"
#include "calibration/labour_flows.hpp"
#include "core/text.hpp"
#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"
#include "stats/markov_chain.hpp"

namespace migsim {

namespace {

constexpr double not_published = std::numeric_limits<double>::quiet_NaN();

/// A number written as digits with at most one decimal point; false otherwise.
bool parse_decimal(std::string_view text, double& value) {
    if (text.empty() || text.size() > 20 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }))
        return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size();
}

/// A table keyed by origin group and one more column, with a percentage: `key_names` are that
/// column's accepted values, of which the first N are kept (the others are checked only).
/// `columns` is the header's column names; the key is column 1 and the percentage the last.
template <std::size_t N, class Names>
EmploymentRates<N> parse_rates(std::string_view text, const std::string& path,
                               const std::vector<std::string_view>& columns, const Names& key_names,
                               const std::vector<std::size_t>& whole_columns) {
    EmploymentRates<N> rates;
    for (auto& row : rates.rate)
        row.fill(not_published);
    const auto problem = [&](int line, std::string_view column, const std::string& what) {
        rates.problems.push_back(concat({path, ":", std::to_string(line), ": ", column, ": ", what}));
    };
    std::string header;
    for (const std::string_view column : columns)
        header += concat({header.empty() ? "" : ",", column});
    std::map<std::pair<int, int>, int> seen; // (group, key) -> line
    for_each_csv_row(text, header, problem, [&](int line, const std::vector<std::string_view>& fields) {
        bool row_ok = true;
        const int group = index_of(employment_origin_groups, fields[0]);
        if (group < 0) {
            problem(line, columns[0],
                    quoted_excerpt(fields[0]) + "; expected " + names_in_words(employment_origin_groups));
            row_ok = false;
        }
        const int key = index_of(key_names, fields[1]);
        if (key < 0) {
            problem(line, columns[1], quoted_excerpt(fields[1]) + "; expected " + names_in_words(key_names));
            row_ok = false;
        }
        for (const std::size_t c : whole_columns)
            if (fields[c].empty() || fields[c].size() > 9 ||
                !std::all_of(fields[c].begin(), fields[c].end(),
                             [](char d) { return d >= '0' && d <= '9'; })) {
                problem(line, columns[c], quoted_excerpt(fields[c]) + " is not a whole number >= 0");
                row_ok = false;
            }
        double percent = 0.0;
        if (!parse_decimal(fields.back(), percent) || !(percent > 0.0 && percent < 100.0)) {
            problem(line, columns.back(),
                    quoted_excerpt(fields.back()) + " is not a percentage above 0 and below 100");
            row_ok = false;
        }
        if (!row_ok)
            return;
        const auto [it, added] = seen.try_emplace({group, key}, line);
        if (!added) {
            problem(line, "row",
                    concat({fields[0], ", ", fields[1], " is already on line ", std::to_string(it->second)}));
            return;
        }
        if (static_cast<std::size_t>(key) < N)
            rates.rate[static_cast<std::size_t>(group)][static_cast<std::size_t>(key)] = percent / 100.0;
    });
    return rates;
}

double logit(double p) {
    return std::log(p / (1.0 - p));
}
double logistic(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}

/// Bisection of an increasing function f on [lo, hi] for f(x) = target, to within `tolerance` of
/// the target or until the interval stops shrinking; returns (x, f(x), iterations, converged).
template <class F>
std::tuple<double, double, int, bool> bisect(F&& f, double lo, double hi, double target, double tolerance) {
    double x = 0.5 * (lo + hi);
    double value = f(x);
    int iterations = 1;
    while (std::abs(value - target) > tolerance && iterations < 200) {
        (value < target ? lo : hi) = x;
        const double next = 0.5 * (lo + hi);
        if (next == x)
            break;
        x = next;
        value = f(x);
        ++iterations;
    }
    return {x, value, iterations, std::abs(value - target) <= tolerance};
}

} // namespace

EmploymentByAge parse_employment_by_age(std::string_view text, const std::string& path) {
    EmploymentByAge shape = parse_rates<n_employment_bands>(
        text, path, {"origin", "age_band", "employment_rate_percent"}, employment_age_bands, {});
    for (std::size_t g = 0; g < n_employment_groups; ++g)
        if (shape.ok() && std::isnan(shape.rate[g][0]))
            shape.problems.push_back(
                concat({path, ": origin: ", employment_origin_groups[g],
                        " has no row for its first age band, ", employment_age_bands[0]}));
    if (shape.ok())
        for (std::size_t b = 0; b < n_employment_bands; ++b)
            if (std::isnan(shape.rate[0][b]))
                shape.problems.push_back(
                    concat({path, ": age_band: danish_origin has no row for ", employment_age_bands[b],
                            "; the other groups' missing bands follow its shape"}));
    return shape;
}

EmploymentBySex parse_employment_by_sex(std::string_view text, const std::string& path) {
    constexpr std::array<std::string_view, 3> sexes = {"men", "women", "total"};
    EmploymentBySex level = parse_rates<employment_sexes.size()>(
        text, path, {"origin", "sex", "persons_16_64", "employment_rate_percent"}, sexes, {2});
    for (std::size_t g = 0; g < n_employment_groups && level.ok(); ++g)
        for (std::size_t s = 0; s < employment_sexes.size(); ++s)
            if (std::isnan(level.rate[g][s]))
                level.problems.push_back(concat(
                    {path, ": sex: ", employment_origin_groups[g], " has no row for ", employment_sexes[s]}));
    return level;
}

namespace {
template <class Parsed, class Parse>
Parsed read_with(const std::string& path, Parse parse) {
    const InputFile file = read_input_file(path, limits::table_file_bytes);
    if (!file.ok()) {
        Parsed parsed;
        parsed.problems.push_back(concat({path, ": ", file.error}));
        return parsed;
    }
    return parse(file.content, path);
}
} // namespace

EmploymentByAge read_employment_by_age(const std::string& path) {
    return read_with<EmploymentByAge>(path, parse_employment_by_age);
}

EmploymentBySex read_employment_by_sex(const std::string& path) {
    return read_with<EmploymentBySex>(path, parse_employment_by_sex);
}

Eigen::Matrix3d shift_employment(const Eigen::Matrix3d& base, double shift) {
    constexpr int employed = 0;
    Eigen::Matrix3d shifted;
    for (int i = 0; i < 3; ++i) {
        // Odds against staying, each move's multiplied by exp(shift ([j = E] - [i = E])).
        double total = 0.0;
        for (int j = 0; j < 3; ++j) {
            const double sign = (j == employed ? 1.0 : 0.0) - (i == employed ? 1.0 : 0.0);
            shifted(i, j) = j == i ? 1.0 : base(i, j) / base(i, i) * std::exp(shift * sign);
            total += shifted(i, j);
        }
        shifted.row(i) /= total;
    }
    return shifted;
}

double stationary_employment(const Eigen::Matrix3d& transition) {
    const stats::StationaryDistribution pi = stats::stationary_distribution(transition);
    if (pi.status != stats::StationaryStatus::unique)
        throw std::invalid_argument("stationary_employment: " + pi.error);
    return pi.probabilities(0);
}

EmploymentShift fit_employment_shift(const Eigen::Matrix3d& base, double target) {
    EmploymentShift fit;
    constexpr double bound = 20.0;
    const auto share = [&](double shift) { return stationary_employment(shift_employment(base, shift)); };
    if (!(target > 0.0 && target < 1.0)) {
        fit.error = "the target " + format_number(target) + " is not a share between 0 and 1";
        return fit;
    }
    const double lowest = share(-bound), highest = share(bound);
    if (!(target > lowest && target < highest)) {
        fit.error =
            concat({"the target ", format_number(target), " is outside the shares ", format_number(lowest),
                    " to ", format_number(highest), " that shifts of -20 to 20 give"});
        return fit;
    }
    std::tie(fit.shift, fit.achieved, fit.iterations, fit.converged) =
        bisect(share, -bound, bound, target, 1e-12);
    if (!fit.converged)
        fit.error = "the bisection stopped at " + format_number(fit.achieved);
    return fit;
}

std::array<double, n_employment_bands> completed_shape(const EmploymentByAge& shape, std::size_t group) {
    std::array<double, n_employment_bands> rate = shape.rate[group];
    if (std::isnan(rate[0]))
        throw std::invalid_argument(concat(
            {"completed_shape: ", employment_origin_groups[group], " has no figure for its first age band"}));
    const auto& danish = shape.rate[0];
    for (std::size_t b = 1; b < n_employment_bands; ++b)
        if (std::isnan(rate[b]))
            rate[b] = logistic(logit(rate[b - 1]) + logit(danish[b]) - logit(danish[b - 1]));
    return rate;
}

LeveledRates level_shape(const std::array<double, n_employment_bands>& shape,
                         const std::array<double, n_employment_bands>& persons, double level) {
    double total = 0.0;
    for (const double p : persons)
        total += p;
    if (!(total > 0.0) || !(level > 0.0 && level < 1.0))
        throw std::invalid_argument("level_shape: no persons, or a level that is not a share");
    LeveledRates leveled;
    const auto mean = [&](double offset) {
        double sum = 0.0;
        for (std::size_t b = 0; b < n_employment_bands; ++b)
            sum += persons[b] * logistic(logit(shape[b]) + offset);
        return sum / total;
    };
    std::tie(leveled.offset, leveled.achieved, leveled.iterations, leveled.converged) =
        bisect(mean, -20.0, 20.0, level, 1e-12);
    for (std::size_t b = 0; b < n_employment_bands; ++b)
        leveled.rate[b] = logistic(logit(shape[b]) + leveled.offset);
    return leveled;
}

ActivityCalibration calibrate_activity(const std::array<Eigen::Matrix3d, 2>& monthly,
                                       const EmploymentByAge& shape, const EmploymentBySex& level,
                                       const PersonsByCell& persons) {
    if (!shape.ok() || !level.ok())
        throw std::invalid_argument("calibrate_activity: the employment tables were not read");
    ActivityCalibration calibration;
    for (std::size_t sex = 0; sex < 2; ++sex)
        for (std::size_t group = 0; group < n_employment_groups; ++group) {
            const std::string where = concat({employment_sexes[sex], ", ", employment_origin_groups[group]});
            const LeveledRates leveled =
                level_shape(completed_shape(shape, group), persons[sex][group], level.rate[group][sex]);
            calibration.level_offset[sex][group] = leveled.offset;
            if (!leveled.converged)
                calibration.problems.push_back(where + ": the level was not reached");
            for (std::size_t band = 0; band < n_employment_bands; ++band) {
                const EmploymentShift fit = fit_employment_shift(monthly[sex], leveled.rate[band]);
                calibration.cells.push_back(
                    {sex, group, band, leveled.rate[band], fit.shift, fit.achieved, fit.iterations});
                if (!fit.converged)
                    calibration.problems.push_back(
                        concat({where, ", ", employment_age_bands[band], ": ", fit.error}));
            }
        }
    return calibration;
}

namespace {

/// Reads a CSV with `header` (`#` lines are comments): calls row(line number, fields) for each row
/// with the header's number of fields; the other rows and a wrong header are problems.
template <class Row>
void read_rows(const std::string& path, std::string_view header, std::vector<std::string>& problems,
               Row&& row) {
    const InputFile file = read_input_file(path, limits::table_file_bytes);
    if (!file.ok()) {
        problems.push_back(concat({path, ": ", file.error}));
        return;
    }
    for_each_csv_row(
        file.content, header,
        [&](int line, std::string_view column, const std::string& what) {
            problems.push_back(concat({path, ":", std::to_string(line), ": ", column, ": ", what}));
        },
        row);
}

} // namespace

PersonsByCell danish_persons_by_cell(const std::string& population_path, const std::string& status_path,
                                     std::vector<std::string>& problems) {
    constexpr int ages = 65;
    std::array<std::array<double, ages>, 2> population{};
    std::array<double, ages> foreign{}, descendants{};
    read_rows(population_path, "year,sex,age,persons", problems, [&](int line, const auto& fields) {
        double age = 0.0, persons = 0.0;
        const int sex = fields[1] == "male" ? 0 : (fields[1] == "female" ? 1 : -1);
        if (sex < 0 || !parse_decimal(fields[2], age) || !parse_decimal(fields[3], persons)) {
            problems.push_back(
                concat({population_path, ":", std::to_string(line),
                        ": row: expected a sex (male or female), an age and a number of persons"}));
            return;
        }
        if (age < ages)
            population[static_cast<std::size_t>(sex)][static_cast<std::size_t>(age)] += persons;
    });
    read_rows(status_path, "age,foreign_born_share,second_generation_share", problems,
              [&](int line, const auto& fields) {
                  double age = 0.0, first = 0.0, second = 0.0;
                  if (!parse_decimal(fields[0], age) || !parse_decimal(fields[1], first) ||
                      !parse_decimal(fields[2], second) || first + second > 1.0) {
                      problems.push_back(
                          concat({status_path, ":", std::to_string(line),
                                  ": row: expected an age and two shares summing to at most 1"}));
                      return;
                  }
                  if (age < ages) {
                      foreign[static_cast<std::size_t>(age)] = first;
                      descendants[static_cast<std::size_t>(age)] = second;
                  }
              });
    PersonsByCell persons{};
    for (std::size_t sex = 0; sex < 2; ++sex)
        for (std::size_t band = 0; band < n_employment_bands; ++band)
            for (int age = employment_band_edges[band]; age < employment_band_edges[band + 1]; ++age) {
                const auto a = static_cast<std::size_t>(age);
                const double all = population[sex][a];
                persons[sex][0][band] += all * (1.0 - foreign[a] - descendants[a]);
                for (const std::size_t group : {std::size_t{1}, std::size_t{2}})
                    persons[sex][group][band] += all * descendants[a];
                for (const std::size_t group : {std::size_t{3}, std::size_t{4}})
                    persons[sex][group][band] += all * foreign[a];
            }
    return persons;
}

std::string activity_shifts_csv(const ActivityCalibration& calibration) {
    std::string text = "sex,background,age_band,target_percent,shift\n";
    for (const ActivityCell& cell : calibration.cells) {
        char line[160];
        std::snprintf(line, sizeof line, "%s,%s,%s,%.4f,%.6f\n", sex_names[cell.sex],
                      std::string(employment_origin_groups[cell.group]).c_str(),
                      std::string(employment_age_bands[cell.band]).c_str(), 100.0 * cell.target, cell.shift);
        text += line;
    }
    return text;
}

ActivityInputs read_activity_inputs(const std::string& data_folder) {
    ActivityInputs inputs;
    const std::string folder =
        data_folder.empty() || data_folder.back() == '/' ? data_folder : data_folder + "/";
    const LabourFlows flows = read_labour_flows(folder + "dk_lfs_flows_quarterly.csv");
    inputs.problems = flows.problems;
    constexpr QuarterNumber first = 4 * 2012, last = 4 * 2014 + 3;
    if (flows.ok() && (flows.first > first || flows.last < last))
        inputs.problems.push_back(folder +
                                  "dk_lfs_flows_quarterly.csv: quarter_from: the flows from 2012Q1 to "
                                  "2014Q4 are not all there");
    if (inputs.ok())
        for (std::size_t sex = 0; sex < 2; ++sex) {
            const stats::TransitionRoot root =
                monthly_matrix(pooled_quarterly_matrix(flows, static_cast<int>(sex) + 1, first, last));
            if (root.status != stats::RootStatus::exact && root.status != stats::RootStatus::regularised)
                inputs.problems.push_back(
                    concat({folder, "dk_lfs_flows_quarterly.csv: ", employment_sexes[sex],
                            ": no monthly matrix: ", root.error}));
            else
                inputs.monthly[sex] = root.transition;
        }
    inputs.shape = read_employment_by_age(folder + "dk_employment_rate_by_age_origin_2010.csv");
    inputs.level = read_employment_by_sex(folder + "dk_employment_rate_by_origin_2012.csv");
    for (const auto* problems : {&inputs.shape.problems, &inputs.level.problems})
        inputs.problems.insert(inputs.problems.end(), problems->begin(), problems->end());
    inputs.persons = danish_persons_by_cell(folder + "dk_population_jan1_2013.csv",
                                            folder + "migrant_status_2013.csv", inputs.problems);
    return inputs;
}

ActivityCalibration calibrate_activity(const ActivityInputs& inputs) {
    if (!inputs.ok())
        throw std::invalid_argument("calibrate_activity: the inputs were not read");
    return calibrate_activity(inputs.monthly, inputs.shape, inputs.level, inputs.persons);
}

std::string activity_monthly_csv(const std::array<Eigen::Matrix3d, 2>& monthly) {
    std::string text = "sex,from,to,probability\n";
    for (std::size_t sex = 0; sex < 2; ++sex)
        for (int from = 0; from < 3; ++from)
            for (int to = 0; to < 3; ++to) {
                char line[160];
                std::snprintf(line, sizeof line, "%s,%s,%s,%.17g\n", sex_names[sex],
                              labour_status_names[static_cast<std::size_t>(from)],
                              labour_status_names[static_cast<std::size_t>(to)], monthly[sex](from, to));
                text += line;
            }
    return text;
}

} // namespace migsim
