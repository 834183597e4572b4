// legsup config [--json]: each effective setting, and where it came from.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "console.hpp"
#include "legsup/duration.hpp"
#include "legsup/table.hpp"
#include "legsup/text.hpp"

namespace legsup {
namespace {

struct Setting {
  std::string key;
  std::string value;
  std::string source;
};

std::string source_text(SettingSource source, const Config& config, const char* variable,
                        const char* option) {
  switch (source) {
    case SettingSource::option:
      return fmt::format("option {}", option);
    case SettingSource::environment:
      return fmt::format("environment {}", variable);
    case SettingSource::config_file:
      return *config.path;
    case SettingSource::default_value:
      return "default";
  }
  return "default";
}

// A setting that only the config file or a default can give (the options are start's own).
Setting from_file_or_default(const Config& config, const std::string& key,
                             const std::optional<std::string>& configured,
                             const std::string& fallback, const std::string& fallback_source) {
  if (configured) return {key, *configured, *config.path};
  return {key, fallback, fallback_source};
}

std::vector<Setting> effective_settings(Context& context) {
  const Config& config = context.config();
  const Content& content = context.content();
  std::vector<Setting> settings;
  auto text = [](const std::optional<bool>& flag) {
    return flag ? std::optional<std::string>(*flag ? "true" : "false") : std::nullopt;
  };
  settings.push_back(from_file_or_default(
      config, "minutes", config.minutes, fmt::format("{}", content.hold.default_minutes),
      config.duration ? "(duration is set)" : "content default"));
  settings.push_back(from_file_or_default(config, "duration", config.duration, "-", "default"));
  settings.push_back(from_file_or_default(config, "settle", config.settle, "30s", "default"));
  settings.push_back(from_file_or_default(config, "breath", config.breath, content.default_breath,
                                          "content default"));
  settings.push_back(from_file_or_default(config, "variant", config.variant, "-", "default"));
  settings.push_back(from_file_or_default(config, "sound", config.sound, "bell", "default"));
  settings.push_back(
      from_file_or_default(config, "breath-cues", text(config.breath_cues), "false", "default"));
  settings.push_back(
      from_file_or_default(config, "notify", text(config.notify), "false", "default"));

  SettingSource log_source{};
  auto log = choose_log_path(context.globals().log_path, context.env(), config.log, &log_source);
  settings.push_back(
      {"log", log.value_or("-"), source_text(log_source, config, "LEGSUP_LOG", "--log")});
  SettingSource content_source{};
  auto chosen = choose_content_source(context.globals().content_path, context.env(), config.content,
                                      &content_source);
  settings.push_back({"content", chosen.label,
                      source_text(content_source, config, "LEGSUP_CONTENT", "--content")});
  return settings;
}

}  // namespace

Command add_config_command(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  CLI::App* command =
      app.add_subcommand("config", "Show each setting in effect and where it comes from");
  command->add_flag("--json", *json, "Print the settings as JSON");
  command->footer(
      "Settings come from the first of: the command line, the environment, the config file "
      "($XDG_CONFIG_HOME/legsup/config.json), the default.\nExample:\n  legsup config");
  return {command, [json](Context& context) {
            auto settings = effective_settings(context);
            if (*json) {
              nlohmann::ordered_json out = nlohmann::ordered_json::object();
              for (const auto& setting : settings) {
                out[setting.key] = {{"value", setting.value}, {"source", setting.source}};
              }
              write_stdout(out.dump(2) + "\n");
              return kExitOk;
            }
            Table table;
            table.headers = {"setting", "value", "from"};
            for (const auto& setting : settings) {
              table.rows.push_back({setting.key, setting.value, setting.source});
            }
            write_stdout(render_table(table, context.output().width, false, context.style()));
            auto path = default_config_path(context.env());
            if (!context.config().path && path) {
              write_stdout(fmt::format("(no config file at {})\n", escape_controls(*path)));
            }
            return kExitOk;
          }};
}

}  // namespace legsup
