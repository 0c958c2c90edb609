// load_pack(): the real packs load cleanly and resolve every mention to its text; each
// kind of authoring error gives its message at the right place.
//
// Index
// - [SECTION] Helpers
// - [SECTION] The shipped packs
// - [SECTION] Broken fixtures
// - [SECTION] Syntax errors and limits
// - [SECTION] Shape and meaning errors
// - [SECTION] Selectors
// - [SECTION] Characters and scripts
// - [SECTION] Formatting and lookups
// - [SECTION] Facts of record: corrections, expected events, regions, sources
#include "core/draft.h"
#include "core/pack.h"

#include <gtest/gtest.h>

#include <span>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/source_files.h"

#include "core/citations.h"
#include "core/dates.h"
#include "core/geo.h"
#include "core/relative_dates.h"

namespace explainer {
namespace {

using json = nlohmann::json;

// [SECTION] Helpers ----------------------------------------------------------------

using test_support::read_source_file;

LoadResult load_source_file(const std::string& relative) { return load_pack(read_source_file(relative), relative); }

std::string all_messages(const LoadResult& r) {
    std::string out;
    for (const Diagnostic& d : r.errors) out += format_diagnostic(d) + "\n";
    return out;
}

int day(const char* iso) { return parse_iso_day(iso).value_or(-1); }

// The smallest valid pack: one paragraph, a place, a person and an event.
json minimal_pack() {
    return json::parse(R"({
      "format": "explainer-pack/1",
      "id": "unit-test",
      "title": "Unit test",
      "allowedOrigins": [],
      "article": {
        "headline": "Unit test",
        "source": "Explainer unit test",
        "published": {"iso": "2015-11-18"},
        "paragraphs": [
          {"id": "p1", "text": "President Abraham Lincoln spoke at Gettysburg in November 1863. Gettysburg is a town in Pennsylvania."}
        ]
      },
      "entities": [
        {"id": "gettysburg", "kind": "place", "name": "Gettysburg", "description": "Town.",
         "location": {"lat": 39.8296, "lon": -77.2312},
         "citations": [{"publication": "Historical Markers of the World", "date": "2022-06-29"}],
         "mentions": [{"paragraph": "p1", "exact": "Gettysburg", "occurrence": 1}]},
        {"id": "abraham-lincoln", "kind": "person", "name": "Abraham Lincoln", "description": "President.",
         "mentions": [{"paragraph": "p1", "exact": "President Abraham Lincoln"}]},
        {"id": "address", "kind": "event", "name": "Address", "description": "Lincoln speaks.",
         "date": {"relative": "in November 1863"}, "places": ["gettysburg"], "participants": ["abraham-lincoln"],
         "mentions": [{"paragraph": "p1", "exact": "spoke"}]}
      ]
    })");
}

LoadResult load_json(const json& pack) { return load_pack(pack.dump(2), "unit.json"); }

// Expects exactly one error, at `path`, whose message contains `text`.
void expect_single_error(const LoadResult& r, const std::string& path, const std::string& text) {
    ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
    EXPECT_FALSE(r.pack.has_value());
    EXPECT_EQ(r.errors[0].path, path) << all_messages(r);
    EXPECT_NE(r.errors[0].message.find(text), std::string::npos) << "message: " << r.errors[0].message << "\nwanted: " << text;
}

bool has_error(const LoadResult& r, const std::string& path, const std::string& text) {
    for (const Diagnostic& d : r.errors)
        if (d.path == path && d.message.find(text) != std::string::npos) return true;
    return false;
}

// Every mention must cover exactly its `exact` text, with its prefix and suffix around it.
void expect_mentions_resolve(const Pack& pack) {
    std::size_t count = 0;
    for (const Entity& e : pack.entities) {
        for (const Mention& m : e.mentions) {
            ++count;
            ASSERT_LT(m.paragraph_index, pack.article.paragraphs.size());
            const Paragraph& p = pack.article.paragraphs[m.paragraph_index];
            EXPECT_EQ(p.id, m.paragraph) << e.id;
            ASSERT_LE(m.end, p.text.size()) << e.id;
            EXPECT_EQ(m.end - m.begin, m.exact.size()) << e.id;
            EXPECT_EQ(p.text.substr(m.begin, m.end - m.begin), m.exact) << e.id;
            ASSERT_GE(m.begin, m.prefix.size()) << e.id;
            EXPECT_EQ(p.text.substr(m.begin - m.prefix.size(), m.prefix.size()), m.prefix) << e.id;
            EXPECT_EQ(p.text.substr(m.end, m.suffix.size()), m.suffix) << e.id;
        }
    }
    EXPECT_GT(count, 0u);
}

// [SECTION] The shipped packs ------------------------------------------------------

TEST(Pack, SeedPackLoadsWithoutErrors) {
    const LoadResult r = load_source_file("content/isis-losing-ground.json");
    ASSERT_TRUE(r.errors.empty()) << all_messages(r);
    ASSERT_TRUE(r.pack.has_value());
    expect_mentions_resolve(*r.pack);
    for (std::size_t i = 0; i < r.pack->entities.size(); ++i) EXPECT_EQ(r.pack->index_of(r.pack->entities[i].id), i);
}

TEST(Pack, SeedPackArticleFollowsTheSource) {
    const LoadResult r = load_source_file("content/isis-losing-ground.json");
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    const Article& a = r.pack->article;
    EXPECT_EQ(a.headline, "ISIS is losing ground. Will that mean more attacks overseas?");
    EXPECT_EQ(a.source, "The Washington Post");
    ASSERT_EQ(a.paragraphs.size(), 11u);
    EXPECT_EQ(a.paragraphs.front().text.rfind("Just hours after his men", 0), 0u) << "the blog's lead-in is dropped";
    EXPECT_EQ(a.paragraphs.back().link_text, "Continue reading\xE2\x80\xA6");
    EXPECT_EQ(a.paragraphs.back().link_url, "http://warincontext.org/2015/11/19/isis-is-losing-ground-will-that-mean-more-attacks-overseas/");
    for (const Paragraph& p : a.paragraphs) {
        EXPECT_EQ(p.text.find("Print Friendly"), std::string::npos);
        EXPECT_EQ(p.text.find("[Continue reading"), std::string::npos);
    }
    // Published between Monday 16 and Thursday 19 November 2015 (see content/README.md).
    EXPECT_EQ(a.published.start_day, day("2015-11-16"));
    EXPECT_EQ(a.published.end_day, day("2015-11-19"));
    EXPECT_TRUE(a.published.approximate);
}

TEST(Pack, SeedPackDatesResolveFromTheArticlesWords) {
    const LoadResult r = load_source_file("content/isis-losing-ground.json");
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    const Pack& pack = *r.pack;
    const auto date_of = [&](const char* id) {
        const Entity* e = pack.find(id);
        EXPECT_TRUE(e && e->date) << id;
        return e && e->date ? *e->date : DateSpan{};
    };
    // "last week" from 16-19 November is 9-15 November; the cited day must lie in it.
    const DateSpan sinjar = date_of("sinjar-recapture");
    EXPECT_EQ(sinjar.start_day, day("2015-11-13"));
    EXPECT_EQ(sinjar.end_day, day("2015-11-13"));
    EXPECT_EQ(sinjar.phrase, "last week");
    EXPECT_EQ(date_of("paris-attacks").start_day, day("2015-11-13"));
    // "in October", refined by the day the recapture was announced (cited).
    const DateSpan october = date_of("baiji-refinery-recapture");
    EXPECT_EQ(october.start_day, day("2015-10-16"));
    EXPECT_EQ(october.end_day, day("2015-10-16"));
    EXPECT_EQ(october.phrase, "in October");
    const DateSpan recent = date_of("ramadi-encirclement");
    EXPECT_EQ(recent.start_day, day("2015-08-16"));
    EXPECT_EQ(recent.end_day, day("2015-11-19"));
    EXPECT_TRUE(recent.approximate);
    const DateSpan peak = date_of("islamic-state-peak");
    EXPECT_EQ(peak.start_day, day("2014-01-01"));
    EXPECT_EQ(peak.end_day, day("2014-12-31"));
}

TEST(Pack, SeedPackEntitiesAreSourcedAndConnected) {
    const LoadResult r = load_source_file("content/isis-losing-ground.json");
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    const Pack& pack = *r.pack;
    std::set<std::string> speakers;
    for (const Entity& e : pack.entities) {
        if (e.kind == EntityKind::Place) {
            // Countries and regions are drawn as their shapes; everything else has a cited point.
            const bool shape = !e.country.empty() || !e.countries.empty();
            EXPECT_NE(e.location.has_value(), shape) << e.id;
            if (e.location) EXPECT_FALSE(e.citations.empty()) << e.id << ": coordinates need a source";
        }
        if (e.context) {
            EXPECT_FALSE(e.citations.empty()) << e.id;
        }
        if (e.kind == EntityKind::Quote) {
            const Entity* speaker = pack.find(e.speaker);
            ASSERT_NE(speaker, nullptr) << e.id;
            EXPECT_EQ(speaker->kind, EntityKind::Person) << e.id;
            speakers.insert(e.speaker);
            bool verbatim = false;
            for (const Mention& m : e.mentions) verbatim |= pack.article.paragraphs[m.paragraph_index].text.find(e.text) != std::string::npos;
            EXPECT_TRUE(verbatim) << e.id;
        }
    }
    EXPECT_EQ(speakers, (std::set<std::string>{"jm-berger", "is-sympathizer", "thamir-ismail"}));
    const Entity* sympathizer = pack.find("is-sympathizer");
    ASSERT_NE(sympathizer, nullptr);
    EXPECT_TRUE(sympathizer->anonymous);
    EXPECT_EQ(sympathizer->place, "turkey");
    const std::pair<const char*, const char*> countries[] = {{"iraq", "368"}, {"syria", "760"}, {"turkey", "792"}, {"france", "250"}};
    for (const auto& [id, code] : countries) {
        ASSERT_NE(pack.find(id), nullptr) << id;
        EXPECT_EQ(pack.find(id)->country, code) << id;
    }
    // Latitude and longitude are not swapped on the way in.
    const Entity* sinjar = pack.find("sinjar");
    ASSERT_TRUE(sinjar && sinjar->location);
    EXPECT_DOUBLE_EQ(sinjar->location->lat, 36.3209);  // GeoNames 448149
    EXPECT_DOUBLE_EQ(sinjar->location->lon, 41.87656);
    const Entity* paris = pack.find("paris");
    ASSERT_TRUE(paris && paris->location);
    EXPECT_GT(paris->location->lat, 48.0);
    EXPECT_LT(paris->location->lon, 3.0);
    const Entity* distance = pack.find("figure-distance");
    ASSERT_TRUE(distance && distance->check);
    EXPECT_EQ(distance->check->from, "sinjar");
    EXPECT_EQ(distance->check->to, "paris");
    EXPECT_EQ(distance->check->stated_value, 2500);
    EXPECT_EQ(distance->check->stated_unit, "mi");
}

TEST(Pack, SecondPackLoadsWithoutErrors) {
    const LoadResult r = load_source_file("tests/packs/second-pack.json");
    ASSERT_TRUE(r.errors.empty()) << all_messages(r);
    ASSERT_TRUE(r.pack.has_value());
    expect_mentions_resolve(*r.pack);
    EXPECT_EQ(r.pack->allowed_origins, std::vector<std::string>{"https://news.example.org"});
    // A cited exact date inside the article's own words: kept, with the phrase.
    const Entity* battle = r.pack->find("battle-of-gettysburg");
    ASSERT_TRUE(battle && battle->date);
    EXPECT_EQ(battle->date->start_day, day("1863-07-01"));
    EXPECT_EQ(battle->date->end_day, day("1863-07-03"));
    EXPECT_EQ(battle->date->phrase, "in July 1863");
    EXPECT_EQ(r.pack->find("figure-distance")->check->stated_unit, "km");
}

// [SECTION] Broken fixtures --------------------------------------------------------

struct BrokenCase {
    const char* file;
    const char* path;     // JSON Pointer ("" for syntax errors)
    const char* message;  // a part of the message
    int line = 0, column = 0;  // of the broken text, or of the value the pointer names
};

class BrokenFixture : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenFixture, GivesItsErrorAtItsPlace) {
    enable_author_checks();  // each fixture's error as the validator gives it
    const BrokenCase& c = GetParam();
    const LoadResult r = load_source_file(std::string("tests/packs/broken/") + c.file);
    ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
    EXPECT_FALSE(r.pack.has_value());
    const Diagnostic& d = r.errors[0];
    EXPECT_EQ(d.path, c.path);
    EXPECT_NE(d.message.find(c.message), std::string::npos) << d.message;
    EXPECT_EQ(d.line, c.line);
    EXPECT_EQ(d.column, c.column);
    EXPECT_EQ(d.file, std::string("tests/packs/broken/") + c.file);
}

