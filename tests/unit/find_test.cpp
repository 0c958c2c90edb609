#include "core/find.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace explainer;

namespace {

std::vector<std::string> found_texts(std::string_view text, std::string_view query) {
    std::vector<std::string> out;
    for (const ByteRange& r : find_all(text, query)) out.emplace_back(text.substr(r.begin, r.end - r.begin));
    return out;
}

Pack load_fixture(const std::string& relative) {
    std::ifstream in(std::string(EXPLAINER_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    LoadResult loaded = load_pack(text.str(), relative);
    EXPECT_TRUE(loaded.pack.has_value()) << relative;
    return loaded.pack ? std::move(*loaded.pack) : Pack{};
}

} // namespace

TEST(Find, IgnoresCase) {
    EXPECT_EQ(found_texts("Sinjar and SINJAR and sinjar", "Sinjar"), (std::vector<std::string>{"Sinjar", "SINJAR", "sinjar"}));
}

TEST(Find, IgnoresDiacriticsInEveryDirection) {
    // Precomposed letters, and a query with accents finding plain letters.
    EXPECT_EQ(found_texts("Nguyễn Ánh and Huế", "nguyen anh"), (std::vector<std::string>{"Nguyễn Ánh"}));
    EXPECT_EQ(found_texts("Sinjar, Sinjār", "sinjār"), (std::vector<std::string>{"Sinjar", "Sinjār"}));
    // A combining accent (e + U+0301) is part of the match it follows.
    EXPECT_EQ(found_texts("cafe\xCC\x81 noir", "café"), (std::vector<std::string>{"cafe\xCC\x81"}));
}

TEST(Find, GreekAndCyrillic) {
    const std::string athens = "Athens, Αθήνα in Greek and Ἀθῆναι in the ancient language";
    EXPECT_EQ(found_texts(athens, "αθηνα"), (std::vector<std::string>{"Αθήνα", "Ἀθῆνα"}));
    EXPECT_EQ(found_texts(athens, "ΑΘΗΝΑΙ"), (std::vector<std::string>{"Ἀθῆναι"}));
    EXPECT_EQ(found_texts("Пётр I founded Санкт-Петербург", "петр"), (std::vector<std::string>{"Пётр"}));
    EXPECT_EQ(found_texts("Санкт-Петербург", "САНКТ-петербург"), (std::vector<std::string>{"Санкт-Петербург"}));
    // Final sigma and sigma are one letter to find.
    EXPECT_EQ(found_texts("ΟΔΥΣΣΕΥΣ", "οδυσσευς"), (std::vector<std::string>{"ΟΔΥΣΣΕΥΣ"}));
}

TEST(Find, FoldsEveryKindOfRowOfTheGeneratedTable) {
    // The table is compact (steps and 16-bit targets, expanded at first use): a row of
    // each kind, at both ends of it and after its long gaps, folds as Unicode says.
    EXPECT_EQ(fold_query("AZaz"), "azaz");
    EXPECT_EQ(fold_query("Straße STRASSE"), "strasse strasse") << "a letter that folds to two";
    EXPECT_EQ(fold_query("\xE1\xBA\x9E"), "ss") << "capital sharp s U+1E9E, after a gap of over 255";
    EXPECT_EQ(fold_query("Ỹ ỹ Ự"), "y y u") << "Latin Extended Additional, near the end";
    EXPECT_EQ(fold_query("\xE1\xB2\x88"), "\xEA\x99\x8B") << "U+1C88 folds to U+A64B, three bytes of UTF-8";
    EXPECT_EQ(fold_query("Ѡ ѡ Ѻ"), "ѡ ѡ ѻ") << "Cyrillic, every other code point";
    EXPECT_EQ(fold_query("a\xCC\x81\xCD\xAF"), "a") << "combining marks (U+0301, U+036F) vanish";
    EXPECT_EQ(fold_query("\xC2\xA0\xE2\x80\xAF"), "  ") << "no-break spaces";
    EXPECT_EQ(fold_query("→ ℃ ⅓ Ⅻ"), "→ ℃ ⅓ Ⅻ") << "from U+2100 to Cherokee's small letters, characters stay as they are";
    EXPECT_EQ(fold_query("\uAB70 \uABBF \u13F8"), "\u13A0 \u13EF \u13F0") << "Cherokee's small letters fold to its capitals";
    EXPECT_EQ(fold_query("\uABC0 \uAC00"), "\uABC0 \uAC00") << "from kFoldLimit (U+ABC0) on, characters stay as they are";
}

// Cherokee is written in capitals, and in small letters since Unicode 8: either finds both.
TEST(Find, CherokeeInCapitalsAndSmallLetters) {
    const std::string text = "\u13E3\u13B3\u13A9 and \uABB3\uAB83\uAB79";  // ᏣᎳᎩ and ꮳꮃꭹ
    EXPECT_EQ(found_texts(text, "\u13E3\u13B3\u13A9"), (std::vector<std::string>{"\u13E3\u13B3\u13A9", "\uABB3\uAB83\uAB79"}));
    EXPECT_EQ(found_texts(text, "\uABB3\uAB83\uAB79"), (std::vector<std::string>{"\u13E3\u13B3\u13A9", "\uABB3\uAB83\uAB79"}));
}

// Chinese and Japanese text writes digits and Latin letters full width: typed as ASCII,
// they find them, and the other way round.
TEST(Find, FullWidthFormsMatchTheirAsciiOnes) {
    const std::string text = "２０２５年のＡＢＣ、東京（Tokyo）";
    EXPECT_EQ(found_texts(text, "2025"), (std::vector<std::string>{"２０２５"}));
    EXPECT_EQ(found_texts(text, "abc"), (std::vector<std::string>{"ＡＢＣ"}));
    EXPECT_EQ(found_texts(text, "東京("), (std::vector<std::string>{"東京（"}));
    EXPECT_EQ(found_texts("2025", "２０２５"), (std::vector<std::string>{"2025"}));
}

TEST(Find, TypographicQuotesMatchTypedOnes) {
    EXPECT_EQ(found_texts("“We still write Kauaʻi,” he said, and didn’t", "didn't"), (std::vector<std::string>{"didn’t"}));
    EXPECT_EQ(found_texts("“We still write Kauaʻi,”", "\"we"), (std::vector<std::string>{"“We"}));
    // The ʻokina is a letter: "kauai" does not find "Kauaʻi" (as a browser's find would not).
    EXPECT_TRUE(found_texts("Kauaʻi", "kauai").empty());
    EXPECT_EQ(found_texts("Kauaʻi", "kauaʻi").size(), 1u);
}

TEST(Find, NoMatchAndEmptyQuery) {
    EXPECT_TRUE(find_all("Sinjar", "Raqqa").empty());
    EXPECT_TRUE(find_all("Sinjar", "").empty());
    EXPECT_TRUE(find_all("Sinjar", "\xCC\x81").empty()) << "a lone accent folds to nothing and finds nothing";
    EXPECT_TRUE(find_all("", "a").empty());
}

TEST(Find, MatchesDoNotOverlapAndNeverSplitACharacter) {
    EXPECT_EQ(find_all("aaaa", "aa"), (std::vector<ByteRange>{{0, 2}, {2, 4}}));
    // "ß" folds to "ss": "ss" finds it whole, "s" finds only real s's.
    EXPECT_EQ(found_texts("Straße", "strasse"), (std::vector<std::string>{"Straße"}));
    EXPECT_EQ(found_texts("Straße", "s"), (std::vector<std::string>{"S"}));
}

TEST(Find, SkipsOrnamentsButMatchesAcrossThem) {
    const std::string text = "2,500 miles [computed: 4,000 km] from Paris";
    const std::size_t badge = text.find(" [");
    const std::vector<ByteRange> skip = {{badge, text.find(']') + 1}};
    EXPECT_TRUE(find_all(text, "computed", skip).empty());
    const std::vector<ByteRange> across = find_all(text, "miles from", skip);
    ASSERT_EQ(across.size(), 1u);
    EXPECT_EQ(across[0].begin, text.find("miles"));
    EXPECT_EQ(across[0].end, text.find("from") + 4);
}

TEST(Find, InvalidUtf8IsKeptNotCrashedOn) {
    const std::string text = "ab\xFF\xC3 cd";
    EXPECT_EQ(found_texts(text, "cd"), (std::vector<std::string>{"cd"}));
}

TEST(Find, EntitiesOfANonLatinPack) {
    const Pack pack = load_fixture("tests/packs/centuries-of-names.json");
    std::vector<std::string> ids;
    for (const EntityMatch& m : find_in_entities(pack, "αθηνα")) ids.push_back(pack.entities[m.entity].id);
    EXPECT_EQ(ids, (std::vector<std::string>{"athens", "athens-1896", "athens-2004"}));
    const std::vector<EntityMatch> quote = find_in_entities(pack, "grandparents");
    ASSERT_EQ(quote.size(), 1u);
    EXPECT_EQ(pack.entities[quote[0].entity].id, "quote-fisherman");
    EXPECT_EQ(quote[0].field, "quote");
    EXPECT_NE(quote[0].snippet.find("grandparents"), std::string::npos);
    EXPECT_TRUE(find_in_entities(pack, "zzzz").empty());
}

TEST(Find, TheArticlesWordsAreTheHeadlineThenParagraphsWithTheirLinks) {
    Article article;
    article.headline = "Paris at night";
    article.paragraphs = {{"p1", "Night fell on Paris.", "", ""}, {"p2", "More about the night", "Continue reading at night", "https://example.org"}};
    EXPECT_EQ(article_words(article), (std::vector<std::string>{"Paris at night", "Night fell on Paris.",
                                                                "More about the night Continue reading at night"}));
    const std::vector<ArticleMatch> found = find_in_article(article, "NIGHT");
    const std::vector<ArticleMatch> expected = {{kHeadlineBlock, {9, 14}}, {block_of_paragraph(0), {0, 5}},
                                                {block_of_paragraph(1), {15, 20}}, {block_of_paragraph(1), {41, 46}}};
    EXPECT_EQ(found, expected);
    EXPECT_TRUE(find_in_article(article, "").empty());
    EXPECT_TRUE(find_in_article(article, "\xCC\x81").empty()) << "a query that folds to nothing matches nothing";
    EXPECT_TRUE(find_in_article(Article{}, "night").empty());
}

// A pack in Greek and Russian (tests/packs/greek-cyrillic-nested.json): find ignores case
// and accents, and counts in the headline too, without any layout.
TEST(Find, GreekAndCyrillicInTheArticleWithoutALayout) {
    const Pack pack = load_fixture("tests/packs/greek-cyrillic-nested.json");
    const std::vector<std::string> words = article_words(pack.article);
    const auto texts = [&](std::string_view query) {
        std::vector<std::string> out;
        for (const ArticleMatch& m : find_in_article(pack.article, query))
            out.push_back(std::to_string(m.block) + ":" + words[m.block].substr(m.words.begin, m.words.end - m.words.begin));
        return out;
    };
    EXPECT_EQ(texts("αθηνα"), (std::vector<std::string>{"3:Αθήνα", "3:ΑΘΗΝΑ"}));
    EXPECT_EQ(texts("ΟΛΥΜΠΙΑΚΟΙ αγωνες"), (std::vector<std::string>{"0:Ολυμπιακοί Αγώνες", "1:Ολυμπιακοί Αγώνες"}));
    EXPECT_EQ(texts("санкт-петербург"), (std::vector<std::string>{"0:Санкт-Петербург", "2:Санкт-Петербург", "3:Санкт-Петербург"}));
    EXPECT_EQ(texts("ПЕТР"), (std::vector<std::string>{"2:Пётр"})) << "ё folds to е";
}

TEST(Find, SnippetsCutAtWords) {
    const std::string text = "one two three four five six seven eight nine ten";
    const std::size_t at = text.find("five");
    EXPECT_EQ(snippet_around(text, {at, at + 4}, 8), "…four five six…");
    EXPECT_EQ(snippet_around(text, {0, 3}, 4), "one two…");
}
