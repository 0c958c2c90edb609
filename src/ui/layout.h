// Layout constants the page shares with the app. This header is their one source:
// tools/assemble-web.mjs reads them from here and writes them into the page's scripts
// (web/page.js, web/embed.js: the __EXPLAINER_...__ placeholders) at build time; the
// styles follow the `narrow` class page.js sets.
#pragma once

namespace explainer::ui {

// CSS px: a canvas this wide or narrower gets the phone layout (one panel at a time,
// tabs along the top).
inline constexpr float kNarrowWidth = 700;

} // namespace explainer::ui
