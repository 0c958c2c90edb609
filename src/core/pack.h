// The content pack: one article plus the entities annotated in it.
// A pack is authored as JSON (content/README.md, content/pack.schema.json) and turned
// into this model by load_pack(), which also validates it: the app and the
// `explainer-validate` tool run the same code and print the same messages.
//
// Index
// - [SECTION] Dates
// - [SECTION] Entities
// - [SECTION] Article and pack
// - [SECTION] Loading and diagnostics
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dates.h"
#include "geo_point.h"

namespace explainer {

// [SECTION] Dates ------------------------------------------------------------------

// The exact start and end of a span written with times of day.
struct TimedSpan {
    Instant start;
    Instant end;  // == start for a single moment
};

// A date or a range of whole days, inclusive, in days since 1970-01-01.
// `approximate` marks dates the article only implies ("last week", "in recent
// months"); `phrase` keeps the article's own words the date was resolved from.
// A span written with times ("2015-11-13T21:16+01:00") also has `times`; its days are
// then the local calendar days as written.
struct DateSpan {
    int start_day = 0;
    int end_day = 0;
    bool approximate = false;
    std::string iso;     // as written in the pack ("2015-11-13", "2015-10"), else the resolved span ("2015-11-09/2015-11-15")
    std::string phrase;  // "last week", "in October", ... (may be empty)
    std::optional<TimedSpan> times;
};

// Where a span starts and ends in days since 1970-01-01 UTC (fractional for times; the
// end is exclusive: the day after a whole-day span's last day, a timed span's end instant).
double span_start_days(const DateSpan& span);
double span_end_days(const DateSpan& span);

// [SECTION] Entities ---------------------------------------------------------------

// Work: a written or recorded work the article names (a book, report, film, article).
// New kinds go at the end: panels index colour tables by the kind's value.
enum class EntityKind { Place, Person, Organisation, Event, Quote, Figure, Work };
constexpr int kEntityKindCount = 7;
const char* entity_kind_name(EntityKind kind);  // "place", "person", "organisation", ...

// Where a fact that the article does not state comes from.
struct Citation {
    std::string publication;  // "BBC News"
    std::string date;         // ISO date of the source
    std::string title;        // optional
    std::string url;          // optional
};

// Anchors an annotation by the text it covers, never by offsets: `exact` must occur in
// the paragraph exactly once after `prefix`/`suffix` narrow it, or `occurrence` (1-based)
// picks one of several. load_pack() resolves it to byte offsets.
struct Mention {
    std::string paragraph;    // paragraph id
    std::string exact;
    std::string prefix;
    std::string suffix;
    int occurrence = 0;       // 0: the match must be unique
    // Resolved by load_pack():
    std::size_t paragraph_index = 0;
    std::size_t begin = 0;    // byte offsets into Paragraph::text
    std::size_t end = 0;
};

// Where a selector matches in a paragraph's text, by the one resolver the loader and the
// editor share: `plain` holds every start of `exact` (overlapping ones too), `fitting`
// those with `prefix` right before and `suffix` right after, and `chosen` the start the
// selector picks: the only fitting match, or the `occurrence`-th; nullopt when it picks
// none or (without `occurrence`) several.
struct SelectorMatches {
    std::vector<std::size_t> plain;
    std::vector<std::size_t> fitting;
    std::optional<std::size_t> chosen;
};
SelectorMatches match_selector(std::string_view text, const Mention& m);

// A number the pack can recompute from its own data, shown beside the article's.
struct FigureCheck {
    std::string kind;         // "distance": great-circle distance between two places
    std::string from, to;     // place ids
    double stated_value = 0;  // the article's number
    std::string stated_unit;  // "mi" or "km"
};

// Why the drafter (draft.h) proposed an entity, for the editor to check: the rule that
// found it, the text that shows it and, for a place, the gazetteer's candidates, best first.
struct SuggestedPlace {
    std::string name;         // as the gazetteer writes it
    std::string country;      // the country's name
    std::string admin1;       // GeoNames first-level division code
    GeoPoint location;
    double population = 0;
    std::int64_t geonameid = 0;
};
struct Suggestion {
    std::string rule;         // "“…,” said SPEAKER", "a gazetteer name", ...
    Mention evidence;         // resolved like a mention, but not one (it may cross others)
    std::vector<SuggestedPlace> candidates;
};

struct Entity {
    std::string id;           // stable slug, [a-z0-9-]+
    EntityKind kind = EntityKind::Place;
    std::string name;
    std::vector<std::string> aliases;
    std::string description;  // one line
    bool context = false;     // a fact from beyond the article: needs citations
    std::vector<Citation> citations;
    std::vector<Mention> mentions;

