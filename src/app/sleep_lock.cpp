#include "sleep_lock.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <systemd/sd-bus.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace legsup {
namespace {

// logind's answer to Inhibit: a copy of the lock's descriptor, or its error.
struct Reply {
  bool came = false;
  FileDescriptor lock;
  std::string error_name;
  std::string error_message;
};

int on_reply(sd_bus_message* message, void* userdata, sd_bus_error*) {
  Reply& reply = *static_cast<Reply*>(userdata);
  reply.came = true;
  if (sd_bus_message_is_method_error(message, nullptr)) {
    const sd_bus_error* error = sd_bus_message_get_error(message);
    reply.error_name = error && error->name ? error->name : "";
    reply.error_message = error && error->message ? error->message : "";
    return 0;
  }
  int fd = -1;
  if (int status = sd_bus_message_read(message, "h", &fd); status < 0) {
    reply.error_message = fmt::format("an answer without a lock ({})", std::strerror(-status));
    return 0;
  }
  // The message owns its descriptor: keep a copy of our own, closed on exec so that no player
  // holds the machine awake after legsup.
  reply.lock.reset(::fcntl(fd, F_DUPFD_CLOEXEC, 3));
  if (!reply.lock.valid()) reply.error_message = std::strerror(errno);
  return 0;
}

struct BusClose {
  void operator()(sd_bus* bus) const { sd_bus_close_unref(bus); }
};
struct MessageUnref {
  void operator()(sd_bus_message* message) const { sd_bus_message_unref(message); }
};
struct SlotUnref {
  void operator()(sd_bus_slot* slot) const { sd_bus_slot_unref(slot); }
};

bool names_no_service(const std::string& error_name) {
  return error_name == "org.freedesktop.DBus.Error.ServiceUnknown" ||
         error_name == "org.freedesktop.DBus.Error.NameHasNoOwner";
}

}  // namespace

SleepLock SleepLock::take(std::string_view why, Waits& waits) {
  SleepLock result;
  auto fail = [&](State state, std::string words) {
    result.state_ = state;
    result.why_not_ = std::move(words);
    return std::move(result);
  };
  auto no_bus = [&](int error) {
    return fail(State::no_bus, fmt::format("there is no system bus ({})", std::strerror(error)));
  };

  sd_bus* opened = nullptr;
  if (int status = sd_bus_open_system(&opened); status < 0) return no_bus(-status);
  std::unique_ptr<sd_bus, BusClose> bus(opened);
  sd_bus_message* made = nullptr;
  if (int status = sd_bus_message_new_method_call(bus.get(), &made, "org.freedesktop.login1",
                                                  "/org/freedesktop/login1",
                                                  "org.freedesktop.login1.Manager", "Inhibit");
      status < 0) {
    return no_bus(-status);
  }
  std::unique_ptr<sd_bus_message, MessageUnref> call(made);
  std::string reason(why);
  if (int status = sd_bus_message_append(call.get(), "ssss", "sleep:idle", "legsup", reason.c_str(),
                                         "block");
      status < 0) {
    return no_bus(-status);
  }
  Reply reply;
  sd_bus_slot* slot_made = nullptr;
  auto patience = std::chrono::duration_cast<std::chrono::microseconds>(kSleepLockPatience);
  if (int status = sd_bus_call_async(bus.get(), &slot_made, call.get(), on_reply, &reply,
                                     static_cast<std::uint64_t>(patience.count()));
      status < 0) {
    return no_bus(-status);
  }
  std::unique_ptr<sd_bus_slot, SlotUnref> slot(slot_made);

  SteadyTime deadline = waits.now() + kSleepLockPatience;
  for (;;) {
    int status = 0;
    while ((status = sd_bus_process(bus.get(), nullptr)) > 0 && !reply.came) {
    }
    if (reply.came) break;
    if (status < 0) return no_bus(-status);  // the connection was refused or went away
    if (waits.now() >= deadline) break;
    int events = sd_bus_get_events(bus.get());
    if (events < 0) return no_bus(-events);
    pollfd fd{sd_bus_get_fd(bus.get()), static_cast<short>(events), 0};
    if (auto signal = waits.wait_for({&fd, 1}, deadline)) {
      result.signal_ = signal;
      return fail(State::signal, "a signal came");
    }
  }
  // No reply before the time was up is a wait that ran out; one sooner is logind or the bus gone
  // (a crash, a connection closed), said as the bus says it.
  bool no_reply = !reply.came || reply.error_name == "org.freedesktop.DBus.Error.NoReply" ||
                  reply.error_name == "org.freedesktop.DBus.Error.Timeout";
  if (no_reply && (!reply.came || waits.now() >= deadline || reply.error_message.empty())) {
    return fail(State::refused, fmt::format("logind did not answer within {}",
                                            format_duration(kSleepLockPatience)));
  }
  if (no_reply) {
    return fail(State::refused, fmt::format("logind did not answer: {}", reply.error_message));
  }
  if (names_no_service(reply.error_name)) {
    return fail(State::no_logind, "there is no logind on the system bus");
  }
  if (!reply.lock.valid()) {
    return fail(State::refused,
                fmt::format("logind refused to keep it awake ({})",
                            reply.error_message.empty() ? reply.error_name : reply.error_message));
  }
  result.state_ = State::held;
  result.lock_ = std::move(reply.lock);
  return result;
}

std::string sleep_lock_words(const SleepLock& lock, bool allowed) {
  if (allowed) return "the machine may go to sleep (--allow-sleep)";
  if (lock.held()) return "the machine stays awake until the last cue";
  return fmt::format("the machine may go to sleep: {}", lock.why_not());
}

}  // namespace legsup
