// The link codec: every key, every fallback, canonical form, and round trips over many
// generated states. The pack is built here, not loaded, so these tests depend only on
// the Pack model.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/url_state.h"
#include "support/pack_builder.h"
#include "support/reader_panels.h"

namespace explainer {
namespace {

// [SECTION] Fixtures ----------------------------------------------------------------

int day(const char* iso) {
    const std::optional<int> d = parse_iso_day(iso);
    EXPECT_TRUE(d.has_value()) << iso;
    return d.value_or(0);
}

// A small pack with the kinds the codec cares about, plus ids outside the pack
// schema's [a-z0-9-] so that percent-encoding is exercised.
Pack make_pack() {
    Pack pack;
    pack.id = "link-test";
    auto add = [&](const std::string& id, EntityKind kind) { test_support::add_entity(pack, id, kind); };
    add("sinjar", EntityKind::Place);
    add("raqqa", EntityKind::Place);
    add("paris-attacks", EntityKind::Event);
    add("thamir-ismail", EntityKind::Person);
    add("jm-berger", EntityKind::Person);
    add("islamic-state", EntityKind::Organisation);
    add("quote-berger", EntityKind::Quote);
    add("odd id/&=\xC3\xA9", EntityKind::Person);
    add("100%", EntityKind::Figure);
    for (const char* id : {"p1", "p2", "p3", "p4", "p5", "p 6#"}) {
        test_support::add_paragraph(pack, id, "text");
    }
    return pack;
}

// The view a reader gets with no fragment: the region, the war's timeline, no selection.
AppState make_defaults() {
    AppState state;
    state.map = {34.5, 40.0, 4.0};
    state.timeline = TimeRange{double(day("2014-01-01")), double(day("2015-12-31"))};
    return state;
}

class UrlState : public ::testing::Test {
protected:
    Pack pack = make_pack();
    AppState defaults = make_defaults();

    DecodeResult decode(std::string_view fragment) { return decode_state(fragment, defaults, pack, test_support::kReaderPanels); }
    std::string encode(const AppState& state) { return encode_state(state, defaults); }

    // Decodes a fragment that must be clean (no notes).
    AppState decode_clean(std::string_view fragment) {
        DecodeResult result = decode(fragment);
        EXPECT_TRUE(result.ignored.empty()) << fragment << " -> first note: " << result.ignored.front();
        return result.state;
    }

