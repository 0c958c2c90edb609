// Index:
// [SECTION] Bounded reader
// [SECTION] Parsing
// [SECTION] Queries
// [SECTION] Detail tiles
// [SECTION] Meshes
#include "basemap.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>

#include "triangulate.h"

namespace explainer {

namespace {

// Sanity caps well above the real file (120 countries, ~370 lines, ~50k points) that
// keep a hostile file from asking for absurd allocations. Counts are also checked
// against the bytes left, which bounds them far more tightly.
constexpr uint32_t kMaxCountries = 4096;
constexpr uint32_t kMaxLines = 1u << 20;
// Rings copy runs of the lines, so their points are not bounded by the bytes left: this
// caps every point of a file together (the world has ~35k, a detail tile fewer).
constexpr size_t kMaxPoints = 1u << 21;
constexpr uint32_t kMaxStringBytes = 256;
constexpr uint32_t kGridMax = 65535;
constexpr size_t kHeaderBytes = 88;

// [SECTION] Bounded reader ---------------------------------------------------------

class Reader {
public:
    Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

    bool failed() const { return failed_; }
    const std::string& error() const { return error_; }
    size_t remaining() const { return size_ - pos_; }

    bool fail(const std::string& why) {
        if (!failed_) error_ = why + " (at byte " + std::to_string(pos_) + ")";
        failed_ = true;
        return false;
    }

    bool bytes(void* out, size_t n) {
        if (failed()) return false;
        if (n > remaining()) return fail("truncated");
        std::memcpy(out, data_ + pos_, n);
        pos_ += n;
        return true;
    }

    uint16_t u16() {
        uint8_t b[2] = {};
        bytes(b, 2);
        return static_cast<uint16_t>(b[0] | (b[1] << 8));
    }

    uint32_t u32() {
        uint8_t b[4] = {};
        bytes(b, 4);
        return static_cast<uint32_t>(b[0]) | (static_cast<uint32_t>(b[1]) << 8) |
               (static_cast<uint32_t>(b[2]) << 16) | (static_cast<uint32_t>(b[3]) << 24);
    }

    double f64() {
        uint8_t b[8] = {};
        bytes(b, 8);
        uint64_t bits = 0;
        for (int i = 7; i >= 0; --i) bits = (bits << 8) | b[i];
        double value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }

    // LEB128, at most 5 bytes and 32 bits. The loop tests only the byte: this runs twice
    // a point, in the baseline-compiled code of a first visit.
    uint32_t varint() {
        if (failed_) return 0;
        const size_t end = std::min(size_, pos_ + 5);
        uint32_t value = 0;
        for (unsigned shift = 0; pos_ < end; shift += 7) {
            const uint8_t b = data_[pos_++];
            if (shift == 28 && (b & 0xF0)) {
                fail("varint overflows 32 bits");
                return 0;
            }
            value |= static_cast<uint32_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return value;
        }
        fail("truncated");  // a fifth byte that goes on overflows, above
        return 0;
    }

    int64_t zigzag() {
        const uint32_t v = varint();
        return (v & 1) ? -static_cast<int64_t>(v >> 1) - 1 : static_cast<int64_t>(v >> 1);
    }

