#include "draft.h"

// Index
// - [SECTION] Text: code points, words, sentences
// - [SECTION] Word lists
// - [SECTION] The draft being built
// - [SECTION] Quotations and speakers
// - [SECTION] People and organisations
// - [SECTION] Places
// - [SECTION] Figures
// - [SECTION] Dates and events
// - [SECTION] Mentions that cross, selectors, JSON
// - [SECTION] Input checks and entry points

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "dates.h"
#include "gazetteer.h"
#include "pack.h"
#include "pack_edit.h"
#include "relative_dates.h"
#include "scripts.h"

namespace explainer {
namespace {

using json = nlohmann::ordered_json;

// [SECTION] Text: code points, words, sentences ------------------------------------

bool is_upper(char32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return true;
    if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F) {
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return cp % 2 == 1;
        return cp % 2 == 0 && cp != 0x138;
    }
    if (cp >= 0x1E00 && cp <= 0x1EFF) return cp % 2 == 0;
    if (cp >= 0x386 && cp <= 0x3AB) return cp != 0x387;
    return cp >= 0x400 && cp <= 0x42F;
}

bool is_letter_or_digit(char32_t cp) {
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return true;
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows
    if (cp >= 0x300 && cp <= 0x36F) return true;     // combining accents belong to the word
    return cp != 0xFFFD && !(cp >= 0xFE00 && cp <= 0xFE0F);
}

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == U'\u2019' || cp == U'\u02BC'; }
bool is_space(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A); }

// Lower-case ASCII of a word for the word lists (other letters kept as they are).
std::string lower(std::string_view word) {
    std::string out(word);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// A name's letters in lower case, with their accents and tone marks kept ("Huế" is "huế",
// not "hue"): what tells two names apart that a folded key (name_key) makes one, the city
// of Huế and the person Nguyễn Huệ.
std::string fold_case(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        char32_t cp = next_code_point(text, at);
        if (cp >= 'A' && cp <= 'Z') cp += 0x20;
        else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;
        else if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138 && cp != 0x149 && cp != 0x17F) {
            const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
            if ((cp % 2 == 1) == odd_upper) cp += 1;
        } else if (cp == 0x1A0 || cp == 0x1AF) cp += 1;  // Vietnamese Ơ, Ư
        else if (cp >= 0x1E00 && cp <= 0x1EFF && cp % 2 == 0) cp += 1;
        else if ((cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F)) cp += 0x20;
        else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
        append_utf8(out, cp);
    }
    return out;
}

// Whether two spellings of a name that fold to the same key (name_key) are the same name:
// one written without any accent may stand for the other ("Lopez", "López"), but two written
// with different ones are different names ("Huế", "Huệ").
bool same_spelling(std::string_view a, std::string_view b) {
    const auto ascii = [](std::string_view s) { return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }); };
    return ascii(a) || ascii(b) || fold_case(a) == fold_case(b);
}

struct Word {
    std::size_t begin = 0, end = 0;  // bytes; `end` includes an abbreviation's period
    bool capitalised = false;
    bool abbreviation = false;       // "Maj.", "J.M."
    bool sentence_start = false;
    std::size_t possessive = 0;      // bytes of a name's "'s" after `end` ("Iraq's": "Iraq", then 2)
    std::string text;                // the word as written (with the period)
    std::string low;                 // lower-case, without the period
};

struct TextParagraph {
    std::string_view text;
    std::vector<Word> words;
};

bool in_list(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_title_abbreviation(std::string_view low);

// Splits a paragraph into words: letters and digits, with inner apostrophes, hyphens and
// periods ("al-Baghdadi", "J.M"), then marks abbreviations and sentence starts.
std::vector<Word> split_words(std::string_view text) {
    std::vector<Word> words;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t start = at;
        const char32_t cp = next_code_point(text, at);
        if (!is_letter_or_digit(cp)) continue;
        std::size_t end = at;
        while (end < text.size()) {
            std::size_t next = end;
            const char32_t c = next_code_point(text, next);
            if (is_letter_or_digit(c)) {
                end = next;
                continue;
            }
            const bool joiner = is_apostrophe(c) || c == '-' || c == '.' || c == ',';
            // "Workers’ Union": a plural's possessive apostrophe stays with its word.
            if (is_apostrophe(c) && text[end - 1] == 's' && (next >= text.size() || is_space(code_point_at(text, next)))) {
                end = next;
                break;
            }
            if (!joiner || next >= text.size()) break;
            const char32_t after = code_point_at(text, next);
            // "2,500" and "3.5" stay one number; "J.M" one set of initials.
            const bool digit_run = c == ',' || c == '.' ? (after >= '0' && after <= '9' && text[end - 1] >= '0' && text[end - 1] <= '9') : false;
            const bool initials = c == '.' && is_upper(after) && end - start <= 2;
            // "p.m.", "a.m.", "e.g.": one word, whose periods end no sentence.
            const auto ascii_lower = [](char32_t x) { return x >= 'a' && x <= 'z'; };
            const bool lower_dotted = c == '.' && end - start == 1 && ascii_lower(static_cast<unsigned char>(text[start])) &&
                                      ascii_lower(after) && next + 1 < text.size() && text[next + 1] == '.';
            if ((joiner && c != ',' && c != '.' && is_letter_or_digit(after)) || digit_run || initials || lower_dotted) end = next;
            else break;
        }
        Word w;
        w.begin = start;
        w.capitalised = is_upper(code_point_at(text, start));
        // "Iraq's army", "North Korea’s leader", "Xi's remarks": a name's possessive is no
        // part of the name, and ends its run ("Iraq" then "army"). A plural's before a name's
        // next word is, as in "Workers’ Union": "People's Committee", "Women's Union" (whose
        // last word alone was drafted, "Committee").
        if (w.capitalised && end - start > 3 && text[end - 1] == 's') {
            const std::size_t mark = text.compare(end - 4, 3, "\xE2\x80\x99") == 0 ? end - 4 : text[end - 2] == '\'' ? end - 2 : end;
            const bool plural_in_name = in_list(lower(text.substr(start, mark - start)), {"people", "women", "men", "children"}) &&
                                        end + 1 < text.size() && text[end] == ' ' && is_upper(code_point_at(text, end + 1));
            if (mark < end && mark > start && !plural_in_name) {
                w.possessive = end - mark;
                end = mark;
            }
        }
        w.end = end;
        w.low = lower(text.substr(start, end - start));
        if (!w.capitalised && (w.low.rfind("al-", 0) == 0 || w.low.rfind("el-", 0) == 0) && w.low.size() > 3 &&
            is_upper(code_point_at(text, start + 3)))
            w.capitalised = true;
        // A period right after a title or an initial belongs to the word, not to the sentence.
        if (end < text.size() && text[end] == '.') {
            const bool initial = end - start == 1 && w.capitalised;
            const bool dotted = w.low.find('.') != std::string::npos;
            // "Sept. 19": a month's abbreviation before a day of it.
            std::size_t after = end + 1;
            while (after < text.size() && text[after] == ' ') ++after;
            const bool month_before_day = w.capitalised && month_number(w.low) && !month_number(w.low, false) &&
                                          after > end + 1 && after < text.size() && text[after] >= '0' && text[after] <= '9';
            // "No. 5", but "said no." ends its sentence.
            const bool number_sign = w.low == "no" && after < text.size() && text[after] >= '0' && text[after] <= '9';
            if (initial || dotted || month_before_day || (is_title_abbreviation(w.low) && (w.low != "no" || number_sign))) {
                w.abbreviation = true;
                ++end;
                w.end = end;
            }
        }
        w.text = std::string(text.substr(start, end - start));
        at = end + w.possessive;
        words.push_back(std::move(w));
    }
    // A sentence starts at the paragraph's first word and after . ! ? (closing quotes may follow).
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i == 0) {
            words[i].sentence_start = true;
            continue;
        }
        const std::string_view gap = text.substr(words[i - 1].end, words[i].begin - words[i - 1].end);
        words[i].sentence_start = gap.find_first_of(".!?") != std::string_view::npos ||
                                  (words[i - 1].abbreviation && words[i - 1].text.size() > 3 && !is_title_abbreviation(words[i - 1].low) &&
                                   words[i - 1].low.find('.') != std::string::npos && gap.size() > 1 &&
                                   gap.find(',') == std::string_view::npos);
    }
    return words;
}

// The gap between two words is plain space (no punctuation), so they read as one name.
// The last word is joined to nothing: callers ask about the word after it freely.
bool joined_by_space(const TextParagraph& p, std::size_t left, std::size_t right) {
    if (right >= p.words.size()) return false;
    const std::string_view gap = p.text.substr(p.words[left].end, p.words[right].begin - p.words[left].end);
    if (gap.empty() || gap.size() > 3) return false;
    std::size_t at = 0;
    while (at < gap.size())
        if (!is_space(next_code_point(gap, at))) return false;
    return true;
}

// A letter of the Latin script, with its accents and Vietnamese's tone marks.
bool is_latin_letter(char32_t cp) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x1E00 && cp <= 0x1EFF);
}

// Where a name in Latin letters ending at byte `name_end` ends with the name as its own
// script writes it, in parentheses after it: past the ")" of "Lee Ji-eun (이지은)", "Tokyo
// (東京)", "Kyiv (Київ)"; `name_end` when no such name follows. The name in parentheses is
// a few words of letters, none Latin (not "(AP)", "(R)", "(Hà Nội)") and no digit (not "(2019)"):
// another name of what the text names, not words of the sentence, and no entity of its own.
std::size_t past_native_name(std::string_view text, std::size_t name_end) {
    constexpr std::size_t kLongest = 64;  // bytes inside the parentheses: a few words of CJK
    if (name_end == 0 || name_end > text.size() || text.substr(name_end, 2) != " (") return name_end;
    std::size_t last_letter = name_end - 1;  // the name's last character ends in Latin letters
    while (last_letter > 0 && is_utf8_continuation(static_cast<unsigned char>(text[last_letter]))) --last_letter;
    if (!is_latin_letter(code_point_at(text, last_letter))) return name_end;
    const std::size_t inner = name_end + 2;
    const std::size_t close = text.find(')', inner);
    if (close == std::string_view::npos || close == inner || close - inner > kLongest) return name_end;
    bool letter = false;
    for (std::size_t at = inner; at < close;) {
        const char32_t cp = next_code_point(text, at);
        if (is_space(cp) || cp == '-' || is_apostrophe(cp)) continue;
        if (!is_letter_or_digit(cp) || is_latin_letter(cp) || (cp >= '0' && cp <= '9')) return name_end;
        letter = true;
    }
    return letter ? close + 1 : name_end;
}

// Where the name whose own script's name in parentheses (past_native_name) ends at byte `at`
// ends itself: the space before "(" of "Lee Ji-eun (이지은)" for `at` after its ")"; `at` when
// no such name ends there.
std::size_t before_native_name(std::string_view text, std::size_t at) {
    if (at < 4 || at > text.size() || text[at - 1] != ')') return at;
    const std::size_t open = text.rfind(" (", at - 1);
    return open != std::string_view::npos && past_native_name(text, open) == at ? open : at;
}

// The sentence around byte `at`: from the start of its first word to its end mark.
std::pair<std::size_t, std::size_t> sentence_around(const TextParagraph& p, std::size_t at) {
    std::size_t first = 0, next = p.words.size();
    for (std::size_t i = 0; i < p.words.size(); ++i) {
        if (p.words[i].sentence_start && p.words[i].begin <= at) first = i;
        if (p.words[i].sentence_start && p.words[i].begin > at) {
            next = i;
            break;
        }
    }
    if (p.words.empty()) return {0, p.text.size()};
    const std::size_t begin = p.words[first].begin;
    std::size_t end = next < p.words.size() ? p.words[next].begin : p.text.size();
    while (end > begin && is_space(static_cast<unsigned char>(p.text[end - 1]))) --end;
    return {begin, end};
}

std::string figure_note(const TextParagraph& p, std::size_t at) {
    const auto [begin, end] = sentence_around(p, at);
    return "As the article gives it: " + std::string(p.text.substr(begin, std::min<std::size_t>(end - begin, 300)));
}

// [SECTION] Word lists ---------------------------------------------------------------

