// Right-to-left text (see bidi.h): the Unicode Bidirectional Algorithm (UAX #9) for one
// paragraph with no explicit embeddings, written from the rules' text (their names, P2,
// W1, N0..., are UAX #9's), and the Arabic letter forms drawn at right-to-left levels.
//
// Index
// - [SECTION] Character tables
// - [SECTION] Characters of a paragraph
// - [SECTION] Weak types (W1-W7)
// - [SECTION] Bracket pairs (BD16, N0)
// - [SECTION] Neutrals and levels (N1-N2, I1-I2)
// - [SECTION] Lines (L1-L2)
// - [SECTION] Arabic letter forms
// - [SECTION] Drawing order
// - [SECTION] Public functions
#include "bidi.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <iterator>

#include "scripts.h"

namespace explainer {

// The rules' helpers have a namespace of their own: the web build compiles the core's
// sources as one unity batch, where every file's anonymous namespace is the same one.
namespace bidi {
namespace {

// [SECTION] Character tables ------------------------------------------------------------

// UAX #9's bidi classes. The explicit formatting characters come last (is_removed).
enum class BidiClass : std::uint8_t {
    L, R, AL, EN, ES, ET, AN, CS, NSM, BN, B, S, WS, ON,
    LRE, LRO, RLE, RLO, PDF, LRI, RLI, FSI, PDI
};
// Arabic joining types: non-joining, dual, right, join causing, transparent.
enum class Joining : std::uint8_t { U, D, R, C, T };

#include "bidi_tables.inc"

static_assert(kJoiningFirst[0] == 0 && std::size(kJoiningFirst) == std::size(kJoiningOf),
              "bidi_tables.inc: joining ranges start at U+0600, one type each");
static_assert(std::size(kFormLetter) == std::size(kFormFirst) && std::size(kFormLetter) == std::size(kFormBits),
              "bidi_tables.inc: one first form and one set of forms per row");

constexpr char32_t kArabicBlock = 0x0600;  // the joining and form tables' letters: U+0600-06FF
constexpr char32_t kLam = 0x0644;
constexpr char32_t kZeroWidthNonJoiner = 0x200C, kZeroWidthJoiner = 0x200D;
constexpr char32_t kLeftToRightMark = 0x200E, kRightToLeftMark = 0x200F, kArabicLetterMark = 0x061C;

// The first code point of each row of kBidiClassOf: kBidiClassSteps added up, once.
const std::uint16_t* bidi_class_firsts() {
    static std::uint16_t firsts[std::size(kBidiClassOf)];
    static const bool added_up = [] {
        std::size_t at = 0;
        std::uint16_t cp = 0;
        for (std::uint16_t& first : firsts) {
            const unsigned step = kBidiClassSteps[at++];
            cp = static_cast<std::uint16_t>(cp + (step < 0x80 ? step : (step & 0x7F) << 8 | kBidiClassSteps[at++]));
            first = cp;
        }
        assert(at == std::size(kBidiClassSteps) && firsts[0] == 0 && "bidi_tables.inc: one step per class, from U+0000");
        return true;
    }();
    (void)added_up;
    return firsts;
}

BidiClass bidi_class(char32_t cp) {
    if (cp > 0xFFFF) return BidiClass::L;  // beyond the drawn ranges, which are all 16-bit
    const std::uint16_t* firsts = bidi_class_firsts();
    return kBidiClassOf[std::upper_bound(firsts, firsts + std::size(kBidiClassOf), cp) - firsts - 1];
}

// Outside the Arabic block only the zero width joiner joins, and combining marks are
// transparent. (The Unicode data also makes invisible format characters such as the soft
// hyphen transparent; here they break a join, which text the app draws does not meet.)
Joining joining_type(char32_t cp) {
    if (cp - kArabicBlock < 0x100) {  // unsigned: false below the block too
        std::size_t row = std::size(kJoiningFirst);
        while (kJoiningFirst[--row] > cp - kArabicBlock) {}  // the first row is 0
        return kJoiningOf[row];
    }
    if (cp == kZeroWidthJoiner) return Joining::C;
    return bidi_class(cp) == BidiClass::NSM ? Joining::T : Joining::U;
}

// The bits of kFormBits.
enum Form : unsigned { kIsolated = 1, kFinal = 2, kInitial = 4, kMedial = 8 };

// The presentation form of an Arabic letter, or 0 when the drawn blocks have none.
char32_t letter_form(char32_t letter, Form form) {
    if (letter - kArabicBlock >= 0x100) return 0;
    for (std::size_t i = 0; i < std::size(kFormLetter); ++i) {
        // The row's forms are numbered from its first in the bits' order.
        if (kFormLetter[i] == letter - kArabicBlock && (kFormBits[i] & form))
            return kFormFirst[i] + static_cast<char32_t>(std::popcount(kFormBits[i] & (form - 1u)));
    }
    return 0;
}

// The ligature of lam with `alef`, isolated or final; 0 when `alef` is not one of the four.
char32_t lam_alef(char32_t alef, bool final_form) {
    for (const auto& row : kLamAlef)
        if (row[0] == alef) return row[1] + (final_form ? 1 : 0);
    return 0;
}

// The character drawn for `cp` at a right-to-left level (rule L4): "(" for ")".
char32_t mirrored(char32_t cp) {
    for (const auto& pair : kMirrorPairs) {
        if (pair[0] == cp) return pair[1];
        if (pair[1] == cp) return pair[0];
    }
    return cp;
}

// The closing bracket of an opening one (BD14), or 0.
char32_t closing_bracket_of(char32_t cp) {
    for (const auto& pair : kBracketPairs)
        if (pair[0] == cp) return pair[1];
    return 0;
}

bool is_closing_bracket(char32_t cp) {
    return std::any_of(std::begin(kBracketPairs), std::end(kBracketPairs), [cp](const auto& pair) { return pair[1] == cp; });
}

bool is_right_to_left(BidiClass c) { return c == BidiClass::R || c == BidiClass::AL || c == BidiClass::AN; }

// Rule X9 removes BN and the explicit formatting characters; here the isolates go too
// (bidi.h: unsupported), so every one of them is ignored alike.
bool is_removed(BidiClass c) { return c == BidiClass::BN || c >= BidiClass::LRE; }

// Marks with no glyph: drawn as nothing (visual_text leaves them out).
bool is_invisible_mark(char32_t cp) {
    return cp == kZeroWidthJoiner || cp == kZeroWidthNonJoiner || cp == kLeftToRightMark || cp == kRightToLeftMark ||
           cp == kArabicLetterMark;
}

// [SECTION] Characters of a paragraph ---------------------------------------------------

// Where the character holding byte `at` starts, as next_code_point() reads the text from
// its start: a byte that does not continue a well-formed sequence is a character of its
// own. `at` at or beyond the end gives the end.
std::size_t character_start(std::string_view text, std::size_t at) {
    if (at >= text.size()) return text.size();
    // A lead byte is at most 3 bytes back; any byte that is no continuation starts a character.
    std::size_t lead = at;
    while (lead > 0 && at - lead < 3 && is_utf8_continuation(static_cast<unsigned char>(text[lead]))) --lead;
    if (is_utf8_continuation(static_cast<unsigned char>(text[lead]))) return at;
    for (std::size_t start = lead;;) {
        std::size_t next = start;
        next_code_point(text, next);
        if (next > at) return start;
        start = next;
        if (start == at) return at;
    }
}

// [begin, end) of `text` clamped to it and moved to character starts (bidi.h promises no
// crash on any offsets; a stretch cut inside a character takes that whole character or none).
void clamp_to_characters(std::string_view text, std::size_t& begin, std::size_t& end) {
    end = character_start(text, std::min(end, text.size()));
    begin = character_start(text, std::min(begin, end));
}

// A character of the paragraph's one isolating run sequence (there are no embeddings, and
// isolates are removed), with its type as the rules resolve it.
struct Character {
    std::uint32_t start = 0;  // byte offset in the paragraph
    char32_t code_point = 0;
    std::uint32_t closing = 0;  // where an opening bracket's pair closes (pair_brackets), else kUnpaired
    BidiClass original = BidiClass::L;  // as the tables give it
    BidiClass type = BidiClass::L;
};

constexpr std::uint32_t kUnpaired = static_cast<std::uint32_t>(-1);

// The run sequence: the paragraph's characters but the removed ones (rule X9), which
// never enter it: set_levels gives each the level of the character before it.
struct RunSequence {
    std::vector<Character> chars;  // sized once for the longest text (a character per byte): see run_sequence
    std::size_t count = 0;         // the characters of chars in use
    int level = 0;                 // the paragraph's, every character's before rules I1-I2

