#pragma once
// Texts of an output file read with the project's HDF5 handles, for tests of labels and attributes.
#include <string>
#include <vector>

#include <hdf5.h>

#include "io/hdf5_handles.hpp"

namespace migsim::testing {

/// The texts of a string dataset of `file` (empty when it is missing or unreadable).
inline std::vector<std::string> texts_of(hid_t file, const std::string& path) {
    const hdf5::Dataset dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
    if (!dataset)
        return {};
    return hdf5::read_string_labels(dataset.get(), 1 << 20).value_or(std::vector<std::string>{});
}

/// The `coordinates` attribute of a dataset, "(none)" when it has none.
inline std::string coordinates_of(hid_t file, const std::string& path) {
    const hdf5::Dataset dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT));
    if (!dataset || H5Aexists(dataset.get(), "coordinates") <= 0)
        return "(none)";
    return hdf5::read_string_attribute(dataset.get(), "coordinates").value_or("(unreadable)");
}

} // namespace migsim::testing
