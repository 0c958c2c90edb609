// The store: the one owner of the view state, the opening view (the defaults) and the
// pack, and the one path by which any of them changes.
//
// Every change, whatever asked for it (a click or key in a panel, Explainer.select or
// setState, a link opened with the page, Back/Forward or a typed fragment, a host page's
// message, undo/redo, later an editor's pack edit), is dispatched here with its source.
// Dispatch applies it and returns one ChangeRecord: which fields changed, who asked,
// how the browser history should record it, and the new revisions. The platform turns
// that record into everything outside the engine (address bar, the page's `select` and
// `statechange` events, the host's `state` message, the HTML mirror) in one function,
// so no route decides on its own whether to notify.
//
// Undo: every applied view action has an inverse (inverse_action); the store keeps the
// inverses of recent changes, bounded, so undo() and redo() walk back and forth. Pack
// edits join the same history through PackEdit, which returns its own inverse.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "actions.h"
#include "app_state.h"
#include "geo.h"
#include "pack.h"

namespace explainer {

// Who asked for a change. Links and history entries already are in the address bar, so
// changes from them write no history.
enum class ChangeSource { Reader, Link, History, Host, Editor, Api };
const char* change_source_name(ChangeSource source);  // "reader", "link", ...

// What a change touched, as bits of ChangeRecord::fields.
enum ChangeField : std::uint32_t {
    FieldSelection = 1u << 0,
    FieldHover = 1u << 1,
    FieldMap = 1u << 2,
    FieldTimeline = 1u << 3,
    FieldTimeCursor = 1u << 4,
    FieldParagraph = 1u << 5,
    FieldPanel = 1u << 6,
    FieldQuoteFilter = 1u << 7,
    FieldDefaults = 1u << 8,  // the opening view that links leave out
    FieldPack = 1u << 9,
};
inline constexpr std::uint32_t kLinkedFields = FieldSelection | FieldMap | FieldTimeline | FieldTimeCursor |
                                               FieldParagraph | FieldPanel | FieldQuoteFilter;
// Names of the bits set, in bit order: "selection", "hover", "map", "timeline",
// "timeCursor", "paragraph", "panel", "quoteSpeaker", "defaults", "pack".
std::vector<std::string> change_field_names(std::uint32_t fields);

struct ChangeRecord {
    std::uint32_t fields = 0;               // ChangeField bits
    ChangeSource source = ChangeSource::Reader;
    ChangeKind history = ChangeKind::None;  // how the address bar records it
    std::uint64_t view_revision = 0;        // after the change
    std::uint64_t pack_revision = 0;
    // A select action moved the selection: panels bring it into view (a restored link
    // or history entry does not, so its map and scroll stay as they were).
    bool follow_selection = false;
    std::string error;                      // a pack edit that was refused, and why

    bool has(std::uint32_t field) const { return (fields & field) != 0; }
    // Anything beyond hover (the pointer's own, never announced): what pages hear about.
    bool notifies() const { return (fields & ~static_cast<std::uint32_t>(FieldHover)) != 0; }
};

// An edit of the pack (an editor's addEntity, updateEntity, removeEntity...). `apply`
// changes the pack and fills `inverse` with the edit that undoes it, or returns why it
// could not (the pack then unchanged). An edit that succeeds but leaves the pack as it
// was leaves `inverse` empty: no change, and no step of the history.
struct PackEdit {
    std::string name;  // for an editor's undo menu: "add entity 'paris'"
    std::function<std::string(Pack& pack, PackEdit& inverse)> apply;
};

// The reader's changes closer together than this and not written as new history entries
// (a pan, a zoom, a scroll, a flight to a selection) are one undo step with the change
// before them, unless that was a link or a request that selected nothing (Store::finish).
inline constexpr double kUndoMergeSeconds = 1.0;
// The reader's history is bounded (a view change is cheap to lose); the editor lifts the
// bound (set_undo_limit) so that every change of a session can be undone.
inline constexpr std::size_t kMaxUndoSteps = 100;

class Store {
public:
    const AppState& view() const { return view_; }
    // The opening view: what a pack opens on and links leave out. Its map fits every
    // place to the map panel's size (SetMapSizeAction).
    const AppState& defaults() const { return defaults_; }
    const Pack& pack() const { return pack_; }
    bool has_pack() const { return has_pack_; }
    std::uint64_t view_revision() const { return view_revision_; }
    std::uint64_t pack_revision() const { return pack_revision_; }

    // A new pack: the view opens on its opening view (every place on the map, every
    // event on the timeline, the first paragraph); the undo history starts empty.
    ChangeRecord set_pack(Pack pack, ChangeSource source = ChangeSource::Api);

    // Applies actions as one change (a frame's actions, one API call). `now_seconds`, any
    // monotonic clock, decides which changes join one undo step.
    ChangeRecord dispatch(std::span<const Action> actions, ChangeSource source, double now_seconds);
    ChangeRecord dispatch(const Action& action, ChangeSource source, double now_seconds);
    ChangeRecord dispatch(const PackEdit& edit, ChangeSource source, double now_seconds);

    // Walks the undo history; a record with no fields when there is nothing to walk.
    ChangeRecord undo(ChangeSource source);
    ChangeRecord redo(ChangeSource source);
    std::size_t undo_depth() const { return undo_.size(); }
    std::size_t redo_depth() const { return redo_.size(); }
    // How many undo steps are kept (kMaxUndoSteps unless set; SIZE_MAX: unlimited).
    void set_undo_limit(std::size_t steps) { undo_limit_ = steps; }

private:
    using Step = std::variant<Action, PackEdit>;
    struct UndoEntry {
        std::vector<Step> forward;   // what was applied, in order
        std::vector<Step> backward;  // their inverses, in the same order (undo walks them back to front)
        std::uint32_t fields = 0;
        ChangeSource source = ChangeSource::Reader;
        bool mergeable = false;      // continuous changes may still join it
        double last_seconds = 0;
    };

    // Applies one step, adds its inverse to `entry` and its effects to `record`.
    void apply_step(const Step& step, ChangeRecord& record, UndoEntry* entry);
    void resize_map(const SetMapSizeAction& size, ChangeRecord& record);
    enum class MapFollows { IfUntouched, Never };
    void refit_opening_view(ChangeRecord& record, MapFollows follows);
    ChangeRecord finish(ChangeRecord record, UndoEntry entry, double now_seconds);
    ChangeRecord walk(std::deque<UndoEntry>& from, std::deque<UndoEntry>& to, ChangeSource source);

    AppState view_;
    AppState defaults_;
    Viewport map_size_ = kNominalMapViewport;  // what the opening map view is fitted to
    Pack pack_;
    bool has_pack_ = false;
    std::uint64_t view_revision_ = 0;
    std::uint64_t pack_revision_ = 0;
    std::deque<UndoEntry> undo_;
    std::deque<UndoEntry> redo_;
    std::size_t undo_limit_ = kMaxUndoSteps;
};

// The view a pack opens on (no link): every place on the map (fitted to `map_size`),
// every event on the timeline, the first paragraph at the top.
AppState opening_view(const Pack& pack, Viewport map_size = kNominalMapViewport);

} // namespace explainer