INSTANTIATE_TEST_SUITE_P(
    Pack, BrokenFixture,
    ::testing::Values(
        BrokenCase{"malformed.json", "", "expected ',' or '}' after object member, found \"allowedOrigins\"", 5, 3},
        BrokenCase{"unknown-id.json", "/entities/2/participants/0",
                   "refers to unknown entity id \"abraham-lincon\" (did you mean \"abraham-lincoln\"?)", 71, 9},
        BrokenCase{"day-31-november.json", "/entities/2/date/iso", "date \"1863-11-31\": November 1863 has 30 days", 65, 16},
        BrokenCase{"curly-quotes.json", "", "found '\xE2\x80\x9C' (a curly quotation mark): JSON strings and keys need straight double quotes", 25, 22},
        BrokenCase{"mention-decomposed.json", "/entities/2/mentions/1/exact", "written with different Unicode forms", 80, 20},
        BrokenCase{"wrong-kind.json", "/entities/2/participants/0",
                   "a participant must be a person or an organisation, but \"gettysburg\" is a place", 71, 9},
        BrokenCase{"selector-zero.json", "/entities/1/mentions/0/exact", "\"President Lincoln\" does not occur in paragraph \"p1\"", 55, 20},
        BrokenCase{"selector-twice.json", "/entities/0/mentions/0",
                   "\"Gettysburg\" matches 2 times in paragraph \"p1\"; add a prefix, suffix or occurrence", 39, 9},
        BrokenCase{"bad-date.json", "/entities/2/date/iso", "not an ISO 8601 date: \"19 November 1863\"", 65, 16},
        BrokenCase{"time-no-offset.json", "/entities/2/date/iso", "time \"1863-11-19T14:00\": a time needs its UTC offset", 65, 16},
        BrokenCase{"time-impossible.json", "/entities/2/date/iso", "time \"1863-11-19T25:61-05:00\": hours are 00-23, minutes and seconds 00-59", 65, 16},
        BrokenCase{"time-offset-out-of-range.json", "/entities/2/date/iso", "time \"1863-11-19T14:00-15:00\": UTC offsets run from -12:00 to +14:00", 65, 16},
        BrokenCase{"date-year-out-of-range.json", "/entities/2/date/iso", "date \"10000-11-19\": years run from -9999 to 9999", 65, 16},
        BrokenCase{"lat-out-of-range.json", "/entities/0/location/lat", "latitude 139.8296 is outside [-90, 90]", 27, 16},
        BrokenCase{"number-overflow.json", "", "at /entities/0/location/lat: the number 1e400 is too large: a number must lie within", 27, 16},
        BrokenCase{"context-no-citation.json", "/entities/1/context", "a context entity needs at least one citation", 58, 18},
        BrokenCase{"unknown-key.json", "/entities/1/rol", "unknown key \"rol\" in a person (did you mean \"role\"?)", 57, 14},
        BrokenCase{"script-syriac.json", "/entities/0/aliases/0",
                   "uses the Syriac script (U+0713), which the explainer cannot draw yet; packs may use Latin, Greek, Cyrillic, "
                   "Armenian, Georgian, Ethiopic, Cherokee, Canadian syllabics, Tifinagh, Hebrew, Arabic, and Chinese, Japanese "
                   "and Korean (Han, kana and Hangul)", 46, 9},
        BrokenCase{"script-thai.json", "/article/paragraphs/0/text", "uses the Thai script (U+0E20)", 16, 17},
        BrokenCase{"wrong-type.json", "/entities/1/anonymous", "expected true or false, found a string", 58, 20},
        BrokenCase{"duplicate-id.json", "/entities/3/id", "duplicate id \"gettysburg\" (first used at /entities/0)", 81, 13},
        BrokenCase{"bad-relative.json", "/entities/2/date/relative", "unknown relative date \"the other day\"; write one of \"today\",", 65, 21}),
    [](const ::testing::TestParamInfo<BrokenCase>& info) {
        std::string name = info.param.file;
        name = name.substr(0, name.find('.'));
        for (char& c : name) c = c == '-' ? '_' : c;
        return name;
    });

TEST(Pack, MinimalPackIsValid) {
    const LoadResult r = load_json(minimal_pack());
    ASSERT_TRUE(r.errors.empty()) << all_messages(r);
    EXPECT_EQ(r.pack->find("address")->date->start_day, day("1863-11-01"));
}

// [SECTION] Times of day ------------------------------------------------------------

TEST(Pack, TimesOfDayLoadAsInstantsWithTheirOffset) {
    json pack = minimal_pack();
    pack["entities"][2]["date"] = {{"iso", "1863-11-19T14:00-05:00/1863-11-19T16:30:15-05:00"}};
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.errors.empty()) << all_messages(r);
    const DateSpan& d = *r.pack->find("address")->date;
    ASSERT_TRUE(d.times.has_value());
    const std::int64_t midnight = std::int64_t(day("1863-11-19")) * kSecondsPerDay;
    EXPECT_EQ(d.times->start.utc_second, midnight + 19 * 3600);            // 14:00 at UTC-5 is 19:00Z
    EXPECT_EQ(d.times->end.utc_second, midnight + 21 * 3600 + 30 * 60 + 15);
    EXPECT_EQ(d.times->start.offset_minutes, -300);
    EXPECT_EQ(d.start_day, day("1863-11-19"));  // the local day as written
    EXPECT_EQ(d.end_day, day("1863-11-19"));
    EXPECT_DOUBLE_EQ(span_start_days(d), day("1863-11-19") + 19.0 / 24);
    // A single moment, in UTC: starts and ends at the instant.
    pack["entities"][2]["date"] = {{"iso", "1863-11-19T23:30Z"}};
    const LoadResult z = load_json(pack);
    ASSERT_TRUE(z.errors.empty()) << all_messages(z);
    EXPECT_EQ(z.pack->find("address")->date->times->start, z.pack->find("address")->date->times->end);
    EXPECT_EQ(z.pack->find("address")->date->times->start.offset_minutes, 0);
}

// An event's "iso" that is refused, and the words its one error must hold.
struct DateCase {
    const char* iso;
    const char* message;
};

void expect_date_errors(std::span<const DateCase> cases) {
    for (const DateCase& c : cases) {
        json pack = minimal_pack();
        pack["entities"][2]["date"] = {{"iso", c.iso}};
        SCOPED_TRACE(c.iso);
        expect_single_error(load_json(pack), "/entities/2/date/iso", c.message);
    }
}

TEST(Pack, BadTimesNameTheRule) {
    const DateCase cases[] = {
        {"1863-11-19T14:00", "a time needs its UTC offset"},
        {"1863-11-19T14:00:30", "a time needs its UTC offset"},
        {"1863-11-19T24:00Z", "hours are 00-23"},
        {"1863-11-19T23:60Z", "minutes and seconds 00-59"},
        {"1863-11-19T23:59:60Z", "minutes and seconds 00-59"},
        {"1863-11-19T14:00+14:30", "UTC offsets run from -12:00 to +14:00"},
        {"1863-11-19T14:00-12:01", "UTC offsets run from -12:00 to +14:00"},
        {"1863-11-19T14:00+01:60", "UTC offsets run from -12:00 to +14:00"},
        {"1863-02-30T14:00Z", "February 1863 has 28 days"},
        {"12000-01-01T10:00Z", "years run from -9999 to 9999"},
        {"-10000-01-01", "years run from -9999 to 9999"},
        {"-44-03-15", "-0043 is 44 BC"},
        {"+2015-11-19", "years run from -9999 to 9999"},
        {"-0000-11-19", "0000 is 1 BC"},
        {"-0043-02-29", "44 BC is not a leap year: February 44 BC has 28 days"},
        {"-0044-02-30T10:00Z", "February 45 BC has 29 days"},
        {"1863-11-19T14Z", "a time is written"},
        {"1863-11-19T14:00+0100", "a time is written"},
        {"1863-11-19/1863-11-20T10:00Z", "mixes a date and a time"},
        {"1863-11-19T16:00Z/1863-11-19T15:00Z", "ends before it starts"},
    };
    expect_date_errors(cases);
    // Offsets only order instants: 10:00+02:00 is before 09:30Z.
    json pack = minimal_pack();
    pack["entities"][2]["date"] = {{"iso", "1863-11-19T10:00+02:00/1863-11-19T09:30Z"}};
    EXPECT_TRUE(load_json(pack).errors.empty());
}