// Words `left` and `right` with a comma and a space between them ("13, 2015").
bool joined_by_comma(const TextParagraph& p, std::size_t left, std::size_t right) {
    if (right >= p.words.size()) return false;
    const std::string_view gap = p.text.substr(p.words[left].end, p.words[right].begin - p.words[left].end);
    return gap == ", ";
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Ranks, offices and honorifics that stand before a name ("Maj. Gen. Thamir Ismail").
bool is_rank(std::string_view low) {
    // Abbreviations as Word::low has them, without their period ("Sen." is "sen").
    return in_list(low, {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "maj", "col", "lt", "capt",
                         "sgt", "adm", "cpl", "pvt", "brig", "cmdr", "rev", "sr", "sra", "mme", "mlle", "sir", "dame",
                         "lord", "lady", "president", "minister", "prime", "king", "queen", "prince", "princess", "pope",
                         "chancellor", "mayor", "judge", "justice", "senator", "general", "colonel", "captain",
                         "lieutenant", "sergeant", "commander", "sheikh", "imam", "ayatollah", "cardinal", "bishop",
                         "rabbi", "governor", "ambassador", "premier", "emir", "sultan", "secretary", "secretary-general",
                         "leader", "speaker", "director", "director-general", "emperor", "empress", "tsar", "tsarina",
                         "czar", "shah", "pharaoh", "caliph", "shogun", "viceroy", "archpriest", "archbishop", "archimandrite",
                         "patriarch", "catholicos", "mufti", "agha", "mirza"});
    // Not "duke", "earl", "regent" or "kaiser": they open the names of things more often
    // than a rank does a person's ("Duke Energy", "Regent Street", "Kaiser Permanente").
}

// Words that begin a title only with a rank after them: "Vice President", "Foreign Minister",
// "Defense Secretary", "Attorney General", "Crown Prince", "Supreme Leader" (but the
// "Interior Ministry" and the "Supreme Court" are organisations).
bool is_title_word(std::string_view low) {
    return in_list(low, {"vice", "deputy", "foreign", "interior", "defense", "defence", "attorney", "chief", "crown", "grand",
                         "supreme", "finance", "health", "labor", "labour", "trade"});
}

bool is_title_abbreviation(std::string_view low) {
    return in_list(low, {"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "maj", "col", "lt", "capt", "sgt", "adm",
                         "cpl", "pvt", "brig", "cmdr", "rev", "sr", "sra", "st", "mt", "jr", "no", "inc", "ltd", "corp", "co"});
}

// Words that end an organisation's name ("Brookings Institution", "Workers' Party").
bool is_organisation_word(std::string_view low) {
    return in_list(low, {"institution", "institute", "university", "college", "party", "army", "ministry", "council", "committee",
                         "force", "forces", "front", "brigade", "brigades", "movement", "association", "agency", "bank", "company",
                         "corporation", "corp.", "inc.", "ltd.", "group", "union", "organisation", "organization",
                         "commission", "court", "parliament", "assembly", "congress", "senate", "police", "guard", "navy",
                         "church", "federation", "league", "foundation", "fund", "department", "authority", "board",
                         "society", "network", "times", "post", "news", "press", "airlines", "airways", "hospital",
                         "museum", "coalition", "alliance", "cartel", "office", "administration", "government", "tribunal",
                         "bureau", "center", "centre", "battalion", "regiment", "corps", "militia", "club", "observatory",
                         "council", "service", "services", "programme", "program", "agency", "school", "academy", "house",
                         // companies' ("General Motors", "General Electric"), which a rank may open
                         "motors", "electric", "dynamics", "mills", "industries", "holdings", "technologies", "pharmaceuticals"});
}

// Kinds of place a name may end with, which make a place of a name an organisation word opens
// ("Times Square", "Union Station", "Bank Street").
bool is_kind_of_place(std::string_view low) {
    return in_list(low, {"square", "street", "avenue", "road", "lane", "boulevard", "plaza", "park", "bridge", "station", "airport",
                         "stadium", "terminal"});
}

// A name that is a time zone ("Eastern European Time", "UTC") or a feature of the land or
// sea ("Gulf of Finland", "Baltic Sea", "Suez Canal"), which a text repeats or abbreviates
// as it does an organisation's but which names none. Such a feature has no point in the
// gazetteer to draft a place from: it is left to the author.
bool names_zone_or_feature(const TextParagraph& p, std::size_t first, std::size_t last) {
    const std::string_view head = p.words[first].low, tail = p.words[last - 1].low;
    if (last - first == 1)
        return in_list(p.words[first].text, {"UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "CET", "CEST",
                                              "EET", "EEST", "BST", "IST", "JST", "AEST", "AEDT"});
    if (tail == "time") return true;
    if (in_list(head, {"gulf", "bay", "sea", "strait", "straits", "lake", "mount", "cape", "isle", "isles"}) &&
        p.words[first + 1].low == "of")
        return true;
    return in_list(tail, {"sea", "ocean", "river", "strait", "straits", "gulf", "bay", "lake", "mountains", "peninsula", "island",
                          "islands", "desert", "valley", "channel", "canal"});
}

// Nouns for a body of people that a demonym or acronym turns into an organisation
// ("Kurdish security forces", "SWAT forces", "Iraqi commanders").
bool is_group_noun(std::string_view low) {
    return in_list(low, {"forces", "troops", "army", "police", "militia", "militias", "militants", "rebels", "fighters",
                         "government", "authorities", "officials", "commanders", "soldiers", "guards", "officers"});
}

// Later references to the organisation last named ("the group", "the militants").
bool is_organisation_reference(std::string_view low) {
    return in_list(low, {"group", "organisation", "organization", "movement", "party", "company", "agency", "ministry",
                         "militia", "militants", "rebels", "coalition", "alliance", "network", "institute", "bank"});
}

// Small words inside a name ("Bank of England", "Luiz Inácio Lula da Silva").
bool is_name_connector(std::string_view low) {
    return in_list(low, {"of", "the", "for", "and", "de", "da", "del", "della", "des", "di", "do", "dos", "das", "du", "la", "le",
                         "al", "el", "bin", "ibn", "van", "von", "der", "den", "y"});
}

// "East", "Northern", "Central", "Southeast": before a name, they make another place of it.
bool is_direction(std::string_view low) {
    return in_list(low, {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
                         "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west",
                         "northeastern", "northwestern", "southeastern", "southwestern"});
}

// Capitalised only because they open a sentence.
bool is_function_word(std::string_view low) {
    return in_list(low, {"the", "a", "an", "but", "and", "or", "in", "on", "at", "from", "after", "before", "since", "when",
                         "while", "what", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you",
                         "his", "her", "their", "its", "our", "my", "just", "as", "for", "with", "by", "of", "to", "if",
                         "some", "many", "one", "there", "here", "so", "yet", "then", "now", "still", "also", "even", "only",
                         "once", "both", "all", "each", "every", "no", "not", "during", "until", "under", "over", "about",
                         "despite", "although", "though", "because", "instead", "meanwhile", "however", "today",
                         "yesterday", "last", "next", "earlier", "later", "more", "most", "few", "several", "another",
                         "other", "such", "how", "why", "where", "who", "which", "whose", "among", "between", "against",
                         "into", "through", "without", "within", "around", "near", "like", "unlike", "given", "according"});
}

bool is_speech_verb(std::string_view low) {
    return in_list(low, {"said", "says", "added", "adds", "told", "asked", "wrote", "writes", "explained", "warned", "insisted",
                         "noted", "recalled", "continued", "replied", "declared", "stated", "argued", "claimed", "commented",
                         "observed", "remarked", "acknowledged", "admitted", "announced", "tweeted", "posted", "shouted",
                         "whispered", "conceded", "cautioned", "predicted", "suggested", "urged", "answered", "responded"});
}

// Verbs that attribute a fragment quoted after them in their sentence: the speech verbs, and
// those that characterise ("called the attack “an outrage”", "described the deal as “a
// disaster”").
bool introduces_fragment(std::string_view low) {
    return is_speech_verb(low) || in_list(low, {"say", "call", "calls", "called", "describe", "describes", "described", "dubbed", "branded"});
}

bool is_pronoun_subject(std::string_view low) { return low == "he" || low == "she"; }

// The first word of a clause after a name ("who heads the cooperative", "whose boat is
// moored"), which says something of the person but is no role.
bool opens_relative_clause(std::string_view low) { return in_list(low, {"who", "whose", "whom", "which", "that"}); }

bool is_determiner(std::string_view low) {
    return in_list(low, {"a", "an", "one", "another", "the", "two", "three", "some", "several", "many"});
}

// The month a capitalised word names: its name, or an abbreviation written with its period
// ("Nov.", "Sept."; not "Mar", which may be a verb or a name). 0 for none.
int month_of(const Word& w) {
    return w.capitalised ? month_number(w.low, !w.text.empty() && w.text.back() == '.') : 0;
}
bool is_weekday(std::string_view low) { return weekday_number(low).has_value(); }

// `text` cut to at most `max_bytes` at a character's start, with "…" when it is cut (a cut
// inside a character left a byte that readers saw as "?": a Vietnamese quote's name).
std::string shortened(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "…";
}

constexpr std::ptrdiff_t kMaxBylineWords = 16;  // "By" and two or three names with an agency

// A wire story's byline as its first paragraph: "By Giorgi Lomsadze", "By Nguyễn Thị Hồng
// and Sopheak Chan, Associated Press": "By", a capital and a few words, no sentence. It says
// who reported the article (its attribution, under the headline), and is none of its text:
// drafted as a paragraph, it named no one and could not be taken out (an author trial).
bool is_byline(std::string_view paragraph) {
    const std::string_view text = trim_spaces(paragraph);
    if (text.size() < 4 || text.substr(0, 3) != "By ") return false;
    const unsigned char first = static_cast<unsigned char>(text[3]);
    if (!((first >= 'A' && first <= 'Z') || first >= 0x80)) return false;  // "By 2030", "By then"
    const char last = text.back();
    if (last == '.' || last == '!' || last == '?' || last == ':') return false;  // "By Tuesday, the river had fallen."
    if (text.find('"') != std::string_view::npos || text.find("\xE2\x80\x9C") != std::string_view::npos) return false;
    return std::count(text.begin(), text.end(), ' ') < kMaxBylineWords;
}

// Where a wire story's dateline ends, 0 for none: "MIAMI (AP) — ", "NEW YORK — ", "KYIV,
// Ukraine (AP) — " open a paragraph with the place it was filed from in capitals and, maybe,
// the agency, before a dash. It is no part of the story's sentences: no organisation
// ("MIAMI", "AP"), nor the start of an event's name.
std::size_t dateline_end(const TextParagraph& p) {
    constexpr std::size_t kLongest = 80;  // bytes before the dash
    if (p.words.empty() || p.words[0].begin != 0) return 0;
    const auto all_capitals = [](const Word& w) {
        return w.text.size() >= 2 && std::none_of(w.text.begin(), w.text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    };
    if (!all_capitals(p.words[0])) return 0;
    for (const std::string_view dash : {"\u2014", "\u2013", "--"}) {
        const std::size_t at = p.text.find(dash);
        if (at == std::string_view::npos || at > kLongest) continue;
        // Before the dash, capitalised words only: the place, its country or state, the agency.
        for (const Word& w : p.words)
            if (w.end <= at && !w.capitalised) return 0;
        const std::string_view head = p.text.substr(0, at);
        if (head.find_first_of("!?\"") != std::string_view::npos || head.find("\u201C") != std::string_view::npos) return 0;
        std::size_t end = at + dash.size();
        while (end < p.text.size() && p.text[end] == ' ') ++end;
        return end;
    }
    return 0;
}

// [SECTION] The draft being built ------------------------------------------------------

struct Span {
    std::size_t paragraph = 0, begin = 0, end = 0;
    bool operator==(const Span&) const = default;
    bool overlaps(const Span& o) const { return paragraph == o.paragraph && begin < o.end && o.begin < end; }
};

enum class Kind { Place, Person, Organisation, Event, Quote, Figure };

// Which of two mentions over the same text wins (lower wins).
int priority_of(Kind kind) {
    switch (kind) {
    case Kind::Quote: return 0;
    case Kind::Person: return 1;
    case Kind::Organisation: return 2;
    case Kind::Place: return 3;
    case Kind::Figure: return 4;
    case Kind::Event: return 5;
    }
    return 6;
}

const char* kind_name(Kind kind) {
    switch (kind) {
    case Kind::Place: return "place";
    case Kind::Person: return "person";
    case Kind::Organisation: return "organisation";
    case Kind::Event: return "event";
    case Kind::Quote: return "quote";
    case Kind::Figure: return "figure";
    }
    return "place";
}

struct Suggestion {
    Kind kind = Kind::Place;
    std::string key;          // what identifies it while drafting ("person:thamir ismail")
    std::string name;
    std::string description;
    std::string rule;         // why it is suggested
    Span evidence;
    std::vector<Span> mentions;
    json fields = json::object();       // kind-specific keys (location, speaker, date, ...)
    json candidates = json::array();    // places: the gazetteer's candidates, best first
    std::vector<std::size_t> related;   // other suggestions (affiliations, participants, ...)
    std::string related_key;            // "affiliations", "participants", "places"
    std::string id;           // assigned at the end
    bool anonymous = false;
    // People: what a later reference may call them by (name_key): the name's last word, and
    // the word before a Portuguese "da", "do", "dos" or "das" ("Lula" of "Luiz Inácio Lula
    // da Silva").
    std::vector<std::string> surnames;
    std::vector<std::string> surname_forms;  // each surname as the text writes it ("Huệ")
    std::string name_form;                   // the name as written, without its title
    std::size_t speaker = SIZE_MAX;  // quotes
};

// A run of capitalised words read as one name: words [first, last).
struct NameRun {
    std::size_t paragraph = 0, first = 0, last = 0;
};

struct Drafter {
    const DraftInput& input;
    const Gazetteer* gazetteer;
    DateSpan published;
    std::vector<TextParagraph> paragraphs;
    std::vector<Suggestion> suggestions;
    std::unordered_map<std::string, std::size_t> by_key;
    std::unordered_set<std::string> lowercase_words;  // words the text also writes in lower case
    std::vector<Span> claimed;                          // spans of people and organisations
    std::vector<std::size_t> datelines;                 // by paragraph: where its dateline ends (dateline_end)
    std::vector<std::string> warnings;                  // DraftResult::warnings
    std::set<std::string> countries_in_text;            // alpha-2 of the countries the text names (run)
    std::string byline;                                 // the article's attribution (is_byline), or ""

    std::string_view text(const Span& s) const { return paragraphs[s.paragraph].text.substr(s.begin, s.end - s.begin); }

    // The suggestion under `key`, made on first use.
    std::size_t suggestion(Kind kind, const std::string& key, std::string_view name, std::string_view rule, const Span& evidence) {
        if (const auto it = by_key.find(key); it != by_key.end()) return it->second;
        Suggestion s;
        s.kind = kind;
        s.key = key;
        s.name = std::string(name);
        s.rule = std::string(rule);
        s.evidence = evidence;
        suggestions.push_back(std::move(s));
        by_key.emplace(key, suggestions.size() - 1);
        return suggestions.size() - 1;
    }
    // A span inside one of the entity's mentions already is none of its own: "Jinping" of
    // "Chinese President Xi Jinping said …", where the speaker's name was read short.
    void mention(std::size_t index, const Span& span) {
        auto& m = suggestions[index].mentions;
        const auto holds = [&](const Span& held) { return held.paragraph == span.paragraph && held.begin <= span.begin && span.end <= held.end; };
        if (std::none_of(m.begin(), m.end(), holds)) m.push_back(span);
    }
    // True when a person other than `except` is mentioned after `from` and before `to`.
    bool person_named_between(const Span& from, const Span& to, std::size_t except) const {
        const auto before = [](const Span& a, const Span& b) { return a.paragraph != b.paragraph ? a.paragraph < b.paragraph : a.begin < b.begin; };
        for (std::size_t i = 0; i < suggestions.size(); ++i) {
            if (suggestions[i].kind != Kind::Person || i == except) continue;
            for (const Span& m : suggestions[i].mentions)
                if (!before(m, from) && before(m, to)) return true;
        }
        return false;
    }
    bool is_claimed(const Span& s) const {
        return std::any_of(claimed.begin(), claimed.end(), [&](const Span& c) { return c.overlaps(s); });
    }
    // A place spelt another way, in a country the text names ("Quy Nhơn", with "Vietnam" in
    // the text, is the gazetteer's "Qui Nhon"), which find_places drafts as it does a place
    // spelt the gazetteer's way.
    bool names_place_spelt_another_way(std::string_view name) const {
        if (!gazetteer || name.size() < 4) return false;
        const std::vector<const GazetteerPlace*> places = gazetteer->places_named(name, true);
        return std::any_of(places.begin(), places.end(), [&](const GazetteerPlace* place) { return countries_in_text.contains(place->country); });
    }

    void run();
    void find_ranked_people();
    void find_described_people();
    void find_quotes();
    std::size_t only_person_named_before(std::size_t pi, std::size_t before) const;
    std::vector<std::size_t> people_named_by(const NameRun& r) const;
    Span unnamed_speaker_before(std::size_t pi, std::size_t before) const;
    std::vector<NameRun> names_before_their_acronyms(std::set<std::string>& others) const;
    void find_people_and_organisations();
    void find_places();
    void add_own_script_aliases();
    void find_figures();
    void find_events();
};

// Capitalised runs of a paragraph, with name connectors inside ("Bank of England"), cut
// at punctuation and sentence starts; a sentence's first word is dropped when it is a
// function word or the text also writes it in lower case.
std::vector<NameRun> name_runs(const TextParagraph& p, std::size_t index, const std::unordered_set<std::string>& lowercase_words) {
    std::vector<NameRun> runs;
    std::size_t i = 0;
    while (i < p.words.size()) {
        if (!p.words[i].capitalised) {
            ++i;
            continue;
        }
        std::size_t last = i + 1;
        std::size_t end = last;
        std::size_t part = i;  // where the name after the last "and" starts: each is at most 8 words
        while (end < p.words.size() && joined_by_space(p, end - 1, end) && !p.words[end].sentence_start) {
            const Word& w = p.words[end];
            if (w.capitalised) last = end + 1;
            // "Commission on Human Rights", "Committee on Foreign Relations"; not "Trump on Tuesday".
            else if (!is_name_connector(w.low) && !(w.low == "on" && is_organisation_word(p.words[end - 1].low))) break;
            if (w.low == "and") part = end + 1;
            ++end;
            if (end - part > 8) break;
        }
        std::size_t first = i;
        // A title opening a sentence stays, though the text writes it in lower case elsewhere
        // ("its president, R.V. Asokan" … "Chief Justice D.Y. Chandrachud said").
        const bool title = is_rank(p.words[first].low) || is_title_word(p.words[first].low);
        while (first < last && p.words[first].sentence_start && !(title && last - first > 1) &&
               (is_function_word(p.words[first].low) || lowercase_words.count(p.words[first].low))) {
            ++first;
            while (first < last && !p.words[first].capitalised) ++first;
            break;
        }
        if (first < last) runs.push_back({index, first, last});
        i = std::max(last, i + 1);
    }
    return runs;
}

Span span_of(const TextParagraph& p, std::size_t paragraph, std::size_t first, std::size_t last) {
    std::size_t end = p.words[last - 1].end;
    return {paragraph, p.words[first].begin, end};
}

std::string words_text(const TextParagraph& p, std::size_t first, std::size_t last) {
    return std::string(p.text.substr(p.words[first].begin, p.words[last - 1].end - p.words[first].begin));
}

// [SECTION] Quotations and speakers ---------------------------------------------------

// One quoted stretch inside a paragraph: marks included in [begin, end).
struct QuoteSegment {
    std::size_t paragraph = 0;
    std::size_t begin = 0, end = 0;              // with the marks
    std::size_t inner_begin = 0, inner_end = 0;  // the words
    bool open_at_end = false;                    // unclosed when the paragraph ends
    bool continues = false;                      // continues the previous paragraph's quote
};

std::vector<QuoteSegment> quote_segments(const TextParagraph& p, std::size_t index, bool continuing) {
    std::vector<QuoteSegment> out;
    std::size_t at = 0;
    bool inside = false;
    char32_t closing = 0;  // the mark that closes the open quotation: ” " » 」
    QuoteSegment current;
    const auto open = [&](std::size_t begin, std::size_t inner, char32_t closed_by) {
        inside = true;
        closing = closed_by;
        current = QuoteSegment{};
        current.paragraph = index;
        current.begin = begin;
        current.inner_begin = inner;
    };
    while (at < p.text.size()) {
        const std::size_t start = at;
        const char32_t cp = next_code_point(p.text, at);
        // “…”, "…", «…», and 「…」 of Chinese and Japanese
        if (!inside && (cp == U'\u201C' || cp == '"' || cp == U'\u00AB' || cp == U'\u300C')) {
            open(start, at, cp == U'\u201C' ? U'\u201D' : cp == U'\u00AB' ? U'\u00BB' : cp == U'\u300C' ? U'\u300D' : cp);
            if (out.empty() && continuing) {
                std::size_t before = 0;
                bool only_space = true;
                // Stops at the first non-space: the short-circuit must not stop `before` advancing.
                while (only_space && before < start) only_space = is_space(next_code_point(p.text, before));
                current.continues = only_space;
            }
        } else if (inside && cp == closing) {
            current.end = at;
            current.inner_end = start;
            out.push_back(current);
            inside = false;
        }
    }
    if (inside) {
        current.end = p.text.size();
        current.inner_end = p.text.size();
        current.open_at_end = true;
        out.push_back(current);
    }
    return out;
}

// Title-cased words and no sentence inside: a title ("ISIS: The State of Terror"), not speech.
bool reads_as_title(std::string_view inner) {
    const std::vector<Word> words = split_words(inner);
    if (words.empty()) return true;
    std::size_t capitalised = 0, content = 0;
    for (const Word& w : words) {
        if (is_name_connector(w.low) || w.low == "a" || w.low == "an" || w.low == "in" || w.low == "on" || w.low == "to") continue;
        ++content;
        if (w.capitalised) ++capitalised;
    }
    return content > 0 && capitalised * 4 >= content * 3;
}

// Where the speaker stands relative to a quotation, as the text writes it.
struct Attribution {
    Span speaker;          // the speaker's words ("Maj. Gen. Thamir Ismail", "he", "one ... in Turkey")
    Span evidence;         // "said Maj. Gen. Thamir Ismail"
    Span role;             // the apposition, when there is one
    enum class Form { None, Named, Pronoun, Described } form = Form::None;
    std::string rule;
    bool fragment = false;  // quoted inside the speaker's sentence: a named speaker must be drafted already
};

// Words of a noun phrase from word `i`: a capitalised name (ranks allowed), a pronoun, or
// a described person ("one Islamic State sympathizer in Turkey") up to the next punctuation.
std::optional<std::pair<std::size_t, Attribution::Form>> speaker_phrase(const TextParagraph& p, std::size_t i) {
    if (i >= p.words.size()) return std::nullopt;
    const Word& w = p.words[i];
    if (is_pronoun_subject(w.low)) return std::pair{i + 1, Attribution::Form::Pronoun};
    if (w.capitalised && !is_function_word(w.low)) {
        std::size_t last = i + 1;
        while (last < p.words.size() && last - i < 7 && joined_by_space(p, last - 1, last) &&
               (p.words[last].capitalised || (is_name_connector(p.words[last].low) && last + 1 < p.words.size() && p.words[last + 1].capitalised)))
            ++last;
        while (last > i + 1 && !p.words[last - 1].capitalised) --last;
        return std::pair{last, Attribution::Form::Named};
    }
    if (is_determiner(w.low)) {
        std::size_t last = i + 1;
        while (last < p.words.size() && last - i < 10 && joined_by_space(p, last - 1, last)) ++last;
        if (last - i < 2) return std::nullopt;
        return std::pair{last, Attribution::Form::Described};
    }
    return std::nullopt;
}

// The index of the first word at or after byte `at`.
std::size_t word_at_or_after(const TextParagraph& p, std::size_t at) {
    std::size_t i = 0;
    while (i < p.words.size() && p.words[i].begin < at) ++i;
    return i;
}

// Whether an age in commas follows a name that ends at byte `name_end`: "Tanvir Alam, 24,",
// "Park Min-jun (박민준), 45,".
bool age_in_commas_after(const TextParagraph& p, std::size_t name_end) {
    name_end = past_native_name(p.text, name_end);
    if (name_end >= p.text.size() || p.text[name_end] != ',') return false;
    std::size_t at = name_end + 1;
    while (at < p.text.size() && p.text[at] == ' ') ++at;
    std::size_t digits = at;
    while (digits < p.text.size() && digits - at < 3 && p.text[digits] >= '0' && p.text[digits] <= '9') ++digits;
    return digits > at && digits < p.text.size() && p.text[digits] == ',';
}

// The apposition after a speaker: ", ROLE," or ", ROLE." up to the sentence end, also after
// the speaker's name in its own script ("Lee Ji-eun (이지은), a historian").
Span role_after(const TextParagraph& p, std::size_t paragraph, std::size_t end_byte) {
    std::size_t at = past_native_name(p.text, end_byte);
    if (at >= p.text.size() || p.text[at] != ',') return {};
    ++at;
    while (at < p.text.size() && p.text[at] == ' ') ++at;
    // An age is no role: "Tanvir Alam, 24, a student volunteer" is a student volunteer, and
    // "Lê Văn Tâm, 58, has farmed" has none.
    const bool aged = age_in_commas_after(p, end_byte);
    if (aged) {
        while (at < p.text.size() && p.text[at] != ',') ++at;
        ++at;
        while (at < p.text.size() && p.text[at] == ' ') ++at;
    }
    // Nor is the sentence's verb: "Smith, 54, said", "the commission's chief, Anoulak
    // Kittikhoun, said the season".
    const std::size_t word_end = std::min(p.text.find_first_of(" ,.;", at), p.text.size());
    const std::string opening = lower(p.text.substr(at, word_end - at));
    if (is_speech_verb(opening)) return {};
    if (aged && !is_determiner(opening) && !in_list(opening, {"who", "whose"})) return {};
    const auto [s_begin, s_end] = sentence_around(p, end_byte);
    (void)s_begin;
    std::size_t end = s_end;
    // The apposition ends at the next comma or quotation outside a quoted title
    // (“ISIS: The State of Terror” belongs to the role).
    for (std::size_t k = at; k < end;) {
        const std::size_t start = k;
        const char32_t cp = next_code_point(p.text, k);
        if (cp == ',' || cp == ';') {
            end = start;
            break;
        }
        if (cp == U'\u201C' || cp == '"' || cp == U'\u00AB') {
            const std::string_view close = cp == U'\u201C' ? "\xE2\x80\x9D" : cp == '"' ? "\"" : "\xC2\xBB";
            const std::size_t closing = p.text.find(close, k);
            if (closing == std::string_view::npos || closing > end || !reads_as_title(p.text.substr(k, closing - k))) {
                end = start;
                break;
            }
            k = closing + close.size();
        }
    }
    while (end > at && (p.text[end - 1] == ' ' || p.text[end - 1] == ',' || p.text[end - 1] == '.')) --end;
    if (end <= at || end - at > 300) return {};
    // The apposition describes: it opens with a lower-case word ("commander of", "a fellow")
    // or with whose ("North Korea's leader").
    if (is_upper(code_point_at(p.text, at)) && p.text.compare(at, 2, "A ") != 0) {
        const std::vector<Word> words = split_words(p.text.substr(at, end - at));
        const auto owner = std::find_if(words.begin(), words.end(), [](const Word& w) { return !w.capitalised || w.possessive; });
        if (owner == words.end() || !owner->possessive || owner + 1 == words.end()) return {};
    }
    // A name and its speech verb make the words after the comma the sentence's own clause,
    // which describes nobody: "on the shores of Lake Tana, 34-year-old teacher Almaz Tesfaye
    // said she had given …" (the lake was drafted as a person with that role).
    for (std::size_t k = word_at_or_after(p, at); k + 1 < p.words.size() && p.words[k + 1].end <= end; ++k)
        if (p.words[k].capitalised && is_speech_verb(p.words[k + 1].low) && joined_by_space(p, k, k + 1)) return {};
    return {paragraph, at, end};
}

// The speaker whose phrase, a name or a pronoun, ends right before speech verb `verb` in the
// sentence from byte `s_begin` ("Berger said:", "he told"), as `rule` attributes it; the form
// None when there is none.
Attribution speaker_before_verb(const TextParagraph& p, std::size_t paragraph, std::size_t verb, std::size_t s_begin, std::string_view rule) {
    Attribution a;
    // "Anisur Haque, a historian at the University of Dhaka, said": the name before an aside
    // between commas, not the aside's last words ("University of Dhaka"); and so "Lee Ji-eun
    // (이지은), a historian, said", with the name in its own script.
    if (verb > 0 && p.text.substr(p.words[verb - 1].end, p.words[verb].begin - p.words[verb - 1].end) == ", ") {
        const std::size_t close = p.words[verb - 1].end;
        const std::size_t open = p.text.rfind(',', close - 1);
        const std::string_view aside = open == std::string_view::npos ? std::string_view() : std::string_view(p.text).substr(open, close - open);
        const std::size_t name_close = open == std::string_view::npos ? open : before_native_name(p.text, open);
        std::size_t name_end = verb - 1;  // the index of the name's last word, + 1
        while (name_end > 0 && p.words[name_end - 1].end > name_close) --name_end;
        if (open != std::string_view::npos && open >= s_begin && name_end > 0 && p.words[name_end - 1].end == name_close && aside.size() <= 160 &&
            aside.find_first_of("\".;:") == std::string_view::npos && aside.find("\xE2\x80\x9C") == std::string_view::npos)
            for (std::size_t start = name_end; start-- > 0 && name_end - start <= 6 && p.words[start].begin >= s_begin;) {
                const auto phrase = speaker_phrase(p, start);
                if (!phrase || phrase->first != name_end || phrase->second != Attribution::Form::Named) continue;
                a.form = phrase->second;
                a.speaker = span_of(p, paragraph, start, name_end);
                a.evidence = span_of(p, paragraph, start, verb + 1);
                a.role = role_after(p, paragraph, open);
                a.rule = std::string(rule);
                return a;
            }
    }
    for (std::size_t start = verb; start-- > 0 && verb - start <= 6;) {
        if (p.words[start].begin < s_begin) break;
        const auto phrase = speaker_phrase(p, start);
        if (phrase && phrase->first == verb && phrase->second != Attribution::Form::Described) {
            a.form = phrase->second;
            a.speaker = span_of(p, paragraph, start, verb);
            a.evidence = span_of(p, paragraph, start, verb + 1);
            a.rule = std::string(rule);
            break;
        }
    }
    return a;
}

Attribution attribution_of(const TextParagraph& p, std::size_t paragraph, const QuoteSegment& q) {
    Attribution a;
    const auto gap_is_attribution = [&](std::size_t from, std::size_t to) {
        // Only commas and spaces between the closing mark and the attribution.
        for (std::size_t k = from; k < to; ++k)
            if (p.text[k] != ',' && p.text[k] != ' ') return false;
        return true;
    };
    // After: ”, said X / ”, X said. Not after a quotation that ends its sentence with a
    // period (“We are ready.” Ford said nothing): the name after it opens the next sentence.
    std::size_t i = word_at_or_after(p, q.end);
    const bool ends_sentence = q.inner_end > q.inner_begin && p.text[q.inner_end - 1] == '.';
    if (!q.open_at_end && !ends_sentence && i < p.words.size() && gap_is_attribution(q.end, p.words[i].begin)) {
        // ”, said the conductor, Oksana Lyniv: the role, then the name.
        if (is_speech_verb(p.words[i].low) && i + 2 < p.words.size() && in_list(p.words[i + 1].low, {"the", "a", "an", "its", "their", "his", "her"})) {
            std::size_t k = i + 2;
            while (k < p.words.size() && k - i < 8 && !p.words[k].capitalised && joined_by_space(p, k - 1, k)) ++k;
            if (k < p.words.size() && k > i + 2 && p.text.substr(p.words[k - 1].end, p.words[k].begin - p.words[k - 1].end) == ", ") {
                const auto phrase = speaker_phrase(p, k);
                if (phrase && phrase->second == Attribution::Form::Named) {
                    a.form = Attribution::Form::Named;
                    a.speaker = span_of(p, paragraph, k, phrase->first);
                    a.evidence = span_of(p, paragraph, i, phrase->first);
                    a.role = span_of(p, paragraph, i + 1, k);
                    a.rule = "“…,” said the ROLE, SPEAKER";
                    return a;
                }
            }
        }
        // ”, navigator Kalepa Baybayan said: a role in lower case before the name.
        {
            std::size_t k = i;
            while (k < p.words.size() && k - i < 3 && !p.words[k].capitalised && !is_pronoun_subject(p.words[k].low) &&
                   !is_speech_verb(p.words[k].low) && !is_determiner(p.words[k].low) && joined_by_space(p, k, k + 1))
                ++k;
            if (k > i && k < p.words.size()) {
                const auto phrase = speaker_phrase(p, k);
                if (phrase && phrase->second == Attribution::Form::Named && phrase->first < p.words.size() &&
                    is_speech_verb(p.words[phrase->first].low) && joined_by_space(p, phrase->first - 1, phrase->first)) {
                    a.form = Attribution::Form::Named;
                    a.speaker = span_of(p, paragraph, k, phrase->first);
                    a.evidence = span_of(p, paragraph, i, phrase->first + 1);
                    a.role = span_of(p, paragraph, i, k);
                    a.rule = "“…,” ROLE SPEAKER said";
                    return a;
                }
            }
        }
        if (is_speech_verb(p.words[i].low)) {
            if (const auto phrase = speaker_phrase(p, i + 1); phrase && joined_by_space(p, i, i + 1)) {
                a.form = phrase->second;
                a.speaker = span_of(p, paragraph, i + 1, phrase->first);
                a.evidence = span_of(p, paragraph, i, phrase->first);
                a.rule = "“…,” said SPEAKER";
                if (a.form == Attribution::Form::Described) {
                    // The description runs to the comma: "one ... in Turkey, who declined ..."
                    std::size_t end = a.speaker.end;
                    const std::size_t comma = p.text.find_first_of(",.;", a.speaker.begin);
                    end = std::min(comma == std::string_view::npos ? p.text.size() : comma, p.text.size());
                    std::size_t last = word_at_or_after(p, end);
                    a.speaker = {paragraph, p.words[i + 1].begin, p.words[last - 1].end};
                    a.evidence.end = a.speaker.end;
                }
                a.role = role_after(p, paragraph, a.speaker.end);
                return a;
            }
        }
        // ”, the fixture’s narrator says: a described speaker before the verb.
        if (is_determiner(p.words[i].low)) {
            std::size_t k = i + 1;
            while (k < p.words.size() && k - i <= 6 && joined_by_space(p, k - 1, k) && !is_speech_verb(p.words[k].low)) ++k;
            if (k < p.words.size() && k - i <= 6 && k > i + 1 && is_speech_verb(p.words[k].low) && joined_by_space(p, k - 1, k)) {
                a.form = Attribution::Form::Described;
                a.speaker = span_of(p, paragraph, i, k);
                a.evidence = span_of(p, paragraph, i, k + 1);
                a.rule = "“…,” the DESCRIBED SPEAKER said";
                return a;
            }
        }
        if (const auto phrase = speaker_phrase(p, i); phrase && phrase->second != Attribution::Form::Described && phrase->first < p.words.size() &&
                                                      is_speech_verb(p.words[phrase->first].low) && joined_by_space(p, phrase->first - 1, phrase->first)) {
            a.form = phrase->second;
            a.speaker = span_of(p, paragraph, i, phrase->first);
            a.evidence = span_of(p, paragraph, i, phrase->first + 1);
            a.rule = "“…,” SPEAKER said";
            return a;
        }
        // ”, Jose Panganiban, the provincial agriculturist, said: the name, an aside between
        // commas (a role, an age), then the verb (the quotation was drafted with no speaker).
        if (const auto phrase = speaker_phrase(p, i); phrase && phrase->second == Attribution::Form::Named) {
            const std::size_t name_end = past_native_name(p.text, p.words[phrase->first - 1].end);
            const std::size_t comma = name_end < p.text.size() && p.text[name_end] == ',' ? p.text.find(',', name_end + 1) : std::string_view::npos;
            const std::size_t verb = comma == std::string_view::npos ? p.words.size() : word_at_or_after(p, comma);
            const std::string_view aside = comma == std::string_view::npos ? std::string_view() : p.text.substr(name_end, comma - name_end);
            if (verb < p.words.size() && verb - phrase->first <= 12 && is_speech_verb(p.words[verb].low) &&
                p.text.find_first_not_of(' ', comma + 1) == p.words[verb].begin && sentence_around(p, name_end).second > comma &&
                aside.find_first_of("\".;:") == std::string_view::npos && aside.find("\xE2\x80\x9C") == std::string_view::npos) {
                a.form = phrase->second;
                a.speaker = span_of(p, paragraph, i, phrase->first);
                a.evidence = span_of(p, paragraph, i, verb + 1);
                // An age ("Smith, 54, said") or a clause ("who heads the cooperative") is no role.
                const std::size_t aside_at = p.text.find_first_not_of(", ", name_end);
                const std::string_view opening = std::string_view(p.text).substr(aside_at, p.text.find(' ', aside_at) - aside_at);
                if (!std::isdigit(static_cast<unsigned char>(p.text[aside_at])) && !opens_relative_clause(opening))
                    a.role = role_after(p, paragraph, name_end);
                a.rule = "“…,” SPEAKER, ASIDE, said";
                return a;
            }
        }
    }
    // Before: X said: “…” / X said, “…”
    if (q.continues) return a;
    const auto [s_begin, s_end] = sentence_around(p, q.begin);
    (void)s_end;
    const std::size_t next = word_at_or_after(p, q.begin);
    // The quotation opens its sentence (“We won,” he said. “I expect …”): nothing before it
    // attributes it.
    if (next == 0 || (next < p.words.size() && p.words[next].sentence_start)) return a;
    std::size_t verb = next - 1;  // the last word before the quotation
    const std::string_view tail = p.text.substr(p.words[verb].end, q.begin - p.words[verb].end);
    if (tail.find_first_not_of(" ,:") == std::string_view::npos) {
        // "X told reporters:" — the verb may have a short object.
        for (int object = 0; object < 2 && verb > 0 && !is_speech_verb(p.words[verb].low) && joined_by_space(p, verb - 1, verb); ++object) --verb;
        if (is_speech_verb(p.words[verb].low))
            if (Attribution before = speaker_before_verb(p, paragraph, verb, s_begin, "SPEAKER said: “…”"); before.form != Attribution::Form::None)
                return before;
    }
    // Inside: a fragment quoted in a sentence whose speaker the speech verb nearest before it
    // names, "Xi said China would always “stay committed to friendship”", "Biden called the
    // attack “an outrage.”" (not a title: “ISIS: The State of Terror”).
    if (reads_as_title(p.text.substr(q.inner_begin, q.inner_end - q.inner_begin))) return a;
    for (std::size_t k = next; k-- > 0 && p.words[k].begin >= s_begin;) {
        if (!introduces_fragment(p.words[k].low)) continue;
        a = speaker_before_verb(p, paragraph, k, s_begin, "SPEAKER said … “…”: a quoted fragment");
        a.fragment = a.form != Attribution::Form::None;
        break;
    }
    return a;
}

// The name without its title ("Maj. Gen. Thamir Ismail" -> "thamir ismail", "Chinese
// President Xi Jinping" -> "xi jinping"), its surnames (Suggestion::surnames) and how the
// text writes each, and how it writes the name.
struct PersonName {
    std::string key;
    std::vector<std::string> surnames, surname_forms;
    std::string form;  // the name as written, without its title ("Nguyễn Huệ")
};
PersonName person_name(const TextParagraph& p, const Span& s) {
    PersonName out;
    std::string previous, before_previous, previous_form, before_previous_form;
    std::size_t name_begin = s.begin;  // after the title's last word, unless it ends the name ("Julie Bishop")
    for (const Word& w : p.words)
        if (w.begin >= s.begin && w.end < s.end && (is_rank(w.low) || is_title_word(w.low))) name_begin = w.end;
    const auto add = [&](std::string key, std::string form) {
        out.surnames.push_back(std::move(key));
        out.surname_forms.push_back(std::move(form));
    };
    int words = 0;
    for (const Word& w : p.words) {
        if (w.begin < name_begin || w.end > s.end) continue;
        const std::string word = name_key(w.text);
        out.key += (out.key.empty() ? "" : " ") + word;
        out.form += (out.form.empty() ? "" : " ") + w.text;
        if (in_list(w.low, {"da", "do", "dos", "das"}) && !previous.empty()) add(previous, previous_form);
        before_previous = std::move(previous);
        before_previous_form = std::move(previous_form);
        previous = word;
        previous_form = w.text;
        ++words;
    }
    if (!previous.empty()) add(previous, previous_form);
    // An Arabic surname without its article: "Burhan" is Abdel Fattah al-Burhan.
    if (previous.size() > 3 && (previous.starts_with("al ") || previous.starts_with("el ")))
        add(previous.substr(3), previous_form.size() > 3 ? previous_form.substr(3) : previous_form);
    // A Spanish name's two surnames, which a later reference keeps together: "López Obrador"
    // is Andrés Manuel López Obrador.
    if (words >= 3) add(before_previous + " " + previous, before_previous_form + " " + previous_form);
    return out;
}

// Whether `person` has the surname `key`, written as `form` ("" when any spelling will do).
bool has_surname(const Suggestion& person, std::string_view key, std::string_view form) {
    for (std::size_t i = 0; i < person.surnames.size(); ++i)
        if (person.surnames[i] == key && (form.empty() || i >= person.surname_forms.size() || same_spelling(person.surname_forms[i], form)))
            return true;
    return false;
}

// People a place needs for its name alone to stand for it: capitalised words that name a
// place this big are places even with no other sign of one.
constexpr std::int64_t kCityPopulation = 100000;

// The key of a later reference, a run of one or two words ("Xi", "López Obrador").
std::string reference_key(const TextParagraph& p, const NameRun& r) {
    std::string key = name_key(p.words[r.first].text);
    if (r.last - r.first == 2) key += " " + name_key(p.words[r.first + 1].text);
    return key;
}

// The people a later reference of one or two words names (`key`, a name_key, written as
// `form`): those of that surname; else the one person whose name opens with it, since
// Chinese and Korean names put the family name first ("Xi" is Xi Jinping, "Yoon" Yoon Suk
// Yeol, "Kim" Kim Jong Un), unless the word is also a country's, a state's or a city's name
// ("Jordan"). A reference written with other accents or tone marks than the name is none
// of it: "Huế", a city, is not Nguyễn Huệ.
std::vector<std::size_t> people_called(const Drafter& d, std::string_view key, std::string_view form) {
    std::vector<std::size_t> out, opening;
    for (std::size_t i = 0; i < d.suggestions.size(); ++i) {
        const Suggestion& s = d.suggestions[i];
        if (s.kind != Kind::Person || s.anonymous) continue;
        if (has_surname(s, key, form)) out.push_back(i);
        else if (key.find(' ') == std::string_view::npos && s.key.starts_with("person:") &&
                 std::string_view(s.key).substr(7).starts_with(std::string(key) + " ") &&
                 (form.empty() || same_spelling(std::string_view(s.name_form).substr(0, s.name_form.find(' ')), form)))
            opening.push_back(i);
    }
    if (!out.empty() || opening.size() != 1) return out;
    if (const Gazetteer* g = d.gazetteer) {
        if (g->country_named(key) || !g->divisions_named(key).empty()) return out;
        for (const GazetteerPlace* place : g->places_named(key, false))
            if (place->population >= kCityPopulation) return out;
    }
    return opening;
}

// The person drafted so far whom `name` names: by a later reference of one or two words
// (people_called), else by the whole name without its title, written with the same accents
// and tone marks; SIZE_MAX for none.
std::size_t known_person(const Drafter& d, const Span& name) {
    const PersonName named = person_name(d.paragraphs[name.paragraph], name);
    if (std::count(named.key.begin(), named.key.end(), ' ') <= 1)
        if (const std::vector<std::size_t> people = people_called(d, named.key, named.form); !people.empty()) return people.front();
    const auto it = d.by_key.find("person:" + named.key);
    if (it == d.by_key.end() || !same_spelling(d.suggestions[it->second].name_form, named.form)) return SIZE_MAX;
    return it->second;
}

// The person a speaker's words name: one drafted so far, else a new one.
std::size_t person_for(Drafter& d, const Span& name, std::string_view rule, const Span& evidence) {
    if (const std::size_t known = known_person(d, name); known != SIZE_MAX) return known;
    PersonName named = person_name(d.paragraphs[name.paragraph], name);
    const std::size_t index = d.suggestion(Kind::Person, "person:" + named.key, d.text(name), rule, evidence);
    Suggestion& person = d.suggestions[index];
    if (person.name_form.empty()) {
        person.surnames = std::move(named.surnames);
        person.surname_forms = std::move(named.surname_forms);
        person.name_form = std::move(named.form);
    }
    return index;
}

// The one person paragraph pi names before byte `before`, by a mention drafted so far or
// by a later reference ("Machado told supporters … “We won,” she said"), or SIZE_MAX when
// it names none or several.
std::size_t Drafter::only_person_named_before(std::size_t pi, std::size_t before) const {
    std::set<std::size_t> named;
    for (std::size_t i = 0; i < suggestions.size(); ++i)
        if (suggestions[i].kind == Kind::Person && !suggestions[i].anonymous)
            for (const Span& m : suggestions[i].mentions)
                if (m.paragraph == pi && m.end <= before) named.insert(i);
    const TextParagraph& p = paragraphs[pi];
    for (const NameRun& r : name_runs(p, pi, lowercase_words)) {
        if (p.words[r.last - 1].end > before) continue;
        const std::vector<std::size_t> people = people_named_by(r);
        if (people.size() == 1) named.insert(people.front());
    }
    return named.size() == 1 ? *named.begin() : SIZE_MAX;
}

// The people run `r` names: by a later reference of one or two words, a surname ("Sjöberg")
// or a family name written first ("Xi"), or by a person's whole name ("Almaz Tesfaye has
// seen", "In 1786 Nguyễn Huệ marched"), written with the same accents and tone marks.
std::vector<std::size_t> Drafter::people_named_by(const NameRun& r) const {
    const TextParagraph& p = paragraphs[r.paragraph];
    std::vector<std::size_t> people;
    if (r.last - r.first <= 2) people = people_called(*this, reference_key(p, r), words_text(p, r.first, r.last));
    if (people.empty() && r.last - r.first >= 2 && r.last - r.first <= 4) {
        const std::string written = words_text(p, r.first, r.last);
        if (const auto it = by_key.find("person:" + name_key(written));
            it != by_key.end() && !suggestions[it->second].anonymous && same_spelling(suggestions[it->second].name_form, written))
            people.push_back(it->second);
    }
    return people;
}

bool is_person_noun(std::string_view low);

// "Finland’s president, speaking the next morning, said the country …": the unnamed person
// that the last sentence of paragraph pi before byte `before` with a speech verb has speak,
// a title or a person's noun with whose it is ("Finland’s president", "the cooperative’s
// chairman"); an empty span for none.
Span Drafter::unnamed_speaker_before(std::size_t pi, std::size_t before) const {
    const TextParagraph& p = paragraphs[pi];
    std::size_t verb = SIZE_MAX;
    for (std::size_t k = 0; k < p.words.size() && p.words[k].end <= before; ++k)
        if (is_speech_verb(p.words[k].low)) verb = k;
    if (verb == SIZE_MAX) return {};
    const std::size_t s_begin = sentence_around(p, p.words[verb].begin).first;
    const std::size_t first = word_at_or_after(p, s_begin);
    std::size_t last = first;  // the subject: up to the first comma or the verb
    const auto joined = [&](std::size_t k) {  // "Finland’s president": over a possessive too
        const std::size_t from = p.words[k - 1].end + p.words[k - 1].possessive;
        return p.words[k].begin > from && trim_spaces(p.text.substr(from, p.words[k].begin - from)).empty();
    };
    while (last < verb && (last == first || joined(last))) ++last;
    if (last - first < 2 || last - first > 5) return {};
    const Word& head = p.words[last - 1];
    if (head.capitalised || !(is_rank(head.low) || is_person_noun(head.low))) return {};
    const Word& opener = p.words[first];
    if (!opener.possessive && !in_list(opener.low, {"the", "a", "an"})) return {};
    for (std::size_t k = first + 1; k + 1 < last; ++k)
        if (p.words[k].capitalised && !p.words[k].possessive) return {};
    return span_of(p, pi, first, last);
}

// Whether a quotation without attribution is quoted by a sentence of its own, "a Swedish
// newspaper’s first report said the cable had failed “shortly after one o’clock”": it stands
// inside its sentence after a verb that quotes (a speaker nobody names), so it is none of the
// last speaker's words.
// A verb before `after` (the last quotation and its attribution, “…,” said X, “…”) quotes
// that one.
bool quoted_by_its_sentence(const TextParagraph& p, const QuoteSegment& q, const Span& after) {
    if (q.continues) return false;
    const std::size_t next = word_at_or_after(p, q.begin);
    if (next == 0 || (next < p.words.size() && p.words[next].sentence_start)) return false;
    std::size_t s_begin = sentence_around(p, q.begin).first;
    if (after.paragraph == q.paragraph) s_begin = std::max(s_begin, after.end);
    for (std::size_t k = next; k-- > 0 && p.words[k].begin >= s_begin;)
        if (introduces_fragment(p.words[k].low)) return true;
    return false;
}

void Drafter::find_quotes() {
    // Segments in reading order; a quotation open at a paragraph's end continues where
    // the next paragraph opens with a quotation mark.
    std::vector<std::vector<QuoteSegment>> groups;
    bool open = false;
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        std::vector<QuoteSegment> segments = quote_segments(paragraphs[pi], pi, open);
        open = false;
        for (QuoteSegment& s : segments) {
            if (s.continues && !groups.empty()) groups.back().push_back(s);
            else groups.push_back({s});
            open = s.open_at_end;
        }
    }
    std::size_t last_named = SIZE_MAX, last_any = SIZE_MAX;
    std::size_t previous_speaker = SIZE_MAX;
    std::size_t previous_paragraph = SIZE_MAX;
    Span previous_end;  // where the last attributed quotation (and its attribution) ended
    int counter = 0;
    for (const std::vector<QuoteSegment>& group : groups) {
        const QuoteSegment& first = group.front();
        const TextParagraph& p = paragraphs[first.paragraph];
        const std::string_view inner = p.text.substr(first.inner_begin, first.inner_end - first.inner_begin);
        Attribution a;
        for (const QuoteSegment& s : group) {
            a = attribution_of(paragraphs[s.paragraph], s.paragraph, s);
            if (a.form != Attribution::Form::None) break;
        }
        // "Police said the suspect was “armed”": a fragment's named speaker is a person drafted
        // already, not a word that opens a sentence.
        if (a.fragment && a.form == Attribution::Form::Named && known_person(*this, a.speaker) == SIZE_MAX) a = Attribution{};
        const std::size_t word_count = split_words(inner).size();
        const bool speech = a.form != Attribution::Form::None || (word_count >= 4 && !reads_as_title(inner));
        if (!speech) continue;

        std::size_t speaker = SIZE_MAX;
        std::string rule = a.rule;
        switch (a.form) {
        case Attribution::Form::Named: {
            speaker = person_for(*this, a.speaker, "named as a speaker: " + a.rule, a.evidence);
            last_named = speaker;
            mention(speaker, a.speaker);
            break;
        }
        case Attribution::Form::Described: {
            const TextParagraph& sp = paragraphs[a.speaker.paragraph];
            std::size_t w = word_at_or_after(sp, a.speaker.begin);
            Span described = a.speaker;
            if (w + 1 < sp.words.size()) described.begin = sp.words[w + 1].begin;  // without "one"/"a"
            speaker = suggestion(Kind::Person, "anonymous:" + std::string(text(described)), text(described),
                                 "unnamed speaker: " + a.rule, a.evidence);
            suggestions[speaker].anonymous = true;
            mention(speaker, described);
            break;
        }
        case Attribution::Form::Pronoun:
            if (const std::size_t here = only_person_named_before(first.paragraph, first.begin); here != SIZE_MAX) {
                speaker = here;
                rule = "“…,” he/she said: the one person named before it in its paragraph";
            } else if (const Span subject = unnamed_speaker_before(first.paragraph, first.begin); subject.end > subject.begin) {
                // "Finland’s president, speaking the next morning, said … “We will find out,” he
                // said": the person its paragraph says spoke, unnamed, not a speaker named earlier.
                speaker = suggestion(Kind::Person, "anonymous:" + std::string(text(subject)), text(subject),
                                     "unnamed speaker: “…,” he/she said after SPEAKER said in its paragraph", subject);
                suggestions[speaker].anonymous = true;
                mention(speaker, subject);
                rule = "“…,” he/she said: the unnamed person its paragraph says spoke before it";
            } else {
                speaker = last_named != SIZE_MAX ? last_named : last_any;
                rule = "“…,” he/she said: the last named speaker";
            }
            if (speaker != SIZE_MAX) mention(speaker, a.evidence);
            break;
        case Attribution::Form::None:
            // No attribution: the speaker of the quotation just before, in this paragraph or
            // the last, unless someone else is named in between.
            if (previous_speaker != SIZE_MAX && previous_paragraph != SIZE_MAX && first.paragraph <= previous_paragraph + 1 &&
                !person_named_between(previous_end, {first.paragraph, first.begin, first.begin}, previous_speaker) &&
                !quoted_by_its_sentence(p, first, previous_end)) {
                speaker = previous_speaker;
                rule = "unattributed quotation right after the same speaker's";
            }
            break;
        }
        if (speaker == SIZE_MAX) continue;  // a quotation needs a speaker; the editor adds it
        Suggestion& person = suggestions[speaker];
        if (a.role.end > a.role.begin && !person.fields.contains("role")) person.fields["role"] = std::string(text(a.role));
        if (person.anonymous) person.fields["anonymous"] = true;
        last_any = speaker;
        previous_speaker = speaker;
        previous_paragraph = group.back().paragraph;
        previous_end = {group.back().paragraph, group.back().end, group.back().end};
        if (a.evidence.end > a.evidence.begin && (a.evidence.paragraph > previous_end.paragraph ||
                                                  (a.evidence.paragraph == previous_end.paragraph && a.evidence.end > previous_end.begin)))
            previous_end = {a.evidence.paragraph, a.evidence.end, a.evidence.end};

        std::string words(inner);
        while (!words.empty() && (words.back() == ',' || words.back() == ' ')) words.pop_back();
        if (words.empty()) continue;
        const std::size_t q = suggestion(Kind::Quote, "quote:" + std::to_string(++counter), "", rule,
                                         a.form != Attribution::Form::None ? a.evidence : Span{first.paragraph, first.begin, first.end});
        Suggestion& quote = suggestions[q];
        quote.speaker = speaker;
        quote.description = "Direct quotation in the article.";
        quote.fields["text"] = words;
        // Words in Hangul or kana are Korean or Japanese, whatever the article's language.
        if (const std::string_view language = script_language(words); !language.empty()) quote.fields["language"] = language;
        for (const QuoteSegment& s : group) mention(q, {s.paragraph, s.begin, s.end});
    }
}

// [SECTION] People and organisations ----------------------------------------------------

const GazetteerCountry* country_of_adjective(const Gazetteer& gazetteer, std::string_view word);

// The UN M49 region `name` names: by the gazetteer's name ("South-eastern Asia"), or by the one
// stories write ("Southeast Asia", "West Africa"), which was read as its last word alone: the
// "Southeast Asia program" drafted Asia. Not "North America", which stories mean with Mexico
// and Central America, and M49's Northern America is without them.
const GazetteerRegion* region_named(const Gazetteer& gazetteer, std::string_view name) {
    if (const GazetteerRegion* region = gazetteer.region_named(name)) return region;
    static constexpr std::pair<std::string_view, std::string_view> kCommonNames[] = {
        {"east asia", "030"},      {"south asia", "034"},     {"southeast asia", "035"}, {"south east asia", "035"},
        {"west asia", "145"},      {"east africa", "014"},    {"west africa", "011"},    {"north africa", "015"},
        {"central africa", "017"}};
    const std::string key = name_key(name);
    for (const auto& [common, code] : kCommonNames)
        if (key == common)
            for (const GazetteerRegion& region : gazetteer.regions())
                if (region.code == code) return &region;
    return nullptr;
}

// Whether the gazetteer has `name` as a country, a state or province, or a place.
bool names_country_or_place(const Gazetteer& gazetteer, std::string_view name) {
    return gazetteer.country_named(name) || !gazetteer.divisions_named(name).empty() || !gazetteer.places_named(name, false).empty();
}

bool is_acronym(const Word& w);

// Whether the "and" of word `and_at` joins two parts of one organisation's name, words [first,
// last) of a run: "Ministry of Agriculture and Environment", "Department of Health and Human
// Services" (drafted as the "Ministry of Agriculture" alone). The name before it opens with an
// organisation word and the small word after it ("Ministry of", "Institute for", "Commission
// on"), and the words after it, up to the run's next "and", are capitalised and name no
// country, region or place ("the Bank of England and Germany"), hold no rank ("and President
// Ruto") and are no acronym ("and NATO"): another name.
bool joins_parts_of_one_name(const TextParagraph& p, std::size_t first, std::size_t and_at, std::size_t last, const Gazetteer* gazetteer) {
    bool opens_organisation = false;
    for (std::size_t k = first; k + 1 < and_at; ++k)
        opens_organisation = opens_organisation || (is_organisation_word(p.words[k].low) && in_list(p.words[k + 1].low, {"of", "for", "on"}));
    std::size_t end = and_at + 1;
    while (end < last && p.words[end].low != "and") ++end;
    if (!opens_organisation || end == and_at + 1 || !p.words[and_at + 1].capitalised) return false;
    for (std::size_t k = and_at + 1; k < end; ++k)
        if (is_rank(p.words[k].low) || is_acronym(p.words[k])) return false;
    const std::string_view after = p.text.substr(p.words[and_at + 1].begin, p.words[end - 1].end - p.words[and_at + 1].begin);
    return !gazetteer || !(names_country_or_place(*gazetteer, after) || region_named(*gazetteer, after));
}

// Every name run of the text, with runs split at "and" ("ISIS and ISIL" are two names) but
// where it joins the parts of one name (joins_parts_of_one_name).
std::vector<NameRun> all_name_runs(const std::vector<TextParagraph>& paragraphs, const std::unordered_set<std::string>& lowercase_words,
                                   const Gazetteer* gazetteer) {
    std::vector<NameRun> runs;
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const TextParagraph& p = paragraphs[pi];
        for (const NameRun& r : name_runs(p, pi, lowercase_words)) {
            std::size_t first = r.first;
            for (std::size_t k = r.first; k <= r.last; ++k) {
                if (k < r.last && (p.words[k].low != "and" || joins_parts_of_one_name(p, first, k, r.last, gazetteer))) continue;
                if (k > first) runs.push_back({pi, first, k});
                first = k + 1;
                // "the RSF and the WFP": the second name without its article.
                if (first < r.last && p.words[first].low == "the") ++first;
            }
        }
    }
    return runs;
}

