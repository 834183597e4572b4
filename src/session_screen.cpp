#include "legsup/session_screen.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "legsup/text.hpp"

namespace legsup {
namespace {

std::string phase_label(const SessionView& view) {
  switch (view.phase) {
    case Phase::settle:
      return "Settle in";
    case Phase::hold:
      return "Hold";
    case Phase::done:
      return "Done";
  }
  return "";
}

std::string bar(double fraction, int cells) {
  int full = static_cast<int>(std::floor(std::clamp(fraction, 0.0, 1.0) * cells + 1e-9));
  std::string text;
  for (int i = 0; i < cells; ++i)
    text += i < full ? "\u2588" : "\u2591";
  return text;
}

// Columns a drawn line takes: its text without the colour sequences.
int visible_width(std::string_view line) {
  std::string text;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\x1b') {
      while (i < line.size() && !(line[i] >= '@' && line[i] <= '~' && line[i] != '['))
        ++i;
      continue;
    }
    text += line[i];
  }
  return display_width(text);
}

// Seconds left, rounded up: "3" while 2.1 seconds remain.
long whole_seconds_left(Milliseconds left) {
  return static_cast<long>((left.count() + 999) / 1000);
}

}  // namespace

std::vector<std::string> session_block(const SessionView& view, int width, const Style& style,
                                       bool keys) {
  width = std::max(width, kMinimumWidth);
  std::vector<std::string> lines;

  std::string label = phase_label(view);
  std::string status = view.paused ? "Paused (" + label + ")" : label;
  std::string clock = format_clock(view.phase_left) + " left";
  int gap = std::max(2, width - 1 - display_width(status) - display_width(clock));
  lines.push_back(style.paint(status, view.paused ? Tone::modify : Tone::heading) +
                  std::string(static_cast<std::size_t>(gap), ' ') + clock);

  double done = view.phase_length.count() > 0
                    ? 1.0 - static_cast<double>(view.phase_left.count()) / view.phase_length.count()
                    : 1.0;
  int percent = static_cast<int>(std::floor(done * 100 + 1e-9));
  std::string percent_text = fmt::format(" {:>3}%", percent);
  int cells = std::min(48, width - 1 - display_width(percent_text));
  lines.push_back(style.paint(bar(done, cells), Tone::accent) + percent_text);

  if (view.breath) {
    const BreathCue& cue = *view.breath;
    std::string name = std::string(to_string(cue.step));
    lines.push_back(fmt::format("{:<7}{} {}", name,
                                style.paint(bar(cue.fill, kBreathBarCells), Tone::good),
                                whole_seconds_left(cue.step_left)));
  } else {
    lines.emplace_back(view.phase == Phase::settle ? "Get into position" : "");
  }

  if (keys) {
    std::string hints =
        view.paused ? "space resume  q end  +/- minute" : "space pause  q end  +/- minute";
    lines.push_back(style.paint(hints, Tone::muted));
  }
  return lines;
}

std::string plain_status(const SessionView& view) {
  if (view.phase == Phase::done) return "done";
  std::string line =
      fmt::format("{} {} left", to_string(view.phase), format_clock(view.phase_left));
  return view.paused ? "paused, " + line : line;
}

void TerminalScreen::draw(const SessionView& view) {
  // The terminal's width is asked once, and again only when it says it was resized.
  if (width_ == 0) width_ = sink_.width();
  int width = width_;
  std::vector<std::string> lines = session_block(view, width, style_, keys_);
  std::string out;
  if (!cursor_hidden_) {
    out += kHideCursor;
    cursor_hidden_ = true;
  }
  if (!drawn_.empty()) {
    // Back to the block's first line. After a resize, a line drawn wider than the terminal now
    // is may take several rows.
    int rows = 0;
    for (const auto& line : drawn_) {
      int line_width = std::max(1, visible_width(line));
      rows += drawn_width_ == width ? 1 : (line_width + width - 1) / width;
    }
    out += "\r";
    if (rows > 1) out += fmt::format("\x1b[{}A", rows - 1);
    if (drawn_width_ != width) out += "\x1b[J";
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\r\n";
    out += lines[i];
    out += kClearToEnd;
  }
  sink_.write(out);
  drawn_ = std::move(lines);
  drawn_width_ = width;
}

void TerminalScreen::show(const SessionView& view) {
  last_view_ = view;
  draw(view);
}

void TerminalScreen::resize() {
  width_ = sink_.width();
  if (last_view_) draw(*last_view_);
}

void TerminalScreen::leave_block() {
  std::string out;
  if (!drawn_.empty()) out += "\r\n";
  if (cursor_hidden_) out += kShowCursor;
  sink_.write(out);
  cursor_hidden_ = false;
  drawn_.clear();
}

void TerminalScreen::suspend() {
  leave_block();
}

void TerminalScreen::resume() {
  width_ = sink_.width();  // it may have changed while the process was stopped
  if (last_view_) draw(*last_view_);
}

void TerminalScreen::finish(const SessionView& last) {
  last_view_ = last;
  if (!drawn_.empty()) draw(last);
  leave_block();
}

Watch TerminalScreen::watch() const {
  Watch watch;
  watch.seconds = true;
  watch.breath_steps = true;
  watch.breath_bar_cells = kBreathBarCells;
  return watch;
}

void PlainScreen::show(const SessionView& view) {
  // A new line when the phase, the pause or the countdown's minute changes.
  std::string key = fmt::format("{} {} {}", to_string(view.phase), view.paused,
                                (view.phase_left.count() + 59999) / 60000);
  if (key == last_key_) return;
  last_key_ = key;
  print_(plain_status(view));
}

void PlainScreen::finish(const SessionView& last) {
  print_(plain_status(last));
}

Watch PlainScreen::watch() const {
  Watch watch;
  watch.minutes = true;
  return watch;
}

}  // namespace legsup
