// Polygon triangulation by ear clipping with hole bridging (Eberly, "Triangulation by
// Ear Clipping"), written for map data: rings of thousands of vertices, collinear
// runs, repeated vertices, holes touching the outer ring, rings in either winding.
// A z-order curve index keeps the ear test near-linear on large rings.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "geo.h"

namespace explainer {

// `points` holds the rings back to back: ring 0 is the outer boundary, rings 1.. are
// holes; ring_ends[i] is one past ring i's last point (so ring_ends.back() is normally
// points.size()). Rings are implicitly closed; a repeated closing point is accepted.
// Returns indices into `points`, three per triangle, every triangle counter-clockwise
// in the points' own axes (positive shoelace area). For a simple polygon of n vertices
// with h holes and no collinear vertices that makes n - 2 + 2h triangles; collinear and
// repeated vertices are dropped, so degenerate input gives fewer. Malformed ring_ends
// (decreasing, past the end) give no triangles.
std::vector<uint32_t> triangulate_polygon(std::span<const Vec2d> points, std::span<const uint32_t> ring_ends);

} // namespace explainer
