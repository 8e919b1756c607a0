#pragma once
// The records of a CSV file read as RFC 4180 defines them (quoted fields may hold commas, doubled
// quotes and line breaks), written here from the RFC rather than taken from the exporter, so that
// the tests of `migsim export` read its tables independently.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace migsim::testing {

/// The records of `text`; `complete` is false when the text does not end with a line break
/// outside quotes.
inline std::vector<std::vector<std::string>> csv_records(const std::string& text, bool* complete = nullptr) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += text[++i];
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
        } else {
            field += c;
        }
    }
    if (complete != nullptr)
        *complete = !quoted && record.empty() && field.empty();
    return records;
}

inline std::vector<std::vector<std::string>> csv_file_records(const std::string& path,
                                                              bool* complete = nullptr) {
    std::ifstream in(path, std::ios::binary);
    return csv_records({std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}, complete);
}

/// The rows of a table `migsim calibrate` wrote (no quoted fields), without its comment lines ("#")
/// and its header: the cells by line.
inline std::vector<std::vector<std::string>> calibration_table_rows(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    bool header = true;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.front() == '#')
            continue;
        if (header) {
            header = false;
            continue;
        }
        rows.push_back(csv_records(line + "\n").front());
    }
    return rows;
}

} // namespace migsim::testing
