#pragma once
// The worked example of docs/extending.md: a source of its own. Death notifications, as a civil
// registration system sends them: one record per death in the country, with the person's id, the
// month and the area, each reaching the source `lag` months later. The source observes the event
// stream and owns its records; an estimator would read its products, never the truth.
#include <cstdint>
#include <vector>

#include "population/events.hpp"

namespace migsim::example {

struct DeathNotification {
    PersonId person;
    Month died;
    Month received;
    std::uint16_t area;
};

class DeathNotifications final : public Observer {
public:
    explicit DeathNotifications(int lag_months) : lag_(lag_months) {}

    void observe(const PersonEvent& event) override;
    std::size_t bytes() const override { return records_.capacity() * sizeof(DeathNotification); }

    /// The source's product: every notification, in the order they were sent.
    const std::vector<DeathNotification>& records() const { return records_; }

private:
    int lag_;
    std::vector<DeathNotification> records_;
};

} // namespace migsim::example
