#include "io/output_validator.hpp"
#include "io/hdf5_handles.hpp"
#include "io/output_checksums.hpp"
#include "io/output_data_check.hpp"
#include "io/output_error.hpp"
#include "io/output_storage_check.hpp"
#include "io/summary_layouts.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include <sys/stat.h>

namespace migsim {

namespace {

/// Collects problems for one file; every check adds a message and carries on.
class Validator {
public:
    Validator(hid_t file, const OutputSchema& schema) : file_(file), schema_(schema) {}

    std::vector<std::string> problems;
    CheckedLayout layout; ///< what passed, for the data checks

    void validate() {
        for (const GroupSchema& group : schema_.groups)
            validate_group(group);
    }

private:
    void problem(const std::string& where, const std::string& what) {
        problems.push_back(where + ": " + what);
    }

    /// Opens `path` if it exists and is of the expected HDF5 type, else reports it and returns -1.
    hdf5::Object open(const std::string& path, H5I_type_t type, const std::string& kind) {
        if (!hdf5::path_exists(file_, path)) {
            problem(path, kind + " missing");
            return {};
        }
        hdf5::Object object(H5Oopen(file_, path.c_str(), H5P_DEFAULT));
        if (!object || H5Iget_type(object.get()) != type) {
            problem(path, "is not a " + kind);
            return {};
        }
        return object;
    }

    void validate_group(const GroupSchema& declared) {
        if (declared.optional && !hdf5::path_exists(file_, declared.path))
            return; // a group only some runs have
        const hdf5::Object group = open(declared.path, H5I_GROUP, "group");
        if (!group)
            return;
        const auto description = hdf5::read_string_attribute(group.get(), "description");
        if (!description)
            problem(declared.path, "string attribute 'description' missing");
        else if (*description != declared.description)
            problem(declared.path, "description differs from the one the schema declares");
        for (const AttributeSchema& attribute : declared.attributes)
            validate_attribute(group.get(), declared.path, attribute);

        std::map<std::string, hsize_t> dimension_sizes;
        for (const DimensionSchema& dimension : declared.dimensions)
            if (const auto size = validate_dimension(declared.path, dimension)) {
                dimension_sizes[dimension.name] = *size;
                layout.dimension_lengths[declared.path + "/" + dimension.name] = *size;
            }
        for (const DimensionSchema& dimension : declared.dimensions)
            if (const auto size = dimension_sizes.find(dimension.name); size != dimension_sizes.end())
                for (const AuxiliarySchema& auxiliary : dimension.auxiliaries)
                    validate_auxiliary(declared.path, auxiliary, dimension.name, size->second);
        for (const DatasetSchema& dataset : declared.datasets)
            validate_dataset(declared, dataset, dimension_sizes);
        report_undeclared(group.get(), declared);
    }

    void validate_attribute(hid_t group, const std::string& group_path, const AttributeSchema& declared) {
        const std::string where = group_path + "@" + declared.name;
        if (H5Aexists(group, declared.name.c_str()) <= 0) {
            problem(where, "attribute missing");
            return;
        }
        const hdf5::Attribute attribute(H5Aopen(group, declared.name.c_str(), H5P_DEFAULT));
        const hdf5::Datatype type(H5Aget_type(attribute.get()));
        const H5T_class_t type_class = H5Tget_class(type.get());
        bool matches = false;
        switch (declared.type) {
        case AttributeType::string:
            matches = type_class == H5T_STRING;
            break;
        case AttributeType::int32:
            matches = type_class == H5T_INTEGER && H5Tget_size(type.get()) == 4 &&
                      H5Tget_sign(type.get()) == H5T_SGN_2;
            break;
        case AttributeType::uint64:
            matches = type_class == H5T_INTEGER && H5Tget_size(type.get()) == 8 &&
                      H5Tget_sign(type.get()) == H5T_SGN_NONE;
            break;
        }
        if (!matches) {
            problem(where, "attribute is not of type " + std::string(to_string(declared.type)));
            return;
        }
        if (group_path == "/meta" && declared.name == "schema_version") {
            const auto version = hdf5::read_string_attribute(group, declared.name);
            if (version != schema_.schema_version)
                problem(where, "is \"" + version.value_or("") + "\", this migsim reads schema version " +
                                   schema_.schema_version);
        }
    }

