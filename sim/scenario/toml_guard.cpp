#include "scenario/toml_guard.hpp"

#include <cstdio>

#include "core/text.hpp"

namespace migsim {

namespace {

bool is_ascii(char c) {
    return static_cast<unsigned char>(c) < 0x80;
}

/// "U+00E9": the code point of the UTF-8 sequence at the start of `text`, or its first byte
/// ("byte 0xFF") when it is not valid UTF-8 (a byte 0xFF was once named "U+1E5920", no character).
std::string character_name(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    const std::size_t length = utf8_sequence_length(text);
    char name[24];
    if (length == 0) {
        std::snprintf(name, sizeof name, "byte 0x%02X", static_cast<unsigned>(lead));
        return name;
    }
    unsigned code = lead & (0x7Fu >> length);
    for (std::size_t i = 1; i < length; ++i)
        code = (code << 6) | (byte(i) & 0x3Fu);
    std::snprintf(name, sizeof name, "U+%04X", code);
    return name;
}

/// Reads a TOML text as the parser will, tracking lines, strings, comments, keys and nesting.
class Scanner {
public:
    Scanner(std::string_view text, int max_key_parts, int max_nesting)
        : text_(text), max_key_parts_(max_key_parts), max_nesting_(max_nesting) {}

    std::optional<TomlTextProblem> run() {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") // the byte-order mark editors put before UTF-8
            at_ = 3;
        while (at_ < text_.size() && !problem_) {
            const char c = text_[at_];
            // A quote opens a string only where TOML expects one: the parser reads any other quote as
            // a part of a bare value, up to the next white space, bracket, comma or '#'.
            // After a '.' that only holds in a key (a quoted part of a dotted key): within a value,
            // "1."é"" is one bare value whose characters the parser tests one by one.
            // Within a bare value (a number, a date, true) the parser reads every character up to
            // the next white space, comma, ']', '}' or '#' as part of it, '[' and quotes included:
            // "5["é" is one bare value whose characters it tests one by one.
            if (bare_) {
                if (std::string_view(" \t\r\n,]}#").find(c) != std::string_view::npos) {
                    bare_ = false;
                } else {
                    if (!is_ascii(c)) {
                        fail("a character that is not ASCII (" + character_name(text_.substr(at_)) +
                             ") in a value that is not a string");
                        break;
                    }
                    previous_ = c;
                    ++at_;
                    continue;
                }
            }
            if ((c == '"' || c == '\'') &&
                std::string_view("\n=[{,.").find(previous_) != std::string_view::npos &&
                (previous_ != '.' || in_key_)) {
                string(c);
                previous_ = c;
                continue;
            }
            if (!is_ascii(c)) {
                fail("a character that is not ASCII (" + character_name(text_.substr(at_)) +
                     ") outside a string or a comment");
                break;
            }
            // A value's first character that is not a quote, a bracket or a brace begins a bare value.
            if (!in_key_ && std::string_view(" \t\r\n,[]{}=#\"'").find(c) == std::string_view::npos)
                bare_ = true;
            punctuation(c);
            ++at_;
        }
        return problem_;
    }

private:
    void fail(std::string message, TomlTextProblem::Kind kind = TomlTextProblem::Kind::character) {
        fail_at(line_, std::move(message), kind);
    }
    void fail_at(int line, std::string message,
                 TomlTextProblem::Kind kind = TomlTextProblem::Kind::character) {
        if (!problem_)
            problem_ = TomlTextProblem{kind, line, std::move(message)};
    }

    void punctuation(char c) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '[')
            line_start_ = false;
        if (c != ' ' && c != '\t' && c != '\r')
            previous_ = c == '#' ? '\n' : c;
        // A key runs from a line's start, a '{' or an inline table's ',' to its '='.
        if ((c == '\n' && brackets_.empty()) || c == '{' ||
            (c == ',' && !brackets_.empty() && brackets_.back() == '{'))
            in_key_ = true;
        else if (c == '=' || (c == ',' && (brackets_.empty() || brackets_.back() != '{')))
            in_key_ = false;
        if ((c == '[' || c == '{') && brackets_.size() < 64)
            brackets_.push_back(c);
        else if ((c == ']' || c == '}') && !brackets_.empty())
            brackets_.pop_back();
        switch (c) {
        case '#':
            while (at_ + 1 < text_.size() && text_[at_ + 1] != '\n')
                ++at_;
            break;
        case '\n':
            ++line_;
            dots_ = 0;
            line_start_ = true;
            break;
        case '.':
            if (++dots_ >= max_key_parts_)
                fail("a key of more than " + std::to_string(max_key_parts_) +
                         " dotted parts (a scenario needs 3: section.key.group)",
                     TomlTextProblem::Kind::nesting);
            break;
        case '[':
            // A '[' that starts a line opens a table header, whose strings are keys.
            if (line_start_ && nesting_ == 0)
                header_ = true;
            line_start_ = false;
            [[fallthrough]];
        case '{':
            dots_ = 0;
            if (++nesting_ > max_nesting_)
                fail("arrays, tables or inline tables nested more than " + std::to_string(max_nesting_) +
                         " levels deep",
                     TomlTextProblem::Kind::nesting);
            break;
        case ']':
        case '}':
            dots_ = 0;
            nesting_ = nesting_ > 0 ? nesting_ - 1 : 0;
            if (nesting_ == 0)
                header_ = false;
            break;
        case '=':
        case ',':
            dots_ = 0;
            break;
        default:
            break;
        }
    }

