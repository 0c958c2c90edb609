// Find in the article and the pack: matching that ignores case and diacritics in every
// script a pack may use (Latin with its extensions, Greek, Cyrillic), so "athina" finds
// "Athína", "ΑΘΗΝΑ" finds "Αθήνα" and "don't" finds "don’t". Offsets are bytes of the
// original UTF-8 text, so a match maps straight back to what is drawn.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pack.h"

namespace explainer {

struct ByteRange {
    std::size_t begin = 0, end = 0;
    bool operator==(const ByteRange&) const = default;
};

// `text` folded for matching, with where each folded byte came from: the original
// bytes [source_begin[i], source_end[i]) of the code point that gave byte i (a combining
// mark that folds away is counted with the character before it).
struct FoldedText {
    std::string text;
    std::vector<std::size_t> source_begin, source_end;
};

// Folds `text` (bytes inside `skip`, sorted and disjoint, are left out: drawn ornaments
// that are not part of the text). Invalid UTF-8 bytes are kept as they are.
FoldedText fold_for_find(std::string_view text, const std::vector<ByteRange>& skip = {});

// Just the folded text of `query` (what find compares).
std::string fold_query(std::string_view query);

// Every non-overlapping match of `query` in `text`, in order, as byte ranges of `text`.
// An empty query (or one that folds to nothing) matches nothing.
std::vector<ByteRange> find_all(std::string_view text, std::string_view query, const std::vector<ByteRange>& skip = {});

// A match among the pack's entities: where the reader can see the words besides the
// article (entity names in cards and on the map, quotes, events on the timeline).
struct EntityMatch {
    std::size_t entity = 0;   // index into Pack::entities
    std::string field;        // "name", "alias", "quote" or "description"
    std::string snippet;      // the matching words with a little context, "…" where cut
};

// At most one match per entity, in pack order; fields are tried name, aliases, the
// quote's words, then (for events) the description.
std::vector<EntityMatch> find_in_entities(const Pack& pack, std::string_view query);

// [SECTION] The article's words

// The article as a reader reads it, in blocks: the headline (block kHeadlineBlock), then
// each paragraph's text with its link's words after a space (paragraph p is block
// block_of_paragraph(p)). The article panel lays out and draws the same blocks (with
// computed badges between the words, which are not words); find counts in them, so a
// count needs no layout (on a phone the article tab may not have been drawn yet).
constexpr std::size_t kHeadlineBlock = 0;
constexpr std::size_t block_of_paragraph(std::size_t paragraph) { return paragraph + 1; }
std::vector<std::string> article_words(const Article& article);

// A match in the article's words: bytes of article_words(article)[block].
struct ArticleMatch {
    std::size_t block = 0;
    ByteRange words;
    bool operator==(const ArticleMatch&) const = default;
};

// Every match of `query` in the article's words, in reading order.
std::vector<ArticleMatch> find_in_article(const Article& article, std::string_view query);

// `text` around `range`, cut at word boundaries about `context` bytes either side, with
// "…" where it was cut.
std::string snippet_around(std::string_view text, ByteRange range, std::size_t context = 32);

} // namespace explainer
