// Where the values an option takes come from: the completions offer them, and an option whose
// values come from the content is checked against it.
#pragma once

namespace legsup {

enum class Completion {
  none,      // free text: nothing to offer
  files,     // file names (the shell completes them)
  variants,  // the content's variation ids
  breaths,   // the content's breathing pattern ids, and none
  sounds,    // none, bell, chime, voice
  ambients,  // none, brown, pink, rain
  sections,  // the guide's sections
  shells,    // bash, zsh, fish
  screens,   // normal, dim, blank
  presets,   // the config file's presets
  commands,  // the commands `legsup help` knows
};

}  // namespace legsup