// "c. 1600", "~1600", "1600s": an approximate year written as an author would say it is
// refused with how to write it, the year in ISO and "approximate": true (the message
// listed only the ISO forms, none of which says "around": an outside tester's trial).
TEST(Pack, ApproximateYearsInWordsSayHowToWriteThem) {
    const std::string approximate = ": write the year as \"1600\" and add \"approximate\": true beside \"iso\"";
    const std::string c1600 = "not an ISO 8601 date: \"c. 1600\"" + approximate;
    const std::string tilde = "\"~1600\"" + approximate, circa = "\"circa 1600\"" + approximate;
    const std::string about = "\"About 1600\"" + approximate, ca = "\"ca. 1600\"" + approximate, question = "\"1600?\"" + approximate;
    const DateCase cases[] = {
        {"c. 1600", c1600.c_str()},
        {"~1600", tilde.c_str()},
        {"circa 1600", circa.c_str()},
        {"About 1600", about.c_str()},
        {"ca. 1600", ca.c_str()},
        {"1600?", question.c_str()},
        {"c. 800", ": write the year as \"0800\" and add \"approximate\": true"},
        {"1990s", "\"1990s\": write the decade as the range \"1990/1999\", or the year \"1990\" with \"approximate\": true beside \"iso\""},
        {"1600s", "\"1600s\": write the century as the range \"1600/1699\" (its first decade: \"1600/1609\"), or the year \"1600\" with \"approximate\": true beside \"iso\""},
        // With its era, as a reader of history writes it (a trial's "490 BC" got the list of
        // forms): the ISO year, 1 BC being "0000".
        {"490 BC", "\"490 BC\": write the year as \"-0489\""},
        {"44 B.C.", "\"44 B.C.\": write the year as \"-0043\""},
        {"1 BCE", "\"1 BCE\": write the year as \"0000\""},
        {"AD 14", "\"AD 14\": write the year as \"0014\""},
        {"1453 CE", "\"1453 CE\": write the year as \"1453\""},
        {"c. 490 BC", "\"c. 490 BC\": write the year as \"-0489\" and add \"approximate\": true beside \"iso\""},
        {"490 AD BC", "(use \"YYYY-MM-DD\""},
        {"0 BC", "(use \"YYYY-MM-DD\""},
        {"c. 1600/1700", "(use \"YYYY-MM-DD\""},  // not a year: the list of forms
        {"around the 1600s", "(use \"YYYY-MM-DD\""},
    };
    expect_date_errors(cases);
    // The advice, followed, loads.
    json pack = minimal_pack();
    pack["entities"][2]["date"] = {{"iso", "1600"}, {"approximate", true}};
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    EXPECT_TRUE(r.pack->find("address")->date->approximate);
}

// [SECTION] Syntax errors and limits ----------------------------------------------

struct SyntaxCase {
    const char* text;
    int line, column;
    const char* message;
};

// Each text gives one error, at its line and column, whose message holds the case's words.
void expect_syntax_errors(std::span<const SyntaxCase> cases) {
    for (const SyntaxCase& c : cases) {
        const LoadResult r = load_pack(c.text, "s.json");
        ASSERT_EQ(r.errors.size(), 1u) << c.text << "\n" << all_messages(r);
        EXPECT_EQ(r.errors[0].line, c.line) << c.text;
        EXPECT_EQ(r.errors[0].column, c.column) << c.text;
        EXPECT_NE(r.errors[0].message.find(c.message), std::string::npos) << c.text << " -> " << r.errors[0].message;
    }
}

TEST(Pack, SyntaxErrorsAreExplainedAndPlaced) {
    const SyntaxCase cases[] = {
        {"{\"a\": 1,\n \"b\": 2,\n}", 3, 1, "expected a quoted key, found '}' (JSON does not allow a comma before '}')"},
        {"[1, 2,]", 1, 7, "(JSON does not allow a comma before ']')"},
        {"{\"a\" 1}", 1, 6, "expected ':' after object key, found a number"},
        {"[1 2]", 1, 4, "expected ',' or ']' after array element, found a number"},
        {"{\"a\": \"open", 1, 7, "unterminated string: missing closing quote"},
        {"{\"a\": \"", 1, 7, "unterminated string: missing closing quote"},
        {"{\"a\": \"x\\\"", 1, 7, "unterminated string: missing closing quote"},
        {"{\"a\": tru}", 1, 7, "found 'tru'"},
        {"  \n ", 2, 2, "the file is empty"},
        {"{} {}", 1, 4, "after the end of the JSON value"},
        {"{\"a\": [1, 2", 1, 12, "expected ',' or ']' after array element, found the end of the file"},
        {"{\"a\": -}", 1, 8, "expected digit after '-'"},
        // Columns count characters, not bytes: "é" and "—" are one column each.
        {"{\"\xC3\xA9\xE2\x80\x94\": 1 \"x\": 2}", 1, 10, "expected ',' or '}' after object member, found \"x\""},
        {"{\"a\": 1 \"say \\\"hi\\\"\": 2}", 1, 9, "found \"say \\\"hi\\\"\""},
        {"{\"a\": \"line\nbreak\"}", 1, 12, "control character U+000A (LF) must be escaped"},
    };
    expect_syntax_errors(cases);
}

TEST(Pack, RepeatedKeysAreErrors) {
    json pack = minimal_pack();
    std::string text = pack.dump();
    const std::string needle = "\"title\":\"Unit test\"";
    text.replace(text.find(needle), needle.size(), needle + ",\"title\":\"Again\"");
    const LoadResult r = load_pack(text, "dup.json");
    expect_single_error(r, "/title", "key repeated in the same object");

    // Inside an array's element, the pointer names the element's index; a repeated key's
    // object still gets no other error.
    json nested = minimal_pack();
    ASSERT_GE(nested["entities"].size(), 2u);
    std::string nested_text = nested.dump();
    const std::string second_id = "\"id\":" + nested["entities"][1]["id"].dump();
    const std::size_t at = nested_text.find(second_id);
    ASSERT_NE(at, std::string::npos);
    nested_text.replace(at, second_id.size(), second_id + "," + second_id);
    expect_single_error(load_pack(nested_text, "dup.json"), "/entities/1/id", "key repeated in the same object");
}

TEST(Pack, NestingIsLimited) {
    std::string text = "{\"entities\": ";
    for (int i = 0; i < 100; ++i) text += "[";
    const LoadResult r = load_pack(text, "deep.json");
    ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
    EXPECT_NE(r.errors[0].message.find("nesting deeper than 64 levels"), std::string::npos);
    EXPECT_EQ(r.errors[0].line, 1);
    EXPECT_EQ(r.errors[0].column, 14 + 63);  // the 65th bracket: the object is level 1
}

TEST(Pack, InputSizeIsLimited) {
    const std::string text(4u * 1024u * 1024u + 1u, ' ');
    const LoadResult r = load_pack(text, "big.json");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].message.find("at most 4 MiB"), std::string::npos);
}

TEST(Pack, HostileSelectorsAreBoundedAndReported) {
    // A long run of one letter and thousands of near-miss or identical selectors: naive
    // substring search or pairwise overlap checks would take minutes here.
    json pack = minimal_pack();
    pack["article"]["paragraphs"][0]["text"] = std::string(16 * 1024, 'a');
    json& mentions = pack["entities"][1]["mentions"];
    mentions = json::array();
    for (int i = 0; i < 1000; ++i) mentions.push_back({{"paragraph", "p1"}, {"exact", std::string(1000, 'a') + "b"}});
    json& same = pack["entities"][0]["mentions"];
    same = json::array();
    for (int i = 0; i < 1000; ++i) same.push_back({{"paragraph", "p1"}, {"exact", "aa"}, {"occurrence", 7}});
    pack["entities"][2]["mentions"] = json::array({{{"paragraph", "p1"}, {"exact", "aaa"}, {"occurrence", 7}}});
    const LoadResult r = load_json(pack);
    ASSERT_EQ(r.errors.size(), 201u);
    EXPECT_TRUE(has_error(r, "/entities/1/mentions/0/exact", "does not occur in paragraph \"p1\""));

    // Only the identical selectors left: each repeat is reported against the first.
    pack["entities"][1]["mentions"] = json::array({{{"paragraph", "p1"}, {"exact", "a"}}, {{"paragraph", "p1"}, {"exact", "b"}}});
    pack["article"]["paragraphs"][0]["text"] = std::string(16 * 1024 - 1, 'a') + "b";  // at the limit, not cut
    pack["entities"][1]["mentions"].erase(0);
    const LoadResult repeats = load_json(pack);
    ASSERT_EQ(repeats.errors.size(), 201u);
    EXPECT_TRUE(has_error(repeats, "/entities/0/mentions/1", "repeats the mention at /entities/0/mentions/0"));
}

TEST(Pack, CountsAndLengthsAreLimited) {
    json pack = minimal_pack();
    pack["article"]["paragraphs"].push_back({{"id", "p2"}, {"text", std::string(16 * 1024 + 1, 'x')}});
    expect_single_error(load_json(pack), "/article/paragraphs/1/text", "at most 16384 (split it)");

    pack = minimal_pack();
    pack["entities"][1]["mentions"][0]["prefix"] = std::string(300, ' ');
    EXPECT_TRUE(has_error(load_json(pack), "/entities/1/mentions/0/prefix", "a few words are enough"));

    pack = minimal_pack();
    for (int i = 0; i < 2000; ++i) pack["entities"].push_back(pack["entities"][1]);
    EXPECT_TRUE(has_error(load_json(pack), "/entities", "the pack has 2003 entities; at most 2000 are read"));
}

TEST(Pack, RootMustBeAnObject) {
    const LoadResult r = load_pack("[1, 2]", "array.json");
    expect_single_error(r, "", "a pack is a JSON object, found an array");
}

// [SECTION] Shape and meaning errors -----------------------------------------------

TEST(Pack, CollectsEveryErrorNotJustTheFirst) {
    json pack = minimal_pack();
    pack["entities"][0]["location"]["lon"] = 200;
    pack["entities"][1]["nme"] = "typo";
    pack["entities"][2]["places"] = json::array({"gettysbrg"});
    const LoadResult r = load_json(pack);
    EXPECT_EQ(r.errors.size(), 3u) << all_messages(r);
    EXPECT_TRUE(has_error(r, "/entities/0/location/lon", "longitude 200 is outside [-180, 180]"));
    EXPECT_TRUE(has_error(r, "/entities/1/nme", "unknown key \"nme\""));
    EXPECT_TRUE(has_error(r, "/entities/2/places/0", "unknown entity id \"gettysbrg\" (did you mean \"gettysburg\"?)"));
}

TEST(Pack, ErrorsAreCapped) {
    json pack = minimal_pack();
    for (int i = 0; i < 400; ++i) pack["entities"].push_back({{"id", "Not A Slug"}});
    const LoadResult r = load_json(pack);
    ASSERT_EQ(r.errors.size(), 201u);
    EXPECT_NE(r.errors.back().message.find("too many errors"), std::string::npos);
}

TEST(Pack, MissingRequiredKeysAndWrongTypes) {
    json pack = minimal_pack();
    pack["entities"][0].erase("location");
    expect_single_error(load_json(pack), "/entities/0/location", "missing required key \"location\"");

    pack = minimal_pack();
    pack["entities"][0]["location"]["lat"] = "39.8";
    expect_single_error(load_json(pack), "/entities/0/location/lat", "expected a number, found a string");

    pack = minimal_pack();
    pack["article"]["paragraphs"] = json::object();
    expect_single_error(load_json(pack), "/article/paragraphs", "expected an array of paragraphs, found an object");

    pack = minimal_pack();
    pack["format"] = "explainer-pack/2";
    expect_single_error(load_json(pack), "/format", "unsupported format");
}

TEST(Pack, EmptyTextIsRejected) {
    json pack = minimal_pack();
    pack["article"]["headline"] = "  ";
    expect_single_error(load_json(pack), "/article/headline", "must not be empty");

    pack = minimal_pack();
    pack["article"]["paragraphs"].push_back({{"id", "p2"}, {"text", ""}});
    expect_single_error(load_json(pack), "/article/paragraphs/1/text", "must not be empty");
}

