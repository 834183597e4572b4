// How failures travel: parsers return a value or a message (Parsed), and at the command
// boundary one error type carries the message and its kind, which main turns into an exit code.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace legsup {

// Exit statuses shared by every command, documented in the man page.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // a runtime failure: a file, invalid content
inline constexpr int kExitUsage = 2;    // bad usage: unknown option, value out of range

enum class ErrorKind { usage, runtime };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }
  int exit_code() const { return kind_ == ErrorKind::usage ? kExitUsage : kExitFailure; }

 private:
  ErrorKind kind_;
};

inline Error usage_error(const std::string& message) {
  return {ErrorKind::usage, message};
}
inline Error runtime_error(const std::string& message) {
  return {ErrorKind::runtime, message};
}

// A value, or the message saying why there is none.
template <class T>
class Parsed {
 public:
  Parsed(T value) : state_(std::move(value)) {}  // NOLINT: implicit, so `return value;` works
  static Parsed failure(std::string message) { return Parsed(Failure{std::move(message)}); }

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  const std::string& error() const { return std::get<Failure>(state_).message; }

  // The value, or an Error of the given kind carrying the message.
  T take(ErrorKind kind) && {
    if (!ok()) throw Error(kind, error());
    return std::get<T>(std::move(state_));
  }

 private:
  struct Failure {
    std::string message;
  };
  explicit Parsed(Failure failure) : state_(std::move(failure)) {}
  std::variant<T, Failure> state_;
};

}  // namespace legsup
