// explainer-draft-bench [--gazetteer FILE | --web-gazetteer DIR] [--require place-recall=0.8,quotes-right=7,speakers-wrong=0] ITEM...
//
// Measures the drafter (src/core/draft.h) against hand-made packs. Each ITEM is a pack,
// drafted from its own paragraphs, or PACK.json=ARTICLE.txt, drafted from a plain-text
// copy of the article (explainer-draft's format; the paragraphs are matched to the pack's
// by their text, so a copy with extra lead-ins or trailers still scores). Every draft must
// load without errors (the validator's own loader). Per item it prints:
// - places: precision and recall (a draft place matches a hand-made one with the same
//   country code, the same region, or a point within 25 km);
// - quotes: precision and recall (a draft quotation overlaps a hand-made one), and how
//   many of the found ones have the right speaker and how many a wrong one;
// - dates: precision and recall (a dated draft event in a paragraph where a hand-made
//   dated event is mentioned, one span containing the other).
// --web-gazetteer drafts as the browser does: with the index of the split gazetteer in DIR
// (tools/gazetteer_shards.cpp) and only the shards the text's names need, and says how
// many shards and bytes that is.
// --require applies to the items after it; --help (-h) prints the usage on stdout. The
// exit status is 1 when a draft does not load or misses a requirement, 2 for a usage or
// file error.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/draft.h"
#include "core/gazetteer.h"
#include "core/geo.h"
#include "core/pack.h"
#include "cli_files.h"

namespace {

using namespace explainer;

// Packs and articles are read whole; the loader and the drafter refuse oversized ones.
constexpr std::size_t kReadLimit = 64u * 1024u * 1024u;
constexpr const char* kUsage =
    "usage: explainer-draft-bench [--gazetteer FILE | --web-gazetteer DIR] [--require place-recall=X,quotes-right=N,speakers-wrong=N] PACK.json[=ARTICLE.txt]...\n";

struct Requirements {
    double place_recall = -1;
    int quotes_right = -1;
    int speakers_wrong = -1;
};

// A mention in the hand-made pack's coordinates.
struct Where {
    std::size_t paragraph = 0, begin = 0, end = 0;
    bool overlaps(const Where& o) const { return paragraph == o.paragraph && begin < o.end && o.begin < end; }
};

struct Score {
    int found = 0, of = 0;  // recall
    int right = 0, made = 0;  // precision
};

std::string ratio(const Score& s) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "P %3.0f%% (%d/%d)  R %3.0f%% (%d/%d)", s.made ? 100.0 * s.right / s.made : 100.0, s.right, s.made,
                  s.of ? 100.0 * s.found / s.of : 100.0, s.found, s.of);
    return buffer;
}

bool place_matches(const Entity& a, const Entity& b) {
    if (!a.country.empty() && a.country == b.country) return true;
    if (!a.countries.empty() && std::set(a.countries.begin(), a.countries.end()) == std::set(b.countries.begin(), b.countries.end())) return true;
    return a.location && b.location && distance_km(*a.location, *b.location) < 25.0;
}

std::string last_word(const std::string& key) {
    const std::size_t space = key.rfind(' ');
    return space == std::string::npos ? key : key.substr(space + 1);
}

// The browser's gazetteer for one input: the index and the shards its names need.
std::optional<Gazetteer> browser_gazetteer(const Gazetteer& index, const std::string& dir, const DraftInput& input) {
    std::set<std::string> shards;
    for (const std::string& name : draft_place_names(input))
        for (std::string& shard : index.shards_for_name(name)) shards.insert(std::move(shard));
    Gazetteer g = index;
    std::size_t bytes = 0;
    for (const std::string& shard : shards) {
        const std::string file = dir + "/" + shard_file_name(shard);
        const auto text = cli::read_file(file, kReadLimit);
        std::string error;
        if (!text || !g.add_shard(shard, *text, error)) {
            std::fprintf(stderr, "%s: %s\n", file.c_str(), text ? error.c_str() : "cannot read");
            return std::nullopt;
        }
        bytes += text->size();
    }
    std::printf("  browser gazetteer: %zu shards, %zu bytes besides the index, %zu places of %zu listed\n", shards.size(), bytes,
                g.place_count(), index.place_count());
    std::printf("  shard files:");
    for (const std::string& shard : shards) std::printf(" %s", shard_file_name(shard).c_str());
    std::printf("\n");
    return g;
}

