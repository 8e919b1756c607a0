#pragma once
// What a run hands to the HDF5 writer: groups of named arrays over named dimensions, each
// dimension with its coordinate labels. The layout (which groups, datasets, dims, units and
// descriptions exist) is declared once in output_schemas/; the writer checks these contents
// against it and takes units and descriptions from it. Each contributor (a process, a source, an
// estimator, a score) builds its own groups or arrays; the types are header-only, so that a module
// contributes without linking the HDF5 layer.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace migsim {

/// Text beside each label of a dimension (an area's name, its region): written in every group that
/// has the dimension as an auxiliary coordinate (CF conventions, section 5), so that a reader can
/// group or join by it without a second table. The schema's dimension declares which there are.
/// Beside the years of flows it is a number instead: the simulated months of each calendar year.
struct AuxiliaryLabels {
    std::string name;                       ///< e.g. "area_region"
    std::vector<std::string> values;        ///< text: one per label of the dimension, in its order
    std::vector<std::int32_t> numbers = {}; ///< numbers (months): one per label, and no text
};

/// A dimension of a group with its coordinate labels: numbers (years, ages) or text (areas, sexes).
struct Coordinate {
    std::string name;
    std::variant<std::vector<std::int32_t>, std::vector<std::string>> labels;
    std::vector<AuxiliaryLabels> auxiliaries = {}; ///< those the schema declares for the dimension
    std::size_t size() const {
        return std::visit([](const auto& values) { return values.size(); }, labels);
    }
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

    /// Adds the arrays a contributor reports in a group built by another (the /inputs tables).
    void add(std::vector<OutputArray> more) {
        for (OutputArray& array : more)
            arrays.push_back(std::move(array));
    }
};

/// The value of an attribute of /meta.
using MetaValue = std::variant<std::string, std::int32_t, std::uint64_t>;

/// Attributes of /meta.
struct RunMetadata {
    std::string migsim_version;
    std::uint64_t seed = 0;
    int threads = 1;
    std::string start; ///< "2013-01"
    int months = 0;
    std::string scenario; ///< the fully resolved scenario text
    /// Further attributes that a layout other than a run's declares (an ensemble's replicates, a
    /// study's method), by name.
    std::vector<std::pair<std::string, MetaValue>> attributes = {};
};

struct OutputContents {
    RunMetadata meta;
    std::vector<OutputGroup> groups;
};

} // namespace migsim
