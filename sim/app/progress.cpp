#include "progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace migsim {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(isatty(fileno(stderr)) != 0),
      started_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
    finish();
}

void ProgressBar::update(int done, int total) {
    if (!enabled_ || total <= 0)
        return;
    constexpr int width = 40;
    const int filled = done * width / total;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const double remaining = done > 0 ? seconds * (total - done) / done : 0.0;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r%s [%s] %d/%d months, %.0f s left ", label_.c_str(), bar.c_str(), done, total,
                 remaining);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (drawn_) {
        std::fprintf(stderr, "\r%*s\r", 100, "");
        std::fflush(stderr);
        drawn_ = false;
    }
}

} // namespace migsim
