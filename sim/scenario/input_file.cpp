#include "scenario/input_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file_kind.hpp"

namespace migsim {

namespace {

/// "16 MiB", or "100 bytes" for a limit that is not a whole number of MiB.
std::string size_text(std::size_t bytes) {
    if (bytes > 0 && bytes % (1 << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

/// Closes the descriptor whatever happens.
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    ~Descriptor() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

} // namespace

InputFile read_input_file(const std::string& path, std::size_t max_bytes) {
    InputFile file;
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer. It has no effect on a regular
    // file, the only kind read.
    const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (fd.get() < 0) {
        file.error = std::strerror(errno);
        return file;
    }
    struct stat status {};
    if (::fstat(fd.get(), &status) != 0) {
        file.error = std::strerror(errno);
        return file;
    }
    if (!S_ISREG(status.st_mode)) {
        file.error = std::string("it is ") + file_kind(status.st_mode) + ", not a file";
        return file;
    }
    const auto too_large = [&] {
        file.content.clear();
        file.error = "it is larger than the limit of " + size_text(max_bytes);
    };
    if (status.st_size > static_cast<off_t>(max_bytes)) {
        too_large();
        return file;
    }
    // Read to the end rather than st_size bytes: the file may change while it is read.
    file.content.resize(static_cast<std::size_t>(status.st_size) + 1);
    std::size_t filled = 0;
    while (true) {
        if (filled == file.content.size()) {
            if (filled > max_bytes) {
                too_large();
                return file;
            }
            file.content.resize(std::min(max_bytes + 1, 2 * filled + 4096));
        }
        const ssize_t got = ::read(fd.get(), file.content.data() + filled, file.content.size() - filled);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            file.content.clear();
            file.error = std::strerror(errno);
            return file;
        }
        if (got == 0)
            break;
        filled += static_cast<std::size_t>(got);
    }
    if (filled > max_bytes) {
        too_large();
        return file;
    }
    file.content.resize(filled);
    return file;
}

} // namespace migsim
