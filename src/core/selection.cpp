// The linked-selection model (see selection.h for the relations).
//
// Index
// - [SECTION] Relations
// - [SECTION] Linked
// - [SECTION] Emphasis
// - [SECTION] Places and time

#include "selection.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "geo.h"
#include "index_sort.h"

namespace explainer {

// [SECTION] Relations ---------------------------------------------------------------

namespace {

// Calls `visit(id)` for every entity id `entity` names in one of its relation fields.
// Kept kind-agnostic on purpose: the loader decides which fields a kind may fill, and
// whatever it lets through links the same way everywhere.
template <class Visit>
void for_each_reference(const Entity& entity, Visit&& visit) {
    if (!entity.speaker.empty()) visit(std::string_view(entity.speaker));
    if (!entity.place.empty()) visit(std::string_view(entity.place));
    for (const std::string& id : entity.places) visit(std::string_view(id));
    for (const std::string& id : entity.affiliations) visit(std::string_view(id));
    for (const std::string& id : entity.participants) visit(std::string_view(id));
    for (const std::string& id : entity.related) visit(std::string_view(id));
    for (const std::string& id : entity.creators) visit(std::string_view(id));
    if (entity.check) {
        if (!entity.check->from.empty()) visit(std::string_view(entity.check->from));
        if (!entity.check->to.empty()) visit(std::string_view(entity.check->to));
    }
}

// Where the speaker of a quote is ("" when the entity has no known speaker or the
// speaker has no place).
std::string_view speaker_place(const Pack& pack, const Entity& entity) {
    if (entity.speaker.empty()) return {};
    const Entity* speaker = pack.find(entity.speaker);
    return speaker ? std::string_view(speaker->place) : std::string_view();
}

} // namespace

// [SECTION] Linked -------------------------------------------------------------------

bool Linked::contains(std::string_view id) const {
    if (id_order.size() != entities.size())
        return std::find(entities.begin(), entities.end(), id) != entities.end();
    const auto it = std::lower_bound(id_order.begin(), id_order.end(), id,
                                     [&](std::uint32_t index, std::string_view key) { return entities[index] < key; });
    return it != id_order.end() && entities[*it] == id;
}

bool Linked::contains(std::size_t index, std::string_view id) const {
    return by_index.empty() ? contains(id) : index < by_index.size() && by_index[index];
}

bool Linked::mentions_paragraph(std::size_t paragraph) const {
    return std::binary_search(paragraphs.begin(), paragraphs.end(), paragraph);
}

namespace {

// The Linked of entity `focus` whose linked entities (in pack order, without the focus)
// are `others`.
Linked make_linked(const Pack& pack, std::size_t focus_index, std::span<const std::uint32_t> others) {
    Linked out;
    const Entity& focus = pack.entities[focus_index];
    out.focus = focus.id;
    out.entities.reserve(others.size() + 1);
    out.entities.push_back(focus.id);
    for (const std::uint32_t i : others) out.entities.push_back(pack.entities[i].id);
    out.by_index.assign(pack.entities.size(), false);
    out.by_index[focus_index] = true;
    for (const std::uint32_t i : others) out.by_index[i] = true;

    for (const Mention& mention : focus.mentions)
        if (mention.paragraph_index < pack.article.paragraphs.size()) out.paragraphs.push_back(mention.paragraph_index);
    sort_items(out.paragraphs);
    out.paragraphs.erase(std::unique(out.paragraphs.begin(), out.paragraphs.end()), out.paragraphs.end());

    out.id_order.resize(out.entities.size());
    for (std::uint32_t i = 0; i < out.id_order.size(); ++i) out.id_order[i] = i;
    sort_items(out.id_order, [&](std::uint32_t a, std::uint32_t b) { return out.entities[a] < out.entities[b]; });
    return out;
}

std::optional<std::size_t> entity_index(const Pack& pack, std::string_view id) {
    const std::optional<std::size_t> index = id.empty() ? std::nullopt : pack.index_of(id);
    return index && *index < pack.entities.size() ? index : std::nullopt;
}

} // namespace

// One entity's links need all of the pack's (what names it): built for the one question.
Linked linked_to(const Pack& pack, std::string_view id) { return LinkIndex(pack).linked(pack, id); }

LinkIndex::LinkIndex(const Pack& pack) {
    // Every link as a pair (from, to), both ways, then grouped by `from` in pack order.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        const auto from = static_cast<std::uint32_t>(i);
        auto link = [&](std::string_view other) {
            const std::optional<std::size_t> to = entity_index(pack, other);
            if (!to || *to == i) return;
            pairs.emplace_back(from, static_cast<std::uint32_t>(*to));
            pairs.emplace_back(static_cast<std::uint32_t>(*to), from);
        };
        for_each_reference(pack.entities[i], link);
        link(speaker_place(pack, pack.entities[i]));
    }
    sort_items(pairs);
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    starts_.assign(pack.entities.size() + 1, 0);
    linked_.reserve(pairs.size());
    for (const auto& [from, to] : pairs) {
        ++starts_[from + 1];
        linked_.push_back(to);
    }
    for (std::size_t i = 1; i < starts_.size(); ++i) starts_[i] += starts_[i - 1];
}

