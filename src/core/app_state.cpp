#include "app_state.h"

#include <cmath>

#include "dates.h"

namespace explainer {

bool same_map_view(const MapView& a, const MapView& b) {
    return std::fabs(a.lat - b.lat) <= 1e-7 && std::fabs(a.lon - b.lon) <= 1e-7 && std::fabs(a.zoom - b.zoom) <= 1e-6;
}

TimeCursor cursor_on_day(int day) { return {std::int64_t(day) * kSecondsPerDay, true}; }
TimeCursor cursor_at_second(std::int64_t utc_second) { return {utc_second, false}; }

int cursor_day(const TimeCursor& cursor) {
    return static_cast<int>(std::floor(instant_days(cursor.utc_second)));
}

double cursor_position_days(const TimeCursor& cursor) {
    return cursor.whole_day ? cursor_day(cursor) + 0.5 : instant_days(cursor.utc_second);
}

bool starts_after_cursor(double start_days, const TimeCursor& cursor) {
    return cursor.whole_day ? start_days >= cursor_day(cursor) + 1.0 : start_days > instant_days(cursor.utc_second);
}

} // namespace explainer
