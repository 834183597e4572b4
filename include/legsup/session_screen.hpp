// What a person sees during a session: on a terminal, one block redrawn in place (phase, time
// left, progress, the breath cue and its bar, the keys); elsewhere, plain lines at each phase
// change and once a minute; or nothing at all.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/output.hpp"
#include "legsup/session_loop.hpp"

namespace legsup {

// Where a screen writes, and how wide it is now.
class TextSink {
 public:
  virtual ~TextSink() = default;
  virtual void write(std::string_view text) = 0;
  virtual int width() = 0;
};

inline constexpr int kBreathBarCells = 10;

// The lines of the session block for a width (at least 20 columns), without cursor movement.
std::vector<std::string> session_block(const SessionView& view, int width, const Style& style,
                                       bool keys);

// The plain line for a moment of the session: "hold 9:00 left", "paused, hold 9:00 left".
std::string plain_status(const SessionView& view);

// Redraws the block in place: the cursor goes back to the block's first line, every line is
// rewritten and cleared to its end. The cursor is hidden while the block is shown.
class TerminalScreen : public SessionScreen {
 public:
  TerminalScreen(TextSink& sink, Style style, bool keys)
      : sink_(sink), style_(style), keys_(keys) {}
  void show(const SessionView& view) override;
  void resize() override;
  void suspend() override;
  void resume() override;
  void finish(const SessionView& last) override;
  Watch watch() const override;

 private:
  void draw(const SessionView& view);
  void leave_block();

  TextSink& sink_;
  Style style_;
  bool keys_;
  std::vector<std::string> drawn_;  // the lines on screen now
  int drawn_width_ = 0;             // the width the lines on screen were laid out for
  int width_ = 0;                   // the terminal's width now
  bool cursor_hidden_ = false;
  std::optional<SessionView> last_view_;
};

// One line at each phase change, once a minute, and at pause and resume. No escape sequences.
class PlainScreen : public SessionScreen {
 public:
  explicit PlainScreen(std::function<void(const std::string&)> print) : print_(std::move(print)) {}
  void show(const SessionView& view) override;
  void finish(const SessionView& last) override;
  Watch watch() const override;

 private:
  std::function<void(const std::string&)> print_;
  std::string last_key_;
};

// For --quiet: nothing is shown, the sounds still play.
class QuietScreen : public SessionScreen {
 public:
  void show(const SessionView&) override {}
  void finish(const SessionView&) override {}
  Watch watch() const override { return {}; }
};

}  // namespace legsup
