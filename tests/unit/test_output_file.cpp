// links: migsim_io
// Where an output goes and how it gets there: targets that must not be replaced, a folder that
// cannot be written, a full disk, a link planted at the temporary name, and interrupts while the
// file is written. Failures that once crashed migsim are run in a child process, whose way of
// ending is part of what is checked.
#include "io/hdf5_writer.hpp"
#include "io/interrupt_cleanup.hpp"
#include "io/output_file.hpp"
#include "io/output_validator.hpp"
#include "support/output_test.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <fcntl.h>
#include <functional>

#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace migsim {
namespace {

using namespace migsim::testing;

/// How a child process ended: its exit status, or 128 + the signal that killed it.
int in_child(const std::function<int()>& body) {
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0)
        std::exit(body()); // exit, not _exit: the HDF5 library's exit handler must run, as in migsim
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// Limits files the process writes to `bytes`: a write beyond fails with EFBIG, as on a full disk.
void limit_file_size(rlim_t bytes) {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{bytes, bytes};
    ::setrlimit(RLIMIT_FSIZE, &limit);
}

TEST_F(OutputTest, TargetsThatAreNotRegularFilesOrAreInputsAreRefused) {
    const std::string scenario = file("scenario.toml");
    std::ofstream(scenario) << "[run]\n";
    const std::string table = file("table.csv");
    std::ofstream(table) << "age,rate\n";
    ASSERT_EQ(::link(table.c_str(), file("hard_link.h5").c_str()), 0);
    fs::create_symlink(file("elsewhere.h5"), file("link.h5"));
    ASSERT_EQ(::mkfifo(file("fifo.h5").c_str(), 0600), 0);
    fs::create_directory(file("folder.h5"));
    const std::vector<ProtectedFile> inputs = {{"the scenario file", scenario},
                                               {"the table mortality.rates", table}};

    EXPECT_EQ(output_target_problem("", inputs), "the output file name is empty");
    EXPECT_EQ(output_target_problem(scenario, inputs),
              "'" + scenario + "' is the scenario file of the run: its output cannot replace it");
    EXPECT_EQ(output_target_problem(file("hard_link.h5"), inputs),
              "'" + file("hard_link.h5") +
                  "' is the table mortality.rates of the run: its output cannot replace it");
    EXPECT_EQ(output_target_problem(file("link.h5"), inputs),
              "'" + file("link.h5") +
                  "' is a symbolic link: migsim writes its output to a new name or over a "
                  "regular file");
    EXPECT_NE(output_target_problem(file("fifo.h5"), inputs).find("is a FIFO"), std::string::npos);
    EXPECT_NE(output_target_problem("/dev/null", inputs).find("is a device"), std::string::npos);
    EXPECT_NE(output_target_problem(file("folder.h5"), inputs).find("is a folder"), std::string::npos);
    EXPECT_EQ(output_target_problem(file("absent/run.h5"), inputs),
              "the folder '" + file("absent") + "' of the output does not exist");
    EXPECT_EQ(output_target_problem(table + "/run.h5", inputs),
              "cannot use '" + table + "/run.h5' as the output: Not a directory");
    EXPECT_EQ(output_target_problem(file("new.h5"), inputs), "");
    std::ofstream(file("old.h5")) << "an older output";
    EXPECT_EQ(output_target_problem(file("old.h5"), inputs), "");

    // The writer refuses them too, and leaves them as they were.
    WriteOptions options;
    options.inputs = inputs;
    EXPECT_THROW(write_output(scenario, tiny_run(), options), OutputError);
    EXPECT_THROW(write_output(file("fifo.h5"), tiny_run(), options), OutputError);
    EXPECT_EQ(file_bytes(scenario), "[run]\n");
    EXPECT_FALSE(fs::exists(file("elsewhere.h5")));
}

TEST_F(OutputTest, AFolderThatCannotBeWrittenIsKnownBeforeTheRun) {
    EXPECT_FALSE(output_folder_problem(file("run.h5")));
    EXPECT_EQ(in_child([&] {
                  limit_file_size(0);
                  const FolderProblem problem = output_folder_problem(file("run.h5"));
                  return problem.message == "cannot write in the folder '" + folder_.string() +
                                                "': File too large" &&
                                 !problem.name_too_long
                             ? 0
                             : 1;
              }),
              0);
    if (::geteuid() != 0) { // permissions do not stop root
        fs::permissions(folder_, fs::perms::owner_read | fs::perms::owner_exec);
        EXPECT_NE(output_folder_problem(file("run.h5")).message.find("Permission denied"), std::string::npos);
        fs::permissions(folder_, fs::perms::owner_all);
    }
    EXPECT_TRUE(folder_entries().empty()) << "the probe file is removed";
}

TEST_F(OutputTest, ANameTooLongForTheTemporaryFileIsKnownBeforeTheRun) {
    // A 243-byte name could be created, so the check before the run passed; the temporary name, 21
    // bytes longer, then failed after the whole simulation ("File name too long").
    const std::string name = std::string(240, 'x') + ".h5";
    std::ofstream(file(name)) << "an old output";
    const FolderProblem problem = output_folder_problem(file(name));
    EXPECT_TRUE(problem.name_too_long);
    EXPECT_EQ(problem.message, "the name is too long: the output is first written under its name followed by "
                               "'.tmp-' and 16 hex digits, 264 bytes, more than the file system of '" +
                                   folder_.string() + "' allows; choose a shorter name");
    EXPECT_FALSE(output_folder_problem(file(std::string(230, 'x') + ".h5")));
    EXPECT_EQ(folder_entries(), std::vector<std::string>{name});
}

TEST_F(OutputTest, AFullDiskIsAnErrorWithTheOldFileUntouchedAndNoCrash) {
    // The failed close once left HDF5 with a file it crashed on at exit (SIGSEGV, rc 139).
    write_output(file("run.h5"), tiny_run());
    const std::string before = file_bytes(file("run.h5"));
    const int ended = in_child([&] {
        limit_file_size(4096);
        try {
            write_output(file("run.h5"), tiny_run());
        } catch (const OutputError& error) {
            const std::string expected = "cannot write " + file("run.h5") +
                                         ": File too large (the temporary file was removed; a file already "
                                         "there is unchanged)";
            return std::string(error.what()) == expected ? 7 : 1;
        }
        return 2;
    });
    EXPECT_EQ(ended, 7) << "7: the expected error, then a normal exit through HDF5's exit handler";
    EXPECT_EQ(folder_entries(), std::vector<std::string>{"run.h5"}) << "no temporary file is left";
    EXPECT_EQ(file_bytes(file("run.h5")), before);
}

TEST_F(OutputTest, ALinkPlantedAtTheOldTemporaryNameIsNotFollowed) {
    // The temporary file was OUT.tmp-PID, opened without O_EXCL: a link planted there made migsim
    // overwrite the file it pointed to.
    std::ofstream(file("victim.txt")) << "precious";
    const int ended = in_child([&] {
        fs::create_symlink(file("victim.txt"), file("run.h5.tmp-" + std::to_string(::getpid())));
        write_output(file("run.h5"), tiny_run());
        return 0;
    });
    EXPECT_EQ(ended, 0);
    EXPECT_EQ(file_bytes(file("victim.txt")), "precious");
    EXPECT_TRUE(validate_output(file("run.h5")).empty());
}

/// What the interrupt handler says on stderr when `stage` has set the output's stage and SIGINT comes.
std::string said_on_interrupt(const std::string& folder, const std::function<void()>& stage) {
    const std::string said = folder + "/stderr.txt";
    const int ended = in_child([&] {
        const int fd = ::open(said.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, STDERR_FILENO);
        install_interrupt_cleanup();
        stage();
        std::raise(SIGINT);
        return 0;
    });
    std::string text = file_bytes(said);
    fs::remove(said);
    return ended == 130 ? text : "exit status " + std::to_string(ended);
}

TEST_F(OutputTest, AnInterruptRemovesTheFileBeingWrittenAndSaysWhatBecameOfTheOutput) {
    const std::string temporary = file("run.h5.tmp-0123456789abcdef");
    const std::string output = file("run.h5");
    const auto interrupted = [&](const std::string& words) {
        return "\nmigsim: interrupted (SIGINT)" + words + "\n";
    };
    std::ofstream(temporary) << "a probe";
    EXPECT_EQ(said_on_interrupt(folder_, [&] { set_interrupt_scratch(temporary.c_str()); }),
              interrupted("; no output was written"));
    EXPECT_FALSE(fs::exists(temporary));

    std::ofstream(temporary) << "half an output";
    EXPECT_EQ(said_on_interrupt(folder_,
                                [&] {
                                    set_interrupt_scratch(temporary.c_str());
                                    set_interrupt_unfinished(output.c_str());
                                }),
              interrupted("; the unfinished output was removed"));
    EXPECT_FALSE(fs::exists(temporary));

    // Renamed, but the stage not yet told: the temporary name is gone, the output is complete.
    std::ofstream(output) << "complete";
    EXPECT_EQ(said_on_interrupt(folder_,
                                [&] {
                                    set_interrupt_scratch(temporary.c_str());
                                    set_interrupt_unfinished(output.c_str());
                                }),
              interrupted("; the output '" + output + "' is complete"));
    EXPECT_EQ(said_on_interrupt(folder_,
                                [&] {
                                    set_interrupt_scratch(output.c_str());
                                    set_interrupt_unfinished(output.c_str());
                                    set_interrupt_complete();
                                }),
              interrupted("; the output '" + output + "' is complete"));
    EXPECT_EQ(file_bytes(output), "complete");

    // A failed write: the file is removed as holding no output.
    std::ofstream(temporary) << "half an output";
    EXPECT_EQ(said_on_interrupt(folder_,
                                [&] {
                                    set_interrupt_scratch(temporary.c_str());
                                    set_interrupt_unfinished(output.c_str());
                                    set_interrupt_abandoned();
                                }),
              interrupted("; no output was written"));
    EXPECT_FALSE(fs::exists(temporary));
    EXPECT_EQ(said_on_interrupt(folder_, [] { clear_interrupt_temporary(); }),
              interrupted("; no output was written"));
}

TEST_F(OutputTest, TheOldOutputIsNeverOpened) {
    // HDF5 once opened the old output read-write and read all of it into memory before building the
    // new one in its place: 4.2 GB of memory and 15 s to replace a 4 GiB file.
    write_output(file("run.h5"), tiny_run());
    const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    ASSERT_GE(watch, 0);
    ASSERT_GE(::inotify_add_watch(watch, file("run.h5").c_str(), IN_OPEN | IN_ACCESS | IN_MODIFY), 0);
    write_output(file("run.h5"), tiny_run());
    alignas(inotify_event) char events[4096];
    const ssize_t got = ::read(watch, events, sizeof events);
    ::close(watch);
    std::vector<std::uint32_t> seen;
    for (ssize_t at = 0; at + static_cast<ssize_t>(sizeof(inotify_event)) <= got;) {
        const auto* event = reinterpret_cast<const inotify_event*>(events + at);
        if (event->mask & (IN_OPEN | IN_ACCESS | IN_MODIFY))
            seen.push_back(event->mask);
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
    EXPECT_TRUE(seen.empty()) << seen.size() << " opens or reads of the old output, the first with mask "
                              << (seen.empty() ? 0 : seen[0]);
    EXPECT_TRUE(validate_output(file("run.h5")).empty());
}

TEST_F(OutputTest, TheFileIsWrittenWholeUnderATemporaryNameThenRenamed) {
    write_file_atomically(file("data.bin"), "first");
    write_file_atomically(file("data.bin"), "second, longer");
    EXPECT_EQ(file_bytes(file("data.bin")), "second, longer");
    EXPECT_EQ(folder_entries(), std::vector<std::string>{"data.bin"});
}

} // namespace
} // namespace migsim
