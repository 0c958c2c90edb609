#include "core/text_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace explainer;

namespace {

// Fixed pitch: every code point is 10 px wide in style 0 and 20 px in style 1, so the
// expected breaks can be worked out by hand.
float measure(int style, std::string_view text) {
    int code_points = 0;
    for (unsigned char c : text) code_points += (c & 0xC0) != 0x80;
    return code_points * (style == 1 ? 20.0f : 10.0f);
}
float line_height(int style) { return style == 1 ? 30.0f : 20.0f; }

std::vector<StyledRun> plain(std::string_view text) { return {{0, text.size(), 0, -1}}; }

std::vector<std::string> line_texts(std::string_view text, const ParagraphLayout& layout) {
    std::vector<std::string> out;
    for (const LayoutLine& line : layout.lines) {
        std::string s;
        for (const PlacedRun& run : line.runs) s += std::string(drawn_text(text, run));  // as drawn, left to right
        out.push_back(s);
    }
    return out;
}

} // namespace

TEST(TextLayout, WrapsAtSpacesWithoutExceedingTheMeasure) {
    const std::string text = "aaa bbb ccc";
    const ParagraphLayout layout = layout_paragraph(text, plain(text), 75, measure, line_height);
    EXPECT_EQ(line_texts(text, layout), (std::vector<std::string>{"aaa bbb", "ccc"}));
    EXPECT_FLOAT_EQ(layout.lines[0].width, 70);
    EXPECT_FLOAT_EQ(layout.lines[1].width, 30);
    EXPECT_FLOAT_EQ(layout.lines[1].y, 20);
    EXPECT_FLOAT_EQ(layout.height, 40);
}

TEST(TextLayout, TrailingSpaceMayHangPastTheMeasure) {
    // "aaa bbb " is 80 px with its space, but its ink is 70: it fits in 70.
    const std::string text = "aaa bbb ccc";
    const ParagraphLayout layout = layout_paragraph(text, plain(text), 70, measure, line_height);
    EXPECT_EQ(line_texts(text, layout), (std::vector<std::string>{"aaa bbb", "ccc"}));
}

TEST(TextLayout, EveryLineFitsAndNoTextIsLost) {
    const std::string text =
        "The victory by Kurdish forces in Sinjar was just one in a string of losses for the militant group as it "
        "faces attacks on multiple fronts \xE2\x80\x94 from Ramadi in Iraq to Raqqa in Syria.";
    for (float width : {60.0f, 100.0f, 170.0f, 333.0f, 640.0f, 5000.0f}) {
        const ParagraphLayout layout = layout_paragraph(text, plain(text), width, measure, line_height);
        std::string joined;
        for (const LayoutLine& line : layout.lines) {
            EXPECT_LE(line.width, width) << "at width " << width;
            for (const PlacedRun& run : line.runs) joined += text.substr(run.begin, run.end - run.begin);
        }
        std::string without_spaces;
        for (char c : text)
            if (c != ' ') without_spaces += c;
        joined.erase(std::remove(joined.begin(), joined.end(), ' '), joined.end());
        EXPECT_EQ(joined, without_spaces) << "at width " << width;
    }
}

TEST(TextLayout, BreaksAfterAnEmDashInsideAWord) {
    const std::string text = "fronts\xE2\x80\x94" "from";  // 11 code points
    const ParagraphLayout layout = layout_paragraph(text, plain(text), 80, measure, line_height);
    EXPECT_EQ(line_texts(text, layout), (std::vector<std::string>{"fronts\xE2\x80\x94", "from"}));
}

// Ethiopic written with its wordspace (U+1361) and no spaces, and an Armenian hyphen
// (U+058A): a line may break after either, as after a hyphen.
TEST(TextLayout, BreaksAfterTheEthiopicWordspaceAndTheArmenianHyphen) {
    const std::string ethiopic = "\u12A0\u12F2\u1235\u1361\u12A0\u1260\u1263";  // አዲስ፡አበባ, 7 code points
    EXPECT_EQ(line_texts(ethiopic, layout_paragraph(ethiopic, plain(ethiopic), 50, measure, line_height)),
              (std::vector<std::string>{"\u12A0\u12F2\u1235\u1361", "\u12A0\u1260\u1263"}));
    const std::string armenian = "\u0570\u0561\u0575\u058A\u057C\u0578\u0582\u057D";  // հայ֊ռուս, 8 code points
    EXPECT_EQ(line_texts(armenian, layout_paragraph(armenian, plain(armenian), 50, measure, line_height)),
              (std::vector<std::string>{"\u0570\u0561\u0575\u058A", "\u057C\u0578\u0582\u057D"}));
}

