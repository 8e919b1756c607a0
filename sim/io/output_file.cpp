#include "io/output_file.hpp"
#include "core/file_kind.hpp"
#include "core/text.hpp"
#include "io/interrupt_cleanup.hpp"
#include "io/output_error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

namespace migsim {

namespace {

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

/// The folder a file named `path` goes in ("." for a bare name).
std::string folder_of(const std::string& path) {
    const std::string parent = std::filesystem::path(path).parent_path().string();
    return parent.empty() ? "." : parent;
}

/// A name no one can guess: 16 hex digits from the kernel's random source.
std::string random_suffix() {
    unsigned char bytes[8] = {};
    if (getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
        // Without the kernel's source the name is still unlikely to be taken; O_EXCL makes it safe.
        const auto mixed = static_cast<unsigned long long>(::getpid()) * 0x9E3779B97F4A7C15ULL ^
                           static_cast<unsigned long long>(std::time(nullptr));
        std::memcpy(bytes, &mixed, sizeof bytes);
    }
    char text[17];
    for (int i = 0; i < 8; ++i)
        std::snprintf(text + 2 * i, 3, "%02x", static_cast<unsigned>(bytes[i]));
    return text;
}

/// What the temporary file's name adds to the output's: ".tmp-" and 16 hex digits.
constexpr std::string_view temporary_infix = ".tmp-";
constexpr std::size_t temporary_suffix_bytes = 5 + 16;

/// Creates `stem` + a random suffix exclusively (never opening what is already there, link or
/// not); the descriptor and the name, or -1 and errno. The interrupt handlers know the name before
/// the file exists (io/interrupt_cleanup.hpp), so that an interrupt at any moment removes it.
int create_exclusive(const std::string& stem, std::string& name) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        name = stem + random_suffix();
        set_interrupt_scratch(name.c_str());
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0)
            return fd;
        const int error = errno;
        clear_interrupt_temporary();
        errno = error;
        if (error != EEXIST)
            return -1;
    }
    return -1;
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            if (written == 0)
                errno = EIO;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

} // namespace

std::string output_target_problem(const std::string& path, const std::vector<ProtectedFile>& inputs) {
    if (path.empty())
        return "the output file name is empty";
    struct stat target {};
    if (::lstat(path.c_str(), &target) != 0) {
        if (errno != ENOENT)
            return "cannot use " + quoted(path) + " as the output: " + std::strerror(errno);
        const std::string folder = folder_of(path);
        struct stat folder_status {};
        if (::stat(folder.c_str(), &folder_status) != 0)
            return "the folder " + quoted(folder) + " of the output does not exist";
        if (!S_ISDIR(folder_status.st_mode))
            return quoted(folder) + " is not a folder";
        return ""; // a new name in an existing folder
    }
    if (!S_ISREG(target.st_mode))
        return quoted(path) + " is " + file_kind(target.st_mode) +
               ": migsim writes its output to a new name or over a regular file";
    for (const ProtectedFile& input : inputs) {
        struct stat read {};
        if (::stat(input.path.c_str(), &read) == 0 && read.st_dev == target.st_dev &&
            read.st_ino == target.st_ino)
            return quoted(path) + " is " + input.role + " of the run: its output cannot replace it";
    }
    return "";
}

FolderProblem output_folder_problem(const std::string& path) {
    const std::string folder = folder_of(path);
    // The probe has the very form of the name the output is first written under, in the same
    // folder: a name too long for the file system is found here, not after the run.
    std::string probe;
    const int fd = create_exclusive(path + std::string(temporary_infix), probe);
    if (fd < 0 && errno == ENAMETOOLONG) {
        const std::size_t bytes =
            std::filesystem::path(path).filename().string().size() + temporary_suffix_bytes;
        return {concat({"the name is too long: the output is first written under its name followed by '",
                        temporary_infix, "' and 16 hex digits, ", std::to_string(bytes),
                        " bytes, more than the file system of '", folder, "' allows; choose a shorter name"}),
                true};
    }
    if (fd < 0)
        return {"cannot write in the folder " + quoted(folder) + ": " + std::strerror(errno), false};
    // A byte of data, not only a name: a full file system still has room for an empty file.
    const bool wrote = write_all(fd, std::string_view("migsim", 6));
    const int write_error = errno;
    ::close(fd);
    ::unlink(probe.c_str());
    clear_interrupt_temporary();
    if (!wrote)
        return {"cannot write in the folder " + quoted(folder) + ": " + std::strerror(write_error), false};
    return {};
}

