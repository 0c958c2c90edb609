#include "find.h"

#include <algorithm>
#include <cassert>
#include <iterator>

#include "scripts.h"

namespace explainer {

namespace {

// [SECTION] Folding table ---------------------------------------------------------------

struct FoldExpansion {
    char32_t code_point;
    const char* folded;  // UTF-8
};

#include "text_fold.inc"

// What each code point below kFoldLimit folds to (itself when it does not fold): the
// generated table expanded once, a lookup for every character of a search.
const std::vector<char16_t>& fold_lookup() {
    static const std::vector<char16_t> lookup = [] {
        std::vector<char16_t> out(kFoldLimit);
        for (char32_t cp = 0; cp < kFoldLimit; ++cp) out[cp] = static_cast<char16_t>(cp);
        static_assert(std::size(kFoldSteps) >= std::size(kFoldTargets));
        char32_t cp = 0;
        std::size_t row = 0;
        for (const unsigned char step : kFoldSteps) {
            cp += step == 0 ? 255 : step;
            if (step != 0) out[cp] = kFoldTargets[row++];
        }
        assert(row == std::size(kFoldTargets) && "text_fold.inc: one target for each step that lands");
        return out;
    }();
    return lookup;
}

// Appends the folded form of `cp` to `out`; false when `cp` folds to itself.
bool append_folded(std::string& out, char32_t cp) {
    if (cp >= kFoldLimit) return false;
    const char16_t folded = fold_lookup()[cp];
    if (folded == cp) return false;
    if (folded == kFoldVanishes) return true;
    if (folded != kFoldExpands) {
        append_utf8(out, folded);
        return true;
    }
    const auto it = std::lower_bound(std::begin(kFoldExpansions), std::end(kFoldExpansions), cp,
                                     [](const FoldExpansion& row, char32_t value) { return row.code_point < value; });
    assert(it != std::end(kFoldExpansions) && it->code_point == cp && "text_fold.inc: an expanding code point without its expansion");
    out += it->folded;
    return true;
}

} // namespace

// [SECTION] Folding ---------------------------------------------------------------------

FoldedText fold_for_find(std::string_view text, const std::vector<ByteRange>& skip) {
    FoldedText out;
    out.text.reserve(text.size());
    out.source_begin.reserve(text.size());
    out.source_end.reserve(text.size());
    std::size_t next_skip = 0;
    std::size_t previous_begin = 0, previous_end = 0;  // folded bytes of the previous code point
    std::size_t at = 0;
    while (at < text.size()) {
        while (next_skip < skip.size() && skip[next_skip].end <= at) ++next_skip;
        if (next_skip < skip.size() && skip[next_skip].begin <= at) {
            at = skip[next_skip].end;
            previous_begin = previous_end = out.text.size();  // nothing joins across an ornament
            continue;
        }
        std::size_t next = at;
        const char32_t cp = next_code_point(text, next);
        const std::size_t length = next - at;
        const std::size_t first = out.text.size();
        if (!append_folded(out.text, cp)) out.text.append(text.substr(at, length));
        if (out.text.size() == first) {
            // A mark that folds away belongs to the character before it.
            for (std::size_t i = previous_begin; i < previous_end; ++i) out.source_end[i] = at + length;
        } else {
            out.source_begin.resize(out.text.size(), at);
            out.source_end.resize(out.text.size(), at + length);
            previous_begin = first, previous_end = out.text.size();
        }
        at += length;
    }
    return out;
}

std::string fold_query(std::string_view query) { return fold_for_find(query).text; }

std::vector<ByteRange> find_all(std::string_view text, std::string_view query, const std::vector<ByteRange>& skip) {
    std::vector<ByteRange> matches;
    const std::string needle = fold_query(query);
    if (needle.empty()) return matches;
    const FoldedText folded = fold_for_find(text, skip);
    for (std::size_t at = folded.text.find(needle); at != std::string::npos; at = folded.text.find(needle, at + needle.size())) {
        // A match must start and end on whole characters of the original (a folded
        // "ss" of "ß" cannot match half of it).
        const std::size_t last = at + needle.size() - 1;
        if (at > 0 && folded.source_begin[at - 1] == folded.source_begin[at]) continue;
        if (last + 1 < folded.text.size() && folded.source_begin[last + 1] == folded.source_begin[last]) continue;
        matches.push_back({folded.source_begin[at], folded.source_end[last]});
    }
    return matches;
}

// [SECTION] The article's words -------------------------------------------------------

std::vector<std::string> article_words(const Article& article) {
    std::vector<std::string> blocks;
    blocks.reserve(article.paragraphs.size() + 1);
    blocks.push_back(article.headline);
    for (const Paragraph& paragraph : article.paragraphs)
        blocks.push_back(paragraph.link_text.empty() ? paragraph.text : paragraph.text + " " + paragraph.link_text);
    return blocks;
}

std::vector<ArticleMatch> find_in_article(const Article& article, std::string_view query) {
    std::vector<ArticleMatch> matches;
    if (fold_query(query).empty()) return matches;
    const std::vector<std::string> blocks = article_words(article);
    for (std::size_t b = 0; b < blocks.size(); ++b)
        for (const ByteRange& range : find_all(blocks[b], query)) matches.push_back({b, range});
    return matches;
}

// [SECTION] Entities --------------------------------------------------------------------

std::string snippet_around(std::string_view text, ByteRange range, std::size_t context) {
    assert(range.begin <= range.end && range.end <= text.size() && "snippet_around needs a range inside the text");
    std::size_t begin = range.begin > context ? range.begin - context : 0;
    std::size_t end = std::min(text.size(), range.end + context);
    if (begin > 0) {
        const std::size_t space = text.find(' ', begin);
        begin = space != std::string_view::npos && space < range.begin ? space + 1 : range.begin;
    }
    if (end < text.size()) {
        const std::size_t space = text.rfind(' ', end);
        end = space != std::string_view::npos && space >= range.end ? space : range.end;
    }
    std::string out;
    if (begin > 0) out += "\xE2\x80\xA6";
    out.append(text.substr(begin, end - begin));
    if (end < text.size()) out += "\xE2\x80\xA6";
    return out;
}

std::vector<EntityMatch> find_in_entities(const Pack& pack, std::string_view query) {
    std::vector<EntityMatch> out;
    if (fold_query(query).empty()) return out;
    for (std::size_t e = 0; e < pack.entities.size(); ++e) {
        const Entity& entity = pack.entities[e];
        std::vector<std::pair<const char*, const std::string*>> fields = {{"name", &entity.name}};
        for (const std::string& alias : entity.aliases) fields.push_back({"alias", &alias});
        if (entity.kind == EntityKind::Quote) fields.push_back({"quote", &entity.text});
        if (entity.kind == EntityKind::Event) fields.push_back({"description", &entity.description});
        for (const auto& [field, text] : fields) {
            const std::vector<ByteRange> found = find_all(*text, query);
            if (found.empty()) continue;
            out.push_back({e, field, snippet_around(*text, found.front())});
            break;
        }
    }
    return out;
}

} // namespace explainer
