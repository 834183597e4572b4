// Fuzzes the content loader and validator, and everything that renders valid content.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "legsup/content/content.hpp"
#include "legsup/content/guide.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto content = legsup::parse_content(text, "fuzz.json");
  if (!content) {
    // A failure is one line naming the origin.
    if (content.error().rfind("fuzz.json", 0) != 0) __builtin_trap();
    return 0;
  }
  // Valid content renders in every section, and its JSON form reads back as valid content.
  for (const auto& name : legsup::guide_section_names()) {
    auto request = legsup::make_guide_request(*content, *legsup::parse_guide_section(name), {});
    if (!request) __builtin_trap();
    auto text_out =
        legsup::render(legsup::guide_document(*content, *request), 40, legsup::Style(true));
    if (text_out.find("\x1b]") != std::string::npos) __builtin_trap();
    (void)legsup::guide_json(*content, *request)
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  (void)legsup::render(legsup::cautions_document(*content), 20, legsup::Style(false));
  nlohmann::json again = *content;
  if (!legsup::parse_content(again.dump(), "again")) __builtin_trap();
  return 0;
}