// Whether words [first, last) name where a title holds or whose it is: a country ("Israel"),
// its adjective ("Israeli", and those no ending makes: "French", "British"), a state or
// province ("Texas", "New York", "Victoria"), a place, or a country's initials ("U.S.", "UK").
bool names_whose_title(const Gazetteer& gazetteer, const TextParagraph& p, std::size_t first, std::size_t last) {
    const std::string_view written = p.text.substr(p.words[first].begin, p.words[last - 1].end - p.words[first].begin);
    if (names_country_or_place(gazetteer, written)) return true;
    // "South Korean", "Peruvian", "French".
    if (country_of_adjective(gazetteer, written)) return true;
    // Initials, and adjectives of a nation that is no country of the atlas, or of two; and an
    // organisation's acronym ("CIA Director William Burns", "NATO Secretary-General").
    if (last - first != 1) return false;
    const std::string& word = p.words[first].text;
    return in_list(p.words[first].low, {"u.s", "us", "uk", "u.k", "eu", "welsh", "scottish", "congolese"}) ||
           (word.size() >= 2 && word.size() <= 5 && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
}

// Whether words [first, rank) before a rank name what its office is in charge of, "Culture"
// of "Culture Minister Nino Abashidze", "Education Secretary": one capitalised word that is
// no date ("Tuesday President Joe Biden" is no title) nor an organisation's. Such a word,
// as "Defense" of "Defense Secretary", is part of the title.
bool names_portfolio(const TextParagraph& p, std::size_t first, std::size_t rank) {
    if (rank - first != 1) return false;
    const Word& w = p.words[first];
    return w.capitalised && !month_of(w) && !is_weekday(w.low) && !is_organisation_word(w.low) && !is_function_word(w.low);
}

// People named after a rank or honorific ("Maj. Gen. Ali Ahmed"), before quotations are
// attributed, so a quotation is never carried over to a speaker past a newly named person.
// The title may open with whose it is: "Texas Gov. Greg Abbott", "Israeli Prime Minister
// Benjamin Netanyahu", "Victoria Premier Daniel Andrews".
void Drafter::find_ranked_people() {
    for (const NameRun& r : all_name_runs(paragraphs, lowercase_words, gazetteer)) {
        const TextParagraph& p = paragraphs[r.paragraph];
        std::size_t title = r.first;  // where the rank and title words start
        while (title < r.last && title - r.first < 3 && !is_rank(p.words[title].low) && !is_title_word(p.words[title].low)) ++title;
        if (title > r.first && (title == r.last || !(names_portfolio(p, r.first, title) || (gazetteer && names_whose_title(*gazetteer, p, r.first, title)))))
            title = r.first;
        std::size_t ranks = 0;  // the title's words, at least one a rank
        bool ranked = false;
        for (; title + ranks < r.last; ++ranks) {
            const std::string_view low = p.words[title + ranks].low;
            if (!is_rank(low) && !is_title_word(low)) break;
            ranked = ranked || is_rank(low);
        }
        bool organisation = false;
        for (std::size_t k = title; k < r.last; ++k) organisation = organisation || is_organisation_word(p.words[k].low);
        // "Prince Edward Island", "King Street": a place named after someone is no person.
        const bool place = is_kind_of_place(p.words[r.last - 1].low) || names_zone_or_feature(p, r.first, r.last);
        if (!ranked || organisation || place || title + ranks >= r.last) continue;
        const Span s = span_of(p, r.paragraph, r.first, r.last);
        const std::size_t person = person_for(*this, s, "a name after a rank or honorific", s);
        mention(person, s);
        // A clause is no role: "Foreign Minister Wang Lei (王磊), who was also in Busan, said".
        const Span role = role_after(p, r.paragraph, s.end);
        const std::vector<Word> role_words = split_words(text(role));
        if (!role_words.empty() && !opens_relative_clause(role_words.front().low) && !suggestions[person].fields.contains("role"))
            suggestions[person].fields["role"] = std::string(text(role));
    }
}

// Words that make an apposition describe a person: "Kim Jong Un, North Korea's leader,".
bool is_person_noun(std::string_view low) {
    return is_rank(low) || in_list(low, {"spokesman", "spokeswoman", "spokesperson", "head", "chief", "founder", "official", "candidate",
                                         "chairman", "chairwoman", "director", "executive", "officer", "professor", "lawyer", "analyst",
                                         "researcher", "author", "activist", "resident", "survivor", "witness", "member", "coordinator",
                                         "adviser", "advisor", "envoy", "negotiator", "son", "daughter",
                                         "wife", "husband", "mother", "father", "brother", "sister", "engineer", "master",
                                         "fisherman", "fisherwoman", "farmer", "teacher", "historian", "journalist", "claimant",
                                         "eldest", "youngest", "widow", "veteran", "consultant", "owner", "pilot", "doctor", "nurse"});
}

// An age written before a name, "34-year-old", which is no role.
bool is_age(std::string_view low) {
    constexpr std::string_view kYearOld = "-year-old";
    return low.ends_with(kYearOld) && all_digits(low.substr(0, low.size() - kYearOld.size()));
}

// The role in lower case written right before the name that word `first` opens: "teacher" of
// "34-year-old teacher Almaz Tesfaye", "retired engineer" of ", retired engineer Dawit Bekele",
// "ministry's spokesperson" of "the ministry's spokesperson Lin Jian", and before a name in
// commas, "commission's chief executive officer" of "The commission's chief executive officer,
// Anoulak Kittikhoun,". Up to four words, after an article or an age, which is no role (nor is
// "24" in "Tanvir Alam, 24, a student volunteer").
Span role_before_name(const TextParagraph& p, std::size_t paragraph, std::size_t first) {
    std::size_t start = first;
    const bool in_commas = first > 0 && joined_by_comma(p, first - 1, first);
    while (start > 0 && first - start < 4 && (joined_by_space(p, start - 1, start) || (start == first && in_commas))) {
        const Word& w = p.words[start - 1];
        if (w.capitalised || is_function_word(w.low) || is_determiner(w.low) || is_speech_verb(w.low) || is_age(w.low)) break;
        --start;
    }
    if (start == first) return {};
    // A verb may stand before them ("Reporters met local farmer Tigist Haile"): the words are
    // all the role's only where punctuation, an article or an age opens them, else its last is.
    const bool opened = start == 0 || !joined_by_space(p, start - 1, start) || is_determiner(p.words[start - 1].low) ||
                        is_age(p.words[start - 1].low);
    return span_of(p, paragraph, opened ? start : first - 1, first);
}

// People named without a title but described by the apposition after the name, "Kim Jong
// Un, North Korea's leader, did not attend", or by a role before it in lower case, "the
// ministry's spokesperson Lin Jian", "the opposition candidate, Edmundo González," (two to
// four capitalised words, no place's).
void Drafter::find_described_people() {
    for (const NameRun& r : all_name_runs(paragraphs, lowercase_words, gazetteer)) {
        const TextParagraph& p = paragraphs[r.paragraph];
        if (r.last - r.first < 2 || r.last - r.first > 4) continue;
        const Span s = span_of(p, r.paragraph, r.first, r.last);
        if (is_claimed(s) || s.end <= datelines[r.paragraph]) continue;
        bool plain = true;  // capitalised words only, none an organisation's
        for (std::size_t k = r.first; k < r.last; ++k)
            plain = plain && p.words[k].capitalised && !is_organisation_word(p.words[k].low) && !is_rank(p.words[k].low);
        if (!plain || (gazetteer && names_country_or_place(*gazetteer, text(s)))) continue;
        // "Foreign Ministry spokesperson Lin Jian", "the attorney general, Tarek William Saab,":
        // the role written before the name, or before it in commas.
        const std::size_t name_end = past_native_name(p.text, s.end);  // "Lee Ji-eun (이지은),"
        const bool in_commas = r.first > 0 && joined_by_comma(p, r.first - 1, r.first) && name_end < p.text.size() && p.text[name_end] == ',';
        const bool role_before = r.first > 0 && (joined_by_space(p, r.first - 1, r.first) || in_commas) &&
                                 !p.words[r.first - 1].capitalised && is_person_noun(p.words[r.first - 1].low);
        Span role = role_after(p, r.paragraph, s.end);
        const std::vector<Word> role_words = split_words(text(role));
        // "Mart Kask, who was on duty", "Lena Gustafsson, a fisherman who has worked", "Lena
        // Gustafsson, whose boat is moored": "who" and "whose" follow a person; and so does a
        // speech verb after the apposition ("Aino Virtanen, the duty engineer …, said").
        const bool who = std::any_of(role_words.begin(), role_words.end(), [](const Word& w) { return w.low == "who" || w.low == "whose"; });
        // "Lê Văn Tâm, 58, has farmed": an age in commas is a person's.
        const bool aged = age_in_commas_after(p, s.end);
        std::size_t after_role = role.end;
        while (after_role < p.text.size() && (p.text[after_role] == ',' || p.text[after_role] == ' ')) ++after_role;
        const std::size_t verb = word_at_or_after(p, after_role);
        const bool speaks = role.end > role.begin && p.text.substr(role.end, 1) == "," && verb < p.words.size() &&
                            p.words[verb].begin == after_role && is_speech_verb(p.words[verb].low) && !p.words[verb].sentence_start;
        if (!role_before && !who && !speaks && !aged && std::none_of(role_words.begin(), role_words.end(), [](const Word& w) { return is_person_noun(w.low); }))
            continue;
        // A clause is no role: "who runs a small consultancy".
        if (!role_words.empty() && opens_relative_clause(role_words.front().low)) role = {};
        // Without an apposition, the role is the one written before the name, whose person's
        // noun made it a person's ("34-year-old teacher Almaz Tesfaye said": "teacher").
        if (role.end == role.begin && role_before) role = role_before_name(p, r.paragraph, r.first);
        const std::size_t person = person_for(*this, s,
                                              role_before ? "a name after the role it holds"
                                              : aged      ? "a name with an age in commas after it"
                                                          : "a name its apposition describes",
                                              s);
        mention(person, s);
        claimed.push_back(s);
        if (role.end > role.begin && !suggestions[person].fields.contains("role")) suggestions[person].fields["role"] = std::string(text(role));
    }
}

// An acronym as stories write it: two to six capitals ("RSF", "APEC", "ECOWAS").
bool is_acronym(const Word& w) {
    return w.text.size() >= 2 && w.text.size() <= 6 && std::all_of(w.text.begin(), w.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Words an acronym may pass over inside a name ("Bank of England", "Al-Qaeda in the Arabian
// Peninsula").
bool is_small_name_word(std::string_view low) { return is_name_connector(low) || low == "on" || low == "in"; }

// Whether `acronym` is the initials of words [first, last): a capitalised word gives its first
// capital, or one for each capitalised part when hyphens or periods join its parts
// ("Asia-Pacific Economic Cooperation", APEC; "U.S. Agency for International Development",
// USAID; "Hay'at Tahrir al-Sham", HTS); a small or lower-case word gives its first letter or
// nothing ("Economic Community of West African States", ECOWAS; "World Health Organization",
// WHO).
bool spells_out(const TextParagraph& p, std::size_t first, std::size_t last, std::string_view acronym) {
    if (first == last) return acronym.empty();
    const Word& w = p.words[first];
    const auto rest_spells_out = [&](std::string_view initials) {
        return !initials.empty() && acronym.starts_with(initials) && spells_out(p, first + 1, last, acronym.substr(initials.size()));
    };
    if (!w.capitalised || is_small_name_word(w.low)) {
        const char initial = w.text[0] >= 'a' && w.text[0] <= 'z' ? static_cast<char>(w.text[0] - 'a' + 'A') : w.text[0];
        return spells_out(p, first + 1, last, acronym) || rest_spells_out(std::string_view(&initial, 1));
    }
    std::string capitals;  // the first letter of each capitalised part
    bool part_start = true;
    for (const char c : w.text) {
        if (part_start && c >= 'A' && c <= 'Z') capitals += c;
        part_start = c == '-' || c == '.';
    }
    return rest_spells_out(std::string_view(capitals).substr(0, 1)) || (capitals.size() > 1 && rest_spells_out(capitals));
}

// Where the name that acronym word `at` stands after in parentheses starts, "the Asia-Pacific
// Economic Cooperation (APEC) summit": the longest run of capitalised and small words before
// it in its sentence, opening with a capitalised word, that it spells out; SIZE_MAX for none.
std::size_t spelled_out_name_start(const TextParagraph& p, std::size_t at) {
    constexpr std::size_t kLongestName = 12;  // words
    if (at == 0 || !is_acronym(p.words[at])) return SIZE_MAX;
    const std::size_t open = p.words[at - 1].end;
    if (p.text.substr(open, p.words[at].begin - open) != " (" || p.text.substr(p.words[at].end, 1) != ")") return SIZE_MAX;
    std::size_t start = at - 1;
    while (start > 0 && at - start < kLongestName && !p.words[start].sentence_start && joined_by_space(p, start - 1, start) &&
           (p.words[start - 1].capitalised || is_small_name_word(p.words[start - 1].low)))
        --start;
    for (; start < at; ++start)
        if (p.words[start].capitalised && !is_small_name_word(p.words[start].low) && spells_out(p, start, at, p.words[at].text)) return start;
    return SIZE_MAX;
}

// A state's formal name, "Republic" or "Kingdom" of somewhere with no organisation word
// before it ("the Democratic Republic of Congo"; not the "Central Bank of the Republic of
// Turkey").
bool is_formal_name_of_state(const TextParagraph& p, std::size_t first, std::size_t last) {
    for (std::size_t k = first; k + 1 < last; ++k) {
        if (is_organisation_word(p.words[k].low)) return false;
        if (in_list(p.words[k].low, {"republic", "kingdom"}) && p.words[k + 1].low == "of") return true;
    }
    return false;
}

// Names written before their acronym in parentheses ("the International Atomic Energy Agency
// (IAEA)"): organisations whatever their words, unless a person's drafted already ("Rep.
// Alexandria Ocasio-Cortez (AOC)", "Mohammed bin Salman (MBS)"), a dateline's ("ALLEN PARK
// (AP) —"), a state's formal name ("the Democratic Republic of Congo (DRC)") or a country's,
// a region's or a place's ("the United Arab Emirates (UAE)", "New York City (NYC)"), whose
// acronyms go into `others`: they name no organisation either.
std::vector<NameRun> Drafter::names_before_their_acronyms(std::set<std::string>& others) const {
    std::vector<NameRun> names;
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const TextParagraph& p = paragraphs[pi];
        for (std::size_t at = 0; at < p.words.size(); ++at) {
            const std::size_t first = spelled_out_name_start(p, at);
            if (first == SIZE_MAX) continue;
            const Span s = span_of(p, pi, first, at);
            if (s.end <= datelines[pi]) continue;
            if (known_person(*this, s) != SIZE_MAX || is_formal_name_of_state(p, first, at) ||
                (gazetteer && (region_named(*gazetteer, text(s)) || names_country_or_place(*gazetteer, text(s))))) {
                others.insert(p.words[at].text);
                continue;
            }
            names.push_back({pi, first, at});
        }
    }
    return names;
}

void Drafter::find_people_and_organisations() {
    const std::vector<NameRun> runs = all_name_runs(paragraphs, lowercase_words, gazetteer);
    // Later references to a person by surname ("Berger said", "López Obrador told reporters").
    // And by the whole name again ("Kebede Alemu said the cooperative sold"), which is then no
    // organisation's.
    for (const NameRun& r : runs) {
        const TextParagraph& p = paragraphs[r.paragraph];
        if (r.last - r.first > 4) continue;
        for (const std::size_t i : people_named_by(r)) mention(i, span_of(p, r.paragraph, r.first, r.last));
    }
    for (const Suggestion& s : suggestions)
        if (s.kind == Kind::Person)
            for (const Span& m : s.mentions) claimed.push_back(m);

    // Organisations: names ending in an organisation word, and acronyms.
    std::map<std::string, int> run_count;
    // Names in scripts without a Latin key (Cyrillic, Greek) count by their own letters.
    const auto key_of = [](std::string_view name) {
        std::string key = name_key(name);
        return key.empty() ? lower(name) : key;
    };
    for (const NameRun& r : runs) run_count[key_of(words_text(paragraphs[r.paragraph], r.first, r.last))]++;
    std::vector<std::pair<Span, std::size_t>> organisation_mentions;  // in reading order
    const auto add_organisation = [&](const Span& named, std::string_view rule) {
        // "the Islamic State": keep the article with it in the mention only as the text writes it.
        const std::size_t index = suggestion(Kind::Organisation, "organisation:" + key_of(text(named)), text(named), rule, named);
        mention(index, named);
        organisation_mentions.push_back({named, index});
    };
    std::set<std::string> acronyms_of_others;  // "(MBS)" after a person's name, "(UAE)" after a country's
    const std::vector<NameRun> spelled_out = names_before_their_acronyms(acronyms_of_others);
    for (const NameRun& r : runs) {
        const TextParagraph& p = paragraphs[r.paragraph];
        // "the Asia-Pacific Economic Cooperation (APEC)": drafted once, at the run that ends
        // where the name ends; its other runs ("Organisation for Economic Co-operation" of
        // "… and Development (OECD)") are part of it.
        const auto spelled = std::find_if(spelled_out.begin(), spelled_out.end(), [&](const NameRun& name) {
            return name.paragraph == r.paragraph && name.first < r.last && r.first < name.last;
        });
        if (spelled != spelled_out.end()) {
            if (r.last == spelled->last)
                add_organisation(span_of(p, r.paragraph, spelled->first, spelled->last), "a name before its acronym in parentheses");
            continue;
        }
        std::size_t first = r.first;
        while (first < r.last && is_rank(p.words[first].low)) ++first;
        if (first >= r.last) continue;
        // "General Motors", "General Assembly": a rank before organisation words alone is the
        // organisation's first word.
        bool after_rank_only_organisation_words = first > r.first;
        for (std::size_t k = first; k < r.last; ++k)
            after_rank_only_organisation_words = after_rank_only_organisation_words && is_organisation_word(p.words[k].low);
        if (after_rank_only_organisation_words) first = r.first;
        const Span s = span_of(p, r.paragraph, first, r.last);
        if (is_claimed(s) || s.end <= datelines[r.paragraph]) continue;  // "MIAMI (AP) —" names no organisation
        const std::string key = key_of(text(s));
        bool keyword = false;
        for (std::size_t k = first; k < r.last; ++k) keyword = keyword || is_organisation_word(p.words[k].low);
        const Word& only = p.words[first];
        const bool acronym = r.last - first == 1 && is_acronym(only);
        const bool repeated_name = r.last - first >= 2 && run_count[key] >= 2;
        // "the West Bank": a compass point and a bank make a territory, not a bank.
        if (keyword && r.last - first == 2 && in_list(p.words[first].low, {"north", "south", "east", "west"})) keyword = false;
        if (gazetteer && (gazetteer->country_named(text(s)) || region_named(*gazetteer, text(s)))) continue;
        if (acronym && gazetteer && (gazetteer->country_by_alpha2(only.text) || only.text == "UK")) continue;
        if (acronym && acronyms_of_others.contains(only.text)) continue;
        // "500 BC", "AD 79", "the first centuries AD": an era, no organisation.
        if (acronym && in_list(only.text, {"BC", "AD", "BCE", "CE"})) continue;
        // "Kurdish security forces", "SWAT forces": a name before a group noun.
        std::size_t group_end = r.last;
        if (group_end < p.words.size() && joined_by_space(p, group_end - 1, group_end) && !p.words[group_end].capitalised) {
            if (is_group_noun(p.words[group_end].low)) ++group_end;
            else if (group_end + 1 < p.words.size() && joined_by_space(p, group_end, group_end + 1) && is_group_noun(p.words[group_end + 1].low))
                group_end += 2;
        }
        const bool group = group_end > r.last && r.last - first == 1;
        if (!keyword && !acronym && !repeated_name && !group) continue;
        if (!keyword && !group && names_zone_or_feature(p, first, r.last)) continue;
        // Places written as a run ("Buenos Aires") are left to find_places, as are states and
        // provinces ("New York").
        if (!keyword && !acronym && !group && gazetteer &&
            (!gazetteer->places_named(text(s), false).empty() || !gazetteer->divisions_named(text(s)).empty() ||
             names_place_spelt_another_way(text(s))))
            continue;
        // "the White House Middle East coordinator": the name ends at its organisation word
        // when only capitalised words follow it (not "Bank of England", "Commission on Human
        // Rights"), and another word comes before it (not "Union Jack").
        std::size_t end = r.last;
        if (keyword && !group) {
            while (end > first && !is_organisation_word(p.words[end - 1].low)) --end;
            // "Times Square", "Union Station": a kind of place after it makes a place's name.
            if (end < r.last && is_kind_of_place(p.words[end].low)) continue;
            for (std::size_t k = end; k < r.last; ++k)
                if (is_name_connector(p.words[k].low) || p.words[k].low == "on") end = r.last;
            if (end == first + 1) end = r.last;
        }
        add_organisation(group ? span_of(p, r.paragraph, first, group_end) : span_of(p, r.paragraph, first, end),
                         keyword   ? "a name ending in an organisation word"
                         : acronym ? "an acronym"
                         : group   ? "a name before a group noun"
                                   : "a capitalised name the text repeats");
    }
    // "also known as ISIS and ISIL": aliases of the organisation named last.
    for (auto& [span, index] : organisation_mentions) {
        Suggestion& s = suggestions[index];
        if (s.rule != "an acronym") continue;
        const TextParagraph& p = paragraphs[span.paragraph];
        const std::size_t before = span.begin > 40 ? span.begin - 40 : 0;
        const std::string_view window = p.text.substr(before, span.begin - before);
        if (window.find("known as") == std::string_view::npos) continue;
        std::size_t owner = SIZE_MAX;
        for (const auto& [other_span, other] : organisation_mentions)
            if (other != index && suggestions[other].rule != "an acronym" &&
                (other_span.paragraph < span.paragraph || (other_span.paragraph == span.paragraph && other_span.end <= span.begin)))
                owner = other;
        if (owner == SIZE_MAX) continue;
        suggestions[owner].fields["aliases"].push_back(s.name);
        mention(owner, span);
        s.mentions.clear();  // merged into the owner
    }
    // "the Rapid Support Forces … The RSF", "the Asia-Pacific Economic Cooperation (APEC) …
    // APEC": an acronym of an organisation named before it, which spells out its name
    // (spells_out), is an alias of it.
    const auto spelled_by = [&](const Span& named, std::string_view acronym) {
        const TextParagraph& p = paragraphs[named.paragraph];
        return spells_out(p, word_at_or_after(p, named.begin), word_at_or_after(p, named.end), acronym);
    };
    for (std::size_t k = 0; k < organisation_mentions.size(); ++k) {
        const auto& [span, index] = organisation_mentions[k];
        Suggestion& s = suggestions[index];
        if (s.rule != "an acronym" || s.mentions.empty()) continue;
        std::size_t owner = SIZE_MAX;
        for (std::size_t j = 0; j < k && owner == SIZE_MAX; ++j) {
            const auto& [other_span, other] = organisation_mentions[j];
            if (suggestions[other].rule != "an acronym" && other_span.end - other_span.begin > s.name.size() && spelled_by(other_span, s.name))
                owner = other;
        }
        if (owner == SIZE_MAX) continue;
        suggestions[owner].fields["aliases"].push_back(s.name);
        for (const Span& m : s.mentions) mention(owner, m);
        s.mentions.clear();  // merged into the owner
    }
    // Later references: "the group", "the militant group", "the militants".
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const TextParagraph& p = paragraphs[pi];
        for (std::size_t i = 0; i + 1 < p.words.size(); ++i) {
            if (p.words[i].low != "the") continue;
            std::size_t noun = i + 1;
            if (!is_organisation_reference(p.words[noun].low) && noun + 1 < p.words.size() && !p.words[noun].capitalised &&
                joined_by_space(p, noun, noun + 1) && is_organisation_reference(p.words[noun + 1].low))
                ++noun;
            // "The Organisation for Economic Co-operation and Development": a capitalised noun
            // opens a name, not a reference.
            if (!is_organisation_reference(p.words[noun].low) || p.words[noun].capitalised || !joined_by_space(p, i, i + 1)) continue;
            const Span s = span_of(p, pi, i, noun + 1);
            std::size_t owner = SIZE_MAX;
            for (const auto& [span, index] : organisation_mentions)
                if ((span.paragraph < pi || (span.paragraph == pi && span.end <= s.begin)) && !suggestions[index].mentions.empty() &&
                    suggestions[index].rule != "a name before a group noun")
                    owner = index;
            if (owner != SIZE_MAX) mention(owner, s);
        }
    }
    for (const Suggestion& s : suggestions)
        if (s.kind == Kind::Organisation)
            for (const Span& m : s.mentions) claimed.push_back(m);
    // A person's role naming an organisation makes it an affiliation.
    for (Suggestion& person : suggestions) {
        if (person.kind != Kind::Person || !person.fields.contains("role")) continue;
        const std::string role = person.fields["role"].get<std::string>();
        for (std::size_t i = 0; i < suggestions.size(); ++i)
            if (suggestions[i].kind == Kind::Organisation && !suggestions[i].mentions.empty() && role.find(suggestions[i].name) != std::string::npos &&
                std::find(person.related.begin(), person.related.end(), i) == person.related.end())
                person.related.push_back(i), person.related_key = "affiliations";
    }
}

// [SECTION] Places ---------------------------------------------------------------------

// A country's first name that abbreviates nothing: the atlas writes "Dominican Rep.", ISO
// "Dominican Republic".
std::string_view unabbreviated_name(const GazetteerCountry& country) {
    for (const std::string& name : country.names)
        if (name.find('.') == std::string::npos) return name;
    return country.names.front();
}

// "Iraqi", "Syrian", "Chilean", "Pakistani", "Italian", "Ukrainian": a country's adjective by
// the usual endings.
bool is_adjective_of(std::string_view word_key, std::string_view country_key) {
    if (country_key.size() < 2 || word_key.size() <= country_key.size()) return false;
    // "Italy", "Italian"; "Ukraine", "Ukrainian": the name's last letter becomes "ian".
    const std::size_t stem = country_key.size() - 1;
    if ((country_key.back() == 'y' || country_key.back() == 'e') && word_key.size() == country_key.size() + 2 &&
        word_key.compare(0, stem, country_key, 0, stem) == 0 && word_key.substr(stem) == "ian")
        return true;
    if (word_key.compare(0, country_key.size(), country_key) != 0) return false;
    const std::string_view rest = word_key.substr(country_key.size());
    return rest == "i" || rest == "n" || rest == "an" || rest == "ian" || rest == "ese";
}

// Countries' adjectives that no ending of is_adjective_of makes, with the country's ISO
// 3166-1 code.
constexpr std::pair<std::string_view, std::string_view> kIrregularAdjectives[] = {
    {"american", "US"}, {"british", "GB"}, {"french", "FR"}, {"german", "DE"}, {"dutch", "NL"}, {"swiss", "CH"},
    {"greek", "GR"}, {"thai", "TH"}, {"irish", "IE"}, {"spanish", "ES"}, {"danish", "DK"}, {"swedish", "SE"},
    {"finnish", "FI"}, {"polish", "PL"}, {"turkish", "TR"}, {"chinese", "CN"}, {"filipino", "PH"}, {"portuguese", "PT"},
    {"norwegian", "NO"}, {"icelandic", "IS"}, {"emirati", "AE"}, {"mexican", "MX"}, {"canadian", "CA"}, {"peruvian", "PE"},
    {"argentine", "AR"}, {"argentinian", "AR"}, {"moroccan", "MA"}, {"lebanese", "LB"}, {"belgian", "BE"}, {"afghan", "AF"},
    {"czech", "CZ"}, {"slovak", "SK"}, {"burmese", "MM"}, {"cypriot", "CY"}, {"maltese", "MT"}, {"singaporean", "SG"},
    {"ivorian", "CI"}, {"mozambican", "MZ"}, {"kazakh", "KZ"}, {"uzbek", "UZ"}, {"somali", "SO"}, {"bosnian", "BA"},
    {"laotian", "LA"}, {"malagasy", "MG"}, {"salvadoran", "SV"}};

// The country whose adjective `word` is ("Peruvian", "South Korean"), or null: from
// kIrregularAdjectives, else of those it may be the adjective of, the longest name
// ("Nigerian" is Nigeria's, not Niger's), and before them one whose name opens with the
// word, an adjective's ("Dominican" is the Dominican Republic's, not Dominica's;
// "Saudi" Saudi Arabia's; not "United").
const GazetteerCountry* country_of_adjective(const Gazetteer& gazetteer, std::string_view word) {
    const std::string key = name_key(word);
    for (const auto& [adjective, alpha2] : kIrregularAdjectives)
        if (key == adjective) return gazetteer.country_by_alpha2(alpha2);
    const GazetteerCountry* best = nullptr;
    std::size_t best_size = 0;
    for (const GazetteerCountry& c : gazetteer.countries()) {
        const std::string country_key = name_key(c.names.front());
        if (key.size() > 3 && (key.ends_with("an") || key.ends_with("i")) && country_key.starts_with(key + " ")) return &c;
        if (country_key.size() > best_size && is_adjective_of(key, country_key)) {
            best = &c;
            best_size = country_key.size();
        }
    }
    return best;
}

// "Hurricane Idalia", "Typhoon Haiyan", "Tropical Storm Harvey", "Cyclone Idai": the words
// [first, last) begin with a storm's name, which is no place (not Hurricane, Utah).
bool is_storm_name(const TextParagraph& p, std::size_t first, std::size_t last) {
    std::size_t name = first + 1;
    if (name < last && p.words[first].low == "tropical" && p.words[name].low == "storm") ++name;
    else if (!in_list(p.words[first].low, {"hurricane", "typhoon", "cyclone"})) return false;
    return name < last && p.words[name].capitalised;
}

// People a place needs to stand for a name that is also a state's, province's or region's
// without the text pointing at it: "Washington" stays the capital, "Quebec" the city.
constexpr std::int64_t kDivisionNameOutranks = 500000;

// Whether `place`, named like `divisions` (states, provinces or regions: the gazetteer has
// none to suggest), may stand for its name. "Florida" in an American story is the state,
// not Florida, Cuba (63,000 people), nor Florida, New York (2,900), nor Florida, Uruguay:
// a smaller place needs `in_its_country` (the text names its country, or the country of
// another place it names), and in the United States, whose first-level codes in GeoNames
// are ISO 3166-2's, it must lie in the state of that name, not in another.
bool points_at_place_named_like_division(const GazetteerPlace& place, const std::vector<const GazetteerDivision*>& divisions,
                                         bool in_its_country) {
    if (place.population >= kDivisionNameOutranks) return true;
    if (!in_its_country) return false;
    for (const GazetteerDivision* d : divisions)
        if (place.country == "US" && d->country() == "US" && d->code.substr(3) != place.admin1) return false;
    return true;
}

// Whether word k of run r, a place's name, is part of a person's ("Donald Trump", "John
// Kerry", "Lin Jian"): a run of two or three capitalised words, none an organisation's, a
// direction, a date or "City" ("East Jerusalem", "Gaza City", "Kyiv Monday" stay places),
// none other a country's, and the whole run no place's.
bool in_persons_name(const Gazetteer& gazetteer, const TextParagraph& p, NameRun r, std::size_t k) {
    // "Ten years later Nguyễn Ánh took Phú Xuân and Thăng Long": each name between the
    // run's "and"s on its own.
    for (std::size_t j = r.first; j < r.last; ++j)
        if (p.words[j].low == "and") (j < k ? r.first : r.last) = j < k ? j + 1 : std::min(r.last, j);
    if (r.last - r.first < 2 || r.last - r.first > 3) return false;
    for (std::size_t j = r.first; j < r.last; ++j) {
        const Word& w = p.words[j];
        if (!w.capitalised || is_organisation_word(w.low) || is_direction(w.low) || is_weekday(w.low) || month_of(w) ||
            in_list(w.low, {"city", "town", "greater", "upper", "lower", "old"}) || (j != k && gazetteer.country_named(w.text)))
            return false;
    }
    // The whole run may be a place spelt another way: "Quy Nhơn" is the gazetteer's "Qui Nhon".
    const std::size_t end = p.words[r.last - 1].end + p.words[r.last - 1].possessive;  // "St. John's"
    return gazetteer.places_named(p.text.substr(p.words[r.first].begin, end - p.words[r.first].begin), true).empty() &&
           gazetteer.places_named(words_text(p, r.first, r.last), true).empty();
}

void Drafter::find_places() {
    if (!gazetteer) return;
    struct Found {
        Span span;
        std::vector<const GazetteerPlace*> candidates;
        bool loose = false;
        bool locative = false;  // after "in", "from", "to", "near", ...
    };
    std::vector<Found> found;
    std::set<std::string> countries_named;  // alpha-2 of countries the text names
    std::vector<std::pair<Span, const GazetteerCountry*>> country_words;
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const TextParagraph& p = paragraphs[pi];
        for (const NameRun& r : name_runs(p, pi, lowercase_words)) {
            if (is_storm_name(p, r.first, r.last)) continue;
            // The longest piece of the run that the gazetteer knows, left to right.
            std::size_t first = r.first;
            while (first < r.last) {
                bool matched = false;
                for (std::size_t last = r.last; last > first && !matched; --last) {
                    if (!p.words[last - 1].capitalised) continue;
                    Span s = span_of(p, pi, first, last);
                    // "St. John's", "Saint George's": a place whose name ends in a possessive.
                    if (const Span whole{pi, s.begin, s.end + p.words[last - 1].possessive};
                        whole.end > s.end && !gazetteer->places_named(text(whole), false).empty())
                        s = whole;
                    // "New York", "North Carolina", "New South Wales": a state or province of
                    // several words, which no place shares, is none of its words' places
                    // (not York, Pennsylvania) and is left to the author.
                    if (last - first > 1 && !gazetteer->divisions_named(text(s)).empty() && gazetteer->places_named(text(s), false).empty()) {
                        matched = true;
                        first = last;
                        break;
                    }
                    if (is_claimed(s)) {
                        bool nested_in_organisation = false;
                        for (const Suggestion& o : suggestions)
                            if (o.kind == Kind::Organisation || (o.kind == Kind::Person && o.anonymous))
                                for (const Span& m : o.mentions)
                                    if (m.paragraph == s.paragraph && m.begin <= s.begin && s.end <= m.end && m != s) nested_in_organisation = true;
                        // A place inside an organisation's name says where it is ("University of
                        // Dhaka"); a piece that ends in an organisation word is the name's own:
                        // "Union" of "African Union" is not Union, New Jersey, nor "Council" of
                        // "U.N. Security Council" Council, Idaho.
                        if (!nested_in_organisation || is_organisation_word(p.words[last - 1].low)) continue;
                    }
                    const std::string_view name = text(s);
                    // "East Germany", "South Vietnam": a direction before a country's name,
                    // which the atlas does not know with it, makes another state; "Northeast
                    // Asia" another region.
                    const bool other_state = first > r.first && is_direction(p.words[first - 1].low);
                    // "where the Benue meets the Niger": a river that shares its name with a
                    // country that is never "the Niger" (nor "the Jordan").
                    const bool river = last - first == 1 && in_list(p.words[first].low, {"niger", "jordan"}) && first > 0 &&
                                       p.words[first - 1].low == "the" && joined_by_space(p, first - 1, first);
                    if (river) {
                        matched = true;
                        first = last;
                        break;
                    }
                    if (const GazetteerCountry* c = other_state ? nullptr : gazetteer->country_named(name)) {
                        country_words.push_back({s, c});
                        countries_named.insert(c->alpha2);
                        matched = true;
                    } else if (const GazetteerRegion* region = other_state ? nullptr : region_named(*gazetteer, name)) {
                        const std::size_t index = suggestion(Kind::Place, "region:" + region->code, name, "a UN M49 region", s);
                        Suggestion& sug = suggestions[index];
                        sug.fields["countries"] = region->members;
                        sug.fields["context"] = true;
                        sug.description = "Region. Context: drawn on the map as the " + std::to_string(region->members.size()) +
                                          " countries and areas of the United Nations Statistics Division’s M49 region “" + region->name +
                                          "” (code " + region->code + ").";
                        sug.fields["citations"] = json::array({{{"publication", "United Nations Statistics Division"},
                                                                {"title", "Standard country or area codes for statistical use (M49)"},
                                                                {"url", "https://unstats.un.org/unsd/methodology/m49/"}}});
                        mention(index, s);
                        matched = true;
                    } else if (last - first == 1 && (is_function_word(p.words[first].low) || month_number(p.words[first].low, false) > 0 ||
                                                     is_direction(p.words[first].low))) {
                        // "In", "Of": never a place on their own; nor "August" (of "In August
                        // 2018"), not August, California; nor "West" (of "the West Bank").
                    } else {
                        auto candidates = gazetteer->places_named(name, false);
                        bool loose = false;
                        if (candidates.empty() && name.size() >= 4) {
                            candidates = gazetteer->places_named(name, true);
                            loose = true;
                        }
                        if (!candidates.empty() && !in_persons_name(*gazetteer, p, r, first)) {
                            const bool locative = first > 0 && joined_by_space(p, first - 1, first) &&
                                                  in_list(p.words[first - 1].low, {"in", "from", "to", "near", "at", "into", "outside", "toward", "towards", "across", "of", "around", "via", "between", "and"});
                            found.push_back({s, std::move(candidates), loose, locative});
                            matched = true;
                        }
                    }
                    if (matched) first = last;
                }
                if (!matched) ++first;
            }
            // Country adjectives ("Iraqi", "South Korean") mention the country; not one that a
            // word before it makes a region's or a people's ("Latin American", "North African",
            // "African American").
            for (std::size_t k = r.first; k < r.last; ++k) {
                const GazetteerCountry* of_pair = k + 1 < r.last ? country_of_adjective(*gazetteer, words_text(p, k, k + 2)) : nullptr;
                const bool pair = of_pair != nullptr;
                const std::size_t end = pair ? k + 2 : k + 1;
                if (!pair && k > r.first && (is_direction(p.words[k - 1].low) ||
                                             in_list(p.words[k - 1].low, {"latin", "native", "african", "asian", "arab", "anglo", "pan"})))
                    continue;
                // "Αθήνα in Greek": a language, not its country.
                if (!pair && k == r.last - 1 && k > 0 && p.words[k - 1].low == "in" &&
                    (k + 1 >= p.words.size() || !joined_by_space(p, k, k + 1) || p.words[k + 1].low == "and" || p.words[k + 1].low == "or"))
                    continue;
                // "the Indian Ocean", "the Arabian Sea": a body of water's name, not its country.
                if (end < r.last && in_list(p.words[end].low, {"ocean", "sea", "gulf"})) {
                    k = end;
                    continue;
                }
                if (const GazetteerCountry* country = pair ? of_pair : country_of_adjective(*gazetteer, p.words[k].text)) {
                    country_words.push_back({span_of(p, pi, k, end), country});
                    countries_named.insert(country->alpha2);
                    k = end - 1;
                }
            }
        }
    }
    for (const auto& [span, country] : country_words) {
        // Named as the text writes it ("Cook Islands", not the atlas's "Cook Is."), unless it only has the adjective.
        const bool adjective = !gazetteer->country_named(text(span));
        const std::size_t index = suggestion(Kind::Place, "country:" + country->numeric, adjective ? unabbreviated_name(*country) : text(span),
                                             "a country name or adjective", span);
        if (!adjective && suggestions[index].name != text(span) && gazetteer->country_named(suggestions[index].name) != country)
            suggestions[index].name = std::string(text(span));
        Suggestion& s = suggestions[index];
        s.fields["country"] = country->numeric;
        s.description = kCountryStandIn;
        mention(index, span);
    }
    // Rank the candidates: the countries the text names, the countries of the other places, population.
    std::map<std::string, int> place_countries;
    for (const Found& f : found)
        if (f.candidates.size() == 1) place_countries[f.candidates.front()->country]++;
    for (const Found& f : found) {
        // "Paris, Texas" / "Santiago, Chile": the text names the country right after.
        const GazetteerCountry* country_after = nullptr;
        const std::string_view after = paragraphs[f.span.paragraph].text.substr(f.span.end);
        if (after.size() > 2 && after[0] == ',') {
            const std::vector<Word> next = split_words(after.substr(0, std::min<std::size_t>(after.size(), 40)));
            if (!next.empty()) country_after = gazetteer->country_named(next.front().text);
        }
        // "Ishikawa Prefecture", "New York state", "Orange County": the division, not a town of
        // its name; nor is "the Guaíba river" or "Lake Chad" a town, nor "Union Station" or
        // "Oxford Street" (but "the Lima airport" is Lima's).
        if (!after.empty() && after[0] == ' ') {
            const std::vector<Word> next = split_words(after.substr(0, std::min<std::size_t>(after.size(), 20)));
            if (!next.empty() && (in_list(next.front().low, {"prefecture", "province", "state", "region", "oblast", "governorate",
                                                             "county", "district", "department", "canton", "territory", "river",
                                                             "lake", "mountain", "mountains", "valley", "bay", "sea", "island",
                                                             "islands", "strait", "desert", "peninsula", "gulf", "canal", "delta"}) ||
                                  (next.front().capitalised && is_kind_of_place(next.front().low))))
                continue;
        }
        const std::vector<const GazetteerDivision*> divisions = gazetteer->divisions_named(text(f.span));
        std::vector<std::pair<double, const GazetteerPlace*>> ranked;
        for (const GazetteerPlace* c : f.candidates) {
            const bool country_after_named = country_after && country_after->alpha2 == c->country;
            if (!divisions.empty() && !points_at_place_named_like_division(*c, divisions, countries_named.count(c->country) ||
                                                                          place_countries.count(c->country) || country_after_named))
                continue;
            double score = std::log10(static_cast<double>(c->population) + 10.0);
            if (countries_named.count(c->country)) score += 3.0;
            if (place_countries.count(c->country)) score += 1.0;
            if (country_after_named) score += 10.0;
            ranked.push_back({score, c});
        }
        if (ranked.empty()) continue;
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        const GazetteerPlace* best = ranked.front().second;
        // Evidence that a capitalised word is a place: a big place, a country the text
        // names, or a preposition of place before it.
        const bool country_in_text = countries_named.count(best->country) > 0;
        const bool accept = best->population >= kCityPopulation || country_in_text || (f.locative && best->population >= 5000);
        if (!accept || (f.loose && !country_in_text)) continue;
        const std::string_view name = text(f.span);
        const std::size_t index = suggestion(Kind::Place, "place:" + std::to_string(best->geonameid), name,
                                             f.loose ? "a gazetteer name, spelt another way" : "a gazetteer name", f.span);
        Suggestion& s = suggestions[index];
        mention(index, f.span);
        // Named as the text writes it in running text, not in a dateline's capitals.
        const bool capitals_only = std::none_of(s.name.begin(), s.name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (capitals_only && std::any_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; })) s.name = std::string(name);
        if (!s.fields.contains("location")) {
            const GazetteerCountry* country = gazetteer->country_by_alpha2(best->country);
            const std::string country_name = country ? country->names.front() : best->country;
            s.fields["location"] = {{"lat", best->lat}, {"lon", best->lon}};
            s.fields["citations"] = json::array({{{"publication", "GeoNames"},
                                                  {"title", best->name + " (geonameid " + std::to_string(best->geonameid) + ")"},
                                                  {"url", "https://www.geonames.org/" + std::to_string(best->geonameid)}}});
            s.description = std::string(kPlaceStandInStart) + best->name + ", " + country_name + " (GeoNames).";
            for (std::size_t k = 0; k < ranked.size() && k < 5; ++k) {
                const GazetteerPlace* c = ranked[k].second;
                const GazetteerCountry* cc = gazetteer->country_by_alpha2(c->country);
                json candidate = {{"name", c->name}, {"country", cc ? cc->names.front() : c->country}};
                if (!c->admin1.empty()) candidate["admin1"] = c->admin1;
                candidate.update({{"lat", c->lat}, {"lon", c->lon}, {"population", c->population}, {"geonameid", c->geonameid}});
                s.candidates.push_back(std::move(candidate));
            }
        }
    }
    // A place the text writes only in a dateline's capitals ("MIAMI") is named as GeoNames
    // writes it, when that is the same name ("Miami").
    for (Suggestion& s : suggestions) {
        if (s.kind != Kind::Place || s.candidates.empty() || std::any_of(s.name.begin(), s.name.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
            continue;
        const std::string geonames = s.candidates.front().value("name", "");
        if (name_key(geonames) == name_key(s.name)) s.name = geonames;
    }
    // "the city", "the town", "the capital": the city named last.
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const TextParagraph& p = paragraphs[pi];
        for (std::size_t i = 0; i + 1 < p.words.size(); ++i) {
            if (p.words[i].low != "the" || !joined_by_space(p, i, i + 1) || !in_list(p.words[i + 1].low, {"city", "town", "village", "capital"})) continue;
            if (i + 2 < p.words.size() && joined_by_space(p, i + 1, i + 2) && p.words[i + 2].low == "of") continue;  // "the town of X"
            const Span s = span_of(p, pi, i, i + 2);
            std::size_t owner = SIZE_MAX;
            std::size_t owner_at = 0;
            for (std::size_t k = 0; k < suggestions.size(); ++k) {
                if (suggestions[k].kind != Kind::Place || !suggestions[k].fields.contains("location")) continue;
                for (const Span& m : suggestions[k].mentions) {
                    const std::size_t at = m.paragraph * 1000000 + m.end;
                    if ((m.paragraph < pi || (m.paragraph == pi && m.end <= s.begin)) && (owner == SIZE_MAX || at > owner_at)) {
                        owner = k;
                        owner_at = at;
                    }
                }
            }
            if (owner != SIZE_MAX && pi <= owner_at / 1000000 + 1) mention(owner, s);
        }
    }
}

// [SECTION] Figures ----------------------------------------------------------------------

bool is_number_word(std::string_view low) {
    return in_list(low, {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
                         "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million",
                         "millions", "billion", "trillion"});
}

bool is_unit(std::string_view low) {
    return in_list(low, {"mile", "miles", "kilometres", "kilometers", "kilometre", "kilometer", "km", "metres", "meters", "feet",
                         "people", "persons", "civilians", "soldiers", "troops", "fighters", "refugees", "children", "deaths",
                         "dead", "casualties", "percent", "degrees", "tons", "tonnes", "dollars", "euros", "pounds", "barrels",
                         "acres", "hectares", "votes", "seats", "years", "year", "months", "weeks", "days", "hours", "minutes",
                         "residents", "inhabitants", "homes", "houses", "buildings", "vehicles", "ships", "aircraft", "workers",
                         "students", "patients", "cases", "lives", "families", "villages", "countries", "members"});
}

constexpr std::array<std::string_view, 4> kCurrencySigns = {"$", "€", "£", "¥"};

// A word that may be a unit the lists do not have ("lari", "grams"), when what follows it
// shows it to be one: in lower case, and no function word ("5 million in aid").
bool is_measure_word(const Word& w) {
    return !w.capitalised && !is_function_word(w.low) && !is_number_word(w.low) && !all_digits(w.low.substr(0, 1));
}

void Drafter::find_figures() {
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const TextParagraph& p = paragraphs[pi];
        for (std::size_t i = 0; i < p.words.size(); ++i) {
            const Word& w = p.words[i];
            const bool digits = w.low[0] >= '0' && w.low[0] <= '9';
            const bool fraction = (w.low == "a" || w.low == "one" || w.low == "two") && i + 2 < p.words.size() &&
                                  in_list(p.words[i + 1].low, {"third", "quarter", "half", "thirds", "quarters", "fifth"}) &&
                                  p.words[i + 2].low == "of";
            if (!digits && !is_number_word(w.low) && !fraction && !(w.low == "a" && i + 1 < p.words.size() && in_list(p.words[i + 1].low, {"year", "month", "decade", "week"}))) continue;
            std::size_t last = i + 1;
            bool unit = false;
            std::size_t conversion_end = std::string_view::npos;  // the ")" closing an amount's conversion
            const bool currency = digits && w.begin > 0 && std::string_view("$€£¥").find(p.text[w.begin - 1]) != std::string_view::npos;
            const bool percent = digits && w.end < p.text.size() && p.text[w.end] == '%';
            if (fraction) {
                last = i + 3;
                // "a third of Iraqi territory": the next one or two words, up to punctuation.
                std::size_t extra = 0;
                while (last < p.words.size() && extra < 2 && joined_by_space(p, last - 1, last) && !is_function_word(p.words[last].low) ) ++last, ++extra;
                if (extra == 0 && last < p.words.size() && joined_by_space(p, last - 1, last)) ++last;
                unit = true;
            } else {
                while (last < p.words.size() && joined_by_space(p, last - 1, last) && is_number_word(p.words[last].low)) ++last;
                // One word may describe the unit: "41 construction workers", "2,000 Ukrainian soldiers";
                // not after a year ("In 2015 displaced families returned").
                const bool year = digits && w.low.size() == 4 && all_digits(w.low);
                if (!year && last + 1 < p.words.size() && joined_by_space(p, last - 1, last) && joined_by_space(p, last, last + 1) &&
                    !is_function_word(p.words[last].low) && !is_unit(p.words[last].low) && !is_number_word(p.words[last].low) &&
                    is_unit(p.words[last + 1].low))
                    ++last;
                if (last < p.words.size() && joined_by_space(p, last - 1, last) && is_unit(p.words[last].low)) {
                    ++last;
                    unit = true;
                    if (last < p.words.size() && joined_by_space(p, last - 1, last) && in_list(p.words[last].low, {"dead", "killed", "wounded", "injured", "missing", "displaced", "long", "old"})) ++last;
                } else if (!currency && !percent && last < p.words.size() && joined_by_space(p, last - 1, last) && is_measure_word(p.words[last])) {
                    // A unit that the text shows to be one: a currency by its conversion after
                    // it ("15 lari ($5.50)", "1.2 trillion dong ($47 million)"), a measure by
                    // "per" ("4 grams per liter").
                    const std::string_view after = std::string_view(p.text).substr(p.words[last].end);
                    if (std::any_of(kCurrencySigns.begin(), kCurrencySigns.end(), [&](std::string_view sign) { return after.starts_with(" (" + std::string(sign)); }))
                        conversion_end = p.text.find(')', p.words[last].end);
                    const bool per = last + 2 < p.words.size() && p.words[last + 1].low == "per" && joined_by_space(p, last, last + 1) &&
                                     is_measure_word(p.words[last + 2]);
                    if (conversion_end != std::string_view::npos || per) ++last, unit = true;
                }
                // A rate is one figure: "4 grams per liter", "30 kilometers per hour".
                if (unit && last + 1 < p.words.size() && p.words[last].low == "per" && joined_by_space(p, last - 1, last) &&
                    joined_by_space(p, last, last + 1) && is_measure_word(p.words[last + 1]))
                    last += 2;
            }
            if (!unit && !currency && !percent) continue;
            if (digits && w.low.size() == 4 && !unit && !currency) continue;  // a year
            // "her two children": someone's own, counted, is no figure of the story.
            if (i > 0 && joined_by_space(p, i - 1, i) && in_list(p.words[i - 1].low, {"her", "his", "their", "my", "our", "your"})) continue;
            std::size_t first = i;
            // A qualifier before: "some 2,500 miles", "more than a year", "about a third".
            if (first > 0 && joined_by_space(p, first - 1, first) && in_list(p.words[first - 1].low, {"some", "about", "around", "nearly", "almost", "over", "roughly", "approximately", "than", "least", "most", "to"})) {
                --first;
                if (first > 0 && in_list(p.words[first].low, {"than", "least", "most", "to"}) && joined_by_space(p, first - 1, first) &&
                    in_list(p.words[first - 1].low, {"more", "less", "fewer", "at", "up"}))
                    --first;
                else if (in_list(p.words[first].low, {"than", "least", "most", "to"})) ++first;
            }
            // "between 300,000 and 3 million people": the range, not its upper end alone.
            if (first == i && first >= 3 && p.words[first - 1].low == "and" && p.words[first - 3].low == "between" &&
                (all_digits(p.words[first - 2].low.substr(0, 1)) || is_number_word(p.words[first - 2].low)) &&
                joined_by_space(p, first - 3, first - 2) && joined_by_space(p, first - 2, first - 1) && joined_by_space(p, first - 1, first))
                first -= 3;
            Span s = span_of(p, pi, first, last);
            if (currency) {
                std::size_t back = p.words[i].begin - 1;
                if (first == i) s.begin = back;
            }
            if (percent && last == i + 1) s.end = w.end + 1;
            if (conversion_end != std::string_view::npos) s.end = conversion_end + 1;
            const std::size_t index = suggestion(Kind::Figure, "figure:" + std::to_string(pi) + ":" + std::to_string(s.begin), text(s),
                                                 "a number with a unit", s);
            Suggestion& f = suggestions[index];
            f.fields["value"] = std::string(text(s));
            f.description = "Figure the article gives.";
            f.fields["note"] = figure_note(p, s.begin);
            mention(index, s);
            // The conversion is part of the figure, no figure of its own.
            i = conversion_end != std::string_view::npos ? word_at_or_after(p, conversion_end) - 1 : last - 1;
        }
    }
}