TEST(Pack, ParagraphIdsAreSlugsAndUnique) {
    json pack = minimal_pack();
    pack["article"]["paragraphs"].push_back({{"id", "p1"}, {"text", "Again."}});
    expect_single_error(load_json(pack), "/article/paragraphs/1/id", "paragraph id \"p1\" is repeated (first used at /article/paragraphs/0/id)");

    pack = minimal_pack();
    pack["entities"][1]["id"] = "Abraham_Lincoln";
    pack["entities"][2]["participants"] = json::array({"Abraham_Lincoln"});
    expect_single_error(load_json(pack), "/entities/1/id", "is not a slug");
}

TEST(Pack, KeysOfAnotherKindAreNamed) {
    json pack = minimal_pack();
    pack["entities"][0]["date"] = {{"iso", "1863"}};
    expect_single_error(load_json(pack), "/entities/0/date", "key \"date\" does not apply to a place (it is for events)");

    pack = minimal_pack();
    pack["entities"][1]["kind"] = "persn";
    expect_single_error(load_json(pack), "/entities/1/kind", "unknown kind \"persn\"");
}

// The article's language and a quote's are BCP 47 tags: well-formed ones load (whether the
// language exists is the author's to check), others are errors at their key.
TEST(Pack, LanguagesAreBcp47Tags) {
    for (const char* tag : {"en", "uk", "chr", "iu-Cans", "sr-Latn-RS", "zh-Hant", "de-CH-1996", "EN"}) {
        json pack = minimal_pack();
        pack["article"]["language"] = tag;
        const LoadResult r = load_json(pack);
        ASSERT_TRUE(r.errors.empty()) << tag << ": " << all_messages(r);
        EXPECT_EQ(r.pack->article.language, tag);
    }
    for (const char* tag : {"english", "e", "en_US", "en-", "-en", "en--gb", "12", "en-abcdefghi", "en-GB!", ""}) {
        json pack = minimal_pack();
        pack["article"]["language"] = tag;
        expect_single_error(load_json(pack), "/article/language",
                            *tag ? "expected a BCP 47 language tag such as \"en\", \"uk\", \"chr\" or \"iu-Cans\"" : "empty");
    }
    json pack = minimal_pack();
    pack["entities"][0]["language"] = "en";
    expect_single_error(load_json(pack), "/entities/0/language", "key \"language\" does not apply to a place (it is for quotes)");
}

TEST(Pack, ReferencesNeedTheRightKind) {
    json pack = minimal_pack();
    pack["entities"].push_back({{"id", "quote"}, {"kind", "quote"}, {"name", "Q"}, {"description", "Q."},
                                {"speaker", "gettysburg"}, {"text", "Gettysburg is a town"},
                                {"mentions", json::array({{{"paragraph", "p1"}, {"exact", "Gettysburg is a town"}}})}});
    expect_single_error(load_json(pack), "/entities/3/speaker", "the speaker must be a person, but \"gettysburg\" is a place");

    pack["entities"][3]["speaker"] = "abraham-lincoln";
    pack["entities"][3]["text"] = "Gettysburg was a town";
    expect_single_error(load_json(pack), "/entities/3/text",
                        "does not occur verbatim in any of its mentions; the mention reads \"Gettysburg is a town\" where the text has \"Gettysburg was a town\"");
    // A long quote with one letter changed: the words around it, not the whole of both.
    pack["article"]["paragraphs"].push_back({{"id", "p2"}, {"text", "He said: go tell the Spartans, stranger passing by, that here, obedient to their laws, we lie."}});
    pack["entities"][3]["mentions"][0] = {{"paragraph", "p2"}, {"exact", "go tell the Spartans, stranger passing by, that here, obedient to their laws, we lie"}};
    pack["entities"][3]["text"] = "go tell the Spartans, stranger passing by, that here, obedient to their lows, we lie";
    expect_single_error(load_json(pack), "/entities/3/text",
                        "the mention reads \"\u2026obedient to their laws, we lie\" where the text has \"\u2026obedient to their lows, we lie\"");
    pack["entities"][3]["text"] = "go to Sparta";  // no word or two in common at the start: nothing to point at
    const LoadResult apart = load_json(pack);
    ASSERT_EQ(apart.errors.size(), 1u) << all_messages(apart);
    EXPECT_TRUE(apart.errors[0].message.ends_with("does not occur verbatim in any of its mentions")) << apart.errors[0].message;

    pack = minimal_pack();
    pack["entities"][1]["related"] = json::array({"abraham-lincoln"});
    expect_single_error(load_json(pack), "/entities/1/related/0", "refers to the entity itself");
}

TEST(Pack, DatesAreCheckedAndResolved) {
    json pack = minimal_pack();
    pack["entities"][2]["date"] = {{"iso", "1863-11-19/1863-11-01"}};
    expect_single_error(load_json(pack), "/entities/2/date/iso", "ends before it starts");

    pack["entities"][2]["date"] = {{"iso", "1863-02-30"}};
    expect_single_error(load_json(pack), "/entities/2/date/iso", "date \"1863-02-30\": February 1863 has 28 days");

    pack["entities"][2]["date"] = json::object();
    expect_single_error(load_json(pack), "/entities/2/date", "a date needs \"iso\"");

    pack = minimal_pack();
    pack["article"]["published"] = {{"relative", "today"}};
    EXPECT_TRUE(has_error(load_json(pack), "/article/published/relative", "the publication date cannot be relative"));

    // Partial ISO dates cover whole months and years.
    pack = minimal_pack();
    pack["entities"][2]["date"] = {{"iso", "1863-07/1864"}, {"approximate", true}};
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    EXPECT_EQ(r.pack->find("address")->date->start_day, day("1863-07-01"));
    EXPECT_EQ(r.pack->find("address")->date->end_day, day("1864-12-31"));
    EXPECT_TRUE(r.pack->find("address")->date->approximate);
}

TEST(Pack, ExactDatesBeyondTheWordsNeedCitationsAndAgreement) {
    json pack = minimal_pack();
    pack["article"]["published"] = {{"iso", "2015-11-16/2015-11-19"}, {"approximate", true}};
    pack["entities"][2]["date"] = {{"relative", "last week"}, {"iso", "2015-11-13"}};
    expect_single_error(load_json(pack), "/entities/2/date/iso", "needs at least one citation");

    pack["entities"][2]["citations"] = json::array({{{"publication", "NPR"}, {"date", "2015-11-13"}}});
    const LoadResult ok = load_json(pack);
    ASSERT_TRUE(ok.pack.has_value()) << all_messages(ok);
    EXPECT_TRUE(ok.pack->find("address")->context) << "a cited exact date makes the entity carry context";

    pack["entities"][2]["date"]["iso"] = "2015-11-16";
    expect_single_error(load_json(pack), "/entities/2/date/iso", "lies outside \"last week\", which the article's publication date puts at 2015-11-09/2015-11-15");
}

TEST(Pack, CoordinatesAndContextNeedCitations) {
    json pack = minimal_pack();
    pack["entities"][0].erase("citations");
    expect_single_error(load_json(pack), "/entities/0/location", "cite the gazetteer or atlas");

    pack = minimal_pack();
    pack["entities"].push_back({{"id", "background"}, {"kind", "organisation"}, {"name", "B"}, {"description", "B."}});
    expect_single_error(load_json(pack), "/entities/3", "has no mentions, so it is context from beyond the article");

    pack["entities"][3]["citations"] = json::array({{{"publication", "Somewhere"}}});
    expect_single_error(load_json(pack), "/entities/3/citations/0", "a citation needs a \"date\" or a \"url\"");

    pack["entities"][3]["citations"][0]["url"] = "https://example.org/b";
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    EXPECT_TRUE(r.pack->find("background")->context);
}

TEST(Pack, CountryCodesOriginsAndChecks) {
    json pack = minimal_pack();
    pack["entities"][0]["country"] = "US";
    expect_single_error(load_json(pack), "/entities/0/country", "ISO 3166-1 numeric");

    pack = minimal_pack();
    pack["allowedOrigins"] = json::array({"https://news.example.com", "https://news.example.com/embed"});
    expect_single_error(load_json(pack), "/allowedOrigins/1", "not an origin");
    // What the host-page policy takes as an origin (normalize_origin), the check takes too:
    // the scheme and host in capitals, a port with a leading zero, a trailing '/'.
    pack = minimal_pack();
    pack["allowedOrigins"] = json::array({"HTTP://127.0.0.1:08722/", "https://News.Example.com", "http://[::1]:8080"});
    EXPECT_TRUE(load_json(pack).pack.has_value()) << all_messages(load_json(pack));
    pack["allowedOrigins"] = json::array({"https://news.example.com?x=1"});
    expect_single_error(load_json(pack), "/allowedOrigins/0", "not an origin");

    pack = minimal_pack();
    pack["entities"].push_back({{"id", "far"}, {"kind", "figure"}, {"name", "F"}, {"description", "F."},
                                {"value", "1863"}, {"note", "Year."},
                                {"check", {{"kind", "distance"}, {"from", "gettysburg"}, {"to", "gettysburg"},
                                           {"stated", {{"value", 10}, {"unit", "furlongs"}}}}},
                                {"mentions", json::array({{{"paragraph", "p1"}, {"exact", "1863"}}})}});
    const LoadResult r = load_json(pack);
    EXPECT_EQ(r.errors.size(), 2u) << all_messages(r);
    EXPECT_TRUE(has_error(r, "/entities/3/check/to", "two different places"));
    EXPECT_TRUE(has_error(r, "/entities/3/check/stated/unit", "expected \"mi\" or \"km\""));
}

// [SECTION] Selectors ---------------------------------------------------------------

TEST(Pack, OccurrencePrefixAndSuffixPickOneMatch) {
    const std::string text = minimal_pack()["article"]["paragraphs"][0]["text"];
    const std::size_t first = text.find("Gettysburg");
    const std::size_t second = text.find("Gettysburg", first + 1);

    json pack = minimal_pack();
    pack["entities"][0]["mentions"][0]["occurrence"] = 2;
    LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    EXPECT_EQ(r.pack->entities[0].mentions[0].begin, second);

    pack["entities"][0]["mentions"][0] = {{"paragraph", "p1"}, {"exact", "Gettysburg"}, {"suffix", " is"}};
    r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    EXPECT_EQ(r.pack->entities[0].mentions[0].begin, second);

    pack["entities"][0]["mentions"][0] = {{"paragraph", "p1"}, {"exact", "Gettysburg"}, {"prefix", "at "}};
    r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    EXPECT_EQ(r.pack->entities[0].mentions[0].begin, first);
    EXPECT_EQ(r.pack->entities[0].mentions[0].end, first + 10);

    pack["entities"][0]["mentions"][0] = {{"paragraph", "p1"}, {"exact", "Gettysburg"}, {"occurrence", 3}};
    expect_single_error(load_json(pack), "/entities/0/mentions/0/occurrence", "matches only 2 times in paragraph \"p1\"");

    pack["entities"][0]["mentions"][0] = {{"paragraph", "p1"}, {"exact", "Gettysburg"}, {"prefix", "near "}};
    expect_single_error(load_json(pack), "/entities/0/mentions/0", "occurs 2 times in paragraph \"p1\" but never with the given prefix");

    pack["entities"][0]["mentions"][0] = {{"paragraph", "p9"}, {"exact", "Gettysburg"}, {"occurrence", 1}};
    expect_single_error(load_json(pack), "/entities/0/mentions/0/paragraph", "unknown paragraph id \"p9\"");

    pack["entities"][0]["mentions"][0] = {{"paragraph", "p1"}, {"exact", "Gettysburg"}, {"occurrence", 0}};
    expect_single_error(load_json(pack), "/entities/0/mentions/0/occurrence", "expected a whole number from 1");
}