int run_item(const std::string& item, const Gazetteer* gazetteer, const std::string& web_dir, const Requirements& req) {
    const std::size_t eq = item.find('=');
    const std::string pack_path = item.substr(0, eq);
    const auto pack_text = cli::read_file(pack_path, kReadLimit);
    if (!pack_text) {
        std::fprintf(stderr, "%s: cannot read\n", pack_path.c_str());
        return 2;
    }
    const LoadResult ref_load = load_pack(*pack_text, pack_path);
    if (!ref_load.pack) {
        std::fprintf(stderr, "%s: the hand-made pack does not load\n", pack_path.c_str());
        return 2;
    }
    const Pack& ref = *ref_load.pack;
    DraftInput input;
    input.source = ref.article.source;
    input.published = ref.article.published.iso;
    if (eq == std::string::npos) {
        input.headline = ref.article.headline;
        for (const Paragraph& p : ref.article.paragraphs) input.paragraphs.push_back(p.text);
    } else {
        const auto text = cli::read_file(item.substr(eq + 1), kReadLimit);
        if (!text) {
            std::fprintf(stderr, "%s: cannot read\n", item.substr(eq + 1).c_str());
            return 2;
        }
        if (const std::string error = parse_article_text(*text, input); !error.empty()) {
            std::fprintf(stderr, "%s: %s\n", item.c_str(), error.c_str());
            return 1;
        }
    }
    std::optional<Gazetteer> browser;
    if (!web_dir.empty()) {
        std::printf("%s\n", item.c_str());
        browser = browser_gazetteer(*gazetteer, web_dir, input);
        if (!browser) return 2;
        gazetteer = &*browser;
    }
    const DraftResult drafted = draft_pack(input, gazetteer);
    if (!drafted.error.empty()) {
        std::fprintf(stderr, "%s: the drafter refused it: %s\n", item.c_str(), drafted.error.c_str());
        return 1;
    }
    const LoadResult draft_load = load_pack(drafted.pack_json, "draft of " + item);
    for (const Diagnostic& d : draft_load.errors) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
    if (!draft_load.pack) return 1;
    const Pack& draft = *draft_load.pack;

    // Draft paragraph -> the hand-made paragraph it holds, and where.
    std::vector<std::optional<std::pair<std::size_t, std::size_t>>> align(draft.article.paragraphs.size());
    for (std::size_t i = 0; i < draft.article.paragraphs.size(); ++i)
        for (std::size_t r = 0; r < ref.article.paragraphs.size() && !align[i]; ++r)
            if (const std::size_t at = draft.article.paragraphs[i].text.find(ref.article.paragraphs[r].text); at != std::string::npos)
                align[i] = std::pair{r, at};
    const auto in_ref = [&](const Mention& m) -> std::optional<Where> {
        const auto& a = align[m.paragraph_index];
        if (!a || m.begin < a->second) return std::nullopt;
        return Where{a->first, m.begin - a->second, m.end - a->second};
    };
    const auto ref_where = [](const Mention& m) { return Where{m.paragraph_index, m.begin, m.end}; };

    Score places, quotes, dates;
    int speakers_right = 0, speakers_wrong = 0;
    std::vector<const Entity*> ref_places, draft_places;
    for (const Entity& e : ref.entities)
        if (e.kind == EntityKind::Place) ref_places.push_back(&e);
    for (const Entity& e : draft.entities)
        if (e.kind == EntityKind::Place) draft_places.push_back(&e);
    places.of = static_cast<int>(ref_places.size());
    places.made = static_cast<int>(draft_places.size());
    for (const Entity* r : ref_places) places.found += std::any_of(draft_places.begin(), draft_places.end(), [&](const Entity* d) { return place_matches(*d, *r); });
    for (const Entity* d : draft_places) places.right += std::any_of(ref_places.begin(), ref_places.end(), [&](const Entity* r) { return place_matches(*d, *r); });

    const auto overlaps_any = [&](const Entity& d, const Entity& r) {
        for (const Mention& dm : d.mentions)
            if (const auto w = in_ref(dm))
                for (const Mention& rm : r.mentions)
                    if (w->overlaps(ref_where(rm))) return true;
        return false;
    };
    std::vector<const Entity*> ref_quotes, draft_quotes;
    for (const Entity& e : ref.entities)
        if (e.kind == EntityKind::Quote) ref_quotes.push_back(&e);
    for (const Entity& e : draft.entities)
        if (e.kind == EntityKind::Quote) draft_quotes.push_back(&e);
    quotes.of = static_cast<int>(ref_quotes.size());
    quotes.made = static_cast<int>(draft_quotes.size());
    for (const Entity* r : ref_quotes) quotes.found += std::any_of(draft_quotes.begin(), draft_quotes.end(), [&](const Entity* d) { return overlaps_any(*d, *r); });
    for (const Entity* d : draft_quotes) {
        const auto match = std::find_if(ref_quotes.begin(), ref_quotes.end(), [&](const Entity* r) { return overlaps_any(*d, *r); });
        if (match == ref_quotes.end()) continue;
        ++quotes.right;
        const Entity* ds = draft.find(d->speaker);
        const Entity* rs = ref.find((*match)->speaker);
        const bool same = ds && rs &&
                          (overlaps_any(*ds, *rs) || name_key(ds->name) == name_key(rs->name) ||
                           (!ds->anonymous && last_word(name_key(ds->name)) == last_word(name_key(rs->name))));
        (same ? speakers_right : speakers_wrong)++;
        if (!same) std::fprintf(stderr, "  wrong speaker for %s: %s (the pack says %s)\n", d->id.c_str(), ds ? ds->name.c_str() : "?", rs ? rs->name.c_str() : "?");
    }

    struct Dated {
        std::set<std::size_t> paragraphs;
        int start = 0, end = 0;
    };
    std::vector<Dated> ref_dates, draft_dates;
    for (const Entity& e : ref.entities) {
        if (e.kind != EntityKind::Event || !e.date) continue;
        Dated d{{}, e.date->start_day, e.date->end_day};
        for (const Mention& m : e.mentions) d.paragraphs.insert(m.paragraph_index);
        ref_dates.push_back(d);
    }
    for (const Entity& e : draft.entities) {
        if (e.kind != EntityKind::Event || !e.date) continue;
        Dated d{{}, e.date->start_day, e.date->end_day};
        for (const Mention& m : e.mentions)
            if (const auto w = in_ref(m)) d.paragraphs.insert(w->paragraph);
        draft_dates.push_back(d);
    }
    const auto date_matches = [](const Dated& d, const Dated& r) {
        bool shared = false;
        for (const std::size_t p : d.paragraphs) shared = shared || r.paragraphs.count(p);
        const bool contains = (d.start <= r.start && r.end <= d.end) || (r.start <= d.start && d.end <= r.end);
        return shared && contains;
    };
    dates.of = static_cast<int>(ref_dates.size());
    dates.made = static_cast<int>(draft_dates.size());
    for (const Dated& r : ref_dates) dates.found += std::any_of(draft_dates.begin(), draft_dates.end(), [&](const Dated& d) { return date_matches(d, r); });
    for (const Dated& d : draft_dates) dates.right += std::any_of(ref_dates.begin(), ref_dates.end(), [&](const Dated& r) { return date_matches(d, r); });

    std::printf("%s\n  places  %s\n  quotes  %s  speakers right %d, wrong %d\n  dates   %s\n", item.c_str(), ratio(places).c_str(),
                ratio(quotes).c_str(), speakers_right, speakers_wrong, ratio(dates).c_str());
    int status = 0;
    const double recall = places.of ? static_cast<double>(places.found) / places.of : 1.0;
    if (req.place_recall >= 0 && recall < req.place_recall) {
        std::printf("  FAILED: place recall %.2f < %.2f\n", recall, req.place_recall);
        status = 1;
    }
    if (req.quotes_right >= 0 && speakers_right < req.quotes_right) {
        std::printf("  FAILED: %d quotes with the right speaker < %d\n", speakers_right, req.quotes_right);
        status = 1;
    }
    if (req.speakers_wrong >= 0 && speakers_wrong > req.speakers_wrong) {
        std::printf("  FAILED: %d wrong speakers > %d\n", speakers_wrong, req.speakers_wrong);
        status = 1;
    }
    return status;
}

} // namespace

