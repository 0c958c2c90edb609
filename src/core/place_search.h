// Place search for the editor's map and Explainer.editor.searchPlaces: the gazetteer's
// places, countries and regions whose name matches a query, best first.
//
// STOPGAP until helper `gazweb` lands its search_places() in gazetteer.h (same struct,
// same signature): this one matches whole names only (folded, then transliteration
// variants), exact matches before loose ones, then by population. At merge, this file
// and place_search.cpp go and gazweb's version stays.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include "gazetteer.h"

namespace explainer {

struct PlaceHit {
    std::string name;
    std::string country;        // ISO 3166-1 alpha-2 ("IQ")
    double lat = 0;
    double lon = 0;
    std::int64_t population = 0;
    std::int64_t geonameid = 0;
};

std::vector<PlaceHit> search_places(const Gazetteer& gazetteer, std::string_view query, std::size_t limit);

} // namespace explainer