    // A count of items each taking at least min_bytes, capped.
    uint32_t count(uint32_t cap, size_t min_bytes, const char* what) {
        const uint32_t n = varint();
        if (failed()) return 0;
        if (n > cap || static_cast<uint64_t>(n) * min_bytes > remaining()) {
            fail(std::string("implausible ") + what + " count");
            return 0;
        }
        return n;
    }

private:
    const uint8_t* data_;
    size_t size_;
    size_t pos_ = 0;
    bool failed_ = false;  // error_ says why
    std::string error_;
};

// Well-formed UTF-8 (no overlong forms, no surrogates) without control characters:
// names go straight to the screen.
bool valid_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const auto lead = static_cast<uint8_t>(s[i]);
        if (lead < 0x80) {
            if (lead < 0x20 || lead == 0x7F) return false;
            ++i;
            continue;
        }
        size_t extra = 0;
        uint32_t cp = 0;
        if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            cp = lead & 0x1Fu;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            cp = lead & 0x0Fu;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            cp = lead & 0x07u;
        } else {
            return false;
        }
        if (extra > s.size() - 1 - i) return false;  // sequence cut off by the end
        for (size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<uint8_t>(s[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (next & 0x3Fu);
        }
        constexpr uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kSmallest[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

// [SECTION] Parsing ----------------------------------------------------------------

struct GridPoint {
    int32_t x = 0, y = 0;
};
using GridLine = std::vector<GridPoint>;

class BasemapParser {
public:
    BasemapParser(const uint8_t* data, size_t size) : in_(data, size) {}

    std::optional<Basemap> parse(std::string* error) {
        Basemap map;
        if (read_header(map) && read_country_heads(map)) {
            read_lines(map.coastlines, coastline_count_);
            read_lines(map.borders, border_count_);
            read_line_levels(map);
            for (size_t i = 0; i < map.countries.size() && !in_.failed(); ++i) read_country_shape(map, map.countries[i]);
            if (!in_.failed() && in_.remaining() != 0) in_.fail("trailing bytes after the last country");
            for (std::size_t i = 0; i < map.countries.size(); ++i)
                if (!map.countries[i].id.empty()) map.country_by_id.try_emplace(map.countries[i].id, i);
        }
        if (in_.failed()) {
            if (error) *error = in_.error();
            return std::nullopt;
        }
        return map;
    }

    // The header and the countries' names only (see basemap_country_names).
    std::optional<std::vector<std::string>> names(std::string* error) {
        Basemap map;
        if (!read_header(map) || !read_country_heads(map)) {
            if (error) *error = in_.error();
            return std::nullopt;
        }
        std::vector<std::string> out;
        out.reserve(map.countries.size());
        for (Country& country : map.countries) out.push_back(std::move(country.name));
        return out;
    }

private:
    bool read_header(Basemap& map) {
        if (in_.remaining() < kHeaderBytes) return in_.fail("truncated: shorter than the 88-byte header");
        char magic[4] = {};
        in_.bytes(magic, 4);
        if (std::memcmp(magic, "EXMB", 4) != 0) return in_.fail("not a basemap (magic is not EXMB)");
        const uint16_t version = in_.u16();
        if (version != 4) return in_.fail("unsupported basemap version " + std::to_string(version));
        if (in_.u16() != 0) return in_.fail("unknown flags");
        GeoBox& r = map.region;
        r.west = in_.f64();
        r.south = in_.f64();
        r.east = in_.f64();
        r.north = in_.f64();
        origin_ = {in_.f64(), in_.f64()};
        step_ = {in_.f64(), in_.f64()};
        // Written as negations so that NaN fails every check.
        if (!(r.west >= -180.0 && r.east <= 180.0 && r.west < r.east && r.south >= -kMercatorMaxLat &&
              r.north <= kMercatorMaxLat && r.south < r.north)) {
            return in_.fail("region box out of range");
        }
        if (!(step_.lon > 0.0 && step_.lon <= 1.0 && step_.lat > 0.0 && step_.lat <= 1.0 && std::isfinite(origin_.lon) &&
              std::isfinite(origin_.lat) && std::fabs(origin_.lon) <= 360.0 && std::fabs(origin_.lat) <= 180.0)) {
            return in_.fail("grid out of range");
        }
        region_ = r;
        map.grid_step = step_;
        country_count_ = in_.u32();
        coastline_count_ = in_.u32();
        border_count_ = in_.u32();
        const uint32_t body_size = in_.u32();
        if (body_size != in_.remaining()) {
            return in_.fail(body_size > in_.remaining() ? "truncated: the header announces " + std::to_string(body_size) +
                                                              " body bytes, " + std::to_string(in_.remaining()) + " present"
                                                        : "trailing bytes after the body");
        }
        // Smallest country: 2 empty strings, a 2-byte label, 1 polygon of 1 ring of one
        // copy; smallest line: a count and 2 points.
        if (country_count_ > kMaxCountries || static_cast<uint64_t>(country_count_) * 10 > in_.remaining()) {
            return in_.fail("implausible country count");
        }
        if (coastline_count_ > kMaxLines || border_count_ > kMaxLines ||
            (static_cast<uint64_t>(coastline_count_) + border_count_) * 5 > in_.remaining()) {
            return in_.fail("implausible line count");
        }
        return true;
    }

    std::string read_string(const char* what) {
        const uint32_t n = in_.varint();
        if (in_.failed()) return {};
        if (n > kMaxStringBytes) {
            in_.fail(std::string(what) + " too long");
            return {};
        }
        std::string s(std::min<size_t>(n, in_.remaining()), '\0');
        if (!in_.bytes(s.data(), n)) return {};
        if (!valid_utf8(s)) {
            in_.fail(std::string(what) + " is not clean UTF-8");
            return {};
        }
        return s;
    }

    GeoPoint grid_to_geo(int64_t qx, int64_t qy) {
        const GeoPoint g = {origin_.lon + static_cast<double>(qx) * step_.lon,
                            origin_.lat + static_cast<double>(qy) * step_.lat};
        // Within one grid step of the region: clip points are rounded to the grid.
        if (!(g.lon >= region_.west - step_.lon && g.lon <= region_.east + step_.lon &&
              g.lat >= region_.south - step_.lat && g.lat <= region_.north + step_.lat)) {
            in_.fail("point outside the region");
        }
        return g;
    }

    // The next point: deltas from the previous point of the body.
    bool read_point(GeoLine& out, GridLine& grid) {
        const int64_t x = cursor_.x + in_.zigzag();
        const int64_t y = cursor_.y + in_.zigzag();
        if (in_.failed()) return false;
        if (x < 0 || x > kGridMax || y < 0 || y > kGridMax) return in_.fail("point off the grid");
        cursor_ = {static_cast<int32_t>(x), static_cast<int32_t>(y)};
        grid.push_back(cursor_);
        out.push_back(grid_to_geo(x, y));
        return !in_.failed();
    }

    bool count_points(size_t n) {
        if (n > kMaxPoints - point_count_) return in_.fail("more than " + std::to_string(kMaxPoints) + " points");
        point_count_ += n;
        return true;
    }

    void read_line(GeoLine& out) {
        const uint32_t n = in_.count(UINT32_MAX, 3, "point");  // two varints and a level each
        if (in_.failed()) return;
        if (n < 2) {
            in_.fail("too few points");
            return;
        }
        if (!count_points(n)) return;
        out.reserve(n);
        GridLine& grid = line_grid_.emplace_back();
        grid.reserve(n);
        for (uint32_t i = 0; i < n && read_point(out, grid); ++i) {}
    }

    // The coastlines, then the borders.
    const GeoLine& line(const Basemap& map, uint32_t index) const {
        return index < coastline_count_ ? map.coastlines[index] : map.borders[index - coastline_count_];
    }
    const DetailLevels& line_levels(const Basemap& map, uint32_t index) const {
        return index < coastline_count_ ? map.coastline_levels[index] : map.border_levels[index - coastline_count_];
    }

    // A run of a ring copied from a line (see basemap.h): varint line, varint first.
    bool copy_run(const Basemap& map, uint32_t length, bool reverse, GeoLine& ring, DetailLevels& levels) {
        const uint32_t index = in_.varint(), first = in_.varint();
        if (in_.failed()) return false;
        if (index >= line_grid_.size()) return in_.fail("ring copies line " + std::to_string(index) + " of " + std::to_string(line_grid_.size()));
        const GridLine& grid = line_grid_[index];
        if (first >= grid.size() || (reverse ? first + 1 < length : grid.size() - first < length)) {
            return in_.fail("ring copies points beyond its line's " + std::to_string(grid.size()));
        }
        const GeoLine& points = line(map, index);
        const DetailLevels& point_levels = line_levels(map, index);
        for (uint32_t k = 0; k < length; ++k) {
            const size_t at = reverse ? first - k : first + k;
            ring.push_back(points[at]);
            levels.push_back(point_levels[at]);
        }
        cursor_ = grid[reverse ? first + 1 - length : first + length - 1];
        return true;
    }

    // A ring: its point count, then runs of copies and of new points (see basemap.h).
    void read_ring(const Basemap& map, GeoLine& ring, DetailLevels& levels) {
        const uint32_t n = in_.varint();
        if (in_.failed()) return;
        if (n < 3) {
            in_.fail("too few points");
            return;
        }
        if (!count_points(n)) return;
        // Reserved at once (count_points bounds the whole map's points, so a lying count
        // cannot reserve more than a real map may hold).
        ring.reserve(n);
        levels.reserve(n);
        GridLine grid;  // new points' grid positions, which only the cursor needs
        while (ring.size() < n && !in_.failed()) {
            const uint32_t op = in_.varint();
            const uint32_t length = op & 1 ? op >> 2 : op >> 1;
            if (in_.failed()) return;
            if (length == 0 || length > n - ring.size()) {
                in_.fail("ring run of " + std::to_string(length) + " points where " + std::to_string(n - ring.size()) + " are left");
                return;
            }
            if (op & 1) {
                if (!copy_run(map, length, op & 2, ring, levels)) return;
                continue;
            }
            for (uint32_t k = 0; k < length && read_point(ring, grid); ++k) {
                uint8_t level = 0;
                if (in_.bytes(&level, 1) && level > kMaxDetailLevel) in_.fail("level of detail out of range");
                levels.push_back(level);
            }
        }
    }

    // Every country's id, name and label, which the body begins with.
    bool read_country_heads(Basemap& map) {
        map.countries.reserve(country_count_);
        for (uint32_t i = 0; i < country_count_ && !in_.failed(); ++i) {
            Country& country = map.countries.emplace_back();
            country.id = read_string("country id");
            country.name = read_string("country name");
            const uint32_t label_x = in_.varint(), label_y = in_.varint();
            if (in_.failed()) break;
            if (label_x > kGridMax || label_y > kGridMax) return in_.fail("label off the grid");
            country.label = grid_to_geo(label_x, label_y);
        }
        return !in_.failed();
    }

    // A country's polygons, after the lines they copy from.
    void read_country_shape(const Basemap& map, Country& country) {
        const uint32_t polygon_count = in_.count(UINT32_MAX, 5, "polygon");  // a ring count and one ring
        if (polygon_count == 0) {
            in_.fail("country without polygons");
            return;
        }
        country.polygons.reserve(polygon_count);
        country.bounds = kEmptyGeoBox;
        for (uint32_t p = 0; p < polygon_count && !in_.failed(); ++p) {
            CountryPolygon& polygon = country.polygons.emplace_back();
            const uint32_t ring_count = in_.count(UINT32_MAX, 4, "ring");  // a point count and one copy
            if (ring_count == 0) {
                in_.fail("polygon without rings");
                return;
            }
            polygon.rings.reserve(ring_count);
            polygon.levels.reserve(ring_count);
            for (uint32_t r = 0; r < ring_count && !in_.failed(); ++r)
                read_ring(map, polygon.rings.emplace_back(), polygon.levels.emplace_back());
            country.bounds = bounds_of(polygon.rings.front(), country.bounds);
        }
    }

    void read_lines(std::vector<GeoLine>& lines, uint32_t count) {
        if (in_.failed()) return;
        lines.reserve(count);
        for (uint32_t i = 0; i < count && !in_.failed(); ++i) read_line(lines.emplace_back());
    }

    // One level a point of the lines, in the order they came: coastlines, borders.
    void read_line_levels(Basemap& map) {
        if (in_.failed()) return;
        if (in_.remaining() < point_count_) {
            in_.fail("truncated: " + std::to_string(point_count_) + " levels of detail expected, " +
                     std::to_string(in_.remaining()) + " bytes present");
            return;
        }
        auto read_all = [&](const std::vector<GeoLine>& lines, std::vector<DetailLevels>& levels) {
            levels.resize(lines.size());
            for (size_t i = 0; i < lines.size() && !in_.failed(); ++i) {
                levels[i].resize(lines[i].size());
                if (!in_.bytes(levels[i].data(), levels[i].size())) return;
                if (*std::max_element(levels[i].begin(), levels[i].end()) > kMaxDetailLevel) in_.fail("level of detail out of range");
            }
        };
        read_all(map.coastlines, map.coastline_levels);
        read_all(map.borders, map.border_levels);
    }

    Reader in_;
    GeoBox region_;
    GeoPoint origin_, step_;
    uint32_t country_count_ = 0, coastline_count_ = 0, border_count_ = 0;
    GridPoint cursor_;
    std::vector<GridLine> line_grid_;  // every line's points on the grid, as copies need them
    size_t point_count_ = 0;
};

// Even-odd test against one ring (crossings of a ray towards +x).
bool crosses_odd(const GeoLine& ring, GeoPoint p) {
    bool inside = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const GeoPoint a = ring[i], b = ring[j];
        if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon) {
            inside = !inside;
        }
    }
    return inside;
}

// A parser of the `size` bytes at `data`; none (and `error` says why) for a null pointer
// with a size.
std::optional<BasemapParser> parser_of(const uint8_t* data, size_t size, std::string* error) {
    if (data == nullptr && size != 0) {
        if (error) *error = "no data";
        return std::nullopt;
    }
    static const uint8_t empty = 0;
    return BasemapParser(data ? data : &empty, size);
}

} // namespace

std::optional<Basemap> parse_basemap(const uint8_t* data, size_t size, std::string* error) {
    std::optional<BasemapParser> parser = parser_of(data, size, error);
    return parser ? parser->parse(error) : std::nullopt;
}

std::optional<std::vector<std::string>> basemap_country_names(const uint8_t* data, size_t size, std::string* error) {
    std::optional<BasemapParser> parser = parser_of(data, size, error);
    return parser ? parser->names(error) : std::nullopt;
}

// [SECTION] Queries ----------------------------------------------------------------

const Country* find_country(const Basemap& map, std::string_view id) {
    if (id.empty()) return nullptr;  // several countries have no id
    const auto found = map.country_by_id.find(std::string(id));
    return found == map.country_by_id.end() ? nullptr : &map.countries[found->second];
}

std::optional<size_t> country_at(const Basemap& map, GeoPoint point) {
    for (size_t i = 0; i < map.countries.size(); ++i) {
        const Country& c = map.countries[i];
        const GeoBox& b = c.bounds;
        if (point.lon < b.west || point.lon > b.east || point.lat < b.south || point.lat > b.north) continue;
        for (const CountryPolygon& polygon : c.polygons) {
            // Inside the outer ring and outside every hole: even-odd over all rings.
            bool inside = false;
            for (const GeoLine& ring : polygon.rings) inside ^= crosses_odd(ring, point);
            if (inside) return i;
        }
    }
    return std::nullopt;
}

namespace {

// Distance from `p` to the nearest point of the ring's edges, on a plane where a degree of
// longitude is cos(latitude) degrees of latitude (true enough within a fraction of a degree).
double ring_distance(const GeoLine& ring, GeoPoint p) {
    const double scale = std::cos(p.lat * std::numbers::pi / 180.0);
    double best = std::numeric_limits<double>::infinity();
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const double ax = (ring[j].lon - p.lon) * scale, ay = ring[j].lat - p.lat;
        const double bx = (ring[i].lon - p.lon) * scale, by = ring[i].lat - p.lat;
        const double dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy;
        const double t = length2 > 0 ? std::clamp(-(ax * dx + ay * dy) / length2, 0.0, 1.0) : 0.0;
        best = std::min(best, std::hypot(ax + t * dx, ay + t * dy));
    }
    return best;
}

} // namespace