Linked LinkIndex::linked(const Pack& pack, std::string_view id) const {
    const std::optional<std::size_t> focus = entity_index(pack, id);
    if (!focus || *focus + 1 >= starts_.size()) return {};
    return make_linked(pack, *focus, std::span(linked_).subspan(starts_[*focus], starts_[*focus + 1] - starts_[*focus]));
}

const LinkIndex& LinkIndexCache::get(const Pack& pack, std::uint64_t pack_revision) {
    if (!index_ || revision_ != pack_revision) {
        index_.emplace(pack);
        revision_ = pack_revision;
    }
    return *index_;
}

const Linked& LinkedCache::get(const Pack& pack, std::uint64_t pack_revision, std::string_view id, LinkIndexCache& index) {
    if (revision_ != pack_revision || id_ != id) {
        linked_ = id.empty() ? Linked{} : index.get(pack, pack_revision).linked(pack, id);
        revision_ = pack_revision;
        id_ = id;
        ++computations_;
    }
    return linked_;
}

// [SECTION] Emphasis -----------------------------------------------------------------

namespace {

// emphasis_of, with `related()` saying whether the selection's or the hover's links hold `id`.
template <class Related>
Emphasis emphasis_with(const AppState& state, std::string_view id, Related related) {
    if (id.empty()) return Emphasis::None;
    if (id == state.selection) return Emphasis::Selected;
    if (id == state.hover) return Emphasis::Hovered;
    return related() ? Emphasis::Related : Emphasis::None;
}

} // namespace

Emphasis emphasis_of(const AppState& state, const Linked& selected, const Linked& hovered, std::string_view id) {
    return emphasis_with(state, id, [&] { return selected.contains(id) || hovered.contains(id); });
}

Emphasis emphasis_of(const AppState& state, const Linked& selected, const Linked& hovered, std::string_view id, std::size_t index) {
    const bool related = selected.contains(index, id) || hovered.contains(index, id);
    // Made for the state's selection and hover, each Linked holds its focus: an entity
    // neither holds is neither, found by index without comparing ids (a long pack's map
    // asks about each of its places at every hover).
    if (!related && selected.focus == state.selection && hovered.focus == state.hover) return Emphasis::None;
    return emphasis_with(state, id, [&] { return related; });
}

// [SECTION] Places and time ----------------------------------------------------------

std::vector<GeoPoint> opening_view_points(const Pack& pack) {
    std::vector<GeoPoint> points;
    for (const Entity& e : pack.entities)
        if (e.kind == EntityKind::Place && e.location) points.push_back(*e.location);
    const std::vector<GeoPoint> locations = points;
    for (const Entity& e : pack.entities) {
        if (e.kind != EntityKind::Place || e.location) continue;
        const std::vector<GeoBox> cores = country_core_boxes(e);
        const bool shown = std::any_of(cores.begin(), cores.end(), [&](const GeoBox& box) {
            return std::any_of(locations.begin(), locations.end(), [&](GeoPoint p) { return holds(box, p); });
        });
        if (shown) continue;
        add_corners(cores, points);
    }
    return points;
}

