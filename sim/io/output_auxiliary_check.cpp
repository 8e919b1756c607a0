// The data part of `migsim validate` for auxiliary coordinates (output_schemas/README.md,
// [[dimensions.auxiliary]]): the text beside the labels of a dimension, an area's name and region,
// and the simulated months beside the years of flows.
#include "io/hdf5_handles.hpp"
#include "io/output_checksums.hpp"
#include "io/output_data_check.hpp"
#include "io/output_labels.hpp"
#include "io/output_meta_check.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace migsim {

namespace {

/// The simulated months beside the years of flows: int32, matching their checksum, and for the i-th
/// year of the run (whose labels the scale's check holds to /meta) the months /meta@start and
/// /meta@months put in it.
void check_simulated_months(hid_t file, const std::string& path, const CheckedLayout& layout,
                            const RunFacts& run, std::vector<std::string>& problems) {
    const auto problem = [&](const std::string& what) { problems.push_back(path + ": " + what); };
    const hdf5::Dataset dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
    const auto read = dataset ? hdf5::read_integer_labels(dataset.get(), max_dimension_labels) : std::nullopt;
    if (!read) {
        problem("cannot read the values: " + hdf5::last_error_detail());
        return;
    }
    const std::vector<std::int32_t> months(read->begin(), read->end()); // int32 by the layout's check
    if (const auto stored = layout.checksums.find(path);
        stored != layout.checksums.end() && values_checksum(months) != stored->second) {
        problem("the values do not match their checksum: the file is damaged or was edited");
        return;
    }
    if (!run.calendar)
        return; // /meta's start or months are reported
    for (std::size_t i = 0; i < months.size(); ++i) {
        const int year = run.calendar->first_year + static_cast<int>(i);
        const int expected = run.calendar->simulated_months(year);
        if (months[i] != expected) {
            problem("value " + std::to_string(i) + " is " + std::to_string(months[i]) + " months for " +
                    std::to_string(year) + ", expected " + std::to_string(expected) +
                    " (the months of that year in the run that /meta@start and /meta@months describe)");
            return;
        }
    }
}

} // namespace

void check_auxiliaries(hid_t file, const OutputSchema& schema, const CheckedLayout& layout,
                       const RunFacts& run, std::vector<std::string>& problems) {
    const auto problem = [&](const std::string& where, const std::string& what) {
        problems.push_back(where + ": " + what);
    };
    // The first group's values of each auxiliary coordinate, which every other group repeats.
    std::map<std::string, std::pair<std::string, std::vector<std::string>>> first_of_name;
    for (const GroupSchema& group : schema.groups)
        for (const DimensionSchema& dimension : group.dimensions)
            for (const AuxiliarySchema& auxiliary : dimension.auxiliaries) {
                const std::string path = group.path + "/" + auxiliary.name;
                if (!layout.auxiliaries.count(path))
                    continue; // its layout is reported
                if (auxiliary.values == AuxiliaryValues::simulated_months) {
                    check_simulated_months(file, path, layout, run, problems);
                    continue;
                }
                const hdf5::Dataset dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
                auto texts =
                    dataset ? hdf5::read_string_labels(dataset.get(), max_dimension_labels) : std::nullopt;
                if (!texts) {
                    problem(path, "cannot read the values: " + hdf5::last_error_detail());
                    continue;
                }
                // Text is stored without a checksum of HDF5's: the writer's covers every byte of it.
                if (const auto stored = layout.checksums.find(path);
                    stored != layout.checksums.end() && values_checksum(*texts) != stored->second) {
                    problem(path,
                            "the values do not match their checksum: the file is damaged or was edited");
                    continue;
                }
                const auto bad = std::find_if(texts->begin(), texts->end(), [](const std::string& text) {
                    return !is_printable_text(text);
                });
                if (bad != texts->end()) {
                    problem(path, "value " + std::to_string(bad - texts->begin()) +
                                      " is not non-empty printable UTF-8 text");
                    continue;
                }
                const auto [first, inserted] = first_of_name.try_emplace(auxiliary.name, path, *texts);
                if (!inserted && first->second.second != *texts)
                    problem(path, "values differ from those of " + first->second.first);
            }
}

} // namespace migsim
