#include "gazetteer.h"

#include <algorithm>
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
    if (end != copy.c_str() + copy.size()) return std::nullopt;
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

std::optional<Gazetteer> Gazetteer::parse(std::string_view text, std::string& error) {
    Gazetteer g;
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
            error = "gazetteer line " + std::to_string(line_number) + ": " + std::string(what);
            return std::nullopt;
        };
        if (line_number == 1 && line != "# explainer-gazetteer/1")
            return fail("expected the header \"# explainer-gazetteer/1\" (build it with tools/build-gazetteer.mjs)");
        if (line.empty() || line[0] == '#') continue;
        const auto f = fields_of(line);
        if (f[0] == "C" && f.size() == 4) {
            GazetteerCountry c{std::string(f[1]), std::string(f[2]), split_list(f[3], '|')};
            if (c.alpha2.size() != 2 || c.numeric.size() != 3 || c.names.empty()) return fail("expected C, alpha-2, numeric code, names");
            for (const std::string& n : c.names) g.country_by_key_.emplace(name_key(n), static_cast<std::uint32_t>(g.countries_.size()));
            g.countries_.push_back(std::move(c));
        } else if (f[0] == "R" && f.size() == 4) {
            GazetteerRegion r{std::string(f[1]), std::string(f[2]), {}};
            r.members = split_list(f[3], ' ');
            if (r.code.size() != 3 || r.name.empty() || r.members.empty()) return fail("expected R, M49 code, name, member codes");
            g.regions_.push_back(std::move(r));
        } else if (f[0] == "P" && f.size() == 8) {
            const auto lat = number_of(f[2]), lon = number_of(f[3]), population = number_of(f[4]), step = number_of(f[7]);
            if (!lat || !lon || !population || !step || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180 || *step < 0)
                return fail("expected P, names, lat, lon, population, country, admin1, geonameid step");
            geonameid += static_cast<std::int64_t>(*step);
            const std::vector<std::string> names = split_list(f[1], '|');
            if (names.empty()) return fail("a place needs a name");
            const auto index = static_cast<std::uint32_t>(g.places_.size());
            for (const std::string& n : names) {
                g.by_key_.emplace(name_key(n), index);
                g.by_loose_key_.emplace(loose_name_key(n), index);
            }
            g.places_.push_back({names.front(), *lat, *lon, static_cast<std::int64_t>(*population), std::string(f[5]), std::string(f[6]), geonameid});
        } else {
            return fail("expected a C (country) or P (place) record of tab-separated fields");
        }
    }
    if (g.places_.empty()) {
        error = "gazetteer: no places (build it with tools/build-gazetteer.mjs)";
        return std::nullopt;
    }
    return g;
}

std::vector<const GazetteerPlace*> Gazetteer::places_named(std::string_view name, bool loose) const {
    std::vector<const GazetteerPlace*> out;
    const auto& index = loose ? by_loose_key_ : by_key_;
    const std::string key = loose ? loose_name_key(name) : name_key(name);
    if (key.empty()) return out;
    const auto [first, last] = index.equal_range(key);
    for (auto it = first; it != last; ++it) {
        const GazetteerPlace* p = &places_[it->second];
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
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

const GazetteerCountry* Gazetteer::country_by_alpha2(std::string_view alpha2) const {
    for (const GazetteerCountry& c : countries_)
        if (c.alpha2 == alpha2) return &c;
    return nullptr;
}

} // namespace explainer
