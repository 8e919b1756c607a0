#pragma once
// Running the migsim command in end-to-end tests: its exit status and output, a folder of its own
// for each test, and scenario variants.
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace migsim::e2e {

namespace fs = std::filesystem;

struct Outcome {
    int status = -1;
    std::string output; ///< stdout and stderr together
};

inline Outcome run(const std::string& arguments) {
    const std::string command = std::string(MIGSIM_BINARY) + " " + arguments + " 2>&1";
    Outcome outcome;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return outcome;
    std::array<char, 4096> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe) != nullptr)
        outcome.output += buffer.data();
    const int raw = pclose(pipe);
    outcome.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return outcome;
}

inline int shell(const std::string& command) {
    const int raw = std::system(command.c_str());
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

/// True when `output` has "FILE:LINE: KEY" with a line number.
inline bool names_file_line_and_key(const std::string& output, const std::string& file,
                                    const std::string& key) {
    for (std::size_t at = output.find(file + ":"); at != std::string::npos;
         at = output.find(file + ":", at + 1)) {
        std::size_t digits = at + file.size() + 1;
        const std::size_t first_digit = digits;
        while (digits < output.size() && std::isdigit(static_cast<unsigned char>(output[digits])))
            ++digits;
        if (digits > first_digit && output.compare(digits, key.size() + 2, ": " + key) == 0)
            return true;
    }
    return false;
}

inline std::string source(const std::string& relative) {
    return std::string(MIGSIM_SOURCE_DIR) + "/" + relative;
}

class Cli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("migsim-e2e-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    /// A small, fast run of the default scenario: 0.5% of Denmark in its municipalities, two years.
    static std::string small() {
        return source("scenarios/baseline.toml") + " --set population.scale=0.005 --months 24";
    }

    /// The baseline scenario with `from` replaced by `to`, written to the test folder beside a link
    /// `data` to its tables (a scenario file names tables in its own folder).
    std::string scenario_with(const std::string& from, const std::string& to) const {
        std::ifstream in(source("scenarios/baseline.toml"));
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!fs::exists(dir_ / "data"))
            fs::create_directory_symlink(source("scenarios/data"), dir_ / "data");
        if (!from.empty()) {
            const auto at = text.find(from);
            EXPECT_NE(at, std::string::npos) << from;
            if (at != std::string::npos)
                text.replace(at, from.size(), to);
        }
        const std::string file = path("scenario.toml");
        std::ofstream(file) << text;
        return file;
    }

    fs::path dir_;
};

} // namespace migsim::e2e
