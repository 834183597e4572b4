// legsup config [--json]: each setting in effect, where it came from, and the presets.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "legsup/base/table.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"

namespace legsup {
namespace {

struct Row {
  std::string key;
  std::string value;
  std::string source;
};

// Every setting of the table, in its order: its value and where it came from.
std::vector<Row> setting_rows(Context& context) {
  const Settings& settings = context.settings();
  std::vector<Row> rows;
  for (const auto& spec : setting_specs()) {
    if (const SettingValue* value = settings.find(spec.key)) {
      rows.push_back({std::string(spec.key), value->text, value->origin});
    } else if (!spec.unset_text.empty()) {
      rows.push_back({std::string(spec.key), std::string(spec.unset_text), "default"});
    } else {
      rows.push_back({std::string(spec.key), "-", "not set"});
    }
  }
  return rows;
}

int run_config(const Arguments& arguments, Context& context) {
  auto rows = setting_rows(context);
  const ConfigFile& config = context.config();
  if (arguments.flag("--json")) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    // A path that is not UTF-8 (a byte such as \xe9 in HOME) is shown escaped.
    auto shown = [](const std::string& text) {
      return is_valid_utf8(text) ? text : escape_controls(text);
    };
    for (const auto& row : rows)
      out[row.key] = {{"value", shown(row.value)}, {"source", shown(row.source)}};
    nlohmann::ordered_json presets = nlohmann::ordered_json::object();
    for (const auto& [name, values] : config.presets) {
      presets[name] = nlohmann::ordered_json::object();
      for (const auto& [key, value] : values)
        presets[name][key] = value.text;
      if (auto hours = config.preset_hours.find(name); hours != config.preset_hours.end()) {
        presets[name]["when"] = hours->second.text();
      }
    }
    out["presets"] = presets;
    nlohmann::ordered_json problems = nlohmann::ordered_json::object();
    for (const auto& [name, problem] : config.bad_presets)
      problems[name] = shown(problem);
    out["preset_problems"] = problems;
    auto now = preset_of_the_hour(config, context.now());
    out["preset_of_the_hour"] = now ? nlohmann::ordered_json(*now) : nullptr;
    context.print_json(out);
    return kExitOk;
  }
  Table table;
  table.headers = {"setting", "value", "from"};
  for (const auto& row : rows)
    table.rows.push_back({row.key, row.value, row.source});
  // render_table escapes every cell.
  context.print(ShownText::already_escaped(
      render_table(table, context.output().width, false, context.style())));
  for (const auto& [name, values] : config.presets) {
    std::string settings;
    for (const auto& [key, value] : values)
      settings += fmt::format("{}{} {}", settings.empty() ? "" : ", ", key, value.text);
    if (auto hours = config.preset_hours.find(name); hours != config.preset_hours.end()) {
      settings += fmt::format("{}when {}", settings.empty() ? "" : ", ", hours->second.text());
    }
    context.print(ShownText::line(fmt::format("preset {}: {}", name, settings)));
  }
  for (const auto& [name, problem] : config.bad_presets) {
    context.print(ShownText::line(fmt::format("preset {}: cannot be used: {}", name, problem)));
  }
  if (auto now = preset_of_the_hour(config, context.now())) {
    context.print(ShownText::line(
        fmt::format("at this hour, legsup start without a preset or a hold runs preset {} ({})",
                    *now, config.preset_hours.at(*now).text())));
  }
  auto path = default_config_path(context.env());
  if (!config.path && path) {
    context.print(ShownText::line(fmt::format("(no config file at {})", *path)));
  }
  return kExitOk;
}

}  // namespace

CommandSpec config_command() {
  return {.name = "config",
          .summary = "Show each setting in effect and where it comes from",
          .options = {{"--json", "", "Print the settings as JSON"}},
          .footer =
              "Settings come from the first of: the command line, the environment, a preset "
              "(legsup start PRESET), the config file ($XDG_CONFIG_HOME/legsup/config.json), "
              "the default.\nExample:\n  legsup config",
          .run = run_config};
}

}  // namespace legsup
