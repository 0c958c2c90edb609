// Index:
// [SECTION] Vertex ring (doubly linked list + z-order links)
// [SECTION] Geometric predicates
// [SECTION] Ear tests
// [SECTION] Clipping passes
// [SECTION] Hole bridging
// [SECTION] Entry point (EarClipper::run, triangulate_polygon)
//
// The polygon lives in one circular doubly linked list of vertex nodes. The outer ring
// is made counter-clockwise and holes clockwise; each hole is then spliced into the
// outer ring through a bridge (two coincident edges), leaving one weakly simple ring.
// Ears (convex vertices whose triangle holds no reflex vertex) are cut until three
// vertices remain. When a full lap finds no ear the ring is degenerate in some way, and
// escalating passes repair it: drop repeated/collinear vertices, then cut small
// self-intersections, then split the ring along a valid diagonal and recurse.
#include "triangulate.h"

#include "index_sort.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace explainer {

namespace {

constexpr int32_t kNone = -1;

// Rings above this size get the z-order index; below it a plain scan is faster.
constexpr size_t kHashThreshold = 80;

// Turns smaller than this (in radians) count as no turn at all; see straight().
constexpr double kStraightSine = 1e-9;

struct Node {
    double x = 0.0, y = 0.0;
    uint32_t index = 0;  // into the caller's points; bridge copies share their original's
    int32_t prev = kNone, next = kNone;
    int32_t prev_z = kNone, next_z = kNone;  // neighbours in z-order, while indexed
    uint32_t z = 0;
    bool removed = false;  // unlinked: its prev/next are stale and must not be followed
};

class EarClipper {
public:
    EarClipper(std::span<const Vec2d> points, std::span<const uint32_t> ring_ends, std::vector<uint32_t>& out)
        : points_(points), ring_ends_(ring_ends), out_(out) {
        assert(!ring_ends.empty() && "at least the outer ring");
        nodes_.reserve(ring_ends.back() + 2 * ring_ends.size() + 8);  // + bridge copies
    }

private:
    // [SECTION] Vertex ring (doubly linked list + z-order links) ---------------------

    Node& at(int32_t n) { return nodes_[static_cast<size_t>(n)]; }
    const Node& at(int32_t n) const { return nodes_[static_cast<size_t>(n)]; }
    int32_t next(int32_t n) const { return at(n).next; }
    int32_t prev(int32_t n) const { return at(n).prev; }

    // New node after `last` (or a ring of one when last is kNone).
    int32_t insert_after(uint32_t index, double x, double y, int32_t last) {
        const int32_t n = static_cast<int32_t>(nodes_.size());
        Node node;
        node.x = x;
        node.y = y;
        node.index = index;
        nodes_.push_back(node);
        if (last == kNone) {
            at(n).prev = at(n).next = n;
        } else {
            const int32_t after = next(last);
            at(n).next = after;
            at(n).prev = last;
            at(after).prev = n;
            at(last).next = n;
        }
        return n;
    }

    void remove(int32_t n) {
        Node& node = at(n);
        assert(!node.removed && "a vertex is unlinked only once: its links are stale after that");
        node.removed = true;
        at(node.next).prev = node.prev;
        at(node.prev).next = node.next;
        if (node.prev_z != kNone) at(node.prev_z).next_z = node.next_z;
        if (node.next_z != kNone) at(node.next_z).prev_z = node.prev_z;
    }

    // Links ring [begin, end) in the requested winding; consecutive repeated points
    // (including a closing copy of the first) are dropped. kNone if fewer than 3 remain.
    int32_t link_ring(uint32_t begin, uint32_t end, bool counter_clockwise) {
        double twice_area = 0.0;
        for (uint32_t i = begin, j = end - 1; i < end; j = i++) {
            twice_area += (points_[j].x - points_[i].x) * (points_[i].y + points_[j].y);
        }
        const bool keep_order = (twice_area > 0.0) == counter_clockwise;
        int32_t last = kNone;
        size_t count = 0;
        for (uint32_t k = 0; k < end - begin; ++k) {
            const uint32_t i = keep_order ? begin + k : end - 1 - k;
            const Vec2d p = points_[i];
            if (last != kNone && at(last).x == p.x && at(last).y == p.y) continue;
            last = insert_after(i, p.x, p.y, last);
            ++count;
        }
        if (count > 1 && equal(last, next(last))) {
            remove(last);
            last = prev(last);
            --count;
        }
        return count >= 3 ? last : kNone;
    }

