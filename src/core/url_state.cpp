// URL-fragment codec for AppState; the format is described in url_state.h and in
// README, "Links to every view".
//
// Index
// - [SECTION] Notes for the reader
// - [SECTION] Percent-encoding (RFC 3986)
// - [SECTION] Numbers and days
// - [SECTION] Value texts shared by encoder and decoder
// - [SECTION] Keys
// - [SECTION] Encoding
// - [SECTION] Decoding

#include "url_state.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <optional>

#include "dates.h"
#include "time_scale.h"

namespace explainer {

// [SECTION] Notes for the reader ----------------------------------------------------

// Values are quoted back to the reader, so they are cut short and reduced to printable
// ASCII (other bytes shown percent-encoded): a hostile link cannot inject control
// characters or megabytes into the page through its notes.
std::string quote_for_note(std::string_view untrusted) {
    constexpr std::size_t kMaxShown = 40;
    static const char kHex[] = "0123456789ABCDEF";
    std::string out = "'";
    for (unsigned char c : untrusted) {
        if (out.size() > kMaxShown) {
            out += "...";
            break;
        }
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    out += "'";
    return out;
}

namespace {

class Notes {
public:
    explicit Notes(std::vector<std::string>& out) : out_(out) {}
    void add(std::string note) {
        if (out_.size() + 1 < kMaxLinkNotes)
            out_.push_back(std::move(note));
        else if (out_.size() + 1 == kMaxLinkNotes)
            out_.push_back("more problems in this link were not listed");
    }

private:
    std::vector<std::string>& out_;
};

// [SECTION] Percent-encoding (RFC 3986) ---------------------------------------------

bool is_unreserved(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

void append_percent_encoded(std::string& out, std::string_view text) {
    static const char kHex[] = "0123456789ABCDEF";
    for (unsigned char c : text) {
        if (is_unreserved(c)) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// '+' stays '+': in a fragment it is a literal character, not a space.
std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

// [SECTION] Numbers and days --------------------------------------------------------

constexpr std::array<double, 16> kPowersOfTen = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
constexpr int kExactDigits = 15;  // decimal digits a double holds exactly

// Fixed-point text with integer arithmetic, so the output does not depend on the C
// locale and "-0.0000" never appears. `value` must be finite and small (|value| < 1e9).
std::string format_fixed(double value, int decimals) {
    assert(std::isfinite(value) && std::fabs(value) < 1e9 && "format_fixed takes clamped view values");
    assert(decimals > 0 && decimals < 9 && "format_fixed precision");
    const long long scale = static_cast<long long>(kPowersOfTen[static_cast<std::size_t>(decimals)]);
    long long units = std::llround(value * static_cast<double>(scale));
    std::string out;
    if (units < 0) {
        out += '-';
        units = -units;
    }
    out += std::to_string(units / scale);
    out += '.';
    const std::string fraction = std::to_string(units % scale);
    out.append(static_cast<std::size_t>(decimals) - fraction.size(), '0');
    out += fraction;
    return out;
}

// Strict decimal: -?[0-9]+(\.[0-9]+)? and nothing else (no exponent, inf, nan, spaces,
// hex). The digits are read as one integer over a power of ten: for up to 15 digits both
// are exact doubles, so the quotient is the correctly rounded value of the text.
// Fraction digits past the 15th significant digit or the 15th decimal are dropped.
std::optional<double> parse_decimal(std::string_view text) {
    constexpr std::size_t kMaxChars = 32;
    if (text.empty() || text.size() > kMaxChars) return std::nullopt;
    std::size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative) i = 1;
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    double mantissa = 0.0;
    int significant = 0;
    std::size_t fraction_digits = 0;
    const std::size_t whole_begin = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
        mantissa = mantissa * 10.0 + (text[i] - '0');
        if (mantissa != 0.0) ++significant;
    }
    if (i == whole_begin) return std::nullopt;
    if (i < text.size() && text[i] == '.') {
        const std::size_t fraction_begin = ++i;
        for (; i < text.size() && is_digit(text[i]); ++i) {
            // Past 15 digits (or 15 decimals) the text is finer than any link value.
            if (significant >= kExactDigits || fraction_digits >= std::size_t(kExactDigits)) continue;
            mantissa = mantissa * 10.0 + (text[i] - '0');
            ++fraction_digits;
            if (mantissa != 0.0) ++significant;
        }
        if (i == fraction_begin) return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    assert(fraction_digits < kPowersOfTen.size() && "parse_decimal keeps at most 15 decimals");
    const double value = mantissa / kPowersOfTen[fraction_digits];
    return negative ? -value : value;
}

// "1", "2", ... with at most 9 digits; anything else is not a version number.
std::optional<int> parse_version(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<int> parse_link_day(std::string_view text) {
    const std::optional<int> day = parse_iso_day(text);
    if (!day || *day < kFirstLinkDay || *day > kLastLinkDay) return std::nullopt;
    return day;
}

int clamp_day(double day) {
    return static_cast<int>(std::llround(std::clamp(day, double(kFirstLinkDay), double(kLastLinkDay))));
}

constexpr std::int64_t kMinutesPerDay = 1440;
constexpr std::int64_t kFirstLinkSecond = std::int64_t(kFirstLinkDay) * kSecondsPerDay;
constexpr std::int64_t kLastLinkSecond = (std::int64_t(kLastLinkDay) + 1) * kSecondsPerDay - 1;  // 9999-12-31T23:59:59Z

// A cursor or a timeline end as a link writes it: "YYYY-MM-DD", or with a time of day
// and a UTC offset "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)", within years -9999...9999.
std::optional<TimeCursor> parse_link_moment(std::string_view text) {
    if (has_time_part(text)) {
        const DateTimeParse parsed = parse_iso_date_time(text);
        const std::int64_t second = parsed.instant.utc_second;
        if (parsed.error != DateTimeError::None || second < kFirstLinkSecond || second > kLastLinkSecond) return std::nullopt;
        return cursor_at_second(second);
    }
    if (const std::optional<int> day = parse_link_day(text)) return cursor_on_day(*day);
    return std::nullopt;
}

// "2015-11-13T20:16Z": links write instants in UTC.
std::string format_link_second(std::int64_t utc_second) {
    return format_iso_date_time({std::clamp(utc_second, kFirstLinkSecond, kLastLinkSecond), 0});
}

} // namespace

// [SECTION] Value texts shared by encoder and decoder -------------------------------
// The encoder compares these texts, not the raw values, with the defaults' texts: a
// value that only differs from the default below the link's precision is left out,
// which is what makes encode(decode(link)) reproduce the link.

std::optional<std::string> map_text(const MapView& view) {
    if (!std::isfinite(view.lat) || !std::isfinite(view.lon) || !std::isfinite(view.zoom)) return std::nullopt;
    return format_fixed(std::clamp(view.lat, -kLinkMaxLatitude, kLinkMaxLatitude), 4) + "," +
           format_fixed(std::clamp(view.lon, -kLinkMaxLongitude, kLinkMaxLongitude), 4) + "," +
           format_fixed(std::clamp(view.zoom, kLinkMinZoom, kLinkMaxZoom), 2);
}

std::optional<std::string> timeline_text(const std::optional<TimeRange>& shown) {
    if (!shown || !std::isfinite(shown->start_day) || !std::isfinite(shown->end_day)) return std::nullopt;
    const TimeRange& range = *shown;
    // To the minute, within years -9999...9999.
    const auto minute_of = [](double day) {
        return std::llround(std::clamp(day * kMinutesPerDay, double(kFirstLinkDay) * kMinutesPerDay,
                                       (double(kLastLinkDay) + 1) * kMinutesPerDay - 1));
    };
    std::int64_t start = minute_of(range.start_day), end = minute_of(range.end_day);
    const bool midnights = start % kMinutesPerDay == 0 && end % kMinutesPerDay == 0;
    if (range.end_day - range.start_day >= kLinkWholeDaySpan || midnights) {
        int start_day = clamp_day(range.start_day);
        int end_day = clamp_day(range.end_day);
        if (end_day <= start_day) {
            start_day = std::min(start_day, kLastLinkDay - 1);
            end_day = start_day + 1;
        }
        return format_iso_day(start_day) + ".." + format_iso_day(end_day);
    }
    if (end <= start) {
        start = std::min(start, (std::int64_t(kLastLinkDay) + 1) * kMinutesPerDay - 2);
        end = start + 1;
    }
    return format_link_second(start * 60) + ".." + format_link_second(end * 60);
}

std::string time_cursor_text(const TimeCursor& cursor) {
    if (cursor.whole_day) return format_iso_day(std::clamp(cursor_day(cursor), kFirstLinkDay, kLastLinkDay));
    return format_link_second(cursor.utc_second);
}

namespace {

std::string cursor_text(const std::optional<TimeCursor>& cursor) { return cursor ? time_cursor_text(*cursor) : std::string(); }

// [SECTION] Keys --------------------------------------------------------------------

enum Key { KeyVersion, KeySelection, KeyMap, KeyCursor, KeyTimeline, KeyParagraph, KeyPanel, KeySpeaker, KeyCount };

// In the order links write them.
constexpr std::array<const char*, KeyCount> kKeyNames = {"v", "sel", "map", "t", "tl", "p", "tab", "who"};

std::optional<Key> key_from_name(std::string_view name) {
    for (int k = 0; k < KeyCount; ++k)
        if (name == kKeyNames[static_cast<std::size_t>(k)]) return static_cast<Key>(k);
    return std::nullopt;
}

} // namespace

// [SECTION] Encoding ----------------------------------------------------------------

std::string encode_state(const AppState& state, const AppState& defaults) {
    std::string out = "v=" + std::to_string(kLinkVersion);
    auto put = [&](Key key) -> std::string& {
        out += '&';
        out += kKeyNames[key];
        out += '=';
        return out;
    };
    auto put_id = [&](Key key, const std::string& id, const std::string& default_id) {
        if (id != default_id) append_percent_encoded(put(key), id);
    };

    put_id(KeySelection, state.selection, defaults.selection);
    if (const auto map = map_text(state.map); map && map != map_text(defaults.map)) put(KeyMap) += *map;
    if (const std::string cursor = cursor_text(state.time_cursor); cursor != cursor_text(defaults.time_cursor))
        put(KeyCursor) += cursor;
    if (const auto range = timeline_text(state.timeline); range && range != timeline_text(defaults.timeline))
        put(KeyTimeline) += *range;
    put_id(KeyParagraph, state.article_paragraph, defaults.article_paragraph);
    if (state.panel != defaults.panel) put(KeyPanel) += state.panel;
    put_id(KeySpeaker, state.quote_speaker_filter, defaults.quote_speaker_filter);
    return out;
}

// [SECTION] Decoding ----------------------------------------------------------------

namespace {

const Entity* find_entity(const Pack& pack, std::string_view id) {
    const auto it = pack.entity_index.find(std::string(id));
    if (it == pack.entity_index.end() || it->second >= pack.entities.size()) return nullptr;
    return &pack.entities[it->second];
}

bool has_paragraph(const Pack& pack, std::string_view id) {
    return std::any_of(pack.article.paragraphs.begin(), pack.article.paragraphs.end(),
                       [&](const Paragraph& p) { return p.id == id; });
}

// One number of the map view: not a number -> keep the default; outside its range ->
// clamp, because a view just past the edge is still the view the sender meant.
double read_map_number(std::string_view text, const char* what, double low, double high, const char* range,
                       double fallback, Notes& notes) {
    const std::optional<double> value = parse_decimal(text);
    if (!value) {
        notes.add(std::string("map ") + what + " " + quote_for_note(text) + " is not a number");
        return fallback;
    }
    if (*value < low || *value > high) {
        notes.add(std::string("map ") + what + " " + quote_for_note(text) + " is outside " + range + "; clamped");
        return std::clamp(*value, low, high);
    }
    return *value;
}

// The longitude is not clamped but wrapped, as the map is: 190 is 170 W, the view a link
// written by hand past the antimeridian means.
double read_map_longitude(std::string_view text, double fallback, Notes& notes) {
    const std::optional<double> value = parse_decimal(text);
    if (!value) {
        notes.add("map longitude " + quote_for_note(text) + " is not a number");
        return fallback;
    }
    if (*value >= -kLinkMaxLongitude && *value <= kLinkMaxLongitude) return *value;
    double wrapped = std::fmod(*value + 180.0, 360.0);
    if (wrapped < 0) wrapped += 360.0;
    wrapped -= 180.0;
    notes.add("map longitude " + quote_for_note(text) + " is outside -180..180; wrapped to " + format_fixed(wrapped, 4));
    return wrapped;
}

void decode_map(std::string_view text, AppState& state, Notes& notes) {
    const std::size_t first_comma = text.find(',');
    const std::size_t second_comma = first_comma == std::string_view::npos ? first_comma : text.find(',', first_comma + 1);
    if (second_comma == std::string_view::npos || text.find(',', second_comma + 1) != std::string_view::npos) {
        notes.add("map view " + quote_for_note(text) + " needs three numbers: lat,lon,zoom");
        return;
    }
    const std::string_view lat = text.substr(0, first_comma);
    const std::string_view lon = text.substr(first_comma + 1, second_comma - first_comma - 1);
    const std::string_view zoom = text.substr(second_comma + 1);
    state.map.lat = read_map_number(lat, "latitude", -kLinkMaxLatitude, kLinkMaxLatitude, "-85..85", state.map.lat, notes);
    state.map.lon = read_map_longitude(lon, state.map.lon, notes);
    state.map.zoom = read_map_number(zoom, "zoom", kLinkMinZoom, kLinkMaxZoom, "0..10", state.map.zoom, notes);
}

void decode_timeline(std::string_view text, const Pack& pack, AppState& state, Notes& notes) {
    const std::size_t dots = text.find("..");
    if (dots == std::string_view::npos) {
        notes.add("timeline " + quote_for_note(text) + " is not a range of dates start..end");
        return;
    }
    const std::string_view start_text = text.substr(0, dots), end_text = text.substr(dots + 2);
    const std::optional<TimeCursor> start = parse_link_moment(start_text), end = parse_link_moment(end_text);
    if (!start || !end) {
        notes.add("timeline " + quote_for_note(text) +
                  " is not a range of dates start..end (YYYY-MM-DD or YYYY-MM-DDTHH:MMZ, years -9999...9999, -0043 for 44 BC)");
        return;
    }
    if (start->utc_second >= end->utc_second) {
        notes.add("timeline " + quote_for_note(text) + " does not start before it ends");
        return;
    }
    // Within where the pack's timeline may go, as it is drawn: a span of 1900..2100 drew the
    // opening view while the state, the link and the host were told 1900..2100 (a host trial).
    state.timeline = timeline_within_limits(pack, TimeRange{instant_days(start->utc_second), instant_days(end->utc_second)});
}

void decode_value(Key key, std::string_view text, AppState& state, const Pack& pack, std::span<const std::string_view> panels,
                  Notes& notes) {
    switch (key) {
    case KeyVersion:
    case KeyCount: break;  // the version is read before any other key
    case KeySelection:
        if (text.empty() || find_entity(pack, text))
            state.selection = text;
        else
            notes.add("selection " + quote_for_note(text) + " is not in this pack");
        break;
    case KeyMap: decode_map(text, state, notes); break;
    case KeyCursor:
        if (text.empty()) {
            state.time_cursor.reset();
        } else if (const std::optional<TimeCursor> cursor = parse_link_moment(text)) {
            state.time_cursor = cursor;
        } else {
            notes.add("time cursor " + quote_for_note(text) +
                      " is not a date (YYYY-MM-DD, or YYYY-MM-DDTHH:MMZ with a time; years -9999...9999, -0043 for 44 BC)");
        }
        break;
    case KeyTimeline: decode_timeline(text, pack, state, notes); break;
    case KeyParagraph:
        if (text.empty())  // the top of the article: its first paragraph, as the opening view has it
            state.article_paragraph = pack.article.paragraphs.empty() ? std::string() : pack.article.paragraphs.front().id;
        else if (has_paragraph(pack, text))
            state.article_paragraph = text;
        else
            notes.add("paragraph " + quote_for_note(text) + " is not in this article");
        break;
    case KeyPanel:
        if (std::find(panels.begin(), panels.end(), text) != panels.end()) {
            state.panel = std::string(text);
        } else {
            std::string known;
            for (const std::string_view id : panels) known += (known.empty() ? "" : ", ") + std::string(id);
            notes.add("panel " + quote_for_note(text) + " is not one of " + known);
        }
        break;
    case KeySpeaker: {
        const Entity* speaker = text.empty() ? nullptr : find_entity(pack, text);
        if (text.empty() || (speaker && speaker->kind == EntityKind::Person))
            state.quote_speaker_filter = text;
        else
            notes.add("quote speaker " + quote_for_note(text) + " is not a person in this pack");
        break;
    }
    }
}

void check_version(std::optional<std::string_view> raw, bool any_other_key, Notes& notes) {
    if (!raw) {
        if (any_other_key) notes.add("link has no version (v=1); read as version 1");
        return;
    }
    const std::optional<std::string> text = percent_decode(*raw);
    const int version = text ? parse_version(*text).value_or(0) : 0;  // 0: not a version number
    if (version == kLinkVersion) return;
    const std::string shown = text ? quote_for_note(*text) : quote_for_note(*raw);
    if (version > kLinkVersion)
        notes.add("link version " + shown + " is newer than this explainer (version 1); only the keys it knows were read");
    else
        notes.add("link version " + shown + " is not understood; only the keys version 1 knows were read");
}

} // namespace

DecodeResult decode_state(std::string_view fragment, const AppState& defaults, const Pack& pack,
                          std::span<const std::string_view> panels) {
    DecodeResult result;
    result.state = defaults;
    Notes notes(result.ignored);

    if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
    if (fragment.size() > kMaxLinkBytes) {
        // The key=value pair the cut lands in is incomplete unless the cut falls on '&'.
        const bool cut_on_boundary = fragment[kMaxLinkBytes] == '&';
        fragment = fragment.substr(0, kMaxLinkBytes);
        if (!cut_on_boundary) {
            const std::size_t last_amp = fragment.rfind('&');
            fragment = last_amp == std::string_view::npos ? std::string_view() : fragment.substr(0, last_amp);
        }
        notes.add("link is longer than " + std::to_string(kMaxLinkBytes) + " bytes; only its first " +
                  std::to_string(kMaxLinkBytes) + " were read");
    }

    // Pass 1: the last value of each known key (views into `fragment`).
    std::array<std::optional<std::string_view>, KeyCount> values;
    std::array<bool, KeyCount> duplicate_noted = {};
    bool any_other_key = false;
    while (!fragment.empty()) {
        const std::size_t amp = fragment.find('&');
        const std::string_view pair = fragment.substr(0, amp);
        fragment = amp == std::string_view::npos ? std::string_view() : fragment.substr(amp + 1);
        if (pair.empty()) continue;

        const std::size_t equals = pair.find('=');
        const std::optional<std::string> name = percent_decode(pair.substr(0, equals));
        // Any key but the version, known or not, with a value or not, makes the fragment a
        // link, which says when it has no version (`#foo=1` said only that 'foo' was unknown).
        if (name != kKeyNames[KeyVersion]) any_other_key = true;
        if (!name) {
            notes.add("key " + quote_for_note(pair.substr(0, equals)) + " has malformed percent-encoding; ignored");
            continue;
        }
        const std::optional<Key> key = key_from_name(*name);
        if (!key) {
            notes.add("unknown key " + quote_for_note(*name) + " ignored");
            continue;
        }
        if (equals == std::string_view::npos) {
            notes.add("key " + quote_for_note(*name) + " has no value (" + *name + "=...); ignored");
            continue;
        }
        if (values[*key] && !duplicate_noted[*key]) {
            notes.add("key " + quote_for_note(*name) + " appears more than once; the last one is used");
            duplicate_noted[*key] = true;
        }
        values[*key] = pair.substr(equals + 1);
    }

    // Pass 2: the version, then every key in link order.
    check_version(values[KeyVersion], any_other_key, notes);
    for (int k = KeyVersion + 1; k < KeyCount; ++k) {
        const Key key = static_cast<Key>(k);
        if (!values[key]) continue;
        const std::optional<std::string> text = percent_decode(*values[key]);
        if (!text) {
            notes.add(std::string("value of '") + kKeyNames[key] + "' " + quote_for_note(*values[key]) +
                      " has malformed percent-encoding; ignored");
            continue;
        }
        decode_value(key, *text, result.state, pack, panels, notes);
    }
    return result;
}

} // namespace explainer