int main(int argc, char** argv) {
    std::string gazetteer_path, web_dir;
    Requirements req;
    std::vector<std::pair<std::string, Requirements>> items;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--gazetteer" && i + 1 < argc) {
            gazetteer_path = argv[++i];
        } else if (arg == "--web-gazetteer" && i + 1 < argc) {
            web_dir = argv[++i];
            gazetteer_path = web_dir + "/" + std::string(kGazetteerIndexFile);
        } else if (arg == "--require" && i + 1 < argc) {
            req = Requirements{};
            std::stringstream list(argv[++i]);
            for (std::string part; std::getline(list, part, ',');) {
                const std::size_t eq = part.find('=');
                const std::string key = part.substr(0, eq), value = eq == std::string::npos ? "" : part.substr(eq + 1);
                if (key == "place-recall") req.place_recall = std::atof(value.c_str());
                else if (key == "quotes-right") req.quotes_right = std::atoi(value.c_str());
                else if (key == "speakers-wrong") req.speakers_wrong = std::atoi(value.c_str());
                else {
                    std::fprintf(stderr, "unknown requirement \"%s\": expected place-recall, quotes-right or speakers-wrong\n", key.c_str());
                    return 2;
                }
            }
        } else if (cli::asks_for_help(arg)) {
            return cli::print_usage(kUsage, true);
        } else if (!arg.empty() && arg[0] == '-') {
            return cli::refuse_option(arg, kUsage);
        } else {
            items.push_back({arg, req});
        }
    }
    const auto gazetteer = cli::load_gazetteer(gazetteer_path, argv[0], "");
    if (!gazetteer) return 2;
    int status = 0;
    for (const auto& [item, requirements] : items) status = std::max(status, run_item(item, &*gazetteer, web_dir, requirements));
    return status;
}
