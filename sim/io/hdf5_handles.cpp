#include "io/hdf5_handles.hpp"
#include "io/output_error.hpp"

#include <algorithm>
#include <vector>

namespace migsim::hdf5 {

QuietErrors::QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &saved_function_, &saved_data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() {
    H5Eset_auto2(H5E_DEFAULT, saved_function_, saved_data_);
}

namespace {
herr_t keep_innermost(unsigned n, const H5E_error2_t* error, void* detail) {
    // Walking upward, entry 0 is where the library detected the problem: the most specific text.
    if (n == 0 && error->desc != nullptr)
        *static_cast<std::string*>(detail) = error->desc;
    return 0;
}
} // namespace

std::string last_error_detail() {
    std::string detail;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &detail);
    return detail;
}

void check(long long status, const std::string& what) {
    if (status < 0) {
        const std::string detail = last_error_detail();
        throw OutputError(detail.empty() ? what : what + ": " + detail);
    }
}

Datatype utf8_string_type() {
    Datatype type(H5Tcopy(H5T_C_S1));
    check(type.get(), "cannot create a string type");
    check(H5Tset_size(type.get(), H5T_VARIABLE), "cannot create a string type");
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot create a string type");
    return type;
}

bool path_exists(hid_t file, const std::string& path) {
    // H5Lexists fails rather than answering when an intermediate group is missing: walk down.
    std::size_t end = 0;
    while (end != std::string::npos) {
        end = path.find('/', end + 1);
        const std::string prefix = path.substr(0, end);
        if (prefix.empty() || prefix == "/")
            continue;
        if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0)
            return false;
    }
    return true;
}

void write_string_attribute(hid_t object, const std::string& name, const std::string& value) {
    const Datatype type = utf8_string_type();
    const Dataspace space(H5Screate(H5S_SCALAR));
    check(space.get(), "cannot create a dataspace for attribute " + name);
    const Attribute attribute(
        H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
    check(attribute.get(), "cannot create attribute " + name);
    const char* text = value.c_str();
    check(H5Awrite(attribute.get(), type.get(), &text), "cannot write attribute " + name);
}

std::optional<std::string> read_string_attribute(hid_t object, const std::string& name) {
    if (H5Aexists(object, name.c_str()) <= 0)
        return std::nullopt;
    const Attribute attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT));
    const Datatype file_type(H5Aget_type(attribute.get()));
    const Dataspace space(H5Aget_space(attribute.get()));
    if (!attribute || !file_type || !space || H5Tget_class(file_type.get()) != H5T_STRING ||
        H5Sget_simple_extent_npoints(space.get()) != 1)
        return std::nullopt;

    if (H5Tis_variable_str(file_type.get()) > 0) {
        const Datatype memory_type = utf8_string_type();
        char* text = nullptr;
        if (H5Aread(attribute.get(), memory_type.get(), &text) < 0)
            return std::nullopt;
        std::string value = text != nullptr ? text : "";
        H5free_memory(text);
        return value;
    }
    const std::size_t size = H5Tget_size(file_type.get());
    if (size == 0 || size > (64 << 20)) // a damaged file may claim any width
        return std::nullopt;
    std::vector<char> buffer(size + 1, '\0');
    const Datatype memory_type(H5Tcopy(file_type.get()));
    if (H5Aread(attribute.get(), memory_type.get(), buffer.data()) < 0)
        return std::nullopt;
    return std::string(buffer.data()); // stops at the first NUL of a null-padded string
}

namespace {

/// Reads a scalar integer attribute of the given size and sign into `value`.
bool read_integer_attribute(hid_t object, const std::string& name, hid_t memory_type, std::size_t size,
                            H5T_sign_t sign, void* value) {
    if (H5Aexists(object, name.c_str()) <= 0)
        return false;
    const Attribute attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT));
    const Datatype file_type(attribute ? H5Aget_type(attribute.get()) : H5I_INVALID_HID);
    const Dataspace space(attribute ? H5Aget_space(attribute.get()) : H5I_INVALID_HID);
    return file_type && space && H5Tget_class(file_type.get()) == H5T_INTEGER &&
           H5Tget_size(file_type.get()) == size && H5Tget_sign(file_type.get()) == sign &&
           H5Sget_simple_extent_npoints(space.get()) == 1 &&
           H5Aread(attribute.get(), memory_type, value) >= 0;
}

} // namespace

