#include "legsup/session/session_screen.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "legsup/base/duration.hpp"
#include "legsup/base/enum_names.hpp"
#include "legsup/base/text.hpp"

namespace legsup {
namespace {

constexpr EnumName<Phase> kPhaseLabels[] = {{Phase::settle, "Settle in"},
                                            {Phase::hold, "Hold"},
                                            {Phase::come_out, "Coming out"},
                                            {Phase::done, "Done"}};

std::string phase_label(const SessionView& view) {
  return std::string(name_in(kPhaseLabels, view.phase));
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

// Minutes left, rounded up: "9 min left" until the last minute, then "under a minute".
std::string minutes_left(Milliseconds left) {
  long minutes = static_cast<long>((left.count() + 59999) / 60000);
  if (minutes <= 1) return "under a minute left";
  return fmt::format("{} minutes left", minutes);
}

std::string step_text(const SessionView& view, const ScreenText& text) {
  int steps = static_cast<int>(text.steps.size());
  if (view.step < 0 || view.step >= steps) return "";
  return fmt::format("{} of {}: {}", view.step + 1, steps,
                     text.steps[static_cast<std::size_t>(view.step)]);
}

double progress(const SessionView& view) {
  return view.phase_length.count() > 0
             ? 1.0 - static_cast<double>(view.phase_left.count()) / view.phase_length.count()
             : 1.0;
}

// The dim line: the phase and the minutes left.
std::string dim_text(const SessionView& view) {
  if (view.paused) return fmt::format("Paused, {}", minutes_left(view.phase_left));
  if (view.phase == Phase::done) return "Done";
  return fmt::format("{}, {}", phase_label(view), minutes_left(view.phase_left));
}

// A notice on rows of its own, each cleared to its end: wrapped by the one rule, whole, since it
// says something the person needs to read (a sound that will not come, a machine that slept).
std::string notice_rows(const std::string& text, int width) {
  std::string out;
  for (const auto& line : wrap(escape_controls(text), std::max(width, kMinimumWidth) - 1, "", ""))
    out += line + std::string(kClearToEnd) + "\r\n";
  return out;
}

}  // namespace

std::string session_title(const SessionView& view, const ScreenText& text) {
  return fmt::format("{}: {} hold, {}", text.pose, format_duration(view.planned), text.breathing);
}

std::vector<std::string> session_block(const SessionView& view, const ScreenText& text, int width,
                                       const Style& style, bool keys) {
  width = std::max(width, kMinimumWidth);
  std::vector<std::string> lines;
  lines.push_back(style.paint(cut_to_width(escape_controls(session_title(view, text)), width - 1),
                              Tone::title));

  std::string label = phase_label(view);
  std::string status = view.paused ? "Paused (" + label + ")" : label;
  std::string clock = format_clock(view.phase_left) + " left";
  int gap = std::max(2, width - 1 - display_width(status) - display_width(clock));
  lines.push_back(style.paint(status, view.paused ? Tone::modify : Tone::heading) +
                  std::string(static_cast<std::size_t>(gap), ' ') + clock);

  double done = progress(view);
  int percent = static_cast<int>(std::floor(done * 100 + 1e-9));
  std::string percent_text = fmt::format(" {:>3}%", percent);
  int cells = std::min(48, width - 1 - display_width(percent_text));
  lines.push_back(style.paint(bar(done, cells), Tone::accent) + percent_text);

  if (view.breath) {
    const BreathCue& cue = *view.breath;
    lines.push_back(fmt::format("{:<7}{} {}", std::string(to_string(cue.step)),
                                style.paint(bar(cue.fill, kBreathBarCells), Tone::good),
                                whole_seconds_left(cue.step_left)));
  } else if (view.phase == Phase::come_out) {
    lines.push_back(cut_to_width(escape_controls(step_text(view, text)), width - 1));
  } else {
    lines.emplace_back(view.phase == Phase::settle ? "Get into position" : "");
  }

  if (keys) {
    std::string hints = view.phase == Phase::come_out ? "space pause  q done"
                        : view.paused                 ? "space resume  q end  +/- minute"
                                                      : "space pause  q end  +/- minute";
    lines.push_back(style.paint(hints, Tone::muted));
  }
  return lines;
}

std::string ending_line(const SessionOutcome& outcome) {
  std::string held = format_elapsed(outcome.held);
  switch (outcome.ending) {
    case Ending::completed:
      return fmt::format("Done, held {}", held);
    case Ending::ended_early:
      return fmt::format("Ended early, held {} of {}", held, format_elapsed(outcome.planned));
    case Ending::signal:
      return fmt::format("Stopped by signal {}, held {} of {}", outcome.signal.value_or(0), held,
                         format_elapsed(outcome.planned));
  }
  return "";
}

std::vector<std::string> final_block(const SessionView& last, const SessionOutcome& outcome,
                                     const ScreenText& text, int width, const Style& style) {
  width = std::max(width, kMinimumWidth);
  std::vector<std::string> lines;
  SessionView title_view = last;
  title_view.planned = outcome.planned;
  lines.push_back(style.paint(
      cut_to_width(escape_controls(session_title(title_view, text)), width - 1), Tone::title));
  lines.push_back(style.paint(ending_line(outcome),
                              outcome.ending == Ending::completed ? Tone::heading : Tone::modify));
  double done = outcome.planned.count() > 0
                    ? static_cast<double>(outcome.held.count()) / outcome.planned.count()
                    : 1.0;
  int percent = static_cast<int>(std::floor(std::min(done, 1.0) * 100 + 1e-9));
  std::string percent_text = fmt::format(" {:>3}%", percent);
  int cells = std::min(48, width - 1 - display_width(percent_text));
  lines.push_back(style.paint(bar(done, cells), Tone::accent) + percent_text);
  return lines;
}

std::string compact_line(const SessionView& view, int width) {
  std::string line = fmt::format("{}{} {}", view.paused ? "Paused " : "", phase_label(view),
                                 format_clock(view.phase_left));
  if (view.breath) {
    line += fmt::format(" \u00b7 {} {}", to_string(view.breath->step),
                        whole_seconds_left(view.breath->step_left));
  }
  return cut_to_width(line, std::max(width - 1, 1));
}

std::string plain_status(const SessionView& view) {
  if (view.phase == Phase::done) return "done";
  std::string line =
      fmt::format("{} {} left", to_string(view.phase), format_clock(view.phase_left));
  return view.paused ? "paused, " + line : line;
}

void TerminalScreen::measure() {
  width_ = sink_.width();
  rows_ = sink_.rows();
}

void TerminalScreen::draw(const std::vector<std::string>& lines) {
  std::string out;
  if (!cursor_hidden_) {
    out += kHideCursor;
    cursor_hidden_ = true;
  }
  int rows = 0;
  if (!drawn_.empty()) {
    // Back to the block's first line. After a resize, a line drawn wider than the terminal now
    // is may take several rows.
    for (const auto& line : drawn_) {
      int line_width = std::max(1, visible_width(line));
      rows += drawn_width_ == width_ ? 1 : (line_width + width_ - 1) / width_;
    }
    out += "\r";
    if (rows > 1) out += fmt::format("\x1b[{}A", rows - 1);
    if (drawn_width_ != width_) out += "\x1b[J";
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\r\n";
    out += lines[i];
    out += kClearToEnd;
  }
  // A block shorter than the one before (the closing one, or one line on a terminal now too
  // low): the rows below it are cleared, or what is written next lands on the old lines.
  if (rows > static_cast<int>(lines.size())) out += "\x1b[J";
  sink_.write(out);
  drawn_ = lines;
  drawn_width_ = width_;
}

void TerminalScreen::show(const SessionView& view) {
  last_view_ = view;
  // The terminal's size is asked once, and again only when it says it was resized.
  if (width_ == 0) measure();
  std::vector<std::string> block = session_block(view, text_, width_, style_, keys_);
  // Too small for the block (it would wrap, or scroll): one line instead.
  if (width_ < kBlockWidth || rows_ < static_cast<int>(block.size()) + 1) {
    draw({compact_line(view, width_)});
  } else {
    draw(block);
  }
}

void TerminalScreen::erase() {
  if (drawn_.empty()) return;
  std::string out = "\r";
  if (drawn_.size() > 1) out += fmt::format("\x1b[{}A", drawn_.size() - 1);
  out += "\x1b[J";
  sink_.write(out);
  drawn_.clear();
}

void TerminalScreen::notice(const std::string& text) {
  // Above the block, which is drawn again below it.
  erase();
  sink_.write(notice_rows(text, width_));
  if (last_view_) show(*last_view_);
}

void TerminalScreen::resize() {
  measure();
  if (last_view_) show(*last_view_);
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
  measure();  // it may have changed while the process was stopped
  if (last_view_) show(*last_view_);
}

void TerminalScreen::finish(const SessionView& last, const SessionOutcome& outcome) {
  last_view_ = last;
  if (width_ == 0) measure();
  auto lines = final_block(last, outcome, text_, width_, style_);
  if (width_ < kBlockWidth || rows_ < static_cast<int>(lines.size()) + 1) {
    draw({cut_to_width(ending_line(outcome), std::max(width_, 2) - 1)});
  } else {
    draw(lines);
  }
  leave_block();
}

Watch TerminalScreen::watch() const {
  Watch watch;
  watch.seconds = true;
  watch.breath_steps = true;
  watch.breath_bar_cells = kBreathBarCells;
  return watch;
}

void DimScreen::draw(const std::string& line) {
  if (line == drawn_) return;
  int width = std::max(sink_.width(), 2);
  sink_.write("\r" + style_.paint(cut_to_width(line, width - 1), Tone::muted) +
              std::string(kClearToEnd));
  drawn_ = line;
}

void DimScreen::show(const SessionView& view) {
  last_view_ = view;
  draw(dim_text(view));
}

void DimScreen::notice(const std::string& text) {
  sink_.write("\r" + notice_rows(text, sink_.width()));
  drawn_.clear();
  if (last_view_) show(*last_view_);
}

void DimScreen::suspend() {
  sink_.write("\r\n");
  drawn_.clear();
}

void DimScreen::resume() {
  if (last_view_) show(*last_view_);
}

void DimScreen::finish(const SessionView&, const SessionOutcome& outcome) {
  draw(ending_line(outcome));
  sink_.write("\r\n");
}

Watch DimScreen::watch() const {
  Watch watch;
  watch.minutes = true;
  return watch;
}

void BlankScreen::clear() {
  sink_.write(std::string(kClearScreen) + std::string(kHideCursor));
  cleared_ = true;
  drawn_.clear();
}

void BlankScreen::show(const SessionView& view) {
  last_view_ = view;
  now_ = view.at;
  if (!cleared_) clear();
  bool lit = lit_until_ && now_ < *lit_until_;
  std::string line = lit ? dim_text(view) : std::string();
  if (line == drawn_) return;
  int width = std::max(sink_.width(), 2);
  sink_.write("\r" + style_.paint(cut_to_width(line, width - 1), Tone::muted) +
              std::string(kClearToEnd));
  drawn_ = line;
}

void BlankScreen::key_pressed(SteadyTime now) {
  now_ = now;
  lit_until_ = now + std::chrono::duration_cast<SteadyTime>(kLit);
}

std::optional<SteadyTime> BlankScreen::next_wake() const {
  if (lit_until_ && now_ < *lit_until_) return lit_until_;
  return std::nullopt;
}

void BlankScreen::notice(const std::string& text) {
  // A sound that will not come is worth lighting the screen for.
  sink_.write("\r" + notice_rows(text, sink_.width()));
  drawn_.clear();
}

void BlankScreen::suspend() {
  sink_.write("\r\n" + std::string(kShowCursor));
  cleared_ = false;
}

void BlankScreen::resume() {
  if (last_view_) show(*last_view_);
}

void BlankScreen::finish(const SessionView&, const SessionOutcome& outcome) {
  sink_.write("\r" + style_.paint(ending_line(outcome), Tone::muted) + std::string(kClearToEnd) +
              "\r\n" + std::string(kShowCursor));
}

Watch BlankScreen::watch() const {
  Watch watch;
  // Only while lit does anything show; the minutes of the dim line then.
  watch.minutes = lit_until_.has_value();
  return watch;
}

void PlainScreen::show(const SessionView& view) {
  // A new line when the phase, the pause, the countdown's minute or the step changes.
  std::string key = fmt::format("{} {} {} {}", to_string(view.phase), view.paused,
                                (view.phase_left.count() + 59999) / 60000, view.step);
  if (key == last_key_) return;
  last_key_ = key;
  std::string step = view.phase == Phase::come_out ? step_text(view, text_) : std::string();
  print_(ShownText::escaped(step.empty() ? plain_status(view)
                                         : fmt::format("{}: {}", plain_status(view), step)));
}

void PlainScreen::finish(const SessionView& last, const SessionOutcome& outcome) {
  if (outcome.ending == Ending::completed) {
    print_(ShownText::escaped(plain_status(last)));
  } else {
    std::string line = ending_line(outcome);
    line[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(line[0])));
    print_(ShownText::escaped(line));
  }
}

Watch PlainScreen::watch() const {
  Watch watch;
  watch.minutes = true;
  return watch;
}

}  // namespace legsup