TEST(Pack, OffsetsAreBytesInUtf8Text) {
    json pack = minimal_pack();
    pack["article"]["paragraphs"][0]["text"] = "\xE2\x80\x9CPresident Abraham Lincoln\xE2\x80\x9D spoke \xE2\x80\x94 at Gettysburg.";
    pack["entities"][0]["mentions"][0] = {{"paragraph", "p1"}, {"exact", "Gettysburg"}};
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    EXPECT_EQ(r.pack->entities[1].mentions[0].begin, 3u);  // after the 3-byte opening quote
    expect_mentions_resolve(*r.pack);
}

TEST(Pack, MentionsMayNestButNotCross) {
    json pack = minimal_pack();
    // "President Abraham" crosses "Abraham Lincoln spoke"? Make one that crosses the person's mention.
    pack["entities"][2]["mentions"][0] = {{"paragraph", "p1"}, {"exact", "Lincoln spoke"}};
    expect_single_error(load_json(pack), "/entities/2/mentions/0", "overlaps a mention of \"abraham-lincoln\"");

    pack["entities"][2]["mentions"][0] = {{"paragraph", "p1"}, {"exact", "President Abraham Lincoln"}};
    expect_single_error(load_json(pack), "/entities/2/mentions/0", "covers the same text as a mention of \"abraham-lincoln\"");

    // Nested: the event's mention contains the place's.
    pack["entities"][2]["mentions"][0] = {{"paragraph", "p1"}, {"exact", "spoke at Gettysburg"}};
    const LoadResult r = load_json(pack);
    EXPECT_TRUE(r.pack.has_value()) << all_messages(r);
}

// [SECTION] Formatting and lookups --------------------------------------------------

// [SECTION] Characters and scripts ------------------------------------------------

TEST(Pack, NamesInEveryLatinGreekAndCyrillicFormLoadWithoutWarnings) {
    const LoadResult r = load_source_file("tests/packs/centuries-of-names.json");
    ASSERT_TRUE(r.errors.empty()) << all_messages(r);
    EXPECT_TRUE(r.warnings.empty()) << format_diagnostic(r.warnings.front());
    expect_mentions_resolve(*r.pack);
    const std::vector<char32_t>& used = r.pack->characters;
    EXPECT_TRUE(std::is_sorted(used.begin(), used.end()));
    // The ʻokina, Vietnamese ế and ễ, Greek α, polytonic ῆ and Cyrillic ё all reach the atlas.
    for (char32_t cp : {0x02BBu, 0x1EBFu, 0x1EC5u, 0x03B1u, 0x1FC6u, 0x0451u, 0x2019u})
        EXPECT_TRUE(std::binary_search(used.begin(), used.end(), cp)) << std::hex << unsigned(cp);
}

TEST(Pack, UnsupportedScriptIsOneErrorPerStringNamingScriptAndCharacter) {
    json pack = minimal_pack();
    pack["entities"][1]["description"] = "Президент. שלום, مرحبا, ܫܠܡܐ, ދިވެހި";  // Cyrillic, Hebrew and Arabic are fine; Syriac comes first
    pack["entities"][0]["aliases"] = {"Gettysburg", "ภาษาไทย"};
    const LoadResult r = load_json(pack);
    ASSERT_EQ(r.errors.size(), 2u) << all_messages(r);
    EXPECT_TRUE(has_error(r, "/entities/1/description", "uses the Syriac script (U+072B)")) << all_messages(r);
    EXPECT_TRUE(has_error(r, "/entities/0/aliases/1", "uses the Thai script (U+0E20)")) << all_messages(r);
}

TEST(Pack, CharacterWithoutGlyphIsAWarningWithItsPath) {
    json pack = minimal_pack();
    pack["entities"][0]["description"] = "Town \U0001F3DB\U0001F3DB and \u2603.";
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.errors.empty()) << all_messages(r);
    ASSERT_TRUE(r.pack.has_value());
    ASSERT_EQ(r.warnings.size(), 2u);  // once per character and string
    EXPECT_EQ(r.warnings[0].path, "/entities/0/description");
    EXPECT_EQ(r.warnings[0].message, "U+1F3DB has no glyph in the bundled fonts; readers see \"?\" in its place");
    EXPECT_EQ(r.warnings[1].path, "/entities/0/description");
    EXPECT_NE(r.warnings[1].message.find("U+2603"), std::string::npos);
}

TEST(Pack, FormatDiagnostic) {
    Diagnostic syntax;
    syntax.file = "a.json";
    syntax.line = 3;
    syntax.column = 7;
    syntax.message = "expected ':' after object key, found a number";
    EXPECT_EQ(format_diagnostic(syntax), "a.json:3:7: error: expected ':' after object key, found a number");

    Diagnostic schema;
    schema.file = "a.json";
    schema.path = "/entities/3/location/lat";
    schema.message = "latitude 91 is outside [-90, 90]";
    EXPECT_EQ(format_diagnostic(schema), "a.json: error: at /entities/3/location/lat: latitude 91 is outside [-90, 90]");
    schema.line = 57;  // placed in the author's text (load_pack does): both, the place first, as compilers write it
    schema.column = 18;
    EXPECT_EQ(format_diagnostic(schema), "a.json:57:18: error: at /entities/3/location/lat: latitude 91 is outside [-90, 90]");

    Diagnostic whole;
    whole.file = "a.json";
    whole.message = "a pack is a JSON object, found an array";
    EXPECT_EQ(format_diagnostic(whole), "a.json: error: a pack is a JSON object, found an array");
}

TEST(Pack, LookupsByIdAndKindNames) {
    const LoadResult r = load_json(minimal_pack());
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    EXPECT_EQ(r.pack->find("abraham-lincoln"), &r.pack->entities[1]);
    EXPECT_EQ(r.pack->find("nobody"), nullptr);
    EXPECT_FALSE(r.pack->index_of("nobody").has_value());
    EXPECT_EQ(r.pack->paragraph_index("p1"), 0u);
    EXPECT_FALSE(r.pack->paragraph_index("p2").has_value());
    EXPECT_STREQ(entity_kind_name(EntityKind::Organisation), "organisation");
    EXPECT_STREQ(entity_kind_name(EntityKind::Figure), "figure");
}

// [SECTION] Facts of record: corrections, expected events, regions, sources ----------

TEST(Pack, CorrectionsLoadInOrderAndShowAsReadersReadThem) {
    json pack = minimal_pack();
    pack["article"]["updated"] = "2015-11-22";
    pack["article"]["corrections"] = json::parse(R"([
        {"date": "2015-11-18", "text": "An earlier version misspelled Gettysburg."},
        {"date": "2015-11-21", "text": "Lincoln spoke in 1863, not 1864."}])");
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    const Article& a = r.pack->article;
    ASSERT_EQ(a.corrections.size(), 2u);
    EXPECT_EQ(a.updated, "2015-11-22");
    EXPECT_EQ(describe_correction(a.corrections[1]), "Corrected 21 November 2015: Lincoln spoke in 1863, not 1864.");
}

TEST(Pack, CorrectionsAreChecked) {
    const auto with = [](const char* corrections, const char* updated = nullptr) {
        json pack = minimal_pack();
        pack["article"]["corrections"] = json::parse(corrections);
        if (updated) pack["article"]["updated"] = updated;
        return load_json(pack);
    };
    expect_single_error(with(R"([{"date": "2015-11-17", "text": "Too early."}])"), "/article/corrections/0/date",
                        "before the article's publication date");
    expect_single_error(with(R"([{"date": "2015-11-21", "text": "B."}, {"date": "2015-11-19", "text": "A."}])"),
                        "/article/corrections/1/date", "oldest first");
    expect_single_error(with(R"([{"date": "21 November 2015", "text": "A."}])"), "/article/corrections/0/date", "not an ISO 8601 day");
    expect_single_error(with(R"([{"date": "2015-11-21", "text": " "}])"), "/article/corrections/0/text", "must not be empty");
    expect_single_error(with(R"([{"date": "2015-11-21"}])"), "/article/corrections/0/text", "missing required key");
    expect_single_error(with(R"([{"date": "2015-11-21", "text": "A."}])", "2015-11-20"), "/article/updated", "older than the last correction");
    expect_single_error(with(R"([])", "2015-11-01"), "/article/updated", "before its publication date");
}

TEST(Pack, WorksNameTheirCreators) {
    json pack = minimal_pack();
    pack["article"]["paragraphs"][0]["text"] = "President Abraham Lincoln spoke at Gettysburg in November 1863. Gettysburg is a town in Pennsylvania. His address was printed.";
    const json address_text = {{"id", "gettysburg-address"}, {"kind", "work"}, {"name", "The Gettysburg Address"}, {"description", "The speech."},
                               {"creators", {"abraham-lincoln"}}, {"related", {"address"}},
                               {"mentions", {{{"paragraph", "p1"}, {"exact", "His address"}}}}};
    pack["entities"].push_back(address_text);
    LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    const Entity* work = r.pack->find("gettysburg-address");
    EXPECT_EQ(work->kind, EntityKind::Work);
    EXPECT_EQ(work->creators, std::vector<std::string>{"abraham-lincoln"});
    EXPECT_STREQ(entity_kind_name(EntityKind::Work), "work");

    pack["entities"][3]["creators"] = {"gettysburg"};
    expect_single_error(load_json(pack), "/entities/3/creators/0", "a creator must be a person or an organisation, but \"gettysburg\" is a place");
    pack["entities"][3]["creators"] = {"abraham-lincoln"};
    pack["entities"][3]["date"] = {{"iso", "1863-11-19"}};
    expect_single_error(load_json(pack), "/entities/3/date", "key \"date\" does not apply to a work (it is for events)");
    pack["entities"][3].erase("date");
    pack["entities"][3]["kind"] = "book";
    expect_single_error(load_json(pack), "/entities/3/kind", "unknown kind \"book\": expected place, person, organisation, event, quote, figure or work");
}

