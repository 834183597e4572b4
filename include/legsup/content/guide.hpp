// What `legsup guide` and `legsup cautions` show: documents and JSON built from the content.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/document.hpp"
#include "legsup/base/error.hpp"
#include "legsup/content/content.hpp"

namespace legsup {

enum class GuideSection { overview, setup, during, exit, variants, benefits, breathing, all };

// The section names a person can type, in the order --help lists them.
const std::vector<std::string>& guide_section_names();
Parsed<GuideSection> parse_guide_section(std::string_view name);

struct GuideRequest {
  GuideSection section = GuideSection::overview;
  const Variation* variant = nullptr;  // shown in place of the plain setup
};

// Checks that --variant names a variation and fits the section; the message lists what would.
Parsed<GuideRequest> make_guide_request(const Content& content, GuideSection section,
                                        const std::optional<std::string>& variant_id);

Document guide_document(const Content& content, const GuideRequest& request);
nlohmann::json guide_json(const Content& content, const GuideRequest& request);

Document cautions_document(const Content& content);
nlohmann::json cautions_json(const Content& content);

}  // namespace legsup
