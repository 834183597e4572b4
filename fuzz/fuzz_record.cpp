// Fuzzes the log's line reader: it must never accept what is not JSON (nlohmann/json is the
// oracle), and what it accepts must survive a round trip through its written form.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "legsup/log_view.hpp"
#include "legsup/record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  auto record = legsup::parse_record_line(line);
  if (!record) return 0;
  if (!nlohmann::json::accept(line)) __builtin_trap();
  std::string written = legsup::format_record_line(*record);
  if (written.find('\n') != std::string::npos) __builtin_trap();
  auto again = legsup::parse_record_line(written);
  if (!again) __builtin_trap();
  if (again->note != record->note || again->before != record->before ||
      again->after != record->after || again->variant != record->variant ||
      again->start.rfc3339() != record->start.rfc3339() || again->ending != record->ending ||
      again->unknown.size() > record->unknown.size()) {
    __builtin_trap();
  }
  // Shown to a person, nothing raw gets through.
  std::string table =
      legsup::render_table(legsup::records_table({*record}), 80, true, legsup::Style(false));
  if (table.find('\x1b') != std::string::npos) __builtin_trap();
  (void)legsup::records_csv({*record}, true);
  return 0;
}
