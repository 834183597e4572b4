// What the subcommands of `legsup log` share (log.cpp lists them).
#pragma once

#include "legsup/command/command_line.hpp"
#include "legsup/log/log.hpp"

namespace legsup {

// The log's warnings ("a line was skipped") on standard error.
LogWarning log_warnings(Context& context);

}  // namespace legsup