    // Removes repeated and straight() vertices (zero-width spikes included), going
    // round from start until a lap removes nothing. Returns a surviving node.
    int32_t filter_points(int32_t start, int32_t end = kNone) {
        if (start == kNone) return start;
        if (end == kNone) end = start;
        int32_t p = start;
        bool removed;
        do {
            removed = false;
            const int32_t n = next(p);
            if (equal(p, n) || straight(prev(p), p, n)) {
                remove(p);
                p = end = prev(p);
                if (p == next(p)) break;
                removed = true;
            } else {
                p = n;
            }
        } while (removed || p != end);
        return end;
    }

    uint32_t z_order(double x, double y) const {
        auto spread = [](uint32_t v) {
            v = (v | (v << 8)) & 0x00FF00FFu;
            v = (v | (v << 4)) & 0x0F0F0F0Fu;
            v = (v | (v << 2)) & 0x33333333u;
            v = (v | (v << 1)) & 0x55555555u;
            return v;
        };
        const auto cell = [&](double v, double lo) {
            return static_cast<uint32_t>(std::clamp((v - lo) * inv_cell_, 0.0, 65535.0));
        };
        return spread(cell(x, min_x_)) | (spread(cell(y, min_y_)) << 1);
    }

    // Gives every node of the ring its z value and threads the z-order list.
    void index_curve(int32_t start) {
        order_.clear();
        int32_t p = start;
        do {
            at(p).z = z_order(at(p).x, at(p).y);
            order_.push_back(p);
            p = next(p);
        } while (p != start);
        std::sort(order_.begin(), order_.end(), [&](int32_t a, int32_t b) {
            return at(a).z != at(b).z ? at(a).z < at(b).z : a < b;
        });
        for (size_t i = 0; i < order_.size(); ++i) {
            at(order_[i]).prev_z = i > 0 ? order_[i - 1] : kNone;
            at(order_[i]).next_z = i + 1 < order_.size() ? order_[i + 1] : kNone;
        }
    }

    // [SECTION] Geometric predicates -------------------------------------------------

    bool equal(int32_t a, int32_t b) const { return at(a).x == at(b).x && at(a).y == at(b).y; }

    // > 0 when a, b, c turn left (counter-clockwise).
    double cross(int32_t a, int32_t b, int32_t c) const {
        const Node &p = at(a), &q = at(b), &r = at(c);
        return (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    }

    static double cross(double ax, double ay, double bx, double by, double cx, double cy) {
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    }

    // a, b, c lie on one line as far as double rounding can tell: the turn at b is
    // below kStraightSine radians. Real map data has straight borders whose vertices
    // are collinear only up to rounding; treating them as convex would cut ears of
    // area ~1e-15 lying on the boundary.
    bool straight(int32_t a, int32_t b, int32_t c) const {
        const Node &p = at(a), &q = at(b), &r = at(c);
        const double turn = cross(a, b, c);
        const double ab = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y);
        const double bc = (r.x - q.x) * (r.x - q.x) + (r.y - q.y) * (r.y - q.y);
        return turn * turn <= kStraightSine * kStraightSine * ab * bc;
    }

    static int sign(double v) { return (v > 0.0) - (v < 0.0); }

