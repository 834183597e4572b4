#include <fmt/format.h>
#include <unistd.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "console.hpp"
#include "legsup/files.hpp"
#include "legsup/text.hpp"

namespace legsup {

Context::Context(const GlobalOptions& globals, Environment env)
    : globals_(globals), env_(std::move(env)) {}

const Config& Context::config() {
  if (!config_) {
    config_ = Config{};
    auto path = default_config_path(env_);
    if (path && ::access(path->c_str(), F_OK) == 0) {
      std::string text = read_small_file(*path).take(ErrorKind::runtime);
      config_ = parse_config(text, *path).take(ErrorKind::runtime);
    }
  }
  return *config_;
}

const Content& Context::content() {
  if (!content_) {
    ContentSource source = choose_content_source(globals_.content_path, env_, config().content);
    if (source.path) {
      std::string text = read_small_file(*source.path).take(ErrorKind::runtime);
      content_ = parse_content(text, source.label).take(ErrorKind::runtime);
    } else {
      content_ = parse_content(embedded_content(), source.label).take(ErrorKind::runtime);
    }
  }
  return *content_;
}

SessionLog Context::log() {
  auto path = choose_log_path(globals_.log_path, env_, config().log);
  if (!path) {
    throw runtime_error("no place for the log: set HOME or XDG_DATA_HOME, or give --log FILE");
  }
  return SessionLog(*path);
}

LocalTime Context::now() const {
  return zone_.local(static_cast<std::int64_t>(std::time(nullptr)));
}

Ratings ratings_option(const std::optional<std::string>& text, const Content& content,
                       std::string_view option) {
  if (!text) return {};
  auto ratings = parse_ratings(*text, content.rating_ids());
  if (!ratings) throw usage_error(fmt::format("{}: {}", option, ratings.error()));
  return *ratings;
}

void print_warning(const std::string& message) {
  write_stderr("legsup: warning: " + escape_controls(message) + "\n");
}

const OutputMode& Context::output() {
  if (!output_)
    output_ = decide_output_mode(probe_terminal(STDOUT_FILENO), env_, globals_.no_color);
  return *output_;
}

void print_document(Context& context, const Document& document) {
  write_stdout(render(document, context.output().width, context.style()));
}

void print_json(const nlohmann::json& value) {
  // Replace invalid UTF-8 rather than fail: output must never die on a stray byte.
  write_stdout(value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace legsup
