// Right-to-left text (core/bidi.h): Unicode's own conformance tests of the bidirectional
// algorithm (BidiCharacterTest.txt and BidiTest.txt from Debian's unicode-data package),
// run on every case the tables cover, and cases a reader of Hebrew or Arabic would check:
// word order, numbers, brackets, Arabic letter forms and lam-alef, marks on their letters.
//
// Index
// - [SECTION] Helpers
// - [SECTION] Conformance: BidiCharacterTest.txt
// - [SECTION] Conformance: BidiTest.txt
// - [SECTION] Order of words, numbers and brackets
// - [SECTION] Arabic letter forms
// - [SECTION] Visual text and robustness
#include "core/bidi.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/scripts.h"

namespace explainer {
namespace {

// [SECTION] Helpers ----------------------------------------------------------------------------

std::string utf8(const std::u32string& code_points) {
    std::string out;
    for (const char32_t cp : code_points) append_utf8(out, cp);
    return out;
}

std::u32string code_points(std::string_view text) {
    std::u32string out;
    for (std::size_t at = 0; at < text.size();) out += next_code_point(text, at);
    return out;
}

// The code points the tables cover (cmake/unicode.cmake passes its ranges).
struct Covered {
    std::vector<std::pair<char32_t, char32_t>> ranges;

