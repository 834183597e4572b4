// What the log adds up to: totals, streaks, recent activity, ratings and their weekly trend, and
// a calendar of the last twelve weeks. Sessions count by the night they belong to (a session at
// 00:30 is the evening's); a night counts toward a streak and the calendar only when a session
// held at least the streak minimum. Built from a stream of records, one at a time, in memory
// that does not grow with the number of records (only with the number of nights).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "legsup/base/document.hpp"
#include "legsup/base/duration.hpp"
#include "legsup/base/local_time.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

inline constexpr int kCalendarWeeks = 12;

struct RatingSummary {
  long rated = 0;                // sessions rated on this scale, before or after
  std::optional<double> before;  // the average of all "before" values
  std::optional<double> after;   // the average of all "after" values
  std::optional<double> change;  // the average of after - before, over sessions that have both
  // The average change of each of the calendar's weeks, oldest first (none: no session had both).
  std::vector<std::optional<double>> weekly_change;
};

struct Stats {
  Date today;  // the current night
  long sessions = 0;
  long completed = 0;
  double total_minutes = 0;
  double average_minutes = 0;
  int current_streak_days = 0;
  int longest_streak_days = 0;
  long last_7_days_sessions = 0;
  double last_7_days_minutes = 0;
  long last_30_days_sessions = 0;
  double last_30_days_minutes = 0;
  std::map<std::string, long> by_variation;  // "none" for sessions without one
  std::map<std::string, RatingSummary> ratings;
  // The calendar: from the Monday kCalendarWeeks - 1 weeks before this week, through today.
  Date calendar_first;
  std::map<Date, double> days;  // every night of the calendar's period to minutes that count
};

struct StatsOptions {
  Date today;                      // the current night
  std::optional<Date> since;       // leaves out earlier nights
  int day_starts_minutes = 0;      // the day-starts-at setting
  Milliseconds streak_minimum{0};  // the streak-minimum setting
};

class StatsBuilder {
 public:
  explicit StatsBuilder(StatsOptions options);
  void add(const Record& record);
  // `scale_ids` are the content's rating scales, reported even when no session rated them.
  Stats finish(const std::vector<std::string>& scale_ids) const;

 private:
  struct RatingSums {
    long rated = 0;
    double before_sum = 0;
    long before_count = 0;
    double after_sum = 0;
    long after_count = 0;
    double change_sum = 0;
    long change_count = 0;
    std::vector<double> week_change_sum = std::vector<double>(kCalendarWeeks);
    std::vector<long> week_change_count = std::vector<long>(kCalendarWeeks);
  };
  StatsOptions options_;
  Stats totals_;
  // Whole milliseconds, added exactly: the same sums in whatever order the sessions come.
  std::int64_t total_held_ = 0;
  std::int64_t last_7_days_held_ = 0;
  std::int64_t last_30_days_held_ = 0;
  std::map<Date, std::int64_t> held_by_night_;  // nights that count: a session held the minimum
  // Found by a hash of the name: a log may name a few scales and variations or, merged from
  // elsewhere, a million, and each session looks its own up in constant time either way.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const {
      return std::hash<std::string_view>{}(name);
    }
  };
  template <class Value>
  using ByName = std::unordered_map<std::string, Value, NameHash, std::equal_to<>>;
  ByName<RatingSums> rating_sums_;
  ByName<long> by_variation_;
};

// How dark a calendar cell is: 0 for no session, then under 5, under 10, under 20, 20+ minutes.
int calendar_level(double minutes);

// The calendar as lines: weeks as columns, weekdays as rows, month labels above, a legend below.
// With colour, cells are shaded blocks; without, plain characters (. - + * #). The legend's words
// are wrapped to `width` under the cells.
std::vector<std::string> render_calendar(const Stats& stats, const Style& style,
                                         int width = kDefaultWidth);

// A week's change as a bar from low to high (▁ to █), "·" for a week without one.
std::string trend_bars(const std::vector<std::optional<double>>& weekly);

// With `trends`, each rating scale gets a row of bars: its weekly change over the calendar.
Document stats_document(const Stats& stats, bool trends);

// The figures a script can read one at a time (`stats --get NAME`), in the order of the JSON.
struct StatsFigure {
  std::string name;   // as --get takes it: "streak", "total-minutes"
  std::string value;  // as printed: "12", "126.5"
};
std::vector<StatsFigure> stats_figures(const Stats& stats);

std::string stats_json(const Stats& stats);

}  // namespace legsup
