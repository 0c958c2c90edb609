// The gazetteer the drafter looks places up in: GeoNames' populated places of 1,000 people
// or more, the ISO 3166-1 countries, the UN M49 regions and the names of the ISO 3166-2
// states, provinces and regions, as built by tools/build-gazetteer.mjs (format
// `explainer-gazetteer/1`, described there). GeoNames data is CC BY 4.0: every suggestion
// made from it cites GeoNames and the place's geonameid.
//
// Names are matched by a folded key (name_key): case, accents, apostrophes and
// punctuation do not matter, so "Sinjar" finds "Sinjār" and "Krakow" finds "Kraków". A
// looser key (loose_name_key) also forgives the usual variants of transliteration
// ("Raqqa" / "Ar Raqqah", "Baiji" / "Bayjī"); a match by it ranks below an exact one.
//
// The browser gets the same data split in two (tools/gazetteer_shards.cpp): an index (the
// countries, regions, divisions, most populous places and the list of shards), parsed with parse(),
// and shards, the places whose folded names fall in a range of keys, merged into it with
// add_shard() as they are fetched. shards_for_name() and shards_for_search() say which
// shards a lookup needs, so the drafter and search see exactly what the full file gives.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace explainer {

struct GazetteerPlace {
    std::string name;          // as GeoNames writes it ("Sinjār")
    double lat = 0;
    double lon = 0;
    std::int64_t population = 0;
    std::string country;       // ISO 3166-1 alpha-2, as GeoNames gives it ("IQ")
    std::string admin1;        // GeoNames first-level division code ("15")
    std::int64_t geonameid = 0;
};

struct GazetteerCountry {
    std::string alpha2;                 // "IQ"
    std::string numeric;                // "368": the code packs and the map use
    std::vector<std::string> names;     // Natural Earth's name first, then ISO's
    bool has_capital = false;           // GeoNames knows its capital (PPLC)
    double capital_lat = 0, capital_lon = 0;
};

// A UN M49 region ("Europe", "Western Asia"): drawn as its countries and areas.
struct GazetteerRegion {
    std::string code;                   // M49 code, "150"
    std::string name;                   // "Europe"
    std::vector<std::string> members;   // numeric codes of its countries and areas
};

// A country's first-level state, province or region (ISO 3166-2). It has no coordinates
// here: the drafter only keeps a small town of the same name from standing in for it.
struct GazetteerDivision {
    std::string code;                   // "US-FL": the country's alpha-2, '-', its own code
    std::string name;                   // "Florida"
    std::string_view country() const { return std::string_view(code).substr(0, 2); }
};

class Gazetteer {
public:
    // Parses the built file or a browser index; on failure returns nullopt with `error`
    // naming the line.
    static std::optional<Gazetteer> parse(std::string_view text, std::string& error);

    // Merges a shard the index lists (the file shard_file_name(prefix)); places already
    // known (same geonameid) are kept once. On failure returns false with `error` naming
    // the shard and line, and the gazetteer is unchanged.
    bool add_shard(std::string_view prefix, std::string_view text, std::string& error);
    // The shards the index lists, sorted, and whether one is merged.
    const std::vector<std::string>& shards() const { return shards_; }
    bool has_shard(std::string_view prefix) const;
    // The shard that holds the places of a folded key. Shards are ranges of keys in
    // sorted order, each named by the key where it starts ("kr", "san j"): the last that
    // starts at or before the key; "" when none does (and for a full file, which has none).
    std::string shard_for_key(std::string_view key) const;
    // The shards not merged yet that places_named(name, loose) needs, for either value of loose.
    std::vector<std::string> shards_for_name(std::string_view name) const;
    // The shards not merged yet that search_places(query) needs: those of the keys that
    // start with the query's. Empty when the query is too short to choose (fewer than 2
    // letters). When the keys that start with it span more than `max_shards` shards, only
    // the shards of the query's own key (and its loose spelling): search then finds every
    // whole name and other spelling, and prefixes among what is merged (the index's most
    // populous places and the shards fetched before); search_is_complete() says which.
    std::vector<std::string> shards_for_search(std::string_view query, std::size_t max_shards = kMaxSearchShards) const;
    // True when search_places(query) sees every place it could match once
    // shards_for_search(query) are merged: at least 2 letters, and no more than
    // `max_shards` shards of keys that start with the query's.
    bool search_is_complete(std::string_view query, std::size_t max_shards = kMaxSearchShards) const;
    static constexpr std::size_t kMaxSearchShards = 12;

