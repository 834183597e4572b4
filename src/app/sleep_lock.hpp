// Keeping the machine awake while a session runs, so that the last cue is heard: a logind
// inhibitor lock ("sleep:idle", mode "block") asked for over the system D-Bus through sd-bus.
// The lock is a descriptor: held while it is open, let go the moment it is closed, by release()
// or by the kernel however legsup ends (it is closed on exec: no player holds it). The wait for
// logind's answer is bounded and goes through Waits, so a signal is never kept waiting.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "legsup/base/files.hpp"
#include "players.hpp"

namespace legsup {

// How long logind is given to answer.
inline constexpr Milliseconds kSleepLockPatience{2000};

class SleepLock {
 public:
  enum class State {
    held,       // logind keeps the machine awake until release()
    no_bus,     // there is no system bus (a container, a server): nothing to say unless asked
    no_logind,  // the bus has no logind: likewise
    refused,    // logind said no, or did not answer in time: worth a word
    signal,     // a signal came while waiting (signal())
  };

  SleepLock() = default;
  // Asks logind to keep the machine from sleeping, saying why (`why`, shown by
  // `systemd-inhibit --list`).
  static SleepLock take(std::string_view why, Waits& waits);

  State state() const { return state_; }
  bool held() const { return lock_.valid(); }
  // Why it is not held, in a few words ("there is no system bus (No such file or directory)").
  const std::string& why_not() const { return why_not_; }
  std::optional<int> signal() const { return signal_; }
  // Lets the machine sleep again.
  void release() { lock_.reset(); }

 private:
  State state_ = State::no_bus;
  FileDescriptor lock_;
  std::string why_not_;
  std::optional<int> signal_;
};

// What a person is told of it: "the machine stays awake until the last cue", or why it may
// sleep; with `allowed` (--allow-sleep), that it may.
std::string sleep_lock_words(const SleepLock& lock, bool allowed);

}  // namespace legsup