    /// Moves past the string that opens at at_ with `quote`, checking the characters the parser
    /// tests: every one of a key, and in a multi-line basic string the one after a backslash.
    void string(char quote) {
        const int open_line = line_;
        const bool multiline = text_.compare(at_, 3, std::string(3, quote)) == 0;
        at_ += multiline ? 3 : 1;
        std::optional<std::size_t> first_non_ascii;
        while (at_ < text_.size()) {
            const char c = text_[at_];
            if (c == '\\' && quote == '"') {
                if (multiline)
                    after_backslash();
                else
                    at_ += 2;
                continue;
            }
            if (c == '\n') {
                if (!multiline)
                    break; // an unterminated string: the parser reports it
                ++line_;
            }
            if (!is_ascii(c) && !first_non_ascii)
                first_non_ascii = at_;
            if (c == quote) {
                if (!multiline) {
                    ++at_;
                    break;
                }
                // """ closes; up to two more quotes right before it belong to the string.
                std::size_t quotes = 0;
                while (at_ + quotes < text_.size() && text_[at_ + quotes] == quote)
                    ++quotes;
                at_ += quotes;
                if (quotes >= 3)
                    break;
                continue;
            }
            ++at_;
        }
        line_start_ = false;
        if (first_non_ascii && (header_ || followed_by_key_separator()))
            fail_at(open_line, "a key with a character that is not ASCII (" +
                                   character_name(text_.substr(*first_non_ascii)) +
                                   "): the keys of a scenario are ASCII");
    }

    /// In a multi-line basic string at a backslash: the escaped character, or after a line-ending
    /// backslash the first character after the white space and line breaks, is tested by the parser.
    void after_backslash() {
        ++at_;
        std::size_t next = at_;
        while (next < text_.size() &&
               (text_[next] == ' ' || text_[next] == '\t' || text_[next] == '\r' || text_[next] == '\n')) {
            if (text_[next] == '\n')
                ++line_;
            ++next;
        }
        if (next < text_.size() && !is_ascii(text_[next]))
            fail("a character that is not ASCII (" + character_name(text_.substr(next)) +
                 ") right after a backslash or a line-ending backslash in a multi-line string");
        // An escaped character is skipped; after a line-ending backslash the scan resumes at `next`.
        at_ = next > at_ ? next : at_ + 1;
    }

    /// Whether, after white space on the same line, the next character is '=' or '.': the string
    /// just read is (a part of) a key.
    bool followed_by_key_separator() const {
        std::size_t next = at_;
        while (next < text_.size() && (text_[next] == ' ' || text_[next] == '\t'))
            ++next;
        return next < text_.size() && (text_[next] == '=' || text_[next] == '.');
    }

    std::string_view text_;
    int max_key_parts_;
    int max_nesting_;
    std::size_t at_ = 0;
    int line_ = 1;
    int nesting_ = 0;        ///< open [ and { outside strings and comments
    int dots_ = 0;           ///< dots since the last =, comma, bracket, brace or line end: a key's parts - 1
    bool line_start_ = true; ///< nothing but white space since the last line break
    char previous_ =
        '\n'; ///< the last character outside strings that is not white space, '\n' at a line's start
    bool header_ = false; ///< inside a table header [a.b] or [[a.b]]
    bool in_key_ =
        true; ///< reading a key: since a line's start (outside arrays), '{' or an inline table's ',', no '='
    bool bare_ = false;    ///< inside a bare value (not a string, array or table), to its terminator
    std::string brackets_; ///< the open '[' and '{' (as many as the nesting limit lets through)
    std::optional<TomlTextProblem> problem_;
};

} // namespace

std::optional<TomlTextProblem> toml_text_problem(std::string_view text, int max_key_parts, int max_nesting) {
    return Scanner(text, max_key_parts, max_nesting).run();
}

} // namespace migsim
