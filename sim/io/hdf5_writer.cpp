#include "io/hdf5_writer.hpp"
#include "io/hdf5_handles.hpp"
#include "io/output_checksums.hpp"
#include "io/output_file.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <variant>

namespace migsim {

namespace {

using hdf5::check;

/// Compression: deflate level 4 after byte shuffling compresses count arrays full of small
/// numbers well at a fraction of the time of level 9.
constexpr unsigned deflate_level = 4;
/// Chunks of at most 256 KiB fit HDF5's default 1 MiB chunk cache several times over.
constexpr std::size_t chunk_target_bytes = 256 * 1024;
/// The in-memory file grows by this much at a time.
constexpr std::size_t core_increment_bytes = 4 << 20;
/// The name HDF5 knows the file in memory by; no file can have it (/dev/null is not a folder).
constexpr const char* in_memory_name = "/dev/null/migsim-output-in-memory";

struct MetaAttribute {
    const GroupSchema* group;
    const AttributeSchema* declared;
    AttributeValue value;
};

std::string utc_timestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

/// The values of the declared /meta attributes, matched by name and type before the file is
/// created, so that a schema the writer does not know how to fill fails before anything is written.
std::vector<MetaAttribute> meta_attributes(const RunMetadata& meta, const OutputSchema& schema) {
    std::vector<std::pair<std::string, AttributeValue>> known = {
        {"schema_version", schema.schema_version},
        {"migsim_version", meta.migsim_version},
        {"seed", meta.seed},
        {"threads", static_cast<std::int32_t>(meta.threads)},
        {"start", meta.start},
        {"months", static_cast<std::int32_t>(meta.months)},
        {"scenario", meta.scenario},
        {"created", utc_timestamp()},
    };
    known.insert(known.end(), meta.attributes.begin(), meta.attributes.end());
    // The checksum covers the other declared attributes of /meta, in their order.
    std::vector<std::pair<std::string, AttributeValue>> covered;
    for (const GroupSchema& group : schema.groups)
        for (const AttributeSchema& declared : group.attributes) {
            const auto it = std::find_if(known.begin(), known.end(),
                                         [&](const auto& entry) { return entry.first == declared.name; });
            if (group.path == "/meta" && declared.name != checksum_attribute && it != known.end())
                covered.push_back(*it);
        }
    known.emplace_back(checksum_attribute, attributes_checksum(covered));
    std::vector<MetaAttribute> result;
    std::vector<std::string> problems;
    for (const GroupSchema& group : schema.groups) {
        for (const AttributeSchema& declared : group.attributes) {
            const std::string where = group.path + "@" + declared.name;
            const auto it = std::find_if(known.begin(), known.end(),
                                         [&](const auto& entry) { return entry.first == declared.name; });
            if (group.path != "/meta" || it == known.end()) {
                problems.push_back(where + ": the writer has no value for this declared attribute");
                continue;
            }
            const AttributeType type = std::holds_alternative<std::string>(it->second) ? AttributeType::string
                                       : std::holds_alternative<std::int32_t>(it->second)
                                           ? AttributeType::int32
                                           : AttributeType::uint64;
            if (type != declared.type)
                problems.push_back(where + ": the writer has a " + std::string(to_string(type)) +
                                   " value, the schema declares " + std::string(to_string(declared.type)));
            else
                result.push_back({&group, &declared, it->second});
        }
    }
    if (!problems.empty())
        throw OutputError(std::move(problems));
    return result;
}

/// The bytes of a file built in memory by HDF5's core driver, taken from the driver when the file
/// is closed: file image callbacks let migsim own the driver's buffer, so that the closed buffer is
/// kept rather than freed. (H5Fget_file_image would copy it before the close, and in HDF5 1.10 that
/// copy of a 1.8-format superblock carries a stale checksum.)
class CoreImage {
public:
    CoreImage() = default;
    ~CoreImage() { std::free(closed_); }
    CoreImage(const CoreImage&) = delete;
    CoreImage& operator=(const CoreImage&) = delete;

    /// Callbacks for H5Pset_file_image_callbacks that hand the buffer to this object.
    H5FD_file_image_callbacks_t callbacks() {
        return {allocate, copy, reallocate, release, share_udata, keep_udata, this};
    }