// [SECTION] Dates and events ---------------------------------------------------------------

struct DatePhrase {
    Span span;
    json date;            // {"relative": ...} or {"iso": ...}
    std::string warning;  // what is wrong with the date as written ("31 June 2019": June has 30 days)
};

// A year the drafted dates read from the text without an era: four digits, AD 1 to 9999.
bool is_written_year(int year) { return year >= 1 && year <= kLastYear; }

// A year written with its era, from word `k` on: "44 BC", "753 B.C.", "3000 BCE",
// "AD 79", "79 CE" (a year of one to four digits, at most 10000 BC). The astronomical
// year packs write (44 BC is -43: content/README.md, Dates) and the words it takes.
struct EraYear {
    int year = 0;
    std::size_t words = 0;
};
// A year's number as an era year writes it: one to four digits; 0 for any other word.
int era_year_number(const std::string& word) { return all_digits(word) && word.size() <= 4 ? std::stoi(word) : 0; }

// The words of the two eras, as a word's lower case reads them.
bool is_bc_word(const std::string& low) { return in_list(low, {"bc", "bce", "b.c", "b.c.e"}); }
bool is_ad_word(const std::string& low) { return in_list(low, {"ad", "a.d", "ce", "c.e"}); }

std::optional<EraYear> era_year(const TextParagraph& p, std::size_t k) {
    if (k + 1 >= p.words.size() || !joined_by_space(p, k, k + 1)) return std::nullopt;
    const std::string& first = p.words[k].low;
    const std::string& second = p.words[k + 1].low;
    if (const int n = era_year_number(first); n >= 1 && is_bc_word(second) && 1 - n >= kFirstYear) return EraYear{1 - n, 2};
    if (const int n = era_year_number(first); n >= 1 && is_ad_word(second)) return EraYear{n, 2};
    if (const int n = era_year_number(second); n >= 1 && (first == "ad" || first == "a.d")) return EraYear{n, 2};
    return std::nullopt;
}

