#include "io/csv_export.hpp"
#include "io/hdf5_handles.hpp"
#include "io/output_error.hpp"
#include "io/output_file.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>
#include <type_traits>

#include <unistd.h>

namespace migsim {

namespace {

namespace fs = std::filesystem;
using hdf5::check;

/// Text handed to the file at once.
constexpr std::size_t flush_bytes = std::size_t{1} << 20;
/// More cells than any output holds: a damaged file's claim, refused before anything is read.
constexpr hsize_t max_cells = hsize_t{1} << 48;

std::string quoted(const std::string& text) {
    return "'" + text + "'";
}

/// A text as one CSV field (RFC 4180, section 2): in double quotes, each quote doubled, when it
/// holds a comma, a quote or a line break; as it is otherwise.
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string field = "\"";
    for (const char c : text) {
        if (c == '"')
            field += '"';
        field += c;
    }
    return field + "\"";
}

/// The shortest text that reads back to the same double (std::to_chars); NaN, Inf and -Inf as R's
/// read.csv and pandas read them.
void append_number(std::string& out, double value) {
    if (std::isnan(value)) {
        out += "NaN";
        return;
    }
    if (std::isinf(value)) {
        out += value > 0 ? "Inf" : "-Inf";
        return;
    }
    char buffer[32];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

template <class Integer>
requires std::is_integral_v<Integer>
void append_number(std::string& out, Integer value) {
    char buffer[24];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

/// One dimension of an array: its column's name and each label as a CSV field.
struct Axis {
    std::string name;
    std::vector<std::string> fields;
};

struct ScaleReading {
    hsize_t size = 0;
    std::optional<Axis> axis;
};

/// The labels of a dimension scale of `reading.size` labels: texts, integers or numbers.
std::optional<std::vector<std::string>> scale_fields(hid_t scale, hsize_t size) {
    const hdf5::Datatype type(H5Dget_type(scale));
    if (!type)
        return std::nullopt;
    std::vector<std::string> fields;
    switch (H5Tget_class(type.get())) {
    case H5T_STRING:
        if (const auto labels = hdf5::read_string_labels(scale, size))
            for (const std::string& label : *labels)
                fields.push_back(csv_field(label));
        break;
    case H5T_INTEGER:
        if (const auto labels = hdf5::read_integer_labels(scale, size))
            for (const std::int64_t label : *labels)
                append_number(fields.emplace_back(), label);
        break;
    case H5T_FLOAT: {
        const hdf5::Dataspace space(H5Dget_space(scale));
        if (!space || H5Sget_simple_extent_ndims(space.get()) != 1 ||
            static_cast<hsize_t>(H5Sget_simple_extent_npoints(space.get())) != size)
            return std::nullopt;
        std::vector<double> labels(static_cast<std::size_t>(size));
        if (size > 0 && H5Dread(scale, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, labels.data()) < 0)
            return std::nullopt;
        for (const double label : labels)
            append_number(fields.emplace_back(), label);
        break;
    }
    default:
        return std::nullopt;
    }
    if (fields.size() != size)
        return std::nullopt;
    return fields;
}

herr_t read_first_scale(hid_t, unsigned, hid_t scale, void* data) {
    auto& reading = *static_cast<ScaleReading*>(data);
    std::optional<std::vector<std::string>> fields = scale_fields(scale, reading.size);
    if (!fields)
        return 1; // stops the iteration with no axis: the caller reports the scale as unreadable
    Axis axis{"", std::move(*fields)};
    char name[256] = {};
    if (H5DSget_scale_name(scale, name, sizeof name) > 0)
        axis.name = name;
    reading.axis = std::move(axis);
    return 1;
}

/// The axes of a dataset: each named by its label (as h5py and xarray name it) or its scale's name,
/// labelled by its dimension scale. An axis without a scale is labelled 0, 1, 2...
std::vector<Axis> axes_of(hid_t dataset, const std::string& where, const std::vector<hsize_t>& dims) {
    std::vector<Axis> axes;
    for (std::size_t a = 0; a < dims.size(); ++a) {
        const unsigned axis_number = static_cast<unsigned>(a);
        Axis axis;
        if (H5DSget_num_scales(dataset, axis_number) > 0) {
            ScaleReading reading{dims[a], std::nullopt};
            H5DSiterate_scales(dataset, axis_number, nullptr, read_first_scale, &reading);
            if (!reading.axis)
                throw OutputError(where + ": the dimension scale of axis " + std::to_string(a) +
                                  " cannot be read as " + std::to_string(dims[a]) + " labels");
            axis = std::move(*reading.axis);
        } else {
            for (hsize_t i = 0; i < dims[a]; ++i)
                append_number(axis.fields.emplace_back(), i);
        }
        char label[256] = {};
        if (H5DSget_label(dataset, axis_number, label, sizeof label) > 0)
            axis.name = label;
        if (axis.name.empty())
            axis.name.append("dim_").append(std::to_string(a));
        // Two axes of one name (a matrix of areas by areas) get columns of their own.
        for (const Axis& earlier : axes)
            if (earlier.name == axis.name)
                axis.name.append("_").append(std::to_string(a));
        axes.push_back(std::move(axis));
    }
    return axes;
}

/// Writes the rows of a dataset of T, read slab by slab. A slab is whole along the last axes and a
/// block along one axis (`split`), one index along the axes before it: a contiguous run of the
/// row-major order, so one counter of indices follows the rows across slabs.
template <class T>
std::uint64_t write_rows(hid_t dataset, hid_t memory_type, const std::string& where,
                         const std::vector<Axis>& axes, const std::vector<hsize_t>& dims, hsize_t slab_cells,
                         StreamedOutputFile& out) {
    hsize_t total = 1;
    for (const hsize_t d : dims)
        total *= d; // bounded by export_dataset
    const std::size_t rank = dims.size();
    std::size_t split = rank - 1;
    hsize_t inner = 1;
    while (split > 0 && inner * dims[split] <= slab_cells) {
        inner *= dims[split];
        --split;
    }
    const hsize_t block = std::max<hsize_t>(1, slab_cells / inner);

    const hdf5::Dataspace file_space(H5Dget_space(dataset));
    check(file_space.get(), where + ": cannot read its shape");
    std::vector<hsize_t> index(rank, 0), start(rank, 0), count(rank, 0);
    std::vector<T> values;
    std::string text;
    std::uint64_t rows = 0;
    while (rows < total) {
        for (std::size_t a = 0; a < rank; ++a) {
            start[a] = a <= split ? index[a] : 0;
            count[a] = a < split ? 1 : a == split ? std::min(block, dims[a] - index[a]) : dims[a];
        }
        hsize_t cells = 1;
        for (const hsize_t c : count)
            cells *= c;
        values.resize(static_cast<std::size_t>(cells));
        const hdf5::Dataspace memory_space(H5Screate_simple(1, &cells, nullptr));
        check(memory_space.get(), where + ": cannot make room for its values");
        check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                                  nullptr),
              where + ": cannot select its cells");
        check(H5Dread(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, values.data()),
              where + ": cannot read its values");
        for (const T& value : values) {
            for (std::size_t a = 0; a < rank; ++a) {
                text += axes[a].fields[static_cast<std::size_t>(index[a])];
                text += ',';
            }
            append_number(text, value);
            text += '\n';
            for (std::size_t a = rank; a-- > 0;) {
                if (++index[a] < dims[a])
                    break;
                index[a] = 0;
            }
            if (text.size() >= flush_bytes) {
                out.write(text);
                text.clear();
            }
        }
        rows += cells;
    }
    out.write(text);
    return rows;
}

/// Records what a call created, so that a failure can take it all back.
class Created {
public:
    /// Creates `folder` and the folders above it that do not exist.
    void folder(const fs::path& folder) {
        fs::path prefix;
        for (const fs::path& part : folder) {
            prefix /= part;
            std::error_code error;
            if (fs::is_directory(prefix, error))
                continue;
            if (fs::exists(fs::symlink_status(prefix, error)))
                throw OutputError("cannot write in " + quoted(prefix.string()) + ": it is not a folder");
            if (!fs::create_directory(prefix, error) && error)
                throw OutputError("cannot create the folder " + quoted(prefix.string()) + ": " +
                                  error.message());
            folders_.push_back(prefix);
        }
    }
    void file(const fs::path& file) { files_.push_back(file); }
    void remove_all() {
        std::error_code ignored;
        for (const fs::path& file : files_)
            fs::remove(file, ignored);
        for (auto folder = folders_.rbegin(); folder != folders_.rend(); ++folder)
            fs::remove(*folder, ignored); // only when empty: it may hold files of another's
    }

private:
    std::vector<fs::path> files_;
    std::vector<fs::path> folders_;
};

/// Writes one dataset's table at `target`; its number of rows.
std::uint64_t export_dataset(hid_t dataset, const std::string& where, const std::vector<hsize_t>& dims,
                             hsize_t slab_cells, const std::string& target) {
    hsize_t total = 1;
    for (const hsize_t d : dims)
        total = d == 0 || total <= max_cells / d ? total * d : max_cells + 1;
    if (total > max_cells)
        throw OutputError(where + ": the dataset claims more cells than any output holds");
    const std::vector<Axis> axes = axes_of(dataset, where, dims);
    const hdf5::Datatype type(H5Dget_type(dataset));
    check(type.get(), where + ": cannot read its type");
    StreamedOutputFile out(target);
    std::string header;
    for (const Axis& axis : axes)
        header += csv_field(axis.name) + ",";
    out.write(header + "value\n");
    std::uint64_t rows = 0;
    if (H5Tget_class(type.get()) == H5T_FLOAT)
        rows = write_rows<double>(dataset, H5T_NATIVE_DOUBLE, where, axes, dims, slab_cells, out);
    else if (H5Tget_sign(type.get()) == H5T_SGN_NONE && H5Tget_size(type.get()) == 8)
        rows = write_rows<std::uint64_t>(dataset, H5T_NATIVE_UINT64, where, axes, dims, slab_cells, out);
    else
        rows = write_rows<std::int64_t>(dataset, H5T_NATIVE_INT64, where, axes, dims, slab_cells, out);
    out.commit();
    return rows;
}

herr_t collect_dataset(hid_t, const char* name, const H5O_info_t* info, void* data) {
    if (info->type == H5O_TYPE_DATASET)
        static_cast<std::vector<std::string>*>(data)->push_back(std::string("/") + name);
    return 0;
}

struct MetaEntries {
    std::vector<std::pair<std::string, std::string>> entries;
};

/// A scalar attribute of /meta as text: strings as they are, numbers as the tables write them.
herr_t collect_meta(hid_t meta, const char* name, const H5A_info_t*, void* data) {
    auto& entries = static_cast<MetaEntries*>(data)->entries;
    if (const auto text = hdf5::read_string_attribute(meta, name)) {
        entries.emplace_back(name, *text);
        return 0;
    }
    const hdf5::Attribute attribute(H5Aopen(meta, name, H5P_DEFAULT));
    const hdf5::Datatype type(attribute ? H5Aget_type(attribute.get()) : H5I_INVALID_HID);
    const hdf5::Dataspace space(attribute ? H5Aget_space(attribute.get()) : H5I_INVALID_HID);
    if (!type || !space || H5Sget_simple_extent_npoints(space.get()) != 1)
        return 0;
    std::string value;
    if (H5Tget_class(type.get()) == H5T_FLOAT) {
        double number = 0;
        if (H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &number) >= 0)
            append_number(value, number);
    } else if (H5Tget_class(type.get()) == H5T_INTEGER && H5Tget_sign(type.get()) == H5T_SGN_NONE) {
        std::uint64_t number = 0;
        if (H5Aread(attribute.get(), H5T_NATIVE_UINT64, &number) >= 0)
            append_number(value, number);
    } else if (H5Tget_class(type.get()) == H5T_INTEGER) {
        std::int64_t number = 0;
        if (H5Aread(attribute.get(), H5T_NATIVE_INT64, &number) >= 0)
            append_number(value, number);
    }
    if (!value.empty())
        entries.emplace_back(name, value);
    return 0;
}

