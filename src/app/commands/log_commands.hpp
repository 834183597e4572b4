// The subcommands of `legsup log`, and what they share.
#pragma once

#include "legsup/command/command_line.hpp"
#include "legsup/log/log.hpp"

namespace legsup {

CommandSpec log_add_command();
CommandSpec log_edit_command();
CommandSpec log_rm_command();
CommandSpec log_undo_command();
CommandSpec log_merge_command();

// The log's warnings ("a line was skipped") on standard error.
LogWarning log_warnings(Context& context);

}  // namespace legsup