// A year with its era written on its own, without "in" or a day: "founded 753 BC", "died
// AD 79". Only with the era in capitals, as dates are written: "ran an ad 30 times" is no year.
std::optional<EraYear> bare_era_year(const TextParagraph& p, std::size_t k) {
    const auto era = era_year(p, k);
    if (!era) return std::nullopt;
    const std::size_t era_word = all_digits(p.words[k].low) ? k + 1 : k;
    const std::string& written = p.words[era_word].text;
    if (std::any_of(written.begin(), written.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return std::nullopt;
    return era;
}

// Words `left` and `right` are the two ends of a range: an en dash between them, or a
// hyphen with spaces around it (an unspaced hyphen joins "1200-1150" into one word).
bool joined_by_dash(const TextParagraph& p, std::size_t left, std::size_t right) {
    if (right >= p.words.size()) return false;
    const std::string_view gap = p.text.substr(p.words[left].end, p.words[right].begin - p.words[left].end);
    const std::string_view mark = trim_spaces(gap);
    return mark == "\u2013" || (mark == "-" && gap.size() == 3);
}

// A range of years with an era, from word `k` on: "27 BC–AD 14", "27 BC to AD 14", "AD
// 14–37" (the end takes the start's era), "1200–1150 BC" (the start takes the end's).
// Only a range that runs forward. With `capitals`, an era must be written in capitals, as
// for a year on its own (bare_era_year).
struct EraRange {
    int start = 0, end = 0;  // astronomical years
    std::size_t words = 0;
};
std::optional<EraRange> era_range(const TextParagraph& p, std::size_t k, bool capitals) {
    if (k >= p.words.size()) return std::nullopt;
    const auto number = [&](std::size_t i) { return i < p.words.size() ? era_year_number(p.words[i].low) : 0; };
    const auto era_at = [&](std::size_t i) { return capitals ? bare_era_year(p, i) : era_year(p, i); };
    // The word after the range's first end (`last`, its last word) where the second starts, if any.
    const auto second_start = [&](std::size_t last) -> std::optional<std::size_t> {
        if (joined_by_dash(p, last, last + 1)) return last + 1;
        if (last + 2 < p.words.size() && p.words[last + 1].low == "to" && joined_by_space(p, last, last + 1) && joined_by_space(p, last + 1, last + 2))
            return last + 2;
        return std::nullopt;
    };
    std::optional<EraRange> range;
    if (const auto first = era_at(k)) {
        const std::size_t last = k + first->words - 1;
        if (const auto at = second_start(last)) {
            if (const auto second = era_at(*at)) range = EraRange{first->year, second->year, *at + second->words - k};
            else if (const int n = number(*at); n >= 1 && first->year >= 1) range = EraRange{first->year, n, *at + 1 - k};  // "AD 14–37"
        }
    } else if (const int n = number(k); n >= 1) {
        if (const auto at = second_start(k); at && all_digits(p.words[*at].low)) {
            if (const auto second = era_at(*at))  // "1200–1150 BC", "10–14 CE": the start in the end's era
                range = EraRange{second->year <= 0 ? 1 - n : n, second->year, *at + second->words - k};
        }
    }
    if (!range || range->start >= range->end || range->start < kFirstYear) return std::nullopt;
    return range;
}

// A century's number as an ordinal writes it: "12th", "21st", "twelfth", "twenty-first";
// 0 for any other word.
int century_number(const std::string& low) {
    static constexpr std::array<std::string_view, 21> kWords = {
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
        "twentieth", "twenty-first"};
    if (const auto word = std::find(kWords.begin(), kWords.end(), low); word != kWords.end())
        return static_cast<int>(word - kWords.begin()) + 1;
    if (low.size() < 3 || low.size() > 5 || !all_digits(low.substr(0, low.size() - 2))) return 0;
    const int n = std::stoi(low.substr(0, low.size() - 2));
    const int last = n % 10, tens = n / 10 % 10;
    const std::string_view suffix = tens == 1 || last > 3 || last == 0 ? "th" : last == 1 ? "st" : last == 2 ? "nd" : "rd";
    return std::string_view(low).substr(low.size() - 2) == suffix ? n : 0;
}

// A century from word `k` on: "12th century", "fifth century BC", "first century AD" (the
// 12th is 1101 to 1200, the fifth BC 500 to 401 BC, astronomical -499 to -400).
std::optional<EraRange> century_at(const TextParagraph& p, std::size_t k) {
    if (k + 1 >= p.words.size() || !joined_by_space(p, k, k + 1) || p.words[k + 1].low != "century") return std::nullopt;
    const int n = century_number(p.words[k].low);
    if (n < 1) return std::nullopt;
    const bool era = k + 2 < p.words.size() && joined_by_space(p, k + 1, k + 2);
    if (era && is_bc_word(p.words[k + 2].low)) {
        if (1 - 100 * n < kFirstYear) return std::nullopt;
        return EraRange{1 - 100 * n, 100 - 100 * n, 3};
    }
    if (100 * n > kLastYear) return std::nullopt;
    return EraRange{100 * n - 99, 100 * n, era && is_ad_word(p.words[k + 2].low) ? 3u : 2u};
}

// The first year of a decade written as one word: "1990s", "1850's", "1850’s". Not one
// ending in "00s" ("1800s", "2000s"), which is as often its century as its decade.
std::optional<int> decade_start(std::string_view low) {
    if (low.size() < 5 || !all_digits(low.substr(0, 4)) || low[3] != '0' || low[2] == '0') return std::nullopt;
    const std::string_view rest = low.substr(4);
    if (rest != "s" && rest != "'s" && rest != "\u2019s") return std::nullopt;
    const int year = (low[0] - '0') * 1000 + (low[1] - '0') * 100 + (low[2] - '0') * 10;
    if (!is_written_year(year)) return std::nullopt;
    return year;
}

// The year that starts at word `k`: with its era ("44 BC", "AD 79"), or four digits
// without one, AD 1 to 9999 ("2015").
std::optional<EraYear> year_at(const TextParagraph& p, std::size_t k) {
    if (const auto era = era_year(p, k)) return era;
    if (k >= p.words.size()) return std::nullopt;
    const std::string& w = p.words[k].low;
    if (w.size() != 4 || !all_digits(w) || !is_written_year(std::stoi(w))) return std::nullopt;
    return EraYear{std::stoi(w), 1};
}

// Writes day `day` of `month` of `year` into `date` when that day exists.
bool day_of(const EraYear& year, int month, int day, json& date) {
    if (day < 1 || day > days_in_month(year.year, month)) return false;
    date["iso"] = format_iso_day(days_from_civil({year.year, month, day}));
    return true;
}

// One end of a range of dates, from word `k` on: a year ("1983"), a day of a month with or
// without its year ("28 January 1789", "January 28, 1789", "28 January"), or a day alone
// ("28", of "between 28 and 30 January 1789"); `next` is the word after it.
struct RangeEnd {
    int year = 0, month = 0, day = 0;  // 0: not written
    std::size_t next = 0;
};
std::optional<RangeEnd> range_end_at(const TextParagraph& p, std::size_t k) {
    const auto& w = p.words;
    if (k >= w.size()) return std::nullopt;
    const auto day_number = [&](std::size_t j) {
        return j < w.size() && w[j].low.size() <= 2 && all_digits(w[j].low) && std::stoi(w[j].low) >= 1 && std::stoi(w[j].low) <= 31 ? std::stoi(w[j].low) : 0;
    };
    const auto plain_year = [&](std::size_t j) {
        return j < w.size() && w[j].low.size() == 4 && all_digits(w[j].low) && is_written_year(std::stoi(w[j].low)) ? std::stoi(w[j].low) : 0;
    };
    RangeEnd e;
    if (const int year = plain_year(k)) {
        e.year = year;
        e.next = k + 1;
    } else if (const int day = day_number(k); day && k + 1 < w.size() && joined_by_space(p, k, k + 1) && month_of(w[k + 1])) {
        e.day = day;
        e.month = month_of(w[k + 1]);
        e.next = k + 2;
        if (joined_by_space(p, k + 1, k + 2)) e.year = plain_year(k + 2);
        if (e.year) e.next = k + 3;
    } else if (month_of(w[k]) && joined_by_space(p, k, k + 1) && day_number(k + 1)) {
        e.month = month_of(w[k]);
        e.day = day_number(k + 1);
        e.next = k + 2;
        if (joined_by_comma(p, k + 1, k + 2)) e.year = plain_year(k + 2);
        if (e.year) e.next = k + 3;
    } else if (const int day_alone = day_number(k)) {
        e.day = day_alone;
        e.next = k + 1;
    } else {
        return std::nullopt;
    }
    if (e.year && e.next < w.size() && joined_by_space(p, e.next - 1, e.next) && (is_bc_word(w[e.next].low) || is_ad_word(w[e.next].low)))
        return std::nullopt;  // "between 1200 and 1150 BC": era_range's
    return e;
}

// The two ends of a range written out, from word `k` (after "between" or "from") on: joined
// by "and" after "between", by "to", "until" or "till" after "from" (and "through" with
// `through`); not a number of something ("between 2000 and 3000 troops", "from 2 to 5 May
// people").
std::optional<std::pair<RangeEnd, RangeEnd>> range_ends(const TextParagraph& p, std::size_t k, bool between, bool through) {
    const auto& w = p.words;
    const auto from = range_end_at(p, k);
    if (!from || from->next + 1 >= w.size() || !joined_by_space(p, from->next - 1, from->next) ||
        !joined_by_space(p, from->next, from->next + 1))
        return std::nullopt;
    const std::string& joiner = w[from->next].low;
    if (between ? joiner != "and" : !(in_list(joiner, {"to", "until", "till"}) || (through && joiner == "through"))) return std::nullopt;
    const auto to = range_end_at(p, from->next + 1);
    if (!to) return std::nullopt;
    if (to->next < w.size() && joined_by_space(p, to->next - 1, to->next) && !w[to->next].capitalised && !is_function_word(w[to->next].low))
        return std::nullopt;
    return std::pair{*from, *to};
}

// A range of dates written with its two ends, from word `k` (after "between" or "from") on:
// "between 1983 and 1985" (1983/1985), "between 28 January and 30 January 1789" and "from 28
// to 30 January 1789" (1789-01-28/1789-01-30: the first end takes the year and month the
// second writes). Only a range that runs forward. The date and the word after it.
std::optional<std::pair<std::string, std::size_t>> written_range(const TextParagraph& p, std::size_t k, bool between) {
    const auto ends = range_ends(p, k, between, false);
    if (!ends || !ends->second.year) return std::nullopt;
    const RangeEnd *from = &ends->first, *to = &ends->second;
    if (!from->month && !from->day && !to->month && !to->day) {
        if (from->year >= to->year) return std::nullopt;
        return std::pair{format_iso_year(from->year) + "/" + format_iso_year(to->year), to->next};
    }
    if (!to->month || !to->day || (!from->day)) return std::nullopt;
    const int year = from->year ? from->year : to->year;
    const int month = from->month ? from->month : to->month;
    if (from->day > days_in_month(year, month) || to->day > days_in_month(to->year, to->month)) return std::nullopt;
    const int start = days_from_civil({year, month, from->day}), end = days_from_civil({to->year, to->month, to->day});
    if (start >= end) return std::nullopt;
    return std::pair{format_iso_day(start) + "/" + format_iso_day(end), to->next};
}

// Where a range of days with no year written ends, from word `k` (after "between" or
// "from") on: "Sept. 1 to Nov. 30", "1 and 30 September"; 0 for none. The word after it.
std::size_t yearless_range_end(const TextParagraph& p, std::size_t k, bool between) {
    const auto ends = range_ends(p, k, between, true);
    if (!ends || ends->first.year || ends->second.year || !ends->second.month || !ends->second.day) return 0;
    return ends->second.next;
}

// The year a sentence writes for the day of a month it gives without one, words [k, k + 2),
// and where the date's words end: the four-digit year right after it, which joins them ("on
// March 3 in 1998", "3 March of 1998"), else the nearest one before it in its sentence, which
// sets the time of what follows ("at the lunar new year of 1789, on 28 January"); year 0 for
// none. A year later in the sentence belongs to another clause ("on March 3, the lowest since
// records began in 1998"), and the day then takes the publication's year, as the loader reads it.
std::pair<int, std::size_t> year_of_day(const TextParagraph& p, std::size_t k) {
    const auto [sb, se] = sentence_around(p, p.words[k].begin);
    const auto year = [&](std::size_t j) {
        const std::string& low = p.words[j].low;
        if (low.size() != 4 || !all_digits(low) || !is_written_year(std::stoi(low))) return 0;
        // Not a number of something ("1,200 tonnes" is one word; "1200 tonnes" is no year).
        if (j + 1 < p.words.size() && joined_by_space(p, j, j + 1) && !p.words[j + 1].capitalised && !is_function_word(p.words[j + 1].low) &&
            !is_bc_word(p.words[j + 1].low) && !is_ad_word(p.words[j + 1].low))
            return 0;
        return std::stoi(low);
    };
    if (k + 3 < p.words.size() && p.words[k + 3].begin < se && in_list(p.words[k + 2].low, {"in", "of"}) &&
        joined_by_space(p, k + 1, k + 2) && joined_by_space(p, k + 2, k + 3))
        if (const int y = year(k + 3)) return {y, k + 4};
    for (std::size_t j = k; j-- > 0 && p.words[j].begin >= sb;)
        if (const int y = year(j)) return {y, k + 2};
    return {0, k + 2};
}

// Whether the four digits of word `k` are a year that says which one of a name or an event
// is meant, in the subject its sentence opens with: "The 1783 Treaty of Paris ended", "The
// 2004 tsunami killed", after "The" and before a capitalised word or a word for an event.
// Elsewhere in a sentence, the sentence tells of something else ("survivors of the 1971 war",
// "has never recognised the 1959 treaty"), which that year does not date. Not a number of
// something: "The 1500 Syrian refugees".
bool names_by_its_year(const TextParagraph& p, std::size_t k) {
    if (k == 0 || p.words[k - 1].low != "the" || !p.words[k - 1].sentence_start || !joined_by_space(p, k - 1, k) ||
        !joined_by_space(p, k, k + 1))
        return false;
    const Word& next = p.words[k + 1];
    const bool event = in_list(next.low, {"election", "elections", "earthquake", "tsunami", "war", "revolution", "coup", "uprising",
                                          "treaty", "agreement", "accord", "accords", "census", "genocide", "massacre", "flood",
                                          "floods", "referendum", "invasion", "famine", "eruption", "protests", "riots"});
    if (!(next.capitalised && !next.sentence_start) && !event) return false;
    return !(k + 2 < p.words.size() && joined_by_space(p, k + 1, k + 2) && is_unit(p.words[k + 2].low));
}

// The date phrases of a paragraph: the loader's relative forms, then written dates.
std::vector<DatePhrase> date_phrases(const TextParagraph& p, std::size_t pi, const DateSpan& published) {
    std::vector<DatePhrase> out;
    const auto& w = p.words;
    const auto joined = [&](std::size_t a, std::size_t b) { return b < w.size() && joined_by_space(p, a, b); };
    // Whether words k and k+1 are a day of a month without its year: "Nov. 13", "13 November".
    const auto month_day_at = [&](std::size_t k) {
        const auto day = [&](std::size_t j) { return w[j].low.size() <= 2 && all_digits(w[j].low) && std::stoi(w[j].low) >= 1 && std::stoi(w[j].low) <= 31; };
        return joined(k, k + 1) && ((month_of(w[k]) && day(k + 1)) || (day(k) && month_of(w[k + 1])));
    };
    // "New Year's Day", "Christmas Eve" (relative_dates.h) from word k, in words that follow
    // one another. The words keep their possessive ("Year’s").
    const auto holiday_at = [&](std::size_t k) -> std::optional<MonthDay> {
        std::vector<std::string> run;
        for (std::size_t j = k; j < w.size() && run.size() < 3; ++j) {
            if (j > k && p.text.substr(w[j - 1].end + w[j - 1].possessive, w[j].begin - w[j - 1].end - w[j - 1].possessive) != " ") break;
            run.push_back(lower(p.text.substr(w[j].begin, w[j].end - w[j].begin + w[j].possessive)));
        }
        const std::vector<std::string_view> views(run.begin(), run.end());
        return fixed_holiday(views);
    };
    // Whether the sentence says that what the weekday phrase [k, end) dates is still to come:
    // before it ("conditions would worsen on Saturday"), or in its own clause after it, unless
    // it dates a statement ("Later on Saturday, Xi was expected to meet", but not "Biden said
    // on Thursday that he would", nor "On Friday, officials said the storm would"). "On
    // Saturday" is then the next one, which the loader's phrase (the latest on or before
    // publication) is not.
    const auto forecast_around = [&](std::size_t k, std::size_t end) {
        const auto [sentence_begin, sentence_end] = sentence_around(p, w[k].begin);
        const auto future = [&](std::size_t j) { return in_list(w[j].low, {"will", "would", "shall", "expected", "scheduled", "plans"}); };
        for (std::size_t j = k; j-- > 0 && w[j].begin >= sentence_begin;) {
            if (future(j)) return true;
            if (is_speech_verb(w[j].low)) return false;
        }
        for (std::size_t j = end; j < w.size() && j < end + 8 && w[j].begin < sentence_end; ++j) {
            if (future(j)) return true;
            if (is_speech_verb(w[j].low) || in_list(w[j].low, {"that", "which", "who", "when", "because", "after", "before", "while", "but", "and"}))
                return false;
        }
        return false;
    };
    // Where the weekday phrase from word k ends (relative_dates.h), 0 for none: "on Friday",
    // "last Friday", and as wire copy writes it, "Friday", "early Wednesday", "Tuesday night". Not a bare
    // weekday that ends a name ("Ash Wednesday", "Super Tuesday") or dates a statement
    // ("officials said Tuesday"), which is no event of the story.
    const auto weekday_phrase_end = [&](std::size_t k) -> std::size_t {
        const std::size_t start = k;
        const bool on = w[k].low == "on" || w[k].low == "last";  // "last Tuesday" is one phrase
        if (on && joined(k, k + 1)) ++k;
        if (w[start].low != "last" && (w[k].low == "early" || w[k].low == "late") && joined(k, k + 1)) ++k;
        if (k >= w.size() || !is_weekday(w[k].low) || !w[k].capitalised || (k > start && !joined(k - 1, k))) return 0;
        if (!on && start > 0 && joined(start - 1, start) &&
            (is_speech_verb(w[start - 1].low) || (k == start && w[start - 1].capitalised && !w[start].sentence_start)))
            return 0;
        return joined(k, k + 1) && is_part_of_day(w[k + 1].low) ? k + 2 : k + 1;
    };
    for (std::size_t i = 0; i < w.size(); ++i) {
        std::size_t last = 0;
        json date;
        std::string warning;
        const std::string& a = w[i].low;
        // "between 1983 and 1985", "between 28 January and 30 January 1789": one range.
        if ((a == "between" || a == "from") && joined(i, i + 1)) {
            if (const auto range = written_range(p, i + 1, a == "between")) {
                out.push_back({span_of(p, pi, i + 1, range->second), {{"iso", range->first}}, ""});
                i = range->second - 1;
                continue;
            }
            // "from Sept. 1 to Nov. 30": days of no written year, the loader's phrase.
            if (const std::size_t end = yearless_range_end(p, i + 1, a == "between")) {
                const Span s = span_of(p, pi, i, end);
                const std::string phrase(p.text.substr(s.begin, s.end - s.begin));
                if (resolve_relative_date(phrase, published)) {
                    out.push_back({s, {{"relative", phrase}}, ""});
                    i = end - 1;
                    continue;
                }
            }
        }
        const std::string b = joined(i, i + 1) ? w[i + 1].low : "";
        const std::string c = joined(i + 1, i + 2) && !b.empty() ? w[i + 2].low : "";
        const std::size_t holiday_from = a == "on" ? i + 1 : i;
        if (const auto holiday = holiday_at(holiday_from)) last = holiday_from + holiday->words;
        else if (a == "today" || a == "yesterday") last = i + 1;
        else if ((a == "this" || a == "last") && (b == "week" || b == "month" || b == "year")) last = i + 2;
        else if (a == "earlier" && b == "this" && (c == "week" || c == "month" || c == "year")) last = i + 3;
        else if (a == "in" && b == "recent" && c == "months") last = i + 3;
        else if (const std::size_t end = weekday_phrase_end(i)) {
            // "on Tuesday, Sept. 19": the day of the month says which Tuesday (read next).
            const std::size_t k = joined_by_comma(p, end - 1, end) || joined(end - 1, end) ? end : w.size();
            if (!month_day_at(k) && !forecast_around(i, end)) last = end;
        } else if (a == "in" && !b.empty() && month_of(w[i + 1])) {
            if (const auto era = c.empty() ? std::nullopt : era_year(p, i + 2)) {
                // "in June 44 BC": a month of a year the loader's phrases do not reach.
                last = i + 2 + era->words;
                date["iso"] = format_iso_month(era->year, month_of(w[i + 1]));
            } else {
                last = i + 2;
                if (!c.empty() && c.size() == 4 && c[0] >= '1' && c[0] <= '2' && all_digits(c)) last = i + 3;
            }
        } else if (const auto range = (a == "in" || a == "from") && !b.empty() ? era_range(p, i + 1, false) : era_range(p, i, true)) {
            // "27 BC–AD 14", "from 1200 to 1150 BC": the years only.
            last = i + ((a == "in" || a == "from") ? 1 : 0) + range->words;
            date["iso"] = format_iso_year(range->start) + "/" + format_iso_year(range->end);
        } else if (const auto era = i > 0 && joined_by_dash(p, i - 1, i) ? std::nullopt : bare_era_year(p, i)) {
            // "founded 753 BC", "died AD 79": the year only. Not the end of a range that runs
            // backwards ("30–40 BC"), which era_range declines: which years it meant is the
            // author's call.
            last = i + era->words;
            date["iso"] = format_iso_year(era->year);
        } else if ((all_digits(a) && !a.empty() && a.size() <= 2) ||
                   in_list(a, {"a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"})) {
            const std::string d = joined(i + 2, i + 3) && !c.empty() ? w[i + 3].low : "";
            if (in_list(b, {"day", "days", "week", "weeks", "month", "months", "year", "years"}) && c == "ago") last = i + 3;
            // "13 November 2015", "15 March 44 BC"
            if (!last && !b.empty() && month_of(w[i + 1]) && all_digits(a) && c.size()) {
                if (const auto year = year_at(p, i + 2); year && day_of(*year, month_of(w[i + 1]), std::stoi(a), date)) {
                    last = i + 2 + year->words;
                } else if (year) {
                    // "31 June 2019": a day its month does not have; the month, and a warning.
                    last = i + 2 + year->words;
                    date["iso"] = format_iso_month(year->year, month_of(w[i + 1]));
                    warning = std::string(p.text.substr(w[i].begin, w[last - 1].end - w[i].begin));
                }
            }
            if (!last && month_day_at(i)) {
                // "13 November": the year its sentence writes for it ("1789, on 28 January"),
                // else the loader finds it from the publication date.
                const auto [year, end] = year_of_day(p, i);
                last = end;
                if (year) day_of({year, 1}, month_of(w[i + 1]), std::stoi(a), date);
            }
        } else if (month_of(w[i]) && !b.empty() && all_digits(b)) {
            // "November 13, 2015", "March 15, 44 B.C.", "June 2014" and "June 44 BC"; "Nov. 13",
            // whose year the loader finds (relative_dates.h)
            const int month = month_of(w[i]);
            const auto year_after_comma = b.size() <= 2 && joined_by_comma(p, i + 1, i + 2) ? year_at(p, i + 2) : std::nullopt;
            if (year_after_comma && day_of(*year_after_comma, month, std::stoi(b), date)) {
                last = i + 2 + year_after_comma->words;
            } else if (year_after_comma) {
                // "June 31, 2019": a day its month does not have; the month, and a warning.
                last = i + 2 + year_after_comma->words;
                date["iso"] = format_iso_month(year_after_comma->year, month);
                warning = std::string(p.text.substr(w[i].begin, w[last - 1].end - w[i].begin));
            } else if (const auto year = year_at(p, i + 1); year && !year_after_comma && (year->words == 2 || b.size() == 4)) {
                last = i + 1 + year->words;
                date["iso"] = format_iso_month(year->year, month);
            } else if (month_day_at(i)) {
                const auto [year, end] = year_of_day(p, i);
                last = end;
                if (year) day_of({year, 1}, month, std::stoi(b), date);
            }
        } else if (const auto era = a == "in" && !b.empty() ? era_year(p, i + 1) : std::nullopt) {
            // "in 44 BC", "in AD 79": the year only, from the phrase's second word.
            last = i + 1 + era->words;
            date["iso"] = format_iso_year(era->year);
        } else if (const auto century = (a == "in" || a == "during") && b == "the" ? century_at(p, i + 2) : std::nullopt) {
            // "in the 12th century", "during the fifth century BC": its hundred years.
            last = i + 2 + century->words;
            date["iso"] = format_iso_year(century->start) + "/" + format_iso_year(century->end);
        } else if (const auto decade = decade_start(a)) {
            // "in the 1990s": the decade's ten years.
            last = i + 1;
            date["iso"] = format_iso_year(*decade) + "/" + format_iso_year(*decade + 9);
        } else if (a == "in" && b.size() == 4 && all_digits(b) && (b[0] == '1' || b[0] == '2')) {
            last = i + 2;
            date["iso"] = b;
            // "in 2014" names the year only; its start is the phrase's second word.
        } else if (a.size() == 4 && all_digits(a) && is_written_year(std::stoi(a)) &&
                   (p.text.compare(w[i].end, 7, ", when ") == 0 || names_by_its_year(p, i))) {
            // "back to 1947, when British India was partitioned": a year that a clause of
            // what happened then follows (without_attribution names the event by it); "The
            // 1783 Treaty of Paris", a year that says which one is meant.
            last = i + 1;
            date["iso"] = a;
        }
        if (!last) continue;
        Span s = span_of(p, pi, i, last);
        if (date.empty()) {
            const std::string phrase(p.text.substr(s.begin, s.end - s.begin));
            if (!resolve_relative_date(phrase, published)) continue;  // the loader's grammar decides
            date["relative"] = phrase;
        } else if (a == "in" || a == "from" || a == "during") {
            s.begin = w[i + 1].begin;  // "in 2014" / "in June 2014" / "from 27 BC to AD 14" / "in the 12th century": the date itself
        }
        out.push_back({s, date, warning});
        i = last - 1;
    }
    return out;
}

// The words [sb, se) of an event's sentence without who says it, and without the main clause
// where the date is in a clause of its own (below): what a speaker said
// ("Victoria Ramos, who heads the cooperative, said the canal had run dry in March": "the
// canal had run dry"), and not an attribution after it ("The canal ran dry last Tuesday,
// farmers said": "The canal ran dry"). The event is what happened, not who told of it.
std::pair<std::size_t, std::size_t> without_attribution(const TextParagraph& p, std::size_t sb, std::size_t se, Span date) {
    std::vector<std::size_t> in;  // the sentence's words, into p.words
    for (std::size_t k = 0; k < p.words.size(); ++k)
        if (p.words[k].begin >= sb && p.words[k].end <= se) in.push_back(k);
    if (in.size() < 4) return {sb, se};
    const auto word = [&](std::size_t i) -> const Word& { return p.words[in[i]]; };
    // After: ", farmers said." / ", said the governor." at the sentence's end.
    const std::size_t comma = p.text.rfind(',', se);
    if (comma != std::string_view::npos && comma > sb && comma >= date.end) {
        std::size_t first = 0;
        while (first < in.size() && word(first).begin < comma) ++first;
        const std::size_t tail = in.size() - first;
        if (first >= 3 && tail >= 1 && tail <= 5 && (is_speech_verb(word(in.size() - 1).low) || is_speech_verb(word(first).low)))
            se = comma;
    }
    // Before: "SPEAKER said (that) WHAT HAPPENED", the date in what was said, no comma between.
    for (std::size_t i = 1; i + 3 < in.size() && word(i).end <= date.begin; ++i) {
        // Verbs whose object is what was said ("declared a state of calamity" names the event).
        if (!in_list(word(i).low, {"said", "says", "added", "adds"}) || p.text.substr(word(i).end, date.begin - word(i).end).find(',') != std::string_view::npos)
            continue;
        std::size_t from = i + 1;
        if (word(from).low == "that") ++from;
        if (word(from).begin >= date.begin) break;  // the date dates the saying ("said on Tuesday that")
        sb = word(from).begin;
        break;
    }
    // A date in what "until", "before" or "after" brings in is that clause's, not the main
    // one's: "the captives were sold for a century, until the Russian army took the city in
    // 1873" names the taking of the city, "rebuilt after the earthquake in 1906" the earthquake.
    for (std::size_t i = in.size(); i-- > 1;) {
        if (word(i).end > date.begin || !in_list(word(i).low, {"until", "before", "after"})) continue;
        if (p.text.substr(word(i).end, date.begin - word(i).end).find(',') != std::string_view::npos) break;
        std::size_t between = 0;
        for (std::size_t k = i + 1; k < in.size() && word(k).end <= date.begin; ++k) ++between;
        if (between >= 2) sb = word(i + 1).begin;
        break;
    }
    // ", when …" right after the date says what happened then: "go back to 1947, when
    // British India was partitioned", "lasted until December 16, 1971, when Pakistani forces
    // surrendered" name the partition and the surrender (to the clause's next comma).
    if (p.text.compare(date.end, 7, ", when ") == 0) {
        const std::size_t from = date.end + 7;
        std::size_t to = std::min(se, p.text.find_first_of(",;", from));
        std::size_t words_in = 0;
        for (std::size_t i = 0; i < in.size(); ++i) words_in += word(i).begin >= from && word(i).end <= to;
        if (words_in >= 2) return {from, to};
    }
    return {sb, se};
}

// An event's name: the words of its sentence [sb, se) without its date, eight at most.
// The date goes with what only introduced it: "On 27 August 1883, a series of explosions
// tore apart…" is "A series of explosions tore apart…", and "the world in the 1880s still
// draws" is "the world still draws". The punctuation between the words kept stays ("a new
// island, Anak Krakatau, rose"); where the date was cut out, what followed it stands in.
// Other dates in the same words (`others`: "In 2015 and again in 2022 the short rains
// failed") go too, and so does the "and" (", again") that joined them: both events are
// "The short rains failed", each on its own date, not one named by the other's year.
std::string event_name(const TextParagraph& p, std::size_t sb, std::size_t se, Span date, const std::vector<Span>& others) {
    std::vector<const Word*> words;
    sb = std::max(sb, dateline_end(p));
    std::tie(sb, se) = without_attribution(p, sb, se, date);
    for (const Word& w : p.words)
        if (w.begin >= sb && w.end <= se) words.push_back(&w);
    // The words that introduce the date: a preposition, with "the" after it ("in the 1880s";
    // not the "the" of "the Nov. 13 attacks"), and a weekday before the date ("on Monday,
    // January 1").
    const auto is_introduction = [](std::string_view low) { return in_list(low, {"on", "in", "during", "from", "since", "between"}); };
    const auto joined_to = [&](const Word& w, std::size_t next) { return p.text.substr(w.end, next - w.end).find_first_not_of(' ') == std::string_view::npos; };
    // The index of the first word at or after byte `at`, and whether the words before it run
    // up to it with nothing but spaces between.
    const auto first_from = [&](std::size_t at) {
        std::size_t k = 0;
        while (k < words.size() && words[k]->begin < at) ++k;
        return k;
    };
    // Where the cut for a date begins: before what only introduced it.
    const auto cut_start = [&](Span cut) {
        std::size_t date_from = cut.begin;
        for (std::size_t k = words.size(); k-- > 0;) {
            const Word& w = *words[k];
            if (w.end > cut.begin) continue;
            if (weekday_number(w.low) && p.text.substr(w.end, cut.begin - w.end) == ", ") date_from = w.begin;
            break;
        }
        // "on the morning of Dec. 26": the part of the day goes with its date.
        if (const std::size_t k = first_from(date_from); k >= 3 && words[k - 1]->low == "of" &&
            in_list(words[k - 2]->low, {"morning", "afternoon", "evening", "night"}) && words[k - 3]->low == "the" &&
            joined_to(*words[k - 1], date_from) && joined_to(*words[k - 2], words[k - 1]->begin) && joined_to(*words[k - 3], words[k - 2]->begin))
            date_from = words[k - 3]->begin;
        std::size_t cut_from = date_from;
        for (std::size_t k = words.size(); k-- > 0;) {
            const Word& w = *words[k];
            if (w.end > date_from) continue;
            if (!joined_to(w, date_from)) break;
            if (is_introduction(w.low)) cut_from = w.begin;
            else if (w.low == "the" && k > 0 && is_introduction(words[k - 1]->low) && joined_to(*words[k - 1], w.begin)) cut_from = words[k - 1]->begin;
            break;
        }
        // "At 7:58 on the morning of Dec. 26, 2004": and the time of day before it.
        if (cut_from < date_from) {
            const std::size_t k = first_from(cut_from);
            for (std::size_t at = k; at-- > 0 && k - at <= 4;) {
                if (words[at]->low != "at") continue;
                const std::string_view clock = p.text.substr(words[at]->end, cut_from - words[at]->end);
                if (clock.find_first_of("0123456789") != std::string_view::npos && clock.find_first_not_of("0123456789: apm.") == std::string_view::npos)
                    cut_from = words[at]->begin;
                break;
            }
        }
        return Span{cut.paragraph, cut_from, cut.end};
    };
    std::vector<Span> cuts{cut_start(date)};
    for (const Span& other : others)
        if (other.begin >= sb && other.end <= se) cuts.push_back(cut_start(other));
    const auto in_cut = [&](const Word& w) {
        return std::any_of(cuts.begin(), cuts.end(), [&](const Span& c) { return w.begin >= c.begin && w.end <= c.end; });
    };
    // A cut between two words kept: the text after it stands in for theirs.
    const auto gap_from = [&](const Word& previous, const Word& next) {
        std::size_t from = previous.end;
        for (const Span& c : cuts)
            if (c.begin >= previous.end && c.end <= next.begin) from = std::max(from, c.end);
        return from;
    };
    // What only joined two dates goes with them: "[In 2015] and again [in 2022] the rains",
    // "flooded the town [in 2015] and again [in 2022], and".
    std::vector<const Word*> kept;
    for (std::size_t k = 0; k < words.size();) {
        if (in_cut(*words[k])) {
            ++k;
            continue;
        }
        std::size_t joiners_end = k;
        while (joiners_end < words.size() && !in_cut(*words[joiners_end]) && in_list(words[joiners_end]->low, {"and", "or", "again", "then"}))
            ++joiners_end;
        const bool joins_dates = joiners_end > k && k > 0 && joiners_end < words.size() && in_cut(*words[k - 1]) && in_cut(*words[joiners_end]);
        if (joins_dates) {
            k = joiners_end;
            continue;
        }
        kept.push_back(words[k++]);
    }
    std::string name;
    const Word* previous = nullptr;
    int count = 0;
    for (const Word* w : kept) {
        if (++count > 8) {
            name += "…";
            break;
        }
        if (previous) {
            const std::size_t from = gap_from(*previous, *w);
            name += std::string(p.text.substr(from, w->begin - from));
        }
        name += w->text;
        previous = w;
    }
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
    return name;
}

// Whether the text at `at` opens a participle clause: a word of six letters or more in "-ing",
// lower case ("replacing a line built…", "killing 18,000"), not a preposition or a noun that
// only looks like one ("including", "during", "morning").
bool opens_participle_clause(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end < text.size() && text[end] >= 'a' && text[end] <= 'z') ++end;
    const std::string_view word = text.substr(at, end - at);
    if (word.size() < 6 || !word.ends_with("ing")) return false;
    return !in_list(word, {"during", "including", "according", "regarding", "concerning", "pending", "spring", "string",
                           "evening", "morning", "nothing", "something", "anything", "everything"});
}

// Where the text between `from` and `to` is cut into clauses (", and ", ", but ", ", while ",
// "; ", and a comma before a participle: "opened in January 2018, replacing a line built
// between 1897 and 1917"): the first cut's start, or the last cut's end, `fallback` when there
// is none.
std::size_t clause_cut(std::string_view text, std::size_t from, std::size_t to, bool last, std::size_t fallback) {
    std::size_t found = fallback;
    const auto take = [&](std::size_t at, std::size_t size) {
        if (last && (found == fallback || at + size > found)) found = at + size;
        if (!last && (found == fallback || at < found)) found = at;
    };
    for (const std::string_view cut : {", and ", ", but ", ", while ", "; "}) {
        for (std::size_t at = text.find(cut, from); at != std::string_view::npos && at + cut.size() <= to; at = text.find(cut, at + 1)) {
            take(at, cut.size());
            if (!last) break;
        }
    }
    for (std::size_t at = text.find(", ", from); at != std::string_view::npos && at + 2 <= to; at = text.find(", ", at + 1))
        if (opens_participle_clause(text, at + 2)) take(at, 2);
    return found;
}

void Drafter::find_events() {
    int counter = 0;
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const TextParagraph& p = paragraphs[pi];
        const std::vector<DatePhrase> dates = date_phrases(p, pi, published);
        for (std::size_t di = 0; di < dates.size(); ++di) {
            const DatePhrase& d = dates[di];
            const auto bounds = sentence_around(p, d.span.begin);
            const std::size_t sb = bounds.first, se = bounds.second;
            const Span sentence{pi, sb, se};
            // "In 2007, a quake struck the area, and in 2011 a tsunami killed 18,000": with
            // another date in its sentence, an event is named by its own clause.
            std::size_t name_begin = sb, name_end = se;
            if (di > 0 && dates[di - 1].span.end > sb) name_begin = clause_cut(p.text, dates[di - 1].span.end, d.span.begin, true, sb);
            if (di + 1 < dates.size() && dates[di + 1].span.begin < se)
                name_end = clause_cut(p.text, d.span.end, dates[di + 1].span.begin, false, se);
            std::vector<Span> others;
            for (std::size_t dj = 0; dj < dates.size(); ++dj)
                if (dj != di) others.push_back(dates[dj].span);
            std::string name = event_name(p, name_begin, name_end, d.span, others);
            if (name.empty()) name = std::string(text(d.span));
            const std::size_t index = suggestion(Kind::Event, "event:" + std::to_string(++counter), name,
                                                 d.warning.empty() ? "a date the text gives" : "a date the text gives, with a day its month does not have",
                                                 sentence);
            Suggestion& e = suggestions[index];
            e.fields["date"] = d.date;
            e.description = std::string(kSentenceStandInStart) + shortened(text(sentence), 300);
            // "On 31 June 2019": the month only, and the editor is told to check the day.
            if (!d.warning.empty()) {
                const std::string warning = "Check the date: the text gives “" + d.warning + "”, a day its month does not have; drafted as " +
                                            d.date.value("iso", "") + ".";
                e.description = warning + " " + e.description;
                warnings.push_back("paragraph " + std::to_string(pi + 1) + ": " + warning);
            }
            mention(index, d.span);
            // Places, people and organisations in the same sentence.
            for (std::size_t k = 0; k < suggestions.size(); ++k) {
                const Suggestion& other = suggestions[k];
                if (other.kind != Kind::Place && other.kind != Kind::Person && other.kind != Kind::Organisation) continue;
                const bool inside = std::any_of(other.mentions.begin(), other.mentions.end(),
                                                [&](const Span& m) { return m.paragraph == pi && m.begin >= sb && m.end <= se; });
                if (!inside) continue;
                if (other.kind == Kind::Place) suggestions[index].fields["placesIndex"].push_back(k);
                else suggestions[index].fields["participantsIndex"].push_back(k);
            }
        }
    }
}

