#include <unistd.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "console.hpp"
#include "legsup/files.hpp"

namespace legsup {

Context::Context(const GlobalOptions& globals, Environment env)
    : globals_(globals), env_(std::move(env)) {}

const Content& Context::content() {
  if (!content_) {
    ContentSource source = choose_content_source(globals_.content_path, env_);
    if (source.path) {
      std::string text = read_small_file(*source.path).take(ErrorKind::runtime);
      content_ = parse_content(text, source.label).take(ErrorKind::runtime);
    } else {
      content_ = parse_content(embedded_content(), source.label).take(ErrorKind::runtime);
    }
  }
  return *content_;
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