TEST(Pack, ExpectedEventsAreUndatedAndOtherEventsMayBe) {
    json pack = minimal_pack();
    pack["entities"][2].erase("date");
    pack["entities"][2]["expected"] = true;
    const LoadResult expected = load_json(pack);
    ASSERT_TRUE(expected.pack.has_value()) << all_messages(expected);
    EXPECT_TRUE(expected.pack->find("address")->expected);
    EXPECT_FALSE(expected.pack->find("address")->date.has_value());

    pack["entities"][2]["date"] = {{"iso", "1863-11-19"}};
    expect_single_error(load_json(pack), "/entities/2/date", "an expected event is undated");

    pack["entities"][2].erase("expected");
    pack["entities"][2].erase("date");
    const LoadResult undated = load_json(pack);
    ASSERT_TRUE(undated.pack.has_value()) << all_messages(undated);
    EXPECT_FALSE(undated.pack->find("address")->expected);
}

TEST(Pack, CountriesAndRegionsNeedNoPointButValidCodes) {
    json pack = minimal_pack();
    pack["entities"][0].erase("location");
    pack["entities"][0].erase("citations");
    expect_single_error(load_json(pack), "/entities/0/location", "missing required key");
    pack["entities"][0]["countries"] = {"040", "056"};
    const LoadResult region = load_json(pack);
    ASSERT_TRUE(region.pack.has_value()) << all_messages(region);
    EXPECT_EQ(region.pack->find("gettysburg")->countries, (std::vector<std::string>{"040", "056"}));
    pack["entities"][0]["countries"] = {"040", "AT"};
    expect_single_error(load_json(pack), "/entities/0/countries/1", "ISO 3166-1 numeric");
    pack["entities"][0]["countries"] = json::array();
    expect_single_error(load_json(pack), "/entities/0/countries", "at least one country");
}

// A code of three digits that no country of the map has ("999") loads, since a place may
// still have its point, but the map draws no shape for it: a warning (it passed without a
// word: an outside tester's trial). A region warns only when the map has none of its
// countries, since it draws those it has.
TEST(Pack, CountryCodesTheMapLacksGetAWarning) {
    if (!country_core_box("368")) GTEST_SKIP() << "a build without the basemap knows no country (cmake/map.cmake)";
    json pack = minimal_pack();
    pack["entities"][0]["country"] = "999";
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].path, "/entities/0/country");
    EXPECT_EQ(r.warnings[0].message, "no country on the map has the code \"999\": expected the 3-digit ISO 3166-1 numeric code "
                                     "of a country on the map (\"368\" for Iraq); the map draws nothing for this one");
    pack["entities"][0]["country"] = "840";
    EXPECT_TRUE(load_json(pack).warnings.empty());

    pack = minimal_pack();
    pack["entities"][0]["countries"] = {"998", "999"};
    const LoadResult region = load_json(pack);
    ASSERT_TRUE(region.pack.has_value()) << all_messages(region);
    ASSERT_EQ(region.warnings.size(), 1u);
    EXPECT_EQ(region.warnings[0].path, "/entities/0/countries");
    EXPECT_EQ(region.warnings[0].message, "no country on the map has any of the region's 2 codes (the first is \"998\"): expected 3-digit "
                                          "ISO 3166-1 numeric codes of countries on the map (\"040\" for Austria); the map draws nothing "
                                          "for this region");
    // Some on the map (Gibraltar, "292", is too small for it), with their leading zeros: no warning.
    pack["entities"][0]["countries"] = {"040", "008", "292"};
    EXPECT_TRUE(load_json(pack).warnings.empty());
}

TEST(Pack, LowGradeSourcesGetAWarningButStillLoad) {
    EXPECT_TRUE(is_low_grade_source("https://en.wikipedia.org/wiki/Sinjar"));
    EXPECT_TRUE(is_low_grade_source("http://piglix.com/piglix/Raqqa"));
    EXPECT_TRUE(is_low_grade_source("https://WWW.CatchNews.com/world-news/x"));
    EXPECT_FALSE(is_low_grade_source("https://notwikipedia.org/x"));
    EXPECT_FALSE(is_low_grade_source("https://www.reuters.com/article/x"));
    EXPECT_FALSE(is_low_grade_source(""));
    // The list is the repository's file, compiled in: the seed's old sources are on it.
    for (const char* host : {"wikipedia.org", "famagusta-gazette.com", "theodora.com", "confluence.org"})
        EXPECT_NE(std::find(low_grade_source_hosts().begin(), low_grade_source_hosts().end(), host), low_grade_source_hosts().end()) << host;

    json pack = minimal_pack();
    pack["entities"][0]["citations"][0]["url"] = "https://de.wikipedia.org/wiki/Gettysburg";
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].path, "/entities/0/citations/0/url");
    EXPECT_NE(r.warnings[0].message.find("de.wikipedia.org"), std::string::npos) << r.warnings[0].message;
}

TEST(Pack, SeedPackCitesNoLowGradeSource) {
    const LoadResult r = load_source_file("content/isis-losing-ground.json");
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    for (const Diagnostic& d : r.warnings) ADD_FAILURE() << format_diagnostic(d);
}

// Every mention of a named entity the review listed (issue 15), by name or pronoun,
// is annotated in the seed with the right entity.
TEST(Pack, SeedPackAnnotatesEveryListedMention) {
    const LoadResult r = load_source_file("content/isis-losing-ground.json");
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    const Pack& pack = *r.pack;
    struct Expected { const char* paragraph; const char* text; const char* entity; };
    const Expected listed[] = {
        {"p10", "he said", "thamir-ismail"},   {"p11", "he said", "thamir-ismail"},
        {"p10", "He used", "thamir-ismail"},   {"p7", "The brothers", "paris-attackers"},
        {"p1", "Iraqi", "iraq"},               {"p8", "Iraqi", "iraq"},
        {"p2", "French", "france"},            {"p2", "the war against the Islamic State", "war-against-islamic-state"},
        {"p11", "more attacks in Europe", "more-attacks-in-europe"},
        {"p5", "ISIS: The State of Terror", "isis-state-of-terror"},
    };
    for (const Expected& want : listed) {
        const Entity* entity = pack.find(want.entity);
        ASSERT_NE(entity, nullptr) << want.entity;
        const bool found = std::any_of(entity->mentions.begin(), entity->mentions.end(), [&](const Mention& m) {
            const Paragraph& p = pack.article.paragraphs[m.paragraph_index];
            return p.id == want.paragraph && p.text.substr(m.begin, m.end - m.begin) == want.text;
        });
        EXPECT_TRUE(found) << want.paragraph << " \"" << want.text << "\" is not annotated as " << want.entity;
    }
    const Entity* europe_attacks = pack.find("more-attacks-in-europe");
    EXPECT_TRUE(europe_attacks->expected);
    EXPECT_FALSE(europe_attacks->date.has_value());
    // Inferences are gone: the article does not say where either officer was.
    EXPECT_EQ(pack.find("ali-ahmed")->place, "");
    EXPECT_EQ(pack.find("thamir-ismail")->place, "");
    EXPECT_FALSE(pack.find("overseas-uptick")->date.has_value());
    EXPECT_EQ(pack.find("europe")->countries.size(), 51u);  // UN M49 "Europe" (150)
    // The book is a work, made by the person the article quotes, with its source of record.
    const Entity* book = pack.find("isis-state-of-terror");
    EXPECT_EQ(book->kind, EntityKind::Work);
    EXPECT_EQ(book->creators, std::vector<std::string>{"jm-berger"});
    ASSERT_FALSE(book->citations.empty());
    EXPECT_EQ(book->citations[0].url, "https://www.npr.org/books/titles/392362965/isis-the-state-of-terror");
}

// The distance note states in words what the pack's own points give.
TEST(Pack, SeedPackDistanceNoteMatchesThePoints) {
    const LoadResult r = load_source_file("content/isis-losing-ground.json");
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    const Pack& pack = *r.pack;
    const Entity* figure = pack.find("figure-distance");
    ASSERT_TRUE(figure && figure->check);
    const double km = distance_km(*pack.find("sinjar")->location, *pack.find("paris")->location);
    const long percent = std::lround((figure->check->stated_value * kKmPerStatuteMile / km - 1.0) * 100.0);
    char words[160];
    std::snprintf(words, sizeof words, "%s km (%s mi), so the article’s “some 2,500 miles” is about %ld%% more",
                  std::to_string(std::lround(km)).insert(1, ",").c_str(),
                  std::to_string(std::lround(km_to_miles(km))).insert(1, ",").c_str(), percent);
    EXPECT_NE(figure->note.find(words), std::string::npos) << figure->note << "\nwanted: " << words;
}

TEST(Pack, SourcesAreListedOnceWithWhatTheySupport) {
    const LoadResult r = load_source_file("content/isis-losing-ground.json");
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    const Pack& pack = *r.pack;
    const std::vector<SourceEntry> sources = collect_sources(pack);
    std::set<std::string> urls;
    for (const SourceEntry& s : sources) {
        EXPECT_TRUE(urls.insert(s.citation.url).second) << "listed twice: " << s.citation.url;
        EXPECT_FALSE(s.entities.empty());
    }
    // DW supports both the attacks and the later toll; GeoNames' Ramadi both Ramadi and Anbar.
    const auto supporters = [&](const std::string& url) {
        std::vector<std::string> ids;
        for (const SourceEntry& s : sources)
            if (s.citation.url == url)
                for (std::size_t i : s.entities) ids.push_back(pack.entities[i].id);
        return ids;
    };
    EXPECT_EQ(supporters("https://www.dw.com/en/france-pm-valls-announces-latest-paris-attacks-casualty/a-18865195"),
              (std::vector<std::string>{"paris-attacks", "figure-paris-dead"}));
    EXPECT_EQ(supporters("https://www.geonames.org/98717"), (std::vector<std::string>{"ramadi", "anbar"}));
    Citation dw;
    dw.publication = "DW";
    dw.date = "2015-11-20";
    dw.title = "France PM Valls announces latest Paris attacks casualty";
    EXPECT_EQ(describe_citation(dw), "DW, 20 November 2015: “France PM Valls announces latest Paris attacks casualty”");
}

// [SECTION] Messages a reporter can act on -------------------------------------------

TEST(Pack, ImpossibleDaysSayWhatIsWrong) {
    const DateCase cases[] = {
        {"1786-06-31", "date \"1786-06-31\": June 1786 has 30 days"},
        {"1700-02-29", "date \"1700-02-29\": 1700 is not a leap year: February 1700 has 28 days"},
        {"2000-02-30", "date \"2000-02-30\": February 2000 has 29 days"},
        {"-0043-02-29", "44 BC is not a leap year: February 44 BC has 28 days"},
        {"1863-11-01/1863-11-31", "date \"1863-11-31\": November 1863 has 30 days"},
        {"1863-11-00", "November 1863 has 30 days"},
        {"1863-13-01", "date \"1863-13-01\": months run from 01 to 12"},
        {"0000-13", "date \"0000-13\": months run from 01 to 12"},  // a month alone too (a trial's)
        {"1863-00/1863-04", "date \"1863-00\": months run from 01 to 12"},
        {"1863-02-30T14:00Z", "time \"1863-02-30T14:00Z\": February 1863 has 28 days"},
    };
    expect_date_errors(cases);
    // Corrections and citations name the rule too.
    json pack = minimal_pack();
    pack["article"]["updated"] = "2015-11-31";
    expect_single_error(load_json(pack), "/article/updated", "November 2015 has 30 days");
    pack = minimal_pack();
    pack["entities"][0]["citations"][0]["date"] = "2022-06-31";
    expect_single_error(load_json(pack), "/entities/0/citations/0/date", "June 2022 has 30 days");
}

