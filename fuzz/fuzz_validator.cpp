// Fuzz target: `migsim validate` on damaged output files, in two ways.
//
// Edits through the HDF5 library (most inputs): a list of edits applied to a valid output of a tiny
// run held in memory: values written, datasets removed or replaced by others of any rank, shape (up
// to 2^62 elements, never allocated), element type and labels, attributes replaced, dimension scales
// detached and attached; with 0x10 in the first byte, the checksums are then computed again, so
// that the checks behind them see the edited values. Then the file is validated, layout and data,
// in this process: what is fuzzed is migsim's own reading of whatever a file may hold.
//
// Bytes changed in the file itself (inputs whose first byte is 0xA0..0xBF): up to four bytes of the
// output's image XORed with masks from the input, anywhere, as a damaged disk or a careless edit
// would. Damaged heaps can make the HDF5 library 1.10 crash or loop, which no check of migsim's can
// prevent (`migsim validate` runs in a child process with a time limit for that reason), so each
// such input is validated in a child process with a time limit, as the command does; a crash or a
// time-out of the child is the library's, and expected. So is a report of the address sanitizer
// about memory the library both touched and allocated (its interceptors see the library's own
// copies within a damaged heap). What is a finding: any other report of the sanitizers in the child
// (migsim's code misbehaving on the damaged file, or the library writing into a buffer migsim gave
// it), or a file that validates although what it says (read with the plain HDF5 API,
// tests/support/output_content.hpp) differs from what the undamaged output said.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/hdf5_handles.hpp"
#include "io/hdf5_writer.hpp"
#include "io/output_checksums.hpp"
#include "io/output_validator.hpp"
#include "support/output_content.hpp"
#include "support/tiny_output.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MIGSIM_FUZZ_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MIGSIM_FUZZ_SANITIZED 1
#endif
#if defined(MIGSIM_FUZZ_SANITIZED)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

namespace {

/// The bytes of the tiny run's output, written once.
const std::string& template_image() {
    static const std::string image = [] {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); // the edits fail often; their errors are not news
        const std::string path = "/tmp/migsim_fuzz_validator_" + std::to_string(::getpid()) + ".h5";
        migsim::write_output(path, migsim::testing::tiny_run());
        const std::string bytes = migsim::testing::file_bytes(path);
        std::remove(path.c_str());
        return bytes;
    }();
    return image;
}

/// Every dataset (auxiliary coordinates such as area_region included), dimension scale and group of
/// the schema, by full path.
struct Paths {
    std::vector<std::string> datasets;
    std::vector<std::string> scales;
    std::vector<std::string> groups;
};

const Paths& paths() {
    static const Paths all = [] {
        Paths p;
        for (const migsim::GroupSchema& group : migsim::output_schema().groups) {
            p.groups.push_back(group.path);
            for (const auto& d : group.dimensions) {
                p.scales.push_back(group.path + "/" + d.name);
                for (const auto& a : d.auxiliaries)
                    p.datasets.push_back(group.path + "/" + a.name);
            }
            for (const auto& d : group.datasets)
                p.datasets.push_back(group.path + "/" + d.name);
        }
        return p;
    }();
    return all;
}

/// Reads the fuzz input as a stream of small numbers; zeros once it is used up.
class Input {
public:
    Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    bool done() const { return at_ >= size_; }
    std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
    std::uint32_t u32() {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v = v << 8 | byte();
        return v;
    }
    double number() {
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits = bits << 8 | byte();
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    std::string text() {
        const std::size_t n = byte() % 24;
        std::string s;
        for (std::size_t i = 0; i < n; ++i)
            s += static_cast<char>(byte());
        return s;
    }
    template <class T>
    const T& pick(const std::vector<T>& from) {
        return from[byte() % from.size()];
    }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

/// A dimension of a replacement dataset: small, the sizes of a run, or larger than any output.
hsize_t dimension(Input& in) {
    static const std::array<hsize_t, 10> sizes = {0,
                                                  1,
                                                  2,
                                                  3,
                                                  101,
                                                  hsize_t{1} << 20,
                                                  (hsize_t{1} << 20) + 1,
                                                  hsize_t{1} << 31,
                                                  hsize_t{1} << 40,
                                                  hsize_t{1} << 62};
    const std::uint8_t b = in.byte();
    return b < 128 ? b % 8 : sizes[b % sizes.size()];
}

hid_t element_type(Input& in) {
    switch (in.byte() % 9) {
    case 0:
        return H5Tcopy(H5T_STD_I32LE);
    case 1:
        return H5Tcopy(H5T_STD_I32BE);
    case 2:
        return H5Tcopy(H5T_STD_I64LE);
    case 3:
        return H5Tcopy(H5T_STD_U64LE);
    case 4:
        return H5Tcopy(H5T_IEEE_F64LE);
    case 5:
        return H5Tcopy(H5T_IEEE_F32BE);
    case 6:
        return H5Tcopy(H5T_STD_I8LE);
    case 7: {
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, 1 + in.byte() % 16);
        return type;
    }
    default: {
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, H5T_VARIABLE);
        H5Tset_cset(type, H5T_CSET_UTF8);
        return type;
    }
    }
}