void Drafter::run() {
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const TextParagraph& p = paragraphs[pi];
        for (const Word& w : p.words) {
            if (!w.capitalised) lowercase_words.insert(w.low);
            // "Kyiv (Київ)": the name in its own script is an alias (add_own_script_aliases), no
            // name of its own.
            if (const std::size_t end = past_native_name(p.text, w.end); end != w.end) claimed.push_back({pi, w.end + 2, end - 1});
        }
        datelines.push_back(dateline_end(p));
    }
    if (gazetteer)
        for (const NameRun& r : all_name_runs(paragraphs, lowercase_words, gazetteer))
            for (std::size_t first = r.first; first < r.last; ++first)
                for (std::size_t last = first + 1; last <= std::min(r.last, first + 4); ++last)
                    if (const GazetteerCountry* c = gazetteer->country_named(words_text(paragraphs[r.paragraph], first, last)))
                        countries_in_text.insert(c->alpha2);
    find_ranked_people();
    find_described_people();
    find_quotes();
    find_people_and_organisations();
    find_places();
    add_own_script_aliases();
    find_figures();
    find_events();
}

// "Lee Ji-eun (이지은)", "Tokyo (東京)": the name in parentheses after a mention of a person, a
// place or an organisation, in its own script, is an alias of it.
void Drafter::add_own_script_aliases() {
    for (Suggestion& s : suggestions) {
        if (s.kind != Kind::Person && s.kind != Kind::Place && s.kind != Kind::Organisation) continue;
        for (const Span& m : s.mentions) {
            const std::string_view paragraph = paragraphs[m.paragraph].text;
            const std::size_t end = past_native_name(paragraph, m.end);
            if (end == m.end) continue;
            const std::string alias(paragraph.substr(m.end + 2, end - 1 - (m.end + 2)));
            json& aliases = s.fields["aliases"];
            if (alias != s.name && std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) aliases.push_back(alias);
        }
    }
}