    // The embedding direction, which is also sos and eos: the paragraph is one level run.
    BidiClass direction() const { return level % 2 ? BidiClass::R : BidiClass::L; }
    std::size_t size() const { return count; }
    BidiClass type(std::size_t i) const { return chars[i].type; }
    // Sets the type of the characters [begin, end).
    void set_types(std::size_t begin, std::size_t end, BidiClass type) {
        for (std::size_t i = begin; i < end; ++i) chars[i].type = type;
    }
    // The end of the stretch from `begin` of types that `in_stretch` accepts.
    std::size_t stretch_end(std::size_t begin, bool (*in_stretch)(BidiClass)) const {
        while (begin < size() && in_stretch(type(begin))) ++begin;
        return begin;
    }
};

// The paragraph's run sequence. (The vector is sized once and never grown or cut: the
// code that grows or erases a vector is code the wasm carries for each element type.)
RunSequence run_sequence(std::string_view text) {
    RunSequence s{std::vector<Character>(text.size())};
    for (std::size_t at = 0; at < text.size();) {
        const auto start = static_cast<std::uint32_t>(at);
        const char32_t cp = next_code_point(text, at);
        const BidiClass type = bidi_class(cp);
        if (!is_removed(type)) s.chars[s.count++] = {start, cp, kUnpaired, type, type};
    }
    return s;
}

// Rules P2-P3: the level of the first strong character; 0 when there is none. (The
// removed characters are none of L, R, AL.)
int first_strong_level(const RunSequence& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.chars[i].original == BidiClass::L) return 0;
        if (s.chars[i].original == BidiClass::R || s.chars[i].original == BidiClass::AL) return 1;
    }
    return 0;
}

// [SECTION] Weak types (W1-W7) -----------------------------------------------------------

// W1-W3, in one pass as each looks only back: a mark takes the type of the character
// before it (sos at the start); a European number after an Arabic letter (the last strong
// type) is an Arabic number; then Arabic letters are R.
void resolve_marks_and_arabic_letters(RunSequence& s) {
    BidiClass previous = s.direction(), last_strong = s.direction();
    for (std::size_t i = 0; i < s.size(); ++i) {
        Character& c = s.chars[i];
        if (c.type == BidiClass::NSM) c.type = previous;
        previous = c.type;
        if (c.type == BidiClass::L || c.type == BidiClass::R || c.type == BidiClass::AL) last_strong = c.type;
        if (c.type == BidiClass::EN && last_strong == BidiClass::AL) c.type = BidiClass::AN;
        if (c.type == BidiClass::AL) c.type = BidiClass::R;
    }
}

// W4: one separator between two numbers of a type joins them: "1,5" and "1+5" (European),
// "١,٥" (Arabic). A number changed here never sits on a separator's right.
void resolve_single_separators(RunSequence& s) {
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        const BidiClass before = s.type(i - 1), after = s.type(i + 1);
        if (before != after) continue;
        const bool joins = (s.type(i) == BidiClass::ES && before == BidiClass::EN) ||
                           (s.type(i) == BidiClass::CS && (before == BidiClass::EN || before == BidiClass::AN));
        if (joins) s.chars[i].type = before;
    }
}

