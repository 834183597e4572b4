#include "legsup/stats.hpp"

#include <fmt/core.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "legsup/duration.hpp"

namespace legsup {

namespace {

Date monday_of(Date date) {
  return {date.days - weekday_monday_first(date)};
}

// Two decimals, without the noise of binary fractions (5.02, not 5.0200000000000005).
double two_decimals(double value) {
  return std::round(value * 100.0) / 100.0;
}

std::string minutes_text(double minutes) {
  return format_duration(Milliseconds(static_cast<long long>(std::llround(minutes * 60000.0))));
}

std::string count_of(long count, std::string_view thing) {
  return fmt::format("{} {}{}", count, thing, count == 1 ? "" : "s");
}

}  // namespace

StatsBuilder::StatsBuilder(Date today, std::optional<Date> since) : today_(today), since_(since) {
  totals_.today = today;
  totals_.calendar_first = Date{monday_of(today).days - 7 * (kCalendarWeeks - 1)};
}

void StatsBuilder::add(const Record& record) {
  Date date = record.start.date();
  if (since_ && date < *since_) return;
  double minutes = static_cast<double>(record.held.count()) / 60000.0;
  ++totals_.sessions;
  totals_.total_minutes += minutes;
  if (record.ending == Ending::completed) ++totals_.completed;
  minutes_by_day_[date] += minutes;
  std::int64_t age = today_.days - date.days;
  if (age >= 0 && age < 7) {
    ++totals_.last_7_days_sessions;
    totals_.last_7_days_minutes += minutes;
  }
  if (age >= 0 && age < 30) {
    ++totals_.last_30_days_sessions;
    totals_.last_30_days_minutes += minutes;
  }
  ++totals_.by_variation[record.variant.value_or("none")];
  for (const auto& [id, value] : record.before) {
    auto& sums = rating_sums_[id];
    sums.before_sum += value;
    ++sums.before_count;
    if (auto after = record.after.find(id); after != record.after.end()) {
      sums.change_sum += after->second - value;
      ++sums.change_count;
    }
  }
  for (const auto& [id, value] : record.after) {
    auto& sums = rating_sums_[id];
    sums.after_sum += value;
    ++sums.after_count;
  }
}

Stats StatsBuilder::finish(const std::vector<std::string>& scale_ids) const {
  Stats stats = totals_;
  if (stats.sessions > 0) stats.average_minutes = stats.total_minutes / stats.sessions;

  // Streaks: runs of consecutive dates with a session, up to today.
  int run = 0;
  Date previous{};
  bool first = true;
  for (const auto& [date, minutes] : minutes_by_day_) {
    if (date > today_) break;
    run = (!first && date.days == previous.days + 1) ? run + 1 : 1;
    stats.longest_streak_days = std::max(stats.longest_streak_days, run);
    previous = date;
    first = false;
  }
  // Today without a session yet does not break the streak: it may still come.
  if (!first && (previous == today_ || previous.days == today_.days - 1)) {
    stats.current_streak_days = run;
  }

  for (Date day = stats.calendar_first; day <= today_; day.days += 1) {
    auto found = minutes_by_day_.find(day);
    stats.days[day] = found == minutes_by_day_.end() ? 0.0 : found->second;
  }

  for (const auto& id : scale_ids)
    stats.ratings[id];
  for (const auto& [id, sums] : rating_sums_) {
    RatingSummary& summary = stats.ratings[id];
    if (sums.before_count) summary.before = sums.before_sum / sums.before_count;
    if (sums.after_count) summary.after = sums.after_sum / sums.after_count;
    if (sums.change_count) summary.change = sums.change_sum / sums.change_count;
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

std::vector<std::string> render_calendar(const Stats& stats, const Style& style) {
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
  lines.push_back(std::string(kLabelWidth, ' ') +
                  style.paint("(none, under 5, 10, 20 minutes, then 20 or more)", Tone::muted));
  return lines;
}

Document stats_document(const Stats& stats) {
  Document doc;
  doc.heading("Sessions");
  doc.entry("sessions", fmt::format("{} ({} completed)", stats.sessions, stats.completed));
  doc.entry("time held", fmt::format("{} in all, {} on average", minutes_text(stats.total_minutes),
                                     minutes_text(stats.average_minutes)));
  doc.entry("streak", fmt::format("{} now, {} at most", count_of(stats.current_streak_days, "day"),
                                  count_of(stats.longest_streak_days, "day")));
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
      doc.entry(id, fmt::format("before {}, after {}, change {}", value(summary.before),
                                value(summary.after), change));
    }
  }
  return doc;
}

nlohmann::ordered_json stats_json(const Stats& stats) {
  using nlohmann::ordered_json;
  auto number = [](double value) { return two_decimals(value); };
  auto optional_number = [&](const std::optional<double>& value) {
    return value ? ordered_json(number(*value)) : ordered_json(nullptr);
  };
  ordered_json out = {
      {"today", format_date(stats.today)},
      {"sessions", stats.sessions},
      {"completed", stats.completed},
      {"total_minutes", number(stats.total_minutes)},
      {"average_minutes", number(stats.average_minutes)},
      {"current_streak_days", stats.current_streak_days},
      {"longest_streak_days", stats.longest_streak_days},
      {"last_7_days",
       {{"sessions", stats.last_7_days_sessions}, {"minutes", number(stats.last_7_days_minutes)}}},
      {"last_30_days",
       {{"sessions", stats.last_30_days_sessions},
        {"minutes", number(stats.last_30_days_minutes)}}},
  };
  out["by_variation"] = ordered_json::object();
  for (const auto& [variant, count] : stats.by_variation)
    out["by_variation"][variant] = count;
  out["ratings"] = ordered_json::object();
  for (const auto& [id, summary] : stats.ratings) {
    out["ratings"][id] = {{"before", optional_number(summary.before)},
                          {"after", optional_number(summary.after)},
                          {"change", optional_number(summary.change)}};
  }
  out["days"] = ordered_json::object();
  for (const auto& [date, minutes] : stats.days)
    out["days"][format_date(date)] = number(minutes);
  return out;
}

}  // namespace legsup
