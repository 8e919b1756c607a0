#pragma once
// Small text helpers shared by the scenario loader, the table reader, the reference and the
// output schema's text.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace migsim {

std::string_view trim(std::string_view text);

/// The fields of a line separated by `separator` (no quoting): "a,,b" is {"a", "", "b"}.
std::vector<std::string_view> split_fields(std::string_view line, char separator = ',');

/// The pieces joined into one text. (GCC 12 warns wrongly about "literal" + a temporary std::string.)
std::string concat(std::initializer_list<std::string_view> pieces);

/// The shortest text that reads back as exactly `value` ("0.35", "1", "1e-06").
std::string format_number(double value);

/// Ten significant digits, for sums in messages ("0.9", not "0.8999999999999999").
std::string format_approximately(double value);

/// The same as a TOML float, which needs a decimal point or an exponent ("1.0").
std::string format_toml_float(double value);

/// A TOML basic string, quoted and escaped.
std::string quote_toml_string(std::string_view text);

/// Levenshtein distance, for "did you mean" hints.
int edit_distance(std::string_view a, std::string_view b);

/// The length of the UTF-8 sequence of a character beyond ASCII that starts `text` (2 to 4), 0 when
/// it is not a valid one (a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text);

/// Whether `text` is valid UTF-8 throughout.
bool is_utf8(std::string_view text);

/// `text` safe to print on a terminal: control characters and bytes that are not UTF-8 become
/// escapes ("\n", "\x1b"), valid UTF-8 is kept. At most `longest` characters of the text are kept,
/// then "...": a file that is not text does not fill the screen or move the cursor.
std::string printable(std::string_view text, std::size_t longest = std::string_view::npos);

/// `text` in single quotes as a message echoes what a user gave: printable, and cut after `longest`
/// characters ("...") so that a value of a megabyte does not fill the terminal.
std::string quoted_excerpt(std::string_view text, std::size_t longest = 80);

/// Reads a text line by line; a line ends with "\n", "\r\n" or a lone "\r" (old Mac files).
class LineReader {
public:
    explicit LineReader(std::string_view text) : text_(text) {}
    /// The next line, without its end; false after the last one.
    bool next(std::string_view& line);

private:
    std::string_view text_;
    std::size_t at_ = 0;
};

} // namespace migsim