std::optional<size_t> country_at_or_off_coast(const Basemap& map, GeoPoint point, double reach) {
    if (const std::optional<size_t> inside = country_at(map, point)) return inside;
    const double lon_reach = reach / std::max(0.01, std::cos(point.lat * std::numbers::pi / 180.0));
    std::optional<size_t> near;
    for (size_t i = 0; i < map.countries.size(); ++i) {
        const GeoBox& b = map.countries[i].bounds;
        if (point.lon < b.west - lon_reach || point.lon > b.east + lon_reach || point.lat < b.south - reach || point.lat > b.north + reach)
            continue;
        const bool within = std::any_of(map.countries[i].polygons.begin(), map.countries[i].polygons.end(), [&](const CountryPolygon& polygon) {
            return std::any_of(polygon.rings.begin(), polygon.rings.end(), [&](const GeoLine& ring) { return !ring.empty() && ring_distance(ring, point) <= reach; });
        });
        if (!within) continue;
        if (near) return std::nullopt;  // two countries within reach: either could be right
        near = i;
    }
    return near;
}

// [SECTION] Detail tiles -----------------------------------------------------------

GeoBox detail_tile_box(int tile) {
    assert(tile >= 0 && tile < kDetailTileCount && "detail tile index out of range");
    const int column = tile / kDetailRows, row = tile % kDetailRows;
    return {-180.0 + column * kDetailTileDegrees, kDetailRowEdges[static_cast<size_t>(row)],
            -180.0 + (column + 1) * kDetailTileDegrees, kDetailRowEdges[static_cast<size_t>(row) + 1]};
}

