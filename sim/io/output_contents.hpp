#pragma once
// What a run hands to the HDF5 writer: groups of named arrays over named dimensions, each
// dimension with its coordinate labels. The layout (which groups, datasets, dims, units and
// descriptions exist) is declared once in output_schemas/migsim_output.toml; the writer checks
// these contents against it and takes units and descriptions from it.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace migsim {

/// A dimension of a group with its coordinate labels: numbers (years, ages) or text (areas, sexes).
struct Coordinate {
    std::string name;
    std::variant<std::vector<std::int32_t>, std::vector<std::string>> labels;
    std::size_t size() const;
};

/// Values in row-major (C) order over `dims`.
using ArrayValues = std::variant<std::vector<std::int32_t>, std::vector<double>>;

struct OutputArray {
    std::string name;              ///< dataset name within its group, e.g. "population"
    std::vector<std::string> dims; ///< names of coordinates of the same group, slowest first
    ArrayValues values;
};

struct OutputGroup {
    std::string path; ///< e.g. "/truth/flows"
    std::vector<Coordinate> coordinates;
    std::vector<OutputArray> arrays;
};

/// Attributes of /meta.
struct RunMetadata {
    std::string migsim_version;
    std::uint64_t seed = 0;
    int threads = 1;
    std::string start; ///< "2013-01"
    int months = 0;
    std::string scenario; ///< the fully resolved scenario text
};

struct OutputContents {
    RunMetadata meta;
    std::vector<OutputGroup> groups;
};

} // namespace migsim