// The Canadian syllabics hyphen (U+1400) and the Tifinagh separator mark (U+2D70): a line
// may break after either, as after a hyphen.
TEST(TextLayout, BreaksAfterTheSyllabicsHyphenAndTheTifinaghSeparator) {
    const std::string syllabics = "\u14C4\u14C7\u1557\u1466\u1400\u1403\u1583\u14D7\u1403\u1466";  // ᓄᓇᕗᑦ᐀ᐃᖃᓗᐃᑦ
    EXPECT_EQ(line_texts(syllabics, layout_paragraph(syllabics, plain(syllabics), 60, measure, line_height)),
              (std::vector<std::string>{"\u14C4\u14C7\u1557\u1466\u1400", "\u1403\u1583\u14D7\u1403\u1466"}));
    const std::string tifinagh = "\u2D30\u2D63\u2D53\u2D4D\u2D70\u2D5C\u2D30\u2D4E";  // ⴰⵣⵓⵍ⵰ⵜⴰⵎ, 8 code points
    EXPECT_EQ(line_texts(tifinagh, layout_paragraph(tifinagh, plain(tifinagh), 50, measure, line_height)),
              (std::vector<std::string>{"\u2D30\u2D63\u2D53\u2D4D\u2D70", "\u2D5C\u2D30\u2D4E"}));
}

// Chinese and Japanese have no spaces between words: a line breaks between ideographs and
// kana, but never before a closing mark, a small kana or the length mark, nor after an
// opening bracket (Japanese's kinsoku); Latin text beside them breaks as before.
TEST(TextLayout, ChineseAndJapaneseBreakBetweenCharactersButNotBeforeClosingMarks) {
    const std::string chinese = "我们会继续战斗。";  // 8 code points, 10 px each
    EXPECT_EQ(line_texts(chinese, layout_paragraph(chinese, plain(chinese), 50, measure, line_height)),
              (std::vector<std::string>{"我们会继续", "战斗。"}));
    // "。" would open the second line at 70 px: the ideograph before it goes down with it.
    EXPECT_EQ(line_texts(chinese, layout_paragraph(chinese, plain(chinese), 70, measure, line_height)),
              (std::vector<std::string>{"我们会继续战", "斗。"}));
    // 「 stays with what it opens, and the small ょ and っ and the length mark ー with what
    // they follow.
    const std::string japanese = "東京「ちょっとコーヒー」";  // 12 code points
    EXPECT_EQ(line_texts(japanese, layout_paragraph(japanese, plain(japanese), 40, measure, line_height)),
              (std::vector<std::string>{"東京", "「ちょっ", "とコー", "ヒー」"}));
    // Nor does a line open with an ellipsis, the wave dash or a percent sign.
    for (const std::string text : {"一二三…四", "一二三〜四", "一二三％四"}) {
        const std::vector<std::string> lines = line_texts(text, layout_paragraph(text, plain(text), 30, measure, line_height));
        ASSERT_EQ(lines.size(), 2u) << text;
        EXPECT_EQ(lines[0], "一二") << text;
    }
    // Korean breaks at its spaces as before, and between syllables only where a word is wider
    // than the line.
    const std::string korean = "서울 시장";
    EXPECT_EQ(line_texts(korean, layout_paragraph(korean, plain(korean), 40, measure, line_height)),
              (std::vector<std::string>{"서울", "시장"}));
    // Latin beside them: "Xi 习近平" breaks before the name; "(习近平)" keeps its brackets.
    const std::string mixed = "Xi (习近平) said";
    EXPECT_EQ(line_texts(mixed, layout_paragraph(mixed, plain(mixed), 40, measure, line_height)),
              (std::vector<std::string>{"Xi", "(习近", "平)", "said"}));
}

