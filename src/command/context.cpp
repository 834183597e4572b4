#include "legsup/command/context.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "legsup/base/files.hpp"
#include "legsup/base/json_document.hpp"
#include "legsup/base/text.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

Context::Context(const Arguments& arguments, const CommandSpec& command, Machine machine)
    : arguments_(arguments), command_(command), machine_(std::move(machine)) {}

const ConfigFile& Context::config() {
  if (config_) return *config_;
  config_ = ConfigFile{};
  auto path = default_config_path(env());
  if (!path) return *config_;
  // No file is no config; one that cannot be read (a folder that cannot be searched, a FIFO, a
  // loop of links) is as broken as one that is not JSON.
  auto text = read_small_file_if_present(*path);
  if (text && !*text) return *config_;
  auto parsed = text ? parse_config(**text, *path) : Parsed<ConfigFile>::failure(text.error());
  if (parsed) {
    config_ = std::move(parsed).value();
  } else if (command_.uses_settings) {
    throw runtime_error(parsed.error());
  } else {
    warn(fmt::format("the config file is ignored: {}", parsed.error()));
  }
  return *config_;
}

SettingInputs Context::setting_inputs(const std::optional<std::string>& preset) {
  SettingInputs inputs;
  inputs.env = env();
  inputs.config = config();
  inputs.preset = preset;
  for (const auto& spec : setting_specs()) {
    std::string option = fmt::format("--{}", spec.key);
    if (!arguments_.given(option)) continue;
    if (spec.type == SettingType::flag) {
      inputs.options[std::string(spec.key)] = arguments_.flag(option) ? "true" : "false";
    } else {
      inputs.options[std::string(spec.key)] = arguments_.value(option).value_or("");
    }
  }
  return inputs;
}

const Content& Context::content() {
  if (content_) return *content_;
  // Where the content comes from is itself a setting, resolved before there is content.
  Settings early = resolve_settings(setting_inputs(std::nullopt), nullptr);
  if (const auto* path = early.get_if<std::string>("content")) {
    std::string text = read_small_file(*path).take(ErrorKind::runtime);
    content_ = parse_content(text, *path).take(ErrorKind::runtime);
  } else {
    content_ = parse_content(embedded_content(), "built-in content").take(ErrorKind::runtime);
  }
  config();
  if (auto why = read_config_with_content(*config_, *content_)) {
    if (command_.uses_settings) throw runtime_error(*why);
    warn(fmt::format("the config file is ignored: {}", *why));
    config_ = ConfigFile{};
  }
  return *content_;
}

const Settings& Context::settings(const std::optional<std::string>& preset) {
  if (settings_) return *settings_;
  // The content first: the config file's values that name its ids are read with it.
  const Content& known = content();
  settings_ = resolve_settings(setting_inputs(preset), &known);
  // Once, for a command that did not use them: the presets with a problem, which only what
  // uses them refuses (resolve_settings, above, for the one asked for).
  for (const auto& [name, problem] : config().bad_presets) {
    warn(fmt::format("{}; preset {} cannot be used until this is fixed", problem, name));
  }
  return *settings_;
}

SessionLog Context::log() {
  const auto* path = settings().get_if<std::string>("log");
  if (!path) {
    throw runtime_error(
        "no place for the log: set HOME or XDG_DATA_HOME to an absolute path, or give --log FILE");
  }
  return SessionLog(*path);
}

int Context::day_starts_minutes() {
  return settings().get<int>("day-starts-at");
}

Milliseconds Context::streak_minimum() {
  return settings().get<Milliseconds>("streak-minimum");
}

LocalTime Context::now() {
  return machine_.zone.local(machine_.clock.now_seconds());
}

std::string Context::new_id() {
  unsigned char bytes[16];
  machine_.random.fill(bytes, sizeof bytes);
  return record_id_from_bytes(bytes);
}

const OutputMode& Context::output() {
  if (!output_) {
    output_ =
        decide_output_mode(machine_.console.probe_out(), env(), arguments_.flag("--no-color"));
  }
  return *output_;
}

void Context::warn(const std::string& message) {
  // The helper the completion scripts call (hidden) speaks only in words to complete: a warning
  // would land in the middle of the line being typed.
  if (command_.hidden) return;
  machine_.console.err(ShownText{"legsup: warning: "} + ShownText::line(message));
}

// render escapes every text of the document; dump_json every string in the value.
void Context::print_document(const Document& document) {
  print(ShownText::already_escaped(render(document, output().width, style())));
}

namespace {

std::string wrapped_lines(std::string_view text, const OutputMode& output) {
  std::string escaped = escape_controls(text);
  if (!output.terminal) return escaped;
  std::string out;
  for (const auto& line : wrap(escaped, output.width, "", "")) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace

// wrapped_lines escapes the text before it wraps it.
void Context::print_wrapped(std::string_view text) {
  print(ShownText::already_escaped(wrapped_lines(text, output()) + "\n"));
}

void Context::print_prompt(std::string_view text) {
  print(ShownText::already_escaped(wrapped_lines(text, output()) + " "));
}

void Context::print_json(const nlohmann::json& value) {
  print(ShownText::already_escaped(dump_json(value) + "\n"));
}

void Context::print_json(const nlohmann::ordered_json& value) {
  print(ShownText::already_escaped(dump_json(value) + "\n"));
}

}  // namespace legsup
