#pragma once
// The worked example of docs/extending.md: a source of its own. Death notifications, as a civil
// registration system sends them: one record per death in the country, with the person's id, the
// month and the area, each reaching the source `lag` months later. The source observes the event
// stream, owns its records and contributes its output group (death_notifications.toml declares
// it); an estimator would read its records, never the truth.
#include <cstdint>
#include <memory>
#include <vector>

#include "core/counts.hpp"
#include "sources/source.hpp"

namespace migsim::example {

struct DeathNotification {
    PersonId person;
    Month died;
    Month received;
    std::uint16_t area;
};

class DeathNotifications final : public Source {
public:
    DeathNotifications(const Scenario& scenario, int lag_months);

    void observe(const PersonEvent& event) override;
    std::size_t bytes() const override { return records_.capacity() * sizeof(DeathNotification); }
    /// /sources/death_notifications: the notifications by calendar year of death and area.
    void add_output(std::vector<OutputGroup>& groups,
                    const std::vector<Coordinate>& stock_cells) const override;

    /// The source's records, in the order they were sent.
    const std::vector<DeathNotification>& records() const { return records_; }

private:
    ReportingYears calendar_;
    int lag_;
    std::vector<DeathNotification> records_;
};

/// The source as sources/added_sources.cpp lists it: notifications two months after the death.
std::unique_ptr<Source> make_death_notifications(const Scenario& scenario);

} // namespace migsim::example
