#include "actions.h"

#include <algorithm>
#include <cmath>

#include "url_state.h"

namespace explainer {

namespace {

// Views are compared with a tolerance so that re-applying a decoded link (rounded to
// the fragment's precision) does not count as a change.
bool nearly(double a, double b, double tolerance) { return std::fabs(a - b) <= tolerance; }

ChangeKind replace_if(bool changed) { return changed ? ChangeKind::Replace : ChangeKind::None; }

// A millionth of a day (0.09 s): timelines of a few minutes still pan smoothly.
bool nearly_same_range(const std::optional<TimeRange>& a, const std::optional<TimeRange>& b) {
    if (!a || !b) return a.has_value() == b.has_value();
    return nearly(a->start_day, b->start_day, 1e-6) && nearly(a->end_day, b->end_day, 1e-6);
}

} // namespace

ChangeKind apply_action(AppState& state, const Action& action) {
    struct Visitor {
        AppState& s;
        ChangeKind operator()(const SelectAction& a) {
            if (s.selection == a.id) return ChangeKind::None;
            s.selection = a.id;
            return ChangeKind::Push;
        }
        ChangeKind operator()(const HoverAction& a) {
            // Hover is app state but never part of a link: no history entry.
            s.hover = a.id;
            return ChangeKind::None;
        }
        ChangeKind operator()(const SetMapAction& a) {
            const bool changed = !same_map_view(s.map, a.view);
            s.map = a.view;
            return replace_if(changed);
        }
        ChangeKind operator()(const SetMapSizeAction&) { return ChangeKind::None; }
        ChangeKind operator()(const SetTimelineAction& a) {
            const bool changed = !nearly_same_range(s.timeline, a.range);
            s.timeline = a.range;
            return replace_if(changed);
        }
        ChangeKind operator()(const SetTimeCursorAction& a) {
            if (s.time_cursor == a.cursor) return ChangeKind::None;
            s.time_cursor = a.cursor;
            return ChangeKind::Push;
        }
        ChangeKind operator()(const SetParagraphAction& a) {
            const bool changed = s.article_paragraph != a.id;
            s.article_paragraph = a.id;
            return replace_if(changed);
        }
        ChangeKind operator()(const SetPanelAction& a) {
            if (s.panel == a.panel) return ChangeKind::None;
            s.panel = a.panel;
            return ChangeKind::Push;
        }
        ChangeKind operator()(const SetQuoteFilterAction& a) {
            if (s.quote_speaker_filter == a.speaker) return ChangeKind::None;
            s.quote_speaker_filter = a.speaker;
            return ChangeKind::Push;
        }
        ChangeKind operator()(const SetViewAction& a) {
            const AppState& v = a.view;
            ChangeKind kind = ChangeKind::None;
            const auto apply = [&](const Action& part) { kind = std::max(kind, (*this)(part)); };
            apply(SelectAction{v.selection});
            if (map_text(s.map) != map_text(v.map)) apply(SetMapAction{v.map});
            if (timeline_text(s.timeline) != timeline_text(v.timeline)) apply(SetTimelineAction{v.timeline});
            apply(SetTimeCursorAction{v.time_cursor});
            apply(SetParagraphAction{v.article_paragraph});
            apply(SetPanelAction{v.panel});
            apply(SetQuoteFilterAction{v.quote_speaker_filter});
            return kind == ChangeKind::None ? kind : ChangeKind::Push;
        }
        ChangeKind operator()(const Action& part) { return std::visit(*this, part); }
    };
    return std::visit(Visitor{state}, action);
}

Action inverse_action(const Action& action, const AppState& before) {
    struct Visitor {
        const AppState& b;
        Action operator()(const SelectAction&) { return SelectAction{b.selection}; }
        Action operator()(const HoverAction&) { return HoverAction{b.hover}; }
        Action operator()(const SetMapAction&) { return SetMapAction{b.map}; }
        Action operator()(const SetMapSizeAction& a) { return a; }  // nothing to put back in the view
        Action operator()(const SetTimelineAction&) { return SetTimelineAction{b.timeline}; }
        Action operator()(const SetTimeCursorAction&) { return SetTimeCursorAction{b.time_cursor}; }
        Action operator()(const SetParagraphAction&) { return SetParagraphAction{b.article_paragraph}; }
        Action operator()(const SetPanelAction&) { return SetPanelAction{b.panel}; }
        Action operator()(const SetQuoteFilterAction&) { return SetQuoteFilterAction{b.quote_speaker_filter}; }
        Action operator()(const SetViewAction&) { return SetViewAction{b}; }
    };
    return std::visit(Visitor{before}, action);
}

} // namespace explainer
