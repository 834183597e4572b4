// The environment variables a command sees, as a value: tests build one by hand, the program
// takes the process's.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>

namespace legsup {

class Environment {
 public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string> variables)
      : variables_(std::move(variables)) {}
  Environment(std::initializer_list<std::pair<const std::string, std::string>> variables)
      : variables_(variables) {}
  static Environment from_process();

  // The variable's value; an empty value counts as unset, as the XDG and NO_COLOR conventions say.
  std::optional<std::string> get(const std::string& name) const;

 private:
  std::map<std::string, std::string> variables_;
};

}  // namespace legsup