    // Closed triangle (boundary included), any orientation.
    static bool in_triangle(double ax, double ay, double bx, double by, double cx, double cy, double px, double py) {
        const double d1 = cross(ax, ay, bx, by, px, py);
        const double d2 = cross(bx, by, cx, cy, px, py);
        const double d3 = cross(cx, cy, ax, ay, px, py);
        const bool negative = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
        const bool positive = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
        return !(negative && positive);
    }

    // q lies within the bounding box of segment p..r (used once q is known collinear).
    bool on_segment(int32_t p, int32_t q, int32_t r) const {
        return at(q).x <= std::max(at(p).x, at(r).x) && at(q).x >= std::min(at(p).x, at(r).x) &&
               at(q).y <= std::max(at(p).y, at(r).y) && at(q).y >= std::min(at(p).y, at(r).y);
    }

    // Segments p1-q1 and p2-q2 share at least one point.
    bool intersects(int32_t p1, int32_t q1, int32_t p2, int32_t q2) const {
        const int o1 = sign(cross(p1, q1, p2)), o2 = sign(cross(p1, q1, q2));
        const int o3 = sign(cross(p2, q2, p1)), o4 = sign(cross(p2, q2, q1));
        if (o1 != o2 && o3 != o4) return true;
        if (o1 == 0 && on_segment(p1, p2, q1)) return true;
        if (o2 == 0 && on_segment(p1, q2, q1)) return true;
        if (o3 == 0 && on_segment(p2, p1, q2)) return true;
        if (o4 == 0 && on_segment(p2, q1, q2)) return true;
        return false;
    }

    // Segment a-b crosses an edge of a's ring other than those ending at a or b.
    bool intersects_ring(int32_t a, int32_t b) const {
        const uint32_t ia = at(a).index, ib = at(b).index;
        int32_t p = a;
        do {
            const int32_t q = next(p);
            const uint32_t ip = at(p).index, iq = at(q).index;
            if (ip != ia && ip != ib && iq != ia && iq != ib && intersects(p, q, a, b)) return true;
            p = q;
        } while (p != a);
        return false;
    }

    // The direction a -> b points into the polygon's interior right at a. The interior
    // angle at a runs counter-clockwise from the outgoing edge to the incoming one.
    bool locally_inside(int32_t a, int32_t b) const {
        const Node &na = at(a), &nb = at(b), &np = at(prev(a)), &nn = at(next(a));
        const double ux = nn.x - na.x, uy = nn.y - na.y;  // outgoing edge
        const double vx = np.x - na.x, vy = np.y - na.y;  // incoming edge, reversed
        const double dx = nb.x - na.x, dy = nb.y - na.y;
        const bool after_outgoing = ux * dy - uy * dx > 0.0;
        const bool before_incoming = dx * vy - dy * vx > 0.0;
        return cross(prev(a), a, next(a)) >= 0.0 ? after_outgoing && before_incoming
                                                 : after_outgoing || before_incoming;
    }

    // The midpoint of a-b is inside a's ring (even-odd).
    bool middle_inside(int32_t a, int32_t b) const {
        const double mx = (at(a).x + at(b).x) / 2.0, my = (at(a).y + at(b).y) / 2.0;
        bool inside = false;
        int32_t p = a;
        do {
            const Node &u = at(p), &v = at(next(p));
            if ((u.y > my) != (v.y > my) && v.y != u.y && mx < (v.x - u.x) * (my - u.y) / (v.y - u.y) + u.x) {
                inside = !inside;
            }
            p = next(p);
        } while (p != a);
        return inside;
    }

    // A diagonal a-b can split the ring into two valid rings.
    bool is_valid_diagonal(int32_t a, int32_t b) const {
        if (at(next(a)).index == at(b).index || at(prev(a)).index == at(b).index) return false;
        if (intersects_ring(a, b)) return false;
        if (locally_inside(a, b) && locally_inside(b, a) && middle_inside(a, b)) return true;
        // A zero-length diagonal joins two coincident vertices where the ring pinches
        // itself; splitting there is valid when both sides are convex.
        return equal(a, b) && cross(prev(a), a, next(a)) > 0.0 && cross(prev(b), b, next(b)) > 0.0;
    }