bool is_terminator(BidiClass t) { return t == BidiClass::ET; }

// W5: terminators next to a European number ("$5", "5%") are part of it.
void resolve_terminators(RunSequence& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.type(i) != BidiClass::ET) continue;
        const std::size_t end = s.stretch_end(i, is_terminator);
        if ((i > 0 && s.type(i - 1) == BidiClass::EN) || (end < s.size() && s.type(end) == BidiClass::EN))
            s.set_types(i, end, BidiClass::EN);
        i = end;
    }
}

// W6-W7, in one pass: the separators and terminators left are neutral; a European
// number in left-to-right context (the last strong type is L) is L.
void resolve_separators_and_numbers(RunSequence& s) {
    BidiClass last_strong = s.direction();
    for (std::size_t i = 0; i < s.size(); ++i) {
        Character& c = s.chars[i];
        if (c.type == BidiClass::ES || c.type == BidiClass::ET || c.type == BidiClass::CS) c.type = BidiClass::ON;
        if (c.type == BidiClass::L || c.type == BidiClass::R) last_strong = c.type;
        if (c.type == BidiClass::EN && last_strong == BidiClass::L) c.type = BidiClass::L;
    }
}

void resolve_weak_types(RunSequence& s) {
    resolve_marks_and_arabic_letters(s);
    resolve_single_separators(s);
    resolve_terminators(s);
    resolve_separators_and_numbers(s);
}

