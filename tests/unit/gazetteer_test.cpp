// The gazetteer's search (search_places) and its browser form (an index and shards,
// tools/gazetteer_shards.cpp): ranking on a small fixture, search on the built GeoNames
// data (Latin accents, a transliterated Arabic name, Pacific islands), and the sharded
// copy giving the drafter exactly what the full file gives.
#include "core/gazetteer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/draft.h"
#include "core/pack.h"

namespace explainer {
namespace {

using ::testing::HasSubstr;

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> names_of(const std::vector<PlaceHit>& hits) {
    std::vector<std::string> out;
    for (const PlaceHit& h : hits) out.push_back(h.name + "/" + h.country);
    return out;
}

// Rows are fixtures (made-up populations and ids), not GeoNames records.
constexpr std::string_view kFixture =
    "# explainer-gazetteer/1\n"
    "C\tCL\t152\tChile|Republic of Chile\t-33.45\t-70.65\n"
    "C\tGE\t268\tGeorgia\t41.69\t44.83\n"
    "C\tPH\t608\tPhilippines\t14.6\t120.98\n"
    "C\tAQ\t010\tAntarctica\n"
    "R\t005\tSouth America\t152\n"
    "P\tSantiago\t-33.45\t-70.65\t5000000\tCL\t12\t100\n"
    "P\tSantiago\t7.7\t125.1\t100000\tPH\t02\t1\n"
    "P\tSantiago de Cuba\t20.02\t-75.82\t500000\tCU\t15\t1\n"
    "P\tSantiaguito\t14.7\t-91.6\t2000\tGT\t09\t1\n"
    "P\tGeorgia\t40.0\t-80.0\t3000\tUS\tPA\t1\n"
    "P\tKraków\t50.06\t19.94\t755050\tPL\t77\t1\n"
    "P\tAr Raqqah\t35.95\t39.01\t177636\tSY\t04\t1\n";

const Gazetteer& fixture() {
    static const Gazetteer g = [] {
        std::string error;
        auto parsed = Gazetteer::parse(kFixture, error);
        EXPECT_TRUE(parsed) << error;
        return *parsed;
    }();
    return g;
}

TEST(PlaceSearchTest, WholeNamesBeforePrefixesThenPopulation) {
    EXPECT_THAT(names_of(search_places(fixture(), "santiago", 10)),
                ::testing::ElementsAre("Santiago/CL", "Santiago/PH", "Santiago de Cuba/CU"));  // not Santiaguito
    EXPECT_THAT(names_of(search_places(fixture(), "SANTIAGO", 2)), ::testing::ElementsAre("Santiago/CL", "Santiago/PH"));
    EXPECT_THAT(names_of(search_places(fixture(), "santia", 10)),
                ::testing::ElementsAre("Santiago/CL", "Santiago de Cuba/CU", "Santiago/PH", "Santiaguito/GT"));
    EXPECT_TRUE(search_places(fixture(), "santiago", 0).empty());
    EXPECT_TRUE(search_places(fixture(), " ,.", 5).empty());
}

TEST(PlaceSearchTest, NameCommaCountryKeepsThatCountry) {
    EXPECT_THAT(names_of(search_places(fixture(), "Santiago, Philippines", 10)), ::testing::ElementsAre("Santiago/PH"));
    EXPECT_THAT(names_of(search_places(fixture(), "santiago,chile", 10)), ::testing::ElementsAre("Santiago/CL"));
    // A comma followed by no country name is part of the name.
    EXPECT_TRUE(search_places(fixture(), "Santiago, Atlantis", 10).empty());
}

TEST(PlaceSearchTest, CountriesAndRegionsComeFirstWithTheirCodes) {
    const auto georgia = search_places(fixture(), "Georgia", 10);
    ASSERT_EQ(georgia.size(), 2u);
    EXPECT_EQ(georgia[0].kind, PlaceHit::Kind::Country);
    EXPECT_EQ(georgia[0].code, "268");
    EXPECT_NEAR(georgia[0].lat, 41.69, 1e-9);  // at its capital
    EXPECT_EQ(georgia[1].kind, PlaceHit::Kind::Place);
    EXPECT_EQ(georgia[1].country, "US");

    const auto chile = search_places(fixture(), "Republic of Chile", 10);
    ASSERT_EQ(chile.size(), 1u);
    EXPECT_EQ(chile[0].name, "Chile");  // named as the map names it

    const auto antarctica = search_places(fixture(), "antarc", 10);
    ASSERT_EQ(antarctica.size(), 1u);
    EXPECT_FALSE(antarctica[0].has_location);  // no capital: the editor asks for a point

    const auto region = search_places(fixture(), "south am", 10);
    ASSERT_EQ(region.size(), 1u);
    EXPECT_EQ(region[0].kind, PlaceHit::Kind::Region);
    EXPECT_EQ(region[0].code, "005");
    EXPECT_NEAR(region[0].lat, -33.45, 1e-6);  // its one member's capital
    EXPECT_NEAR(region[0].lon, -70.65, 1e-6);
}

TEST(PlaceSearchTest, AccentsCaseAndTransliterationAreForgiven) {
    ASSERT_EQ(search_places(fixture(), "krakow", 5).size(), 1u);
    EXPECT_EQ(search_places(fixture(), "KRAKÓW", 5)[0].name, "Kraków");
    const auto raqqa = search_places(fixture(), "Raqqa", 5);
    ASSERT_EQ(raqqa.size(), 1u);
    EXPECT_EQ(raqqa[0].name, "Ar Raqqah");
    // Another script has no Latin key: nothing, and no crash.
    EXPECT_TRUE(search_places(fixture(), "Краков", 5).empty());
}

// [SECTION] Shards, on a fixture ------------------------------------------------------------

constexpr std::string_view kIndex =
    "# explainer-gazetteer/1\n"
    "C\tCL\t152\tChile\t-33.45\t-70.65\n"
    "S\tk\t1\n"
    "S\tsa\t3\n"
    "S\tsan\t2\n"
    "S\tr\t1\n"
    "P\tSantiago\t-33.45\t-70.65\t5000000\tCL\t12\t100\n";

TEST(GazetteerShardTest, SaysWhichShardsALookupNeeds) {
    std::string error;
    const auto g = Gazetteer::parse(kIndex, error);
    ASSERT_TRUE(g) << error;
    EXPECT_THAT(g->shards(), ::testing::ElementsAre("k", "r", "sa", "san"));
    EXPECT_EQ(g->shard_for_key("santiago"), "san");
    EXPECT_EQ(g->shard_for_key("salta"), "sa");
    EXPECT_EQ(g->shard_for_key("sa"), "sa");
    EXPECT_EQ(g->shard_for_key("paris"), "k");  // "k" runs to "r"
    EXPECT_EQ(g->shard_for_key("ar raqqah"), "");  // before the first shard
    EXPECT_THAT(g->shards_for_name("Kraków"), ::testing::ElementsAre("k"));
    // "Ar Raqqah" is stored under its key and under its loose key (without the article).
    EXPECT_THAT(g->shards_for_name("Ar Raqqah"), ::testing::ElementsAre("r"));
    EXPECT_THAT(g->shards_for_search("sa"), ::testing::UnorderedElementsAre("sa", "san"));
    EXPECT_THAT(g->shards_for_search("santi"), ::testing::ElementsAre("san"));
    // Too many for the prefix: the key's own shard, so whole names are all found.
    EXPECT_THAT(g->shards_for_search("sa", 1), ::testing::ElementsAre("sa"));
    EXPECT_FALSE(g->search_is_complete("sa", 1));
    EXPECT_TRUE(g->search_is_complete("sa"));
    EXPECT_FALSE(g->search_is_complete("s"));
    EXPECT_THAT(g->shards_for_search("s"), ::testing::IsEmpty());      // too short to choose
}

TEST(GazetteerShardTest, MergesShardsOnceAndKeepsEachPlaceOnce) {
    std::string error;
    auto g = Gazetteer::parse(kIndex, error);
    ASSERT_TRUE(g) << error;
    EXPECT_EQ(g->place_count(), 1u);
    const std::string shard =
        "# explainer-gazetteer/1\n"
        "P\tSantiago\t-33.45\t-70.65\t5000000\tCL\t12\t100\n"  // also in the index: kept once
        "P\tSantiago\t7.7\t125.1\t100000\tPH\t02\t1\n";
    ASSERT_TRUE(g->add_shard("san", shard, error)) << error;
    EXPECT_TRUE(g->has_shard("san"));
    EXPECT_EQ(g->place_count(), 2u);
    EXPECT_EQ(g->places_named("Santiago", false).size(), 2u);
    EXPECT_TRUE(g->shards_for_name("Santiago").empty());
    ASSERT_TRUE(g->add_shard("san", shard, error));  // again: nothing changes
    EXPECT_EQ(g->place_count(), 2u);
    EXPECT_THAT(names_of(search_places(*g, "santiago", 5)), ::testing::ElementsAre("Santiago/CL", "Santiago/PH"));
}

TEST(GazetteerShardTest, ABadShardIsRefusedWithItsFileAndLineAndChangesNothing) {
    std::string error;
    auto g = Gazetteer::parse(kIndex, error);
    ASSERT_TRUE(g) << error;
    // What a server gives for a missing file.
    EXPECT_FALSE(g->add_shard("k", "<!DOCTYPE html><title>404 Not Found</title>", error));
    EXPECT_THAT(error, HasSubstr("s-k.txt line 1"));
    EXPECT_THAT(error, HasSubstr("header"));
    EXPECT_FALSE(g->add_shard("k", "", error));
    EXPECT_THAT(error, HasSubstr("s-k.txt: empty"));
    EXPECT_FALSE(g->add_shard("x", "# explainer-gazetteer/1\n", error));
    EXPECT_THAT(error, HasSubstr("no such shard"));
    EXPECT_FALSE(g->add_shard("k", "# explainer-gazetteer/1\nC\tCL\t152\tChile\n", error));
    EXPECT_THAT(error, HasSubstr("only P"));
    // A good place, then one that belongs elsewhere: the shard is refused as a whole.
    EXPECT_FALSE(g->add_shard("k",
                              "# explainer-gazetteer/1\n"
                              "P\tKraków\t50.06\t19.94\t755050\tPL\t77\t1\n"
                              "P\tSantiago\t7.7\t125.1\t100000\tPH\t02\t1\n",
                              error));
    EXPECT_THAT(error, HasSubstr("line 3"));
    EXPECT_THAT(error, HasSubstr("\"Santiago\" does not belong"));
    EXPECT_FALSE(g->has_shard("k"));
    EXPECT_EQ(g->place_count(), 1u);
    EXPECT_TRUE(g->places_named("Krakow", false).empty());
    // Truncated mid-record (a dropped connection).
    EXPECT_FALSE(g->add_shard("k", "# explainer-gazetteer/1\nP\tKraków\t50.06\t19.9", error));
    EXPECT_THAT(error, HasSubstr("line 2"));
}

TEST(GazetteerShardTest, AnIndexRefusesBadShardRecords) {
    std::string error;
    EXPECT_FALSE(Gazetteer::parse("# explainer-gazetteer/1\nS\tS-A\t1\n", error));
    EXPECT_THAT(error, HasSubstr("line 2"));
    EXPECT_FALSE(Gazetteer::parse("# explainer-gazetteer/1\nS\tab\t1\nS\tab\t2\n", error));
    EXPECT_THAT(error, HasSubstr("listed twice"));
    EXPECT_FALSE(Gazetteer::parse("# explainer-gazetteer/1\nC\tCL\t152\tChile\t95\t0\n", error));
    EXPECT_THAT(error, HasSubstr("capital"));
    EXPECT_EQ(shard_file_name("san "), "s-san_.txt");
}

// [SECTION] The built data ----------------------------------------------------------------------

#if defined(EXPLAINER_GAZETTEER_FILE) && defined(EXPLAINER_GAZETTEER_WEB_DIR)

const Gazetteer& full() {
    static const Gazetteer g = [] {
        std::string error;
        auto parsed = Gazetteer::parse(read_file(EXPLAINER_GAZETTEER_FILE), error);
        EXPECT_TRUE(parsed) << error;
        return *parsed;
    }();
    return g;
}

std::optional<Gazetteer> browser_index() {
    std::string error;
    auto parsed = Gazetteer::parse(read_file(std::filesystem::path(EXPLAINER_GAZETTEER_WEB_DIR) / std::string(kGazetteerIndexFile)), error);
    EXPECT_TRUE(parsed) << error;
    return parsed;
}

// Merges the shards, as the browser fetches them; returns the bytes read.
std::size_t merge(Gazetteer& g, const std::vector<std::string>& shards) {
    std::size_t bytes = 0;
    for (const std::string& shard : shards) {
        const std::string text = read_file(std::filesystem::path(EXPLAINER_GAZETTEER_WEB_DIR) / shard_file_name(shard));
        std::string error;
        EXPECT_TRUE(g.add_shard(shard, text, error)) << error;
        bytes += text.size();
    }
    return bytes;
}

TEST(BuiltGazetteerTest, SearchFindsPlacesOfEveryContinentAndScript) {
    const auto first = [](std::string_view query) { return search_places(full(), query, 5).at(0); };
    EXPECT_EQ(first("krakow").geonameid, 3094802);          // Kraków
    EXPECT_EQ(first("sao paulo").geonameid, 3448439);       // São Paulo
    EXPECT_EQ(first("Santiago, Chile").geonameid, 3871336);
    EXPECT_EQ(first("Santiago").geonameid, 3871336);        // the most populous
    EXPECT_EQ(first("Raqqa").geonameid, 172955);            // Ar Raqqah, transliterated another way
    EXPECT_EQ(first("Nukualofa").geonameid, 4032402);       // Nuku‘alofa, Tonga
    EXPECT_EQ(first("nuku'alofa").country, "TO");
    EXPECT_EQ(first("Hagatna").geonameid, 4044012);         // Hagåtña, Guam
    EXPECT_EQ(first("valparaiso, chile").geonameid, 3868626);
    const PlaceHit iraq = first("Iraq");
    EXPECT_EQ(iraq.kind, PlaceHit::Kind::Country);
    EXPECT_EQ(iraq.code, "368");
    EXPECT_NEAR(iraq.lat, 33.34, 0.05);  // Baghdad
    EXPECT_EQ(first("Western Asia").kind, PlaceHit::Kind::Region);
    const auto sao = search_places(full(), "São", 20);
    EXPECT_EQ(sao.size(), 20u);
    EXPECT_EQ(sao[0].name, "São Tomé and Principe");  // countries first
    EXPECT_EQ(sao[1].name, "São Paulo");              // then the most populous place of the prefix
}

// A country is named as its first shape in the atlas: Natural Earth gives Australia's code
// (036) to the Ashmore and Cartier Islands as well.
TEST(BuiltGazetteerTest, CountriesHaveTheNamesStoriesUse) {
    const GazetteerCountry* australia = full().country_by_alpha2("AU");
    ASSERT_TRUE(australia);
    EXPECT_EQ(australia->names.front(), "Australia");
    EXPECT_EQ(full().country_named("Ashmore and Cartier Is."), nullptr);
    EXPECT_EQ(full().country_named("Australia"), australia);
}

// A name GeoNames qualifies after a comma is also the name before it: "Washington" is
// Washington, D.C. (geonameid 4140963), the city a story means by it.
TEST(BuiltGazetteerTest, PlacesAreNamedWithoutTheirQualifier) {
    std::vector<std::int64_t> ids;
    for (const GazetteerPlace* p : full().places_named("Washington", false)) ids.push_back(p->geonameid);
    EXPECT_THAT(ids, ::testing::Contains(4140963));
}

TEST(BuiltGazetteerTest, ShardsGiveTheSameLookupsAsTheFullFile) {
    auto g = browser_index();
    ASSERT_TRUE(g);
    EXPECT_GT(g->shards().size(), 50u);
    for (const std::string name : {"Sinjar", "Raqqa", "Kraków", "Nuku'alofa", "Santiago", "Paris", "Al Anbar", "Ramadi", "Springfield", "Zürich"}) {
        Gazetteer copy = *g;
        merge(copy, copy.shards_for_name(name));
        for (const bool loose : {false, true}) {
            std::set<std::int64_t> want, got;
            for (const GazetteerPlace* p : full().places_named(name, loose)) want.insert(p->geonameid);
            for (const GazetteerPlace* p : copy.places_named(name, loose)) got.insert(p->geonameid);
            EXPECT_EQ(got, want) << name << (loose ? " (loose)" : "");
        }
    }
    for (const std::string query : {"krak", "sao paulo", "Santiago, Chile", "nukua", "Raqqa", "Georgia"}) {
        Gazetteer copy = *g;
        merge(copy, copy.shards_for_search(query));
        EXPECT_EQ(names_of(search_places(copy, query, 10)), names_of(search_places(full(), query, 10))) << query;
    }
}

// The drafter in the browser: the shards of draft_place_names, then the same draft.
TEST(BuiltGazetteerTest, ADraftWithTheShardsItNeedsIsTheDraftWithTheFullFile) {
    const auto index = browser_index();
    ASSERT_TRUE(index);
    // The test articles (plain text) and the packs' own paragraphs (the seed's included).
    std::vector<std::pair<std::string, DraftInput>> inputs;
    for (const auto& entry : std::filesystem::directory_iterator(EXPLAINER_SOURCE_DIR "/tests/draft"))
        if (entry.path().extension() == ".txt" && entry.path().filename().string().rfind("refused-", 0) != 0) {
            DraftInput input;
            ASSERT_EQ(parse_article_text(read_file(entry.path()), input), "") << entry.path();
            inputs.push_back({entry.path().string(), std::move(input)});
        }
    std::vector<std::filesystem::path> packs = {EXPLAINER_SOURCE_DIR "/content/isis-losing-ground.json"};
    for (const auto& entry : std::filesystem::directory_iterator(EXPLAINER_SOURCE_DIR "/tests/packs"))
        if (entry.path().extension() == ".json") packs.push_back(entry.path());
    for (const auto& path : packs) {
        const LoadResult loaded = load_pack(read_file(path), path.string());
        if (!loaded.pack) continue;
        DraftInput input{loaded.pack->article.headline, loaded.pack->article.source, loaded.pack->article.published.iso, "", {}};
        for (const Paragraph& p : loaded.pack->article.paragraphs) input.paragraphs.push_back(p.text);
        inputs.push_back({path.string(), std::move(input)});
    }
    ASSERT_GE(inputs.size(), 6u);
    for (const auto& [article, input] : inputs) {
        Gazetteer g = *index;
        std::vector<std::string> shards;
        for (const std::string& name : draft_place_names(input))
            for (std::string& shard : g.shards_for_name(name))
                if (std::find(shards.begin(), shards.end(), shard) == shards.end()) shards.push_back(std::move(shard));
        const std::size_t bytes = merge(g, shards);
        const DraftResult with_shards = draft_pack(input, &g);
        const DraftResult with_full = draft_pack(input, &full());
        ASSERT_EQ(with_full.error, "") << article;
        EXPECT_TRUE(with_shards.pack_json == with_full.pack_json) << article << ": the draft differs from the full gazetteer's";
        // Drafting does not fetch the whole gazetteer.
        EXPECT_LT(g.place_count(), full().place_count() / 4) << article << ": " << shards.size() << " shards, " << bytes << " bytes";
    }
}

#endif

} // namespace
} // namespace explainer