std::vector<GeoBox> country_core_boxes(const Entity& place) {
    std::vector<GeoBox> boxes;
    const auto add = [&](const std::string& code) {
        if (const std::optional<GeoBox> box = country_core_box(code)) boxes.push_back(*box);
    };
    std::for_each(place.countries.begin(), place.countries.end(), add);
    if (!place.country.empty()) add(place.country);
    return boxes;
}

void add_corners(std::span<const GeoBox> boxes, std::vector<GeoPoint>& points) {
    for (const GeoBox& box : boxes) {
        points.push_back({.lon = box.west, .lat = box.south});
        points.push_back({.lon = box.east, .lat = box.north});
    }
}

std::vector<std::string> places_of(const Pack& pack, std::string_view id) {
    std::vector<std::string> out;
    const Entity* entity = pack.find(id);
    if (!entity) return out;

    auto add = [&](std::string_view place_id) {
        const Entity* place = place_id.empty() ? nullptr : pack.find(place_id);
        if (!place || place->kind != EntityKind::Place) return;
        if (std::find(out.begin(), out.end(), place->id) == out.end()) out.push_back(place->id);
    };
    auto add_event_places = [&](const Entity& event) {
        for (const std::string& place : event.places) add(place);
    };

    switch (entity->kind) {
    case EntityKind::Place: add(entity->id); break;
    case EntityKind::Event: add_event_places(*entity); break;
    case EntityKind::Person: add(entity->place); break;
    case EntityKind::Quote:
        add(entity->place);
        if (out.empty()) add(speaker_place(pack, *entity));
        break;
    case EntityKind::Figure:
        add(entity->place);
        if (entity->check) {
            add(entity->check->from);
            add(entity->check->to);
        }
        for (const std::string& related_id : entity->related) {
            const Entity* related = pack.find(related_id);
            if (!related) continue;
            if (related->kind == EntityKind::Place) add(related->id);
            if (related->kind == EntityKind::Event) add_event_places(*related);
        }
        break;
    case EntityKind::Work: break;  // a book or report has no place of its own
    case EntityKind::Organisation:
        for (const Entity& event : pack.entities) {
            if (event.kind != EntityKind::Event) continue;
            if (std::find(event.participants.begin(), event.participants.end(), entity->id) != event.participants.end())
                add_event_places(event);
        }
        break;
    }
    return out;
}

bool place_is_future(const Pack& pack, std::string_view place_id, const TimeCursor& cursor) {
    bool any_dated = false;
    for (const Entity& event : pack.entities) {
        if (event.kind != EntityKind::Event || !event.date) continue;
        if (std::find(event.places.begin(), event.places.end(), place_id) == event.places.end()) continue;
        if (!starts_after_cursor(span_start_days(*event.date), cursor)) return false;
        any_dated = true;
    }
    return any_dated;
}

std::vector<std::optional<double>> first_event_day_by_entity(const Pack& pack) {
    std::vector<std::optional<double>> first(pack.entities.size());
    for (const Entity& event : pack.entities) {
        if (event.kind != EntityKind::Event || !event.date) continue;
        for (const std::string& place_id : event.places) {
            const std::optional<std::size_t> index = pack.index_of(place_id);
            if (!index || *index >= first.size() || pack.entities[*index].kind != EntityKind::Place) continue;
            std::optional<double>& day = first[*index];
            const double start = span_start_days(*event.date);
            if (!day || start < *day) day = start;
        }
    }
    return first;
}

std::optional<CheckedDistance> checked_distance(const Pack& pack, const Entity& figure) {
    if (figure.kind != EntityKind::Figure || !figure.check || figure.check->kind != "distance") return std::nullopt;
    const Entity* from = pack.find(figure.check->from);
    const Entity* to = pack.find(figure.check->to);
    if (!from || !to || !from->location || !to->location) return std::nullopt;
    CheckedDistance out{from, to, distance_km(*from->location, *to->location), 0};
    const double stated_km = figure.check->stated_unit == "mi" ? figure.check->stated_value * kKmPerStatuteMile
                                                                : figure.check->stated_value;
    if (out.km > 0) out.article_percent = std::lround((stated_km / out.km - 1.0) * 100.0);
    return out;
}

} // namespace explainer
