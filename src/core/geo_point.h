// A point on the Earth in degrees. Longitude first, like x before y; initialise with
// designated initializers ({.lon = 2.35, .lat = 48.86}) so the order can never be
// swapped silently.
#pragma once

namespace explainer {

struct GeoPoint {
    double lon = 0.0;
    double lat = 0.0;
};

} // namespace explainer
