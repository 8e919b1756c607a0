#include "extending/death_notifications.hpp"

namespace migsim::example {

void DeathNotifications::observe(const PersonEvent& event) {
    if (event.kind == EventKind::death)
        records_.push_back({event.person(), event.month, event.month + lag_, event.area});
}

} // namespace migsim::example
