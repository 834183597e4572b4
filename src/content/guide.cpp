#include "legsup/content/guide.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "legsup/base/text.hpp"

namespace legsup {

using nlohmann::json;

namespace {

struct SectionName {
  GuideSection section;
  const char* name;
};

constexpr SectionName kSections[] = {
    {GuideSection::setup, "setup"},       {GuideSection::during, "during"},
    {GuideSection::exit, "exit"},         {GuideSection::variants, "variants"},
    {GuideSection::benefits, "benefits"}, {GuideSection::breathing, "breathing"},
    {GuideSection::all, "all"},
};

bool shows_setup(GuideSection section) {
  return section == GuideSection::overview || section == GuideSection::setup ||
         section == GuideSection::all;
}

std::string pose_title(const Content& content) {
  std::string title = content.pose.name;
  if (!content.pose.other_names.empty()) {
    std::string others;
    for (const auto& name : content.pose.other_names)
      others += (others.empty() ? "" : ", ") + name;
    title += fmt::format(" ({})", others);
  }
  return title;
}

std::string props_line(const Content& content) {
  std::string props;
  for (const auto& prop : content.pose.props) {
    props += fmt::format("{}{}{}", props.empty() ? "" : ", ", prop.name,
                         prop.optional ? " (optional)" : "");
  }
  return "You need: " + props + ".";
}

void add_intro(Document& doc, const Content& content) {
  doc.title(pose_title(content));
  doc.paragraph(content.pose.style + " " + content.pose.summary);
  doc.note(props_line(content));
}

void add_setup(Document& doc, const Content& content, const Variation* variant) {
  if (variant) {
    doc.heading(fmt::format("Setup: {}", variant->name));
    doc.paragraph(variant->summary);
    doc.steps(variant->steps);
    return;
  }
  doc.heading("Setup");
  doc.steps(content.setup);
}

void add_during(Document& doc, const Content& content) {
  doc.heading("During the hold");
  doc.bullets(content.during);
}

void add_how_long(Document& doc, const Content& content) {
  const auto& hold = content.hold;
  doc.heading("How long");
  doc.paragraph(hold.note);
  doc.note(
      fmt::format("Shortest useful: about {} minutes. Typical: {} to {} minutes. "
                  "`legsup start` holds for {} minutes unless told otherwise.",
                  hold.shortest_useful_minutes, hold.typical_min_minutes, hold.typical_max_minutes,
                  hold.default_minutes));
}

void add_exit(Document& doc, const Content& content) {
  doc.heading("Coming out");
  doc.steps(content.exit);
}

void add_variation_list(Document& doc, const Content& content) {
  doc.heading("Variations");
  for (const auto& variation : content.variations)
    doc.entry(variation.id, variation.name);
  doc.note("Show one with: legsup guide --variant ID");
}

void add_variations(Document& doc, const Content& content, const Variation* only) {
  for (const auto& variation : content.variations) {
    if (only && only != &variation) continue;
    doc.heading(variation.name);
    doc.paragraph(variation.summary);
    doc.steps(variation.steps);
    doc.note(fmt::format("id: {}", variation.id));
  }
}

void add_benefits(Document& doc, const Content& content) {
  for (const auto& benefit : content.benefits) {
    doc.heading(benefit.title);
    doc.paragraph(benefit.summary);
    doc.bullets(benefit.details);
  }
}

void add_breathing(Document& doc, const Content& content) {
  doc.heading("Breathing patterns");
  for (const auto& pattern : content.breath_patterns) {
    doc.entry(pattern.id,
              fmt::format("{}: {} seconds, {}", pattern.name, breath_timing(pattern),
                          breath_rate(pattern)),
              pattern.note, Tone::accent);
  }
  doc.note(
      fmt::format("`legsup start` paces {} unless --breath says otherwise; --bpm paces a "
                  "pattern at another rate, --ratio shares its breath another way.",
                  content.default_breath));
}

void add_cautions(Document& doc, const Content& content) {
  doc.heading("Cautions");
  doc.paragraph("Avoid or change the pose if one of these applies to you:");
  for (const auto& caution : content.cautions) {
    std::string instead = caution.instead;
    if (caution.variation) {
      const Variation* variation = content.find_variation(*caution.variation);
      std::string name = variation ? variation->name : *caution.variation;
      instead += fmt::format(" See the variation \"{}\": legsup guide --variant {}", name,
                             *caution.variation);
    }
    doc.entry(std::string(to_string(caution.action)),
              fmt::format("{} [{}]", caution.condition, caution.id), instead,
              caution.action == CautionAction::avoid ? Tone::avoid : Tone::modify);
  }
  doc.heading("When in doubt");
  doc.paragraph(content.when_in_doubt);
}

void add_source(Document& doc, const Content& content) {
  const auto& source = content.source;
  doc.heading("Source");
  std::string published = source.published.empty() ? "" : fmt::format(" ({})", source.published);
  doc.paragraph(
      fmt::format("\"{}\" by {}, {}{}.", source.title, source.author, source.site, published));
  if (!source.note.empty()) doc.note(source.note);
}

json variation_summaries(const Content& content) {
  json list = json::array();
  for (const auto& variation : content.variations) {
    list.push_back({{"id", variation.id}, {"name", variation.name}});
  }
  return list;
}

}  // namespace

const std::vector<std::string>& guide_section_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const auto& entry : kSections)
      all.emplace_back(entry.name);
    return all;
  }();
  return names;
}