TEST(TextLayout, BreaksAWordWiderThanTheMeasureBetweenCodePoints) {
    const std::string text = "abcdefghij \xC3\xA9t\xC3\xA9";  // "abcdefghij été"
    const ParagraphLayout layout = layout_paragraph(text, plain(text), 40, measure, line_height);
    EXPECT_EQ(line_texts(text, layout), (std::vector<std::string>{"abcd", "efgh", "ij", "\xC3\xA9t\xC3\xA9"}));
}

TEST(TextLayout, StylesChangeWidthsAndLineHeights) {
    const std::string text = "aa bb cc";
    // "bb" is in the wide style: "aa " (30) + "bb" (40) = 70 fits in 70; "cc" wraps.
    const std::vector<StyledRun> runs = {{0, 3, 0, -1}, {3, 5, 1, 7}, {5, 8, 0, -1}};
    const ParagraphLayout layout = layout_paragraph(text, runs, 70, measure, line_height);
    ASSERT_EQ(layout.lines.size(), 2u);
    EXPECT_FLOAT_EQ(layout.lines[0].height, 30);  // the tall style sets the line's height
    EXPECT_FLOAT_EQ(layout.lines[1].height, 20);
    EXPECT_FLOAT_EQ(layout.height, 50);
}

TEST(TextLayout, HitTestingFindsTagsAndIgnoresPlainText) {
    const std::string text = "in Sinjar and Paris today";
    //                        0123456789012345678901234
    const std::vector<StyledRun> runs = {{0, 3, 0, -1}, {3, 9, 0, 1}, {9, 14, 0, -1}, {14, 19, 0, 2}, {19, 25, 0, -1}};
    const ParagraphLayout layout = layout_paragraph(text, runs, 1000, measure, line_height);
    EXPECT_EQ(tag_at(layout, 35, 10), std::optional<int>(1));   // inside "Sinjar" (30..90)
    EXPECT_EQ(tag_at(layout, 89, 10), std::optional<int>(1));
    EXPECT_EQ(tag_at(layout, 95, 10), std::nullopt);             // " and "
    EXPECT_EQ(tag_at(layout, 145, 10), std::optional<int>(2));  // "Paris" (140..190)
    EXPECT_EQ(tag_at(layout, 145, 25), std::nullopt);            // below the only line
    EXPECT_EQ(tag_at(layout, 5, 10), std::nullopt);
}

TEST(TextLayout, ATagBrokenAcrossLinesHasOneRectPerLine) {
    const std::string text = "xx the French capital yy";
    //                        012345678901234567890123
    const std::vector<StyledRun> runs = {{0, 3, 0, -1}, {3, 21, 0, 5}, {21, 24, 0, -1}};
    const ParagraphLayout layout = layout_paragraph(text, runs, 100, measure, line_height);
    // Lines: "xx the" (60) / "French" (60) / "capital yy" (100).
    const std::vector<LayoutRect> rects = tag_rects(layout, 5);
    ASSERT_EQ(rects.size(), 3u);
    EXPECT_FLOAT_EQ(rects[0].x, 30);
    EXPECT_FLOAT_EQ(rects[0].w, 30);  // "the", its trailing space clipped at the line end
    EXPECT_FLOAT_EQ(rects[1].y, 20);
    EXPECT_FLOAT_EQ(rects[1].w, 60);
    EXPECT_FLOAT_EQ(rects[2].x, 0);
    EXPECT_FLOAT_EQ(rects[2].w, 70);  // "capital"
    EXPECT_TRUE(tag_rects(layout, 99).empty());
}

TEST(TextLayout, EmptyTextHasNoLines) {
    const ParagraphLayout layout = layout_paragraph("", {}, 100, measure, line_height);
    EXPECT_TRUE(layout.lines.empty());
    EXPECT_FLOAT_EQ(layout.height, 0);
}

// [SECTION] Right-to-left text
// Hebrew needs no letter forms, so the fixed pitch above measures it as drawn: 10 px a letter.


TEST(TextLayout, AHebrewParagraphReadsRightToLeftFromTheRightMargin) {
    const std::string text = "אבג דהו";
    const ParagraphLayout layout = layout_paragraph(text, plain(text), 200, measure, line_height);
    EXPECT_TRUE(layout.right_to_left);
    ASSERT_EQ(layout.lines.size(), 1u);
    EXPECT_EQ(line_texts(text, layout), (std::vector<std::string>{"והד גבא"}));
    ASSERT_EQ(layout.lines[0].runs.size(), 1u);
    EXPECT_EQ(layout.lines[0].runs[0].level, 1);
    EXPECT_FLOAT_EQ(layout.lines[0].runs[0].x, 130);  // 200 - 70: its end at the right margin
    EXPECT_FLOAT_EQ(layout.lines[0].width, 70);
}

