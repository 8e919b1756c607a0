#include "io/output_contents.hpp"
#include "io/output_error.hpp"

namespace migsim {

namespace {
std::string join_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) {
        if (!text.empty())
            text += '\n';
        text += line;
    }
    return text;
}
} // namespace

OutputError::OutputError(std::vector<std::string> problems)
    : std::runtime_error(join_lines(problems)), problems_(std::move(problems)) {}

} // namespace migsim
