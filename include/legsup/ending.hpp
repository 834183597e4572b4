// How a session ended: the session loop decides it, the record keeps it.
#pragma once

#include <string_view>

namespace legsup {

enum class Ending { completed, ended_early, signal };

// As the log spells it: "completed", "ended-early", "signal".
std::string_view to_string(Ending ending);

}  // namespace legsup
