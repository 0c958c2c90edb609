#include "citations.h"

#include <algorithm>

#include "date_text.h"
#include "dates.h"

namespace explainer {

namespace {

bool same_source(const Citation& a, const Citation& b) {
    if (!a.url.empty() || !b.url.empty()) return a.url == b.url;
    return a.publication == b.publication && a.date == b.date && a.title == b.title;
}

} // namespace

std::string describe_citation_date(const std::string& iso) {
    if (iso.size() == 4) return iso;
    if (iso.size() == 7) {
        // Validated by load_pack() as "YYYY-MM".
        const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
        if (month >= 1 && month <= 12) return month_name(month) + " " + iso.substr(0, 4);
    }
    if (const auto day = parse_iso_day(iso)) return describe_days(*day, *day, false);
    return iso;
}

std::string describe_citation(const Citation& citation) {
    std::string out = citation.publication;
    if (!citation.date.empty()) out += ", " + describe_citation_date(citation.date);
    if (!citation.title.empty()) out += ": \xE2\x80\x9C" + citation.title + "\xE2\x80\x9D";
    return out;
}

std::string describe_correction(const Correction& correction) {
    return "Corrected " + describe_citation_date(correction.date) + ": " + correction.text;
}

std::vector<SourceEntry> collect_sources(const Pack& pack) {
    std::vector<SourceEntry> out;
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        for (const Citation& c : pack.entities[i].citations) {
            auto it = std::find_if(out.begin(), out.end(), [&](const SourceEntry& s) { return same_source(s.citation, c); });
            if (it == out.end()) it = out.insert(out.end(), SourceEntry{c, {}});
            if (it->entities.empty() || it->entities.back() != i) it->entities.push_back(i);
        }
    }
    return out;
}

} // namespace explainer
