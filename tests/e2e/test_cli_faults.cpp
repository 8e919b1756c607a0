// End-to-end tests of bad input and faults through the migsim command: every probe of the review
// of bad input ends with a clear message and the documented exit status (0 success, 1 the run or a
// file failed, 2 the scenario or the command line is wrong, 128 + the signal when interrupted),
// never with a crash, a half-written file or a replaced input.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/stat.h>

#include "e2e/cli_support.hpp"

namespace {

using namespace migsim::e2e;

/// The library that raises a signal at a chosen moment of writing the output (tests/e2e/signal_at.c),
/// built beside the tests.
std::string signal_at_library() {
    return (fs::path(MIGSIM_BINARY).parent_path().parent_path() / "tests" / "signal_at.so").string();
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// No file in `folder` has ".tmp-" in its name.
bool no_temporary_file(const fs::path& folder) {
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().find(".tmp-") != std::string::npos)
            return false;
    return true;
}

class CliFaults : public Cli {
protected:
    /// A small run of the baseline that writes `name` in the test folder.
    std::string small_run(const std::string& name, const std::string& extra = "") const {
        return "run " + small() + " -q " + extra + " -o " + path(name);
    }
};

TEST_F(CliFaults, DeepKeysAndHeadersAreRefusedWithoutACrash) {
    std::string deep = "a";
    for (int i = 0; i < 50'000; ++i)
        deep += ".a";
    std::ofstream(path("deep_key.toml")) << "[run]\n" << deep << " = 1\n";
    std::ofstream(path("deep_header.toml")) << "[" << deep << "]\n";
    for (const char* name : {"deep_key.toml", "deep_header.toml"}) {
        const Outcome outcome = run("run " + path(name) + " -o " + path("never.h5"));
        EXPECT_EQ(outcome.status, 2) << outcome.output;
        EXPECT_NE(outcome.output.find("a key of more than 16 dotted parts"), std::string::npos)
            << outcome.output;
    }
}

TEST_F(CliFaults, ValuesOutOfTheirRangeAreRefusedBeforeTheRun) {
    for (const char* value : {"1e25", "1e15"}) {
        const Outcome outcome =
            run(small_run("never.h5", std::string("--set immigration.arrivals_per_year=") + value));
        EXPECT_EQ(outcome.status, 2) << outcome.output;
        EXPECT_NE(outcome.output.find("is out of range: expected a number in [0, 10000000]"),
                  std::string::npos)
            << outcome.output;
    }
    EXPECT_FALSE(fs::exists(path("never.h5")));
}

TEST_F(CliFaults, APopulationOfABillionInOneAreaIsRefused) {
    std::ofstream table(path("population.csv"));
    table << "year,sex,age,persons\n";
    for (const char* sex : {"male", "female"})
        for (int age = 0; age <= 99; ++age)
            table << "2013," << sex << "," << age << ",5000000\n";
    table.close();
    const Outcome outcome =
        run("run " + source("scenarios/synthetic_areas.toml") + " --set population.areas=1 " +
            "--set population.national_table=" + path("population.csv") + " -o " + path("never.h5"));
    EXPECT_EQ(outcome.status, 2) << outcome.output;
    EXPECT_NE(outcome.output.find("1,000,000,000 simulated persons: more than the limit of 500,000,000"),
              std::string::npos)
        << outcome.output;
}

TEST_F(CliFaults, AnySixtyFourBitSeedRunsAndIsRecorded) {
    const Outcome largest = run(small_run("largest.h5", "--seed 18446744073709551615"));
    ASSERT_EQ(largest.status, 0) << largest.output;
    const hid_t file = H5Fopen(path("largest.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    const hid_t meta = H5Gopen2(file, "/meta", H5P_DEFAULT);
    const hid_t attribute = H5Aopen(meta, "seed", H5P_DEFAULT);
    unsigned long long seed = 0;
    EXPECT_GE(H5Aread(attribute, H5T_NATIVE_ULLONG, &seed), 0);
    EXPECT_EQ(seed, 18446744073709551615ull);
    H5Aclose(attribute);
    H5Gclose(meta);
    H5Fclose(file);
    for (const char* seed_text : {"18446744073709551616", "-1", "x"}) {
        const Outcome refused = run(small_run("never.h5", std::string("--seed ") + seed_text));
        EXPECT_EQ(refused.status, 2) << seed_text << ": " << refused.output;
        EXPECT_NE(refused.output.find("0..18446744073709551615"), std::string::npos) << refused.output;
    }
}

TEST_F(CliFaults, MistakesOfTheCommandLineExitWithTwo) {
    // CLI11's own codes (104, 106, 109) once leaked out.
    for (const char* arguments : {"", "run", "run --bogus", "frobnicate", "run x.toml --threads x",
                                  "run x.toml --months", "validate"}) {
        const Outcome outcome = run(arguments);
        EXPECT_EQ(outcome.status, 2) << "'" << arguments << "': " << outcome.output;
    }
    // Each once said only "A subcommand is required", "arguments were not expected" or "--set: run.threads".
    for (const auto& [arguments, says] : std::initializer_list<std::pair<std::string, std::string>>{
             {"frobnicate",
              "migsim: unknown command 'frobnicate': the commands are run, validate, parameters, schema, "
              "export, ensemble, compare, sensitivity or calibrate"},
             {"export run.h5 --csv out --grop /truth",
              "migsim: unknown option '--grop' of migsim export (did you mean --group?)"},
             {"run " + small() + " --thread 2",
              "migsim: unknown option '--thread' of migsim run (did you mean --threads?)"},
             {"run " + small() + " --threads -1 -o " + path("never.h5"), "  --threads: -1 is out of range"},
             {"run " + source("scenarios/baseline.toml") + " --months 0 -o " + path("never.h5"),
              "  --months: 0 is out of range"}}) {
        const Outcome outcome = run(arguments);
        EXPECT_EQ(outcome.status, 2) << outcome.output;
        EXPECT_NE(outcome.output.find(says), std::string::npos) << outcome.output;
    }
    const Outcome empty = run("run " + small() + " -o ''");
    EXPECT_EQ(empty.status, 2) << empty.output;
    EXPECT_NE(empty.output.find("-o: the output file name is empty"), std::string::npos) << empty.output;
    EXPECT_FALSE(fs::exists(path("baseline.h5")));
    EXPECT_EQ(run("--help").status, 0);
}

TEST_F(CliFaults, AnOutputNameTooLongForItsTemporaryFileIsRefusedBeforeTheRun) {
    // Once found only after the whole run ("File name too long", exit 1).
    const Outcome outcome = run(small_run(std::string(240, 'x') + ".h5"));
    EXPECT_EQ(outcome.status, 2) << outcome.output;
    EXPECT_NE(
        outcome.output.find("-o: the name is too long: the output is first written under its name followed "
                            "by '.tmp-' and 16 hex digits, 264 bytes"),
        std::string::npos)
        << outcome.output;
    EXPECT_NE(outcome.output.find("nothing was run"), std::string::npos) << outcome.output;
    EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(CliFaults, FailingWritesToStandardOutputAreFailures) {
    for (const char* arguments : {"parameters", "--help", "--version"})
        EXPECT_EQ(shell(std::string(MIGSIM_BINARY) + " " + arguments + " > /dev/full 2>/dev/null"), 1)
            << arguments;
    EXPECT_EQ(shell(std::string(MIGSIM_BINARY) + " " + small_run("run.h5") + " --quiet > /dev/full"), 0)
        << "nothing to write";
}

TEST_F(CliFaults, InputsDevicesFifosAndLinksAtTheTargetAreLeftAlone) {
    const std::string scenario = scenario_with("", "");
    const std::string before = read_file(scenario);
    const std::string mortality = source("scenarios/data/dk_mortality_2012.csv");
    const std::string mortality_before = read_file(mortality);
    ASSERT_EQ(::mkfifo(path("fifo.h5").c_str(), 0600), 0);
    std::ofstream(path("victim.txt")) << "precious";
    fs::create_symlink(path("victim.txt"), path("link.h5"));
    const std::string common = "run " + scenario + " --set population.scale=0.005 --months 24 -q -o ";
    for (const auto& [target, words] : std::initializer_list<std::pair<std::string, std::string>>{
             {scenario, "is the scenario file of the run"},
             {mortality, "is the table mortality.rates"},
             {"/dev/null", "is a device"},
             {path("fifo.h5"), "is a FIFO"},
             {path("link.h5"), "is a symbolic link"}}) {
        const Outcome outcome = run(common + target);
        EXPECT_EQ(outcome.status, 2) << target << ": " << outcome.output;
        EXPECT_NE(outcome.output.find(words), std::string::npos) << outcome.output;
        EXPECT_NE(outcome.output.find("nothing was run"), std::string::npos) << outcome.output;
    }
    EXPECT_EQ(read_file(scenario), before);
    EXPECT_EQ(read_file(mortality), mortality_before);
    EXPECT_EQ(read_file(path("victim.txt")), "precious");
    EXPECT_TRUE(fs::is_symlink(path("link.h5")));
}

TEST_F(CliFaults, AFullDiskExitsWithOneLeavingTheOldOutputAndNoTemporaryFile) {
    // Once: the message, then SIGSEGV in HDF5's exit handler (rc 139). A file size limit makes every
    // write beyond it fail, as a full disk does.
    ASSERT_EQ(run(small_run("run.h5")).status, 0);
    const std::string before = read_file(path("run.h5"));
    const int status = shell("trap '' XFSZ; ulimit -f 64; " + std::string(MIGSIM_BINARY) + " " +
                             small_run("run.h5", "--seed 5") + " 2> " + path("stderr.txt"));
    EXPECT_EQ(status, 1);
    EXPECT_NE(read_file(path("stderr.txt")).find("cannot write " + path("run.h5") + ": File too large"),
              std::string::npos)
        << read_file(path("stderr.txt"));
    EXPECT_EQ(read_file(path("run.h5")), before);
    EXPECT_TRUE(no_temporary_file(dir_));
}

TEST_F(CliFaults, AFullDiskBeforeTheRunIsFoundBeforeTheRun) {
    // An output folder that cannot be written was once found only after the whole simulation. The
    // limit of 0 bytes applies to every file the limited shell writes: the message goes through a
    // pipe to a process without the limit.
    shell("(trap '' XFSZ; ulimit -f 0; " + std::string(MIGSIM_BINARY) + " " + small_run("run.h5") +
          "; echo \"status $?\") 2>&1 | cat > " + path("output.txt"));
    const std::string output = read_file(path("output.txt"));
    EXPECT_NE(output.find("-o: cannot write in the folder '" + dir_.string() +
                          "': File too large; nothing was run"),
              std::string::npos)
        << output;
    EXPECT_NE(output.find("status 1"), std::string::npos) << output;
    EXPECT_FALSE(fs::exists(path("run.h5")));
}

TEST_F(CliFaults, ARealFullFileSystemIsAnErrorAndNoCrash) {
    // As root, a tmpfs of 200 KiB: a few KiB free for the probe, too few for the output.
    const fs::path mount = dir_ / "full";
    fs::create_directories(mount);
    if (::geteuid() != 0 ||
        shell("mount -t tmpfs -o size=200k tmpfs " + mount.string() + " 2>/dev/null") != 0)
        GTEST_SKIP() << "cannot mount a small tmpfs here";
    shell("dd if=/dev/zero of=" + (mount / "filler").string() + " bs=1k count=150 2>/dev/null");
    const Outcome outcome = run("run " + small() + " -q -o " + (mount / "run.h5").string());
    EXPECT_EQ(outcome.status, 1) << outcome.output;
    EXPECT_NE(outcome.output.find("No space left on device"), std::string::npos) << outcome.output;
    EXPECT_TRUE(no_temporary_file(mount));
    EXPECT_FALSE(fs::exists(mount / "run.h5"));
    shell("umount " + mount.string());
}

TEST_F(CliFaults, AnInterruptSaysWhatBecameOfTheOutputAndLeavesNoTemporaryFile) {
    // Once: "the unfinished output was removed" right after the rename, though the new output was in
    // place; "no output was written" while the folder was synced; and an interrupt during the probe
    // of the folder before the run left the probe file behind.
    if (!fs::exists(signal_at_library()))
        GTEST_SKIP() << signal_at_library() << " was not built";
    ASSERT_EQ(run(small_run("run.h5")).status, 0);
    const std::string before = read_file(path("run.h5"));
    const std::string complete = "; the output '" + path("run.h5") + "' is complete";
    struct Moment {
        std::string at;
        int signal_number;
        std::string says;
        bool replaced;
    };
    for (const Moment& moment : {
             Moment{"temporary:1", 2, "interrupted (SIGINT); no output was written", false}, // the probe
             Moment{"fsync:1", 15, "interrupted (SIGTERM); the unfinished output was removed", false},
             Moment{"rename", 2, "interrupted (SIGINT)" + complete, true},
             Moment{"fsync:2", 1, "interrupted (SIGHUP)" + complete, true}, // the folder synced
         }) {
        SCOPED_TRACE(moment.at);
        fs::remove(path("run.h5"));
        std::ofstream(path("run.h5"), std::ios::binary) << before;
        // The sanitizers want their runtime first among the loaded libraries; the preloaded one is
        // not instrumented and needs no such check.
        const int ended =
            shell("ASAN_OPTIONS=$ASAN_OPTIONS:verify_asan_link_order=0 LD_PRELOAD=" + signal_at_library() +
                  " MIGSIM_TEST_SIGNAL=" + std::to_string(moment.signal_number) +
                  " MIGSIM_TEST_SIGNAL_AT=" + moment.at + " " + std::string(MIGSIM_BINARY) + " " +
                  small_run("run.h5", "--seed 9") + " 2> " + path("stderr.txt"));
        const std::string said = read_file(path("stderr.txt"));
        EXPECT_EQ(ended, 128 + moment.signal_number) << said;
        EXPECT_NE(said.find("migsim: " + moment.says + "\n"), std::string::npos) << said;
        EXPECT_TRUE(no_temporary_file(dir_));
        if (moment.replaced) {
            EXPECT_NE(read_file(path("run.h5")), before);
            EXPECT_EQ(run("validate " + path("run.h5")).status, 0);
        } else {
            EXPECT_EQ(read_file(path("run.h5")), before);
        }
    }
}

TEST_F(CliFaults, RunningOutOfMemoryOnAnyThreadEndsWithOneAndAClearMessage) {
    // Once: "terminate called after throwing std::bad_alloc", exit 134, when an allocation failed in
    // the monthly pass's parallel loop. The sanitizers' allocator reserves more address space than
    // any such limit allows.
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "a limit of address space stops the address sanitizer itself";
#endif
    std::ofstream(path("run.h5")) << "an old output";
    // 170 MB of address space: the base population fits, the threads' growing columns do not.
    const int limited = shell("ulimit -v 170000; " + std::string(MIGSIM_BINARY) + " run " +
                              source("scenarios/baseline.toml") + " --months 24 --threads 2 -q -o " +
                              path("run.h5") + " 2> " + path("stderr.txt"));
    const std::string said = read_file(path("stderr.txt"));
    EXPECT_EQ(limited, 1) << said;
    EXPECT_NE(said.find("migsim: out of memory: the run needs about "), std::string::npos) << said;
    EXPECT_NE(said.find(" persons at about "), std::string::npos) << said;
    EXPECT_NE(said.find(" bytes each, twice over while their columns grow"), std::string::npos) << said;
    EXPECT_NE(said.find("; no output was written"), std::string::npos) << said;
    EXPECT_EQ(said.find("bad_alloc"), std::string::npos) << said;
    // No thread can be started with a stack larger than the memory.
    const int stacks = shell("OMP_STACKSIZE=100G " + std::string(MIGSIM_BINARY) + " run " + small() +
                             " --threads 2 -q -o " + path("run.h5") + " 2> " + path("stderr.txt"));
    const std::string said_threads = read_file(path("stderr.txt"));
    EXPECT_EQ(stacks, 1) << said_threads;
    EXPECT_NE(
        said_threads.find("migsim: out of memory (the OpenMP runtime could not start a thread or allocate: "
                          "its message is above): the run needs about "),
        std::string::npos)
        << said_threads;
    EXPECT_EQ(read_file(path("run.h5")), "an old output");
    EXPECT_TRUE(no_temporary_file(dir_));
}

TEST_F(CliFaults, TablesThatAreDevicesOrOutsideTheFolderAreRefused) {
    const Outcome zero = run(small_run("never.h5", "--set mortality.rates=/dev/zero"));
    EXPECT_EQ(zero.status, 2) << zero.output;
    EXPECT_NE(zero.output.find("cannot open table file '/dev/zero': it is a device, not a file"),
              std::string::npos)
        << zero.output;
    const std::string outside = scenario_with("\"data/dk_mortality_2012.csv\"", "\"/etc/passwd\"");
    const Outcome passwd = run("run " + outside + " -o " + path("never.h5"));
    EXPECT_EQ(passwd.status, 2) << passwd.output;
    EXPECT_NE(passwd.output.find("'/etc/passwd' is outside the scenario's folder"), std::string::npos)
        << passwd.output;
    EXPECT_EQ(passwd.output.find("root:"), std::string::npos) << passwd.output;
    const Outcome allowed = run("run " + outside + " --allow-outside-tables -o " + path("never.h5"));
    EXPECT_EQ(allowed.status, 2) << allowed.output;
    EXPECT_NE(allowed.output.find("the first line is not a header of this table"), std::string::npos)
        << allowed.output;
    EXPECT_EQ(allowed.output.find("root:"), std::string::npos) << allowed.output;
}

TEST_F(CliFaults, ControlCharactersFromFilesAreEscaped) {
    std::ofstream(path("internal.csv")) << "sex,age,hazard\nmale,0,\x1b[2J\x1b]0;owned\x07\n";
    const Outcome outcome =
        run(small_run("never.h5", "--set internal_migration.hazards=" + path("internal.csv")));
    EXPECT_EQ(outcome.status, 2);
    EXPECT_NE(outcome.output.find("'\\x1b[2J\\x1b]0;owned\\x07' is not a number"), std::string::npos)
        << outcome.output;
    EXPECT_EQ(outcome.output.find('\x1b'), std::string::npos);
}

TEST_F(CliFaults, TheResolvedScenarioOfAMultiLineSetRunsAgain) {
    const Outcome first = run(small_run("first.h5", "--set 'run.start=\"\"\"\n2013-01\"\"\"'"));
    ASSERT_EQ(first.status, 0) << first.output;
    // The resolved scenario in /meta, saved and run as it is.
    ASSERT_EQ(shell("/usr/bin/python3 -c \"import h5py,sys; sys.stdout.write(h5py.File('" + path("first.h5") +
                    "')['meta'].attrs['scenario'])\" > " + path("resolved.toml")),
              0);
    const Outcome again =
        run("run " + path("resolved.toml") + " --allow-outside-tables -q -o " + path("again.h5"));
    EXPECT_EQ(again.status, 0) << again.output;
    // The same data; only the scenario's header of comments differs (where it was resolved from).
    shell("/usr/bin/python3 " + source("tests/e2e/compare_outputs.py") + " " + path("first.h5") + " " +
          path("again.h5") + " > " + path("differences.txt"));
    EXPECT_EQ(read_file(path("differences.txt")).rfind("differs: /meta @scenario\n1 differences in ", 0), 0u)
        << read_file(path("differences.txt"));
}

TEST_F(CliFaults, ValidateFindsDamagedDataAndBrokenAccounts) {
    ASSERT_EQ(run(small_run("run.h5")).status, 0);
    EXPECT_EQ(run("validate " + path("run.h5")).status, 0);
    fs::copy_file(path("run.h5"), path("negative.h5"));
    fs::copy_file(path("run.h5"), path("chunk.h5"));
    {
        const hid_t file = H5Fopen(path("negative.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        const hid_t deaths = H5Dopen2(file, "/truth/flows/deaths", H5P_DEFAULT);
        const hid_t space = H5Dget_space(deaths);
        const hsize_t at[4] = {0, 0, 0, 50}, one[4] = {1, 1, 1, 1};
        H5Sselect_hyperslab(space, H5S_SELECT_SET, at, nullptr, one, nullptr);
        const hid_t memory = H5Screate_simple(1, one, nullptr);
        const int negative = -1;
        EXPECT_GE(H5Dwrite(deaths, H5T_NATIVE_INT, memory, space, H5P_DEFAULT, &negative), 0);
        H5Sclose(memory);
        H5Sclose(space);
        H5Dclose(deaths);
        H5Fclose(file);
    }
    const Outcome negative = run("validate " + path("negative.h5"));
    EXPECT_EQ(negative.status, 1) << negative.output;
    EXPECT_NE(negative.output.find("/truth/flows/deaths: 1 value is below the minimum 0"), std::string::npos)
        << negative.output;
    EXPECT_NE(negative.output.find("identity 'population balance': does not hold"), std::string::npos)
        << negative.output;
    EXPECT_EQ(run("validate --layout-only " + path("negative.h5")).status, 0);
    {
        const hid_t file = H5Fopen(path("chunk.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        const hid_t births = H5Dopen2(file, "/truth/population", H5P_DEFAULT);
        haddr_t address = 0;
        hsize_t size = 0;
        unsigned mask = 0;
        hsize_t offset[4] = {};
        const hid_t space = H5Dget_space(births);
        EXPECT_GE(H5Dget_chunk_info(births, space, 0, offset, &mask, &address, &size), 0);
        H5Sclose(space);
        H5Dclose(births);
        H5Fclose(file);
        std::fstream bytes(path("chunk.h5"), std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekp(static_cast<std::streamoff>(address + size / 3));
        bytes.put('\x00').put('\xff').put('\x00');
    }
    const Outcome chunk = run("validate " + path("chunk.h5"));
    EXPECT_EQ(chunk.status, 1) << chunk.output;
    EXPECT_NE(chunk.output.find("/truth/population: cannot read the values (the file is damaged)"),
              std::string::npos)
        << chunk.output;
}

/// An identity filter registered as lzf (32000), so that the test can write a dataset with it.
std::size_t pass_through(unsigned, std::size_t, const unsigned[], std::size_t bytes, std::size_t*, void**) {
    return bytes;
}

TEST_F(CliFaults, ValidateReadsNothingOutsideTheFileAndLoadsNoPlugin) {
    // An external link to a FIFO once blocked validate for ever; an lzf-compressed dataset was
    // reported as "can't open directory .../plugins".
    ASSERT_EQ(run(small_run("run.h5")).status, 0);
    fs::copy_file(path("run.h5"), path("lzf.h5"));
    ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0600), 0);
    {
        const hid_t file = H5Fopen(path("run.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        ASSERT_GE(H5Ldelete(file, "/truth/population", H5P_DEFAULT), 0);
        ASSERT_GE(H5Lcreate_external(path("fifo").c_str(), "/data", file, "/truth/population", H5P_DEFAULT,
                                     H5P_DEFAULT),
                  0);
        H5Fclose(file);
    }
    const Outcome link = run("validate --time-limit 20 " + path("run.h5"));
    EXPECT_EQ(link.status, 1) << link.output;
    EXPECT_NE(link.output.find("/truth/population: an external link to /data in the file " + path("fifo")),
              std::string::npos)
        << link.output;
    {
        const H5Z_class2_t lzf = {H5Z_CLASS_T_VERS, 32000, 1, 1, "lzf", nullptr, nullptr, pass_through};
        ASSERT_GE(H5Zregister(&lzf), 0);
        const hid_t file = H5Fopen(path("lzf.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        const hid_t properties = H5Pcreate(H5P_DATASET_CREATE);
        const hsize_t shape[1] = {10};
        ASSERT_GE(H5Pset_chunk(properties, 1, shape), 0);
        ASSERT_GE(H5Pset_filter(properties, 32000, H5Z_FLAG_MANDATORY, 0, nullptr), 0);
        const hid_t space = H5Screate_simple(1, shape, nullptr);
        const hid_t dataset =
            H5Dcreate2(file, "/truth/compressed", H5T_STD_I32LE, space, H5P_DEFAULT, properties, H5P_DEFAULT);
        const int values[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        EXPECT_GE(H5Dwrite(dataset, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), 0);
        H5Dclose(dataset);
        H5Sclose(space);
        H5Pclose(properties);
        H5Fclose(file);
    }
    const Outcome plugin = run("validate " + path("lzf.h5"));
    EXPECT_EQ(plugin.status, 1) << plugin.output;
    EXPECT_NE(plugin.output.find("/truth/compressed: stored with the unsupported filter 32000 (lzf)"),
              std::string::npos)
        << plugin.output;
    EXPECT_EQ(plugin.output.find("plugin"), std::string::npos) << plugin.output;
}

TEST_F(CliFaults, AFileThatCrashesTheHdf5LibraryIsReportedAsDamaged) {
    // The heap of variable-length strings has no checksum: an object index out of its range makes
    // HDF5 1.10 read far outside the heap. The labels of /inputs/area are such strings.
    ASSERT_EQ(run(small_run("run.h5")).status, 0);
    haddr_t labels = 0;
    {
        const hid_t file = H5Fopen(path("run.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        const hid_t area = H5Dopen2(file, "/inputs/area", H5P_DEFAULT);
        labels = H5Dget_offset(area);
        H5Dclose(area);
        H5Fclose(file);
    }
    ASSERT_NE(labels, HADDR_UNDEF);
    {
        // Each label: its length (4 bytes), the heap's address (8), the object's index (4).
        std::fstream bytes(path("run.h5"), std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekp(static_cast<std::streamoff>(labels + 12));
        bytes.put('\xff').put('\xff').put('\xff').put('\x7f');
    }
    const Outcome outcome = run("validate " + path("run.h5"));
    EXPECT_EQ(outcome.status, 1) << outcome.output;
    EXPECT_NE(outcome.output.find("the file is damaged"), std::string::npos) << outcome.output;
}

} // namespace