// [SECTION] Bracket pairs (BD16, N0) -----------------------------------------------------

// BD16: each closing bracket pairs with the nearest unpaired opening bracket of its kind
// (openers above that one are dropped). Only brackets still neutral (ON) count. Each
// opening bracket of a pair gets where its closing bracket is (Character::closing): N0
// takes the pairs in the order of their opening brackets.
void pair_brackets(RunSequence& s) {
    constexpr std::size_t kStackDepth = 63;  // BD16's bound: deeper text pairs no more brackets
    std::uint32_t openers[kStackDepth];
    std::size_t depth = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.type(i) != BidiClass::ON) continue;
        const char32_t cp = s.chars[i].code_point;
        if (closing_bracket_of(cp)) {
            if (depth == kStackDepth) break;
            openers[depth++] = static_cast<std::uint32_t>(i);
        } else if (is_closing_bracket(cp)) {
            for (std::size_t k = depth; k-- > 0;) {
                if (closing_bracket_of(s.chars[openers[k]].code_point) != cp) continue;
                s.chars[openers[k]].closing = static_cast<std::uint32_t>(i);
                depth = k;
                break;
            }
        }
    }
}

// The strong direction a resolved type gives N0 and N1: numbers count as R; ON for none.
BidiClass strong_direction(BidiClass t) {
    if (t == BidiClass::L) return BidiClass::L;
    if (t == BidiClass::R || t == BidiClass::EN || t == BidiClass::AN) return BidiClass::R;
    return BidiClass::ON;
}

// N0 c: the direction before an opening bracket, sos at the start.
BidiClass direction_before(const RunSequence& s, std::size_t at) {
    while (at-- > 0)
        if (const BidiClass d = strong_direction(s.type(at)); d != BidiClass::ON) return d;
    return s.direction();
}

// N0 b-d: a pair holding the embedding direction takes it; one holding only the other
// direction takes that when the text before it has it too, else the embedding direction;
// one holding no strong type stays neutral.
BidiClass pair_direction(const RunSequence& s, std::size_t open, std::size_t close) {
    const BidiClass embedding = s.direction();
    bool opposite_inside = false;
    for (std::size_t i = open + 1; i < close; ++i) {
        const BidiClass d = strong_direction(s.type(i));
        if (d == embedding) return embedding;
        opposite_inside = opposite_inside || d != BidiClass::ON;
    }
    if (!opposite_inside) return BidiClass::ON;
    return direction_before(s, open);  // either the opposite direction or the embedding one
}