    // [SECTION] Ear tests ------------------------------------------------------------

    // p would make the triangle a-b-c overlap the rest of the polygon. Only reflex (or
    // straight) vertices can be inside an ear of a simple polygon (Eberly). Copies of a
    // and c are exempt: edges leaving a or c into the triangle would need a vertex
    // inside it or would cross a-b / b-c; copies of b are not, as a spike from b can
    // cross the triangle and leave through a-c.
    bool blocks_ear(int32_t p, int32_t a, int32_t b, int32_t c) const {
        if (p == a || p == b || p == c) return false;
        const Node &np = at(p), &na = at(a), &nb = at(b), &nc = at(c);
        if ((np.x == na.x && np.y == na.y) || (np.x == nc.x && np.y == nc.y)) return false;
        return in_triangle(na.x, na.y, nb.x, nb.y, nc.x, nc.y, np.x, np.y) &&
               (cross(prev(p), p, next(p)) <= 0.0 || straight(prev(p), p, next(p)));
    }

    bool is_ear(int32_t ear) const {
        const int32_t a = prev(ear), b = ear, c = next(ear);
        if (cross(a, b, c) <= 0.0 || straight(a, b, c)) return false;
        for (int32_t p = next(c); p != a; p = next(p)) {
            if (blocks_ear(p, a, b, c)) return false;
        }
        return true;
    }

    // Same test, visiting only nodes whose z value falls in the triangle's bounding box.
    bool is_ear_hashed(int32_t ear) const {
        const int32_t a = prev(ear), b = ear, c = next(ear);
        if (cross(a, b, c) <= 0.0 || straight(a, b, c)) return false;
        const Node &na = at(a), &nb = at(b), &nc = at(c);
        const double x0 = std::min({na.x, nb.x, nc.x}), y0 = std::min({na.y, nb.y, nc.y});
        const double x1 = std::max({na.x, nb.x, nc.x}), y1 = std::max({na.y, nb.y, nc.y});
        const uint32_t min_z = z_order(x0, y0), max_z = z_order(x1, y1);
        auto blocks = [&](int32_t p) {
            const Node& n = at(p);
            return n.x >= x0 && n.x <= x1 && n.y >= y0 && n.y <= y1 && blocks_ear(p, a, b, c);
        };
        for (int32_t p = at(ear).prev_z; p != kNone && at(p).z >= min_z; p = at(p).prev_z) {
            if (blocks(p)) return false;
        }
        for (int32_t p = at(ear).next_z; p != kNone && at(p).z <= max_z; p = at(p).next_z) {
            if (blocks(p)) return false;
        }
        return true;
    }

    // [SECTION] Clipping passes ------------------------------------------------------

    void emit(int32_t a, int32_t b, int32_t c) {
        out_.push_back(at(a).index);
        out_.push_back(at(b).index);
        out_.push_back(at(c).index);
    }

    // pass 0: plain ear clipping; 1: after dropping repeated/collinear vertices;
    // 2: after curing local self-intersections; then split and start over per half.
    void clip_ears(int32_t ear, int pass) {
        if (ear == kNone) return;
        if (pass == 0 && hashing_) index_curve(ear);
        int32_t stop = ear;
        while (prev(ear) != next(ear)) {
            const int32_t before = prev(ear), after = next(ear);
            if (hashing_ ? is_ear_hashed(ear) : is_ear(ear)) {
                emit(before, ear, after);
                remove(ear);
                // Resuming two steps on avoids fans of slivers around one vertex.
                ear = next(after);
                stop = ear;
                continue;
            }
            ear = after;
            if (ear == stop) {
                if (pass == 0) {
                    clip_ears(filter_points(ear), 1);
                } else if (pass == 1) {
                    clip_ears(cure_local_intersections(filter_points(ear)), 2);
                } else {
                    split_and_clip(ear);
                }
                break;
            }
        }
    }

