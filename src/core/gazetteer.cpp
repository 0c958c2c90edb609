#include "gazetteer.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>

#include "scripts.h"

namespace explainer {
namespace {

// The ASCII base letter of U+00C0..U+024F then U+1E00..U+1EFF ('.' when none or when it
// takes more than one letter, see fold_code_point), from Unicode's canonical decompositions.
constexpr std::string_view kLatinBase =
    "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.yaaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii"
    "...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.................................oo"
    ".............uu............................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrr"
    "uuuusstt..hh......aaeeooooooooyy............................"
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuu"
    "uuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuu"
    "uuuuuuuuuuyyyyyyyy......";
static_assert(kLatinBase.size() == (0x250 - 0xC0) + 0x100, "one base letter per code point of the two blocks");

// What a code point contributes to a key: letters, "" to drop it, " " to separate.
std::string_view fold_code_point(char32_t cp) {
    static const std::string_view kAscii = "abcdefghijklmnopqrstuvwxyz0123456789";
    if (cp >= 'A' && cp <= 'Z') return kAscii.substr(cp - 'A', 1);
    if (cp >= 'a' && cp <= 'z') return kAscii.substr(cp - 'a', 1);
    if (cp >= '0' && cp <= '9') return kAscii.substr(26 + cp - '0', 1);
    switch (cp) {
    case U'\'': case U'\u2018': case U'\u2019': case U'\u02BB': case U'\u02BC': case U'\u02BF': case U'\u02BE':
    case U'`': case U'\u00B4':
        return "";  // apostrophes and ʻokina/ʿayn marks are part of the word
    case U'ß': return "ss";
    case U'Æ': case U'æ': return "ae";
    case U'Œ': case U'œ': return "oe";
    case U'Þ': case U'þ': return "th";
    case U'Ø': case U'ø': return "o";
    case U'Đ': case U'đ': case U'Ð': case U'ð': return "d";
    case U'Ħ': case U'ħ': return "h";
    case U'ı': return "i";
    case U'Ł': case U'ł': case U'Ŀ': case U'ŀ': return "l";
    default: break;
    }
    if (cp >= 0x300 && cp <= 0x36F) return "";  // combining accents
    std::size_t index = std::string_view::npos;
    if (cp >= 0xC0 && cp < 0x250) index = cp - 0xC0;
    else if (cp >= 0x1E00 && cp < 0x1F00) index = (0x250 - 0xC0) + (cp - 0x1E00);
    if (index != std::string_view::npos && kLatinBase[index] != '.') return kLatinBase.substr(index, 1);
    if (cp >= 0x80 && index == std::string_view::npos && cp != 0xA0 && !(cp >= 0x2000 && cp <= 0x206F)) return "";  // other scripts: no Latin key
    return " ";
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Splits at tabs.
std::vector<std::string_view> fields_of(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == '\t') {
            out.push_back(line.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

// Splits at `separator`, dropping empty pieces.
std::vector<std::string> split_list(std::string_view field, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= field.size(); ++i) {
        if (i == field.size() || field[i] == separator) {
            if (i > start) out.emplace_back(field.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

std::optional<double> number_of(std::string_view text) {
    if (text.empty() || text.size() > 30) return std::nullopt;
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

} // namespace

std::string name_key(std::string_view name) {
    std::string out;
    std::size_t at = 0;
    while (at < name.size()) {
        const std::string_view piece = fold_code_point(next_code_point(name, at));
        if (piece == " ") {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += piece;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string loose_name_key(std::string_view name) {
    std::string key = name_key(name);
    for (const std::string_view article : {"al ", "ar ", "as ", "an ", "ad ", "ash ", "az ", "at ", "el ", "adh ", "ath "})
        if (key.size() > article.size() + 2 && key.compare(0, article.size(), article) == 0) {
            key.erase(0, article.size());
            break;
        }
    std::string out;
    for (std::size_t i = 0; i < key.size(); ++i) {
        char c = key[i] == 'y' ? 'i' : key[i];
        const bool word_end = i + 1 == key.size() || key[i + 1] == ' ';
        if (c == 'h' && word_end && !out.empty() && is_vowel(out.back())) continue;
        if (!out.empty() && out.back() == c) continue;
        out += c;
    }
    return out;
}

// [SECTION] Reading the file, an index or a shard ------------------------------------

namespace {

constexpr std::string_view kHeader = "# explainer-gazetteer/1";
bool is_shard_prefix(std::string_view prefix) {
    if (prefix.empty() || prefix.size() > kMaxShardStart || prefix.front() == ' ') return false;
    return std::all_of(prefix.begin(), prefix.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' '; });
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

} // namespace

std::string shard_file_name(std::string_view prefix) {
    std::string out = "s-";
    for (const char c : prefix) out += c == ' ' ? '_' : c;
    return out + ".txt";
}

void Gazetteer::add_place(GazetteerPlace place, const std::vector<std::string>& names) {
    if (by_id_.count(place.geonameid)) return;
    const auto index = static_cast<std::uint32_t>(places_.size());
    by_id_.emplace(place.geonameid, index);
    for (const std::string& n : names) {
        by_key_.emplace(name_key(n), index);
        by_loose_key_.emplace(loose_name_key(n), index);
    }
    places_.push_back(std::move(place));
}

bool Gazetteer::read_records(std::string_view text, std::string_view where, std::string_view shard, std::string& error) {
    const bool in_shard = !shard.empty();
    std::size_t line_number = 0;
    std::size_t start = 0;
    std::int64_t geonameid = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++line_number;
        const auto fail = [&](std::string_view what) {
            error = std::string(where) + " line " + std::to_string(line_number) + ": " + std::string(what);
            return false;
        };
        if (line_number == 1 && line != kHeader)
            return fail("expected the header \"# explainer-gazetteer/1\" (build it with tools/build-gazetteer.mjs)");
        if (line.empty() || line[0] == '#') continue;
        const auto f = fields_of(line);
        if (in_shard && f[0] != "P") return fail("a shard holds only P (place) records");
        if (f[0] == "C" && (f.size() == 4 || f.size() == 6)) {
            GazetteerCountry c{std::string(f[1]), std::string(f[2]), split_list(f[3], '|')};
            if (c.alpha2.size() != 2 || c.numeric.size() != 3 || c.names.empty())
                return fail("expected C, alpha-2, numeric code, names[, capital's lat, lon]");
            if (f.size() == 6) {
                const auto lat = number_of(f[4]), lon = number_of(f[5]);
                if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
                    return fail("expected the capital's latitude and longitude in degrees");
                c.has_capital = true;
                c.capital_lat = *lat;
                c.capital_lon = *lon;
            }
            for (const std::string& n : c.names) country_by_key_.emplace(name_key(n), static_cast<std::uint32_t>(countries_.size()));
            countries_.push_back(std::move(c));
        } else if (f[0] == "R" && f.size() == 4) {
            GazetteerRegion r{std::string(f[1]), std::string(f[2]), {}};
            r.members = split_list(f[3], ' ');
            if (r.code.size() != 3 || r.name.empty() || r.members.empty()) return fail("expected R, M49 code, name, member codes");
            regions_.push_back(std::move(r));
        } else if (f[0] == "D" && f.size() == 3) {
            GazetteerDivision d{std::string(f[1]), std::string(f[2])};
            if (d.code.size() < 4 || d.code[2] != '-' || d.name.empty() || name_key(d.name).empty())
                return fail("expected D, ISO 3166-2 code (\"US-FL\"), name");
            division_by_key_.emplace(name_key(d.name), static_cast<std::uint32_t>(divisions_.size()));
            divisions_.push_back(std::move(d));
        } else if (f[0] == "S" && f.size() == 3) {
            if (!is_shard_prefix(f[1])) return fail("expected S, where the shard starts (1-24 letters, digits or spaces), the place count");
            shards_.emplace_back(f[1]);
        } else if (f[0] == "P" && f.size() == 8) {
            const auto lat = number_of(f[2]), lon = number_of(f[3]), population = number_of(f[4]), step = number_of(f[7]);
            if (!lat || !lon || !population || !step || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180 || *step < 0 ||
                *step > 1e12 || *population < 0 || *population > 1e11)
                return fail("expected P, names, lat, lon, population, country, admin1, geonameid step");
            geonameid += static_cast<std::int64_t>(*step);
            const std::vector<std::string> names = split_list(f[1], '|');
            if (names.empty()) return fail("a place needs a name");
            if (in_shard && std::none_of(names.begin(), names.end(), [&](const std::string& n) {
                    return shard_for_key(name_key(n)) == shard || shard_for_key(loose_name_key(n)) == shard;
                }))
                return fail("the place \"" + names.front() + "\" does not belong to this shard (its name does not start with \"" + std::string(shard) + "\")");
            add_place({names.front(), *lat, *lon, static_cast<std::int64_t>(*population), std::string(f[5]), std::string(f[6]), geonameid}, names);
        } else {
            return fail(in_shard ? "expected a P (place) record of tab-separated fields"
                                 : "expected a C (country), R (region), D (division), S (shard) or P (place) record of tab-separated fields");
        }
    }
    if (line_number == 0) {
        error = std::string(where) + ": empty (expected the header \"# explainer-gazetteer/1\")";
        return false;
    }
    return true;
}

std::optional<Gazetteer> Gazetteer::parse(std::string_view text, std::string& error) {
    Gazetteer g;
    if (!g.read_records(text, "gazetteer", "", error)) return std::nullopt;
    if (g.places_.empty() && g.shards_.empty()) {
        error = "gazetteer: no places (build it with tools/build-gazetteer.mjs)";
        return std::nullopt;
    }
    std::sort(g.shards_.begin(), g.shards_.end());
    if (std::adjacent_find(g.shards_.begin(), g.shards_.end()) != g.shards_.end()) {
        error = "gazetteer: a shard is listed twice";
        return std::nullopt;
    }
    return g;
}

bool Gazetteer::add_shard(std::string_view prefix, std::string_view text, std::string& error) {
    const std::string where = "gazetteer shard " + shard_file_name(prefix);
    if (!std::binary_search(shards_.begin(), shards_.end(), prefix)) {
        error = where + ": the index lists no such shard";
        return false;
    }
    if (has_shard(prefix)) return true;
    // Checked on its own first, so a bad shard leaves the gazetteer as it was.
    Gazetteer check;
    check.shards_ = shards_;
    if (!check.read_records(text, where, prefix, error)) return false;
    const bool read = read_records(text, where, prefix, error);
    assert(read && "a shard that passed the check reads the same the second time");
    merged_shards_.emplace_back(prefix);
    return read;
}

bool Gazetteer::has_shard(std::string_view prefix) const {
    return std::find(merged_shards_.begin(), merged_shards_.end(), prefix) != merged_shards_.end();
}

std::string Gazetteer::shard_for_key(std::string_view key) const {
    // Shards are ranges of keys in sorted order, each named by where it starts.
    const auto after = std::upper_bound(shards_.begin(), shards_.end(), key);
    return after == shards_.begin() ? "" : *(after - 1);
}

std::vector<std::string> Gazetteer::shards_for_name(std::string_view name) const {
    std::vector<std::string> out;
    for (const std::string& key : {name_key(name), loose_name_key(name)}) {
        std::string shard = shard_for_key(key);
        if (!shard.empty() && !has_shard(shard) && std::find(out.begin(), out.end(), shard) == out.end()) out.push_back(std::move(shard));
    }
    return out;
}

std::vector<const GazetteerPlace*> Gazetteer::places_named(std::string_view name, bool loose) const {
    std::vector<const GazetteerPlace*> out;
    const std::string key = loose ? loose_name_key(name) : name_key(name);
    if (key.empty()) return out;
    const auto add = [&](const auto& range) {
        for (auto it = range.first; it != range.second; ++it) {
            const GazetteerPlace* p = &places_[it->second];
            if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
        }
    };
    if (loose) add(by_loose_key_.equal_range(key));
    else add(by_key_.equal_range(key));
    // By id, not by the order they were read in: a sharded gazetteer reads them in
    // another order than the full file, and the drafter must rank them the same.
    std::sort(out.begin(), out.end(), [](const GazetteerPlace* a, const GazetteerPlace* b) { return a->geonameid < b->geonameid; });
    return out;
}

const GazetteerCountry* Gazetteer::country_named(std::string_view name) const {
    const auto it = country_by_key_.find(name_key(name));
    return it == country_by_key_.end() ? nullptr : &countries_[it->second];
}

const GazetteerRegion* Gazetteer::region_named(std::string_view name) const {
    const std::string key = name_key(name);
    for (const GazetteerRegion& r : regions_)
        if (name_key(r.name) == key) return &r;
    return nullptr;
}

std::vector<const GazetteerDivision*> Gazetteer::divisions_named(std::string_view name) const {
    std::vector<const GazetteerDivision*> out;
    const auto [first, last] = division_by_key_.equal_range(name_key(name));
    for (auto it = first; it != last; ++it) out.push_back(&divisions_[it->second]);
    return out;
}

const GazetteerCountry* Gazetteer::country_by_alpha2(std::string_view alpha2) const {
    for (const GazetteerCountry& c : countries_)
        if (c.alpha2 == alpha2) return &c;
    return nullptr;
}

} // namespace explainer

// [SECTION] Search -------------------------------------------------------------------

namespace explainer {
namespace {

// "Santiago, Chile": the name's key and the country it is kept to. A comma not followed
// by a country name is part of the name.
struct PlaceQuery {
    std::string key;
    const GazetteerCountry* country = nullptr;
};

PlaceQuery read_query(const Gazetteer& g, std::string_view query) {
    const std::size_t comma = query.rfind(',');
    if (comma != std::string_view::npos)
        if (const GazetteerCountry* c = g.country_named(query.substr(comma + 1))) {
            std::string key = name_key(query.substr(0, comma));
            if (!key.empty()) return {std::move(key), c};
        }
    return {name_key(query), nullptr};
}

constexpr double kDegrees = 3.14159265358979323846 / 180.0;

} // namespace

std::vector<const GazetteerPlace*> Gazetteer::places_with_key_prefix(std::string_view key_prefix) const {
    std::vector<const GazetteerPlace*> out;
    if (key_prefix.empty()) return out;
    std::vector<bool> seen(places_.size(), false);
    for (auto it = by_key_.lower_bound(std::string(key_prefix)); it != by_key_.end() && starts_with(it->first, key_prefix); ++it)
        if (!seen[it->second]) {
            seen[it->second] = true;
            out.push_back(&places_[it->second]);
        }
    return out;
}

std::vector<std::pair<std::string, const GazetteerCountry*>> Gazetteer::countries_with_key_prefix(std::string_view key_prefix) const {
    std::vector<std::pair<std::string, const GazetteerCountry*>> out;
    if (key_prefix.empty()) return out;
    for (const auto& [key, index] : country_by_key_)
        if (starts_with(key, key_prefix)) out.emplace_back(key, &countries_[index]);
    return out;
}

std::vector<std::string> Gazetteer::shards_for_search(std::string_view query, std::size_t max_shards) const {
    std::vector<std::string> out;
    const PlaceQuery q = read_query(*this, query);
    if (q.key.size() < 2) return out;
    const auto add = [&](const std::string& shard) {
        if (!shard.empty() && !has_shard(shard) && std::find(out.begin(), out.end(), shard) == out.end()) out.push_back(shard);
    };
    // The shard that holds the key itself, the one of its loose spelling, and every later
    // shard that starts inside the keys that start with it ("kr" -> "kra", "kre", ...).
    add(shard_for_key(q.key));
    add(shard_for_key(loose_name_key(q.key)));
    if (!search_is_complete(query, max_shards)) return out;  // whole names only: prefixes would need too many
    for (auto it = std::upper_bound(shards_.begin(), shards_.end(), q.key); it != shards_.end() && starts_with(*it, q.key); ++it) add(*it);
    return out;
}

bool Gazetteer::search_is_complete(std::string_view query, std::size_t max_shards) const {
    const PlaceQuery q = read_query(*this, query);
    if (q.key.size() < 2) return false;
    // The shard holding the key, then every later one that starts inside the keys that start with it.
    std::size_t count = 1;
    for (auto it = std::upper_bound(shards_.begin(), shards_.end(), q.key); it != shards_.end() && starts_with(*it, q.key); ++it) ++count;
    return count <= max_shards;
}

std::vector<PlaceHit> search_places(const Gazetteer& g, std::string_view query, std::size_t limit) {
    const PlaceQuery q = read_query(g, query);
    if (q.key.empty() || limit == 0) return {};
    enum Match { kWhole = 0, kSpeltAnotherWay = 1, kPrefix = 2 };
    struct Ranked {
        int match;
        PlaceHit hit;
    };
    std::vector<Ranked> ranked;
    if (!q.country) {
        std::map<const GazetteerCountry*, int> countries;  // best match of each
        for (const auto& [key, c] : g.countries_with_key_prefix(q.key)) {
            const int match = key == q.key ? kWhole : kPrefix;
            const auto [it, added] = countries.emplace(c, match);
            if (!added) it->second = std::min(it->second, match);
        }
        for (const auto& [c, match] : countries) {
            PlaceHit hit{c->names.front(), c->alpha2, c->capital_lat, c->capital_lon, 0, 0, PlaceHit::Kind::Country, c->numeric, c->has_capital, {}};
            ranked.push_back({match, std::move(hit)});
        }
        for (const GazetteerRegion& r : g.regions()) {
            const std::string key = name_key(r.name);
            if (!starts_with(key, q.key)) continue;
            // The mean of its countries' capitals, on the sphere (so the Pacific's does not
            // land in Africa).
            double x = 0, y = 0, z = 0;
            for (const std::string& member : r.members)
                for (const GazetteerCountry& c : g.countries())
                    if (c.numeric == member && c.has_capital) {
                        x += std::cos(c.capital_lat * kDegrees) * std::cos(c.capital_lon * kDegrees);
                        y += std::cos(c.capital_lat * kDegrees) * std::sin(c.capital_lon * kDegrees);
                        z += std::sin(c.capital_lat * kDegrees);
                    }
            const bool located = std::hypot(x, y, z) > 1e-9;
            PlaceHit hit{r.name, "", located ? std::atan2(z, std::hypot(x, y)) / kDegrees : 0, located ? std::atan2(y, x) / kDegrees : 0,
                         0, 0, PlaceHit::Kind::Region, r.code, located, r.members};
            ranked.push_back({key == q.key ? kWhole : kPrefix, std::move(hit)});
        }
    }
    std::map<const GazetteerPlace*, int> places;
    const auto note = [&](const std::vector<const GazetteerPlace*>& found, int match) {
        for (const GazetteerPlace* p : found) {
            if (q.country && p->country != q.country->alpha2) continue;
            const auto [it, added] = places.emplace(p, match);
            if (!added) it->second = std::min(it->second, match);
        }
    };
    note(g.places_named(q.key, false), kWhole);
    note(g.places_named(q.key, true), kSpeltAnotherWay);
    note(g.places_with_key_prefix(q.key), kPrefix);
    for (const auto& [p, match] : places)
        ranked.push_back({match, {p->name, p->country, p->lat, p->lon, p->population, p->geonameid, PlaceHit::Kind::Place, "", true, {}}});
    const auto order = [](const Ranked& a, const Ranked& b) {
        if (a.match != b.match) return a.match < b.match;
        if (a.hit.kind != b.hit.kind) return a.hit.kind == PlaceHit::Kind::Country || (a.hit.kind == PlaceHit::Kind::Region && b.hit.kind == PlaceHit::Kind::Place);
        if (a.hit.population != b.hit.population) return a.hit.population > b.hit.population;
        if (a.hit.name != b.hit.name) return a.hit.name < b.hit.name;
        return a.hit.geonameid < b.hit.geonameid;
    };
    const std::size_t kept = std::min(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(kept), ranked.end(), order);
    std::vector<PlaceHit> out;
    out.reserve(kept);
    for (std::size_t i = 0; i < kept; ++i) out.push_back(std::move(ranked[i].hit));
    return out;
}

} // namespace explainer