// [SECTION] Mentions that cross, selectors, JSON ------------------------------------------

// Overlapping matches of `needle` in `hay` starting before `before`, and in all.
std::pair<int, int> occurrences(std::string_view hay, std::string_view needle, std::size_t before) {
    int earlier = 0, total = 0;
    for (std::size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) {
        ++total;
        if (at < before) ++earlier;
    }
    return {earlier, total};
}

json selector(const Drafter& d, const Span& s, const std::vector<std::string>& ids) {
    json out;
    const std::string_view text = d.paragraphs[s.paragraph].text;
    const std::string_view exact = text.substr(s.begin, s.end - s.begin);
    out["paragraph"] = ids[s.paragraph];
    out["exact"] = std::string(exact);
    const auto [earlier, total] = occurrences(text, exact, s.begin);
    if (total > 1) out["occurrence"] = earlier + 1;
    return out;
}

bool crosses(const Span& a, const Span& b) {
    return a.paragraph == b.paragraph && ((a.begin < b.begin && b.begin < a.end && a.end < b.end) || (b.begin < a.begin && a.begin < b.end && b.end < a.end));
}

// Drops mentions that cross another or cover the same text as another entity's, keeping
// the one of the more important kind (a quotation over a name inside it, ...).
void resolve_overlaps(std::vector<Suggestion>& suggestions) {
    struct Ref {
        std::size_t entity, mention;
    };
    std::vector<Ref> refs;
    for (std::size_t e = 0; e < suggestions.size(); ++e)
        for (std::size_t m = 0; m < suggestions[e].mentions.size(); ++m) refs.push_back({e, m});
    std::stable_sort(refs.begin(), refs.end(), [&](const Ref& a, const Ref& b) {
        return priority_of(suggestions[a.entity].kind) < priority_of(suggestions[b.entity].kind);
    });
    std::vector<std::vector<Span>> kept(suggestions.size());
    std::map<std::size_t, std::vector<Span>> kept_by_paragraph;
    for (const Ref& r : refs) {
        const Span& s = suggestions[r.entity].mentions[r.mention];
        if (s.end > s.begin + kMaxDraftParagraphBytes) continue;
        bool ok = s.end - s.begin <= 4096;
        for (const Span& k : kept_by_paragraph[s.paragraph])
            if (crosses(k, s) || k == s) ok = false;
        if (!ok) continue;
        kept[r.entity].push_back(s);
        kept_by_paragraph[s.paragraph].push_back(s);
    }
    for (std::size_t e = 0; e < suggestions.size(); ++e) {
        std::vector<Span>& m = kept[e];
        std::sort(m.begin(), m.end(), [](const Span& a, const Span& b) { return a.paragraph != b.paragraph ? a.paragraph < b.paragraph : a.begin < b.begin; });
        suggestions[e].mentions = std::move(m);
    }
}


