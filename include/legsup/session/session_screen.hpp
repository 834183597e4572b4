// What a person sees during a session. On a terminal that moves the cursor: one block redrawn
// in place (a compact line when the terminal is too small for it), or, in the dark, one dim line
// redrawn at most once a minute, or nothing at all until a key is pressed. Elsewhere: plain
// lines at each change, once a minute. Or nothing (--quiet).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/output.hpp"
#include "legsup/base/text.hpp"
#include "legsup/session/session_loop.hpp"

namespace legsup {

// Where a screen writes, and how large the terminal is now.
class TextSink {
 public:
  virtual ~TextSink() = default;
  virtual void write(std::string_view text) = 0;
  virtual int width() = 0;
  virtual int rows() = 0;
};

// What the screens show besides the session's state.
struct ScreenText {
  std::string pose;                // "Legs Up the Wall"
  std::string breathing;           // "Longer exhale (in 4, out 6)", or "no paced breathing"
  std::vector<std::string> steps;  // the steps of the way out
};

inline constexpr int kBreathBarCells = 10;
// The block needs this many columns; a narrower terminal gets the compact line.
inline constexpr int kBlockWidth = 40;

// "Legs Up the Wall: 3m hold, Box breathing (...)": the hold as planned now (+/- included).
std::string session_title(const SessionView& view, const ScreenText& text);

// The lines of the session block for a width, without cursor movement. With keys, the last
// line says which keys do what.
std::vector<std::string> session_block(const SessionView& view, const ScreenText& text, int width,
                                       const Style& style, bool keys);

// The block at the end: how the session ended and what was held (never rounded up); no keys.
std::vector<std::string> final_block(const SessionView& last, const SessionOutcome& outcome,
                                     const ScreenText& text, int width, const Style& style);

// One line for a small terminal: "Hold 8:42 · Inhale 3", cut to the width.
std::string compact_line(const SessionView& view, int width);

// "Ended early, held 1:05 of 10:00", "Stopped by signal 15, held 1:05", "Done, held 10:00".
std::string ending_line(const SessionOutcome& outcome);

// The plain line for a moment of the session: "hold 9:00 left", "paused, hold 9:00 left".
std::string plain_status(const SessionView& view);

// The block redrawn in place: the cursor goes back to the block's first line, every line is
// rewritten and cleared to its end; the cursor is hidden meanwhile. Too small a terminal (width
// or rows) gets one line redrawn with a carriage return.
class TerminalScreen : public SessionScreen {
 public:
  TerminalScreen(TextSink& sink, Style style, ScreenText text, bool keys)
      : sink_(sink), style_(style), text_(std::move(text)), keys_(keys) {}
  void show(const SessionView& view) override;
  void notice(const std::string& text) override;
  void resize() override;
  void suspend() override;
  void resume() override;
  void finish(const SessionView& last, const SessionOutcome& outcome) override;
  Watch watch() const override;

 private:
  void draw(const std::vector<std::string>& lines);
  void erase();
  void leave_block();
  void measure();

  TextSink& sink_;
  Style style_;
  ScreenText text_;
  bool keys_;
  std::vector<std::string> drawn_;  // the lines on screen now
  int drawn_width_ = 0;             // the width the lines on screen were laid out for
  int width_ = 0;                   // the terminal's size now
  int rows_ = 0;
  bool cursor_hidden_ = false;
  std::optional<SessionView> last_view_;
};

// --screen dim: one dim line, the phase and the minutes left, drawn only when they change: at
// most once a minute.
class DimScreen : public SessionScreen {
 public:
  DimScreen(TextSink& sink, Style style) : sink_(sink), style_(style) {}
  void show(const SessionView& view) override;
  void notice(const std::string& text) override;
  void suspend() override;
  void resume() override;
  void finish(const SessionView& last, const SessionOutcome& outcome) override;
  Watch watch() const override;

 private:
  void draw(const std::string& line);

  TextSink& sink_;
  Style style_;
  std::string drawn_;
  std::optional<SessionView> last_view_;
};

// --screen blank: the screen is cleared and stays empty; a key shows the dim line for a few
// seconds; the end shows how it ended.
class BlankScreen : public SessionScreen {
 public:
  static constexpr std::chrono::seconds kLit{5};

  BlankScreen(TextSink& sink, Style style) : sink_(sink), style_(style) {}
  void show(const SessionView& view) override;
  void key_pressed(SteadyTime now) override;
  std::optional<SteadyTime> next_wake() const override;
  void notice(const std::string& text) override;
  void suspend() override;
  void resume() override;
  void finish(const SessionView& last, const SessionOutcome& outcome) override;
  Watch watch() const override;

 private:
  void clear();

  TextSink& sink_;
  Style style_;
  bool cleared_ = false;
  std::optional<SteadyTime> lit_until_;
  SteadyTime now_{};
  std::string drawn_;
  std::optional<SessionView> last_view_;
};

// One line at each phase change, each step of the way out, once a minute, and at pause and
// resume. No escape sequences: each line is shown text, escaped whole.
class PlainScreen : public SessionScreen {
 public:
  PlainScreen(std::function<void(const ShownText& line)> print, ScreenText text)
      : print_(std::move(print)), text_(std::move(text)) {}
  void show(const SessionView& view) override;
  void notice(const std::string& text) override { print_(ShownText::escaped(text)); }
  void finish(const SessionView& last, const SessionOutcome& outcome) override;
  Watch watch() const override;

 private:
  std::function<void(const ShownText& line)> print_;
  ScreenText text_;
  std::string last_key_;
};

// --quiet: nothing is shown; the sounds still play. A notice still goes out (to standard
// error), since it says that a sound will not come.
class QuietScreen : public SessionScreen {
 public:
  explicit QuietScreen(std::function<void(const std::string&)> warn) : warn_(std::move(warn)) {}
  void show(const SessionView&) override {}
  void notice(const std::string& text) override { warn_(text); }
  void finish(const SessionView&, const SessionOutcome&) override {}
  Watch watch() const override { return {}; }

 private:
  std::function<void(const std::string&)> warn_;
};

}  // namespace legsup
