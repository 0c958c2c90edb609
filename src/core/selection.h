// The linked-selection model: what every panel shows for the entity a reader selected
// or points at. The pack's relations decide it:
//   place        -> its events, the quotes said there, the people there
//   person       -> their quotes, their place, their affiliations
//   organisation -> its people, the events it took part in
//   event        -> its places, its date, its participants
//   quote        -> its speaker, the speaker's place, its paragraph, related events
//   figure       -> the place/event it is about
//   work         -> its creators (authors, issuing body, parties)
// Every entity is linked to the paragraphs that mention it.
// Links run both ways: an entity is linked to everything it names in a relation field
// (speaker, place, places, affiliations, participants, related, a figure check's from/to)
// and to everything that names it, plus one step through a quote's speaker: a quote and
// the speaker's place are linked to each other.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app_state.h"
#include "geo.h"
#include "pack.h"

namespace explainer {

struct Linked {
    std::string focus;                 // the entity the links are about ("" = none)
    std::vector<std::string> entities; // focus first, then every linked entity, no repeats
    std::vector<std::size_t> paragraphs;  // paragraphs that mention the focus, in order
    // Indices into `entities` sorted by id, so contains() stays cheap when a panel asks
    // about every entity each frame. Built by linked_to(); a Linked built by hand
    // without it is searched linearly.
    std::vector<std::uint32_t> id_order;
    // By the pack's entity index: whether it is in `entities` (built by linked_to();
    // empty in a Linked built by hand), so that a panel asking about every entity of a
    // long pack each time the hover changes pays a look-up, not a search.
    std::vector<bool> by_index;

    bool contains(std::string_view id) const;
    bool contains(std::size_t index, std::string_view id) const;  // the pack's entity `index`, whose id is `id`
    bool mentions_paragraph(std::size_t paragraph) const;  // binary search in `paragraphs`
    bool empty() const { return focus.empty(); }
};

Linked linked_to(const Pack& pack, std::string_view id);

// Every entity's links (both ways, and one step through a quote's speaker), built in
// one pass over the pack, so that linked() costs what the entity's links cost, not what
// the pack does: a reader's pointer moving over a long article asks for a new Linked on
// every mention it crosses.
class LinkIndex {
public:
    explicit LinkIndex(const Pack& pack);
    Linked linked(const Pack& pack, std::string_view id) const;  // == linked_to(pack, id)

private:
    std::vector<std::uint32_t> starts_;      // per entity (and one past the last): into linked_
    std::vector<std::uint32_t> linked_;      // per entity, its linked entities in pack order
};

// The LinkIndex of the pack at one revision, built when first asked for.
class LinkIndexCache {
public:
    const LinkIndex& get(const Pack& pack, std::uint64_t pack_revision);

private:
    std::optional<std::uint64_t> revision_;
    std::optional<LinkIndex> index_;
};

// Linked for the one id a panel follows (the selection, the hover), recomputed only
// when that id or the pack changes, not every frame.
// `pack_revision` names the pack's contents (the app counts the packs it loads).
class LinkedCache {
public:
    const Linked& get(const Pack& pack, std::uint64_t pack_revision, std::string_view id, LinkIndexCache& index);
    std::size_t computations() const { return computations_; }  // how often a Linked was made

private:
    std::optional<std::uint64_t> revision_;
    std::string id_;
    Linked linked_;
    std::size_t computations_ = 0;
};

// How strongly a panel should mark an entity, given selection and hover.
enum class Emphasis { None, Related, Hovered, Selected };
inline constexpr std::size_t kEmphasisCount = 4;
Emphasis emphasis_of(const AppState& state, const Linked& selected, const Linked& hovered, std::string_view id);
// The same for the pack's entity `index` (whose id is `id`), cheaper in a long pack.
Emphasis emphasis_of(const AppState& state, const Linked& selected, const Linked& hovered, std::string_view id, std::size_t index);

// Places to show on the map for an entity: itself for a place, an event's places, a
// quote's (or person's) place, ... Empty when the entity has no place.
//   place        -> itself
//   event        -> its places
//   person       -> their place
//   quote        -> where it was said, else where its speaker is
//   figure       -> its place, its check's from/to, the places of related events/places
//   organisation -> the places of the events it took part in
// No repeats; only ids of place entities that exist in the pack.
std::vector<std::string> places_of(const Pack& pack, std::string_view id);

// What the map's opening view fits (opening_map_view in geo.h), so that it shows every
// place of the pack: each location, in pack order, then for each country or region none
// of whose countries' cores holds one of those locations, the corners of its countries'
// cores (country_core_box): a story about Banda Aceh that names Somalia opens on both,
// one about Paris that names France on Paris.
std::vector<GeoPoint> opening_view_points(const Pack& pack);

// The core boxes (country_core_box) of a place's `countries` and `country`, those the
// atlas knows; none for a town.
std::vector<GeoBox> country_core_boxes(const Entity& place);
// Two corners of each box, south-west and north-east: fitted (fit_view) the shorter way
// round, a box across 180 (Fiji's) as itself.
void add_corners(std::span<const GeoBox> boxes, std::vector<GeoPoint>& points);

// A distance the pack checks: a figure whose check is "distance" between two places
// with locations, recomputed on the sphere. The one computation behind the article's
// badge, the map's arc and the HTML mirror's line.
struct CheckedDistance {
    const Entity* from = nullptr;
    const Entity* to = nullptr;
    double km = 0;              // great circle (distance_km in geo.h)
    long article_percent = 0;   // the article's number against it, rounded: +16 is 16% more
};
std::optional<CheckedDistance> checked_distance(const Pack& pack, const Entity& figure);

// The first day an entity is known to have happened/existed by, for dimming on the map
// by time cursor: a place is "in the future" when every event at it starts after the
// cursor. Places with no dated event are never dimmed.
bool place_is_future(const Pack& pack, std::string_view place_id, const TimeCursor& cursor);

// place_is_future() for every place at once, for panels that dim all places each frame:
// the earliest start of the dated events at each entity (span_start_days(): days,
// fractional for times), indexed like pack.entities (nullopt for entities that are not
// places with a dated event). place_is_future(pack, p, c) ==
// (first[i] && starts_after_cursor(*first[i], c)) where i indexes p.
std::vector<std::optional<double>> first_event_day_by_entity(const Pack& pack);

} // namespace explainer