std::string build_json(Drafter& d) {
    resolve_overlaps(d.suggestions);
    // Entities that lost every mention go (an entity without mentions would need citations
    // for being context), and so do quotes whose speaker went.
    std::vector<bool> keep(d.suggestions.size());
    for (std::size_t i = 0; i < d.suggestions.size(); ++i) keep[i] = !d.suggestions[i].mentions.empty();
    for (std::size_t i = 0; i < d.suggestions.size(); ++i) {
        Suggestion& s = d.suggestions[i];
        if (s.kind == Kind::Quote && (s.speaker == SIZE_MAX || !keep[s.speaker])) keep[i] = false;
        if (s.kind != Kind::Quote) continue;
        // The quote's text must lie inside one of its mentions.
        const std::string words = s.fields["text"].get<std::string>();
        const bool inside = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Span& m) { return d.text(m).find(words) != std::string_view::npos; });
        if (!inside) keep[i] = false;
    }
    std::vector<std::string> paragraph_ids;
    for (std::size_t i = 0; i < d.paragraphs.size(); ++i) paragraph_ids.push_back("p" + std::to_string(i + 1));
    // Ids: slugs of the names, made unique.
    std::set<std::string> used;
    for (std::size_t i = 0; i < d.suggestions.size(); ++i) {
        if (!keep[i]) continue;
        Suggestion& s = d.suggestions[i];
        if (s.kind == Kind::Quote) s.name = quote_name(d.suggestions[s.speaker].name, s.fields["text"].get<std::string>());
        std::string base = s.kind == Kind::Quote ? "quote-" + slug_of(d.suggestions[s.speaker].name, "speaker")
                         : s.kind == Kind::Event ? "event-" + slug_of(s.name, "event")
                         : s.kind == Kind::Figure ? "figure-" + slug_of(s.name, "figure")
                                                  : slug_of(s.name, kind_name(s.kind));
        std::string id = base;
        for (int n = 2; used.count(id); ++n) id = base + "-" + std::to_string(n);
        used.insert(id);
        s.id = id;
    }
    json pack;
    pack["format"] = "explainer-pack/1";
    pack["id"] = slug_of(d.input.headline, "draft");
    pack["title"] = d.input.headline;
    json article;
    article["headline"] = d.input.headline;
    article["source"] = d.input.source;
    if (!d.byline.empty()) article["attribution"] = d.byline;
    if (!d.input.url.empty()) article["url"] = d.input.url;
    if (!d.input.language.empty()) article["language"] = d.input.language;
    article["published"] = {{"iso", d.input.published}};
    article["paragraphs"] = json::array();
    for (std::size_t i = 0; i < d.paragraphs.size(); ++i)
        article["paragraphs"].push_back({{"id", paragraph_ids[i]}, {"text", std::string(d.paragraphs[i].text)}});
    pack["article"] = article;
    pack["entities"] = json::array();
    for (std::size_t i = 0; i < d.suggestions.size(); ++i) {
        if (!keep[i]) continue;
        Suggestion& s = d.suggestions[i];
        json e;
        e["id"] = s.id;
        e["kind"] = kind_name(s.kind);
        e["name"] = s.name;
        if (s.fields.contains("aliases")) e["aliases"] = s.fields["aliases"];
        std::string description = s.description;
        if (description.empty()) {
            description = s.kind == Kind::Person ? (s.anonymous ? "A person the article quotes without naming." : kPersonStandIn)
                        : s.kind == Kind::Organisation ? kOrganisationStandIn : kSuggestionStandIn;
        }
        e["description"] = description;
        if (s.fields.contains("context")) e["context"] = true;
        if (s.fields.contains("citations")) e["citations"] = s.fields["citations"];
        e["mentions"] = json::array();
        for (const Span& m : s.mentions) e["mentions"].push_back(selector(d, m, paragraph_ids));
        switch (s.kind) {
        case Kind::Place:
            if (s.fields.contains("location")) e["location"] = s.fields["location"];
            if (s.fields.contains("country")) e["country"] = s.fields["country"];
            if (s.fields.contains("countries")) e["countries"] = s.fields["countries"];
            break;
        case Kind::Person: {
            if (s.fields.contains("role")) e["role"] = s.fields["role"];
            if (s.anonymous) e["anonymous"] = true;
            json affiliations = json::array();
            for (const std::size_t k : s.related)
                if (keep[k]) affiliations.push_back(d.suggestions[k].id);
            if (!affiliations.empty()) e["affiliations"] = affiliations;
            break;
        }
        case Kind::Organisation: break;
        case Kind::Event: {
            e["date"] = s.fields["date"];
            for (const auto& [from, to] : {std::pair{"placesIndex", "places"}, std::pair{"participantsIndex", "participants"}}) {
                if (!s.fields.contains(from)) continue;
                json ids = json::array();
                for (const auto& k : s.fields[from])
                    if (keep[k.get<std::size_t>()] && std::find(ids.begin(), ids.end(), d.suggestions[k.get<std::size_t>()].id) == ids.end())
                        ids.push_back(d.suggestions[k.get<std::size_t>()].id);
                if (!ids.empty()) e[to] = ids;
            }
            break;
        }
        case Kind::Quote:
            e["speaker"] = d.suggestions[s.speaker].id;
            e["text"] = s.fields["text"];
            if (s.fields.contains("language") && s.fields["language"] != d.input.language) e["language"] = s.fields["language"];
            break;
        case Kind::Figure:
            e["value"] = s.fields["value"];
            e["note"] = s.fields["note"];
            break;
        }
        json suggestion = {{"rule", s.rule}, {"evidence", selector(d, s.evidence, paragraph_ids)}};
        if (!s.candidates.empty()) suggestion["candidates"] = s.candidates;
        e["suggestion"] = suggestion;
        pack["entities"].push_back(e);
    }
    // In the canonical form (format_pack), as the editor saves and `explainer-validate
    // --format` writes it: a draft kept as is does not change when it is saved.
    return format_pack(nlohmann::json(pack));
}

// [SECTION] Input checks and entry points ------------------------------------------------------

// "" when `text` is well-formed UTF-8 in scripts the explainer can draw, else the error.
std::string check_text(std::string_view text, std::string_view where) {
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t start = at;
        const char32_t cp = next_code_point(text, at);
        if (cp == 0xFFFD && text.substr(start, 3) != "\xEF\xBF\xBD")
            return std::string(where) + ": malformed UTF-8 at byte " + std::to_string(start) + ": save the text as UTF-8";
        if (is_explicit_direction_control(cp)) return std::string(where) + ": " + direction_control_refusal(cp);
        if (const auto script = unsupported_script(cp))
            return std::string(where) + ": uses the " + std::string(*script) + " script (" + code_point_name(cp) +
                   "), which the explainer cannot draw yet; drafts may use " + std::string(kDrawnScripts);
        if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
            return std::string(where) + ": control character " + code_point_name(cp) + " at byte " + std::to_string(start);
    }
    return "";
}

// "2024-06-31": a publication date in the form asked for, whether or not the day exists.
bool written_as_a_day(std::string_view text) {
    return text.size() == 10 && text[4] == '-' && text[7] == '-' && all_digits(text.substr(0, 4)) && all_digits(text.substr(5, 2)) &&
           all_digits(text.substr(8, 2));
}

} // namespace

std::string figure_note(std::string_view paragraph, std::size_t at) {
    return figure_note(TextParagraph{paragraph, split_words(paragraph)}, at);
}

std::string quote_name(std::string_view speaker, std::string_view words) {
    return std::string(speaker) + ": “" + shortened(words, 60) + "”";
}

std::string slug_of(std::string_view text, std::string_view fallback) {
    constexpr std::size_t kMaxSlug = 40;
    std::string out;
    for (const char c : name_key(text)) {
        if (out.size() >= kMaxSlug) {
            // Cut after the last whole word ("parliament-approves-the-long-delayed", not
            // "…-delayed-rec"), unless one word fills the slug.
            const std::size_t dash = out.rfind('-');
            if (c != ' ' && out.back() != '-' && dash != std::string::npos) out.resize(dash);
            break;
        }
        if (c == ' ') {
            if (!out.empty() && out.back() != '-') out += '-';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? std::string(fallback) : out;
}

DraftResult draft_pack(const DraftInput& input, const Gazetteer* gazetteer) {
    DraftResult result;
    const auto fail = [&](std::string message) {
        result.error = std::move(message);
        return result;
    };
    if (trim_spaces(input.headline).empty()) return fail("headline: missing: the first line of the text is the headline");
    if (trim_spaces(input.source).empty()) return fail("source: missing: say who published the article (\"Source: The Washington Post\" or --source)");
    if (input.paragraphs.empty()) return fail("paragraphs: none: the article needs at least one paragraph of text");
    if (input.paragraphs.size() > kMaxDraftParagraphs)
        return fail("paragraphs: " + std::to_string(input.paragraphs.size()) + " paragraphs; a pack holds at most " + std::to_string(kMaxDraftParagraphs));
    std::size_t total = input.headline.size() + input.source.size();
    for (const std::string& p : input.paragraphs) total += p.size();
    if (total > kMaxDraftBytes)
        return fail("the text is " + std::to_string(total) + " bytes; the drafter takes at most " + std::to_string(kMaxDraftBytes) + " (2 MiB)");
    for (const auto& [value, where] : {std::pair{&input.headline, "headline"}, std::pair{&input.source, "source"}, std::pair{&input.url, "url"}})
        if (std::string e = check_text(*value, where); !e.empty()) return fail(e);
    for (std::size_t i = 0; i < input.paragraphs.size(); ++i) {
        const std::string where = "paragraph " + std::to_string(i + 1);
        const std::string& p = input.paragraphs[i];
        if (trim_spaces(p).empty()) return fail(where + ": empty");
        if (p.size() > kMaxDraftParagraphBytes)
            return fail(where + ": " + std::to_string(p.size()) + " bytes; a paragraph holds at most 16 KiB: separate paragraphs with a blank line");
        if (std::string e = check_text(p, where); !e.empty()) return fail(e);
    }
    // The publication date, the URL and the language, read by the loader itself.
    json probe = {{"format", "explainer-pack/1"}, {"id", "probe"}, {"title", "probe"},
                  {"article", {{"headline", "probe"}, {"source", "probe"}, {"published", {{"iso", input.published}}},
                               {"paragraphs", json::array({{{"id", "p1"}, {"text", "probe"}}})}}},
                  {"entities", json::array()}};
    if (!input.url.empty()) probe["article"]["url"] = input.url;
    if (!input.language.empty()) probe["article"]["language"] = input.language;
    const LoadResult loaded = load_pack(probe.dump(-1, ' ', false, json::error_handler_t::replace), "probe");
    if (input.published.empty() || !loaded.pack) {
        for (const Diagnostic& e : loaded.errors) {
            if (e.path == "/article/url") return fail("url: " + e.message);
            if (e.path == "/article/language") return fail("language: " + e.message);
            // Written as asked but no day of the calendar ("2024-06-31"): the loader says why,
            // where the hint to write YYYY-MM-DD would repeat what the author did.
            if (e.path == "/article/published/iso" && written_as_a_day(input.published)) return fail("published: " + e.message);
        }
        // In the editor's words and the command line's alike: each says where it is given.
        return fail("published: " + (input.published.empty() ? std::string("missing") : "\"" + input.published + "\" is not a date") +
                    ": give the publication date as YYYY-MM-DD, such as 2025-09-18 (or a range START/END)");
    }

    // A byline opening the text is the article's attribution, not its first paragraph.
    DraftInput body = input;
    std::string byline;
    if (body.paragraphs.size() > 1 && is_byline(body.paragraphs.front())) {
        byline = trim_spaces(body.paragraphs.front());
        body.paragraphs.erase(body.paragraphs.begin());
    }
    Drafter d{body, gazetteer, loaded.pack->article.published, {}, {}, {}, {}, {}, {}, {}, {}};
    d.byline = byline;
    d.paragraphs.reserve(body.paragraphs.size());
    for (const std::string& p : body.paragraphs) d.paragraphs.push_back({p, split_words(p)});
    d.run();
    result.pack_json = build_json(d);
    result.warnings = std::move(d.warnings);
    return result;
}

std::vector<std::string> draft_place_names(const DraftInput& input) {
    std::size_t total = 0;
    for (const std::string& p : input.paragraphs) total += p.size();
    if (total > kMaxDraftBytes) return {};  // draft_pack refuses it anyway
    std::vector<TextParagraph> paragraphs;
    std::unordered_set<std::string> lowercase_words;
    for (const std::string& p : input.paragraphs) {
        paragraphs.push_back({p, split_words(p)});
        for (const Word& w : paragraphs.back().words)
            if (!w.capitalised) lowercase_words.insert(w.low);
    }
    // find_places looks up [first, last) inside each run, find_people_and_organisations a
    // run without its ranks (one of those spans): every span of every run covers both.
    std::vector<std::string> names;
    std::unordered_set<std::string_view> seen;
    for (std::size_t pi = 0; pi < paragraphs.size(); ++pi) {
        const TextParagraph& p = paragraphs[pi];
        for (const NameRun& r : name_runs(p, pi, lowercase_words))
            for (std::size_t first = r.first; first < r.last; ++first)
                for (std::size_t last = first + 1; last <= r.last; ++last) {
                    const std::string_view name = p.text.substr(p.words[first].begin, p.words[last - 1].end - p.words[first].begin);
                    if (seen.insert(name).second) names.emplace_back(name);
                }
    }
    return names;
}

std::string draft_input_from_json(std::string_view input_json, DraftInput& input) {
    const json v = json::parse(input_json, nullptr, false);
    if (v.is_discarded() || !v.is_object()) return "expected a JSON object {headline, source, published, url?, language?, paragraphs: [strings]}";
    input = {};
    for (const auto& [key, target] : {std::pair{"headline", &input.headline}, std::pair{"source", &input.source},
                                      std::pair{"published", &input.published}, std::pair{"url", &input.url},
                                      std::pair{"language", &input.language}}) {
        const auto it = v.find(key);
        if (it == v.end()) continue;
        if (!it->is_string()) return std::string(key) + ": expected a string";
        *target = it->get<std::string>();
    }
    for (const auto& [key, unused] : v.items()) {
        (void)unused;
        if (!in_list(key, {"headline", "source", "published", "url", "language", "paragraphs"}))
            return "unknown key \"" + key + "\": expected headline, source, published, url, language, paragraphs";
    }
    const auto paragraphs = v.find("paragraphs");
    if (paragraphs == v.end() || !paragraphs->is_array()) return "paragraphs: expected an array of strings";
    for (std::size_t i = 0; i < paragraphs->size(); ++i) {
        if (!(*paragraphs)[i].is_string()) return "paragraphs/" + std::to_string(i) + ": expected a string";
        input.paragraphs.push_back((*paragraphs)[i].get<std::string>());
    }
    return "";
}

DraftResult draft_pack_from_json(std::string_view input_json, const Gazetteer* gazetteer) {
    DraftInput input;
    if (std::string error = draft_input_from_json(input_json, input); !error.empty()) return {"", std::move(error), {}};
    return draft_pack(input, gazetteer);
}

std::string parse_article_text(std::string_view text, DraftInput& input) {
    if (text.size() > kMaxDraftBytes + 4096)
        return "the text is " + std::to_string(text.size()) + " bytes; the drafter takes at most " + std::to_string(kMaxDraftBytes) + " (2 MiB)";
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte-order mark
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    std::size_t i = 0;
    while (i < lines.size() && trim_spaces(lines[i]).empty()) ++i;
    if (i == lines.size()) return "the text is empty: the first line is the headline, then paragraphs separated by blank lines";
    if (input.headline.empty()) input.headline = trim_spaces(lines[i]);
    ++i;
    // Metadata lines right under the headline: "Source: ...", "Published: ...", "URL: ...",
    // "Language: ...".
    for (; i < lines.size(); ++i) {
        const std::string line = std::string(trim_spaces(lines[i]));
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos || colon > 12) break;
        const std::string key = lower(line.substr(0, colon));
        const std::string value = std::string(trim_spaces(std::string_view(line).substr(colon + 1)));
        std::string* target = key == "source" ? &input.source : key == "published" ? &input.published : key == "url" ? &input.url
                            : key == "language" ? &input.language : nullptr;
        if (!target) break;
        if (target->empty()) *target = value;
    }
    // Paragraphs: separated by blank lines; a text without any blank line has one a line.
    bool blank_separated = false;
    for (std::size_t k = i; k < lines.size(); ++k) {
        if (trim_spaces(lines[k]).empty()) {
            for (std::size_t m = k; m < lines.size(); ++m)
                if (!trim_spaces(lines[m]).empty()) {
                    blank_separated = blank_separated || m > i;
                    break;
                }
        }
    }
    std::string current;
    const auto flush = [&] {
        std::string t = std::string(trim_spaces(current));
        if (!t.empty()) input.paragraphs.push_back(std::move(t));
        current.clear();
    };
    for (; i < lines.size(); ++i) {
        const std::string line = std::string(trim_spaces(lines[i]));
        if (line.empty()) {
            flush();
            continue;
        }
        if (!blank_separated) {
            current = line;
            flush();
            continue;
        }
        current += current.empty() ? line : " " + line;
    }
    flush();
    if (input.paragraphs.empty()) return "no paragraphs: after the headline (and Source:/Published:/URL: lines) give the article's paragraphs, separated by blank lines";
    return "";
}

bool is_stand_in_description(std::string_view description) {
    for (const std::string_view whole : {kPersonStandIn, kOrganisationStandIn, kSuggestionStandIn, kCountryStandIn})
        if (description == whole) return true;
    for (const std::string_view start : {kPlaceStandInStart, kSentenceStandInStart, kNewEntityStandInStart})
        if (description.starts_with(start)) return true;
    return false;
}

} // namespace explainer
