#pragma once
// The settings of the scenario's modules, one value of each module's settings type, looked up by
// that type: a module brings its own settings struct (processes/mortality_settings.hpp, ...) and
// Scenario needs no field for it. The store is a value: copying a scenario copies its settings,
// and two stores are equal when they hold equal settings of the same types.
#include <any>
#include <deque>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <typeinfo>

namespace migsim {

class SettingsStore {
public:
    /// Adds `Settings` with `value`, or replaces the value it has; returns the stored value.
    template <class Settings>
    Settings& declare(Settings value = {}) {
        if (Entry* entry = find(typeid(Settings))) {
            entry->value = std::move(value);
            return *std::any_cast<Settings>(&entry->value);
        }
        entries_.push_back({typeid(Settings), std::move(value), &equal<Settings>});
        return *std::any_cast<Settings>(&entries_.back().value);
    }

    template <class Settings>
    bool has() const {
        return find(typeid(Settings)) != nullptr;
    }

    /// The module's settings; throws std::logic_error when they were never declared (the module's
    /// parameters were not in the schema the scenario was loaded with).
    template <class Settings>
    const Settings& get() const {
        const Entry* entry = find(typeid(Settings));
        if (!entry)
            throw std::logic_error(undeclared_message(typeid(Settings)));
        return *std::any_cast<Settings>(&entry->value);
    }
    template <class Settings>
    Settings& get() {
        return const_cast<Settings&>(static_cast<const SettingsStore&>(*this).get<Settings>());
    }

    bool operator==(const SettingsStore& other) const {
        if (entries_.size() != other.entries_.size())
            return false;
        for (const Entry& entry : entries_) {
            const Entry* same = other.find(entry.type);
            if (!same || !entry.equal(entry.value, same->value))
                return false;
        }
        return true;
    }

private:
    struct Entry {
        std::type_index type;
        std::any value;
        bool (*equal)(const std::any&, const std::any&);
    };

    template <class Settings>
    static bool equal(const std::any& a, const std::any& b) {
        return *std::any_cast<Settings>(&a) == *std::any_cast<Settings>(&b);
    }

    const Entry* find(std::type_index type) const {
        for (const Entry& entry : entries_)
            if (entry.type == type)
                return &entry;
        return nullptr;
    }
    Entry* find(std::type_index type) {
        return const_cast<Entry*>(static_cast<const SettingsStore&>(*this).find(type));
    }

    static std::string undeclared_message(const std::type_info& type);

    /// A handful of modules: a linear search is the fastest lookup. A deque, so that the settings
    /// returned stay where they are when another module's are declared.
    std::deque<Entry> entries_;
};

} // namespace migsim
