#include "core/text_selection.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

using namespace explainer;

namespace {

// Fixed pitch, 10 px a code point (combining marks take no room), 20 px lines.
float measure(int, std::string_view text) {
    int code_points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) continue;
        const bool combining_acute = c == 0xCC && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x81;
        code_points += combining_acute ? 0 : 1;
    }
    return code_points * 10.0f;
}
float line_height(int) { return 20.0f; }

// A document of paragraphs laid out at `width`, 10 px apart.
struct Document {
    std::vector<std::string> texts;
    std::vector<std::unique_ptr<ParagraphLayout>> layouts;
    std::vector<TextBlock> blocks;

    Document(std::vector<std::string> paragraphs, float width) : texts(std::move(paragraphs)) {
        float y = 0;
        for (const std::string& text : texts) {
            layouts.push_back(std::make_unique<ParagraphLayout>(
                layout_paragraph(text, {{0, text.size(), 0, -1}}, width, measure, line_height)));
            blocks.push_back({text, layouts.back().get(), y, {}});
            y += layouts.back()->height + 10;
        }
    }
};

std::string word(std::string_view text, std::size_t offset) {
    const ByteRange r = word_at(text, offset);
    return std::string(text.substr(r.begin, r.end - r.begin));
}

} // namespace

TEST(TextSelection, PointAtFindsTheNearestCharacterBoundary) {
    const Document doc({"aaa bbb ccc", "dddd"}, 75);  // lines "aaa bbb" / "ccc", then "dddd" at y 50
    EXPECT_EQ(point_at(doc.blocks, 0, 5, measure), (TextPoint{0, 0}));
    EXPECT_EQ(point_at(doc.blocks, 14, 5, measure), (TextPoint{0, 1}));   // nearer 10 than 20
    EXPECT_EQ(point_at(doc.blocks, 16, 5, measure), (TextPoint{0, 2}));
    EXPECT_EQ(point_at(doc.blocks, 500, 5, measure), (TextPoint{0, 7}));  // past the line's end: before its space
    EXPECT_EQ(point_at(doc.blocks, 21, 25, measure), (TextPoint{0, 10}));  // second line "ccc" starts at byte 8
    EXPECT_EQ(point_at(doc.blocks, 21, 55, measure), (TextPoint{1, 2}));
    EXPECT_EQ(point_at(doc.blocks, 21, 900, measure), (TextPoint{1, 4}));  // below everything: the end
    // In the gap between paragraphs (y 40..50): the nearer one.
    EXPECT_EQ(point_at(doc.blocks, 0, 42, measure), (TextPoint{0, 11}));
    EXPECT_EQ(point_at(doc.blocks, 0, 48, measure), (TextPoint{1, 0}));
}

TEST(TextSelection, CaretNeverStopsInsideACharacterOrBeforeItsMark) {
    const std::string text = "Ἀθῆναι cafe\xCC\x81!";
    const Document doc({text}, 1000);
    for (float x = 0; x < 150; x += 1) {
        const TextPoint p = point_at(doc.blocks, x, 5, measure);
        ASSERT_TRUE(p.offset == text.size() || (static_cast<unsigned char>(text[p.offset]) & 0xC0) != 0x80) << x;
        ASSERT_NE(text.substr(p.offset, 2), "\xCC\x81") << "the caret split e from its accent at x " << x;
    }
    const std::size_t accent_end = text.find('!');
    EXPECT_EQ(move_point(doc.blocks, {0, accent_end - 3}, CaretStep::Right, measure).offset, accent_end);
    EXPECT_EQ(move_point(doc.blocks, {0, accent_end}, CaretStep::Left, measure).offset, accent_end - 3);
}

// Chinese and Japanese have no spaces: a double-click takes the characters between two
// punctuation marks, never the marks (a name in 「」 is selected without its brackets).
TEST(TextSelection, ChineseAndJapaneseWordsEndAtTheirPunctuation) {
    const std::string japanese = "東京は、「日本の首都」です。";
    EXPECT_EQ(word(japanese, japanese.find("日本")), "日本の首都");
    EXPECT_EQ(word(japanese, 0), "東京は");
    const std::string chinese = "北京是首都，上海（Shanghai）不是！";
    EXPECT_EQ(word(chinese, chinese.find("上海")), "上海");
    EXPECT_EQ(word(chinese, chinese.find("是首")), "北京是首都");
    // The iteration mark 々 is a letter: 人々 is one word.
    EXPECT_EQ(word("人々、", 0), "人々");
}

