// The editor's document: the pack as authored (JSON), what the validator says about it,
// and the one path by which it changes: every edit is an op (pack_edit.h) dispatched to
// the Store as a PackEdit, so the UI, Explainer.editor.apply and undo/redo share one
// history. The Store's Pack is always the document's: the loaded pack when it validates,
// else a placeholder that holds the article's text (a pack opened with errors is edited,
// not refused: its errors are listed at their JSON paths).
//
// Index
// - [SECTION] Session
// - [SECTION] Ops an editor builds
// - [SECTION] Moving by hand on the map and the timeline
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "pack.h"
#include "pack_edit.h"
#include "gazetteer.h"
#include "store.h"
#include "time_scale.h"

namespace explainer {

// [SECTION] Session ---------------------------------------------------------------------

class EditorSession {
public:
    // Opens a pack's text into `store` (its undo history starts empty, unlimited). Returns
    // "" or why nothing could be opened (not JSON, nested too deep: the validator's message
    // with line and column); a pack with errors opens, with errors().
    std::string open(std::string_view text, std::string_view file_name, Store& store);
    bool is_open() const { return open_; }

    // Applies one op through the store (source Editor or Api; one undo step):
    // {"ok", "errors": [{path, packPath, message}], "lost": [{id, mention}]}, and
    // "unchanged": true for an op that leaves the pack as it was (no step, no change).
    nlohmann::json apply(const nlohmann::json& op, Store& store, ChangeSource source, double now_seconds);
    // What applying `op` would meet, without applying it (the inspector's check while the
    // author types): {"ok", "errors": [{path, packPath, message}]}.
    nlohmann::json check(const nlohmann::json& op) const;

    const nlohmann::json& document() const { return document_; }
    const std::string& file_name() const { return file_name_; }
    // The canonical text (format_pack): what Save writes and autosave keeps.
    std::string export_text() const { return format_pack(document_); }
    const std::vector<Diagnostic>& errors() const { return errors_; }
    const std::vector<Diagnostic>& warnings() const { return warnings_; }
    // {"ok": no errors, "errors": [...], "warnings": [...]}, each {path, line, column, message,
    // text}, and `entity` (the id of the entity the path is in) when the path is in one and
    // author checks are on (enable_author_checks, as the editor's engine has them).
    nlohmann::json diagnostics_json() const;
    // Messages about one entity's field ("/entities/3/location/lat" is about field
    // "location" of entity 3), from the validator and from the last refused op. An empty
    // `field`: the messages about the entity as a whole ("/entities/3").
    std::vector<std::string> messages_at(std::size_t entity_index, std::string_view field) const;
    // Ids of the entities still carrying a drafter's `suggestion`, in pack order.
    std::vector<std::string> suggestion_ids() const;
    // Grows with every change of the document (open, edit, undo, redo): autosave's clock.
    std::uint64_t revision() const { return revision_; }
    // The last refused op's errors and the mentions the last paragraph edit lost.
    const std::vector<EditError>& last_errors() const { return last_errors_; }
    const std::vector<LostMention>& last_lost() const { return last_lost_; }

private:
    PackEdit make_edit(nlohmann::json op, bool restoring);
    void revalidate(const EditResult* result);
    Pack shown_pack(const EditResult* result);

