// STOPGAP search_places (see place_search.h).
#include "place_search.h"

#include <algorithm>

namespace explainer {

std::vector<PlaceHit> search_places(const Gazetteer& gazetteer, std::string_view query, std::size_t limit) {
    std::vector<PlaceHit> hits;
    const auto add = [&](const std::vector<const GazetteerPlace*>& places) {
        std::vector<const GazetteerPlace*> sorted = places;
        std::sort(sorted.begin(), sorted.end(), [](const GazetteerPlace* a, const GazetteerPlace* b) { return a->population > b->population; });
        for (const GazetteerPlace* p : sorted) {
            const bool seen = std::any_of(hits.begin(), hits.end(), [&](const PlaceHit& h) { return h.geonameid == p->geonameid; });
            if (!seen) hits.push_back({p->name, p->country, p->lat, p->lon, p->population, p->geonameid});
        }
    };
    add(gazetteer.places_named(query, false));
    add(gazetteer.places_named(query, true));
    if (hits.size() > limit) hits.resize(limit);
    return hits;
}

} // namespace explainer