std::uint64_t export_meta(hid_t meta, const std::string& target) {
    MetaEntries meta_entries;
    hsize_t next = 0;
    check(H5Aiterate2(meta, H5_INDEX_NAME, H5_ITER_INC, &next, collect_meta, &meta_entries),
          "/meta: cannot read its attributes");
    StreamedOutputFile out(target);
    std::string text = "key,value\n";
    for (const auto& [key, value] : meta_entries.entries)
        text += csv_field(key) + "," + csv_field(value) + "\n";
    out.write(text);
    out.commit();
    return meta_entries.entries.size();
}

herr_t collect_group(hid_t root, const char* name, const H5L_info_t*, void* data) {
    H5O_info_t info{};
    if (H5Oget_info_by_name2(root, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0 &&
        info.type == H5O_TYPE_GROUP) {
        std::string& list = *static_cast<std::string*>(data);
        list.append(list.empty() ? "/" : ", /").append(name);
    }
    return 0;
}

/// "/estimates, /inputs, /meta, ...": the groups at the top of the file, for a --group it lacks.
std::string top_level_groups(hid_t file) {
    std::string list;
    hsize_t next = 0;
    H5Literate(file, H5_INDEX_NAME, H5_ITER_INC, &next, collect_group, &list);
    return list;
}

/// "/truth/" for "truth", "/truth" or "/truth/".
std::string group_prefix(std::string group) {
    if (group.empty() || group.front() != '/')
        group.insert(group.begin(), '/');
    while (group.size() > 1 && group.back() == '/')
        group.pop_back();
    return group == "/" ? group : group + "/";
}

} // namespace

