#include "scenario/settings_store.hpp"

#include <cstdlib>
#include <cxxabi.h>
#include <memory>

namespace migsim {

std::string SettingsStore::undeclared_message(const std::type_info& type) {
    int status = 0;
    const std::unique_ptr<char, void (*)(void*)> name(
        abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
    return std::string("the scenario has no ") + (status == 0 && name ? name.get() : type.name()) +
           ": the module's parameters were not part of the schema it was loaded with";
}

} // namespace migsim
