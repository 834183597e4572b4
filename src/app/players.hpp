// Finding the programs that play sounds or send notifications, and starting them: with fork
// and exec and an argument vector, never through a shell.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace legsup {

// The programs that play the chime and speak the voice, in the order they are preferred.
inline const std::vector<std::string> kChimePlayers = {"pw-play", "paplay", "aplay"};
inline const std::vector<std::string> kVoicePlayers = {"espeak-ng", "spd-say"};

// The full path of the first of `programs` found in the folders of `path_variable`.
std::optional<std::string> find_program(const std::vector<std::string>& programs,
                                        std::string_view path_variable);

// Starts a program: standard streams on /dev/null, `pass_fd` (when not -1) given to the child
// as file descriptor 3. Does not wait. False when it could not be started.
bool spawn_detached(const std::vector<std::string>& arguments, int pass_fd = -1);

}  // namespace legsup
