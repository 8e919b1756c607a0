#pragma once
// Small RAII handles over the HDF5 C API and the few helpers the writer and the validator share.
// Internal to sim/io: the rest of migsim sees only write_output and validate_output.
#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace migsim::hdf5 {

/// Owns one HDF5 identifier and closes it with `Close` (H5Fclose, H5Dclose...). Move-only.
template <herr_t (*Close)(hid_t)>
class Handle {
public:
    Handle() = default;
    explicit Handle(hid_t id) : id_(id) {}
    Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }
    explicit operator bool() const { return valid(); }

    /// Closes now; returns false if HDF5 reports a failure (a file that could not be flushed).
    bool close() {
        if (!valid())
            return true;
        return Close(std::exchange(id_, H5I_INVALID_HID)) >= 0;
    }

private:
    void reset() {
        if (valid())
            Close(std::exchange(id_, H5I_INVALID_HID));
    }
    hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using Attribute = Handle<H5Aclose>;
using PropertyList = Handle<H5Pclose>;
using Object = Handle<H5Oclose>;

/// Stops HDF5 printing its error stack to stderr while alive: errors become our own messages.
class QuietErrors {
public:
    QuietErrors();
    ~QuietErrors();
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;

private:
    H5E_auto2_t saved_function_ = nullptr;
    void* saved_data_ = nullptr;
};

/// The innermost message on the current HDF5 error stack ("unable to open file..."), or "".
std::string last_error_detail();

/// Throws OutputError "<what>: <HDF5 detail>" when `status` (an herr_t or hid_t) is negative.
void check(long long status, const std::string& what);

/// A variable-length UTF-8 string type, as h5py and netCDF-4 write str.
Datatype utf8_string_type();

/// True when every component of `path` ("/truth/flows") exists below the file root.
bool path_exists(hid_t file, const std::string& path);

/// Writes a scalar UTF-8 string attribute; throws OutputError on failure.
void write_string_attribute(hid_t object, const std::string& name, const std::string& value);

/// The value of a string attribute (fixed or variable length); nothing if absent or not a string.
std::optional<std::string> read_string_attribute(hid_t object, const std::string& name);

/// The value of a scalar attribute of an integer type that holds it exactly (uint64 as written);
/// nothing if absent or of another kind.
std::optional<std::uint64_t> read_uint64_attribute(hid_t object, const std::string& name);

/// The value of a scalar int32 attribute; nothing if absent or of another kind.
std::optional<std::int32_t> read_int32_attribute(hid_t object, const std::string& name);

/// The labels of a one-dimensional dataset of strings (fixed or variable length); nothing when it
/// is not one, cannot be read, or has more than `max_labels` labels or 64 MiB of text (checked
/// before anything is allocated).
std::optional<std::vector<std::string>> read_string_labels(hid_t dataset, hsize_t max_labels);

/// The labels of a one-dimensional dataset of integers; nothing as above.
std::optional<std::vector<std::int64_t>> read_integer_labels(hid_t dataset, hsize_t max_labels);

} // namespace migsim::hdf5
