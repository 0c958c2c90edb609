// What the quotes panel says in the editor (editor_gestures.h) while the pack does not
// validate: the panels show it by its article's text alone, so "The article has no direct
// quotations." (and a filter counting none) would be false of a pack that has them. Its
// quotes come back with the first edit that makes it valid.
#include "editor_gestures.h"

namespace explainer::ui {

bool EditorGestures::quotes_withheld(PanelContext& ctx, const ImVec2& origin) {
    if (!pack_validates || pack_validates()) return false;
    draw_until_valid_note(ctx, origin, "Quotes show once the pack validates.", "quotes:no-quotes", "quotes");
    return true;
}

} // namespace explainer::ui
