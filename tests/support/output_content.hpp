#pragma once
// What an HDF5 file says, read with the plain HDF5 API and nothing of migsim's validator: every
// object by path, with its kind, the shape and values of a dataset, the dimension scales attached
// to each axis, and every attribute's value. Two files say the same when their contents are equal.
// The oracle of the byte-flip test and the validator's fuzz target: a file that `migsim validate`
// calls valid must say what the file it was damaged from said.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <map>
#include <string>
#include <vector>

namespace migsim::testing {

using FileContent = std::map<std::string, std::string>;

namespace content_detail {

/// Values beyond this many bytes are not read: a damaged file may claim any size, and no output of
/// the tests holds a dataset so large.
constexpr hsize_t max_bytes = hsize_t{64} << 20;

/// The values of a dataset or an attribute, read in memory's form of its type: texts, numbers as
/// bytes, anything else (references, compounds without variable parts) as its native bytes.
/// `read(memory_type, buffer)` reads them.
template <class Read>
std::string values(hid_t file_type, hsize_t count, const Read& read) {
    const H5T_class_t type_class = H5Tget_class(file_type);
    std::string out = "class ";
    out.append(std::to_string(static_cast<int>(type_class))).append(":");
    if (type_class == H5T_STRING && H5Tis_variable_str(file_type) > 0) {
        std::vector<char*> texts(count, nullptr);
        const hid_t memory = H5Tcopy(H5T_C_S1);
        H5Tset_size(memory, H5T_VARIABLE);
        H5Tset_cset(memory, H5Tget_cset(file_type));
        if (read(memory, texts.data()) < 0)
            out += "unreadable";
        for (char* text : texts) {
            out += text != nullptr ? std::string(text) : std::string("(null)");
            out += '\0';
            H5free_memory(text);
        }
        H5Tclose(memory);
        return out;
    }
    if (H5Tdetect_class(file_type, H5T_VLEN) > 0)
        return out + "variable-length"; // DIMENSION_LIST: the scales are read by their names instead
    const hid_t memory = H5Tget_native_type(file_type, H5T_DIR_ASCEND);
    const std::size_t size = memory >= 0 ? H5Tget_size(memory) : 0;
    if (size == 0 || count > max_bytes / size) {
        if (memory >= 0)
            H5Tclose(memory);
        return out + "too large";
    }
    std::string bytes(static_cast<std::size_t>(count) * size, '\0');
    if (read(memory, bytes.data()) < 0)
        bytes = "unreadable";
    H5Tclose(memory);
    return out + bytes;
}

inline std::string shape_of(hid_t space, hsize_t& count) {
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank > 0 ? rank : 0));
    if (rank > 0)
        H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    count = static_cast<hsize_t>(H5Sget_simple_extent_npoints(space));
    std::string text = "shape";
    for (const hsize_t d : dims)
        text.append(" ").append(std::to_string(d));
    return text + ";";
}

inline herr_t attribute(hid_t object, const char* name, const H5A_info_t*, void* data) {
    auto& content = *static_cast<std::pair<FileContent*, std::string>*>(data);
    const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
    const hid_t type = H5Aget_type(attribute);
    const hid_t space = H5Aget_space(attribute);
    hsize_t count = 0;
    std::string text = shape_of(space, count);
    text +=
        values(type, count, [&](hid_t memory, void* buffer) { return H5Aread(attribute, memory, buffer); });
    (*content.first)[content.second + "@" + name] = text;
    H5Sclose(space);
    H5Tclose(type);
    H5Aclose(attribute);
    return 0;
}

inline herr_t scale_name(hid_t, unsigned, hid_t scale, void* data) {
    char name[1024] = {};
    H5Iget_name(scale, name, sizeof name);
    *static_cast<std::string*>(data) += std::string(name) + ",";
    return 0;
}

inline herr_t object(hid_t root, const char* name, const H5O_info_t* info, void* data) {
    FileContent& content = *static_cast<FileContent*>(data);
    const std::string path = std::string("/") + (std::string(name) == "." ? "" : name);
    const hid_t handle = H5Oopen(root, name, H5P_DEFAULT);
    std::string text = "type ";
    text.append(std::to_string(static_cast<int>(info->type))).append(";");
    if (info->type == H5O_TYPE_DATASET) {
        const hid_t type = H5Dget_type(handle);
        const hid_t space = H5Dget_space(handle);
        hsize_t count = 0;
        text += shape_of(space, count);
        text += values(type, count, [&](hid_t memory, void* buffer) {
            return H5Dread(handle, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
        });
        for (int axis = 0; axis < H5Sget_simple_extent_ndims(space); ++axis) {
            std::string scales = ";scales ";
            scales.append(std::to_string(axis)).append(":");
            if (H5DSget_num_scales(handle, static_cast<unsigned>(axis)) > 0)
                H5DSiterate_scales(handle, static_cast<unsigned>(axis), nullptr, scale_name, &scales);
            text += scales;
        }
        H5Sclose(space);
        H5Tclose(type);
    }
    content[path] = text;
    std::pair<FileContent*, std::string> where{&content, path};
    hsize_t next = 0;
    H5Aiterate2(handle, H5_INDEX_NAME, H5_ITER_INC, &next, attribute, &where);
    H5Oclose(handle);
    return 0;
}

} // namespace content_detail

/// Everything `file` says; an object the library cannot read shows as such, which differs from the
/// content of an undamaged file.
inline FileContent file_content(hid_t file) {
    FileContent content;
    H5E_auto2_t function = nullptr;
    void* data = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &function, &data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    if (H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, content_detail::object, &content, H5O_INFO_BASIC) < 0)
        content["(visit)"] = "failed";
    H5Eset_auto2(H5E_DEFAULT, function, data);
    return content;
}

/// The content of a file image in memory (the core driver reads it in place).
inline FileContent image_content(const std::string& image) {
    const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_fapl_core(access, 1 << 20, false);
    H5Pset_file_image(access, const_cast<char*>(image.data()), image.size());
    H5E_auto2_t function = nullptr;
    void* data = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &function, &data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const hid_t file = H5Fopen("content.h5", H5F_ACC_RDONLY, access);
    H5Eset_auto2(H5E_DEFAULT, function, data);
    H5Pclose(access);
    if (file < 0)
        return {{"(open)", "failed"}};
    FileContent content = file_content(file);
    H5Fclose(file);
    return content;
}

/// The paths whose content differs between two files, at most `most` of them.
inline std::vector<std::string> differences(const FileContent& a, const FileContent& b,
                                            std::size_t most = 5) {
    std::vector<std::string> paths;
    for (const auto& [path, text] : a)
        if ((!b.count(path) || b.at(path) != text) && paths.size() < most)
            paths.push_back(path);
    for (const auto& [path, text] : b)
        if (!a.count(path) && paths.size() < most)
            paths.push_back(path);
    return paths;
}

} // namespace migsim::testing
