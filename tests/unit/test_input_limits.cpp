// links: migsim_settings
// The guards on what migsim reads: text escaped before it is echoed, every line ending, files that
// are not regular or too large, and TOML nested deeper than a scenario can be.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "core/text.hpp"
#include "scenario/input_file.hpp"
#include "scenario/limits.hpp"
#include "scenario/toml_guard.hpp"

namespace migsim {
namespace {

namespace fs = std::filesystem;

fs::path test_folder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path folder = fs::path(::testing::TempDir()) / "migsim_test_input_limits" / info->name();
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    LineReader reader(text);
    std::string_view line;
    while (reader.next(line))
        lines.emplace_back(line);
    return lines;
}

TEST(Printable, EscapesControlCharactersAndBytesThatAreNotUtf8) {
    EXPECT_EQ(printable("age,rate"), "age,rate");
    EXPECT_EQ(printable("\x1b[2J\x1b]0;owned\x07"), "\\x1b[2J\\x1b]0;owned\\x07");
    EXPECT_EQ(printable("a\nb\rc\td\x7f"), "a\\nb\\rc\\td\\x7f");
    EXPECT_EQ(printable("\xff\xfe"), "\\xff\\xfe"); // UTF-16 byte-order mark
    EXPECT_EQ(printable("\xc3\x85"
                        "benr\xc3\xa5"),
              "\xc3\x85"
              "benr\xc3\xa5");                               // Åbenrå stays
    EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");          // an overlong '/'
    EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80"); // a UTF-16 surrogate
    EXPECT_EQ(printable("abcdef", 3), "abc...");
    EXPECT_EQ(printable("abc", 3), "abc");
}

TEST(LineReader, EndsLinesAtLineFeedsCarriageReturnsOrBoth) {
    EXPECT_EQ(lines_of("a\nb\n"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(lines_of("a\r\nb\r\n"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(lines_of("a\rb\rc"), (std::vector<std::string>{"a", "b", "c"})); // old Mac files
    EXPECT_EQ(lines_of("a\n\nb"), (std::vector<std::string>{"a", "", "b"}));
    EXPECT_EQ(lines_of("a\r\rb"), (std::vector<std::string>{"a", "", "b"}));
    EXPECT_TRUE(lines_of("").empty());
}

TEST(ReadInputFile, ReadsARegularFileWhole) {
    const fs::path file = test_folder() / "table.csv";
    std::ofstream(file) << "age,rate\n15,0.05\n";
    const InputFile read = read_input_file(file.string(), 100);
    EXPECT_TRUE(read.ok()) << read.error;
    EXPECT_EQ(read.content, "age,rate\n15,0.05\n");
}

TEST(ReadInputFile, RefusesWhatIsNotARegularFileWithoutReadingIt) {
    const fs::path folder = test_folder();
    EXPECT_EQ(read_input_file("/dev/zero", limits::table_file_bytes).error, "it is a device, not a file");
    EXPECT_EQ(read_input_file(folder.string(), 100).error, "it is a folder, not a file");
    const fs::path fifo = folder / "fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // Opening a FIFO for reading would wait for a writer: it must return at once.
    EXPECT_EQ(read_input_file(fifo.string(), 100).error, "it is a FIFO, not a file");
    EXPECT_EQ(read_input_file((folder / "absent").string(), 100).error, "No such file or directory");
}

TEST(ReadInputFile, RefusesAFileLargerThanTheLimit) {
    const fs::path file = test_folder() / "big.csv";
    std::ofstream(file) << std::string(101, 'x');
    EXPECT_EQ(read_input_file(file.string(), 100).error, "it is larger than the limit of 100 bytes");
    EXPECT_TRUE(read_input_file(file.string(), 101).ok());
    // A sparse file of 1 GiB is refused from its size, not read.
    const fs::path sparse = test_folder() / "sparse.csv";
    std::ofstream(sparse).close();
    fs::resize_file(sparse, std::uintmax_t{1} << 30);
    EXPECT_EQ(read_input_file(sparse.string(), limits::table_file_bytes).error,
              "it is larger than the limit of 16 MiB");
}

TEST(TomlText, AcceptsAScenarioAndRefusesDeepKeysAndValues) {
    const std::string scenario = "[run]\nseed = 1\n[register]\narrival_lag_months = { native_born = 1.5 }\n"
                                 "names = [\"a.b.c\", 'd.e.f']\ntext = \"\"\"\n[[[[\n\"\"\"\n# a.b.c.d.e\n";
    EXPECT_FALSE(toml_text_problem(scenario, limits::toml_key_parts, limits::toml_nesting));

    const auto deep_key = toml_text_problem("[run]\na" + std::string(50'000, '.') + " = 1\n", 16, 16);
    ASSERT_TRUE(deep_key);
    EXPECT_EQ(deep_key->line, 2);
    EXPECT_NE(deep_key->message.find("more than 16 dotted parts"), std::string::npos);

    std::string header = "[";
    for (int i = 0; i < 50'000; ++i)
        header += "a.";
    EXPECT_TRUE(toml_text_problem(header + "a]\n", 16, 16));
    const auto arrays = toml_text_problem("x = " + std::string(17, '[') + std::string(17, ']'), 16, 16);
    ASSERT_TRUE(arrays);
    EXPECT_NE(arrays->message.find("nested more than 16 levels"), std::string::npos);
    EXPECT_FALSE(toml_text_problem("x = " + std::string(16, '[') + std::string(16, ']'), 16, 16));
    std::string inline_tables = "x = ";
    for (int i = 0; i < 50'000; ++i)
        inline_tables += "{a=";
    EXPECT_TRUE(toml_text_problem(inline_tables, 16, 16));
    // Dots and brackets inside strings and comments do not count; a multi-line string's lines do.
    EXPECT_FALSE(
        toml_text_problem("x = \"" + std::string(100, '.') + "\"\n# " + std::string(100, '['), 16, 16));
    const auto after_string = toml_text_problem("x = '''\n\n'''\ny" + std::string(20, '.') + " = 1", 16, 16);
    ASSERT_TRUE(after_string);
    EXPECT_EQ(after_string->line, 4);
}

TEST(TomlText, RefusesLettersThatAreNotAsciiWhereTheParserTestsThem) {
    // toml++ 3.3 tests characters for white space with a function that reaches
    // __builtin_unreachable() for U+00A1-U+0499 and others (found by fuzzing: "p\u025b" after a
    // bare key). In string values and comments the parser does not test them: they are safe there.
    const auto problem = [](const std::string& text) { return toml_text_problem(text, 16, 16); };
    EXPECT_FALSE(problem("# \xc3\x85"
                         "benr\xc3\xa5\n[population]\nnational_table = \"data/\xc3\x85rhus.csv\"\n"));
    EXPECT_FALSE(problem(
        "path = '\xc3\x85rhus'\nnames = [\"\xc3\xa6\", \"\xc3\xb8\"]\ntext = \"\"\"\n\xc3\xa5\n\"\"\"\n"));
    EXPECT_FALSE(problem("x = { a = \"\xc3\xa5\" }\n"));
    EXPECT_FALSE(problem("\xef\xbb\xbf[run]\nseed = 1\n")); // a byte-order mark

    const auto bare = problem("[run]\nmonths = 12 \xc3\xa9\n");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->line, 2);
    EXPECT_EQ(bare->message, "a character that is not ASCII (U+00E9) outside a string or a comment");
    EXPECT_EQ(problem("x = { p\xc9\x9b = 1 }")->message,
              "a character that is not ASCII (U+025B) outside a string or a comment");
    const auto key = problem("[run]\n\n\"\xc3\x85r\" = 1\n");
    ASSERT_TRUE(key);
    EXPECT_EQ(key->line, 3);
    EXPECT_EQ(key->message,
              "a key with a character that is not ASCII (U+00C5): the keys of a scenario are ASCII");
    EXPECT_TRUE(problem("a.\"\xc3\xa5\".b = 1"));
    EXPECT_TRUE(problem("[\"\xc3\xa5\"]\n"));
    EXPECT_TRUE(problem("x = { \"\xc3\xa5\" = 1 }"));
    const auto continued = problem("x = \"\"\"a \\\n   \xc3\x85rhus\"\"\"\n");
    ASSERT_TRUE(continued);
    EXPECT_NE(continued->message.find("(U+00C5) right after a backslash or a line-ending backslash"),
              std::string::npos);
    EXPECT_TRUE(problem("x = \"\"\"\\\xc3\xa5\"\"\"\n"));
    EXPECT_EQ(problem("x = \xff")->message,
              "a character that is not ASCII (byte 0xFF) outside a string or a comment");
    // Within a value a '.' does not make the quote after it a key's: "0."""..."" is one bare value,
    // whose characters the parser tests (found by fuzzing a --set value: U+FD3F after 'ation."""').
    EXPECT_TRUE(problem("value = 0000\"922+3ation.\"\"\"scale\xef\xb4\xbf_x=0.5"));
    EXPECT_TRUE(problem("x = [1, 2.\"\xc3\xa5\"]"));
    // Within a bare value the parser reads '[' and quotes as part of it up to the next white space,
    // comma, ']', '}' or '#' (found by fuzzing a calibration file: U+FBFF in '0o55555&5@55["t').
    const auto in_bare = problem("[cali]\nscale=0o55555&5@55[\"t\xef\xaf\xbf\n");
    ASSERT_TRUE(in_bare);
    EXPECT_EQ(in_bare->line, 2);
    EXPECT_EQ(in_bare->message, "a character that is not ASCII (U+FBFF) in a value that is not a string");
    EXPECT_TRUE(problem("x = [\n  5[\"\xc3\xa5\"\n]\n")); // the same on a line of an array
    // Valid values keep their strings: arrays over lines, dates, numbers before a string.
    EXPECT_FALSE(
        problem("names = [\n  \"\xc3\xa6\",\n  \"\xc3\xb8\", # \xc3\xa5\n]\nd = 1979-05-27T07:32:00Z\n"
                "s = \"\xc3\xa5\"\nt = { a = 1.5, b = \"\xc3\xa5\" }\nu = [1, \"\xc3\xa5\"]\n"));
    // A quoted part of a dotted key stays a key, in an inline table too; a value after it is safe.
    EXPECT_FALSE(problem("a.\"b\".c = \"\xc3\xa5\"\n"));
    EXPECT_FALSE(problem("x = { a.\"b\" = \"\xc3\xa5\", c.\"d\" = 1 }\n"));
}

} // namespace
} // namespace migsim