    /// The closed file, up to the end-of-file address its superblock records (the driver's buffer
    /// grows in whole increments).
    std::string_view bytes() const {
        const std::string_view buffer(static_cast<const char*>(closed_), closed_size_);
        // Superblock version 2 (the 1.8 format): the signature, version, size of offsets (8), then
        // at byte 28 the end-of-file address, little-endian.
        constexpr std::string_view signature("\x89HDF\r\n\x1a\n", 8);
        if (buffer.size() < 48 || buffer.substr(0, 8) != signature || buffer[8] != 2 || buffer[9] != 8)
            throw OutputError("the file built in memory does not begin with the expected superblock");
        std::uint64_t end = 0;
        for (int byte = 7; byte >= 0; --byte)
            end = (end << 8) | static_cast<unsigned char>(buffer[static_cast<std::size_t>(28 + byte)]);
        if (end > buffer.size())
            throw OutputError("the file built in memory ends beyond its buffer");
        return buffer.substr(0, static_cast<std::size_t>(end));
    }

private:
    static CoreImage& of(void* udata) { return *static_cast<CoreImage*>(udata); }
    static void track(void* udata, void* buffer, std::size_t size, H5FD_file_image_op_t operation) {
        if (buffer != nullptr &&
            (operation == H5FD_FILE_IMAGE_OP_FILE_OPEN || operation == H5FD_FILE_IMAGE_OP_FILE_RESIZE)) {
            of(udata).live_ = buffer;
            of(udata).live_size_ = size;
        }
    }
    static void* allocate(std::size_t size, H5FD_file_image_op_t operation, void* udata) {
        void* buffer = std::malloc(size);
        track(udata, buffer, size, operation);
        return buffer;
    }
    static void* copy(void* destination, const void* source, std::size_t size, H5FD_file_image_op_t, void*) {
        return std::memcpy(destination, source, size);
    }
    static void* reallocate(void* buffer, std::size_t size, H5FD_file_image_op_t operation, void* udata) {
        void* moved = std::realloc(buffer, size);
        track(udata, moved, size, operation);
        return moved;
    }
    static herr_t release(void* buffer, H5FD_file_image_op_t operation, void* udata) {
        CoreImage& image = of(udata);
        if (operation == H5FD_FILE_IMAGE_OP_FILE_CLOSE && buffer != nullptr && buffer == image.live_) {
            std::free(image.closed_);
            image.closed_ = buffer;
            image.closed_size_ = image.live_size_;
            image.live_ = nullptr;
        } else {
            std::free(buffer);
        }
        return 0;
    }
    static void* share_udata(void* udata) { return udata; }
    static herr_t keep_udata(void*) { return 0; }

    void* live_ = nullptr;
    std::size_t live_size_ = 0;
    void* closed_ = nullptr;
    std::size_t closed_size_ = 0;
};

/// Object creation properties shared by groups and datasets: no modification times in object
/// headers (so the same contents give the same bytes) and creation order kept for links and
/// attributes (so tools list them in declaration order, as netCDF-4 does).
void set_common_creation_properties(hid_t properties, bool is_group) {
    check(H5Pset_obj_track_times(properties, false), "cannot set object creation properties");
    check(H5Pset_attr_creation_order(properties, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "cannot set object creation properties");
    if (is_group)
        check(H5Pset_link_creation_order(properties, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
              "cannot set group creation properties");
}

hdf5::PropertyList group_properties() {
    hdf5::PropertyList properties(H5Pcreate(H5P_GROUP_CREATE));
    check(properties.get(), "cannot create group properties");
    set_common_creation_properties(properties.get(), true);
    return properties;
}

/// Chunk shape: whole rows of the fastest dims, as many of the slower ones as fit in the target.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& shape, std::size_t element_size) {
    std::vector<hsize_t> chunk = shape;
    const hsize_t target = std::max<hsize_t>(1, chunk_target_bytes / element_size);
    for (std::size_t d = 0; d < chunk.size(); ++d) {
        hsize_t rest = 1;
        for (std::size_t e = d + 1; e < chunk.size(); ++e)
            rest *= chunk[e];
        chunk[d] = std::clamp<hsize_t>(target / rest, 1, shape[d]);
        if (chunk[d] * rest <= target)
            break;
    }
    return chunk;
}

void write_attribute(hid_t object, const std::string& name, const AttributeValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        hdf5::write_string_attribute(object, name, *text);
        return;
    }
    const bool is_int32 = std::holds_alternative<std::int32_t>(value);
    const hid_t file_type = is_int32 ? H5T_STD_I32LE : H5T_STD_U64LE;
    const hid_t memory_type = is_int32 ? H5T_NATIVE_INT32 : H5T_NATIVE_UINT64;
    const hdf5::Dataspace space(H5Screate(H5S_SCALAR));
    check(space.get(), "cannot create a dataspace for attribute " + name);
    const hdf5::Attribute attribute(
        H5Acreate2(object, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT));
    check(attribute.get(), "cannot create attribute " + name);
    const void* data = is_int32 ? static_cast<const void*>(&std::get<std::int32_t>(value))
                                : static_cast<const void*>(&std::get<std::uint64_t>(value));
    check(H5Awrite(attribute.get(), memory_type, data), "cannot write attribute " + name);
}

/// Opens the group at `path`, creating it and any missing ancestor.
hdf5::Group create_group(hid_t file, const std::string& path) {
    const hdf5::PropertyList properties = group_properties();
    std::size_t end = 0;
    while (end != std::string::npos) {
        end = path.find('/', end + 1);
        const std::string prefix = path.substr(0, end);
        if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) > 0)
            continue;
        const hdf5::Group created(
            H5Gcreate2(file, prefix.c_str(), H5P_DEFAULT, properties.get(), H5P_DEFAULT));
        check(created.get(), "cannot create group " + prefix);
    }
    hdf5::Group group(H5Gopen2(file, path.c_str(), H5P_DEFAULT));
    check(group.get(), "cannot open group " + path);
    return group;
}