std::optional<std::uint64_t> read_uint64_attribute(hid_t object, const std::string& name) {
    std::uint64_t value = 0;
    if (!read_integer_attribute(object, name, H5T_NATIVE_UINT64, 8, H5T_SGN_NONE, &value))
        return std::nullopt;
    return value;
}

std::optional<std::int32_t> read_int32_attribute(hid_t object, const std::string& name) {
    std::int32_t value = 0;
    if (!read_integer_attribute(object, name, H5T_NATIVE_INT32, 4, H5T_SGN_2, &value))
        return std::nullopt;
    return value;
}

namespace {

/// The number of elements of a one-dimensional dataset, when it is one.
std::optional<hsize_t> length_of(hid_t dataset) {
    const Dataspace space(H5Dget_space(dataset));
    if (!space || H5Sget_simple_extent_ndims(space.get()) != 1)
        return std::nullopt;
    hsize_t length = 0;
    if (H5Sget_simple_extent_dims(space.get(), &length, nullptr) < 0)
        return std::nullopt;
    return length;
}

} // namespace

std::optional<std::vector<std::string>> read_string_labels(hid_t dataset, hsize_t max_labels) {
    constexpr std::size_t max_text_bytes = 64 << 20;
    const auto n = length_of(dataset);
    const Datatype file_type(H5Dget_type(dataset));
    if (!n || *n > max_labels || !file_type || H5Tget_class(file_type.get()) != H5T_STRING)
        return std::nullopt;
    std::vector<std::string> labels;
    if (*n == 0)
        return labels;
    const std::size_t count = static_cast<std::size_t>(*n);
    if (H5Tis_variable_str(file_type.get()) > 0) {
        std::vector<char*> texts(count, nullptr);
        const Datatype memory_type = utf8_string_type();
        if (H5Dread(dataset, memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()) < 0)
            return std::nullopt;
        std::size_t bytes = 0;
        bool too_long = false;
        for (char* text : texts) {
            if (text != nullptr && !too_long) {
                const std::string label(text);
                bytes += label.size();
                too_long = bytes > max_text_bytes;
                labels.push_back(label);
            } else if (!too_long) {
                labels.emplace_back();
            }
            H5free_memory(text);
        }
        if (too_long)
            return std::nullopt;
        return labels;
    }
    // Fixed length: n x width bytes, both bounded first so that the product cannot wrap.
    const std::size_t width = H5Tget_size(file_type.get());
    if (width == 0 || width > max_text_bytes || count > max_text_bytes / width)
        return std::nullopt;
    std::vector<char> buffer(count * width, '\0');
    const Datatype memory_type(H5Tcopy(file_type.get()));
    if (!memory_type || H5Dread(dataset, memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0)
        return std::nullopt;
    labels.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const char* start = buffer.data() + i * width;
        labels.emplace_back(start, std::find(start, start + width, '\0'));
    }
    return labels;
}

std::optional<std::vector<std::int64_t>> read_integer_labels(hid_t dataset, hsize_t max_labels) {
    const auto n = length_of(dataset);
    const Datatype file_type(H5Dget_type(dataset));
    if (!n || *n > max_labels || !file_type || H5Tget_class(file_type.get()) != H5T_INTEGER)
        return std::nullopt;
    std::vector<std::int64_t> labels(static_cast<std::size_t>(*n));
    if (*n > 0 && H5Dread(dataset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, labels.data()) < 0)
        return std::nullopt;
    return labels;
}

} // namespace migsim::hdf5