TEST(TextSelection, WordsInEveryScript) {
    const std::string text = "On 27 May 1703 Пётр I founded Санкт-Петербург; “didn’t” Kauaʻi, Huế.";
    EXPECT_EQ(word(text, text.find("ётр")), "Пётр");
    EXPECT_EQ(word(text, text.find("Санкт") + 2), "Санкт");  // a hyphen ends a word
    EXPECT_EQ(word(text, text.find("didn") + 1), "didn’t");  // an apostrophe inside joins it
    EXPECT_EQ(word(text, text.find("Kaua") + 1), "Kauaʻi");   // the ʻokina is a letter
    EXPECT_EQ(word(text, text.find("Huế") + 1), "Huế");
    EXPECT_EQ(word(text, text.find("1703") + 4), "1703");   // right after a word: that word
    EXPECT_EQ(word(text, text.find(";") + 1), " ");       // between punctuation and a word: the space
    EXPECT_EQ(word("", 0), "");
    // Armenian, Georgian and Ethiopic: their own punctuation ends a word.
    const std::string caucasus = "\u0535\u0580\u0587\u0561\u0576\u0589 \u10D7\u10D1\u10D8\u10DA\u10D8\u10E1\u10D8 "
                                 "\u12A0\u12F2\u1235\u1361\u12A0\u1260\u1263\u1362";  // Երևան։ თბილისი አዲስ፡አበባ።
    EXPECT_EQ(word(caucasus, 2), "\u0535\u0580\u0587\u0561\u0576");  // the full stop ։ is not part of it
    EXPECT_EQ(word(caucasus, caucasus.find("\u10D1")), "\u10D7\u10D1\u10D8\u10DA\u10D8\u10E1\u10D8");
    EXPECT_EQ(word(caucasus, caucasus.find("\u12F2")), "\u12A0\u12F2\u1235");  // the wordspace ends it
    EXPECT_EQ(word(caucasus, caucasus.find("\u1260")), "\u12A0\u1260\u1263");
    // Canadian syllabics and Tifinagh: theirs too; Cherokee is punctuated as English is.
    const std::string north = "\u14C4\u14C7\u1557\u1466\u166E \u13E3\u13B3\u13A9, \u2D30\u2D63\u2D53\u2D4D\u2D70\u2D5C\u2D30\u2D4E";
    EXPECT_EQ(word(north, 0), "\u14C4\u14C7\u1557\u1466");  // ᓄᓇᕗᑦ without ᙮
    EXPECT_EQ(word(north, north.find("\u13B3")), "\u13E3\u13B3\u13A9");  // ᏣᎳᎩ
    EXPECT_EQ(word(north, north.find("\u2D53")), "\u2D30\u2D63\u2D53\u2D4D");  // ⴰⵣⵓⵍ, before the separator ⵰
    EXPECT_EQ(word(north, north.find("\u2D4E")), "\u2D5C\u2D30\u2D4E");
}

TEST(TextSelection, KeyboardStepsByCharacterWordAndLine) {
    const Document doc({"aaa bbb ccc", "dddd eeee"}, 75);
    EXPECT_EQ(move_point(doc.blocks, {0, 0}, CaretStep::Right, measure), (TextPoint{0, 1}));
    EXPECT_EQ(move_point(doc.blocks, {0, 11}, CaretStep::Right, measure), (TextPoint{1, 0}));
    EXPECT_EQ(move_point(doc.blocks, {1, 0}, CaretStep::Left, measure), (TextPoint{0, 11}));
    EXPECT_EQ(move_point(doc.blocks, {0, 0}, CaretStep::Left, measure), (TextPoint{0, 0}));
    EXPECT_EQ(move_point(doc.blocks, {0, 0}, CaretStep::WordRight, measure), (TextPoint{0, 3}));
    EXPECT_EQ(move_point(doc.blocks, {0, 3}, CaretStep::WordRight, measure), (TextPoint{0, 7}));
    EXPECT_EQ(move_point(doc.blocks, {0, 9}, CaretStep::WordLeft, measure), (TextPoint{0, 8}));
    EXPECT_EQ(move_point(doc.blocks, {0, 8}, CaretStep::WordLeft, measure), (TextPoint{0, 4}));
    EXPECT_EQ(move_point(doc.blocks, {0, 1}, CaretStep::Down, measure), (TextPoint{0, 9}));   // "c|cc"
    EXPECT_EQ(move_point(doc.blocks, {0, 9}, CaretStep::Down, measure), (TextPoint{1, 1}));   // next paragraph
    EXPECT_EQ(move_point(doc.blocks, {1, 1}, CaretStep::Up, measure), (TextPoint{0, 9}));
    EXPECT_EQ(move_point(doc.blocks, {0, 2}, CaretStep::Up, measure), (TextPoint{0, 0}));
    EXPECT_EQ(move_point(doc.blocks, {1, 6}, CaretStep::Down, measure), (TextPoint{1, 9}));
}

