// The sounds of a session, played through the terminal bell or a program found on PATH.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "legsup/session_loop.hpp"
#include "legsup/sound.hpp"

namespace legsup {

// The program that plays `kind` (chime or voice), or a usage error naming the packages to
// install. Empty for none and bell, which need no program.
std::optional<std::string> require_player(SoundKind kind, const std::string& path_variable);

std::unique_ptr<CuePlayer> make_cue_player(SoundKind kind,
                                           const std::optional<std::string>& program);

}  // namespace legsup