std::string detail_tile_name(int tile) {
    return std::to_string(tile / kDetailRows) + "-" + std::to_string(tile % kDetailRows);
}

std::vector<int> detail_tiles_in(const GeoBox& box) {
    std::vector<int> out;
    if (!(box.west <= box.east && box.south <= box.north)) return out;
    // Columns counted from lon -180 without wrapping, then wrapped; a box a whole turn
    // wide or more meets every column.
    const double first = std::floor((box.west + 180.0) / kDetailTileDegrees);
    const double last = std::floor((box.east + 180.0) / kDetailTileDegrees);
    std::array<bool, kDetailColumns> columns{};
    for (double c = first; c <= last && c < first + kDetailColumns; c += 1.0)
        columns[static_cast<size_t>(((static_cast<long long>(c) % kDetailColumns) + kDetailColumns) % kDetailColumns)] = true;
    for (int column = 0; column < kDetailColumns; ++column) {
        if (!columns[static_cast<size_t>(column)]) continue;
        for (int row = 0; row < kDetailRows; ++row) {
            if (box.north >= kDetailRowEdges[static_cast<size_t>(row)] && box.south <= kDetailRowEdges[static_cast<size_t>(row) + 1])
                out.push_back(column * kDetailRows + row);
        }
    }
    return out;
}

