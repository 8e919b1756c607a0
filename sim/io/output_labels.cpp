#include "io/output_labels.hpp"
#include "io/output_checksums.hpp"

#include <algorithm>
#include <limits>

#include "core/text.hpp"

namespace migsim {

namespace {

/// "2013..2015", or the first labels and their number when they are not consecutive.
std::string numbers_text(const std::vector<std::int64_t>& numbers) {
    if (numbers.empty())
        return "none";
    bool consecutive = true;
    for (std::size_t i = 1; i < numbers.size() && consecutive; ++i)
        consecutive =
            numbers[i - 1] < std::numeric_limits<std::int64_t>::max() && numbers[i] == numbers[i - 1] + 1;
    if (consecutive)
        return numbers.size() == 1 ? std::to_string(numbers[0])
                                   : std::to_string(numbers.front()) + ".." + std::to_string(numbers.back());
    std::string text;
    for (std::size_t i = 0; i < std::min<std::size_t>(numbers.size(), 4); ++i) {
        if (i > 0)
            text += ", ";
        text += std::to_string(numbers[i]);
    }
    if (numbers.size() > 4)
        text.append(", ... (").append(std::to_string(numbers.size())).append(" labels)");
    return text;
}

std::string names_text(const std::vector<std::string>& names) {
    if (names.empty())
        return "none";
    std::string text;
    for (std::size_t i = 0; i < std::min<std::size_t>(names.size(), 4); ++i) {
        if (i > 0)
            text += ", ";
        text.append("'").append(printable(names[i], 40)).append("'");
    }
    if (names.size() > 4)
        text.append(", ... (").append(std::to_string(names.size())).append(" labels)");
    return text;
}

std::vector<std::int64_t> consecutive(std::int64_t first, std::int64_t count) {
    std::vector<std::int64_t> numbers;
    for (std::int64_t k = 0; k < count; ++k)
        numbers.push_back(first + k);
    return numbers;
}

} // namespace

bool is_printable_text(const std::string& text) {
    return !text.empty() && is_utf8(text) && std::none_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    });
}

std::optional<std::uint64_t> labels_checksum(const Labels& labels) {
    if (labels.is_text)
        return values_checksum(labels.texts);
    std::vector<std::int32_t> numbers;
    for (const std::int64_t number : labels.numbers) {
        if (number < std::numeric_limits<std::int32_t>::min() ||
            number > std::numeric_limits<std::int32_t>::max())
            return std::nullopt;
        numbers.push_back(static_cast<std::int32_t>(number));
    }
    return values_checksum(numbers);
}

std::vector<std::string> label_problems(const std::string& where, const DimensionSchema& declared,
                                        const Labels& labels, const RunFacts& run) {
    std::vector<std::string> problems;
    const auto problem = [&](const std::string& what) { problems.push_back(where + ": " + what); };
    if (labels.is_text) {
        const auto bad = std::find_if(labels.texts.begin(), labels.texts.end(),
                                      [](const std::string& text) { return !is_printable_text(text); });
        if (bad != labels.texts.end())
            problem(concat({"label '", printable(*bad, 40),
                            "' is not a name (empty, not UTF-8 or with a control character)"}));
        auto sorted = labels.texts;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            problem("labels are not unique");
    } else {
        auto sorted = labels.numbers;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            problem("labels are not unique");
    }
    if (!labels.is_text) {
        // Consecutive numbers: from `first`, or the years of the run.
        std::optional<std::int64_t> first = declared.first;
        std::optional<std::int64_t> count;
        std::string why;
        if (declared.last)
            count = *declared.last - *declared.first + 1;
        if (declared.run_years != RunYears::none) {
            if (!run.first_year)
                return problems; // /meta's start or months are reported
            first = *run.first_year;
            switch (declared.run_years) {
            case RunYears::januaries:
                count = *run.januaries;
                why = " (1 January of each year of the run that /meta@start and /meta@months describe)";
                break;
            case RunYears::complete_years:
                count = *run.januaries - 1;
                why = " (the calendar years whose two 1 Januaries are in the run that /meta@start and "
                      "/meta@months describe)";
                break;
            default:
                count = *run.calendar_years;
                why = " (the calendar years of the run that /meta@start and /meta@months describe)";
            }
        }
        if (!declared.scenario_count.empty()) {
            const auto given = run.scenario_integers.find(declared.scenario_count);
            if (given == run.scenario_integers.end())
                return problems; // the scenario is reported
            count = given->second;
            why = concat({" (", declared.scenario_count, " of the scenario in /meta is ",
                          std::to_string(given->second), ")"});
        }
        if (first && count && labels.numbers != consecutive(*first, std::min<std::int64_t>(*count, 1 << 20)))
            problem(
                concat({"labels are ", numbers_text(labels.numbers), ", expected ",
                        numbers_text(consecutive(*first, std::min<std::int64_t>(*count, 1 << 20))), why}));
        return problems;
    }
    if (!declared.scenario_labels.empty()) {
        const auto names = run.scenario_names.find(declared.scenario_labels);
        if (names == run.scenario_names.end())
            return problems; // the scenario is reported
        std::vector<std::string> expected = declared.leading_labels;
        expected.insert(expected.end(), names->second.begin(), names->second.end());
        if (labels.texts != expected)
            problem(concat({"labels are ", names_text(labels.texts), ", expected ", names_text(expected),
                            " (", declared.scenario_labels, " of the scenario in /meta)"}));
    }
    if (!declared.scenario_count.empty()) {
        const auto given = run.scenario_integers.find(declared.scenario_count);
        if (given != run.scenario_integers.end() && static_cast<std::int64_t>(labels.size()) != given->second)
            problem(std::to_string(labels.size()) + " labels, expected " + std::to_string(given->second) +
                    " (" + declared.scenario_count + " of the scenario in /meta)");
    }
    return problems;
}

} // namespace migsim
