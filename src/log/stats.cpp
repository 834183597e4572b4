#include "legsup/log/stats.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "legsup/base/duration.hpp"
#include "legsup/base/json_text.hpp"
#include "legsup/base/text.hpp"

namespace legsup {

namespace {

Date monday_of(Date date) {
  return {date.days - weekday_monday_first(date)};
}

std::string minutes_text(double minutes) {
  return format_duration(Milliseconds(static_cast<long long>(std::llround(minutes * 60000.0))));
}

// The value for a name, added when missing.
template <class Map>
typename Map::mapped_type& entry_of(Map& map, std::string_view key) {
  auto found = map.find(key);
  if (found != map.end()) return found->second;
  return map.emplace(std::string(key), typename Map::mapped_type{}).first->second;
}

std::string count_of(long count, std::string_view thing) {
  return fmt::format("{} {}{}", count, thing, count == 1 ? "" : "s");
}

}  // namespace

StatsBuilder::StatsBuilder(StatsOptions options) : options_(options) {
  totals_.today = options_.today;
  totals_.calendar_first = Date{monday_of(options_.today).days - 7 * (kCalendarWeeks - 1)};
}

void StatsBuilder::add(const Record& record) {
  Date night = night_of(record.start, options_.day_starts_minutes);
  if (options_.since && night < *options_.since) return;
  std::int64_t held = record.held.count();
  ++totals_.sessions;
  total_held_ += held;
  if (record.ending == Ending::completed) ++totals_.completed;
  // A night counts toward a streak and the calendar only when something was held.
  if (record.held >= options_.streak_minimum) held_by_night_[night] += held;
  std::int64_t age = options_.today.days - night.days;
  if (age >= 0 && age < 7) {
    ++totals_.last_7_days_sessions;
    last_7_days_held_ += held;
  }
  if (age >= 0 && age < 30) {
    ++totals_.last_30_days_sessions;
    last_30_days_held_ += held;
  }
  ++entry_of(by_variation_, record.variant ? std::string_view(*record.variant) : "none");

  std::int64_t week = (night.days - totals_.calendar_first.days) / 7;
  bool in_calendar = night >= totals_.calendar_first && week < kCalendarWeeks;
  auto sums_of = [&](const std::string& id) -> RatingSums& { return entry_of(rating_sums_, id); };
  for (const auto& [id, value] : record.before) {
    RatingSums& sums = sums_of(id);
    sums.before_sum += value;
    ++sums.before_count;
    ++sums.rated;
    if (auto after = record.after.find(id); after != record.after.end()) {
      sums.change_sum += after->second - value;
      ++sums.change_count;
      if (in_calendar) {
        sums.week_change_sum[static_cast<std::size_t>(week)] += after->second - value;
        ++sums.week_change_count[static_cast<std::size_t>(week)];
      }
    }
  }
  for (const auto& [id, value] : record.after) {
    RatingSums& sums = sums_of(id);
    sums.after_sum += value;
    ++sums.after_count;
    if (!record.before.count(id)) ++sums.rated;
  }
}

Stats StatsBuilder::finish(const std::vector<std::string>& scale_ids) const {
  Stats stats = totals_;
  const Date today = options_.today;
  auto minutes = [](std::int64_t held) { return static_cast<double>(held) / 60000.0; };
  stats.total_minutes = minutes(total_held_);
  stats.last_7_days_minutes = minutes(last_7_days_held_);
  stats.last_30_days_minutes = minutes(last_30_days_held_);
  for (const auto& [variant, count] : by_variation_)
    stats.by_variation[variant] = count;
  if (stats.sessions > 0) stats.average_minutes = stats.total_minutes / stats.sessions;

  // Streaks: runs of consecutive nights that count, up to the current one.
  int run = 0;
  Date previous{};
  bool first = true;
  for (const auto& [night, held] : held_by_night_) {
    if (night > today) break;
    run = (!first && night.days == previous.days + 1) ? run + 1 : 1;
    stats.longest_streak_days = std::max(stats.longest_streak_days, run);
    previous = night;
    first = false;
  }
  // Tonight without a session yet does not break the streak: it may still come.
  if (!first && (previous == today || previous.days == today.days - 1)) {
    stats.current_streak_days = run;
  }

  for (Date night = stats.calendar_first; night <= today; night.days += 1) {
    auto found = held_by_night_.find(night);
    stats.days[night] = found == held_by_night_.end() ? 0.0 : minutes(found->second);
  }

  for (const auto& id : scale_ids)
    stats.ratings[id].weekly_change.resize(kCalendarWeeks);
  for (const auto& [id, sums] : rating_sums_) {
    RatingSummary& summary = stats.ratings[id];
    summary.rated = sums.rated;
    if (sums.before_count) summary.before = sums.before_sum / sums.before_count;
    if (sums.after_count) summary.after = sums.after_sum / sums.after_count;
    if (sums.change_count) summary.change = sums.change_sum / sums.change_count;
    summary.weekly_change.assign(kCalendarWeeks, std::nullopt);
    for (std::size_t week = 0; week < static_cast<std::size_t>(kCalendarWeeks); ++week) {
      if (sums.week_change_count[week] > 0) {
        summary.weekly_change[week] = sums.week_change_sum[week] / sums.week_change_count[week];
      }
    }
  }
  return stats;
}

int calendar_level(double minutes) {
  if (minutes <= 0) return 0;
  if (minutes < 5) return 1;
  if (minutes < 10) return 2;
  if (minutes < 20) return 3;
  return 4;
}

std::vector<std::string> render_calendar(const Stats& stats, const Style& style, int width) {
  static constexpr const char* kPlainCells[] = {".", "-", "+", "*", "#"};
  static constexpr int kGreens[] = {240, 22, 28, 34, 46};
  static constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  constexpr int kLabelWidth = 4;  // "Mon "
  constexpr int kCellWidth = 2;

  auto cell = [&](int level) {
    if (!style.color()) return std::string(kPlainCells[level]);
    return fmt::format("\x1b[38;5;{}m{}\x1b[0m", kGreens[level], level == 0 ? "\u00b7" : "\u25a0");
  };

  std::vector<std::string> lines;
  // Month labels: over the week that holds the 1st of a month, and over the first week.
  std::string months(kLabelWidth, ' ');
  int next_free = 0;
  for (int week = 0; week < kCalendarWeeks; ++week) {
    Date monday{stats.calendar_first.days + 7 * week};
    int month = week == 0 ? to_civil(monday).month : 0;
    for (int offset = 0; offset < 7; ++offset) {
      CivilDate day = to_civil(Date{monday.days + offset});
      if (day.day == 1) month = day.month;
    }
    int column = week * kCellWidth;
    if (month > 0 && column >= next_free) {
      months.resize(static_cast<std::size_t>(kLabelWidth + column), ' ');
      months += kMonths[month - 1];
      next_free = column + 4;
    }
  }
  lines.push_back(months);

  for (int weekday = 0; weekday < 7; ++weekday) {
    std::string row = fmt::format("{:<{}}", kWeekdays[weekday], kLabelWidth);
    for (int week = 0; week < kCalendarWeeks; ++week) {
      Date day{stats.calendar_first.days + 7 * week + weekday};
      if (day > stats.today) break;
      auto found = stats.days.find(day);
      double minutes = found == stats.days.end() ? 0 : found->second;
      if (week > 0) row += ' ';
      row += cell(calendar_level(minutes));
    }
    lines.push_back(row);
  }

  std::string legend = std::string(kLabelWidth, ' ') + "less ";
  for (int level = 0; level <= 4; ++level)
    legend += cell(level) + " ";
  legend += "more";
  lines.push_back(legend);
  // The key's words, wrapped under the cells: every line of it keeps their indent.
  const std::string indent(kLabelWidth, ' ');
  for (const auto& line :
       wrap("(none, under 5, 10, 20 minutes, then 20 or more)", width, indent, indent)) {
    lines.push_back(indent + style.paint(line.substr(indent.size()), Tone::muted));
  }
  return lines;
}

std::string trend_bars(const std::vector<std::optional<double>>& weekly) {
  static constexpr const char* kBars[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                          "\u2585", "\u2586", "\u2587", "\u2588"};
  std::optional<double> low, high;
  for (const auto& value : weekly) {
    if (!value) continue;
    low = std::min(low.value_or(*value), *value);
    high = std::max(high.value_or(*value), *value);
  }
  std::string bars;
  for (const auto& value : weekly) {
    if (!value) {
      bars += "\u00b7";
      continue;
    }
    double span = *high - *low;
    int level = span > 0 ? static_cast<int>(std::lround((*value - *low) / span * 7)) : 3;
    bars += kBars[std::clamp(level, 0, 7)];
  }
  return bars;
}

Document stats_document(const Stats& stats, bool trends) {
  Document doc;
  doc.heading("Sessions");
  doc.entry("sessions", fmt::format("{} ({} completed)", stats.sessions, stats.completed));
  doc.entry("time held", fmt::format("{} in all, {} on average", minutes_text(stats.total_minutes),
                                     minutes_text(stats.average_minutes)));
  doc.entry("streak",
            fmt::format("{} now, {} at most", count_of(stats.current_streak_days, "night"),
                        count_of(stats.longest_streak_days, "night")));
  doc.entry("last 7 days", fmt::format("{}, {}", count_of(stats.last_7_days_sessions, "session"),
                                       minutes_text(stats.last_7_days_minutes)));
  doc.entry("last 30 days", fmt::format("{}, {}", count_of(stats.last_30_days_sessions, "session"),
                                        minutes_text(stats.last_30_days_minutes)));
  if (!stats.by_variation.empty()) {
    doc.heading("By variation");
    for (const auto& [variant, count] : stats.by_variation) {
      doc.entry(variant, count_of(count, "session"));
    }
  }
  if (!stats.ratings.empty()) {
    doc.heading("How you felt (0 to 10)");
    auto value = [](const std::optional<double>& number) {
      return number ? fmt::format("{:.1f}", *number) : std::string("-");
    };
    for (const auto& [id, summary] : stats.ratings) {
      std::string change = summary.change ? fmt::format("{:+.1f}", *summary.change) : "-";
      bool any_week = std::any_of(summary.weekly_change.begin(), summary.weekly_change.end(),
                                  [](const auto& week) { return week.has_value(); });
      doc.entry(id,
                fmt::format("before {}, after {}, change {} ({} rated)", value(summary.before),
                            value(summary.after), change, summary.rated),
                trends && any_week
                    ? fmt::format("change a week, 12 weeks: {}", trend_bars(summary.weekly_change))
                    : std::string());
    }
  }
  return doc;
}

namespace {

// Two decimals, without the noise of binary fractions (5.02, not 5.0200000000000005).
// Whole values keep a decimal point ("40.0"): a figure of minutes is always a fraction.
std::string decimal(double value) {
  double rounded = std::round(value * 100.0) / 100.0;
  if (rounded == std::floor(rounded)) return fmt::format("{:.1f}", rounded);
  return fmt::format("{}", rounded);
}

}  // namespace

std::vector<StatsFigure> stats_figures(const Stats& stats) {
  return {{"today", format_date(stats.today)},
          {"sessions", fmt::format("{}", stats.sessions)},
          {"completed", fmt::format("{}", stats.completed)},
          {"total-minutes", decimal(stats.total_minutes)},
          {"average-minutes", decimal(stats.average_minutes)},
          {"streak", fmt::format("{}", stats.current_streak_days)},
          {"longest-streak", fmt::format("{}", stats.longest_streak_days)},
          {"last-7-days-sessions", fmt::format("{}", stats.last_7_days_sessions)},
          {"last-7-days-minutes", decimal(stats.last_7_days_minutes)},
          {"last-30-days-sessions", fmt::format("{}", stats.last_30_days_sessions)},
          {"last-30-days-minutes", decimal(stats.last_30_days_minutes)}};
}

std::string stats_json(const Stats& stats) {
  std::string out;
  JsonObjectWriter json(out, 2, 0);
  auto figures = stats_figures(stats);
  auto figure = [&](std::string_view name) {
    for (const auto& item : figures) {
      if (item.name == name) return item.value;
    }
    return std::string();
  };
  json.string("today", figure("today"));
  json.raw("sessions", figure("sessions"));
  json.raw("completed", figure("completed"));
  json.raw("total_minutes", figure("total-minutes"));
  json.raw("average_minutes", figure("average-minutes"));
  json.raw("current_streak_days", figure("streak"));
  json.raw("longest_streak_days", figure("longest-streak"));
  for (int days : {7, 30}) {
    JsonObjectWriter recent = json.object(fmt::format("last_{}_days", days));
    recent.raw("sessions", figure(fmt::format("last-{}-days-sessions", days)));
    recent.raw("minutes", figure(fmt::format("last-{}-days-minutes", days)));
    recent.finish();
  }
  JsonObjectWriter variations = json.object("by_variation");
  for (const auto& [variant, count] : stats.by_variation)
    variations.integer(variant, count);
  variations.finish();
  auto optional = [](const std::optional<double>& value) {
    return value ? decimal(*value) : std::string("null");
  };
  JsonObjectWriter ratings = json.object("ratings");
  for (const auto& [id, summary] : stats.ratings) {
    JsonObjectWriter scale = ratings.object(id);
    scale.integer("rated", summary.rated);
    scale.raw("before", optional(summary.before));
    scale.raw("after", optional(summary.after));
    scale.raw("change", optional(summary.change));
    std::string weeks = "[";
    for (std::size_t i = 0; i < summary.weekly_change.size(); ++i)
      weeks += (i ? ", " : "") + optional(summary.weekly_change[i]);
    scale.raw("weekly_change", weeks + "]");
    scale.finish();
  }
  ratings.finish();
  JsonObjectWriter days = json.object("days");
  for (const auto& [night, minutes] : stats.days)
    days.raw(format_date(night), decimal(minutes));
  days.finish();
  json.finish();
  return out + "\n";
}

}  // namespace legsup
