// The mirror's JSON (article_to_json, place_countries_to_json): the timeline in time order
// with valid <time datetime> values, quotes with speaker and role, the places the map
// draws, the distances the pack checks, and countries found on the real basemap.
#include "core/api_json.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

namespace explainer {
namespace {

using json = nlohmann::json;

Pack load_source_pack(const std::string& relative) {
    std::ifstream in(std::string(EXPLAINER_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    LoadResult loaded = load_pack(text.str(), relative);
    EXPECT_TRUE(loaded.pack.has_value()) << relative << (loaded.errors.empty() ? "" : ": " + format_diagnostic(loaded.errors[0]));
    return loaded.pack ? std::move(*loaded.pack) : Pack{};
}

const json* find_id(const json& list, const std::string& id) {
    for (const json& item : list)
        if (item["id"] == id) return &item;
    return nullptr;
}

TEST(MirrorJson, TimelineInTimeOrderWithDatetimesAndPlaces) {
    const json out = json::parse(article_to_json(load_source_pack("content/isis-losing-ground.json")));
    const json& timeline = out["timeline"];
    ASSERT_GE(timeline.size(), 10u);
    std::string previous;
    bool undated_seen = false;
    for (const json& event : timeline) {
        if (event["datetime"].is_null()) { undated_seen = true; continue; }
        EXPECT_FALSE(undated_seen) << "dated after undated: " << event["id"];
        const std::string datetime = event["datetime"];
        EXPECT_EQ(datetime.find('/'), std::string::npos) << "a range is not a <time datetime> value: " << datetime;
        EXPECT_LE(previous, datetime) << event["id"];
        previous = datetime;
    }
    const json* fronts = find_id(timeline, "attacks-on-fronts");
    ASSERT_TRUE(fronts);
    EXPECT_EQ((*fronts)["datetime"], "2015-11-16");
    EXPECT_EQ((*fronts)["when"], "about 16\u201319 November 2015");
    EXPECT_EQ((*fronts)["places"], json::parse(R"([{"id":"ramadi","name":"Ramadi"},{"id":"raqqa","name":"Raqqa"}])"));
    const json* baiji = find_id(timeline, "baiji-battles");
    ASSERT_TRUE(baiji);
    EXPECT_EQ((*baiji)["datetime"], "2014-06") << "a month as written is a valid month string";
    EXPECT_EQ((*find_id(timeline, "more-attacks-in-europe"))["when"], "Expected, not dated");
}

// Every mention is a span of its own paragraph, and only of it, in reading order (outer
// before inner where mentions nest), for the mirror to wrap.
TEST(MirrorJson, EachParagraphHasItsOwnMentionsOuterBeforeInner) {
    for (const char* file : {"tests/packs/nested-mentions.json", "content/isis-losing-ground.json"}) {
        SCOPED_TRACE(file);
        const Pack pack = load_source_pack(file);
        const json out = json::parse(article_to_json(pack));
        ASSERT_EQ(out["paragraphs"].size(), pack.article.paragraphs.size());
        std::size_t nested = 0;
        for (std::size_t p = 0; p < pack.article.paragraphs.size(); ++p) {
            const json& spans = out["paragraphs"][p]["spans"];
            std::multiset<std::tuple<std::size_t, std::size_t, std::string>> expected, got;
            for (const Entity& e : pack.entities)
                for (const Mention& m : e.mentions)
                    if (m.paragraph_index == p) expected.insert({m.begin, m.end, e.id});
            for (std::size_t i = 0; i < spans.size(); ++i) {
                got.insert({spans[i]["begin"].get<std::size_t>(), spans[i]["end"].get<std::size_t>(), spans[i]["id"].get<std::string>()});
                if (i == 0) continue;
                const json& before = spans[i - 1];
                EXPECT_TRUE(before["begin"] < spans[i]["begin"] || (before["begin"] == spans[i]["begin"] && before["end"] >= spans[i]["end"]))
                    << "paragraph " << p << ", span " << i << " out of reading order";
                if (spans[i]["begin"] < before["end"]) ++nested;
            }
            EXPECT_EQ(got, expected) << "paragraph " << p;
        }
        if (std::string(file).find("nested") != std::string::npos) EXPECT_GT(nested, 0u) << "the pack nests mentions";
    }
}

TEST(MirrorJson, QuotesPlacesAndDistances) {
    const json out = json::parse(article_to_json(load_source_pack("content/isis-losing-ground.json")));
    const json* quote = find_id(out["quotes"], "quote-ismail-besieged");
    ASSERT_TRUE(quote);
    EXPECT_EQ((*quote)["text"], "The city is besieged 360 degrees");
    EXPECT_EQ((*quote)["speaker"]["name"], "Maj. Gen. Thamir Ismail");
    EXPECT_EQ((*quote)["speaker"]["role"], "Commander of SWAT forces in the province");
    EXPECT_TRUE((*quote)["place"].is_null());
    EXPECT_EQ((*find_id(out["quotes"], "quote-sympathizer-paris"))["place"]["name"], "Turkey");

    const json& places = out["places"];
    EXPECT_EQ((*find_id(places, "france"))["country"], true);
    EXPECT_GT((*find_id(places, "europe"))["region"].get<int>(), 40);
    EXPECT_FALSE(find_id(places, "ramadi")->contains("country"));
    ASSERT_EQ(out["distances"].size(), 1u);
    EXPECT_EQ(out["distances"][0]["text"],
              "3,475 km (2,159 mi) from Sinjar to Paris by great circle; the article says some 2,500 miles, about 16% more.");
}

TEST(MirrorJson, NestedAndEmptyPacks) {
    const json nested = json::parse(article_to_json(load_source_pack("tests/packs/nested-mentions.json")));
    const json& spans = nested["paragraphs"][0]["spans"];
    ASSERT_EQ(spans.size(), 3u);
    EXPECT_EQ(spans[0]["id"], "independence-ceremony");  // outermost first
    EXPECT_EQ(spans[1]["id"], "nairobi");
    EXPECT_EQ(spans[2]["id"], "kenya");
    EXPECT_TRUE(nested["quotes"].empty());
    EXPECT_EQ(nested["distances"][0]["text"],
              "442 km (274 mi) from Nairobi to Mombasa by great circle; the article says about 440 kilometres.");

    const json empty = json::parse(article_to_json(load_source_pack("tests/packs/text-only.json")));
    EXPECT_TRUE(empty["timeline"].empty());
    EXPECT_TRUE(empty["quotes"].empty());
    EXPECT_TRUE(empty["places"].empty());
    EXPECT_TRUE(empty["distances"].empty());
}

#ifdef EXPLAINER_BASEMAP_FILE
TEST(MirrorJson, PlaceCountriesFromTheBasemap) {
    std::ifstream in(EXPLAINER_BASEMAP_FILE, std::ios::binary);
    const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
    std::string error;
    const std::optional<Basemap> map = parse_basemap(bytes.data(), bytes.size(), &error);
    ASSERT_TRUE(map) << error;
    const json out = json::parse(place_countries_to_json(load_source_pack("content/isis-losing-ground.json"), *map));
    EXPECT_EQ(out["ramadi"], "Iraq");
    EXPECT_EQ(out["raqqa"], "Syria");
    EXPECT_EQ(out["paris"], "France");
    EXPECT_FALSE(out.contains("france")) << "a country is not given a country";
    EXPECT_FALSE(out.contains("europe"));
    // Cities on the coast that the world layer's simplified coastline leaves in the sea
    // (none of the seed's are): the country whose coast is near, and only that one.
    const Pack coasts = load_source_pack("tests/packs/indian-ocean-tsunami.json");
    const json coastal = json::parse(place_countries_to_json(coasts, *map));
    for (const auto& [id, country] : {std::pair{"phuket", "Thailand"}, {"galle", "Sri Lanka"}, {"chennai", "India"}}) {
        EXPECT_FALSE(country_at(*map, *coasts.find(id)->location)) << id << " is inside a country: the test no longer tests the coast";
        EXPECT_EQ(coastal.value(id, ""), country) << id;
    }
}
#endif

} // namespace
} // namespace explainer
