#include "pipeline/timeline_output.hpp"

namespace migsim {

std::optional<OutputGroup> timeline_group(const Scenario& scenario) {
    const auto& paths = scenario.timeline.paths;
    if (paths.empty())
        return std::nullopt;
    std::vector<std::string> elements;
    std::vector<double> values;
    for (const ParameterPath& path : paths) {
        elements.push_back(path.element);
        values.insert(values.end(), path.value.begin(), path.value.end());
    }
    std::vector<std::string> months;
    for (int m = 0; m < scenario.run.months; ++m)
        months.push_back(format_month(scenario.run.start + m));
    return OutputGroup{"/inputs/timeline",
                       {{"parameter", std::move(elements)}, {"month", std::move(months)}},
                       {{"value", {"parameter", "month"}, std::move(values)}}};
}

} // namespace migsim
