#pragma once
// A run's own output groups (Process::add_output) as tests read them.
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "model/model.hpp"

namespace migsim::testing {

/// The values of dataset `name` of output group `path` of a run.
inline const std::vector<std::int32_t>& output_values(const RunResults& results, const std::string& path,
                                                      const std::string& name) {
    for (const OutputGroup& group : results.groups)
        if (group.path == path)
            for (const OutputArray& array : group.arrays)
                if (array.name == name)
                    return std::get<std::vector<std::int32_t>>(array.values);
    throw std::logic_error("no output " + path + "/" + name);
}

} // namespace migsim::testing