// A bracket N0 resolved gives its direction to the marks after it (they took the
// bracket's neutral type in W1).
void set_bracket_direction(RunSequence& s, std::size_t bracket, BidiClass direction) {
    s.chars[bracket].type = direction;
    for (std::size_t i = bracket + 1; i < s.size() && s.chars[i].original == BidiClass::NSM; ++i) s.chars[i].type = direction;
}

// N0: bracket pairs resolve before other neutrals, one after another, each seeing the
// directions the pairs before it took.
void resolve_bracket_pairs(RunSequence& s) {
    pair_brackets(s);
    for (std::size_t open = 0; open < s.size(); ++open) {
        const std::size_t close = s.chars[open].closing;
        if (close == kUnpaired) continue;
        const BidiClass direction = pair_direction(s, open, close);
        if (direction == BidiClass::ON) continue;
        set_bracket_direction(s, open, direction);
        set_bracket_direction(s, close, direction);
    }
}

// [SECTION] Neutrals and levels (N1-N2, I1-I2) ---------------------------------------------

bool is_neutral(BidiClass t) { return t == BidiClass::B || t == BidiClass::S || t == BidiClass::WS || t == BidiClass::ON; }

// N1: neutrals between two strong types of one direction (numbers count as R, sos and eos
// at the ends) take it; N2: the others take the embedding direction.
void resolve_neutrals(RunSequence& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_neutral(s.type(i))) continue;
        const std::size_t end = s.stretch_end(i, is_neutral);
        const BidiClass before = i == 0 ? s.direction() : strong_direction(s.type(i - 1));
        const BidiClass after = end == s.size() ? s.direction() : strong_direction(s.type(end));
        s.set_types(i, end, before == after ? before : s.direction());
        i = end;
    }
}

// I1-I2: R goes up one level from an even level; numbers two from even, one from odd; L one
// from odd. With no embeddings the highest level is 2.
std::uint8_t resolved_level(BidiClass t, int level) {
    if (level % 2 == 0) {
        if (t == BidiClass::R) return static_cast<std::uint8_t>(level + 1);
        if (t == BidiClass::AN || t == BidiClass::EN) return static_cast<std::uint8_t>(level + 2);
    } else if (t == BidiClass::L || t == BidiClass::AN || t == BidiClass::EN) {
        return static_cast<std::uint8_t>(level + 1);
    }
    return static_cast<std::uint8_t>(level);
}

// The level of every byte: each character's bytes at its resolved level, and a removed
// character's at the level of the character before it (the paragraph's at the start), so
// that it never splits a run (UAX #9, 5.2 "Retaining BNs and Explicit Formatting
// Characters"). `levels` starts all at the paragraph level.
void set_levels(const RunSequence& s, std::vector<std::uint8_t>& levels) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::size_t end = i + 1 < s.size() ? s.chars[i + 1].start : levels.size();
        std::fill(levels.data() + s.chars[i].start, levels.data() + end, resolved_level(s.type(i), s.level));
    }
}

// [SECTION] Lines (L1-L2) ----------------------------------------------------------------

// L1 counts these as whitespace: spaces, and the characters X9 removed (5.2).
bool is_whitespace_for_line(BidiClass t) { return t == BidiClass::WS || is_removed(t); }

// The runs of a line as they are found: a stretch at the level of the run before it
// lengthens that run. With no room given (`runs` null) it only counts them, so that the
// vector is sized once (see run_sequence).
struct RunWriter {
    BidiRun* runs = nullptr;
    std::size_t count = 0;
    int last_level = -1;  // the level of runs[count - 1]

