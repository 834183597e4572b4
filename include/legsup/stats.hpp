// What the log adds up to: totals, streaks, recent activity, ratings, and a calendar of the last
// twelve weeks. Built from a stream of records, one at a time, in memory that does not grow with
// the number of records (only with the number of days that have sessions).
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "legsup/document.hpp"
#include "legsup/local_time.hpp"
#include "legsup/record.hpp"

namespace legsup {

inline constexpr int kCalendarWeeks = 12;

struct RatingSummary {
  std::optional<double> before;  // the average of all "before" values
  std::optional<double> after;   // the average of all "after" values
  std::optional<double> change;  // the average of after - before, over sessions that have both
};

struct Stats {
  Date today;
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
  std::map<Date, double> days;  // every date of the calendar's period to minutes held
};

class StatsBuilder {
 public:
  // Sessions are counted on the date of their local start; `since` leaves out earlier ones.
  explicit StatsBuilder(Date today, std::optional<Date> since = std::nullopt);
  void add(const Record& record);
  // `scale_ids` are the content's rating scales, reported even when no session rated them.
  Stats finish(const std::vector<std::string>& scale_ids) const;

 private:
  struct RatingSums {
    double before_sum = 0;
    long before_count = 0;
    double after_sum = 0;
    long after_count = 0;
    double change_sum = 0;
    long change_count = 0;
  };
  Date today_;
  std::optional<Date> since_;
  Stats totals_;
  std::map<Date, double> minutes_by_day_;
  std::map<std::string, RatingSums> rating_sums_;
};

// How dark a calendar cell is: 0 for no session, then under 5, under 10, under 20, 20+ minutes.
int calendar_level(double minutes);

// The calendar as lines: weeks as columns, weekdays as rows, month labels above, a legend below.
// With colour, cells are shaded blocks; without, plain characters (. - + * #).
std::vector<std::string> render_calendar(const Stats& stats, const Style& style);

Document stats_document(const Stats& stats);
nlohmann::ordered_json stats_json(const Stats& stats);

}  // namespace legsup