/// Creates a dataset with its data, its units and description, and the checksum of its values.
hdf5::Dataset create_dataset(hid_t group, const std::string& where, const std::string& name, hid_t file_type,
                             hid_t memory_type, const std::vector<hsize_t>& shape, const void* data,
                             bool compressed, const std::string& units, const std::string& description,
                             std::uint64_t checksum) {
    const hdf5::Dataspace space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr));
    check(space.get(), where + ": cannot create dataspace");
    const hdf5::PropertyList properties(H5Pcreate(H5P_DATASET_CREATE));
    check(properties.get(), where + ": cannot create dataset properties");
    set_common_creation_properties(properties.get(), false);
    // A chunk cannot have an empty dim, so an empty array (no foreign groups) stays contiguous.
    const bool has_values = std::none_of(shape.begin(), shape.end(), [](hsize_t n) { return n == 0; });
    if (compressed && has_values) {
        const std::vector<hsize_t> chunk = chunk_shape(shape, H5Tget_size(file_type));
        check(H5Pset_chunk(properties.get(), static_cast<int>(chunk.size()), chunk.data()),
              where + ": cannot chunk");
        check(H5Pset_shuffle(properties.get()), where + ": cannot set the shuffle filter");
        check(H5Pset_deflate(properties.get(), deflate_level), where + ": cannot set deflate compression");
        // A checksum of each compressed chunk, verified on every read: a damaged chunk is an error,
        // not wrong numbers.
        check(H5Pset_fletcher32(properties.get()), where + ": cannot set the checksum filter");
    }
    hdf5::Dataset dataset(
        H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT));
    check(dataset.get(), where + ": cannot create dataset");
    if (has_values)
        check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
              where + ": cannot write");
    hdf5::write_string_attribute(dataset.get(), "units", units);
    hdf5::write_string_attribute(dataset.get(), "description", description);
    write_attribute(dataset.get(), checksum_attribute, checksum);
    return dataset;
}

/// A dimension of a group as a dimension scale named after it: a netCDF-4 coordinate variable.
hdf5::Dataset write_dimension_scale(hid_t group, const std::string& group_path,
                                    const DimensionSchema& declared, const Coordinate& coordinate) {
    const std::string where = group_path + "/" + declared.name;
    const std::vector<hsize_t> shape = {coordinate.size()};
    hdf5::Dataset scale;
    if (const auto* numbers = std::get_if<std::vector<std::int32_t>>(&coordinate.labels)) {
        scale = create_dataset(group, where, declared.name, H5T_STD_I32LE, H5T_NATIVE_INT32, shape,
                               numbers->data(), false, declared.units, declared.description,
                               values_checksum(*numbers));
    } else {
        const auto& texts = std::get<std::vector<std::string>>(coordinate.labels);
        std::vector<const char*> pointers;
        pointers.reserve(texts.size());
        for (const std::string& text : texts)
            pointers.push_back(text.c_str());
        const hdf5::Datatype type = hdf5::utf8_string_type();
        scale = create_dataset(group, where, declared.name, type.get(), type.get(), shape, pointers.data(),
                               false, declared.units, declared.description, values_checksum(texts));
    }
    check(H5DSset_scale(scale.get(), declared.name.c_str()), where + ": cannot make a dimension scale");
    return scale;
}

