#include "io/output_storage_check.hpp"
#include "io/hdf5_handles.hpp"

#include <H5PLpublic.h>

#include <set>

namespace migsim {

namespace {

/// Objects visited at most: a migsim output has a few hundred, and a damaged file may claim any
/// number of links.
constexpr std::size_t max_objects = 1 << 16;

std::string joined(const std::string& group, const char* name) {
    std::string path = group;
    if (path != "/")
        path += '/';
    path += name;
    return path;
}

/// The name of a filter as the file records it, or its number.
std::string filter_name(unsigned id, const char* recorded) {
    std::string name = recorded != nullptr ? std::string(recorded) : std::string();
    if (name.empty())
        return "filter " + std::to_string(id);
    return "filter " + std::to_string(id) + " (" + name + ")";
}

class StorageWalk {
public:
    explicit StorageWalk(hid_t file) : file_(file) {}

    std::vector<std::string> problems;

    /// Every group below the root, breadth first (a file may nest groups deeper than a stack).
    void walk() {
        std::vector<std::pair<std::string, H5O_type_t>> found = {{"/", H5O_TYPE_GROUP}};
        for (std::size_t next = 0; next < found.size(); ++next) {
            const auto [path, type] = found[next];
            if (type == H5O_TYPE_GROUP)
                list_group(path, found);
            else if (type == H5O_TYPE_DATASET)
                check_dataset(path);
        }
    }

private:
    void list_group(const std::string& group_path, std::vector<std::pair<std::string, H5O_type_t>>& found) {
        const hdf5::Group group(H5Gopen2(file_, group_path.c_str(), H5P_DEFAULT));
        if (!group) {
            problems.push_back(group_path + ": cannot open the group: " + hdf5::last_error_detail());
            return;
        }
        Visit visit{this, group_path, &found};
        hsize_t next = 0;
        // Native order: no index needs to be built or trusted, and every link is seen once.
        if (H5Literate(group.get(), H5_INDEX_NAME, H5_ITER_NATIVE, &next, visit_link, &visit) < 0)
            problems.push_back(group_path +
                               ": cannot list the links of the group: " + hdf5::last_error_detail());
    }

    struct Visit {
        StorageWalk* walk;
        std::string group_path;
        std::vector<std::pair<std::string, H5O_type_t>>* below;
    };

    static herr_t visit_link(hid_t group, const char* name, const H5L_info_t* info, void* data) {
        Visit& visit = *static_cast<Visit*>(data);
        StorageWalk& self = *visit.walk;
        const std::string path = joined(visit.group_path, name);
        if (info->type != H5L_TYPE_HARD) {
            self.problems.push_back(path + ": " + self.describe_link(group, name, *info) +
                                    "; a migsim output holds its data itself, so the link is not followed");
            return 0;
        }
        if (!self.visited_.insert(info->u.address).second)
            return 0; // a second name of an object already seen
        if (self.visited_.size() > max_objects) {
            self.problems.push_back(visit.group_path + ": more than " + std::to_string(max_objects) +
                                    " objects, more than any migsim output; the rest is not checked");
            return 1;
        }
        // A hard link stays in the file: its object's type is read from its header. Everything HDF5
        // can say about the object is asked for, as h5py's visititems does: the storage of its
        // attributes and its chunk index (whose B-tree nodes carry no checksum) is walked in full.
        H5O_info_t object{};
        if (H5Oget_info_by_name2(group, name, &object, H5O_INFO_ALL, H5P_DEFAULT) < 0) {
            self.problems.push_back(
                path + ": cannot read the object's header or its indexes: " + hdf5::last_error_detail());
            return 0;
        }
        visit.below->emplace_back(path, object.type);
        return 0;
    }

    std::string describe_link(hid_t group, const char* name, const H5L_info_t& info) const {
        if (info.type == H5L_TYPE_SOFT || info.type == H5L_TYPE_EXTERNAL) {
            std::vector<char> value(std::min<std::size_t>(info.u.val_size, 1 << 16) + 1, '\0');
            const bool read = H5Lget_val(group, name, value.data(), value.size() - 1, H5P_DEFAULT) >= 0;
            if (info.type == H5L_TYPE_SOFT)
                return read ? "a soft link to " + std::string(value.data()) : "a soft link";
            unsigned flags = 0;
            const char* target_file = nullptr;
            const char* target_object = nullptr;
            if (read &&
                H5Lunpack_elink_val(value.data(), value.size() - 1, &flags, &target_file, &target_object) >=
                    0 &&
                target_file != nullptr && target_object != nullptr)
                return "an external link to " + std::string(target_object) + " in the file " + target_file;
            return "an external link";
        }
        return "a user-defined link (type " + std::to_string(static_cast<int>(info.type)) + ")";
    }

    /// The dataset's storage, from its creation properties alone: nothing of its values is read.
    void check_dataset(const std::string& path) {
        const hdf5::Dataset dataset(H5Dopen2(file_, path.c_str(), H5P_DEFAULT));
        const hdf5::PropertyList creation(dataset ? H5Dget_create_plist(dataset.get()) : H5I_INVALID_HID);
        if (!creation) {
            problems.push_back(path +
                               ": cannot read how the dataset is stored: " + hdf5::last_error_detail());
            return;
        }
        if (H5Pget_layout(creation.get()) == H5D_VIRTUAL) {
            problems.push_back(path + ": a virtual dataset, whose values are mapped from other datasets or "
                                      "files; a migsim output holds its data itself, so it is not read");
            return;
        }
        if (H5Pget_external_count(creation.get()) != 0) {
            problems.push_back(path + ": its values are stored in external files; a migsim output holds "
                                      "its data itself, so they are not read");
            return;
        }
        const int filters = H5Pget_nfilters(creation.get());
        for (int k = 0; k < filters; ++k) {
            unsigned flags = 0;
            std::size_t count = 0;
            char name[256] = {};
            const H5Z_filter_t id = H5Pget_filter2(creation.get(), static_cast<unsigned>(k), &flags, &count,
                                                   nullptr, sizeof name, name, nullptr);
            if (id == H5Z_FILTER_SHUFFLE || id == H5Z_FILTER_DEFLATE || id == H5Z_FILTER_FLETCHER32)
                continue;
            if (id < 0) {
                problems.push_back(path + ": cannot read its filters: " + hdf5::last_error_detail());
                break;
            }
            problems.push_back(path + ": stored with the unsupported " +
                               filter_name(static_cast<unsigned>(id), name) +
                               "; migsim writes only shuffle, deflate and Fletcher-32, so the values are "
                               "not read");
        }
    }

    hid_t file_;
    std::set<haddr_t> visited_;
};

} // namespace

void refuse_filter_plugins() {
    H5PLset_loading_state(0);
}

std::vector<std::string> storage_problems(hid_t file) {
    refuse_filter_plugins();
    StorageWalk walk(file);
    walk.walk();
    return std::move(walk.problems);
}

} // namespace migsim