/// Moves an attribute out of the way rather than deleting it: deletions in a file opened for writing
/// in memory can leave HDF5 1.10's free-space tracking unable to close the file ("new address
/// already in use"), a failure of the library that would end every later run at exit.
void set_aside_attribute(hid_t object, const std::string& name) {
    static unsigned long moved = 0;
    if (H5Aexists(object, name.c_str()) > 0)
        H5Arename(object, name.c_str(), ("set_aside_" + std::to_string(moved++)).c_str());
}

/// The same for a dataset: moved to the root group, where the schema declares nothing.
void set_aside(hid_t file, const std::string& path) {
    static unsigned long moved = 0;
    H5Lmove(file, path.c_str(), file, ("/set_aside_" + std::to_string(moved++)).c_str(), H5P_DEFAULT,
            H5P_DEFAULT);
}

void write_string_attribute(hid_t object, const std::string& name, const std::string& value) {
    set_aside_attribute(object, name);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attribute = H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
    const char* text = value.c_str();
    if (attribute >= 0) {
        H5Awrite(attribute, type, &text);
        H5Aclose(attribute);
    }
    H5Sclose(space);
    H5Tclose(type);
}

/// Datasets replaced in this run. Values are not written into them: HDF5 1.10 crashes writing one
/// element of a chunked dataset of 2^48 elements (a fault of the library's writing, which migsim
/// never does to such a dataset; the validator reads it only within its limits).
std::set<std::string> replaced;

/// Writes one element at a flat index of a numeric dataset.
void write_value(hid_t file, const std::string& path, std::uint32_t flat, double value) {
    if (replaced.count(path))
        return;
    const hid_t dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
    if (dataset < 0)
        return;
    const hid_t space = H5Dget_space(dataset);
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> shape(static_cast<std::size_t>(std::max(rank, 0)));
    H5Sget_simple_extent_dims(space, shape.data(), nullptr);
    std::vector<hsize_t> at(shape.size()), one(shape.size(), 1);
    bool empty = false;
    for (std::size_t axis = shape.size(); axis-- > 0;) {
        if (shape[axis] == 0)
            empty = true;
        else {
            at[axis] = flat % shape[axis];
            flat = static_cast<std::uint32_t>(flat / shape[axis]);
        }
    }
    const hid_t type = H5Dget_type(dataset);
    if (!empty && rank > 0 && H5Tget_class(type) != H5T_STRING &&
        H5Sselect_hyperslab(space, H5S_SELECT_SET, at.data(), nullptr, one.data(), nullptr) >= 0) {
        const hsize_t single = 1;
        const hid_t memory = H5Screate_simple(1, &single, nullptr);
        H5Dwrite(dataset, H5T_NATIVE_DOUBLE, memory, space, H5P_DEFAULT, &value);
        H5Sclose(memory);
    }
    H5Tclose(type);
    H5Sclose(space);
    H5Dclose(dataset);
}

/// Replaces the dataset at `path` by one of another rank, shape and type; perhaps a scale.
void replace(hid_t file, const std::string& path, Input& in) {
    replaced.insert(path);
    set_aside(file, path);
    const int rank = 1 + in.byte() % 4;
    std::vector<hsize_t> shape(static_cast<std::size_t>(rank)), unlimited(shape.size(), H5S_UNLIMITED),
        chunk(shape.size());
    for (std::size_t axis = 0; axis < shape.size(); ++axis) {
        shape[axis] = dimension(in);
        chunk[axis] = std::max<hsize_t>(1, std::min<hsize_t>(shape[axis], 16));
    }
    const hid_t space = H5Screate_simple(rank, shape.data(), unlimited.data());
    const hid_t properties = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(properties, rank, chunk.data());
    const hid_t type = element_type(in);
    const hid_t dataset = H5Dcreate2(file, path.c_str(), type, space, H5P_DEFAULT, properties, H5P_DEFAULT);
    if (dataset >= 0) {
        if (in.byte() % 2 == 0)
            H5DSset_scale(dataset, path.substr(path.rfind('/') + 1).c_str());
        if (in.byte() % 4 != 0) {
            write_string_attribute(dataset, "units", in.byte() % 2 ? in.text() : "persons");
            write_string_attribute(dataset, "description", in.text());
        }
        H5Dclose(dataset);
    }
    H5Tclose(type);
    H5Pclose(properties);
    H5Sclose(space);
}

