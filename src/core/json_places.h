// Where things are in a JSON text, as an author's editor counts them: 1-based lines and
// columns of byte offsets, and of the values JSON Pointers name. The validator's
// diagnostics name a pointer; these give them a line and column too, so that an author
// with the file open in a text editor can go straight there.
#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace explainer {

struct TextPlace {
    int line = 0;    // 1-based; 0: nowhere in the text
    int column = 0;  // 1-based, in characters (UTF-8 sequences), as editors count them
};

// The places of byte offsets into `text`, in one pass whatever their number and order.
std::vector<TextPlace> places_of_offsets(std::string_view text, std::span<const std::size_t> offsets);

// For each JSON Pointer, the place of the value it names in `text`, a JSON document that
// parses; for a pointer to a member or an element that is not there, its deepest ancestor
// that is (a missing key is reported at its object). Where a key is repeated, its last
// value (the one JSON keeps). One pass over the text.
std::vector<TextPlace> places_of_pointers(std::string_view text, std::span<const std::string> pointers);

} // namespace explainer
