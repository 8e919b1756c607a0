#pragma once
// Where an output file goes, and how its bytes get there. The target is checked before a run starts
// (a wrong -o is reported before minutes of simulation, not after), and again just before writing.
// The bytes go to a new temporary file in the target's folder, created exclusively under a random
// name (never through a link planted in its place), written in full, synced, and only then renamed
// over the target: a reader sees the old file or the new one, never a part of either.
#include <string>
#include <string_view>
#include <vector>

namespace migsim {

/// A file the run reads, which its output must not replace.
struct ProtectedFile {
    std::string role; ///< for messages: "the scenario file", "the table mortality.rates"
    std::string path;
};

/// Why `path` cannot receive an output, or "" when it can: the name is empty; something other than a
/// regular file is there (a folder, a device, a FIFO, a socket, a symbolic link); it is one of
/// `inputs` (the same file, whatever the name); its folder does not exist. A mistake of the command
/// line.
std::string output_target_problem(const std::string& path, const std::vector<ProtectedFile>& inputs);

/// Why nothing can be written in the folder of `path`: the names the output needs are too long for
/// its file system (a mistake of the command line), or the system refuses (permissions, a read-only
/// or full file system). Empty when the output could be written there.
struct FolderProblem {
    std::string message;
    bool name_too_long = false;
    explicit operator bool() const { return !message.empty(); }
};

/// Creates, writes a byte to and removes a probe file under the name the output's temporary file
/// will have (the output's name, ".tmp-" and 16 hex digits), so that what is found is what the
/// write will meet.
FolderProblem output_folder_problem(const std::string& path);

/// Writes `bytes` to `path` through a temporary file as described above; the temporary file is
/// removed on any failure and on SIGINT/SIGTERM/SIGHUP (io/interrupt_cleanup.hpp), and a file at
/// `path` is then left untouched. Throws OutputError naming the file and the cause (a full disk).
void write_file_atomically(const std::string& path, std::string_view bytes,
                           const std::vector<ProtectedFile>& inputs = {});

/// A file written piece by piece through a temporary file, as write_file_atomically writes one
/// whole: for outputs too large to hold in memory (`migsim export`). The temporary file is removed
/// unless commit() renamed it into place, and on SIGINT/SIGTERM/SIGHUP while it is written. One at a
/// time: the interrupt handlers know of one temporary file. Throws OutputError naming the file.
class StreamedOutputFile {
public:
    explicit StreamedOutputFile(std::string path);
    ~StreamedOutputFile();
    StreamedOutputFile(const StreamedOutputFile&) = delete;
    StreamedOutputFile& operator=(const StreamedOutputFile&) = delete;

    void write(std::string_view bytes);
    /// Syncs, closes and renames the temporary file to the path.
    void commit();

private:
    [[noreturn]] void fail(const char* doing, int error);
    std::string path_;
    std::string temporary_;
    int fd_ = -1;
};

} // namespace migsim
