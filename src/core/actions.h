// What panels, the JS API and links may do to the app state. Panels never write the
// state directly: they emit actions, and the app applies them between frames, so
// every panel sees one consistent state within a frame.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app_state.h"

namespace explainer {

// Why a change happened decides how it reaches history: selections push an entry,
// continuous view changes (pan, zoom, scroll) replace the current one.
enum class ChangeKind { None, Replace, Push };

struct SelectAction { std::string id; };           // "" clears the selection
struct HoverAction { std::string id; };            // "" clears the hover
// Where the map is to be: the view the reader panned or zoomed to, or the end of a
// flight the map animates towards (the flight itself is the map panel's own).
struct SetMapAction { MapView view; };
// The map panel's size in CSS px. Not a change of the view but of its default: the
// store fits the opening view to it, and a map still on its opening view follows, so an
// untouched map stays "#v=1" at any window size. Never history, never undone.
struct SetMapSizeAction { double width = 0; double height = 0; };
struct SetTimelineAction { std::optional<TimeRange> range; };  // none: the pack has no date (AppState::timeline)
struct SetTimeCursorAction { std::optional<TimeCursor> cursor; };
struct SetParagraphAction { std::string id; };
struct SetPanelAction { std::string panel; };  // a panel id of the app's table
struct SetQuoteFilterAction { std::string speaker; };
// A whole view at once (a link, Back/Forward, a host's setState): every field but hover,
// which belongs to the pointer. Map and timeline values equal to the current ones at a
// link's precision keep the current, more precise values, so restoring the link of the
// view on screen changes nothing.
struct SetViewAction { AppState view; };

using Action = std::variant<SelectAction, HoverAction, SetMapAction, SetMapSizeAction, SetTimelineAction,
                            SetTimeCursorAction, SetParagraphAction, SetPanelAction,
                            SetQuoteFilterAction, SetViewAction>;

// Applies one action; returns how history should record it (None when nothing changed).
// A whole view that changes anything is a Push: a new place to come back to. A map size
// changes nothing here: it is the store's (Store::dispatch).
ChangeKind apply_action(AppState& state, const Action& action);

// The action that puts back what `action` changes, given the state before it was applied
// (the store's undo history is made of these).
Action inverse_action(const Action& action, const AppState& before);

// The queue panels write into during a frame.
struct Actions {
    std::vector<Action> pending;
    void push(Action action) { pending.push_back(std::move(action)); }
};

} // namespace explainer