CsvExport export_csv(const std::string& file, const std::string& folder, const CsvExportOptions& options) {
    CsvExport result;
    const hdf5::QuietErrors quiet;
    if (folder.empty()) {
        result.problem = "--csv: the folder name is empty";
        result.command_line_problem = true;
        return result;
    }
    std::error_code error;
    const fs::file_status status = fs::status(file, error);
    if (!fs::exists(status)) {
        result.problem = file + ": no such file";
        return result;
    }
    if (!fs::is_regular_file(status)) {
        result.problem = file + ": not a file (a migsim output is an HDF5 file)";
        return result;
    }
    if (::access(file.c_str(), R_OK) != 0) {
        result.problem = file + ": cannot be read: " + std::strerror(errno);
        return result;
    }
    const hdf5::File input(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!input) {
        const std::string detail = hdf5::last_error_detail();
        result.problem = file + ": not an HDF5 file" + (detail.empty() ? "" : " (" + detail + ")");
        return result;
    }
    const hdf5::Group meta(hdf5::path_exists(input.get(), "/meta")
                               ? H5Gopen2(input.get(), "/meta", H5P_DEFAULT)
                               : H5I_INVALID_HID);
    if (!meta || !hdf5::read_string_attribute(meta.get(), "schema_version")) {
        result.problem = file + ": not a migsim output (it has no /meta group with a schema_version)";
        return result;
    }

    std::vector<std::string> prefixes;
    for (const std::string& group : options.groups) {
        const std::string prefix = group_prefix(group);
        const std::string path = prefix == "/" ? prefix : prefix.substr(0, prefix.size() - 1);
        H5O_info_t info{};
        if (!hdf5::path_exists(input.get(), path) ||
            H5Oget_info_by_name2(input.get(), path.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0 ||
            info.type != H5O_TYPE_GROUP) {
            result.problem = "--group " + group + ": " + file + " has no group " + path +
                             " (its groups: " + top_level_groups(input.get()) + ")";
            result.command_line_problem = true;
            return result;
        }
        prefixes.push_back(prefix);
    }

    std::vector<std::string> datasets;
    if (H5Ovisit2(input.get(), H5_INDEX_NAME, H5_ITER_INC, collect_dataset, &datasets, H5O_INFO_BASIC) < 0) {
        result.problem = file + ": cannot list its datasets: " + hdf5::last_error_detail();
        return result;
    }

    Created created;
    try {
        created.folder(folder);
        const auto written = [&](const fs::path& target, std::uint64_t rows) {
            created.file(target);
            result.tables.push_back({target.string(), rows});
            if (options.on_table_written)
                options.on_table_written(target.string(), rows);
        };
        for (const std::string& path : datasets) {
            if (!prefixes.empty() &&
                std::none_of(prefixes.begin(), prefixes.end(),
                             [&](const std::string& p) { return path.compare(0, p.size(), p) == 0; }))
                continue;
            const hdf5::Dataset dataset(H5Dopen2(input.get(), path.c_str(), H5P_DEFAULT));
            check(dataset.get(), file + ": " + path + ": cannot open");
            if (H5DSis_scale(dataset.get()) > 0) // the labels of other datasets' axes
                continue;
            const hdf5::Dataspace space(H5Dget_space(dataset.get()));
            const hdf5::Datatype type(H5Dget_type(dataset.get()));
            check(space && type ? 0 : -1, file + ": " + path + ": cannot read its shape and type");
            const int rank = H5Sget_simple_extent_ndims(space.get());
            const H5T_class_t type_class = H5Tget_class(type.get());
            if (rank <= 0 || (type_class != H5T_INTEGER && type_class != H5T_FLOAT))
                continue; // not an array of numbers: the areas' names and regions beside the scales
            std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
            check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), file + ": " + path);
            const fs::path target = fs::path(folder) / (path.substr(1) + ".csv");
            created.folder(target.parent_path());
            written(target, export_dataset(dataset.get(), file + ": " + path, dims,
                                           std::max<hsize_t>(1, options.cells_per_read), target.string()));
        }
        const fs::path meta_target = fs::path(folder) / "meta.csv";
        written(meta_target, export_meta(meta.get(), meta_target.string()));
    } catch (const std::exception& failure) {
        created.remove_all();
        result.problem = failure.what();
        result.problem += "; nothing was exported";
        if (!result.tables.empty())
            result.problem += " (the " + std::to_string(result.tables.size()) + " table" +
                              (result.tables.size() == 1 ? "" : "s") + " written before were removed)";
        result.tables.clear();
    }
    return result;
}

} // namespace migsim