    void add(std::size_t begin, std::size_t end, int level) {
        if (begin == end) return;  // no trailing whitespace
        if (count > 0 && level == last_level) {
            if (runs) runs[count - 1].end = end;
            return;
        }
        if (runs) runs[count] = {begin, end, level};
        ++count;
        last_level = level;
    }
};

// The line [begin, end)'s maximal stretches of one level, in logical order, with rule L1:
// separators, and the whitespace before a separator or at the line's end, go to the
// paragraph level (so trailing spaces stay at the line's end, whatever its direction).
// Writes them to `runs` when given; returns how many there are.
std::size_t logical_runs(std::string_view paragraph, const BidiLevels& levels, std::size_t begin, std::size_t end,
                         BidiRun* runs) {
    RunWriter out{runs};
    const std::uint8_t* level = levels.levels.data();
    // L1 only moves to the paragraph level: a line all at it (left-to-right text) needs no look.
    if (static_cast<std::size_t>(std::count(level + begin, level + end, levels.paragraph_level)) == end - begin) {
        out.add(begin, end, levels.paragraph_level);
        return out.count;
    }
    std::size_t whitespace = end;  // where the whitespace up to the current character starts (end: none)
    for (std::size_t at = begin; at < end;) {
        const std::size_t start = at;
        const BidiClass type = bidi_class(next_code_point(paragraph, at));
        if (is_whitespace_for_line(type)) {
            whitespace = std::min(whitespace, start);
            continue;
        }
        const bool separator = type == BidiClass::S || type == BidiClass::B;
        for (std::size_t byte = whitespace; byte < start; ++byte) out.add(byte, byte + 1, separator ? levels.paragraph_level : level[byte]);
        out.add(start, at, separator ? levels.paragraph_level : level[start]);
        whitespace = end;
    }
    out.add(std::min(whitespace, end), end, levels.paragraph_level);  // the line's trailing whitespace
    return out.count;
}

// L2: from the highest level down to the lowest odd one, every stretch of runs at that
// level or higher is reversed.
void reorder_runs(BidiRun* runs, std::size_t count) {
    int lowest = runs[0].level, highest = runs[0].level;
    for (std::size_t i = 0; i < count; ++i) {
        lowest = std::min(lowest, runs[i].level);
        highest = std::max(highest, runs[i].level);
    }
    for (int level = highest; level >= (lowest | 1); --level) {
        for (std::size_t i = 0; i < count; ++i) {
            if (runs[i].level < level) continue;
            std::size_t end = i;
            while (end < count && runs[end].level >= level) ++end;
            std::reverse(runs + i, runs + end);
            i = end;
        }
    }
}

// [SECTION] Arabic letter forms -------------------------------------------------------------

// The joining type of the nearest character before `at` that is not transparent.
Joining joining_before(std::string_view text, std::size_t at) {
    while (at > 0) {
        at = character_start(text, at - 1);
        std::size_t next = at;
        if (const Joining j = joining_type(next_code_point(text, next)); j != Joining::T) return j;
    }
    return Joining::U;
}

// The joining type of the nearest character from `at` on that is not transparent.
Joining joining_after(std::string_view text, std::size_t at) {
    while (at < text.size())
        if (const Joining j = joining_type(next_code_point(text, at)); j != Joining::T) return j;
    return Joining::U;
}

bool joins_next(Joining self, Joining after) {
    return (self == Joining::D || self == Joining::C) && (after == Joining::D || after == Joining::R || after == Joining::C);
}

bool joins_previous(Joining before, Joining self) { return joins_next(before, self); }