    nlohmann::json document_;
    std::string file_name_;
    std::vector<Diagnostic> errors_, warnings_;
    std::vector<EditError> last_errors_;
    std::vector<LostMention> last_lost_;
    bool last_unchanged_ = false;  // the last op left the document as it was
    std::uint64_t revision_ = 0;
    bool open_ = false;
};

// A Pack holding only the article's headline, source and paragraphs (what the panels
// can show of a document that does not validate).
Pack placeholder_pack(const nlohmann::json& document);

// [SECTION] Ops an editor builds -----------------------------------------------------------

// Accepting removes `suggestion` (one batch, one undo step).
nlohmann::json accept_suggestions_op(const std::vector<std::string>& ids);
// Rejecting suggestions and deleting an entity remove the entities in one step; quotes go
// before the people who speak them, so a speaker removed with its quotes is not refused.
// Entities that stay lose the removed ones from their lists (an event's places, a person's
// affiliations) and their optional "place", in the same step.
nlohmann::json remove_entities_op(const nlohmann::json& document, const std::vector<std::string>& ids);
// How the author removes entities, for the words of a refusal.
enum class Removal { Reject, Delete };
// Why removing `ids` cannot be done, in an author's words: an entity that stays names one of
// them in a field it cannot do without (a quote's speaker, a figure's distance check).
// Empty when it can.
std::vector<std::string> removal_refusals(const nlohmann::json& document, const std::vector<std::string>& ids, Removal removal);
// The kinds a selection can become, as the pack names them.
const std::vector<std::string>& editor_entity_kinds();
// A new entity of `kind` for a selection (its selector from selector_for_range): named by
// the selected text, id a fresh slug of it. A place takes `place`'s coordinates and
// GeoNames citation (nullptr: `lat`/`lon`, clicked on the map when `placed_by_hand`, and
// then cited as such; else typed, and the validator asks for a citation, which the
// inspector adds); a quote needs `speaker` (a person's id).
struct NewEntity {
    std::string kind;
    Mention selector;
    const PlaceHit* place = nullptr;
    double lat = 0, lon = 0;
    bool placed_by_hand = false;
    std::string speaker;
};
nlohmann::json new_entity_op(const nlohmann::json& document, const NewEntity& request);
// Sets a place's location; with a gazetteer hit, its citations become that hit's citation
// (a country or region hit sets `countries` instead of a point), else they stay as they are.
nlohmann::json set_location_op(std::string_view id, double lat, double lon, const PlaceHit* place);
// The citation of record for a search hit: GeoNames for a place, the ISO 3166 agency for a
// country, the UN Statistics Division's M49 for a region.
nlohmann::json place_hit_citation(const PlaceHit& place);
// A fresh entity id from a name: its slug, with -2, -3... when taken.
std::string fresh_entity_id(const nlohmann::json& document, std::string_view name, std::string_view fallback);

// [SECTION] Moving by hand on the map and the timeline ------------------------------------

// The citation a place's coordinates get when the author puts it on the map by hand (a
// marker dragged, a click on the map, coordinates typed with nothing picked): they come
// from the author reading the editor's map, whose land is Natural Earth's, not from a
// gazetteer, so no GeoNames, ISO or M49 citation may vouch for them any more.
nlohmann::json hand_placed_citation();
// Moves place `id` to `lat`, `lon` by hand: its location, and its citations without those
// of a gazetteer (hand_placed_citation() in their stead; the others, about what the place
// is, stay); degrees rounded to 5 decimals (about a metre). One updateEntity op.
nlohmann::json hand_placed_location_op(const nlohmann::json& document, std::string_view id, double lat, double lon);

// The calendar unit a dragged date snaps to: what the timeline's ticks show, at day,
// month or year precision (minutes and hours snap to days: the timeline writes no times;
// weeks to days, quarters to months, decades and centuries to years).
enum class DateUnit { Day, Month, Year };
DateUnit date_unit_for(TickUnit ticks);
// Which part of a span a drag moves: its first unit, its last one, or the whole span.
enum class DragPart { Start, End, Whole };
// A whole-day span [start_day, end_day] (end inclusive) after the pointer dragged `part`
// of it from day `from_day` to day `to_day`, in whole `unit`s: the start goes to the unit
// under the pointer (never past the end), the end likewise (never before the start), the
// whole span by as many units as the pointer crossed. Years stay within 1..9999. `iso` is
// what the pack writes: "2015-11-13", "2015-11", "2015", or "A/B".
struct DraggedDate {
    std::string iso;
    int start_day = 0, end_day = 0;  // the days it covers, end inclusive
};
DraggedDate dragged_date(int start_day, int end_day, DragPart part, double from_day, double to_day, DateUnit unit);
// Sets entity `id`'s date to `iso`, keeping the date's other keys (`relative`,
// `approximate`): the validator then judges it as any date (an exact date outside the
// phrase, or without a citation, is refused). One updateEntity op.
nlohmann::json dragged_date_op(const nlohmann::json& document, std::string_view id, std::string_view iso);

} // namespace explainer