/// Attaches the dimension scale `scale` of `dim` to `axis` of `dataset`, and labels the axis.
void attach_scale(hid_t dataset, hid_t scale, unsigned axis, const std::string& dim,
                  const std::string& where) {
    check(H5DSattach_scale(dataset, scale, axis), where + ": cannot attach dimension scale " + dim);
    // The label names the axis for readers that look at labels rather than scales (h5py).
    check(H5DSset_label(dataset, axis, dim.c_str()), where + ": cannot label " + dim);
}

/// The text beside the labels of a dimension (an area's name and region), or the simulated months
/// of each year of flows: a dataset over the dimension, its scale attached, so that netCDF readers
/// see an auxiliary coordinate variable.
void write_auxiliary(hid_t group, const std::string& group_path, const AuxiliarySchema& declared,
                     const AuxiliaryLabels& given, const DimensionSchema& dimension, hid_t scale) {
    const std::string where = group_path + "/" + declared.name;
    if (declared.values == AuxiliaryValues::simulated_months) {
        const hdf5::Dataset dataset =
            create_dataset(group, where, declared.name, H5T_STD_I32LE, H5T_NATIVE_INT32,
                           {given.numbers.size()}, given.numbers.data(), false, declared.units,
                           declared.description, values_checksum(given.numbers));
        attach_scale(dataset.get(), scale, 0, dimension.name, where);
        return;
    }
    std::vector<const char*> pointers;
    pointers.reserve(given.values.size());
    for (const std::string& text : given.values)
        pointers.push_back(text.c_str());
    const hdf5::Datatype type = hdf5::utf8_string_type();
    const hdf5::Dataset dataset = create_dataset(
        group, where, declared.name, type.get(), type.get(), {given.values.size()}, pointers.data(), false,
        declared.units, declared.description, values_checksum(given.values));
    attach_scale(dataset.get(), scale, 0, dimension.name, where);
}

/// The dimension scales and datasets of a group that holds arrays, in declaration order.
void write_arrays(hid_t group_id, const GroupSchema& declared, const OutputGroup& group) {
    std::vector<std::pair<std::string, hdf5::Dataset>> scales;
    std::vector<hsize_t> sizes;
    for (const DimensionSchema& dimension : declared.dimensions) {
        const auto coordinate = std::find_if(group.coordinates.begin(), group.coordinates.end(),
                                             [&](const Coordinate& c) { return c.name == dimension.name; });
        scales.emplace_back(dimension.name,
                            write_dimension_scale(group_id, declared.path, dimension, *coordinate));
        sizes.push_back(coordinate->size());
    }
    // Auxiliary coordinates after every scale, so that a group lists its dims first (check_contents
    // has matched each to the coordinate's text of the same name).
    for (std::size_t d = 0; d < declared.dimensions.size(); ++d) {
        const DimensionSchema& dimension = declared.dimensions[d];
        const auto coordinate = std::find_if(group.coordinates.begin(), group.coordinates.end(),
                                             [&](const Coordinate& c) { return c.name == dimension.name; });
        for (std::size_t a = 0; a < dimension.auxiliaries.size(); ++a)
            write_auxiliary(group_id, declared.path, dimension.auxiliaries[a], coordinate->auxiliaries[a],
                            dimension, scales[d].second.get());
    }
    const auto axis_of = [&](const std::string& dim) {
        return static_cast<std::size_t>(
            std::find_if(scales.begin(), scales.end(), [&](const auto& s) { return s.first == dim; }) -
            scales.begin());
    };

    for (const DatasetSchema& dataset : declared.datasets) {
        const std::string where = declared.path + "/" + dataset.name;
        const auto array = std::find_if(group.arrays.begin(), group.arrays.end(),
                                        [&](const OutputArray& a) { return a.name == dataset.name; });
        std::vector<hsize_t> shape;
        for (const std::string& dim : dataset.dims)
            shape.push_back(sizes[axis_of(dim)]);
        hdf5::Dataset array_dataset;
        if (const auto* counts = std::get_if<std::vector<std::int32_t>>(&array->values)) {
            array_dataset = create_dataset(group_id, where, dataset.name, H5T_STD_I32LE, H5T_NATIVE_INT32,
                                           shape, counts->data(), true, dataset.units, dataset.description,
                                           values_checksum(*counts));
        } else {
            const auto& values = std::get<std::vector<double>>(array->values);
            array_dataset = create_dataset(group_id, where, dataset.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                           shape, values.data(), true, dataset.units, dataset.description,
                                           values_checksum(values));
        }
        for (std::size_t axis = 0; axis < dataset.dims.size(); ++axis) {
            const std::string& dim = dataset.dims[axis];
            attach_scale(array_dataset.get(), scales[axis_of(dim)].second.get(), static_cast<unsigned>(axis),
                         dim, where);
        }
        // CF conventions, section 5: the auxiliary coordinate variables of the dataset, by name, so that
        // xarray makes them coords (ds.groupby("area_region")).
        if (const std::string names = declared.coordinates_of(dataset); !names.empty())
            hdf5::write_string_attribute(array_dataset.get(), coordinates_attribute, names);
    }
}

} // namespace