    // Places whose name folds to the same key; `loose` also counts transliteration variants.
    std::vector<const GazetteerPlace*> places_named(std::string_view name, bool loose) const;
    const GazetteerCountry* country_named(std::string_view name) const;
    const GazetteerCountry* country_by_alpha2(std::string_view alpha2) const;
    const GazetteerRegion* region_named(std::string_view name) const;
    // The states, provinces and regions whose name folds to the same key as `name`.
    std::vector<const GazetteerDivision*> divisions_named(std::string_view name) const;
    const std::vector<GazetteerCountry>& countries() const { return countries_; }
    std::size_t place_count() const { return places_.size(); }

    const std::vector<GazetteerRegion>& regions() const { return regions_; }
    const std::vector<GazetteerPlace>& places() const { return places_; }
    // Places whose name_key starts with `key_prefix` (each once), and those of its exact
    // loose key, for search.
    std::vector<const GazetteerPlace*> places_with_key_prefix(std::string_view key_prefix) const;
    // Country names (name_key) that start with `key_prefix`, with the country.
    std::vector<std::pair<std::string, const GazetteerCountry*>> countries_with_key_prefix(std::string_view key_prefix) const;

private:
    // Reads P (and, for an index, C, R, D, S) records into this gazetteer; `where` names the
    // file in errors. Only add_shard passes a shard prefix: its places must belong to it.
    bool read_records(std::string_view text, std::string_view where, std::string_view shard, std::string& error);
    void add_place(GazetteerPlace place, const std::vector<std::string>& names);

    std::vector<GazetteerPlace> places_;
    std::vector<GazetteerCountry> countries_;
    std::vector<GazetteerRegion> regions_;
    std::vector<GazetteerDivision> divisions_;
    std::unordered_multimap<std::string, std::uint32_t> division_by_key_;  // name_key -> divisions_
    std::vector<std::string> shards_;                                   // sorted prefixes
    std::vector<std::string> merged_shards_;
    std::unordered_map<std::int64_t, std::uint32_t> by_id_;            // geonameid -> places_
    std::multimap<std::string, std::uint32_t> by_key_;                  // name_key -> places_ (ordered: prefix search)
    std::unordered_multimap<std::string, std::uint32_t> by_loose_key_;  // loose_name_key -> places_
    std::unordered_map<std::string, std::uint32_t> country_by_key_;     // name_key -> countries_
};

// Lower-case ASCII letters and digits, accents removed (Latin, Latin Extended-A/B and
// Additional), apostrophes dropped, every other run of characters one space:
// "‘Ayn Ḩalāqīm" -> "ayn halaqim". Characters with no Latin base are dropped.
std::string name_key(std::string_view name);

// name_key without a leading Arabic article ("ar ", "al-", "el ", ...), with a final
// "h" after a vowel dropped, "y" as "i" and doubled letters single: "ar raqqah" -> "raqa".
std::string loose_name_key(std::string_view name);

// The file a shard is fetched from, beside the index: "s-" and the prefix, a space as "_".
std::string shard_file_name(std::string_view prefix);
// The longest name of a shard (where its range of keys starts).
inline constexpr std::size_t kMaxShardStart = 24;
// The browser index's file name.
inline constexpr std::string_view kGazetteerIndexFile = "index.txt";

// [SECTION] Search --------------------------------------------------------------------

// One search result. Places carry GeoNames' data; a country is put at its capital (or
// 0,0 with has_location false when GeoNames has none); a region at the mean of its
// countries' capitals.
struct PlaceHit {
    std::string name;
    std::string country;      // ISO alpha-2 ("" for a region)
    double lat = 0, lon = 0;
    std::int64_t population = 0;  // 0 for countries and regions (not in the data)
    std::int64_t geonameid = 0;   // 0 for countries and regions
    enum class Kind { Place, Country, Region } kind = Kind::Place;
    std::string code;         // a country's ISO numeric code, a region's M49 code
    bool has_location = true;
    // A region's countries and areas, what a pack's `countries` draws it as (else empty).
    std::vector<std::string> members;
};

// Places, countries and regions whose folded name equals or starts with the query's
// (accents, case and punctuation ignored: "krakow" finds Kraków), and those spelt another
// way (loose_name_key). "Name, Country" keeps the places of that country. Best first:
// whole names, then transliteration variants, then prefixes; in each, countries and
// regions before places, then by population.
std::vector<PlaceHit> search_places(const Gazetteer& gazetteer, std::string_view query, std::size_t limit);

} // namespace explainer
