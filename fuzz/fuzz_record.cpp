// Fuzzes the log's line reader: it must never accept what is not JSON (nlohmann/json is the
// oracle), what it accepts must survive a round trip through its written form, and nothing it
// accepts reaches a terminal raw through the table, the CSV or the calendar.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "legsup/content/content.hpp"
#include "legsup/log/ics.hpp"
#include "legsup/log/log_view.hpp"
#include "legsup/log/record.hpp"

namespace {

bool has_raw_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0x1b || byte == 0x7f || (byte < 0x20 && byte != '\n' && byte != '\r')) return true;
    // U+0080..U+009F in UTF-8: C2 80..C2 9F.
    if (byte == 0xc2 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) return true;
    }
  }
  return false;
}

void check_record(const legsup::Record& record) {
  if (legsup::unwritable_reason(record)) return;
  std::string written = legsup::format_record_line(record);
  if (written.find('\n') != std::string::npos) __builtin_trap();
  auto again = legsup::parse_record_line(written);
  if (!again || !(*again == record)) __builtin_trap();

  // Shown to a person, nothing raw gets through.
  legsup::RecordView view{240, {"stress", "legs", "sleepy"}};
  legsup::RecordsTable records(view, true);
  records.measure(record);
  records.lay_out(80, true);
  std::string table = records.header(legsup::Style(false)) + records.line(record);
  if (has_raw_control(table)) __builtin_trap();
  std::string csv = legsup::csv_row(record, view, true);
  if (has_raw_control(csv)) __builtin_trap();
  static const legsup::Content content = *legsup::parse_content(legsup::embedded_content(), "");
  std::string event = legsup::ics_event(record, content);
  if (has_raw_control(event)) __builtin_trap();
  // Every ICS line is at most 75 octets.
  std::size_t line_start = 0;
  for (std::size_t end; (end = event.find("\r\n", line_start)) != std::string::npos;
       line_start = end + 2) {
    if (end - line_start > 75) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  auto entry = legsup::parse_log_line(line);
  if (!entry) return 0;
  if (!nlohmann::json::accept(line)) __builtin_trap();
  if (entry->record) check_record(*entry->record);
  if (entry->correction && !legsup::unwritable_reason(*entry->correction)) {
    std::string written = legsup::format_correction_line(*entry->correction);
    auto again = legsup::parse_log_line(written);
    if (!again || !again->correction) __builtin_trap();
    if (legsup::format_correction_line(*again->correction) != written) __builtin_trap();
  }
  return 0;
}