    // A ring crossing itself as a-p-q-b with a-p crossing q-b: cut triangle a-p-b and
    // drop p and q.
    int32_t cure_local_intersections(int32_t start) {
        int32_t p = start;
        do {
            const int32_t a = prev(p), q = next(p), b = next(q);
            if (!equal(a, b) && intersects(a, p, q, b) && locally_inside(a, b) && locally_inside(b, a)) {
                if (cross(a, p, b) >= 0.0) {
                    emit(a, p, b);
                } else {
                    emit(a, b, p);
                }
                remove(p);
                remove(q);
                p = start = b;
            }
            p = next(p);
        } while (p != start);
        return filter_points(p);
    }

    void split_and_clip(int32_t start) {
        int32_t a = start;
        do {
            for (int32_t b = next(next(a)); b != prev(a); b = next(b)) {
                if (at(a).index != at(b).index && is_valid_diagonal(a, b)) {
                    int32_t c = split_ring(a, b);
                    a = filter_points(a, next(a));
                    c = filter_points(c, next(c));
                    clip_ears(a, 0);
                    clip_ears(c, 0);
                    return;
                }
            }
            a = next(a);
        } while (a != start);
        // No valid diagonal: what is left has no interior to fill (or is not a polygon).
    }

    // Cuts the ring along a-b into a -> b -> ... -> a and a' -> ... -> b' -> a', where
    // a' and b' are new copies. Returns b'.
    int32_t split_ring(int32_t a, int32_t b) {
        const int32_t a2 = insert_after(at(a).index, at(a).x, at(a).y, kNone);
        const int32_t b2 = insert_after(at(b).index, at(b).x, at(b).y, kNone);
        const int32_t an = next(a), bp = prev(b);
        at(a).next = b;
        at(b).prev = a;
        at(a2).next = an;
        at(an).prev = a2;
        at(b2).next = a2;
        at(a2).prev = b2;
        at(bp).next = b2;
        at(b2).prev = bp;
        return b2;
    }

    // [SECTION] Hole bridging --------------------------------------------------------

    // Outer vertex the hole's leftmost vertex h can be joined to: cast a ray from h to
    // the left, take the nearest edge it hits, then the edge's left end unless a
    // vertex inside triangle (h, hit, end) sees h at a smaller angle (Eberly's rule).
    int32_t find_bridge(int32_t h, int32_t outer) {
        const double hx = at(h).x, hy = at(h).y;
        double hit_x = -INFINITY;
        int32_t m = kNone;
        int32_t p = outer;
        do {
            const int32_t q = next(p);
            const Node &np = at(p), &nq = at(q);
            // Seen from inside a counter-clockwise ring, the edges a leftward ray can
            // hit run downward.
            if (hy <= np.y && hy >= nq.y && nq.y != np.y) {
                const double x = np.x + (hy - np.y) * (nq.x - np.x) / (nq.y - np.y);
                if (x <= hx && x > hit_x) {
                    hit_x = x;
                    m = np.x < nq.x ? p : q;
                    if (x == hx) {
                        // The hole touches this edge: join right there.
                        if (hy == np.y) return p;
                        if (hy == nq.y) return q;
                        return insert_after(at(h).index, hx, hy, p);
                    }
                }
            }
            p = q;
        } while (p != outer);
        if (m == kNone) return kNone;  // hole outside the outer ring: ignored

        const int32_t stop = m;
        const double mx = at(m).x, my = at(m).y;
        double best_tan = INFINITY;
        p = m;
        do {
            const Node& np = at(p);
            if (hx >= np.x && np.x >= mx && hx != np.x &&
                in_triangle(hx, hy, hit_x, hy, mx, my, np.x, np.y)) {
                const double tan = std::fabs(hy - np.y) / (hx - np.x);
                const bool better = tan < best_tan ||
                                    (tan == best_tan && (np.x > at(m).x || (np.x == at(m).x && np.y == at(m).y &&
                                                                            !locally_inside(m, h))));
                if (locally_inside(p, h) && better) {
                    m = p;
                    best_tan = tan;
                }
            }
            p = next(p);
        } while (p != stop);
        return m;
    }

