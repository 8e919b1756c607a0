#include "io/output_meta_check.hpp"
#include "io/hdf5_handles.hpp"
#include "io/output_checksums.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <toml++/toml.h>

#include "core/calendar.hpp"
#include "core/counts.hpp"
#include "core/text.hpp"
#include "scenario/limits.hpp"
#include "scenario/toml_guard.hpp"

namespace migsim {

namespace {

/// A run of more months than this is no migsim run (the scenario allows 1,200) and would overflow
/// the month arithmetic.
constexpr int max_months = 120'000;
/// A resolved scenario is a few KB; the scenario file itself is at most 1 MiB.
constexpr std::size_t max_scenario_bytes = 4 << 20;

/// "2026-11-30T12:00:00Z", as the writer sets /meta@created.
bool is_utc_timestamp(const std::string& text) {
    const std::string_view pattern = "dddd-dd-ddTdd:dd:ddZ";
    if (text.size() != pattern.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (pattern[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != pattern[i])
            return false;
    return true;
}

class MetaChecker {
public:
    MetaChecker(hid_t meta, const OutputSchema& schema, std::vector<std::string>& problems)
        : meta_(meta), schema_(schema), problems_(problems) {}

    RunFacts check() {
        const GroupSchema* declared = schema_.find_group("/meta");
        if (declared == nullptr)
            return facts_;
        // Every declared attribute's value; one that is missing or of another type is reported by the
        // layout check, and what depends on it is not checked.
        std::vector<std::pair<std::string, AttributeValue>> covered;
        std::optional<std::uint64_t> stored_checksum;
        bool complete = true;
        for (const AttributeSchema& attribute : declared->attributes) {
            const std::optional<AttributeValue> value = read(attribute);
            if (!value) {
                complete = false;
                continue;
            }
            values_[attribute.name] = *value;
            if (attribute.name == checksum_attribute)
                stored_checksum = std::get<std::uint64_t>(*value);
            else
                covered.emplace_back(attribute.name, *value);
            if (const auto* text = std::get_if<std::string>(&*value); text && !is_utf8(*text))
                problem(attribute.name, "is not valid UTF-8");
        }
        if (complete && stored_checksum && attributes_checksum(covered) != *stored_checksum)
            problem(checksum_attribute, "the attributes of /meta do not match their checksum: the file is "
                                        "damaged or was edited");
        check_period();
        check_text("migsim_version");
        if (const auto created = text("created"); created && !is_utc_timestamp(*created))
            problem("created",
                    concat({"'", printable(*created, 40), "' is not a time YYYY-MM-DDTHH:MM:SSZ"}));
        if (const auto* threads = integer("threads"); threads && *threads < 1)
            problem("threads", std::to_string(*threads) + " threads: a run has at least 1");
        check_scenario();
        return facts_;
    }

private:
    void problem(const std::string& attribute, const std::string& what) {
        problems_.push_back("/meta@" + attribute + ": " + what);
    }

    std::optional<AttributeValue> read(const AttributeSchema& attribute) const {
        switch (attribute.type) {
        case AttributeType::string:
            if (auto value = hdf5::read_string_attribute(meta_, attribute.name))
                return AttributeValue(std::move(*value));
            return std::nullopt;
        case AttributeType::int32:
            if (const auto value = hdf5::read_int32_attribute(meta_, attribute.name))
                return AttributeValue(*value);
            return std::nullopt;
        case AttributeType::uint64:
            if (const auto value = hdf5::read_uint64_attribute(meta_, attribute.name))
                return AttributeValue(*value);
            return std::nullopt;
        }
        return std::nullopt;
    }

    std::optional<std::string> text(const std::string& name) const {
        const auto it = values_.find(name);
        if (it == values_.end() || !std::holds_alternative<std::string>(it->second))
            return std::nullopt;
        return std::get<std::string>(it->second);
    }
    const std::int32_t* integer(const std::string& name) const {
        const auto it = values_.find(name);
        return it == values_.end() ? nullptr : std::get_if<std::int32_t>(&it->second);
    }
    const std::uint64_t* unsigned_integer(const std::string& name) const {
        const auto it = values_.find(name);
        return it == values_.end() ? nullptr : std::get_if<std::uint64_t>(&it->second);
    }

    /// A text attribute that must say something and hold no control character.
    void check_text(const std::string& name) {
        const auto value = text(name);
        if (value && (value->empty() || std::any_of(value->begin(), value->end(), [](char c) {
                          return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
                      })))
            problem(name, concat({"'", printable(*value, 40), "' is not a version"}));
    }

    /// The start and the months, and the reporting years they give (core/counts.hpp).
    void check_period() {
        const auto start_text = text("start");
        const std::int32_t* months = integer("months");
        std::optional<Month> start;
        if (start_text) {
            start = parse_month(*start_text);
            if (!start)
                problem("start",
                        concat({"'", printable(*start_text, 40), "' is not a month YYYY-MM in 1900..2399"}));
            else if (!is_january(*start)) {
                problem("start", "'" + *start_text + "' is not a January: a run starts on 1 January");
                start.reset();
            }
        }
        if (months && (*months < 1 || *months > max_months)) {
            problem("months",
                    std::to_string(*months) + " months: a run simulates 1 to " + std::to_string(max_months));
            months = nullptr;
        }
        if (!start || !months)
            return;
        const ReportingYears years(*start, *months);
        facts_.first_year = years.first_year;
        facts_.januaries = years.population_years;
        facts_.calendar_years = years.flow_years;
        facts_.calendar = years;
    }

    /// The resolved scenario: a TOML text whose run is the one /meta describes, and the values of it
    /// that the labels follow.
    void check_scenario() {
        const auto scenario = text("scenario");
        if (!scenario)
            return;
        if (scenario->size() > max_scenario_bytes) {
            problem("scenario", concat({"longer than any resolved scenario (",
                                        std::to_string(scenario->size()), " bytes)"}));
            return;
        }
        // The TOML parser is given only what it can be trusted with (scenario/toml_guard.hpp).
        if (const auto unsafe = toml_text_problem(*scenario, limits::toml_key_parts, limits::toml_nesting)) {
            problem("scenario", concat({"is not a scenario: line ", std::to_string(unsafe->line), ": ",
                                        unsafe->message}));
            return;
        }
        toml::table root;
        try {
            root = toml::parse(std::string_view(*scenario), std::string_view("/meta@scenario"));
        } catch (const toml::parse_error& error) {
            problem("scenario", concat({"is not a scenario: line ", std::to_string(error.source().begin.line),
                                        ": ", error.description()}));
            return;
        }
        // Each of the run's settings, as the scenario gives it and as /meta records it.
        const auto same = [&](const std::string& key, bool equal, const std::string& given,
                              const std::string& attribute, const std::string& recorded) {
            if (!equal)
                problem("scenario", concat({key, " is ", given, ", /meta@", attribute, " is ", recorded}));
        };
        const toml::node_view<const toml::node> run = std::as_const(root)["run"];
        if (const auto start = text("start"))
            same("run.start", run["start"].value<std::string>() == *start,
                 run["start"] ? concat({"'", printable(run["start"].value_or(std::string("?")), 40), "'"})
                              : "missing",
                 "start", concat({"'", printable(*start, 40), "'"}));
        if (const std::int32_t* months = integer("months"))
            same("run.months", run["months"].value<std::int64_t>() == *months,
                 run["months"] ? std::to_string(run["months"].value_or(std::int64_t{-1})) : "missing",
                 "months", std::to_string(*months));
        // An ensemble, a comparison or a sensitivity study (/meta@layout) records the command's
        // threads, while its resolved scenario is that of one replicate, which ran on its own; a
        // study of a test function has no run, and its seed is the study's.
        const auto layout = text("layout");
        const bool derived = layout && !layout->empty();
        const bool study = layout && *layout == "sensitivity";
        if (const std::uint64_t* seed = study ? nullptr : unsigned_integer("seed")) {
            // A seed from 2^63 on is written as a string of digits (TOML integers are signed).
            std::optional<std::uint64_t> given;
            if (const auto number = run["seed"].value<std::int64_t>(); number && *number >= 0)
                given = static_cast<std::uint64_t>(*number);
            else if (const auto digits = run["seed"].value<std::string>()) {
                std::uint64_t parsed = 0;
                const auto [end, error] =
                    std::from_chars(digits->data(), digits->data() + digits->size(), parsed);
                if (!digits->empty() && error == std::errc{} && end == digits->data() + digits->size())
                    given = parsed;
            }
            same("run.seed", given == *seed, given ? std::to_string(*given) : "missing or not a seed", "seed",
                 std::to_string(*seed));
        }
        if (const std::int32_t* threads = derived ? nullptr : integer("threads")) {
            // 0 asks for every core; /meta records how many there were.
            const auto asked = run["threads"].value<std::int64_t>();
            same("run.threads", asked && (*asked == 0 || *asked == *threads),
                 asked ? std::to_string(*asked) : "missing", "threads", std::to_string(*threads));
        }
        scenario_values(root);
    }

    /// The scenario's values that the schema's dimensions name.
    void scenario_values(const toml::table& root) {
        for (const GroupSchema& group : schema_.groups)
            for (const DimensionSchema& dimension : group.dimensions) {
                if (!dimension.scenario_count.empty() &&
                    !facts_.scenario_integers.count(dimension.scenario_count)) {
                    const auto value = root.at_path(dimension.scenario_count).value<std::int64_t>();
                    if (value && *value >= 0)
                        facts_.scenario_integers[dimension.scenario_count] = *value;
                    else
                        problem("scenario", dimension.scenario_count + " is not a number of labels");
                }
                if (!dimension.scenario_labels.empty() &&
                    !facts_.scenario_names.count(dimension.scenario_labels)) {
                    const toml::array* names = root.at_path(dimension.scenario_labels).as_array();
                    std::vector<std::string> values;
                    bool all_text = names != nullptr;
                    if (names)
                        for (const toml::node& name : *names) {
                            all_text = all_text && name.is_string();
                            if (name.is_string())
                                values.push_back(name.as_string()->get());
                        }
                    if (all_text)
                        facts_.scenario_names[dimension.scenario_labels] = std::move(values);
                    else
                        problem("scenario", dimension.scenario_labels + " is not a list of names");
                }
            }
    }

    hid_t meta_;
    const OutputSchema& schema_;
    std::vector<std::string>& problems_;
    std::map<std::string, AttributeValue> values_;
    RunFacts facts_;
};

} // namespace

RunFacts check_run_metadata(hid_t file, const OutputSchema& schema, std::vector<std::string>& problems) {
    if (!hdf5::path_exists(file, "/meta"))
        return {};
    const hdf5::Group meta(H5Gopen2(file, "/meta", H5P_DEFAULT));
    if (!meta)
        return {};
    return MetaChecker(meta.get(), schema, problems).check();
}

} // namespace migsim
