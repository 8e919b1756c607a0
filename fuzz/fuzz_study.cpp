// Fuzz target: the sensitivity study reader. The input is a study file's text. Besides not
// crashing, a study that loads has factors and outputs, and each factor maps every point of the
// unit interval to a value inside its range (its quantile function) and to a --set text.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sensitivity/study.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const migsim::StudyLoad load =
        migsim::load_study_text(text, std::string(MIGSIM_SOURCE_DIR) + "/fuzzed_study.toml");
    if (!load.ok())
        return 0;
    const migsim::Study& study = *load.study;
    if (study.factors.empty() || study.outputs.empty() || study.points() == 0)
        std::abort(); // a study that loads has something to run
    for (const migsim::Factor& factor : study.factors)
        for (const double u : {0.0, 0.25, 0.5, 0.999, 1.0}) {
            const double value = factor.value(u);
            const bool levels = factor.kind == migsim::Factor::Kind::levels;
            const double low = levels ? 0.0 : factor.low;
            const double high = levels ? static_cast<double>(factor.levels.size() - 1) : factor.high;
            if (!std::isfinite(value) || value < low - 1e-9 * std::abs(low) ||
                value > high + 1e-9 * std::abs(high))
                std::abort(); // a factor's value outside its range
            if (factor.override_text(value).rfind(factor.key + "=", 0) != 0)
                std::abort();
        }
    return 0;
}
