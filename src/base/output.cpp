#include "legsup/base/output.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>

#include "legsup/base/enum_names.hpp"

namespace legsup {
namespace {

std::optional<int> parse_columns(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  int columns = 0;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), columns);
  if (error != std::errc() || end != value->data() + value->size() || columns <= 0) {
    return std::nullopt;
  }
  return columns;
}

}  // namespace

OutputMode decide_output_mode(const TerminalProbe& probe, const Environment& env,
                              bool no_color_option) {
  OutputMode mode;
  mode.terminal = probe.is_terminal;
  bool dumb = env.get("TERM").value_or("dumb") == "dumb";
  mode.moves_cursor = probe.is_terminal && !dumb;
  mode.color = mode.moves_cursor && !no_color_option && !env.get("NO_COLOR");
  std::optional<int> columns = probe.is_terminal ? probe.columns : std::nullopt;
  if (!columns) columns = parse_columns(env.get("COLUMNS"));
  mode.width = std::max(kMinimumWidth, columns.value_or(kDefaultWidth));
  return mode;
}

std::string Style::paint(std::string_view text, Tone tone) const {
  if (!color_ || tone == Tone::plain) return std::string(text);
  static constexpr EnumName<Tone> kCodes[] = {
      {Tone::title, "1"},   {Tone::heading, "1;36"}, {Tone::avoid, "1;31"}, {Tone::modify, "1;33"},
      {Tone::accent, "36"}, {Tone::muted, "2"},      {Tone::good, "32"}};
  std::string_view code = name_in(kCodes, tone);
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

}  // namespace legsup