TEST(TextLayout, HebrewWordsInsideEnglishKeepTheLineLeftToRight) {
    const std::string text = "one אבג דהו two";
    const ParagraphLayout layout = layout_paragraph(text, plain(text), 500, measure, line_height);
    EXPECT_FALSE(layout.right_to_left);
    EXPECT_EQ(line_texts(text, layout), (std::vector<std::string>{"one והד גבא two"}));
    ASSERT_EQ(layout.lines[0].runs.size(), 3u);
    EXPECT_FLOAT_EQ(layout.lines[0].runs[0].x, 0);
    EXPECT_FLOAT_EQ(layout.lines[0].runs[1].x, 40);
    EXPECT_EQ(layout.lines[0].runs[1].level, 1);
    EXPECT_FLOAT_EQ(layout.lines[0].runs[2].x, 110);
}

TEST(TextLayout, ARightToLeftParagraphWrapsInReadingOrderEachLineAtTheRightMargin) {
    const std::string text = "אבג דהו זחט";
    const ParagraphLayout layout = layout_paragraph(text, plain(text), 75, measure, line_height);
    // The first line holds the first words, read from the right.
    EXPECT_EQ(line_texts(text, layout), (std::vector<std::string>{"והד גבא", "טחז"}));
    EXPECT_FLOAT_EQ(layout.lines[0].runs[0].x, 5);
    EXPECT_FLOAT_EQ(layout.lines[1].runs[0].x, 45);
    EXPECT_EQ(layout.lines[1].begin, text.find("זחט"));
}

TEST(TextLayout, NumbersAndLatinInsideHebrewReadLeftToRight) {
    const std::string text = "אבג 2026 דהו";
    const ParagraphLayout layout = layout_paragraph(text, plain(text), 500, measure, line_height);
    EXPECT_EQ(line_texts(text, layout), (std::vector<std::string>{"והד 2026 גבא"}));
}

TEST(TextLayout, AMentionInsideHebrewIsWhereItsWordIsDrawn) {
    // Tag 7 on the second word, דהו: drawn leftmost, at 130.
    const std::string text = "אבג דהו";
    const std::size_t word = text.find("דהו");
    const std::vector<StyledRun> runs = {{0, word, 0, -1}, {word, text.size(), 0, 7}};
    const ParagraphLayout layout = layout_paragraph(text, runs, 200, measure, line_height);
    const std::vector<LayoutRect> rects = tag_rects(layout, 7);
    ASSERT_EQ(rects.size(), 1u);
    EXPECT_FLOAT_EQ(rects[0].x, 130);
    EXPECT_FLOAT_EQ(rects[0].w, 30);
    EXPECT_EQ(tag_at(layout, 135, 5), 7);
    EXPECT_EQ(tag_at(layout, 195, 5), std::nullopt);  // the first word, at the right
}

TEST(TextLayout, ArabicIsMeasuredInTheFormsItIsDrawnIn) {
    // A measure that tells the nominal letters (U+0600-06FF, 10 px) from their contextual
    // forms (U+FE70-FEFF, 7 px): the line is as wide as what it draws.
    const MeasureText forms = [](int, std::string_view s) {
        float w = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if ((c & 0xC0) == 0x80) continue;
            w += c == 0xEF ? 7.0f : 10.0f;
        }
        return w;
    };
    // Four letters drawn as three forms: seen initial, lam-alef final (one ligature), meem isolated.
    const std::string text = "سلام";
    const ParagraphLayout layout = layout_paragraph(text, plain(text), 200, forms, line_height);
    ASSERT_EQ(layout.lines.size(), 1u);
    EXPECT_FLOAT_EQ(layout.lines[0].width, 21);
    EXPECT_EQ(std::string(drawn_text(text, layout.lines[0].runs[0])).find("\xD8"), std::string::npos)
        << "no nominal letter is drawn";
}
