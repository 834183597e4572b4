// How a session ended: the session loop decides it, the record keeps it.
#pragma once

#include <string_view>

#include "legsup/base/enum_names.hpp"

namespace legsup {

enum class Ending { completed, ended_early, signal };

// As the log spells it.
inline constexpr EnumName<Ending> kEndingNames[] = {{Ending::completed, "completed"},
                                                    {Ending::ended_early, "ended-early"},
                                                    {Ending::signal, "signal"}};

inline constexpr const auto& names_of(Ending) {
  return kEndingNames;
}

inline std::string_view to_string(Ending ending) {
  return name_in(kEndingNames, ending);
}

}  // namespace legsup