    /// Checks `units` and `description` of a dataset or dimension scale, and keeps its checksum for
    /// the data check. Both texts are the schema's word for word: they are stored without a checksum
    /// of their own.
    void validate_attributes(hid_t dataset, const std::string& where, const std::string& units,
                             const std::string& description) {
        const auto found_units = hdf5::read_string_attribute(dataset, "units");
        if (!found_units)
            problem(where, "string attribute 'units' missing");
        else if (*found_units != units)
            problem(where, "units \"" + *found_units + "\", the schema declares \"" + units + "\"");
        const auto found_description = hdf5::read_string_attribute(dataset, "description");
        if (!found_description)
            problem(where, "string attribute 'description' missing");
        else if (*found_description != description)
            problem(where, "description differs from the one the schema declares");
        if (const auto checksum = hdf5::read_uint64_attribute(dataset, checksum_attribute))
            layout.checksums[where] = *checksum;
        else
            problem(where, std::string("uint64 attribute '") + checksum_attribute + "' missing");
    }

    /// The length of a valid dimension scale, nothing (and a problem) otherwise.
    std::optional<hsize_t> validate_dimension(const std::string& group_path,
                                              const DimensionSchema& declared) {
        const std::string where = group_path + "/" + declared.name;
        const hdf5::Object scale = open(where, H5I_DATASET, "dimension scale");
        if (!scale)
            return std::nullopt;
        validate_attributes(scale.get(), where, declared.units, declared.description);
        if (H5DSis_scale(scale.get()) <= 0) {
            problem(where, "is not a dimension scale");
            return std::nullopt;
        }
        char name[256] = {};
        if (H5DSget_scale_name(scale.get(), name, sizeof name) < 0 || declared.name != name)
            problem(where,
                    "dimension scale is named '" + std::string(name) + "', expected '" + declared.name + "'");
        const hdf5::Dataspace space(H5Dget_space(scale.get()));
        hsize_t length = 0;
        if (H5Sget_simple_extent_ndims(space.get()) != 1) {
            problem(where, "dimension scale is not one-dimensional");
            return std::nullopt;
        }
        H5Sget_simple_extent_dims(space.get(), &length, nullptr);
        const hdf5::Datatype type(H5Dget_type(scale.get()));
        const H5T_class_t expected = declared.kind == LabelKind::string ? H5T_STRING : H5T_INTEGER;
        if (H5Tget_class(type.get()) != expected) {
            problem(where, "labels are not of kind " + std::string(to_string(declared.kind)));
            return std::nullopt;
        }
        if (length > max_dimension_labels) {
            // Before anything is allocated for the labels: a damaged file may claim 2^62 of them.
            problem(where, "has " + std::to_string(length) + " labels, more than any migsim output (" +
                               std::to_string(max_dimension_labels) + ")");
            return std::nullopt;
        }
        if (!declared.labels.empty()) {
            // Fixed labels are few: a scale of another length differs without being read.
            const auto labels = length == declared.labels.size()
                                    ? hdf5::read_string_labels(scale.get(), max_dimension_labels)
                                    : std::nullopt;
            if (!labels || *labels != declared.labels)
                problem(where, "labels differ from the ones the schema fixes");
        }
        return length;
    }

    /// An auxiliary coordinate: text (or int32 months) over the dimension `dim` alone, as long as its
    /// scale, with the scale attached (its values are read by the data check).
    void validate_auxiliary(const std::string& group_path, const AuxiliarySchema& declared,
                            const std::string& dim, hsize_t dimension_length) {
        const std::string where = group_path + "/" + declared.name;
        const hdf5::Object dataset = open(where, H5I_DATASET, "auxiliary coordinate");
        if (!dataset)
            return;
        validate_attributes(dataset.get(), where, declared.units, declared.description);
        const hdf5::Datatype type(H5Dget_type(dataset.get()));
        if (declared.values == AuxiliaryValues::simulated_months) {
            if (H5Tget_class(type.get()) != H5T_INTEGER || H5Tget_size(type.get()) != 4 ||
                H5Tget_sign(type.get()) != H5T_SGN_2) {
                problem(where, "element type is not int32");
                return;
            }
        } else if (H5Tget_class(type.get()) != H5T_STRING) {
            problem(where, "values are not text");
            return;
        }
        const hdf5::Dataspace space(H5Dget_space(dataset.get()));
        hsize_t length = 0;
        if (H5Sget_simple_extent_ndims(space.get()) != 1) {
            problem(where, "is not over the one dim (" + dim + ")");
            return;
        }
        H5Sget_simple_extent_dims(space.get(), &length, nullptr);
        if (length != dimension_length) {
            problem(where, "has " + std::to_string(length) + " values, the dimension scale " + dim + " " +
                               std::to_string(dimension_length) + " labels");
            return;
        }
        if (attached_scale(dataset.get(), 0) != group_path + "/" + dim) {
            problem(where, "axis 0 has not the dimension scale " + group_path + "/" + dim + " attached");
            return;
        }
        layout.auxiliaries.insert(where);
    }