    // The single note a fragment must produce, with the state it decodes to.
    std::string single_note(std::string_view fragment, AppState* state = nullptr) {
        DecodeResult result = decode(fragment);
        EXPECT_EQ(result.ignored.size(), 1u) << fragment;
        if (state) *state = result.state;
        return result.ignored.empty() ? std::string() : result.ignored.front();
    }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool same_view(const AppState& a, const AppState& b) {
    return a.selection == b.selection && a.map.lat == b.map.lat && a.map.lon == b.map.lon && a.map.zoom == b.map.zoom &&
           a.timeline == b.timeline &&
           a.time_cursor == b.time_cursor && a.article_paragraph == b.article_paragraph && a.panel == b.panel &&
           a.quote_speaker_filter == b.quote_speaker_filter;
}

// [SECTION] Encoding: each key, defaults omitted, order ------------------------------

TEST_F(UrlState, DayLimitsAreYearsMinus9999To9999) {
    EXPECT_EQ(kFirstLinkDay, days_from_civil({-9999, 1, 1}));
    EXPECT_EQ(kLastLinkDay, days_from_civil({9999, 12, 31}));
}

TEST_F(UrlState, DefaultsEncodeToTheVersionAlone) {
    EXPECT_EQ(encode(defaults), "v=1");
    AppState hovering = defaults;
    hovering.hover = "sinjar";  // hover is never linked
    EXPECT_EQ(encode(hovering), "v=1");
}

TEST_F(UrlState, EachKeyAlone) {
    AppState s = defaults;
    s.selection = "sinjar";
    EXPECT_EQ(encode(s), "v=1&sel=sinjar");

    s = defaults;
    s.map = {36.32, 41.87, 5.25};
    EXPECT_EQ(encode(s), "v=1&map=36.3200,41.8700,5.25");

    s = defaults;
    s.time_cursor = cursor_on_day(day("2015-11-13"));
    EXPECT_EQ(encode(s), "v=1&t=2015-11-13");

    s = defaults;
    s.timeline = TimeRange{double(day("2014-06-01")), double(day("2015-12-31"))};
    EXPECT_EQ(encode(s), "v=1&tl=2014-06-01..2015-12-31");

    s = defaults;
    s.article_paragraph = "p4";
    EXPECT_EQ(encode(s), "v=1&p=p4");

    s = defaults;
    s.panel = "timeline";
    EXPECT_EQ(encode(s), "v=1&tab=timeline");

    s = defaults;
    s.quote_speaker_filter = "thamir-ismail";
    EXPECT_EQ(encode(s), "v=1&who=thamir-ismail");
}

TEST_F(UrlState, AllKeysInFixedOrder) {
    AppState s = defaults;
    // Set in an order unlike the link's, to show the link order is the codec's own.
    s.quote_speaker_filter = "thamir-ismail";
    s.panel = "map";
    s.article_paragraph = "p4";
    s.timeline = TimeRange{double(day("2014-06-01")), double(day("2015-12-31"))};
    s.time_cursor = cursor_on_day(day("2015-11-13"));
    s.map = {36.32, 41.87, 5.25};
    s.selection = "sinjar";
    EXPECT_EQ(encode(s),
              "v=1&sel=sinjar&map=36.3200,41.8700,5.25&t=2015-11-13&tl=2014-06-01..2015-12-31&p=p4&tab=map&who=thamir-ismail");
}

TEST_F(UrlState, ClearedValuesAreWrittenEmpty) {
    defaults.selection = "raqqa";
    defaults.time_cursor = cursor_on_day(day("2015-01-01"));
    defaults.article_paragraph = "p2";
    defaults.quote_speaker_filter = "jm-berger";
    AppState s = defaults;
    s.selection.clear();
    s.time_cursor.reset();
    s.article_paragraph.clear();
    s.quote_speaker_filter.clear();
    EXPECT_EQ(encode(s), "v=1&sel=&t=&p=&who=");

    const AppState back = decode_clean("v=1&sel=&t=&p=&who=");
    EXPECT_TRUE(back.selection.empty());
    EXPECT_FALSE(back.time_cursor.has_value());
    EXPECT_EQ(back.article_paragraph, "p1") << "an empty p is the top of the article: its first paragraph";
    EXPECT_TRUE(back.quote_speaker_filter.empty());
}

// "p=" names the top of the article, the opening view's paragraph, so the link read back
// is written without it: one view, one link (it was written back as "p=", and changed to
// no p at all once the article had drawn).
TEST_F(UrlState, AnEmptyParagraphIsTheTopOfTheArticleAndLeftOut) {
    AppState opening = defaults;
    opening.article_paragraph = "p1";
    EXPECT_EQ(encode_state(decode_clean("v=1&sel=&p="), opening), "v=1");
    EXPECT_EQ(encode_state(decode_clean("v=1&sel=sinjar&p="), opening), "v=1&sel=sinjar");
}

TEST_F(UrlState, DifferencesBelowThePrecisionAreNotWritten) {
    AppState s = defaults;
    s.map.lat += 0.00004;
    s.map.lon -= 0.00004;
    s.map.zoom += 0.004;
    s.timeline->start_day += 0.4;
    EXPECT_EQ(encode(s), "v=1");
    s.map.zoom = defaults.map.zoom + 0.006;
    EXPECT_EQ(encode(s), "v=1&map=34.5000,40.0000,4.01");
}

TEST_F(UrlState, NumbersAreRoundedAndSigned) {
    AppState s = defaults;
    s.map = {-33.86785, -151.20732, 7.345};
    EXPECT_EQ(encode(s), "v=1&map=-33.8679,-151.2073,7.35");
    s.map = {-0.00001, 0.0, 0.0};  // rounds to zero: no "-0.0000"
    EXPECT_EQ(encode(s), "v=1&map=0.0000,0.0000,0.00");
}

TEST_F(UrlState, EncodingClampsToWhatALinkCanCarry) {
    AppState s = defaults;
    s.map = {89.0, -500.0, 42.0};
    EXPECT_EQ(encode(s), "v=1&map=85.0000,-180.0000,10.00");
    s = defaults;
    s.time_cursor = cursor_at_second(std::int64_t(2147483647) * 86400);
    EXPECT_EQ(encode(s), "v=1&t=9999-12-31T23:59:59Z");
    s.time_cursor = cursor_at_second(-std::int64_t(2147483647) * 86400);
    EXPECT_EQ(encode(s), "v=1&t=-9999-01-01T00:00Z");
}

TEST_F(UrlState, NonFiniteViewsAreLeftOut) {
    AppState s = defaults;
    s.map.lat = std::nan("");
    s.timeline->end_day = INFINITY;
    EXPECT_EQ(encode(s), "v=1");
}

TEST_F(UrlState, ShortTimelinesAreWrittenToTheMinuteAndEmptyOnesWidened) {
    AppState s = defaults;
    // Under a week, with ends off midnight: UTC date-times to the minute.
    s.timeline = TimeRange{day("2015-11-13") + 0.1, day("2015-11-13") + 0.3};
    EXPECT_EQ(encode(s), "v=1&tl=2015-11-13T02:24Z..2015-11-13T07:12Z");
    // Whole days stay dates, however short; a week or more is always dates.
    s.timeline = TimeRange{double(day("2015-11-13")), double(day("2015-11-15"))};
    EXPECT_EQ(encode(s), "v=1&tl=2015-11-13..2015-11-15");
    s.timeline = TimeRange{day("2015-11-13") + 0.4, day("2015-11-23") + 0.2};
    EXPECT_EQ(encode(s), "v=1&tl=2015-11-13..2015-11-23");
    s.timeline = TimeRange{double(day("2015-12-31")), double(day("2015-01-01"))};  // inverted
    EXPECT_EQ(encode(s), "v=1&tl=2015-12-31..2016-01-01");
    s.timeline = TimeRange{day("2015-11-13") + 0.5, day("2015-11-13") + 0.5};  // empty: a minute
    EXPECT_EQ(encode(s), "v=1&tl=2015-11-13T12:00Z..2015-11-13T12:01Z");
    s.timeline = TimeRange{1e12, 2e12};  // both past 9999-12-31
    EXPECT_EQ(encode(s), "v=1&tl=9999-12-30..9999-12-31");
}

TEST_F(UrlState, CursorsWithTimesAreWrittenInUtcAndReadWithOffsets) {
    AppState s = defaults;
    const std::int64_t nov13 = std::int64_t(day("2015-11-13")) * 86400;
    s.time_cursor = cursor_at_second(nov13 + 20 * 3600 + 16 * 60);
    EXPECT_EQ(encode(s), "v=1&t=2015-11-13T20:16Z");
    s.time_cursor = cursor_at_second(nov13 + 20 * 3600 + 16 * 60 + 30);
    EXPECT_EQ(encode(s), "v=1&t=2015-11-13T20:16:30Z");
    // A timed cursor at midnight is still a time, not the whole day.
    s.time_cursor = cursor_at_second(nov13);
    EXPECT_EQ(encode(s), "v=1&t=2015-11-13T00:00Z");
    EXPECT_EQ(decode_clean("v=1&t=2015-11-13T00:00Z").time_cursor, cursor_at_second(nov13));
    EXPECT_EQ(decode_clean("v=1&t=2015-11-13").time_cursor, cursor_on_day(day("2015-11-13")));
    // Offsets (also percent-encoded) are read and the link written back in UTC.
    EXPECT_EQ(decode_clean("v=1&t=2015-11-13T21:16+01:00").time_cursor, cursor_at_second(nov13 + 20 * 3600 + 16 * 60));
    EXPECT_EQ(decode_clean("v=1&t=2015-11-13T21:16%2B01:00").time_cursor, cursor_at_second(nov13 + 20 * 3600 + 16 * 60));
    const AppState back = decode_clean("v=1&t=2015-11-14T01:16%2B05:00&tl=2015-11-13T19:00-01:00..2015-11-13T23:30Z");
    EXPECT_EQ(encode(back), "v=1&t=2015-11-13T20:16Z&tl=2015-11-13T20:00Z..2015-11-13T23:30Z");
    // Times without an offset, impossible times and offsets out of range are refused.
    for (const char* bad : {"2015-11-13T21:16", "2015-11-13T25:00Z", "2015-11-13T21:16+15:00", "2015-11-13T24:00Z",
                            "-0000-01-01T10:00Z", "10000-01-01T10:00Z", "2015-11-13T21:16ZZ"}) {
        AppState refused;
        const std::string note = single_note(std::string("v=1&t=") + bad, &refused);
        EXPECT_TRUE(contains(note, "time cursor")) << bad;
        EXPECT_FALSE(refused.time_cursor.has_value()) << bad;
    }
    EXPECT_TRUE(contains(single_note("v=1&tl=2015-11-13T21:16..2015-11-14"), "is not a range of dates"));
    EXPECT_TRUE(contains(single_note("v=1&tl=2015-11-13T21:16Z..2015-11-13T21:16%2B01:00"), "does not start before it ends"));
}

TEST_F(UrlState, IdsArePercentEncoded) {
    AppState s = defaults;
    s.selection = "odd id/&=\xC3\xA9";
    s.article_paragraph = "p 6#";
    s.quote_speaker_filter = "odd id/&=\xC3\xA9";
    const std::string link = encode(s);
    EXPECT_EQ(link, "v=1&sel=odd%20id%2F%26%3D%C3%A9&p=p%206%23&who=odd%20id%2F%26%3D%C3%A9");
    const AppState back = decode_clean(link);
    EXPECT_EQ(back.selection, s.selection);
    EXPECT_EQ(back.article_paragraph, s.article_paragraph);
    EXPECT_EQ(back.quote_speaker_filter, s.quote_speaker_filter);

    s = defaults;
    s.selection = "100%";
    EXPECT_EQ(encode(s), "v=1&sel=100%25");
    EXPECT_EQ(decode_clean("v=1&sel=100%25").selection, "100%");
}

// [SECTION] Decoding: accepted forms ---------------------------------------------------

TEST_F(UrlState, EmptyFragmentsGiveTheDefaults) {
    for (const char* fragment : {"", "#", "v=1", "#v=1", "&&", "#v=1&&"}) {
        const DecodeResult result = decode(fragment);
        EXPECT_TRUE(same_view(result.state, defaults)) << fragment;
        EXPECT_TRUE(result.ignored.empty()) << fragment;
    }
}

TEST_F(UrlState, DecodesEveryKey) {
    const AppState s = decode_clean(
        "#v=1&sel=sinjar&map=36.3200,41.8700,5.25&t=2015-11-13&tl=2014-06-01..2015-12-31&p=p4&tab=map&who=thamir-ismail");
    EXPECT_EQ(s.selection, "sinjar");
    EXPECT_NEAR(s.map.lat, 36.32, 1e-12);
    EXPECT_NEAR(s.map.lon, 41.87, 1e-12);
    EXPECT_NEAR(s.map.zoom, 5.25, 1e-12);
    EXPECT_EQ(s.time_cursor, cursor_on_day(day("2015-11-13")));
    EXPECT_EQ(s.timeline->start_day, day("2014-06-01"));
    EXPECT_EQ(s.timeline->end_day, day("2015-12-31"));
    EXPECT_EQ(s.article_paragraph, "p4");
    EXPECT_EQ(s.panel, "map");
    EXPECT_EQ(s.quote_speaker_filter, "thamir-ismail");
}

TEST_F(UrlState, HoverComesFromTheDefaults) {
    defaults.hover = "raqqa";
    EXPECT_EQ(decode_clean("v=1&sel=sinjar").hover, "raqqa");
}

TEST_F(UrlState, KeysInAnyOrderAndHandWrittenNumbers) {
    const AppState s = decode_clean("tab=quotes&map=-1.5,2,0.5&v=1&sel=raqqa");
    EXPECT_EQ(s.selection, "raqqa");
    EXPECT_EQ(s.panel, "quotes");
    EXPECT_EQ(s.map.lat, -1.5);
    EXPECT_EQ(s.map.lon, 2.0);
    EXPECT_EQ(s.map.zoom, 0.5);
}

TEST_F(UrlState, PercentEncodedSeparatorsInValues) {
    const AppState s = decode_clean("v=1&map=1%2C2%2C3&tl=2015-01-01%2E.2015-02-01");
    EXPECT_EQ(s.map.lat, 1.0);
    EXPECT_EQ(s.map.lon, 2.0);
    EXPECT_EQ(s.map.zoom, 3.0);
    EXPECT_EQ(s.timeline->start_day, day("2015-01-01"));
    EXPECT_EQ(s.timeline->end_day, day("2015-02-01"));
}

TEST_F(UrlState, PlusIsALiteralPlus) {
    EXPECT_TRUE(contains(single_note("v=1&sel=sin+jar"), "'sin+jar'"));
}

// [SECTION] Decoding: every fallback -----------------------------------------------

TEST_F(UrlState, UnknownKeysAreIgnored) {
    AppState s;
    EXPECT_EQ(single_note("v=1&foo=bar&sel=sinjar", &s), "unknown key 'foo' ignored");
    EXPECT_EQ(s.selection, "sinjar");
    EXPECT_EQ(single_note("v=1&SEL=sinjar"), "unknown key 'SEL' ignored");
}

TEST_F(UrlState, UnknownIdsKeepTheDefaults) {
    defaults.selection = "raqqa";
    AppState s;
    EXPECT_EQ(single_note("v=1&sel=nowhere", &s), "selection 'nowhere' is not in this pack");
    EXPECT_EQ(s.selection, "raqqa");

    EXPECT_EQ(single_note("v=1&p=p99", &s), "paragraph 'p99' is not in this article");
    EXPECT_EQ(s.article_paragraph, "");

    EXPECT_EQ(single_note("v=1&who=nobody", &s), "quote speaker 'nobody' is not a person in this pack");
    EXPECT_EQ(single_note("v=1&who=sinjar", &s), "quote speaker 'sinjar' is not a person in this pack");
    EXPECT_EQ(s.quote_speaker_filter, "");
}

TEST_F(UrlState, BadPanel) {
    AppState s;
    EXPECT_EQ(single_note("v=1&tab=sidebar", &s), "panel 'sidebar' is not one of article, map, timeline, quotes");
    EXPECT_EQ(s.panel, "article");
    EXPECT_TRUE(contains(single_note("v=1&tab="), "panel '' is not one of"));
    EXPECT_TRUE(contains(single_note("v=1&tab=Map"), "panel 'Map'"));
}

TEST_F(UrlState, MapNeedsThreeNumbers) {
    for (const char* fragment : {"v=1&map=1,2", "v=1&map=1,2,3,4", "v=1&map=", "v=1&map=1", "v=1&map=1,2,3,"}) {
        AppState s;
        EXPECT_TRUE(contains(single_note(fragment, &s), "needs three numbers: lat,lon,zoom")) << fragment;
        EXPECT_EQ(s.map.lat, defaults.map.lat) << fragment;
        EXPECT_EQ(s.map.lon, defaults.map.lon) << fragment;
        EXPECT_EQ(s.map.zoom, defaults.map.zoom) << fragment;
    }
    AppState s;
    EXPECT_EQ(single_note("v=1&map=1,,3", &s), "map longitude '' is not a number");
    EXPECT_EQ(s.map.lat, 1.0);
    EXPECT_EQ(s.map.lon, defaults.map.lon);
    EXPECT_EQ(decode("v=1&map=,,").ignored.size(), 3u);
}

TEST_F(UrlState, BadMapNumberKeepsOnlyThatNumbersDefault) {
    AppState s;
    EXPECT_EQ(single_note("v=1&map=36.32,41.87,abc", &s), "map zoom 'abc' is not a number");
    EXPECT_EQ(s.map.lat, 36.32);
    EXPECT_EQ(s.map.lon, 41.87);
    EXPECT_EQ(s.map.zoom, defaults.map.zoom);
    for (const char* number : {"nan", "inf", "-inf", "1e2", "0x10", " 1", "1.", ".5", "+1", "--1", "1.2.3", "١"}) {
        const std::string fragment = std::string("v=1&map=") + number + ",0,1";
        EXPECT_TRUE(contains(single_note(fragment, &s), "map latitude")) << number;
        EXPECT_EQ(s.map.lat, defaults.map.lat) << number;
        EXPECT_EQ(s.map.lon, 0.0) << number;
    }
}

TEST_F(UrlState, OutOfRangeMapNumbersAreClamped) {
    AppState s;
    EXPECT_EQ(single_note("v=1&map=90,0,1", &s), "map latitude '90' is outside -85..85; clamped");
    EXPECT_EQ(s.map.lat, 85.0);
    // Beyond the map's closest view, which the state says, not the link's number.
    EXPECT_EQ(single_note("v=1&map=0,0,20", &s), "map zoom '20' is outside 0..10; clamped");
    EXPECT_EQ(s.map.zoom, kMaxMapZoom);
    EXPECT_TRUE(contains(single_note("v=1&map=0,0,-1", &s), "zoom"));
    EXPECT_EQ(s.map.zoom, 0.0);
    EXPECT_TRUE(contains(single_note("v=1&map=1234567890123456789012345678901,0,1", &s), "clamped"));
    EXPECT_EQ(s.map.lat, 85.0);
    // The edges themselves are inside.
    s = decode_clean("v=1&map=-85,180,10");
    EXPECT_EQ(s.map.lat, -85.0);
}

// A longitude past the antimeridian is wrapped, as the map is (190 is 170 W); it was
// clamped to 180, another view.
TEST_F(UrlState, LongitudesPastTheAntimeridianAreWrapped) {
    AppState s;
    EXPECT_EQ(single_note("v=1&map=-18,190,4", &s), "map longitude '190' is outside -180..180; wrapped to -170.0000");
    EXPECT_DOUBLE_EQ(s.map.lon, -170.0);
    EXPECT_EQ(encode_state(s, defaults), "v=1&map=-18.0000,-170.0000,4.00");
    EXPECT_EQ(single_note("v=1&map=0,-180.5,1", &s), "map longitude '-180.5' is outside -180..180; wrapped to 179.5000");
    EXPECT_DOUBLE_EQ(s.map.lon, 179.5);
    single_note("v=1&map=0,540,1", &s);
    EXPECT_DOUBLE_EQ(std::fabs(s.map.lon), 180.0);
    single_note("v=1&map=0,-730.25,1", &s);
    EXPECT_DOUBLE_EQ(s.map.lon, -10.25);
    single_note("v=1&map=0,1234567890123456789012345678901,1", &s);
    EXPECT_GE(s.map.lon, -180.0);
    EXPECT_LE(s.map.lon, 180.0);
}

TEST_F(UrlState, LongDecimalsAreRead) {
    const AppState s = decode_clean("v=1&map=36.123456789012345678,0.000000000000000000001,1");
    EXPECT_NEAR(s.map.lat, 36.123456789012345678, 1e-12);
    EXPECT_NEAR(s.map.lon, 0.0, 1e-12);
}

TEST_F(UrlState, BadTimeCursor) {
    defaults.time_cursor = cursor_on_day(day("2015-01-01"));
    for (const char* value : {"yesterday", "2015-02-30", "2015-13-01", "-0000-01-01", "-10000-01-01", "15-11-13", "2015-11-13T00:00"}) {
        AppState s;
        const std::string note = single_note(std::string("v=1&t=") + value, &s);
        EXPECT_TRUE(contains(note, "time cursor")) << value;
        EXPECT_EQ(s.time_cursor, defaults.time_cursor) << value;
    }
    EXPECT_EQ(decode_clean("v=1&t=-9999-01-01").time_cursor, cursor_on_day(kFirstLinkDay));
    EXPECT_EQ(decode_clean("v=1&t=9999-12-31").time_cursor, cursor_on_day(kLastLinkDay));
    EXPECT_EQ(decode_clean("v=1&t=2016-02-29").time_cursor, cursor_on_day(day("2016-02-29")));
}

TEST_F(UrlState, BadTimeline) {
    for (const char* value : {"2015-01-01", "2015-01-01..", "..2015-01-01", "2015-01-01...2015-02-01",
                              "2015-01-01..2015-02-30", "2015-01-01..2015-01-01", "2015-02-01..2015-01-01",
                              "-10000-12-31..2015-01-01", "-0043-03-15..-0043-03-15"}) {
        AppState s;
        const std::string note = single_note(std::string("v=1&tl=") + value, &s);
        EXPECT_TRUE(contains(note, "timeline")) << value;
        EXPECT_EQ(s.timeline->start_day, defaults.timeline->start_day) << value;
        EXPECT_EQ(s.timeline->end_day, defaults.timeline->end_day) << value;
    }
    EXPECT_TRUE(contains(single_note("v=1&tl=2015-02-01..2015-01-01"), "does not start before it ends"));
}

TEST_F(UrlState, DuplicateKeysLastWins) {
    AppState s;
    EXPECT_EQ(single_note("v=1&sel=sinjar&sel=raqqa&sel=paris-attacks", &s),
              "key 'sel' appears more than once; the last one is used");
    EXPECT_EQ(s.selection, "paris-attacks");
    // The last value wins even when it is the bad one.
    DecodeResult r = decode("v=1&sel=raqqa&sel=nowhere");
    EXPECT_EQ(r.ignored.size(), 2u);
    EXPECT_EQ(r.state.selection, defaults.selection);
}

TEST_F(UrlState, MalformedPercentEncoding) {
    for (const char* value : {"sin%jar", "sinjar%", "sinjar%4", "%G1", "%%41"}) {
        AppState s;
        const std::string note = single_note(std::string("v=1&sel=") + value, &s);
        EXPECT_TRUE(contains(note, "malformed percent-encoding")) << value << ": " << note;
        EXPECT_EQ(s.selection, defaults.selection);
    }
    AppState s;
    EXPECT_TRUE(contains(single_note("v=1&s%zel=x&sel=sinjar", &s), "malformed percent-encoding"));
    EXPECT_EQ(s.selection, "sinjar");
    // An encoded key is still that key.
    EXPECT_EQ(decode_clean("v=1&s%65l=sinjar").selection, "sinjar");
}

TEST_F(UrlState, KeyWithoutValue) {
    AppState s;
    EXPECT_TRUE(contains(single_note("v=1&sel&tab=map", &s), "key 'sel' has no value"));
    EXPECT_EQ(s.panel, "map");
}

TEST_F(UrlState, Versions) {
    AppState s;
    EXPECT_EQ(single_note("v=2&sel=sinjar", &s),
              "link version '2' is newer than this explainer (version 1); only the keys it knows were read");
    EXPECT_EQ(s.selection, "sinjar");  // what version 1 understands is still read
    EXPECT_TRUE(contains(single_note("v=abc&sel=sinjar"), "link version 'abc' is not understood"));
    EXPECT_TRUE(contains(single_note("v=0"), "not understood"));
    EXPECT_TRUE(contains(single_note("v=&sel=sinjar"), "not understood"));
    EXPECT_EQ(single_note("sel=sinjar", &s), "link has no version (v=1); read as version 1");
    EXPECT_EQ(s.selection, "sinjar");
    EXPECT_EQ(decode_clean("v=%31&sel=sinjar").selection, "sinjar");
}

// A link whose keys are all unknown (or have no value, or a broken name) has no version
// either, and says so as one with a known key does: `#foo=1` said only that 'foo' was unknown.
// Nothing, or the version alone, needs no note about it.
TEST_F(UrlState, AnyKeyButTheVersionMakesALinkThatSaysItHasNoVersion) {
    const std::string no_version = "link has no version (v=1); read as version 1";
    using Notes = std::vector<std::string>;
    EXPECT_EQ(decode("foo=1").ignored, (Notes{"unknown key 'foo' ignored", no_version}));
    EXPECT_EQ(decode("#x=2&y=3").ignored, (Notes{"unknown key 'x' ignored", "unknown key 'y' ignored", no_version}));
    EXPECT_EQ(decode("sel").ignored, (Notes{"key 'sel' has no value (sel=...); ignored", no_version}));
    EXPECT_EQ(decode("%ZZ=1").ignored, (Notes{"key '%ZZ' has malformed percent-encoding; ignored", no_version}));
    EXPECT_EQ(decode("v").ignored, (Notes{"key 'v' has no value (v=...); ignored"}));
    EXPECT_EQ(decode("v=1&foo=1").ignored, (Notes{"unknown key 'foo' ignored"}));
    EXPECT_TRUE(decode("").ignored.empty());
    EXPECT_TRUE(decode("#&&").ignored.empty());
}

TEST_F(UrlState, OverlongInputIsCutAt4096Bytes) {
    std::string link = "v=1&sel=sinjar&x=";
    link.append(kMaxLinkBytes, 'a');
    link += "&tab=map";
    DecodeResult r = decode(link);
    EXPECT_EQ(r.state.selection, "sinjar");
    EXPECT_EQ(r.state.panel, "article");  // beyond the cut
    ASSERT_EQ(r.ignored.size(), 1u);           // the cut-off pair "x=aaa..." is dropped, not reported unknown
    EXPECT_TRUE(contains(r.ignored[0], "longer than 4096 bytes"));

    // A pair that ends exactly at the cut is complete and is read.
    std::string exact = "v=1&p=p1";
    exact.append(kMaxLinkBytes - exact.size() - 10, '&');
    exact += "tab=quotes";
    ASSERT_EQ(exact.size(), kMaxLinkBytes);
    r = decode("#" + exact + "&sel=sinjar");
    EXPECT_EQ(r.state.panel, "quotes");
    EXPECT_EQ(r.state.article_paragraph, "p1");
    EXPECT_EQ(r.state.selection, defaults.selection);  // beyond the cut
    EXPECT_EQ(r.ignored.size(), 1u);
}

TEST_F(UrlState, NotesAreBoundedAndSafe) {
    std::string link = "v=1";
    for (int i = 0; i < 1000; ++i) link += "&k" + std::to_string(i) + "=1";
    DecodeResult r = decode(link);
    ASSERT_EQ(r.ignored.size(), kMaxLinkNotes);
    EXPECT_EQ(r.ignored.back(), "more problems in this link were not listed");

    std::string hostile = "v=1&sel=%0A%1B[31m%00";
    hostile.append(3000, 'x');
    r = decode(hostile);
    ASSERT_EQ(r.ignored.size(), 1u);
    EXPECT_LT(r.ignored[0].size(), 120u);
    for (char c : r.ignored[0]) EXPECT_TRUE(c >= 0x20 && c < 0x7F) << int(c);
    EXPECT_TRUE(contains(r.ignored[0], "%0A%1B[31m%00"));
}

// [SECTION] Round trips ------------------------------------------------------------

TEST_F(UrlState, CanonicalLinksAreReproduced) {
    defaults.selection = "raqqa";
    defaults.time_cursor = cursor_on_day(day("2015-11-13"));
    const char* links[] = {
        "v=1",
        "v=1&sel=sinjar",
        "v=1&sel=",
        "v=1&t=",
        "v=1&map=0.0000,0.0000,0.00",
        "v=1&map=-85.0000,180.0000,10.00",
        "v=1&map=36.3200,41.8700,5.25&t=2015-11-14",
        "v=1&t=0001-01-01&tl=0001-01-01..9999-12-31",
        "v=1&t=-0043-03-15&tl=-9999-01-01..9999-12-31",
        "v=1&t=-0043-03-15T10:00Z&tl=-0043-01-01..0014-08-19",
        "v=1&tl=-0043-03-15T09:00Z..-0043-03-15T12:30Z",
        "v=1&tl=2015-11-13..2015-11-14&p=p%206%23",
        "v=1&sel=odd%20id%2F%26%3D%C3%A9&tab=quotes&who=jm-berger",
        "v=1&sel=sinjar&map=36.3200,41.8700,5.25&t=2015-11-12&tl=2014-06-01..2015-12-31&p=p4&tab=map&who=thamir-ismail",
    };
    for (const char* link : links) {
        const AppState s = decode_clean(link);
        EXPECT_EQ(encode(s), link);
        EXPECT_EQ(encode_state(decode_clean(std::string("#") + link), defaults), link);
    }
}

TEST_F(UrlState, NonCanonicalLinksBecomeCanonical) {
    EXPECT_EQ(encode(decode_clean("tab=map&v=1&sel=sinjar")), "v=1&sel=sinjar&tab=map");
    EXPECT_EQ(encode(decode_clean("v=1&map=36.32,41.87,5.25")), "v=1&map=36.3200,41.8700,5.25");
    EXPECT_EQ(encode(decode_clean("v=1&map=34.5,40,4")), "v=1");  // the defaults, spelled out
    EXPECT_EQ(encode(decode_clean("v=1&sel=%73injar")), "v=1&sel=sinjar");
}

// A PRNG whose sequence the standard fixes (mt19937), mapped to values by hand because
// the standard distributions differ between library implementations.
class Generator {
public:
    explicit Generator(std::uint32_t seed) : engine_(seed) {}
    double unit() { return double(engine_()) / 4294967296.0; }
    double between(double low, double high) { return low + (high - low) * unit(); }
    std::size_t below(std::size_t n) { return std::size_t(engine_() % n); }
    bool chance(double p) { return unit() < p; }

private:
    std::mt19937 engine_;
};

AppState random_state(Generator& g, const Pack& pack) {
    // No empty paragraph: "p=" reads as the first (the top of the article), its one link.
    std::vector<std::string> ids = {""}, people = {""}, paragraphs;
    for (const Entity& e : pack.entities) {
        ids.push_back(e.id);
        if (e.kind == EntityKind::Person) people.push_back(e.id);
    }
    for (const Paragraph& p : pack.article.paragraphs) paragraphs.push_back(p.id);

    AppState s;
    s.selection = ids[g.below(ids.size())];
    s.map = {g.between(-85, 85), g.between(-180, 180), g.between(0, kLinkMaxZoom)};
    if (g.chance(0.1)) s.map.lat = g.chance(0.5) ? -85.0 : 85.0;
    if (g.chance(0.1)) s.map.zoom = g.chance(0.5) ? 0.0 : kLinkMaxZoom;
    if (g.chance(0.3)) s.time_cursor = cursor_on_day(int(g.between(kFirstLinkDay, kLastLinkDay + 1.0)));
    else if (g.chance(0.5)) s.time_cursor = cursor_at_second(std::int64_t(g.between(kFirstLinkDay, kLastLinkDay + 1.0)) * 86400 + std::int64_t(g.between(0, 86399)));
    const double start = g.chance(0.5) ? g.between(kFirstLinkDay, kLastLinkDay - 1) : g.between(15000, 17000);
    const double span = g.chance(0.5) ? g.between(1, 3000) : double(1 + g.below(40));
    s.timeline = TimeRange{start, std::min(start + span, double(kLastLinkDay))};
    if (g.chance(0.5)) s.timeline = TimeRange{std::round(s.timeline->start_day), std::round(s.timeline->end_day)};
    s.article_paragraph = paragraphs[g.below(paragraphs.size())];
    s.panel = test_support::kReaderPanels[g.below(4)];
    s.quote_speaker_filter = people[g.below(people.size())];
    return s;
}

TEST_F(UrlState, GeneratedStatesSurviveTheRoundTrip) {
    Generator g(20151113);
    for (int i = 0; i < 5000; ++i) {
        // Half the time against random defaults, so that each key is sometimes left out.
        const AppState base = g.chance(0.5) ? defaults : random_state(g, pack);
        AppState s = random_state(g, pack);
        if (g.chance(0.3)) s.selection = base.selection;
        if (g.chance(0.3)) s.map = base.map;
        if (g.chance(0.3)) s.timeline = base.timeline;

        const std::string link = encode_state(s, base);
        const DecodeResult decoded = decode_state(link, base, pack, test_support::kReaderPanels);
        ASSERT_TRUE(decoded.ignored.empty()) << link << ": " << decoded.ignored.front();
        const AppState& back = decoded.state;
        EXPECT_EQ(back.selection, s.selection) << link;
        EXPECT_NEAR(back.map.lat, s.map.lat, 0.5e-4 + 1e-9) << link;
        EXPECT_NEAR(back.map.lon, s.map.lon, 0.5e-4 + 1e-9) << link;
        EXPECT_NEAR(back.map.zoom, s.map.zoom, 0.5e-2 + 1e-9) << link;
        EXPECT_EQ(back.time_cursor, s.time_cursor) << link;
        EXPECT_NEAR(back.timeline->start_day, s.timeline->start_day, 0.5 + 1e-9) << link;
        // The end may move by up to a day more when a sub-day span is widened.
        EXPECT_NEAR(back.timeline->end_day, s.timeline->end_day, s.timeline->end_day - s.timeline->start_day < 1 ? 1.5 : 0.5 + 1e-9)
            << link;
        EXPECT_EQ(back.article_paragraph, s.article_paragraph) << link;
        EXPECT_EQ(back.panel, s.panel) << link;
        EXPECT_EQ(back.quote_speaker_filter, s.quote_speaker_filter) << link;
        EXPECT_EQ(encode_state(back, base), link) << "the link of a decoded link is that link";
        if (testing::Test::HasFailure()) break;
    }
}

} // namespace
} // namespace explainer