void write_output(const std::string& path, const OutputContents& contents, const WriteOptions& options) {
    write_output(path, contents, output_schema(), options);
}

void write_output(const std::string& path, const OutputContents& contents, const OutputSchema& schema,
                  const WriteOptions& options) {
    std::vector<std::string> problems = check_contents(contents, schema);
    if (!problems.empty()) {
        for (std::string& problem : problems)
            problem = path + ": " + problem;
        throw OutputError(std::move(problems));
    }
    const std::vector<MetaAttribute> meta = meta_attributes(contents.meta, schema);

    // Nothing is written if the target is wrong, and that is known before the file is built.
    if (const std::string problem = output_target_problem(path, options.inputs); !problem.empty())
        throw OutputError("cannot write " + path + ": " + problem);

    const hdf5::QuietErrors quiet;
    // The file is built in memory (HDF5's core driver, no backing store) and written out by
    // write_file_atomically. HDF5 never touches the disk, so a full disk is an error of a plain
    // write(): the HDF5 library is not left with a file it failed to flush (HDF5 1.10 crashes at exit
    // when closing such a file failed).
    CoreImage image;
    {
        const hdf5::PropertyList creation(H5Pcreate(H5P_FILE_CREATE));
        check(creation.get(), "cannot create file properties");
        set_common_creation_properties(creation.get(), true);
        const hdf5::PropertyList access(H5Pcreate(H5P_FILE_ACCESS));
        check(access.get(), "cannot create file access properties");
        check(H5Pset_fapl_core(access.get(), core_increment_bytes, false), "cannot set the in-memory driver");
        H5FD_file_image_callbacks_t callbacks = image.callbacks();
        check(H5Pset_file_image_callbacks(access.get(), &callbacks), "cannot set the in-memory driver");
        // The 1.8 file format: every metadata block (superblock, object headers, B-trees, heaps of
        // names) has a checksum that readers verify, so a damaged file is detected as such.
        check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18),
              "cannot set the file format");
        // Closing the file closes every object in it.
        check(H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG), "cannot set file close degree");
        // HDF5 first tries to open an existing file of the name it is given, even to create one in
        // memory, and the core driver reads all of it: replacing a 4 GiB output took 4.2 GB of memory
        // and 15 s. The file in memory is therefore given a name that cannot exist (a path below a
        // device), and the old output is never opened; its name is written to only by the rename.
        hdf5::File file(H5Fcreate(in_memory_name, H5F_ACC_TRUNC, creation.get(), access.get()));
        check(file.get(), "cannot create " + path + " in memory");

        for (const GroupSchema& declared : schema.groups) {
            const auto given = std::find_if(contents.groups.begin(), contents.groups.end(),
                                            [&](const OutputGroup& g) { return g.path == declared.path; });
            if (declared.optional && given == contents.groups.end())
                continue; // a group this run does not have
            const hdf5::Group group = create_group(file.get(), declared.path);
            hdf5::write_string_attribute(group.get(), "description", declared.description);
            for (const MetaAttribute& attribute : meta)
                if (attribute.group == &declared)
                    write_attribute(group.get(), attribute.declared->name, attribute.value);
            if (declared.holds_arrays())
                write_arrays(group.get(), declared, *given);
            if (options.on_group_written)
                options.on_group_written(declared.path);
        }
        if (!file.close())
            throw OutputError("cannot complete " + path + " in memory: " + hdf5::last_error_detail());
    }
    write_file_atomically(path, image.bytes(), options.inputs);
}

} // namespace migsim