// [SECTION] Meshes -----------------------------------------------------------------

void project_polygon(const CountryPolygon& polygon, std::vector<Vec2d>& points, std::vector<uint32_t>& ring_ends) {
    points.clear();
    ring_ends.clear();
    std::size_t total = 0;
    for (const GeoLine& ring : polygon.rings) total += ring.size();
    points.reserve(total);
    for (const GeoLine& ring : polygon.rings) {
        for (const GeoPoint& g : ring) points.push_back(project(g));
        ring_ends.push_back(static_cast<uint32_t>(points.size()));
    }
}

Mesh triangulate_country(const Country& country) {
    Mesh mesh;
    std::vector<Vec2d> points;
    std::vector<uint32_t> ring_ends;
    for (const CountryPolygon& polygon : country.polygons) {
        project_polygon(polygon, points, ring_ends);
        const auto base = static_cast<uint32_t>(mesh.vertices.size());
        for (const Vec2d& p : points) mesh.vertices.push_back({static_cast<float>(p.x), static_cast<float>(p.y)});
        for (const uint32_t index : triangulate_polygon(points, ring_ends)) mesh.indices.push_back(base + index);
    }
    return mesh;
}

BasemapMeshes build_basemap_meshes(const Basemap& map) {
    BasemapMeshes meshes;
    meshes.countries.reserve(map.countries.size());
    for (const Country& c : map.countries) meshes.countries.push_back(triangulate_country(c));
    auto project_lines = [](const std::vector<GeoLine>& lines, std::vector<std::vector<Vec2f>>& out) {
        out.reserve(lines.size());
        for (const GeoLine& line : lines) {
            std::vector<Vec2f>& projected = out.emplace_back();
            projected.reserve(line.size());
            for (const GeoPoint& g : line) {
                const Vec2d p = project(g);
                projected.push_back({static_cast<float>(p.x), static_cast<float>(p.y)});
            }
        }
    };
    project_lines(map.coastlines, meshes.coastlines);
    project_lines(map.borders, meshes.borders);
    return meshes;
}

} // namespace explainer
