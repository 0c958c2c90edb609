// The gazetteer the drafter looks places up in: GeoNames' populated places of 1,000 people
// or more, the ISO 3166-1 countries and the UN M49 regions, as built by tools/build-gazetteer.mjs (format
// `explainer-gazetteer/1`, described there). GeoNames data is CC BY 4.0: every suggestion
// made from it cites GeoNames and the place's geonameid.
//
// Names are matched by a folded key (name_key): case, accents, apostrophes and
// punctuation do not matter, so "Sinjar" finds "Sinjār" and "Krakow" finds "Kraków". A
// looser key (loose_name_key) also forgives the usual variants of transliteration
// ("Raqqa" / "Ar Raqqah", "Baiji" / "Bayjī"); a match by it ranks below an exact one.
#pragma once
#include <cstdint>
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
};

// A UN M49 region ("Europe", "Western Asia"): drawn as its countries and areas.
struct GazetteerRegion {
    std::string code;                   // M49 code, "150"
    std::string name;                   // "Europe"
    std::vector<std::string> members;   // numeric codes of its countries and areas
};

class Gazetteer {
public:
    // Parses the built file; on failure returns nullopt with `error` naming the line.
    static std::optional<Gazetteer> parse(std::string_view text, std::string& error);

    // Places whose name folds to the same key; `loose` also counts transliteration variants.
    std::vector<const GazetteerPlace*> places_named(std::string_view name, bool loose) const;
    const GazetteerCountry* country_named(std::string_view name) const;
    const GazetteerCountry* country_by_alpha2(std::string_view alpha2) const;
    const GazetteerRegion* region_named(std::string_view name) const;
    const std::vector<GazetteerCountry>& countries() const { return countries_; }
    std::size_t place_count() const { return places_.size(); }

private:
    std::vector<GazetteerPlace> places_;
    std::vector<GazetteerCountry> countries_;
    std::vector<GazetteerRegion> regions_;
    std::unordered_multimap<std::string, std::uint32_t> by_key_;        // name_key -> places_
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

} // namespace explainer