TEST(TextSelection, RectanglesCoverTheSelectionLineByLine) {
    const Document doc({"aaa bbb ccc"}, 75);
    const std::vector<LayoutRect> rects = range_rects(doc.blocks[0], 5, 10, measure);
    ASSERT_EQ(rects.size(), 2u);
    EXPECT_FLOAT_EQ(rects[0].x, 50);
    EXPECT_FLOAT_EQ(rects[0].w, 20);   // "bb"
    EXPECT_FLOAT_EQ(rects[1].x, 0);
    EXPECT_FLOAT_EQ(rects[1].w, 20);   // "cc"
    EXPECT_FLOAT_EQ(rects[1].y, 20);
    EXPECT_TRUE(range_rects(doc.blocks[0], 4, 4, measure).empty());
    EXPECT_FLOAT_EQ(caret_x(doc.blocks[0], 6, measure), 60);
    EXPECT_FLOAT_EQ(caret_x(doc.blocks[0], 9, measure), 10);
}

TEST(TextSelection, CopiedTextKeepsCurlyQuotesDropsOrnamentsAndJoinsParagraphs) {
    Document doc({"He said “we will win”\xC2\xA0[computed] today.", "Second paragraph."}, 1000);
    const std::string& first = doc.texts[0];
    const std::size_t badge = first.find("\xC2\xA0[");
    doc.blocks[0].ornaments = {{badge, first.find(']') + 1}};
    const TextSelection all{{0, first.find("“")}, {1, 6}};
    EXPECT_EQ(selected_text(doc.blocks, all), "“we will win” today.\n\nSecond");
    // Backwards (focus before anchor) is the same text.
    EXPECT_EQ(selected_text(doc.blocks, {all.focus, all.anchor}), "“we will win” today.\n\nSecond");
    EXPECT_EQ(selected_text(doc.blocks, {{0, 3}, {0, 3}}), "");
    EXPECT_EQ(plain_offset(doc.blocks[0], first.find("today")), first.find("today") - (first.find(']') + 1 - badge));
    EXPECT_EQ(plain_offset(doc.blocks[0], 2), 2u);
}

// Find counts in the words alone; the drawn text has badges between them.
TEST(TextSelection, DrawnOffsetsPutWordsBackAroundOrnaments) {
    Document doc({"2,500 miles\xC2\xA0[computed] from Paris [x][y] on."}, 1000);
    const std::string& text = doc.texts[0];
    const std::size_t badge = text.find("\xC2\xA0[");
    const std::size_t second = text.find(" [x]"), third = text.find("[y]");
    doc.blocks[0].ornaments = {{badge, text.find(']') + 1}, {second, second + 4}, {third, third + 3}};
    const TextBlock& block = doc.blocks[0];
    // Every caret outside the ornaments goes to the words and back.
    for (std::size_t offset = 0; offset <= text.size(); ++offset) {
        const bool in_ornament = (offset > badge && offset <= text.find(']')) || (offset > second && offset < third + 3);
        if (in_ornament) continue;
        const std::size_t words = plain_offset(block, offset);
        EXPECT_EQ(drawn_offset(block, words, offset != badge && offset != second), offset) << offset;
    }
    // Where ornaments stand, a match's end stays before them and its start goes past them all.
    const std::size_t at_badge = plain_offset(block, badge);
    EXPECT_EQ(drawn_offset(block, at_badge, false), badge);
    EXPECT_EQ(drawn_offset(block, at_badge, true), text.find(']') + 1);
    EXPECT_EQ(drawn_offset(block, plain_offset(block, second), true), third + 3);
    EXPECT_EQ(drawn_offset(block, 10000, true), text.size()) << "clamped to the text";
}

