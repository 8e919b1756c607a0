#pragma once
// Editing an output file as someone who knows its format would: a value, a label or an attribute of
// /meta changed, and the checksum stored beside it computed again ("resealed"), so that a test
// reaches the check of the content itself rather than the checksum's.
#include <hdf5.h>

#include <string>
#include <vector>

#include "io/hdf5_handles.hpp"
#include "io/output_checksums.hpp"
#include "io/output_schema.hpp"

namespace migsim::testing {

/// Writes the checksum of the values (or labels) a dataset now holds into its `checksum` attribute.
inline void reseal(hid_t file, const std::string& dataset_path) {
    const hdf5::Dataset dataset(H5Dopen2(file, dataset_path.c_str(), H5P_DEFAULT));
    const hdf5::Datatype type(H5Dget_type(dataset.get()));
    const hdf5::Dataspace space(H5Dget_space(dataset.get()));
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
    std::uint64_t checksum = 0;
    if (H5Tget_class(type.get()) == H5T_STRING) {
        checksum = values_checksum(*hdf5::read_string_labels(dataset.get(), 1 << 20));
    } else if (H5Tget_class(type.get()) == H5T_INTEGER) {
        std::vector<std::int32_t> values(n);
        if (n > 0)
            H5Dread(dataset.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
        checksum = values_checksum(values);
    } else {
        std::vector<double> values(n);
        if (n > 0)
            H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
        checksum = values_checksum(values);
    }
    H5Adelete(dataset.get(), checksum_attribute);
    const hdf5::Dataspace scalar(H5Screate(H5S_SCALAR));
    const hdf5::Attribute attribute(
        H5Acreate2(dataset.get(), checksum_attribute, H5T_STD_U64LE, scalar.get(), H5P_DEFAULT, H5P_DEFAULT));
    H5Awrite(attribute.get(), H5T_NATIVE_UINT64, &checksum);
}

/// Writes the checksum of the attributes /meta now holds into /meta@checksum.
inline void reseal_meta(hid_t file) {
    const hdf5::Group meta(H5Gopen2(file, "/meta", H5P_DEFAULT));
    std::vector<std::pair<std::string, AttributeValue>> covered;
    for (const AttributeSchema& attribute : output_schema().find_group("/meta")->attributes) {
        if (attribute.name == checksum_attribute)
            continue;
        if (attribute.type == AttributeType::string)
            covered.emplace_back(attribute.name, *hdf5::read_string_attribute(meta.get(), attribute.name));
        else if (attribute.type == AttributeType::int32)
            covered.emplace_back(attribute.name, *hdf5::read_int32_attribute(meta.get(), attribute.name));
        else
            covered.emplace_back(attribute.name, *hdf5::read_uint64_attribute(meta.get(), attribute.name));
    }
    const std::uint64_t checksum = attributes_checksum(covered);
    const hdf5::Attribute attribute(H5Aopen(meta.get(), checksum_attribute, H5P_DEFAULT));
    H5Awrite(attribute.get(), H5T_NATIVE_UINT64, &checksum);
}

/// Replaces a string attribute of /meta (variable-length UTF-8, as the writer writes it).
inline void set_meta_text(hid_t file, const std::string& name, const std::string& value) {
    const hdf5::Group meta(H5Gopen2(file, "/meta", H5P_DEFAULT));
    H5Adelete(meta.get(), name.c_str());
    hdf5::write_string_attribute(meta.get(), name, value);
}

/// Replaces an int32 attribute of /meta.
inline void set_meta_int32(hid_t file, const std::string& name, std::int32_t value) {
    const hdf5::Group meta(H5Gopen2(file, "/meta", H5P_DEFAULT));
    const hdf5::Attribute attribute(H5Aopen(meta.get(), name.c_str(), H5P_DEFAULT));
    H5Awrite(attribute.get(), H5T_NATIVE_INT32, &value);
}

} // namespace migsim::testing