Parsed<GuideSection> parse_guide_section(std::string_view name) {
  for (const auto& entry : kSections) {
    if (name == entry.name) return entry.section;
  }
  return Parsed<GuideSection>::failure(fmt::format("unknown guide section {} (sections: {})",
                                                   quoted_value(name),
                                                   list_choices(guide_section_names())));
}

Parsed<GuideRequest> make_guide_request(const Content& content, GuideSection section,
                                        const std::optional<std::string>& variant_id) {
  GuideRequest request{section, nullptr};
  if (!variant_id) return request;
  auto variant = lookup_variation(content, *variant_id);
  if (!variant) return Parsed<GuideRequest>::failure("--variant: " + variant.error());
  request.variant = *variant;
  if (!shows_setup(section) && section != GuideSection::variants) {
    return Parsed<GuideRequest>::failure(
        "--variant goes with the overview or the setup, variants and all sections");
  }
  return request;
}

Document guide_document(const Content& content, const GuideRequest& request) {
  Document doc;
  switch (request.section) {
    case GuideSection::overview:
      add_intro(doc, content);
      add_setup(doc, content, request.variant);
      add_during(doc, content);
      add_exit(doc, content);
      add_variation_list(doc, content);
      doc.heading("Before you start");
      doc.entry("legsup cautions", "who should avoid or change the pose: read it first");
      doc.entry("legsup guide SECTION", list_choices(guide_section_names()));
      break;
    case GuideSection::setup:
      doc.title(pose_title(content));
      doc.paragraph(content.pose.where);
      doc.note(props_line(content));
      add_setup(doc, content, request.variant);
      break;
    case GuideSection::during:
      add_during(doc, content);
      add_how_long(doc, content);
      break;
    case GuideSection::exit:
      add_exit(doc, content);
      break;
    case GuideSection::variants:
      add_variations(doc, content, request.variant);
      break;
    case GuideSection::benefits:
      doc.paragraph("What the pose may help with. It is not a treatment or a cure.");
      add_benefits(doc, content);
      break;
    case GuideSection::breathing:
      add_breathing(doc, content);
      break;
    case GuideSection::all:
      add_intro(doc, content);
      doc.heading("Where and when");
      doc.paragraph(content.pose.where);
      doc.bullets(content.pose.when);
      add_setup(doc, content, request.variant);
      add_during(doc, content);
      add_how_long(doc, content);
      add_exit(doc, content);
      add_variations(doc, content, nullptr);
      add_benefits(doc, content);
      add_breathing(doc, content);
      add_cautions(doc, content);
      add_source(doc, content);
      break;
  }
  return doc;
}

json guide_json(const Content& content, const GuideRequest& request) {
  json out = json::object();
  auto put_setup = [&] {
    if (request.variant) {
      out["variant"] = *request.variant;
    } else {
      out["setup"] = content.setup;
    }
  };
  switch (request.section) {
    case GuideSection::overview:
      out["pose"] = content.pose;
      put_setup();
      out["during"] = content.during;
      out["exit"] = content.exit;
      out["variations"] = variation_summaries(content);
      break;
    case GuideSection::setup:
      out["pose"] = content.pose;
      put_setup();
      break;
    case GuideSection::during:
      out["during"] = content.during;
      out["hold"] = content.hold;
      break;
    case GuideSection::exit:
      out["exit"] = content.exit;
      break;
    case GuideSection::variants:
      out["variations"] = json::array();
      for (const auto& variation : content.variations) {
        if (!request.variant || request.variant == &variation)
          out["variations"].push_back(variation);
      }
      break;
    case GuideSection::benefits:
      out["benefits"] = content.benefits;
      break;
    case GuideSection::breathing:
      out["breathing"] = {{"default", content.default_breath},
                          {"patterns", content.breath_patterns}};
      break;
    case GuideSection::all:
      out = content;
      if (request.variant) out["variant"] = *request.variant;
      break;
  }
  return out;
}

Document cautions_document(const Content& content) {
  Document doc;
  add_cautions(doc, content);
  return doc;
}

json cautions_json(const Content& content) {
  return {{"cautions", content.cautions}, {"when_in_doubt", content.when_in_doubt}};
}

}  // namespace legsup
