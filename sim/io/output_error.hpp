#pragma once
// The one exception type of the output layer. Library code below the CLI throws it when an output
// cannot be written (contents that do not match the declared layout, a disk that fails); the CLI
// catches it and prints what(), one problem per line.
#include <stdexcept>
#include <string>
#include <vector>

namespace migsim {

class OutputError : public std::runtime_error {
public:
    explicit OutputError(const std::string& message) : std::runtime_error(message), problems_{message} {}
    /// Several problems found at once: what() lists them, one per line.
    explicit OutputError(std::vector<std::string> problems);

    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<std::string> problems_;
};

} // namespace migsim