TEST(Pack, StrayCharactersAreNamedAndPlaced) {
    const SyntaxCase cases[] = {
        {"{\"id\": @}", 1, 8, "expected a value (object, array, string, number, true, false or null), found '@'"},
        {"{\"id\": \xE2\x80\x9Cx\xE2\x80\x9D}", 1, 8,
         "found '\xE2\x80\x9C' (a curly quotation mark): JSON strings and keys need straight double quotes \"\xE2\x80\xA6\""},
        {"{\n  \xE2\x80\x9Cid\xE2\x80\x9D: 1}", 2, 3, "found '\xE2\x80\x9C' (a curly quotation mark)"},
        {"{\"t\": \"\xC3\xA9\", \"id\": \xE2\x80\x98x\xE2\x80\x99}", 1, 18, "found '\xE2\x80\x98' (a curly quotation mark)"},
        {"{'id': 'x'}", 1, 2, "found ''' (a single quote): JSON strings and keys need straight double quotes"},
        {"{\"a\": 1, // a note\n\"b\": 2}", 1, 10, "found '//': JSON has no comments"},
        {"{\"a\": 1 /* a note */}", 1, 9, "found '/*': JSON has no comments"},
        {"{\"a\": tru}", 1, 7, "expected a value (object, array, string, number, true, false or null), found 'tru'"},
        {"{\"a\": True}", 1, 7, "found 'True'"},
        {"{\"a\": \"he \"fled\" home\"}", 1, 12, "expected ',' or '}' after object member, found 'fled' (a quote inside a string is written \\\")"},
        {"[1, @]", 1, 5, "found '@'"},
        {"{@: 1}", 1, 2, "expected a quoted key, found '@'"},
        {"{\"a\": \xC2\xA0 1}", 1, 7, "(U+00A0)"},
    };
    expect_syntax_errors(cases);
}

// An author with the file open in a text editor goes to a line and column, not a pointer.
TEST(Pack, DiagnosticsArePlacedAtTheirValuesInTheAuthorsText) {
    json pack = minimal_pack();
    pack["entities"][0]["location"]["lat"] = 139.8;
    pack["entities"][1].erase("description");
    pack["entities"][2]["description"] = "Lincoln speaks \u2603.";  // a character no font draws: a warning
    const std::string text = pack.dump(2);
    const LoadResult r = load_pack(text, "unit.json");
    ASSERT_EQ(r.errors.size(), 2u) << all_messages(r);
    const auto place_at = [&](std::size_t at) {
        const std::size_t line_start = text.rfind('\n', at) + 1;
        return std::to_string(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1) + ":" +
               std::to_string(at - line_start + 1);
    };
    const auto place_of = [&](std::string_view needle) { return place_at(text.find(needle)); };
    const auto placed = [](const Diagnostic& d) { return std::to_string(d.line) + ":" + std::to_string(d.column); };
    EXPECT_EQ(r.errors[0].path, "/entities/0/location/lat");
    EXPECT_EQ(placed(r.errors[0]), place_of("139.8"));
    // A missing key: at the object it is missing from.
    EXPECT_EQ(r.errors[1].path, "/entities/1/description");
    EXPECT_EQ(placed(r.errors[1]), place_at(text.rfind('{', text.find("\"abraham-lincoln\""))));
    EXPECT_EQ(format_diagnostic(r.errors[0]).rfind("unit.json:" + place_of("139.8") + ": error: at /entities/0/location/lat: ", 0), 0u)
        << format_diagnostic(r.errors[0]);
    ASSERT_EQ(r.warnings.size(), 1u) << all_messages(r);
    EXPECT_EQ(placed(r.warnings[0]), place_of("\"Lincoln speaks"));
}

TEST(Pack, MessagesAboutAnEntityNameItsId) {
    enable_author_checks();
    json pack = minimal_pack();
    pack["entities"][2]["date"] = {{"iso", "1863-11-19/1863-11-01"}};
    const LoadResult r = load_json(pack);
    ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
    EXPECT_EQ(r.errors[0].path, "/entities/2/date/iso");  // the pointer stays machine-readable
    EXPECT_EQ(format_diagnostic(r.errors[0]),
              "unit.json:54:16: error: at /entities/2/date/iso: date range \"1863-11-19/1863-11-01\" ends before it starts (entity \"address\")");
    EXPECT_EQ(r.errors[0].entity, "address");
    // Warnings too; not outside the entities.
    pack = minimal_pack();
    pack["entities"][0]["citations"][0]["url"] = "https://en.wikipedia.org/wiki/Gettysburg";
    const LoadResult warned = load_json(pack);
    ASSERT_EQ(warned.warnings.size(), 1u);
    EXPECT_EQ(warned.warnings[0].entity, "gettysburg");
    pack = minimal_pack();
    pack["article"]["published"] = {{"iso", "2015-11-31"}};
    const LoadResult article = load_json(pack);
    ASSERT_FALSE(article.errors.empty());
    EXPECT_EQ(format_diagnostic(article.errors[0]).find("(entity"), std::string::npos);
}

TEST(Pack, UnknownRelativeDateNamesEveryDocumentedKindBriefly) {
    json pack = minimal_pack();
    pack["entities"][2]["date"] = {{"relative", "in early 1785"}};
    const LoadResult r = load_json(pack);
    ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
    const std::string& message = r.errors[0].message;
    EXPECT_LT(message.size(), 480u) << message;
    // One example of each kind of phrase content/README.md documents, each one the loader reads.
    DateSpan published;
    published.start_day = published.end_day = day("2015-11-18");
    for (const char* example : {"today", "yesterday", "now", "on Friday", "last week", "earlier this month", "this year",
                                "in recent months", "in October", "in October 2015", "Nov. 13", "from Sept. 1 to Nov. 30", "3 days ago", "Christmas Eve"}) {
        EXPECT_NE(message.find(std::string("\"") + example + "\""), std::string::npos) << example << " missing from: " << message;
        EXPECT_TRUE(resolve_relative_date(example, published)) << example;
    }
    EXPECT_NE(message.find("\"iso\""), std::string::npos) << "says what to write instead: " << message;
}

TEST(Pack, MentionInAnotherUnicodeFormGetsAHint) {
    enable_author_checks();
    const std::string composed = "M\xE1\xBB\xB9 Tho";  // ỹ as one character, U+1EF9
    const std::string decomposed = "My\xCC\x83 Tho";   // y and U+0303 COMBINING TILDE
    for (const auto& [in_text, in_mention] : {std::pair{composed, decomposed}, std::pair{decomposed, composed}}) {
        json pack = minimal_pack();
        pack["article"]["paragraphs"][0]["text"] = "President Abraham Lincoln spoke at Gettysburg, far from " + in_text + ".";
        pack["entities"][1]["mentions"].push_back({{"paragraph", "p1"}, {"exact", in_mention}});
        const LoadResult r = load_json(pack);
        SCOPED_TRACE(in_mention);
        ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
        const std::string& message = r.errors[0].message;
        EXPECT_NE(message.find("does not occur in paragraph \"p1\""), std::string::npos) << message;
        EXPECT_NE(message.find("different Unicode forms"), std::string::npos) << message;
        EXPECT_NE(message.find("retype"), std::string::npos) << message;
    }
    // A plain mismatch gets no such hint.
    json pack = minimal_pack();
    pack["entities"][1]["mentions"][0]["exact"] = "President Lincoln";
    const LoadResult r = load_json(pack);
    ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
    EXPECT_EQ(r.errors[0].message.find("Unicode"), std::string::npos) << r.errors[0].message;
    // Another case or other accents: the paragraph's words, as a "did you mean".
    pack["article"]["paragraphs"][0]["text"] = "President Abraham Lincoln spoke at Gettysburg of Nguy\xE1\xBB\x85n Hu\xE1\xBB\x87 and Hu\xE1\xBA\xBF.";
    pack["entities"][1]["mentions"][0]["exact"] = "hue";
    const LoadResult accents = load_json(pack);
    ASSERT_EQ(accents.errors.size(), 1u) << all_messages(accents);
    EXPECT_NE(accents.errors[0].message.find("\"hue\" does not occur in paragraph \"p1\" (did you mean \"Hu\xE1\xBB\x87\" or \"Hu\xE1\xBA\xBF\"?)"),
              std::string::npos) << accents.errors[0].message;
}

