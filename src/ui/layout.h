// Layout constants the page shares with the app. This header is their one source:
// tools/assemble-web.mjs reads them from here and writes them into the page's scripts and
// styles (web/page.js, web/embed.js, web/explainer.css: the __EXPLAINER_...__
// placeholders) at build time; the styles follow the `narrow` class page.js sets.
#pragma once

namespace explainer::ui {

// CSS px: a canvas this wide or narrower gets the phone layout (one panel at a time,
// tabs along the top).
inline constexpr float kNarrowWidth = 700;

// CSS px: the wide layout's header row over each panel, whose top-right corner holds the
// page's own buttons (#chrome), which are as tall.
inline constexpr float kHeaderHeight = 30;

// CSS px: the phone layout's tab bar (touch targets of at least 44 CSS px); the page's
// buttons in its corner are as tall.
inline constexpr float kTabHeight = 48;

} // namespace explainer::ui
