// Citations as readers see them: one line per source on a card, and the "Sources and
// notes" list that names every source once with what it supports.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "pack.h"

namespace explainer {

// "13 November 2015", "October 2015", "2015" for a citation's ISO date ("" when none).
std::string describe_citation_date(const std::string& iso);

// "Reuters, 13 November 2015: “Title”"; the parts a citation has, in that order.
std::string describe_citation(const Citation& citation);

// "Corrected 21 November 2015: text".
std::string describe_correction(const Correction& correction);

// Every distinct source in the pack, in the order they are first cited, with the
// entities (pack indices, in pack order) that cite it. Two citations are the same
// source when they have the same URL, or, without URLs, the same publication, date
// and title.
struct SourceEntry {
    Citation citation;
    std::vector<std::size_t> entities;
};
std::vector<SourceEntry> collect_sources(const Pack& pack);

} // namespace explainer