/// Writes labels made of the input to a one-dimensional string dataset of at most 1024 labels.
void relabel(hid_t file, const std::string& path, Input& in) {
    if (replaced.count(path))
        return;
    const hid_t dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
    if (dataset < 0)
        return;
    const hid_t space = H5Dget_space(dataset);
    hsize_t n = 0;
    if (H5Sget_simple_extent_ndims(space) == 1 && H5Sget_simple_extent_dims(space, &n, nullptr) == 1 &&
        n <= 1024) {
        std::vector<std::string> texts(n);
        std::vector<const char*> pointers(n);
        for (hsize_t i = 0; i < n; ++i) {
            texts[i] = in.byte() % 3 == 0 ? in.text() : "A00" + std::to_string(i % 7);
            pointers[i] = texts[i].c_str();
        }
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, H5T_VARIABLE);
        H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data());
        H5Tclose(type);
    }
    H5Sclose(space);
    H5Dclose(dataset);
}

void edit_attribute(hid_t file, const std::string& object_path, Input& in) {
    static const std::vector<std::string> names = {"units",   "description", "schema_version", "seed",
                                                   "threads", "start",       "months",         "scenario"};
    const hid_t object = H5Oopen(file, object_path.c_str(), H5P_DEFAULT);
    if (object < 0)
        return;
    const std::string& name = in.pick(names);
    switch (in.byte() % 3) {
    case 0:
        write_string_attribute(object, name, in.text());
        break;
    case 1: {
        set_aside_attribute(object, name);
        const hid_t space = H5Screate(H5S_SCALAR);
        const hid_t attribute =
            H5Acreate2(object, name.c_str(), H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT);
        const std::int32_t value = static_cast<std::int32_t>(in.u32());
        if (attribute >= 0) {
            H5Awrite(attribute, H5T_NATIVE_INT32, &value);
            H5Aclose(attribute);
        }
        H5Sclose(space);
        break;
    }
    default:
        set_aside_attribute(object, name);
    }
    H5Oclose(object);
}

void reattach(hid_t file, Input& in) {
    const hid_t dataset = H5Dopen2(file, in.pick(paths().datasets).c_str(), H5P_DEFAULT);
    const hid_t scale = H5Dopen2(file, in.pick(paths().scales).c_str(), H5P_DEFAULT);
    const unsigned axis = in.byte() % 4;
    if (dataset >= 0 && scale >= 0) {
        if (in.byte() % 2 == 0)
            H5DSdetach_scale(dataset, scale, axis);
        else
            H5DSattach_scale(dataset, scale, axis);
    }
    if (scale >= 0)
        H5Dclose(scale);
    if (dataset >= 0)
        H5Dclose(dataset);
}

/// Writes a checksum into an existing uint64 `checksum` attribute; nothing when there is none.
void write_checksum(hid_t object, std::uint64_t checksum) {
    if (!migsim::hdf5::read_uint64_attribute(object, migsim::checksum_attribute))
        return;
    const hid_t attribute = H5Aopen(object, migsim::checksum_attribute, H5P_DEFAULT);
    H5Awrite(attribute, H5T_NATIVE_UINT64, &checksum);
    H5Aclose(attribute);
}

