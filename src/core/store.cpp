#include "store.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "geo.h"
#include "selection.h"
#include "time_scale.h"
#include "url_state.h"

namespace explainer {

namespace {

constexpr const char* kFieldNames[] = {"selection", "hover",     "map",      "timeline", "timeCursor",
                                       "paragraph", "panel",     "quoteSpeaker", "defaults", "pack"};

// Exact comparison: apply_action already decided whether a value moved enough to count.
std::uint32_t changed_fields(const AppState& a, const AppState& b) {
    std::uint32_t fields = 0;
    if (a.selection != b.selection) fields |= FieldSelection;
    if (a.hover != b.hover) fields |= FieldHover;
    if (a.map.lat != b.map.lat || a.map.lon != b.map.lon || a.map.zoom != b.map.zoom) fields |= FieldMap;
    if (a.timeline != b.timeline) fields |= FieldTimeline;
    if (a.time_cursor != b.time_cursor) fields |= FieldTimeCursor;
    if (a.article_paragraph != b.article_paragraph) fields |= FieldParagraph;
    if (a.panel != b.panel) fields |= FieldPanel;
    if (a.quote_speaker_filter != b.quote_speaker_filter) fields |= FieldQuoteFilter;
    return fields;
}

} // namespace

const char* change_source_name(ChangeSource source) {
    switch (source) {
    case ChangeSource::Reader: return "reader";
    case ChangeSource::Link: return "link";
    case ChangeSource::History: return "history";
    case ChangeSource::Host: return "host";
    case ChangeSource::Editor: return "editor";
    case ChangeSource::Api: return "api";
    }
    assert(false && "every ChangeSource has a name");
    return "";
}

std::vector<std::string> change_field_names(std::uint32_t fields) {
    std::vector<std::string> names;
    for (std::size_t bit = 0; bit < std::size(kFieldNames); ++bit)
        if (fields & (1u << bit)) names.emplace_back(kFieldNames[bit]);
    return names;
}

AppState opening_view(const Pack& pack, Viewport map_size) {
    AppState view;
    view.map = opening_map_view(opening_view_points(pack), map_size);
    view.timeline = default_timeline(pack);  // every event, whatever its span
    if (!pack.article.paragraphs.empty()) view.article_paragraph = pack.article.paragraphs.front().id;
    return view;
}

ChangeRecord Store::set_pack(Pack pack, ChangeSource source) {
    pack_ = std::move(pack);
    has_pack_ = true;
    defaults_ = opening_view(pack_, map_size_);
    const AppState before = std::exchange(view_, defaults_);
    undo_.clear();
    redo_.clear();
    ChangeRecord record;
    record.source = source;
    record.fields = changed_fields(before, view_) | FieldDefaults | FieldPack;
    record.view_revision = ++view_revision_;
    record.pack_revision = ++pack_revision_;
    return record;
}

void Store::apply_step(const Step& step, ChangeRecord& record, UndoEntry* entry) {
    if (const auto* edit = std::get_if<PackEdit>(&step)) {
        assert(edit->apply && "a pack edit carries its function");
        PackEdit inverse;
        std::string error = edit->apply(pack_, inverse);
        if (!error.empty()) {
            record.error = std::move(error);
            return;
        }
        if (!inverse.apply) return;  // the pack as it was: nothing to show or undo
        ++pack_revision_;
        record.fields |= FieldPack;
        // The places may have moved: links and the map's reset take the new fit, while the
        // map stays where it is, never moving under the author's hands (unless it showed the
        // world of a pack without places). The pack's dates may have come, moved or gone (it
        // validates now, or no longer).
        refit_opening_view(record, MapFollows::Never);
        if (entry) {
            entry->forward.push_back(*edit);
            entry->backward.push_back(std::move(inverse));
            entry->fields |= FieldPack;
        }
        return;
    }
    const Action& action = std::get<Action>(step);
    if (const auto* size = std::get_if<SetMapSizeAction>(&action)) {
        resize_map(*size, record);
        return;
    }
    const AppState before = view_;
    ChangeKind kind = apply_action(view_, action);
    std::uint32_t fields = changed_fields(before, view_);
    if (kind == ChangeKind::None) fields &= FieldHover;  // moved less than counts: no change
    record.fields |= fields;
    record.history = std::max(record.history, kind);
    if (std::holds_alternative<SelectAction>(action) && (fields & FieldSelection)) record.follow_selection = true;
    if (entry && (fields & kLinkedFields)) {
        entry->forward.push_back(action);
        entry->backward.push_back(inverse_action(action, before));
        entry->fields |= fields & kLinkedFields;
    }
}

// The opening view follows the map panel's size, and so does a map still showing it:
// an untouched map keeps the link "#v=1" at any size. Not the reader's doing: no
// history, nothing to undo.
void Store::resize_map(const SetMapSizeAction& size, ChangeRecord& record) {
    const Viewport viewport{size.width, size.height};
    if (viewport.width <= 0 || viewport.height <= 0) return;
    if (viewport.width == map_size_.width && viewport.height == map_size_.height) return;
    map_size_ = viewport;
    if (has_pack_) refit_opening_view(record, MapFollows::IfUntouched);
}

// The opening view fits the pack's places to the map's size, so a change of either refits
// it (an edit that adds, moves or removes a place, as the map panel's reset does), and a
// map still showing it may follow.
//
// A pack without any date (the editor's stand-in for one that does not validate) has no
// timeline range, in the view or the opening view: a range fitted to no date would start
// on day 0 (1 January 1970) and go into getState() and links. The edit that gives it dates
// (the first that makes it validate) gives the view the range it opens on, and the edit or
// undo that takes them all away takes the range too. While it keeps dates, an edit refits
// only the opening range (what links are written against), never the range the author is
// looking at.
//
// The map likewise: the stand-in has no place, and opens on the whole world. The edit that
// gives the pack places moves a map still showing that world to them; otherwise the map
// stays where it is.
void Store::refit_opening_view(ChangeRecord& record, MapFollows follows) {
    const AppState opening = opening_view(pack_, map_size_);
    if (opening.timeline != defaults_.timeline) {
        if (opening.timeline.has_value() != defaults_.timeline.has_value()) {
            view_.timeline = opening.timeline;
            record.fields |= FieldTimeline;
        }
        defaults_.timeline = opening.timeline;
        record.fields |= FieldDefaults;
    }
    if (same_map_view(opening.map, defaults_.map)) return;
    const bool had_no_place = same_map_view(defaults_.map, opening_map_view({}, map_size_));
    if ((follows == MapFollows::IfUntouched || had_no_place) && same_map_view(view_.map, defaults_.map)) {
        view_.map = opening.map;
        record.fields |= FieldMap;
    }
    defaults_.map = opening.map;
    record.fields |= FieldDefaults;
}

ChangeRecord Store::finish(ChangeRecord record, UndoEntry entry, double now_seconds) {
    // A continuous change by the reader (pan, zoom, scroll, a flight to the selection) that
    // follows closely joins the step before it: one undo puts back a whole gesture. A link,
    // a host's or a script's request is a step of its own, and only one that selects
    // something takes the reader's changes after it (the flight, a pan) into its step.
    const bool from_reader = record.source == ChangeSource::Reader;
    const bool continuous = from_reader && record.history != ChangeKind::Push && !(entry.fields & FieldPack);
    if (record.source == ChangeSource::History || record.source == ChangeSource::Link)
        record.history = ChangeKind::None;  // the address bar already holds it
    if (record.notifies()) ++view_revision_;
    record.view_revision = view_revision_;
    record.pack_revision = pack_revision_;
    if (entry.forward.empty()) return record;
    redo_.clear();
    entry.source = record.source;
    UndoEntry* previous = undo_.empty() ? nullptr : &undo_.back();
    if (continuous && previous && previous->mergeable && now_seconds - previous->last_seconds <= kUndoMergeSeconds) {
        previous->forward.insert(previous->forward.end(), entry.forward.begin(), entry.forward.end());
        previous->backward.insert(previous->backward.end(), entry.backward.begin(), entry.backward.end());
        previous->fields |= entry.fields;
        previous->last_seconds = now_seconds;
        return record;
    }
    entry.mergeable = from_reader || (entry.fields & FieldSelection);
    entry.last_seconds = now_seconds;
    undo_.push_back(std::move(entry));
    if (undo_.size() > undo_limit_) undo_.pop_front();
    return record;
}

ChangeRecord Store::dispatch(std::span<const Action> actions, ChangeSource source, double now_seconds) {
    ChangeRecord record;
    record.source = source;
    UndoEntry entry;
    for (const Action& action : actions) apply_step(action, record, &entry);
    return finish(std::move(record), std::move(entry), now_seconds);
}

ChangeRecord Store::dispatch(const Action& action, ChangeSource source, double now_seconds) {
    return dispatch(std::span<const Action>(&action, 1), source, now_seconds);
}

ChangeRecord Store::dispatch(const PackEdit& edit, ChangeSource source, double now_seconds) {
    ChangeRecord record;
    record.source = source;
    UndoEntry entry;
    apply_step(edit, record, &entry);
    return finish(std::move(record), std::move(entry), now_seconds);
}

// Applies an entry's inverses back to front; what they undo becomes the entry on the
// other stack (its inverses are the original steps, rebuilt against the current state).
ChangeRecord Store::walk(std::deque<UndoEntry>& from, std::deque<UndoEntry>& to, ChangeSource source) {
    ChangeRecord record;
    record.source = source;
    if (from.empty()) {
        record.view_revision = view_revision_;
        record.pack_revision = pack_revision_;
        return record;
    }
    UndoEntry entry = std::move(from.back());
    from.pop_back();
    UndoEntry opposite;
    for (auto step = entry.backward.rbegin(); step != entry.backward.rend(); ++step) apply_step(*step, record, &opposite);
    record.follow_selection = false;  // the view comes back as it was, map and scroll included
    if (record.notifies()) ++view_revision_;
    record.view_revision = view_revision_;
    record.pack_revision = pack_revision_;
    opposite.source = entry.source;
    opposite.mergeable = false;  // a later gesture starts a step of its own
    to.push_back(std::move(opposite));
    if (to.size() > undo_limit_) to.pop_front();
    return record;
}

ChangeRecord Store::undo(ChangeSource source) { return walk(undo_, redo_, source); }
ChangeRecord Store::redo(ChangeSource source) { return walk(redo_, undo_, source); }

} // namespace explainer