// The form of the letter `cp` that starts at `start` and ends at `end`, from its neighbours
// in the whole paragraph; the letter itself when it has no such form.
char32_t contextual_form(std::string_view paragraph, std::size_t start, std::size_t end, char32_t cp) {
    const Joining self = joining_type(cp);
    if (self != Joining::D && self != Joining::R) return cp;
    const bool joined_before = joins_previous(joining_before(paragraph, start), self);
    const bool joined_after = joins_next(self, joining_after(paragraph, end));
    const Form form = joined_before ? (joined_after ? kMedial : kFinal) : (joined_after ? kInitial : kIsolated);
    const char32_t drawn = letter_form(cp, form);
    return drawn ? drawn : cp;
}

// Where the alef starts that makes one ligature with the lam ending at `after_lam`, or
// npos: the alef must follow in the stretch, with only transparent marks (a vowel sign on
// the lam) between, which are drawn after the ligature.
std::size_t ligature_alef(std::string_view text, std::size_t after_lam, std::size_t end) {
    for (std::size_t at = after_lam; at < end;) {
        const std::size_t start = at;
        const char32_t cp = next_code_point(text, at);
        if (lam_alef(cp, false)) return start;
        if (joining_type(cp) != Joining::T) break;
    }
    return std::string_view::npos;
}

// [SECTION] Drawing order ----------------------------------------------------------------------

// What is drawn for the character `cp` at [start, end) of a right-to-left stretch: its
// mirror, or its contextual form.
char32_t drawn_character(std::string_view paragraph, std::size_t start, std::size_t end, char32_t cp) {
    if (const char32_t mirror = mirrored(cp); mirror != cp) return mirror;
    return contextual_form(paragraph, start, end, cp);
}

// The ligature of the lam at `lam` and the alef at `alef`: final when the lam joins the
// letter before it (lam is dual joining), else isolated.
char32_t lam_alef_ligature(std::string_view paragraph, std::size_t lam, std::size_t alef) {
    return lam_alef(next_code_point(paragraph, alef), joins_previous(joining_before(paragraph, lam), Joining::D));
}

// A right-to-left stretch as drawn: each character in its drawn form, by cluster (a base
// and the marks after it, in that order), the clusters from right to left. The drawn
// characters are written in logical order, each cluster's bytes reversed once it is
// complete; reversing the whole then puts the clusters right to left, each in its own
// order. The buffer has room for the whole stretch: a drawn character takes at most 1.5
// times its bytes (a 2-byte letter drawn as a 3-byte form; lam and alef, 4 bytes, as a
// 3-byte ligature).
std::string drawn_right_to_left(std::string_view paragraph, std::size_t begin, std::size_t end) {
    std::string out(2 * (end - begin), '\0');
    char* const first = out.data();
    char* written = first;  // the end of what is written
    char* cluster = first;  // where the cluster being written starts
    std::size_t ligated_alef = std::string_view::npos;  // drawn with the lam before it
    for (std::size_t at = begin; at < end;) {
        const std::size_t start = at;
        const char32_t cp = next_code_point(paragraph, at);
        if (start == ligated_alef || is_invisible_mark(cp)) continue;
        char32_t shown = 0;
        if (const std::size_t alef = cp == kLam ? ligature_alef(paragraph, at, end) : std::string_view::npos;
            alef != std::string_view::npos) {
            shown = lam_alef_ligature(paragraph, start, alef);
            ligated_alef = alef;
        } else {
            shown = drawn_character(paragraph, start, at, cp);
        }
        if (bidi_class(cp) != BidiClass::NSM) {  // a new cluster
            std::reverse(cluster, written);
            cluster = written;
        }
        // A character drawn as itself keeps its bytes (a malformed byte stays as it came).
        written = shown == cp ? std::copy(paragraph.data() + start, paragraph.data() + at, written) : write_utf8(written, shown);
        assert(written <= first + out.size() && "room for every drawn character");
    }
    std::reverse(cluster, written);
    std::reverse(first, written);
    out.resize(static_cast<std::size_t>(written - first));
    return out;
}

} // namespace
} // namespace bidi

// [SECTION] Public functions -------------------------------------------------------------------