    /// The full path of the first dimension scale attached to `axis`, empty when there is none.
    static std::string attached_scale(hid_t dataset, unsigned axis) {
        std::string scale_name;
        if (H5DSget_num_scales(dataset, axis) < 1 ||
            H5DSiterate_scales(dataset, axis, nullptr, keep_scale_name, &scale_name) < 0)
            return {};
        return scale_name;
    }

    /// The `coordinates` attribute names the auxiliary coordinates of the dataset's dims, and a
    /// dataset over dims without any has none.
    void validate_coordinates(hid_t dataset, const std::string& where, const std::string& expected) {
        const bool present = H5Aexists(dataset, coordinates_attribute) > 0;
        if (expected.empty()) {
            if (present)
                problem(where, std::string("attribute '") + coordinates_attribute +
                                   "' names auxiliary coordinates, but its dims have none");
            return;
        }
        const auto found =
            present ? hdf5::read_string_attribute(dataset, coordinates_attribute) : std::nullopt;
        if (!found)
            problem(where, std::string("string attribute '") + coordinates_attribute + "' missing (\"" +
                               expected + "\" expected)");
        else if (*found != expected)
            problem(where, std::string("attribute '") + coordinates_attribute + "' is \"" + *found +
                               "\", expected \"" + expected + "\"");
    }

    static herr_t keep_scale_name(hid_t, unsigned, hid_t scale, void* name) {
        char text[1024] = {};
        if (H5Iget_name(scale, text, sizeof text) > 0)
            *static_cast<std::string*>(name) = text;
        return 1; // the first scale is the dimension (as netCDF-4 and h5netcdf read it)
    }

    void validate_dataset(const GroupSchema& group, const DatasetSchema& declared,
                          const std::map<std::string, hsize_t>& dimension_sizes) {
        const std::string& group_path = group.path;
        const std::string where = group_path + "/" + declared.name;
        const hdf5::Object dataset = open(where, H5I_DATASET, "dataset");
        if (!dataset)
            return;
        validate_attributes(dataset.get(), where, declared.units, declared.description);
        validate_coordinates(dataset.get(), where, group.coordinates_of(declared));

        const hdf5::Datatype type(H5Dget_type(dataset.get()));
        const bool type_matches = declared.dtype == ElementType::int32
                                      ? H5Tget_class(type.get()) == H5T_INTEGER &&
                                            H5Tget_size(type.get()) == 4 &&
                                            H5Tget_sign(type.get()) == H5T_SGN_2
                                      : H5Tget_class(type.get()) == H5T_FLOAT && H5Tget_size(type.get()) == 8;
        if (!type_matches)
            problem(where, "element type is not " + std::string(to_string(declared.dtype)));

        const hdf5::Dataspace space(H5Dget_space(dataset.get()));
        const int rank = H5Sget_simple_extent_ndims(space.get());
        if (rank != static_cast<int>(declared.dims.size())) {
            problem(where, std::to_string(rank) + " dims, the schema declares " +
                               std::to_string(declared.dims.size()));
            return;
        }
        std::vector<hsize_t> shape(declared.dims.size());
        H5Sget_simple_extent_dims(space.get(), shape.data(), nullptr);
        bool scales_match = true;
        bool shape_matches = true;
        for (std::size_t axis = 0; axis < shape.size(); ++axis) {
            const std::string& dim = declared.dims[axis];
            const std::string axis_name = "axis " + std::to_string(axis) + " (" + dim + ")";
            const unsigned axis_number = static_cast<unsigned>(axis);
            const std::string scale_name = attached_scale(dataset.get(), axis_number);
            if (scale_name.empty()) {
                problem(where, axis_name + " has no dimension scale attached");
                scales_match = false;
                continue;
            }
            if (scale_name != group_path + "/" + dim) {
                problem(where, axis_name + " has dimension scale " + scale_name + " attached, expected " +
                                   group_path + "/" + dim);
                scales_match = false;
                continue;
            }
            // The label names the axis for readers that go by labels (h5py).
            char label[256] = {};
            if (H5DSget_label(dataset.get(), axis_number, label, sizeof label) < 0 || dim != label)
                problem(where, axis_name + " is labelled '" + std::string(label) + "'");
            const auto size = dimension_sizes.find(dim);
            if (size == dimension_sizes.end()) {
                shape_matches = false; // the scale is reported
            } else if (shape[axis] != size->second) {
                problem(where, axis_name + " has length " + std::to_string(shape[axis]) +
                                   ", the dimension scale " + std::to_string(size->second));
                shape_matches = false;
            }
        }
        if (type_matches && scales_match && shape_matches)
            layout.datasets.insert(where);
    }

