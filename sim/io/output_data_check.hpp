#pragma once
// The data part of `migsim validate`, after the layout part (output_validator.cpp) has passed a
// dataset: every value readable (chunk checksums and filters verified by HDF5 on the way), finite,
// within the declared bounds, and the declared accounting identities holding cell by cell.
// Internal to sim/io. Memory stays bounded whatever the file claims: datasets are read in blocks.
#include <hdf5.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "io/output_meta_check.hpp"
#include "io/output_schema.hpp"

namespace migsim {

/// What the layout check found usable: dimension scales by full path ("/truth/year") with their
/// lengths, and the full paths of datasets whose type, dims and shape match the schema.
struct CheckedLayout {
    std::map<std::string, hsize_t> dimension_lengths;
    std::set<std::string> datasets;
    /// The full paths of auxiliary coordinates whose type, dim and length match the schema.
    std::set<std::string> auxiliaries;
    /// The stored checksum of each dataset and dimension scale that has one, by full path.
    std::map<std::string, std::uint64_t> checksums;
};

/// Labels of a dimension scale beyond this many are not read: no migsim output has so many (5,000
/// areas, 101 years or ages), and a damaged file may claim 2^62.
inline constexpr hsize_t max_dimension_labels = 1 << 20;

/// Values of a dataset beyond this many are not checked: the limits on a run (250,000 area-years x
/// 202 cells = 5 x 10^7) keep every migsim dataset below it, and reading it takes seconds.
inline constexpr hsize_t max_checked_elements = hsize_t{1} << 27;

/// Adds the problems of the text beside the labels of every usable auxiliary coordinate (an area's
/// name and region): matching its checksum, one non-empty printable text per label, the same in every
/// group, as the labels themselves are; and of the simulated months beside years of flows: those
/// that `run` (/meta@start and /meta@months) puts in each year (output_auxiliary_check.cpp).
void check_auxiliaries(hid_t file, const OutputSchema& schema, const CheckedLayout& layout,
                       const RunFacts& run, std::vector<std::string>& problems);

/// Adds the data problems of every usable dataset and identity.
void check_output_data(hid_t file, const OutputSchema& schema, const CheckedLayout& layout,
                       std::vector<std::string>& problems);

} // namespace migsim
