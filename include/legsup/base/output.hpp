// How output looks: decided once from the terminal, the environment and the options (like ninja's
// LinePrinter), then every command prints through the same rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "legsup/base/environment.hpp"

namespace legsup {

inline constexpr int kDefaultWidth = 80;
inline constexpr int kMinimumWidth = 20;

// The control sequences legsup itself sends to a terminal.
inline constexpr std::string_view kHideCursor = "\x1b[?25l";
inline constexpr std::string_view kShowCursor = "\x1b[?25h";
inline constexpr std::string_view kClearToEnd = "\x1b[K";
inline constexpr std::string_view kClearScreen = "\x1b[H\x1b[2J";

struct OutputMode {
  bool terminal = false;      // standard output is a terminal
  bool moves_cursor = false;  // ...one that can move the cursor: redraw in place is possible
  bool color = false;         // escape sequences for colour and bold are allowed
  int width = kDefaultWidth;
};

// What the process knows about its standard output.
struct TerminalProbe {
  bool is_terminal = false;
  std::optional<int> columns;  // from the terminal itself, when it says
  std::optional<int> rows;
};

// Colour only on a terminal, and never with --no-color, NO_COLOR (any non-empty value) or
// TERM=dumb. Cursor movement only on a terminal whose TERM is set and not dumb. Width: the
// terminal's, else COLUMNS, else 80; never below 20.
OutputMode decide_output_mode(const TerminalProbe& probe, const Environment& env,
                              bool no_color_option);

enum class Tone { plain, heading, title, avoid, modify, accent, muted, good };

// Wraps text in the escape sequences for a tone, or leaves it alone when colour is off.
class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  bool color() const { return color_; }
  std::string paint(std::string_view text, Tone tone) const;

 private:
  bool color_;
};

}  // namespace legsup