/// Computes the checksums of what the edits left, as someone who knows the format would (inputs
/// whose first byte has 0x10): the checks behind the checksums (bounds, labels, identities, /meta)
/// are then reached with edited values. Datasets of more than 2^20 values are left as they are.
void reseal(hid_t file) {
    std::vector<std::string> sealed = paths().datasets;
    sealed.insert(sealed.end(), paths().scales.begin(), paths().scales.end());
    for (const std::string& path : sealed) {
        if (!migsim::hdf5::path_exists(file, path))
            continue;
        const hid_t dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
        if (dataset < 0)
            continue;
        const hid_t type = H5Dget_type(dataset);
        const hid_t space = H5Dget_space(dataset);
        const hssize_t n = H5Sget_simple_extent_npoints(space);
        if (n >= 0 && n <= (1 << 20)) {
            const auto count = static_cast<std::size_t>(n);
            if (H5Tget_class(type) == H5T_STRING) {
                if (const auto texts = migsim::hdf5::read_string_labels(dataset, 1 << 20))
                    write_checksum(dataset, migsim::values_checksum(*texts));
            } else if (H5Tget_class(type) == H5T_INTEGER) {
                std::vector<std::int32_t> values(count);
                if (count == 0 ||
                    H5Dread(dataset, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0)
                    write_checksum(dataset, migsim::values_checksum(values));
            } else if (H5Tget_class(type) == H5T_FLOAT) {
                std::vector<double> values(count);
                if (count == 0 ||
                    H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0)
                    write_checksum(dataset, migsim::values_checksum(values));
            }
        }
        H5Sclose(space);
        H5Tclose(type);
        H5Dclose(dataset);
    }
    const hid_t meta = H5Gopen2(file, "/meta", H5P_DEFAULT);
    if (meta < 0)
        return;
    std::vector<std::pair<std::string, migsim::AttributeValue>> covered;
    bool complete = true;
    for (const migsim::AttributeSchema& attribute : migsim::output_schema().find_group("/meta")->attributes) {
        if (attribute.name == migsim::checksum_attribute)
            continue;
        if (attribute.type == migsim::AttributeType::string) {
            const auto value = migsim::hdf5::read_string_attribute(meta, attribute.name);
            complete = complete && value.has_value();
            if (value)
                covered.emplace_back(attribute.name, *value);
        } else if (attribute.type == migsim::AttributeType::int32) {
            const auto value = migsim::hdf5::read_int32_attribute(meta, attribute.name);
            complete = complete && value.has_value();
            if (value)
                covered.emplace_back(attribute.name, *value);
        } else {
            const auto value = migsim::hdf5::read_uint64_attribute(meta, attribute.name);
            complete = complete && value.has_value();
            if (value)
                covered.emplace_back(attribute.name, *value);
        }
    }
    if (complete)
        write_checksum(meta, migsim::attributes_checksum(covered));
    H5Gclose(meta);
}

// ---------------------------------------------------------------------------------------------
// Bytes changed in the file itself.

/// How a child's check of a damaged image ended.
enum Ending : int {
    unchanged = 0,          ///< valid, and says what the output said
    reported = 1,           ///< the validator found problems
    changed_yet_valid = 77, ///< a finding: valid, but it says something else
    library_report = 98,    ///< the address sanitizer saw the library misread its own damaged heap
    sanitizer_report = 99,  ///< a finding: the sanitizers stopped the child
};

/// What the undamaged output says.
const migsim::testing::FileContent& template_content() {
    static const migsim::testing::FileContent content = migsim::testing::image_content(template_image());
    return content;
}

#if defined(MIGSIM_FUZZ_SANITIZED)
/// The address sanitizer's last report in this (child) process, if any.
std::array<char, 1 << 16> asan_report{};

extern "C" void keep_asan_report(const char* text) {
    std::strncpy(asan_report.data(), text, asan_report.size() - 1);
}

/// Whether a frame of a report's stack is the sanitizer's own (an interceptor or an allocator).
bool sanitizer_frame(std::string_view line) {
    for (const std::string_view own :
         {" in __interceptor_", " in __asan_", " in malloc ", " in calloc ", " in realloc ", " in free ",
          " in operator new", " in operator delete"})
        if (line.find(own) != std::string_view::npos)
            return true;
    return false;
}

/// Whether an address sanitizer report is about the HDF5 library's own memory: in every stack of
/// the report (the access, and where the memory was allocated and freed), the first frame that is
/// not the sanitizer's is in the library. A report about memory migsim allocated (a buffer too small
/// for what the library writes into it) or touched is a finding.
bool library_only(std::string_view report) {
    if (report.find("ERROR: AddressSanitizer") == std::string_view::npos)
        return false;
    bool stacks = false;
    bool first_pending = false; // inside a stack, before its first frame outside the sanitizer
    std::size_t start = 0;
    while (start < report.size()) {
        std::size_t end = report.find('\n', start);
        if (end == std::string_view::npos)
            end = report.size();
        const std::string_view line = report.substr(start, end - start);
        start = end + 1;
        const std::size_t hash = line.find_first_not_of(' ');
        if (hash == std::string_view::npos || line[hash] != '#')
            continue;
        if (line.substr(hash, 3) == "#0 ") {
            if (first_pending)
                return false; // a stack of the sanitizer's frames alone
            first_pending = true;
            stacks = true;
        }
        if (!first_pending || sanitizer_frame(line))
            continue;
        if (line.find("libhdf5") == std::string_view::npos)
            return false;
        first_pending = false;
    }
    return stacks && !first_pending;
}

extern "C" void sanitizer_died() {
    ::_exit(library_only(asan_report.data()) ? library_report : sanitizer_report);
}
#endif

/// Validates `image` in a child process that may take at most `seconds`; a finding ends the fuzzing.
void check_in_child(const std::string& image, bool layout_only, unsigned seconds) {
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0)
        return;
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // A crash or a hang in the HDF5 library ends the child by a signal, as in `migsim validate`;
        // a report of the sanitizers ends it with its own status.
        for (const int fatal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT})
            std::signal(fatal, SIG_DFL);