// Only characters whose UTF-8 starts with these bytes are looked up: U+0580-07FF (lead
// bytes D6-DF), U+FB00-FEFF (EF AC-BB) and the right-to-left mark (E2 80 8F), the only
// places of the drawn ranges with right-to-left classes (tools/unicode-tables.py checks).
// Arabic digits (AN) count: the algorithm orders them right to left too ("١ ٢" in
// left-to-right text is drawn "٢ ١"), so text with them needs the rules as well.
bool has_right_to_left(std::string_view text) {
    const auto byte = [text](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
    for (std::size_t at = 0; at < text.size(); ++at) {
        const unsigned lead = byte(at);
        const bool candidate = (lead >= 0xD6 && lead <= 0xDF) ||
                               (lead == 0xEF && byte(at + 1) >= 0xAC && byte(at + 1) <= 0xBB) ||
                               (lead == 0xE2 && byte(at + 1) == 0x80 && byte(at + 2) == 0x8F);
        if (!candidate) continue;
        std::size_t next = at;
        if (bidi::is_right_to_left(bidi::bidi_class(next_code_point(text, next)))) return true;
    }
    return false;
}

BidiLevels bidi_levels(std::string_view paragraph, int base_level) {
    BidiLevels result;
    const bool given = base_level == 0 || base_level == 1;  // any other value: from the text
    if (base_level != 1 && !has_right_to_left(paragraph)) {
        result.levels.assign(paragraph.size(), 0);  // all left to right
        return result;
    }
    bidi::RunSequence s = bidi::run_sequence(paragraph);
    s.level = result.paragraph_level = given ? base_level : bidi::first_strong_level(s);
    bidi::resolve_weak_types(s);
    bidi::resolve_bracket_pairs(s);
    bidi::resolve_neutrals(s);
    result.levels.assign(paragraph.size(), static_cast<std::uint8_t>(s.level));
    bidi::set_levels(s, result.levels);
    return result;
}

std::vector<BidiRun> visual_runs(std::string_view paragraph, const BidiLevels& levels, std::size_t begin, std::size_t end) {
    assert(levels.levels.size() == paragraph.size() && "levels of this paragraph (bidi_levels)");
    const std::string_view text = paragraph.substr(0, levels.levels.size());  // never past the levels
    bidi::clamp_to_characters(text, begin, end);
    if (begin == end) return {};
    std::vector<BidiRun> runs(bidi::logical_runs(text, levels, begin, end, nullptr));
    bidi::logical_runs(text, levels, begin, end, runs.data());
    bidi::reorder_runs(runs.data(), runs.size());
    return runs;
}

std::string visual_text(std::string_view paragraph, std::size_t begin, std::size_t end, int level) {
    bidi::clamp_to_characters(paragraph, begin, end);
    if (level % 2 == 0) return std::string(paragraph.substr(begin, end - begin));
    return bidi::drawn_right_to_left(paragraph, begin, end);
}

std::string visual_line(std::string_view text) {
    if (!has_right_to_left(text)) return std::string(text);
    const BidiLevels levels = bidi_levels(text);
    std::string out;
    out.reserve(text.size());
    for (const BidiRun& run : visual_runs(text, levels, 0, text.size()))
        out += visual_text(text, run.begin, run.end, run.level);
    return out;
}

void add_presentation_forms(std::vector<char32_t>& characters) {
    const std::size_t given = characters.size();
    for (std::size_t i = 0; i < given; ++i) {
        const char32_t cp = characters[i];
        for (const bidi::Form form : {bidi::kIsolated, bidi::kFinal, bidi::kInitial, bidi::kMedial})
            if (const char32_t drawn = bidi::letter_form(cp, form)) characters.push_back(drawn);
        if (cp != bidi::kLam) continue;
        for (const auto& row : bidi::kLamAlef) {
            characters.push_back(row[1]);
            characters.push_back(row[1] + 1u);
        }
    }
}

} // namespace explainer
