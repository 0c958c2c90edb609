// Easing curves for the panels' animations (a timeline sliding to a selection, a map
// zooming one step): t runs 0..1 over the animation, the result 0..1 along the way.
#pragma once
#include <algorithm>

namespace explainer {

// Gentle at both ends (Hermite smoothstep).
constexpr double ease_smooth(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

// Cubic ease-in-out: slower to start and to land than smoothstep.
constexpr double ease_in_out_cubic(double t) {
    t = std::clamp(t, 0.0, 1.0);
    const double u = -2.0 * t + 2.0;
    return t < 0.5 ? 4.0 * t * t * t : 1.0 - u * u * u / 2.0;
}

} // namespace explainer