void write_file_atomically(const std::string& path, std::string_view bytes,
                           const std::vector<ProtectedFile>& inputs) {
    if (const std::string problem = output_target_problem(path, inputs); !problem.empty())
        throw OutputError("cannot write " + path + ": " + problem);
    std::string temporary;
    const int fd = create_exclusive(path + std::string(temporary_infix), temporary);
    if (fd < 0)
        throw OutputError("cannot create a temporary file next to " + path + ": " + std::strerror(errno));
    set_interrupt_unfinished(path.c_str());
    const auto fail = [&](const char* doing) {
        const int error = errno;
        set_interrupt_abandoned();
        ::unlink(temporary.c_str());
        clear_interrupt_temporary();
        throw OutputError("cannot " + std::string(doing) + " " + path + ": " + std::strerror(error) +
                          " (the temporary file was removed; a file already there is unchanged)");
    };
    // fsync before the rename: after a crash of the machine the name holds the old file or the
    // whole new one. close() can report a late write error (NFS), so it is checked too.
    if (!write_all(fd, bytes) || ::fsync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        fail("write");
    }
    if (::close(fd) != 0)
        fail("write");
    if (::rename(temporary.c_str(), path.c_str()) != 0)
        fail("rename the temporary file to");
    // From here an interrupt finds the output complete, and says so.
    set_interrupt_complete();
    // The rename itself is on disk once the folder is synced; a failure here loses nothing written.
    const int folder = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder >= 0) {
        ::fsync(folder);
        ::close(folder);
    }
}

StreamedOutputFile::StreamedOutputFile(std::string path) : path_(std::move(path)) {
    if (const std::string problem = output_target_problem(path_, {}); !problem.empty())
        throw OutputError("cannot write " + path_ + ": " + problem);
    fd_ = create_exclusive(path_ + std::string(temporary_infix), temporary_);
    if (fd_ < 0)
        throw OutputError("cannot create a temporary file next to " + path_ + ": " + std::strerror(errno));
    set_interrupt_unfinished(path_.c_str());
}

StreamedOutputFile::~StreamedOutputFile() {
    if (fd_ >= 0) {
        set_interrupt_abandoned();
        ::close(fd_);
        ::unlink(temporary_.c_str());
        clear_interrupt_temporary();
    }
}

void StreamedOutputFile::fail(const char* doing, int error) {
    set_interrupt_abandoned();
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    ::unlink(temporary_.c_str());
    clear_interrupt_temporary();
    throw OutputError("cannot " + std::string(doing) + " " + path_ + ": " + std::strerror(error) +
                      " (the temporary file was removed; a file already there is unchanged)");
}

void StreamedOutputFile::write(std::string_view bytes) {
    if (fd_ < 0 || !write_all(fd_, bytes))
        fail("write", fd_ < 0 ? EBADF : errno);
}

void StreamedOutputFile::commit() {
    if (fd_ < 0 || ::fsync(fd_) != 0)
        fail("write", fd_ < 0 ? EBADF : errno);
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0)
        fail("write", errno);
    if (::rename(temporary_.c_str(), path_.c_str()) != 0)
        fail("rename the temporary file to", errno);
    // An interrupt now finds this file complete; the next file's temporary name replaces it.
    set_interrupt_complete();
}

} // namespace migsim