    /// Datasets in a declared group that the schema does not declare (subgroups are fine).
    void report_undeclared(hid_t group, const GroupSchema& declared) {
        H5G_info_t info{};
        if (H5Gget_info(group, &info) < 0)
            return;
        // A damaged group may claim any number of links: the names end at the first that cannot be
        // read, and a group of a migsim output has a few dozen.
        constexpr hsize_t max_links = 1 << 16;
        for (hsize_t i = 0; i < std::min<hsize_t>(info.nlinks, max_links); ++i) {
            char name[1024] = {};
            if (H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name,
                                   H5P_DEFAULT) < 0)
                break;
            if (declared.find_dataset(name) != nullptr || declared.find_dimension(name) != nullptr ||
                declared.find_auxiliary(name) != nullptr)
                continue;
            const hdf5::Object object(H5Oopen(group, name, H5P_DEFAULT));
            if (object && H5Iget_type(object.get()) == H5I_DATASET)
                problem(declared.path + (declared.path == "/" ? "" : "/") + name,
                        "dataset not declared in the output schema");
        }
    }

    hid_t file_;
    const OutputSchema& schema_;
};

} // namespace

std::vector<std::string> validate_open_output(hid_t file, const OutputSchema& schema,
                                              const ValidateOptions& options) {
    const hdf5::QuietErrors quiet;
    // Nothing is read through a link out of the file or from storage outside it: such a file is
    // reported and read no further.
    if (std::vector<std::string> problems = storage_problems(file); !problems.empty())
        return problems;
    Validator validator(file, schema);
    validator.validate();
    if (!options.layout_only)
        check_output_data(file, schema, validator.layout, validator.problems);
    return validator.problems;
}

std::vector<std::string> validate_output(const std::string& path, const ValidateOptions& options) {
    try {
        // An ensemble's, a comparison's or a study's file names its layout in /meta.
        return validate_output(path, layout_of_path(path), options);
    } catch (const OutputError& error) {
        return error.problems();
    }
}

std::vector<std::string> validate_output(const std::string& path, const OutputSchema& schema,
                                         const ValidateOptions& options) {
    const hdf5::QuietErrors quiet;
    refuse_filter_plugins();
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        return {path + ": no such file"};
    if (!S_ISREG(status.st_mode))
        return {path + ": not a regular file"};
    if (H5Fis_hdf5(path.c_str()) <= 0)
        return {path + ": not an HDF5 file"};
    const hdf5::File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file)
        return {path + ": cannot open: " + hdf5::last_error_detail()};
    return validate_open_output(file.get(), schema, options);
}

std::vector<std::string> validate_output_image(std::string_view image, const std::string& name,
                                               const OutputSchema& schema, const ValidateOptions& options) {
    const hdf5::QuietErrors quiet;
    refuse_filter_plugins();
    const hdf5::PropertyList access(H5Pcreate(H5P_FILE_ACCESS));
    // The core driver reads the image in place; HDF5 copies it unless told not to, and the copy is
    // what it may write to: read-only opening leaves `image` untouched either way.
    if (!access || H5Pset_fapl_core(access.get(), 1 << 20, false) < 0 ||
        H5Pset_file_image(access.get(), const_cast<char*>(image.data()), image.size()) < 0)
        return {name + ": cannot set up reading from memory: " + hdf5::last_error_detail()};
    const hdf5::File file(H5Fopen(name.c_str(), H5F_ACC_RDONLY, access.get()));
    if (!file)
        return {name + ": cannot open: " + hdf5::last_error_detail()};
    return validate_open_output(file.get(), schema, options);
}

} // namespace migsim
