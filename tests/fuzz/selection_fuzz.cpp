// libFuzzer target for the linked-selection model over random valid packs (built with
// tests/support/pack_builder.h: every relation names an existing entity of the kind the
// validator demands). Invariants (a violation aborts, in any build):
// - linked_to(id): focus first, no repeats, only pack entities, paragraphs sorted and in
//   range, contains() agrees with a linear search, by id and by index; links run both ways;
// - places_of(id): only place ids, no repeats;
// - place_is_future() agrees with first_event_day_by_entity() for every place and day.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "core/selection.h"
#include "support/pack_builder.h"

namespace {

using namespace explainer;

void require(bool condition, const char* what, const std::string& detail = {}) {
    if (condition) return;
    std::fprintf(stderr, "selection_fuzz: %s [%s]\n", what, detail.c_str());
    std::abort();
}

constexpr EntityKind kKinds[] = {EntityKind::Place, EntityKind::Person, EntityKind::Organisation,
                                 EntityKind::Event, EntityKind::Quote, EntityKind::Figure};

Pack random_pack(FuzzedDataProvider& input) {
    Pack pack;
    pack.id = "fuzz";
    const int paragraphs = input.ConsumeIntegralInRange<int>(0, 6);
    for (int i = 0; i < paragraphs; ++i) test_support::add_paragraph(pack, "p" + std::to_string(i), "text");
    const int count = input.ConsumeIntegralInRange<int>(1, 24);
    for (int i = 0; i < count; ++i)
        test_support::add_entity(pack, "e" + std::to_string(i), kKinds[input.ConsumeIntegralInRange<int>(0, 5)]);

    // An id of an entity of one of `kinds`, or "" when the pack has none.
    auto pick = [&](std::initializer_list<EntityKind> kinds) -> std::string {
        std::vector<const Entity*> fits;
        for (const Entity& e : pack.entities)
            if (std::find(kinds.begin(), kinds.end(), e.kind) != kinds.end()) fits.push_back(&e);
        if (fits.empty()) return {};
        return fits[input.ConsumeIntegralInRange<std::size_t>(0, fits.size() - 1)]->id;
    };
    auto pick_some = [&](std::initializer_list<EntityKind> kinds) {
        std::vector<std::string> ids;
        for (int n = input.ConsumeIntegralInRange<int>(0, 3); n > 0; --n)
            if (std::string id = pick(kinds); !id.empty()) ids.push_back(id);
        return ids;
    };
    const auto any = {EntityKind::Place, EntityKind::Person, EntityKind::Organisation,
                      EntityKind::Event, EntityKind::Quote, EntityKind::Figure};
    for (Entity& e : pack.entities) {
        for (int n = paragraphs ? input.ConsumeIntegralInRange<int>(0, 3) : 0; n > 0; --n) {
            Mention mention;
            mention.paragraph_index = input.ConsumeIntegralInRange<std::size_t>(0, paragraphs - 1);
            mention.paragraph = pack.article.paragraphs[mention.paragraph_index].id;
            e.mentions.push_back(mention);
        }
        switch (e.kind) {
        case EntityKind::Place: break;
        case EntityKind::Person:
            e.place = input.ConsumeBool() ? pick({EntityKind::Place}) : "";
            e.affiliations = pick_some({EntityKind::Organisation});
            break;
        case EntityKind::Organisation:
        case EntityKind::Work: break;
        case EntityKind::Event:
            e.places = pick_some({EntityKind::Place});
            e.participants = pick_some({EntityKind::Person, EntityKind::Organisation});
            if (input.ConsumeBool()) {
                const int start = input.ConsumeIntegralInRange<int>(-1000, 1000);
                e.date = DateSpan{start, start + input.ConsumeIntegralInRange<int>(0, 100)};
            }
            break;
        case EntityKind::Quote:
            e.speaker = pick({EntityKind::Person});
            e.place = input.ConsumeBool() ? pick({EntityKind::Place}) : "";
            break;
        case EntityKind::Figure:
            e.place = input.ConsumeBool() ? pick({EntityKind::Place}) : "";
            if (input.ConsumeBool()) {
                const std::string from = pick({EntityKind::Place}), to = pick({EntityKind::Place});
                if (!from.empty() && !to.empty()) e.check = FigureCheck{"distance", from, to, 1, "km"};
            }
            break;
        }
        e.related = pick_some(any);
        e.related.erase(std::remove(e.related.begin(), e.related.end(), e.id), e.related.end());
    }
    return pack;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const Pack pack = random_pack(input);

    std::vector<std::set<std::string>> links(pack.entities.size());
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        const std::string& id = pack.entities[i].id;
        const Linked linked = linked_to(pack, id);
        require(!linked.entities.empty() && linked.entities.front() == id && linked.focus == id, "focus first", id);
        const std::set<std::string> unique(linked.entities.begin(), linked.entities.end());
        require(unique.size() == linked.entities.size(), "repeated entity", id);
        for (const std::string& other : linked.entities) require(pack.find(other) != nullptr, "unknown entity", other);
        require(std::is_sorted(linked.paragraphs.begin(), linked.paragraphs.end()) &&
                    std::adjacent_find(linked.paragraphs.begin(), linked.paragraphs.end()) == linked.paragraphs.end(),
                "paragraphs not sorted and unique", id);
        for (const std::size_t p : linked.paragraphs) {
            require(p < pack.article.paragraphs.size(), "paragraph out of range", id);
            require(linked.mentions_paragraph(p), "mentions_paragraph misses a paragraph", id);
        }
        for (std::size_t k = 0; k < pack.entities.size(); ++k) {
            const std::string& other = pack.entities[k].id;
            require(linked.contains(other) == (unique.count(other) == 1), "contains() disagrees", other);
            require(linked.contains(k, other) == linked.contains(other), "contains() by index disagrees", other);
        }
        require(!linked.contains("not-an-entity"), "contains() an unknown id");
        links[i] = unique;

        const std::vector<std::string> places = places_of(pack, id);
        require(std::set<std::string>(places.begin(), places.end()).size() == places.size(), "repeated place", id);
        for (const std::string& place : places) {
            const Entity* entity = pack.find(place);
            require(entity && entity->kind == EntityKind::Place, "places_of gave a non-place", place);
        }
    }
    for (std::size_t i = 0; i < pack.entities.size(); ++i)
        for (const std::string& other : links[i])
            require(links[*pack.index_of(other)].count(pack.entities[i].id) == 1, "a link runs one way only",
                    pack.entities[i].id + " -> " + other);
    require(linked_to(pack, "").empty() && linked_to(pack, "not-an-entity").empty(), "unknown focus gives links");

    const std::vector<std::optional<double>> first = first_event_day_by_entity(pack);
    require(first.size() == pack.entities.size(), "one first day per entity");
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        if (pack.entities[i].kind != EntityKind::Place) continue;
        for (const int day : {-1001, -500, 0, 1, 500, 1100}) {
            const TimeCursor cursor = cursor_on_day(day);
            const bool future = first[i] && starts_after_cursor(*first[i], cursor);
            require(place_is_future(pack, pack.entities[i].id, cursor) == future,
                    "place_is_future disagrees with first_event_day_by_entity", pack.entities[i].id);
        }
    }
    return 0;
}