    Covered() {
        std::stringstream list(EXPLAINER_UNICODE_RANGES);
        for (std::string item; std::getline(list, item, ',');) {
            const std::size_t dash = item.find('-');
            const char32_t first = static_cast<char32_t>(std::stoul(item.substr(0, dash), nullptr, 16));
            const char32_t last =
                dash == std::string::npos ? first : static_cast<char32_t>(std::stoul(item.substr(dash + 1), nullptr, 16));
            ranges.emplace_back(first, last);
        }
    }
    bool contains(char32_t cp) const {
        for (const auto& [first, last] : ranges)
            if (cp >= first && cp <= last) return true;
        return false;
    }
};

std::string unicode_file(const char* name) {
    const std::string path = std::string(EXPLAINER_UNICODE_DATA) + "/" + name;
    std::ifstream in(path);
    if (!in) ADD_FAILURE() << "cannot read " << path << ": run scripts/setup (Debian package unicode-data)";
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> fields;
    std::stringstream in(text);
    for (std::string field; std::getline(in, field, separator);) fields.push_back(field);
    return fields;
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

// What a test case expects and what the algorithm gave, per character: a level ("x" for
// a character rule X9 removes) and the visual order of the characters not removed.
struct Outcome {
    int paragraph_level = 0;
    std::vector<std::string> levels;
    std::vector<std::string> order;
};

// Runs bidi_levels, then visual_runs over the whole paragraph as one line, on the
// characters `text` holds (their byte offsets in `starts`); `removed` marks the "x" ones.
Outcome run_algorithm(const std::string& text, const std::vector<std::size_t>& starts, const std::vector<bool>& removed,
                      int base_level) {
    const BidiLevels levels = bidi_levels(text, base_level);
    Outcome out;
    out.paragraph_level = levels.paragraph_level;
    std::map<std::size_t, std::size_t> index_of_start;
    for (std::size_t i = 0; i < starts.size(); ++i) index_of_start[starts[i]] = i;
    out.levels.assign(starts.size(), "x");
    for (const BidiRun& run : visual_runs(text, levels, 0, text.size())) {
        std::vector<std::size_t> in_run;
        for (auto it = index_of_start.lower_bound(run.begin); it != index_of_start.end() && it->first < run.end; ++it)
            in_run.push_back(it->second);
        if (run.level % 2) std::reverse(in_run.begin(), in_run.end());
        for (const std::size_t i : in_run) {
            if (removed[i]) continue;
            out.levels[i] = std::to_string(run.level);
            out.order.push_back(std::to_string(i));
        }
    }
    return out;
}

struct Counts {
    int tested = 0, skipped = 0, passed = 0;
};

// [SECTION] Conformance: BidiCharacterTest.txt ---------------------------------------------------

bool is_explicit_formatting(char32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

// Most of the file's lines use the die faces U+2680-2683 as neutrals: other neutrals (ON)
// that are neither brackets nor mirrored, beyond the drawn ranges. Such a line is run a
// second time with '!' (ON, no bracket, not mirrored) in their place: the same case for
// the algorithm.
char32_t covered_stand_in(char32_t cp) { return cp >= 0x2680 && cp <= 0x2683 ? U'!' : cp; }

// Runs one line of the file; false when it fails (the first few failures are reported).
bool passes_character_test(const std::string& line, const std::u32string& cps, int& failures_shown) {
    const std::vector<std::string> fields = split(line, ';');
    const int direction = std::stoi(fields[1]);
    const Outcome expected{std::stoi(fields[2]), words(fields[3]), words(fields[4])};
    std::string text;
    std::vector<std::size_t> starts;
    std::vector<bool> removed;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        starts.push_back(text.size());
        text += utf8(cps.substr(i, 1));
        removed.push_back(expected.levels.at(i) == "x");
    }
    const Outcome got = run_algorithm(text, starts, removed, direction == 2 ? -1 : direction);
    const bool pass =
        got.paragraph_level == expected.paragraph_level && got.levels == expected.levels && got.order == expected.order;
    if (!pass && failures_shown++ < 10) {
        ADD_FAILURE() << line << "\n  got paragraph level " << got.paragraph_level << ", levels "
                      << ::testing::PrintToString(got.levels) << ", order " << ::testing::PrintToString(got.order);
    }
    return pass;
}

// Every line made of covered characters with no explicit formatting character: the
// paragraph level, each character's level (after L1) and the visual order (L2).
TEST(BidiConformance, BidiCharacterTest) {
    const std::string file = unicode_file("BidiCharacterTest.txt");
    ASSERT_FALSE(file.empty());
    const Covered covered;
    Counts counts, stand_ins;
    int failures_shown = 0;
    for (const std::string& line : split(file, '\n')) {
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> fields = split(line, ';');
        ASSERT_EQ(fields.size(), 5u) << line;
        std::u32string cps;
        for (const std::string& hex : words(fields[0])) cps += static_cast<char32_t>(std::stoul(hex, nullptr, 16));
        const auto testable = [&](const std::u32string& text) {
            return std::all_of(text.begin(), text.end(),
                               [&](char32_t cp) { return covered.contains(cp) && !is_explicit_formatting(cp); });
        };
        if (testable(cps)) {
            ++counts.tested;
            counts.passed += passes_character_test(line, cps, failures_shown);
            continue;
        }
        ++counts.skipped;
        std::u32string replaced = cps;
        std::transform(cps.begin(), cps.end(), replaced.begin(), covered_stand_in);
        if (!testable(replaced)) continue;
        ++stand_ins.tested;
        stand_ins.passed += passes_character_test(line, replaced, failures_shown);
    }
    std::printf("BidiCharacterTest.txt: %d tested, %d skipped, %d passed; of the skipped, %d tested with '!' for U+2680-2683, "
                "%d passed\n", counts.tested, counts.skipped, counts.passed, stand_ins.tested, stand_ins.passed);
    EXPECT_EQ(counts.passed, counts.tested);
    EXPECT_EQ(stand_ins.passed, stand_ins.tested);
    EXPECT_GT(counts.tested, 14000) << "the lines of covered characters (14931 in Unicode 15.0)";
    EXPECT_GT(counts.tested + stand_ins.tested, 90000)
        << "nearly all lines without explicit formatting (91589 in Unicode 15.0)";
}

// [SECTION] Conformance: BidiTest.txt --------------------------------------------------------------

// A character of each class, from the covered ranges (none is a bracket: the file assumes none).
const std::map<std::string, char32_t>& representatives() {
    static const std::map<std::string, char32_t> map = {
        {"L", 'a'},      {"R", 0x05D0},  {"AL", 0x0627}, {"EN", '1'},   {"ES", '+'},   {"ET", '$'},   {"AN", 0x0660},
        {"CS", ','},     {"NSM", 0x0300}, {"BN", 0x00AD}, {"B", 0x2029}, {"S", '\t'},   {"WS", ' '},   {"ON", '!'}};
    return map;
}

// Every line with no explicit formatting class, in each paragraph direction its bitset
// names (1 auto, 2 left to right, 4 right to left): levels and visual order.
TEST(BidiConformance, BidiTest) {
    const std::string file = unicode_file("BidiTest.txt");
    ASSERT_FALSE(file.empty());
    Counts counts;
    int failures_shown = 0;
    std::vector<std::string> levels, order;
    for (const std::string& line : split(file, '\n')) {
        if (line.empty() || line[0] == '#') continue;
        if (line.rfind("@Levels:", 0) == 0) {
            levels = words(line.substr(8));
            continue;
        }
        if (line.rfind("@Reorder:", 0) == 0) {
            order = words(line.substr(9));
            continue;
        }
        if (line[0] == '@') continue;
        const std::vector<std::string> fields = split(line, ';');
        ASSERT_EQ(fields.size(), 2u) << line;
        const std::vector<std::string> classes = words(fields[0]);
        const int bitset = std::stoi(fields[1], nullptr, 16);
        const int directions = (bitset & 1) + ((bitset >> 1) & 1) + ((bitset >> 2) & 1);
        const bool testable =
            std::all_of(classes.begin(), classes.end(), [](const std::string& c) { return representatives().count(c) > 0; });
        if (!testable) {
            counts.skipped += directions;
            continue;
        }
        std::string text;
        std::vector<std::size_t> starts;
        std::vector<bool> removed;
        for (std::size_t i = 0; i < classes.size(); ++i) {
            starts.push_back(text.size());
            text += utf8(std::u32string(1, representatives().at(classes[i])));
            removed.push_back(levels.at(i) == "x");
        }
        for (const auto& [bit, base_level] : {std::pair{1, -1}, {2, 0}, {4, 1}}) {
            if (!(bitset & bit)) continue;
            ++counts.tested;
            const Outcome got = run_algorithm(text, starts, removed, base_level);
            const bool pass = got.levels == levels && got.order == order;
            counts.passed += pass;
            if (!pass && failures_shown++ < 10) {
                ADD_FAILURE() << line << " (paragraph " << base_level << ")\n  expected levels "
                              << ::testing::PrintToString(levels) << " order " << ::testing::PrintToString(order)
                              << "\n  got levels " << ::testing::PrintToString(got.levels) << " order "
                              << ::testing::PrintToString(got.order);
            }
        }
    }
    std::printf("BidiTest.txt: %d tested, %d skipped, %d passed (cases: a line in one paragraph direction)\n", counts.tested,
                counts.skipped, counts.passed);
    EXPECT_EQ(counts.passed, counts.tested);
    EXPECT_GE(counts.tested, 100000) << "every line without explicit formatting classes (100038 cases in Unicode 15.0)";
}

// [SECTION] Order of words, numbers and brackets --------------------------------------------------

TEST(Bidi, HebrewWordInEnglishSentence) {
    EXPECT_EQ(visual_line("Hello שלום world"), "Hello םולש world");
    const BidiLevels levels = bidi_levels("Hello שלום world");
    EXPECT_EQ(levels.paragraph_level, 0);
    EXPECT_EQ(levels.levels[6], 1);  // ש, both bytes
    EXPECT_EQ(levels.levels[7], 1);
    EXPECT_EQ(levels.levels[5], 0);  // the space between English and Hebrew
}

TEST(Bidi, HebrewSentenceReadsRightToLeft) {
    const std::string sentence = "שלום עולם.";
    const BidiLevels levels = bidi_levels(sentence);
    EXPECT_EQ(levels.paragraph_level, 1);
    EXPECT_EQ(visual_line(sentence), ".םלוע םולש");  // the full stop at the left end
    // Given a left-to-right paragraph, the full stop ends it on the right.
    const std::vector<BidiRun> runs = visual_runs(sentence, bidi_levels(sentence, 0), 0, sentence.size());
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[1].begin, sentence.size() - 1);
    EXPECT_EQ(runs[1].level, 0);
}

TEST(Bidi, NumbersInHebrewStayLeftToRight) {
    EXPECT_EQ(visual_line("בשנת 2015"), "2015 תנשב");
    EXPECT_EQ(visual_line("בשנת 2015 היו 3.5 מיליון"), "ןוילימ 3.5 ויה 2015 תנשב");
    const BidiLevels levels = bidi_levels("בשנת 2015");
    EXPECT_EQ(levels.levels.back(), 2);  // a number in right-to-left text: level 2 (I2)
    // A percentage and a price keep their signs on their side (W5).
    EXPECT_EQ(visual_line("עלה ב-5% ל-$30"), "$30-ל 5%-ב הלע");
    // Arabic-Indic digits after an Arabic letter, with a separator (W2, W4).
    EXPECT_EQ(code_points(visual_line("عام ١٢,٥")), code_points("١٢,٥ " + visual_text("عام", 0, 6, 1)));
}

TEST(Bidi, BracketsPairAndMirror) {
    // In a left-to-right paragraph brackets around Hebrew keep the paragraph's direction (N0 c2).
    EXPECT_EQ(visual_line("see (שלום) here"), "see (םולש) here");
    // A right-to-left paragraph draws them at its level, mirrored (L4): they still enclose.
    EXPECT_EQ(visual_line("שלום (עולם) טוב"), "בוט (םלוע) םולש");
    EXPECT_EQ(visual_text("(", 0, 1, 1), ")");
    EXPECT_EQ(visual_text("«x»", 0, 5, 1), "«x»");  // reversed and mirrored
    // After Hebrew in a left-to-right paragraph, a bracketed Hebrew word's brackets take the
    // Hebrew direction (N0 c1) and both stay with it: "(ב) א" read from the right.
    EXPECT_EQ(visual_line("a א (ב) c"), "a (ב) א c");
    // An unpaired bracket is an ordinary neutral: here between Hebrew letters (N1), mirrored.
    EXPECT_EQ(visual_line("a א (ב c"), "a ב) א c");
}

// CJK punctuation is neutral, not left to right: after Chinese in a Hebrew sentence the
// full stop 。 ends the sentence on its left (N1, N2), and corner brackets around a Chinese
// quotation take the sentence's level (N0).
TEST(Bidi, CjkPunctuationIsNeutral) {
    EXPECT_EQ(visual_line("שלום 東京。"), "。東京 םולש");
    const std::string quoted = "אמר 「東京」";
    const BidiLevels levels = bidi_levels(quoted);
    EXPECT_EQ(levels.paragraph_level, 1);
    EXPECT_EQ(levels.levels[quoted.find("「")], 1);
    EXPECT_EQ(levels.levels[quoted.find("東")], 2);
    EXPECT_EQ(levels.levels[quoted.find("」")], 1);
}

TEST(Bidi, LineEndsAndSeparatorsTakeTheParagraphLevel) {
    // "abc אב גד": the space between the Hebrew words is at level 1 in the paragraph, but on
    // a line that ends there it is trailing whitespace, at the paragraph's level (L1).
    const std::string text = "abc אב גד";
    const BidiLevels levels = bidi_levels(text);
    EXPECT_EQ(levels.levels[8], 1);
    const std::vector<BidiRun> first_line = visual_runs(text, levels, 0, 9);
    ASSERT_EQ(first_line.size(), 3u);
    EXPECT_EQ(first_line[2].begin, 8u);
    EXPECT_EQ(first_line[2].level, 0);
    // A tab (segment separator) between Hebrew words stays at the paragraph level.
    const std::string tabbed = "x אב\tגד";
    const std::vector<BidiRun> runs = visual_runs(tabbed, bidi_levels(tabbed), 0, tabbed.size());
    ASSERT_EQ(runs.size(), 4u);
    EXPECT_EQ(runs[2].begin, 6u);
    EXPECT_EQ(runs[2].level, 0);
}

TEST(Bidi, TextWithoutRightToLeftIsUnchanged) {
    for (const std::string text : {"Hello, world (1999)!", "Kaua\xCA\xBBi \xC3\xA9t\xC3\xA9", "Երևան", "Тбилиси ვარ", ""}) {
        EXPECT_FALSE(has_right_to_left(text)) << text;
        EXPECT_EQ(visual_line(text), text);
        const BidiLevels levels = bidi_levels(text);
        EXPECT_EQ(levels.paragraph_level, 0);
        EXPECT_EQ(levels.levels, std::vector<std::uint8_t>(text.size(), 0));
    }
    // A right-to-left paragraph raises left-to-right letters to level 2 (I2).
    const BidiLevels rtl = bidi_levels("abc", 1);
    EXPECT_EQ(rtl.paragraph_level, 1);
    EXPECT_EQ(rtl.levels, std::vector<std::uint8_t>(3, 2));
}

TEST(Bidi, FindsRightToLeftText) {
    for (const std::string text : {"שלום", "x سلام", "ﻻ", "\xEF\xAC\x9D" /* U+FB1D */, "abc\xE2\x80\x8F" /* RLM */,
                                   "١ ٢" /* Arabic-Indic digits (AN) */, "\xD7\x41\xD7\x90" /* a broken byte, then א */})
        EXPECT_TRUE(has_right_to_left(text)) << text;
    for (const std::string text : {"abc", "\xE2\x80\x8E" /* LRM */, "\xD7", "\xD7\x41", "\xEF\xAC", "\xE2\x80",
                                   "\xEF\xBB\xBF" /* BOM */, "\xDF\xBF" /* U+07FF, beyond the covered ranges */,
                                   "۱۲" /* Persian digits are EN */})
        EXPECT_FALSE(has_right_to_left(text)) << text;
}

TEST(Bidi, RightToLeftMarkSetsTheDirection) {
    // The mark (no glyph) makes the paragraph right to left; it is not drawn.
    const std::string text = "\xE2\x80\x8F" "abc!";
    EXPECT_EQ(bidi_levels(text).paragraph_level, 1);
    EXPECT_EQ(visual_line(text), "!abc");
}

// [SECTION] Arabic letter forms ---------------------------------------------------------------

// Checked against UnicodeData.txt: FEB3 SEEN INITIAL, FEE0 LAM MEDIAL, FEE2 MEEM FINAL, FEE1
// MEEM ISOLATED, FE91 BEH INITIAL, FEF4 YEH MEDIAL, FE96 TEH FINAL, FEFB/FEFC LAM WITH ALEF
// ISOLATED/FINAL. Visual order: the word's last letter comes first.
TEST(ArabicForms, LettersTakeTheirContextualForms) {
    EXPECT_EQ(code_points(visual_line("سلم")), (std::u32string{0xFEE2, 0xFEE0, 0xFEB3}));
    EXPECT_EQ(code_points(visual_line("بيت")), (std::u32string{0xFE96, 0xFEF4, 0xFE91}));
    // Alef joins only the letter before it: the letter after alef starts again.
    EXPECT_EQ(code_points(visual_line("باب")), (std::u32string{0xFE8F, 0xFE8E, 0xFE91}));
    EXPECT_EQ(code_points(visual_line("م")), (std::u32string{0xFEE1}));
}

TEST(ArabicForms, LamAlefIsOneLigature) {
    EXPECT_EQ(code_points(visual_line("لا")), (std::u32string{0xFEFB}));
    EXPECT_EQ(code_points(visual_line("سلا")), (std::u32string{0xFEFC, 0xFEB3}));
    // سلام: seen initial, lam-alef final, meem isolated (alef does not join the meem).
    EXPECT_EQ(code_points(visual_line("سلام")), (std::u32string{0xFEE1, 0xFEFC, 0xFEB3}));
    // Each alef: with madda (FEF5), hamza above (FEF7), hamza below (FEF9).
    EXPECT_EQ(code_points(visual_line("لآ لأ لإ")), (std::u32string{0xFEF9, ' ', 0xFEF7, ' ', 0xFEF5}));
    // A vowel sign on the lam does not break the ligature; it is drawn after it.
    EXPECT_EQ(code_points(visual_line("لَا")), (std::u32string{0xFEFB, 0x064E}));
    // Lam before another letter is no ligature.
    EXPECT_EQ(code_points(visual_line("لم")), (std::u32string{0xFEE2, 0xFEDF}));
}

TEST(ArabicForms, JoiningLooksBeyondTheStretch) {
    const std::string word = "سلم";
    // The lam alone (bytes 2-4) is drawn as it is within the word: medial.
    EXPECT_EQ(code_points(visual_text(word, 2, 4, 1)), (std::u32string{0xFEE0}));
    EXPECT_EQ(code_points(visual_text(word, 0, 2, 1)), (std::u32string{0xFEB3}));
    EXPECT_EQ(code_points(visual_text(word, 4, 6, 1)), (std::u32string{0xFEE2}));
}

TEST(ArabicForms, JoinersAndNonJoiners) {
    // ZWJ joins (beh initial) and ZWNJ keeps apart (both isolated); neither is drawn.
    EXPECT_EQ(code_points(visual_line("ب\u200D")), (std::u32string{0xFE91}));
    EXPECT_EQ(code_points(visual_line("ب\u200Cت")), (std::u32string{0xFE95, 0xFE8F}));
    // Tatweel joins on both sides and is drawn.
    EXPECT_EQ(code_points(visual_line("بـت")), (std::u32string{0xFE96, 0x0640, 0xFE91}));
    // A mark between two letters does not stop them joining.
    EXPECT_EQ(code_points(visual_line("بَت")), (std::u32string{0xFE96, 0xFE91, 0x064E}));
}

TEST(ArabicForms, DiacriticStaysAfterItsLetter) {
    // بَيت: beh + fatha, yeh, teh. The fatha follows the beh's form in the visual text, so
    // a mark with no advance lands on its letter.
    EXPECT_EQ(code_points(visual_line("بَيت")), (std::u32string{0xFE96, 0xFEF4, 0xFE91, 0x064E}));
    // Hebrew points alike: shin with qamats and shin dot, then final mem.
    EXPECT_EQ(code_points(visual_line(utf8(U"\u05E9\u05B8\u05C1\u05DD"))), (std::u32string{0x05DD, 0x05E9, 0x05B8, 0x05C1}));
}

TEST(ArabicForms, AddsPresentationForms) {
    std::vector<char32_t> characters = {'a', 0x0628};
    add_presentation_forms(characters);
    EXPECT_EQ(characters, (std::vector<char32_t>{'a', 0x0628, 0xFE8F, 0xFE90, 0xFE91, 0xFE92}));
    characters = {0x0649};  // alef maksura: two forms in each presentation block
    add_presentation_forms(characters);
    EXPECT_EQ(characters, (std::vector<char32_t>{0x0649, 0xFEEF, 0xFEF0, 0xFBE8, 0xFBE9}));
    characters = {0x0644};
    add_presentation_forms(characters);
    EXPECT_EQ(characters, (std::vector<char32_t>{0x0644, 0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0, 0xFEF5, 0xFEF6, 0xFEF7, 0xFEF8, 0xFEF9,
                                                 0xFEFA, 0xFEFB, 0xFEFC}));
    characters = {0x06CC};  // Farsi yeh (Forms-A)
    add_presentation_forms(characters);
    EXPECT_EQ(characters, (std::vector<char32_t>{0x06CC, 0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF}));
    characters = {0x05D0, 0x0621};  // Hebrew has no forms; hamza only an isolated one
    add_presentation_forms(characters);
    EXPECT_EQ(characters, (std::vector<char32_t>{0x05D0, 0x0621, 0xFE80}));
}

// [SECTION] Visual text and robustness ------------------------------------------------------------

// The width contract: drawn from the stretch's right end (odd level), the prefix up to any
// character is the full stretch's right end, so its width is that character's caret.
TEST(BidiVisualText, PrefixesAreTheRightEnd) {
    for (const std::string paragraph : {"مرحبا بكم في 2024", "שָׁלוֹם (עולם)", "abc שלום"}) {
        const BidiLevels levels = bidi_levels(paragraph);
        for (const BidiRun& run : visual_runs(paragraph, levels, 0, paragraph.size())) {
            const std::string full = visual_text(paragraph, run.begin, run.end, run.level);
            for (std::size_t o = run.begin; o <= run.end; ++o) {
                if (o < run.end && (is_utf8_continuation(static_cast<unsigned char>(paragraph[o])))) continue;
                const std::u32string next = o < run.end ? code_points(paragraph.substr(o, 4)).substr(0, 1) : U"";
                if (!next.empty() && next[0] >= 0x0591 && next[0] <= 0x05C7) continue;  // a point: part of its letter's cluster
                const std::string prefix = visual_text(paragraph, run.begin, o, run.level);
                const bool ends_full = full.size() >= prefix.size() && full.substr(full.size() - prefix.size()) == prefix;
                if (run.level % 2)
                    EXPECT_TRUE(ends_full) << paragraph << " at " << o;
                else
                    EXPECT_EQ(full.substr(0, prefix.size()), prefix) << paragraph << " at " << o;
            }
        }
    }
}

TEST(BidiVisualText, EvenLevelIsUnchanged) {
    EXPECT_EQ(visual_text("a (b) c", 0, 7, 0), "a (b) c");
    EXPECT_EQ(visual_text("a (b) c", 2, 5, 2), "(b)");
}

TEST(BidiRobustness, OffsetsAreClampedToCharacters) {
    const std::string text = "אב abc";  // א is bytes 0-1, ב 2-3
    const BidiLevels levels = bidi_levels(text);
    const auto covered = [&](std::size_t begin, std::size_t end) {
        std::vector<int> hits(text.size(), 0);
        for (const BidiRun& run : visual_runs(text, levels, begin, end)) {
            EXPECT_LE(run.begin, run.end);
            EXPECT_LE(run.end, text.size());
            for (std::size_t i = run.begin; i < run.end; ++i) ++hits[i];
        }
        return hits;
    };
    EXPECT_TRUE(visual_runs(text, levels, 5, 2).empty());  // begin > end: nothing
    EXPECT_EQ(covered(0, 100), std::vector<int>(text.size(), 1));  // end beyond the text
    EXPECT_TRUE(visual_runs(text, levels, 100, 200).empty());
    // Inside ב (byte 3): the offsets move to its start, so [1, 3) is א, [3, 8) the rest.
    EXPECT_EQ(covered(1, 3), (std::vector<int>{1, 1, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(covered(3, 8), (std::vector<int>{0, 0, 1, 1, 1, 1, 1, 1}));
    EXPECT_EQ(visual_text(text, 1, 3, 1), "א");
    EXPECT_EQ(visual_text(text, 3, 1, 1), "");
    EXPECT_EQ(visual_text(text, 7, 100, 0), "c");
    EXPECT_EQ(visual_text(text, 100, 7, 1), "");
}

TEST(BidiRobustness, MalformedUtf8GetsLevels) {
    // A stray continuation byte, a cut-off Hebrew letter and an overlong sequence: each
    // malformed byte is a character of its own (U+FFFD, a neutral).
    const std::string text = "\x80" "א" "\xD7" "b" "\xC0\x80" "ב\xD7";
    const BidiLevels levels = bidi_levels(text);
    ASSERT_EQ(levels.levels.size(), text.size());
    EXPECT_EQ(levels.paragraph_level, 1);
    std::vector<int> hits(text.size(), 0);
    for (const BidiRun& run : visual_runs(text, levels, 0, text.size())) {
        for (std::size_t i = run.begin; i < run.end; ++i) ++hits[i];
        visual_text(text, run.begin, run.end, run.level);
    }
    EXPECT_EQ(hits, std::vector<int>(text.size(), 1));
    EXPECT_EQ(visual_line(text).size(), text.size());  // malformed bytes are kept as they are
    // Odd offsets everywhere, both levels.
    for (std::size_t b = 0; b <= text.size() + 1; ++b)
        for (std::size_t e = 0; e <= text.size() + 1; ++e)
            for (const int level : {0, 1}) EXPECT_LE(visual_text(text, b, e, level).size(), text.size());
}

} // namespace
} // namespace explainer