    // place
    std::optional<GeoPoint> location;  // optional for a country or region: its shape stands for it
    std::string country;      // ISO 3166-1 numeric of a country-level place ("368")
    std::vector<std::string> countries;  // ISO 3166-1 numeric codes of a region drawn as its countries
    // person
    std::string role;
    std::vector<std::string> affiliations;  // organisation ids
    bool anonymous = false;
    // person (where they are), quote (where it was said), figure (what it is about)
    std::string place;
    // event
    std::optional<DateSpan> date;           // absent when the article gives none
    bool expected = false;                  // a future event the article expects ("more attacks"): undated
    std::vector<std::string> places;        // place ids
    std::vector<std::string> participants;  // person/organisation ids
    // quote
    std::string speaker;      // person id
    std::string text;         // the quote's words, as the article gives them
    std::string language;     // BCP 47 tag of the quote's words ("ka"), "" when the article's
    // figure
    std::string value;        // "129", "some 2,500 miles"
    std::string note;
    std::optional<FigureCheck> check;
    // work
    std::vector<std::string> creators;      // person/organisation ids: its authors, director, publisher
    // any entity: other entities it is about (an event a quote speaks of, ...)
    std::vector<std::string> related;
    // a draft's entity until an editor accepts it
    std::optional<Suggestion> suggestion;
};

// [SECTION] Article and pack --------------------------------------------------------

struct Paragraph {
    std::string id;
    std::string text;
    std::string link_text;  // a trailing link, e.g. "Continue reading…"
    std::string link_url;
};

// A correction the newsroom published after the article: shown under the headline.
struct Correction {
    std::string date;  // ISO day, "2015-11-21"
    std::string text;
};

struct Article {
    std::string headline;
    std::string source;       // "The Washington Post"
    std::string attribution;  // the line shown under the headline
    std::string url;          // the original article
    std::string language;     // BCP 47 tag of the article's text ("uk", "chr"), "" when unstated
    DateSpan published;
    std::string updated;                   // ISO day of the last update, "" when never updated
    std::vector<Correction> corrections;   // oldest first
    std::vector<Paragraph> paragraphs;
};

struct Pack {
    std::string id;
    std::string title;        // for page titles and oEmbed
    std::vector<std::string> allowed_origins;  // host pages allowed to postMessage
    Article article;
    std::vector<Entity> entities;  // in pack order
    std::vector<char32_t> characters;  // every character of the pack's strings, ascending (the font atlas holds them)

    const Entity* find(std::string_view id) const;
    std::optional<std::size_t> index_of(std::string_view id) const;
    std::optional<std::size_t> paragraph_index(std::string_view id) const;
    // The entity's name as the pack writes it; "" when no entity has that id.
    const std::string& name_of(std::string_view id) const;

    std::unordered_map<std::string, std::size_t> entity_index;  // id -> entities[i]
};

// [SECTION] Loading and diagnostics ------------------------------------------------

// One problem found in a pack. Malformed JSON has line/column (1-based); schema and
// semantic errors name the JSON Pointer of the offending value (`/entities/3/location/lat`).
struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;
    int line = 0;
    int column = 0;
    std::string path;
    std::string entity;  // the id of the entity `path` is in ("porvoo"), for people: the path stays a JSON Pointer
    std::string message;
};
// "file:line:col: error: message" / "file:line:col: warning: at /path: message (entity \"id\")"
std::string format_diagnostic(const Diagnostic& d);

// Sets each diagnostic's line and column to those of the value its path names in
// `json_text` (of the object, for a missing key). load_pack() does, for the text it read.
void place_at_their_values(std::string_view json_text, std::span<Diagnostic* const> diagnostics);

// Errors make a pack unusable; warnings do not (the pack loads) but name something an
// author should look at, such as a character no bundled font can draw.
struct LoadResult {
    std::optional<Pack> pack;           // set only when there are no errors
    std::vector<Diagnostic> errors;
    std::vector<Diagnostic> warnings;
};

LoadResult load_pack(std::string_view json_text, std::string_view file_name);

// What only an author acts on, which the validator and the editor show and the reader does
// not: a warning for a place whose latitude and longitude look swapped (its point outside
// its country, the swapped one inside) or a relative date that resolves after the article's
// publication; the "did you mean" of a mention that does not occur (case, accents, or the
// same letters in another Unicode form); the entity's id beside a message's JSON path
// (Diagnostic::entity). Off until this is
// called (once, at start), so that the reader's engine, which never calls it, leaves their
// code out of its download (issue 10).
void enable_author_checks();

// A value quoted for a message: long values are cut (on a character boundary) to 60 bytes.
std::string in_quotes(std::string_view s);
// One reference token of a JSON Pointer: "~" and "/" escaped as "~0" and "~1".
std::string pointer_escape(std::string_view key);

// The byte offset where JSON text nests deeper than a pack may (64 levels), or nullopt:
// checked before any parse, so no input can exhaust the stack.
std::optional<std::size_t> find_excess_nesting(std::string_view text);

// Hosts of low-grade sources (Wikipedia and its mirrors, aggregators, ...): a citation
// whose URL host is one of them, or a subdomain of one, gets a warning. The list is
// content/low-grade-sources.txt, compiled in at build time.
const std::vector<std::string>& low_grade_source_hosts();
bool is_low_grade_source(std::string_view url);

} // namespace explainer