    int32_t eliminate_holes(int32_t outer) {
        std::vector<int32_t> leftmost;
        for (size_t r = 1; r < ring_ends_.size(); ++r) {
            const int32_t hole = link_ring(ring_ends_[r - 1], ring_ends_[r], false);
            if (hole == kNone) continue;
            int32_t left = hole, p = hole;
            do {
                if (at(p).x < at(left).x || (at(p).x == at(left).x && at(p).y < at(left).y)) left = p;
                p = next(p);
            } while (p != hole);
            leftmost.push_back(left);
        }
        // Left to right, so no ray from a later hole can pass through an unmerged one.
        sort_items(leftmost, [&](int32_t a, int32_t b) {
            if (at(a).x != at(b).x) return at(a).x < at(b).x;
            if (at(a).y != at(b).y) return at(a).y < at(b).y;
            return a < b;
        });
        for (const int32_t h : leftmost) {
            const int32_t bridge = find_bridge(h, outer);
            if (bridge == kNone) continue;
            const int32_t bridge_copy = split_ring(bridge, h);
            const int32_t kept = filter_points(bridge_copy, next(bridge_copy));
            // Filtering around the copy can unlink the bridge vertex itself (a hole
            // touching a straight outer edge); start the second pass from a vertex
            // still in the ring, or it would relink stale neighbours and loop forever.
            const int32_t from = at(bridge).removed ? kept : bridge;
            outer = filter_points(from, next(from));
        }
        return outer;
    }

public:
    // [SECTION] Entry point ----------------------------------------------------------

    void run() {
        const uint32_t outer_end = ring_ends_.front();
        int32_t outer = link_ring(0, outer_end, true);
        if (outer == kNone) return;
        if (ring_ends_.size() > 1) outer = eliminate_holes(outer);
        if (ring_ends_.back() > kHashThreshold) {
            double max_x = points_[0].x, max_y = points_[0].y;
            min_x_ = max_x;
            min_y_ = max_y;
            for (uint32_t i = 0; i < outer_end; ++i) {  // holes lie inside the outer ring
                min_x_ = std::min(min_x_, points_[i].x);
                min_y_ = std::min(min_y_, points_[i].y);
                max_x = std::max(max_x, points_[i].x);
                max_y = std::max(max_y, points_[i].y);
            }
            const double size = std::max(max_x - min_x_, max_y - min_y_);
            inv_cell_ = size > 0.0 ? 65535.0 / size : 0.0;
            hashing_ = true;
        }
        clip_ears(outer, 0);
    }

private:
    std::span<const Vec2d> points_;
    std::span<const uint32_t> ring_ends_;
    std::vector<uint32_t>& out_;
    std::vector<Node> nodes_;
    std::vector<int32_t> order_;
    bool hashing_ = false;
    double min_x_ = 0.0, min_y_ = 0.0, inv_cell_ = 0.0;
};

bool ring_ends_valid(std::span<const Vec2d> points, std::span<const uint32_t> ring_ends) {
    uint32_t previous = 0;
    for (const uint32_t end : ring_ends) {
        if (end < previous || end > points.size()) return false;
        previous = end;
    }
    return !ring_ends.empty();
}

} // namespace

std::vector<uint32_t> triangulate_polygon(std::span<const Vec2d> points, std::span<const uint32_t> ring_ends) {
    std::vector<uint32_t> triangles;
    if (!ring_ends_valid(points, ring_ends)) return triangles;
    for (const Vec2d& p : points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) return triangles;  // no meaningful area
    }
    triangles.reserve(ring_ends.back() > 2 ? 3 * (ring_ends.back() + 2 * ring_ends.size()) : 0);
    EarClipper(points, ring_ends, triangles).run();
    return triangles;
}

} // namespace explainer