// A place with a country at hand: one the pack names, or the place's own (a country's label point).
TEST(Pack, SwappedLatitudeAndLongitudeGetAWarning) {
    enable_author_checks();
    ASSERT_TRUE(country_core_box("231").has_value()) << "the build has the atlas's boxes";
    json pack = minimal_pack();
    pack["entities"].push_back({{"id", "ethiopia"}, {"kind", "place"}, {"name", "Ethiopia"}, {"description", "Country."},
                                {"country", "231"}, {"citations", json::array({{{"publication", "GeoNames"}, {"url", "https://www.geonames.org/337996"}}})}});
    pack["entities"].push_back({{"id", "jimma"}, {"kind", "place"}, {"name", "Jimma"}, {"description", "Town."},
                                {"location", {{"lat", 36.83441}, {"lon", 7.67344}}},
                                {"citations", json::array({{{"publication", "GeoNames"}, {"url", "https://www.geonames.org/333772"}}})}});
    const LoadResult swapped = load_json(pack);
    ASSERT_TRUE(swapped.pack.has_value()) << all_messages(swapped);
    ASSERT_EQ(swapped.warnings.size(), 1u);
    EXPECT_EQ(swapped.warnings[0].path, "/entities/4/location");
    EXPECT_NE(swapped.warnings[0].message.find("Ethiopia"), std::string::npos) << swapped.warnings[0].message;
    EXPECT_NE(swapped.warnings[0].message.find("are latitude and longitude swapped?"), std::string::npos) << swapped.warnings[0].message;

    // Right, or outside the country either way (Gettysburg in a story naming Ethiopia): nothing to say.
    pack["entities"][4]["location"] = {{"lat", 7.67344}, {"lon", 36.83441}};
    const LoadResult right = load_json(pack);
    ASSERT_TRUE(right.pack.has_value()) << all_messages(right);
    EXPECT_TRUE(right.warnings.empty()) << format_diagnostic(right.warnings.front());

    // A country the article names only by an adjective ("Ethiopian") is no country the story
    // is in: a point outside it is no swap of one inside it. Named by its name, it is.
    pack["entities"][4]["location"] = {{"lat", 36.83441}, {"lon", 7.67344}};
    pack["article"]["paragraphs"].push_back({{"id", "p2"}, {"text", "Ethiopian coffee was served. Ethiopia grows it."}});
    pack["entities"][3]["mentions"] = json::array({{{"paragraph", "p2"}, {"exact", "Ethiopian"}}});
    const LoadResult adjective = load_json(pack);
    ASSERT_TRUE(adjective.pack.has_value()) << all_messages(adjective);
    EXPECT_TRUE(adjective.warnings.empty()) << format_diagnostic(adjective.warnings.front());
    pack["entities"][3]["mentions"].push_back({{"paragraph", "p2"}, {"exact", "Ethiopia"}, {"occurrence", 1}});
    const LoadResult named = load_json(pack);
    ASSERT_TRUE(named.pack.has_value()) << all_messages(named);
    EXPECT_EQ(named.warnings.size(), 1u) << all_messages(named);
    // Nor is a point inside another country of the pack, named by an adjective only: Rome
    // in a story of Ethiopia that speaks of the Italian army.
    json rome = pack;
    rome["entities"][4]["location"] = {{"lat", 7.67344}, {"lon", 36.83441}};  // Jimma right: swapped, it lies in Italy's box
    rome["article"]["paragraphs"].push_back({{"id", "p3"}, {"text", "The Italian army marched. Rome sent more troops."}});
    rome["entities"].push_back({{"id", "italy"}, {"kind", "place"}, {"name", "Italy"}, {"description", "Country."}, {"country", "380"},
                                {"mentions", json::array({{{"paragraph", "p3"}, {"exact", "Italian"}}})}});
    rome["entities"].push_back({{"id", "rome"}, {"kind", "place"}, {"name", "Rome"}, {"description", "City."},
                                {"location", {{"lat", 41.89193}, {"lon", 12.51133}}},
                                {"mentions", json::array({{{"paragraph", "p3"}, {"exact", "Rome"}}})},
                                {"citations", json::array({{{"publication", "GeoNames"}, {"url", "https://www.geonames.org/3169070"}}})}});
    const LoadResult in_italy = load_json(rome);
    ASSERT_TRUE(in_italy.pack.has_value()) << all_messages(in_italy);
    EXPECT_TRUE(in_italy.warnings.empty()) << all_messages(in_italy);
    rome["entities"].erase(rome["entities"].end() - 2);  // without Italy, Rome swapped lies in Ethiopia
    EXPECT_EQ(load_json(rome).warnings.size(), 1u) << all_messages(load_json(rome));
    pack["entities"][3].erase("mentions");
    pack["entities"][4]["location"] = {{"lat", 7.67344}, {"lon", 36.83441}};

    // A country's own label point.
    pack["entities"][3]["location"] = {{"lat", 39.5}, {"lon", 8.5}};
    const LoadResult label = load_json(pack);
    ASSERT_EQ(label.warnings.size(), 1u);
    EXPECT_EQ(label.warnings[0].path, "/entities/3/location");

    // Swapped, Urumqi lies in Russia's box as in China's: the smaller names it, whatever the
    // order of the pack (the first in it was named: Harbin "in Russia", an author trial).
    json asia = minimal_pack();
    asia["article"]["paragraphs"].push_back({{"id", "p2"}, {"text", "Russia and China share a long border."}});
    const json russia = {{"id", "russia"}, {"kind", "place"}, {"name", "Russia"}, {"description", "Country."}, {"country", "643"},
                         {"mentions", json::array({{{"paragraph", "p2"}, {"exact", "Russia"}}})}};
    const json china = {{"id", "china"}, {"kind", "place"}, {"name", "China"}, {"description", "Country."}, {"country", "156"},
                        {"mentions", json::array({{{"paragraph", "p2"}, {"exact", "China"}}})}};
    const json urumqi = {{"id", "urumqi"}, {"kind", "place"}, {"name", "Urumqi"}, {"description", "City."},
                         {"location", {{"lat", 87.6168}, {"lon", 43.8256}}},
                         {"citations", json::array({{{"publication", "GeoNames"}, {"url", "https://www.geonames.org/1529102"}}})}};
    for (const bool russia_first : {true, false}) {
        json order = asia;
        for (const json& e : russia_first ? std::vector<json>{russia, china, urumqi} : std::vector<json>{china, russia, urumqi}) order["entities"].push_back(e);
        const LoadResult r = load_json(order);
        ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
        ASSERT_EQ(r.warnings.size(), 1u) << all_messages(r);
        EXPECT_NE(r.warnings[0].message.find("lies outside China, but"), std::string::npos) << r.warnings[0].message;
    }
}

// Accepted as drafted, an entity's card read "Suggested from the sentence: …" or "Person
// named in the article." to readers (an author trial accepted every suggestion and
// published them). The validator says so; a suggestion not yet accepted may keep one.
TEST(Pack, TheDraftersStandInDescriptionsGetAWarningOnceAccepted) {
    enable_author_checks();
    json pack = minimal_pack();
    pack["entities"][1]["description"] = std::string(kPersonStandIn);
    pack["entities"][2]["description"] = std::string(kSentenceStandInStart) + "President Abraham Lincoln spoke at Gettysburg in November 1863.";
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    ASSERT_EQ(r.warnings.size(), 2u) << all_messages(r);
    EXPECT_EQ(r.warnings[0].path, "/entities/1/description");
    EXPECT_NE(r.warnings[0].message.find("the drafter's stand-in \"Person named in the article.\""), std::string::npos) << r.warnings[0].message;
    EXPECT_NE(r.warnings[0].message.find("\"Abraham Lincoln\"'s card"), std::string::npos) << r.warnings[0].message;
    EXPECT_EQ(r.warnings[1].path, "/entities/2/description");
    // Still a suggestion (not reviewed yet): nothing to say.
    pack["entities"][1]["suggestion"] = {{"rule", "a speaker"}, {"evidence", {{"paragraph", "p1"}, {"exact", "President Abraham Lincoln"}}}};
    pack["entities"][2]["description"] = "Lincoln's address at the dedication of the Soldiers' National Cemetery.";
    const LoadResult suggested = load_json(pack);
    ASSERT_TRUE(suggested.pack.has_value()) << all_messages(suggested);
    EXPECT_TRUE(suggested.warnings.empty()) << all_messages(suggested);
    // Words that only begin alike are the author's.
    EXPECT_FALSE(is_stand_in_description("Person named in the article, and its first speaker."));
    EXPECT_TRUE(is_stand_in_description(std::string(kNewEntityStandInStart) + "Sinjar”."));
}

TEST(Pack, RelativeDateAfterPublicationGetsAWarning) {
    enable_author_checks();
    json pack = minimal_pack();  // published 2015-11-18
    pack["entities"][2]["date"] = {{"relative", "Dec. 25"}};
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].path, "/entities/2/date/relative");
    const std::string& message = r.warnings[0].message;
    EXPECT_NE(message.find("\"Dec. 25\" resolves to 2015-12-25, after the article's publication date (2015-11-18)"), std::string::npos) << message;
    EXPECT_NE(message.find("\"2014-12-25\""), std::string::npos) << message;
    // Its advice for an event still to come, followed, loads without a word (it said to
    // mark the event expected, which an event with a date cannot be: an author trial).
    EXPECT_NE(message.find("replace its \"date\" with \"expected\": true"), std::string::npos) << message;
    json followed = pack;
    followed["entities"][2].erase("date");
    followed["entities"][2]["expected"] = true;
    const LoadResult expected = load_json(followed);
    EXPECT_TRUE(expected.pack && expected.errors.empty() && expected.warnings.empty()) << all_messages(expected);
    // Before publication: no warning.
    pack["entities"][2]["date"] = {{"relative", "Nov. 13"}};
    EXPECT_TRUE(load_json(pack).warnings.empty());
}

// The same slip written as a plain date, "2016-10" in an article of 2015, with the same
// advice for an event still to come (it passed without a word: an outside tester's trial).
TEST(Pack, PlainDateAfterPublicationGetsAWarning) {
    enable_author_checks();
    json pack = minimal_pack();  // published 2015-11-18
    pack["entities"][2]["date"] = {{"iso", "2016-10"}};
    const LoadResult r = load_json(pack);
    ASSERT_TRUE(r.pack.has_value()) << all_messages(r);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].path, "/entities/2/date/iso");
    EXPECT_EQ(r.warnings[0].message, "date \"2016-10\" starts after the article's publication date (2015-11-18): if the event "
                                     "is still to come, replace its \"date\" with \"expected\": true (an expected event has no "
                                     "date yet); if not, correct the date");
    // After an update that could report it, the update is what it is measured against.
    pack["article"]["updated"] = "2016-10-20";
    EXPECT_TRUE(load_json(pack).warnings.empty()) << format_diagnostic(load_json(pack).warnings.at(0));
    pack["entities"][2]["date"] = {{"iso", "2016-11"}};
    const LoadResult updated = load_json(pack);
    ASSERT_EQ(updated.warnings.size(), 1u);
    EXPECT_NE(updated.warnings[0].message.find("\"2016-11\" starts after the article's last update (2016-10-20)"), std::string::npos)
        << updated.warnings[0].message;
    // Up to the publication day, a range that starts before it, a time on the day: no warning.
    pack = minimal_pack();
    for (const char* iso : {"2015-11-18", "2015", "2015-11-01/2016-03", "2015-11-18T23:30-05:00"}) {
        pack["entities"][2]["date"] = {{"iso", iso}};
        const LoadResult quiet = load_json(pack);
        EXPECT_TRUE(quiet.pack && quiet.warnings.empty()) << iso << "\n" << all_messages(quiet);
    }
}

// The new checks stay quiet on every pack the project ships or tests with.
TEST(Pack, ShippedAndTestPacksGetNoWarnings) {
    enable_author_checks();
    std::vector<std::string> packs;
    for (const char* folder : {"content", "tests/packs"})
        for (const auto& entry : std::filesystem::directory_iterator(std::string(EXPLAINER_SOURCE_DIR) + "/" + folder))
            if (entry.path().extension() == ".json" && entry.path().filename() != "pack.schema.json")
                packs.push_back(std::string(folder) + "/" + entry.path().filename().string());
    ASSERT_GT(packs.size(), 10u);
    for (const std::string& file : packs) {
        const LoadResult r = load_source_file(file);
        EXPECT_TRUE(r.pack.has_value()) << all_messages(r);
        for (const Diagnostic& d : r.warnings) ADD_FAILURE() << format_diagnostic(d);
    }
}

TEST(Pack, LimitsDoNotReportTheirConsequences) {
    json pack = minimal_pack();
    json& paragraphs = pack["article"]["paragraphs"];
    const json first = paragraphs[0];
    paragraphs = json::array();
    for (int i = 0; i < 1000; ++i) paragraphs.push_back({{"id", "x" + std::to_string(i)}, {"text", "Filler."}});
    paragraphs.push_back(first);  // p1, the mentions' paragraph, is the 1001st
    const LoadResult r = load_json(pack);
    ASSERT_EQ(r.errors.size(), 1u) << all_messages(r);
    EXPECT_EQ(r.errors[0].path, "/article/paragraphs");
    EXPECT_NE(r.errors[0].message.find("not checked"), std::string::npos) << r.errors[0].message;

    // A paragraph cut at its limit: mentions past the cut are not reported either.
    pack = minimal_pack();
    pack["article"]["paragraphs"][0]["text"] = std::string(16 * 1024, 'a') + " President Abraham Lincoln spoke at Gettysburg.";
    expect_single_error(load_json(pack), "/article/paragraphs/0/text", "at most 16384 (split it)");
}

} // namespace
} // namespace explainer