TEST(TextSelection, AQuoteIsCopiedWithItsSpeaker) {
    Pack pack;
    Entity speaker;
    speaker.id = "jm-berger";
    speaker.kind = EntityKind::Person;
    speaker.name = "J.M. Berger";
    speaker.role = "a fellow at the Brookings Institution";
    pack.entity_index[speaker.id] = 0;
    pack.entities.push_back(speaker);
    Entity quote;
    quote.kind = EntityKind::Quote;
    quote.speaker = "jm-berger";
    quote.text = "Their recruiting appeal is based on the appearance of strength";
    EXPECT_EQ(quote_for_clipboard(pack, quote),
              "“Their recruiting appeal is based on the appearance of strength” — J.M. Berger, a fellow at the Brookings Institution");
    quote.speaker = "nobody";
    EXPECT_EQ(quote_for_clipboard(pack, quote), "“Their recruiting appeal is based on the appearance of strength”");
}

// [SECTION] Right-to-left text (Hebrew: 10 px a letter, as drawn)

TEST(TextSelection, ARightToLeftParagraphsCaretRunsFromTheRightMargin) {
    const Document doc({"אבג דהו"}, 200);  // drawn from x 130 to 200: "והד גבא"
    const TextBlock& block = doc.blocks[0];
    EXPECT_FLOAT_EQ(caret_x(block, 0, measure), 200);                // before the first letter: the right end
    EXPECT_FLOAT_EQ(caret_x(block, 2, measure), 190);                // after א
    EXPECT_FLOAT_EQ(caret_x(block, block.text.size(), measure), 130);  // the end: the left end
    EXPECT_EQ(point_at(doc.blocks, 199, 5, measure), (TextPoint{0, 0}));
    EXPECT_EQ(point_at(doc.blocks, 188, 5, measure), (TextPoint{0, 2}));  // nearer 190, after א, than 180
    EXPECT_EQ(point_at(doc.blocks, 183, 5, measure), (TextPoint{0, 4}));  // after ב
    EXPECT_EQ(point_at(doc.blocks, 131, 5, measure), (TextPoint{0, block.text.size()}));
    // The first word, selected, is highlighted at the right.
    const std::vector<LayoutRect> rects = range_rects(block, 0, 6, measure);
    ASSERT_EQ(rects.size(), 1u);
    EXPECT_FLOAT_EQ(rects[0].x, 170);
    EXPECT_FLOAT_EQ(rects[0].w, 30);
}

TEST(TextSelection, ASelectionAcrossDirectionsHighlightsWhatItHolds) {
    // "one " then אבג, drawn "גבא" at 40..70: selecting "one א" covers 0..40 and 60..70, not
    // the letters between.
    const Document doc({"one אבג two"}, 500);
    const std::vector<LayoutRect> rects = range_rects(doc.blocks[0], 0, 6, measure);
    ASSERT_EQ(rects.size(), 2u);
    EXPECT_FLOAT_EQ(rects[0].x, 0);
    EXPECT_FLOAT_EQ(rects[0].w, 40);
    EXPECT_FLOAT_EQ(rects[1].x, 60);
    EXPECT_FLOAT_EQ(rects[1].w, 10);
}

TEST(TextSelection, ArrowKeysGoTheWayARightToLeftParagraphReads) {
    const Document doc({"אבג דהו"}, 200);
    EXPECT_EQ(move_point(doc.blocks, {0, 0}, CaretStep::Left, measure), (TextPoint{0, 2}));
    EXPECT_EQ(move_point(doc.blocks, {0, 4}, CaretStep::Right, measure), (TextPoint{0, 2}));
    EXPECT_EQ(move_point(doc.blocks, {0, 0}, CaretStep::WordLeft, measure), (TextPoint{0, 6}));
}

TEST(TextSelection, HebrewPointsAndArabicVowelSignsStayWithTheirLetters) {
    const std::string qamats = "\xD6\xB8";  // U+05B8
    const Document doc({"א" + qamats + "ב"}, 200);
    EXPECT_EQ(move_point(doc.blocks, {0, 0}, CaretStep::Left, measure), (TextPoint{0, 4}));
    EXPECT_EQ(word("שָׁלוֹם, עולם", 0), "שָׁלוֹם");
    EXPECT_EQ(word("سَلام، عالم", 0), "سَلام");
}