#if defined(MIGSIM_FUZZ_SANITIZED)
        __asan_set_error_report_callback(keep_asan_report);
        __sanitizer_set_death_callback(sanitizer_died);
#endif
        ::alarm(seconds);
        const auto problems = migsim::validate_output_image(image, "flipped.h5", migsim::output_schema(),
                                                            {.layout_only = layout_only});
        if (!problems.empty())
            ::_exit(reported);
        if (!layout_only) {
            const auto changed =
                migsim::testing::differences(template_content(), migsim::testing::image_content(image));
            if (!changed.empty()) {
                std::fprintf(stderr, "validated, yet %s differs from the undamaged output\n",
                             changed.front().c_str());
                ::_exit(changed_yet_valid);
            }
        }
        ::_exit(unchanged);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) &&
        (WEXITSTATUS(status) == changed_yet_valid || WEXITSTATUS(status) == sanitizer_report)) {
        std::fprintf(stderr, "fuzz_validator: the check of damaged bytes ended with status %d (%s)\n",
                     WEXITSTATUS(status),
                     WEXITSTATUS(status) == changed_yet_valid ? "a changed file validated"
                                                              : "a sanitizer report");
        std::abort();
    }
}

void change_bytes(Input& in, bool layout_only) {
    std::string damaged = template_image();
    const int changes = 1 + in.byte() % 4;
    for (int k = 0; k < changes; ++k) {
        const std::size_t at = in.u32() % damaged.size();
        const auto mask = static_cast<char>(std::max<std::uint8_t>(1, in.byte()));
        damaged[at] = static_cast<char>(damaged[at] ^ mask);
    }
    check_in_child(damaged, layout_only, 20);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& image = template_image();
    Input in(data, size);
    const std::uint8_t mode = in.byte();
    const bool layout_only = mode % 8 == 0;
    if ((mode & 0xE0) == 0xA0) {
        template_content();
        migsim::output_schema(); // assembled once, in this process, before the child is forked
        change_bytes(in, layout_only);
        return 0;
    }

    replaced.clear();
    std::string copy = image;
    const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_fapl_core(access, 1 << 20, false);
    H5Pset_file_image(access, copy.data(), copy.size());
    const hid_t file = H5Fopen("fuzzed.h5", H5F_ACC_RDWR, access);
    H5Pclose(access);
    if (file < 0)
        std::abort(); // the template always opens

    for (int edits = 0; edits < 32 && !in.done(); ++edits) {
        switch (in.byte() % 7) {
        case 0: {
            const std::string& path = in.pick(paths().datasets);
            const std::uint32_t flat = in.u32();
            write_value(file, path, flat, in.number());
            break;
        }
        case 1:
            set_aside(file, in.byte() % 2 ? in.pick(paths().datasets) : in.pick(paths().scales));
            break;
        case 2:
            replace(file, in.byte() % 2 ? in.pick(paths().datasets) : in.pick(paths().scales), in);
            break;
        case 3:
            edit_attribute(file, in.byte() % 2 ? in.pick(paths().groups) : in.pick(paths().datasets), in);
            break;
        case 4:
            relabel(file, in.pick(paths().scales), in);
            break;
        case 5:
            reattach(file, in);
            break;
        default: {
            // A number dimension's labels from the input: repeated, missing a year, reversed.
            const std::string& path = in.pick(paths().scales);
            const std::uint32_t flat = in.byte();
            write_value(file, path, flat, static_cast<double>(static_cast<std::int32_t>(in.u32())));
        }
        }
    }
    if (mode & 0x10)
        reseal(file);
    const std::vector<std::string> problems =
        migsim::validate_open_output(file, migsim::output_schema(), {.layout_only = layout_only});
    (void)problems;
    if (H5Fclose(file) < 0) {
        H5Eprint2(H5E_DEFAULT, stderr);
        std::abort(); // an edit HDF5 cannot close: it would crash at exit
    }
    return 0;
}
