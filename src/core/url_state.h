// Links to every view: the AppState (all of it but hover) as a URL fragment.
//
//   #v=1&sel=sinjar&map=36.3200,41.8700,5.25&t=2015-11-13&tl=2014-06-01..2015-12-31&p=p4&tab=map&who=thamir-ismail
//
// A link stores only what differs from the view the app opens with (the `defaults`),
// always starts with the version `v=1`, and writes its keys in one fixed order, so one
// view has exactly one link. Entities and paragraphs are named by the pack's stable
// ids, never by index, so links survive edits to the pack that keep the ids.
// README, "Links to every view", documents every key for people who write links by hand.
//
// Keys, in the order they are written (an empty value means "none"):
//   v    format version, always 1
//   sel  selected entity id                          sel=sinjar   sel= (nothing selected)
//   map  map centre and zoom: lat,lon,zoom           map=36.3200,41.8700,5.25
//   t    time cursor, ISO date or UTC date-time      t=2015-11-13 t=2015-11-13T20:16Z t= (no cursor)
//   tl   visible timeline span, ISO dates or         tl=2014-06-01..2015-12-31
//        UTC date-times to the minute                tl=2015-11-13T19:30Z..2015-11-14T00:30Z
//   p    id of the paragraph at the top of the article  p=p4      p= (the top)
//   tab  panel shown on narrow screens               tab=map (article|map|timeline|quotes)
//   who  quote speaker filter, a person id           who=thamir-ismail  who= (all)
//
// Decoding is total: any text gives a state, and every part of the text that could not
// be used is reported as a short note the page can show ("unknown key 'foo' ignored").
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app_state.h"
#include "dates.h"
#include "geo.h"
#include "pack.h"

namespace explainer {

inline constexpr int kLinkVersion = 1;
inline constexpr std::size_t kMaxLinkBytes = 4096;   // longer fragments are cut to this
inline constexpr std::size_t kMaxLinkNotes = 16;     // the last slot says "more not listed"

// Ranges a link can carry; values outside are clamped (encoding) or rejected/clamped
// with a note (decoding).
inline constexpr double kLinkMaxLatitude = 85.0;     // Web-Mercator's usable band
inline constexpr double kLinkMaxLongitude = 180.0;
inline constexpr double kLinkMinZoom = 0.0;
// The map's closest view: a link at 20 drew zoom 10 while getState() and Share said 20.
inline constexpr double kLinkMaxZoom = kMaxMapZoom;
inline constexpr int kFirstLinkDay = kFirstDay;      // -9999-01-01 in days since 1970-01-01
inline constexpr int kLastLinkDay = kLastDay;        // 9999-12-31

// A timeline this long or longer is written in whole days; a shorter one in whole days
// only when both ends fall on midnight (UTC), else as date-times to the minute.
inline constexpr double kLinkWholeDaySpan = 7.0;

// The fragment for `state` without the leading '#': "v=1" when the state equals the
// defaults. Map centre has 4 decimals, zoom 2. A whole-day cursor is an ISO date, a
// cursor with a time "YYYY-MM-DDTHH:MMZ" (":SS" when the seconds are not zero), always in
// UTC; the timeline as above (an empty span is widened to a day or a minute).
// NaN/infinite views are left out. Decoding also takes offsets ("+01:00") and seconds.
std::string encode_state(const AppState& state, const AppState& defaults);

// The texts a link writes for a cursor, a timeline ("start..end") and a map view
// ("lat,lon,zoom"), nullopt when not finite (or, for a timeline, when there is no range);
// the JS API and host messages give the same texts, and the store compares views at this
// precision when it restores a link.
std::string time_cursor_text(const TimeCursor& cursor);
std::optional<std::string> timeline_text(const std::optional<TimeRange>& range);
std::optional<std::string> map_text(const MapView& view);

struct DecodeResult {
    AppState state;                    // hover is always the defaults' hover
    std::vector<std::string> ignored;  // at most kMaxLinkNotes notes for the reader
};

// `fragment` may start with '#'. Every key not given, or given with a value that cannot
// be used, keeps its value from `defaults`; ids are checked against `pack`, and `tab`
// against `panels`, the ids of the app's panels in their order (ui::panel_ids()).
DecodeResult decode_state(std::string_view fragment, const AppState& defaults, const Pack& pack,
                          std::span<const std::string_view> panels);

// Untrusted text made safe to quote in a note for the reader: wrapped in single quotes,
// printable ASCII kept, other bytes shown as %XX, cut after about 40 characters.
std::string quote_for_note(std::string_view untrusted);

} // namespace explainer
