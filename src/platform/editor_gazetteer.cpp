// The editor's gazetteer in the browser (editor_gazetteer.h): fetches with the page's
// fetch(), merges with the core's parser, and answers the waiting prepare calls.
//
// Index: [SECTION] State | Fetching | Waiters | The platform API | Exports to the page
#include "platform/editor_gazetteer.h"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <vector>

#include "core/draft.h"
#include "core/gazetteer.h"
#include "platform/platform.h"

namespace explainer::platform {
namespace {

// [SECTION] State ------------------------------------------------------------------------

// One prepare call: what it needs (asked once the index is there) and what it waits for.
struct Waiter {
    std::function<std::vector<std::string>(const Gazetteer&)> needs;
    std::set<std::string> files;  // shard files still being fetched
    std::string error;
    GazetteerReady done;
};

// The gazetteer as far as it has arrived, and the fetches and prepare calls in flight:
// this file's only state, written by the fetch callbacks and the prepare calls.
struct GazetteerEdge {
    std::optional<Gazetteer> gazetteer;
    std::string error;                   // the latest failure, cleared when its file loads
    std::string error_file;
    std::map<int, std::string> fetching; // fetch id -> file
    int next_fetch = 1;
    std::vector<std::shared_ptr<Waiter>> waiters;
};

GazetteerEdge g_edge;

const std::string& index_file() {
    static const std::string file(kGazetteerIndexFile);
    return file;
}

bool is_fetching(const std::string& file) {
    return std::any_of(g_edge.fetching.begin(), g_edge.fetching.end(), [&](const auto& f) { return f.second == file; });
}

// [SECTION] Fetching -----------------------------------------------------------------------

// Fetches Module.gazetteerBase + file; the answer comes back through
// explainer_gazetteer_fetched, always (a failure, a 404 or no answer in time included).
void fetch_file(const std::string& file) {
    if (is_fetching(file)) return;
    const int id = g_edge.next_fetch++;
    g_edge.fetching[id] = file;
    EM_ASM({
        const file = UTF8ToString($0);
        const id = $1;
        const base = Module['gazetteerBase'] || 'gazetteer/';
        const timeout = Module['gazetteerTimeoutMs'] || 30000;
        const controller = new AbortController();
        let answered = false;
        const answer = (bytes, error) => {
            if (answered) return;
            answered = true;
            clearTimeout(timer);
            const size = bytes ? bytes.length : 0;
            const pointer = _malloc(size + 1);
            if (bytes) HEAPU8.set(bytes, pointer);
            ccall('explainer_gazetteer_fetched', null, ['number', 'number', 'number', 'string'], [id, pointer, size, error]);
            _free(pointer);
        };
        const timer = setTimeout(() => {
            controller.abort();
            answer(null, 'no answer in ' + Math.round(timeout / 1000) + ' s');
        }, timeout);
        fetch(base + file, {signal: controller.signal})
            .then((response) => {
                if (!response.ok) throw new Error('HTTP ' + response.status + (response.statusText ? " " + response.statusText : ""));
                return response.arrayBuffer();
            })
            .then((buffer) => answer(new Uint8Array(buffer), ""),
                  (error) => answer(null, (error && error.message) || String(error)));
    }, file.c_str(), id);
}

// [SECTION] Waiters ------------------------------------------------------------------------

// Calls a finished waiter's callback from a later event, as editor_gazetteer.h promises.
void finish(std::shared_ptr<Waiter> waiter) {
    auto* held = new std::shared_ptr<Waiter>(std::move(waiter));
    emscripten_async_call(
        [](void* arg) {
            std::unique_ptr<std::shared_ptr<Waiter>> w(static_cast<std::shared_ptr<Waiter>*>(arg));
            (*w)->done((*w)->error);
        },
        held, 0);
}

// With the index loaded: fetches what the waiter needs, or finishes it.
void start(const std::shared_ptr<Waiter>& waiter) {
    for (const std::string& shard : waiter->needs(*g_edge.gazetteer)) waiter->files.insert(shard_file_name(shard));
    for (const std::string& file : waiter->files) fetch_file(file);
}

// Settles the waiters after `file` arrived (error "" on success) and drops finished ones.
void settle(const std::string& file, const std::string& error) {
    std::vector<std::shared_ptr<Waiter>> waiting;
    waiting.swap(g_edge.waiters);
    for (auto& waiter : waiting) {
        if (file == index_file()) {
            if (error.empty()) start(waiter);
            else waiter->error = error;
        } else if (waiter->files.erase(file) && !error.empty() && waiter->error.empty()) {
            waiter->error = error;
        }
        const bool waits_for_index = !g_edge.gazetteer && error.empty();
        if (waits_for_index || !waiter->files.empty()) g_edge.waiters.push_back(std::move(waiter));
        else finish(std::move(waiter));
    }
}

void prepare(std::function<std::vector<std::string>(const Gazetteer&)> needs, GazetteerReady done) {
    auto waiter = std::make_shared<Waiter>(Waiter{std::move(needs), {}, "", std::move(done)});
    if (g_edge.gazetteer) {
        start(waiter);
        if (waiter->files.empty()) {
            finish(std::move(waiter));
            return;
        }
    } else {
        load_editor_gazetteer();
    }
    g_edge.waiters.push_back(std::move(waiter));
}

// The prefix of a shard file ("s-san_.txt" -> "san "), for add_shard.
std::string shard_of_file(const std::string& file) {
    const Gazetteer& g = *g_edge.gazetteer;
    for (const std::string& shard : g.shards())
        if (shard_file_name(shard) == file) return shard;
    return "";
}

} // namespace

// [SECTION] The platform API ------------------------------------------------------------------

void load_editor_gazetteer() {
    if (!g_edge.gazetteer) fetch_file(index_file());
}

const Gazetteer* editor_gazetteer() { return g_edge.gazetteer ? &*g_edge.gazetteer : nullptr; }

const std::string& editor_gazetteer_error() { return g_edge.error; }

void prepare_place_search(const std::string& query, GazetteerReady done) {
    prepare([query](const Gazetteer& g) { return g.shards_for_search(query); }, std::move(done));
}

void prepare_draft_places(const DraftInput& input, GazetteerReady done) {
    prepare(
        [names = draft_place_names(input)](const Gazetteer& g) {
            std::set<std::string> shards;
            for (const std::string& name : names)
                for (std::string& shard : g.shards_for_name(name)) shards.insert(std::move(shard));
            return std::vector<std::string>(shards.begin(), shards.end());
        },
        std::move(done));
}

} // namespace explainer::platform

// [SECTION] Exports to the page ---------------------------------------------------------------

using namespace explainer;
using json = nlohmann::json;

namespace {

// Resolves the page's promise for a prepare call (Module.gazetteerRequests: id -> resolve).
platform::GazetteerReady resolve_request(int request) {
    return [request](const std::string& error) {
        EM_ASM({
            const requests = Module['gazetteerRequests'];
            const resolve = requests && requests.get($0);
            if (!resolve) return;
            requests.delete($0);
            resolve(UTF8ToString($1));
        }, request, error.c_str());
    };
}

} // namespace

namespace explainer::platform {

nlohmann::json place_hit_to_json(const PlaceHit& hit) {
    nlohmann::json h = {{"name", hit.name}, {"country", hit.country}, {"population", hit.population}};
    h["lat"] = hit.has_location ? nlohmann::json(hit.lat) : nlohmann::json(nullptr);
    h["lon"] = hit.has_location ? nlohmann::json(hit.lon) : nlohmann::json(nullptr);
    switch (hit.kind) {
    case PlaceHit::Kind::Place:
        h.update({{"kind", "place"}, {"source", "GeoNames"}, {"id", std::to_string(hit.geonameid)},
                  {"url", "https://www.geonames.org/" + std::to_string(hit.geonameid)}});
        break;
    case PlaceHit::Kind::Country:
        h.update({{"kind", "country"}, {"source", "ISO 3166-1"}, {"id", hit.code}, {"code", hit.code}});
        break;
    case PlaceHit::Kind::Region:
        h.update({{"kind", "region"}, {"source", "UN M49"}, {"id", hit.code}, {"code", hit.code}});
        break;
    }
    return h;
}

} // namespace explainer::platform

extern "C" {

// The answer to fetch_file: the bytes, or the error ("HTTP 404 Not Found").
EMSCRIPTEN_KEEPALIVE void explainer_gazetteer_fetched(int id, const char* bytes, std::size_t size, const char* fetch_error) {
    using namespace platform;
    const auto it = g_edge.fetching.find(id);
    if (it == g_edge.fetching.end()) return;
    const std::string file = it->second;
    g_edge.fetching.erase(it);
    std::string error;
    if (*fetch_error) {
        error = fetch_error;
    } else if (file == index_file()) {
        g_edge.gazetteer = Gazetteer::parse(std::string_view(bytes, size), error);
    } else if (g_edge.gazetteer) {
        const std::string shard = shard_of_file(file);
        g_edge.gazetteer->add_shard(shard, std::string_view(bytes, size), error);
    }
    if (!error.empty()) {
        // "gazetteer/s-kra.txt: HTTP 404"; a parse error already names the file.
        g_edge.error = error.rfind("gazetteer", 0) == 0 ? error : "gazetteer/" + file + ": " + error;
        g_edge.error_file = file;
    } else if (file == g_edge.error_file) {
        g_edge.error.clear();
        g_edge.error_file.clear();
    }
    settle(file, error.empty() ? "" : g_edge.error);
}

EMSCRIPTEN_KEEPALIVE void explainer_gazetteer_load() { platform::load_editor_gazetteer(); }

EMSCRIPTEN_KEEPALIVE const char* explainer_gazetteer_status() {
    const Gazetteer* g = platform::editor_gazetteer();
    std::size_t merged = 0;
    if (g)
        for (const std::string& shard : g->shards()) merged += g->has_shard(shard) ? 1 : 0;
    return platform::js_string(json{{"loaded", g != nullptr},
                       {"loading", !platform::g_edge.fetching.empty()},
                       {"error", platform::editor_gazetteer_error()},
                       {"places", g ? g->place_count() : 0},
                       {"shards", g ? g->shards().size() : 0},
                       {"shardsMerged", merged}}
                      .dump());
}

// Searches what is merged now: [{name, country, lat, lon, population, source, id, kind,
// code, url?}], best first ([] before the index is loaded).
EMSCRIPTEN_KEEPALIVE const char* explainer_gazetteer_search(const char* query, int limit) {
    json out = json::array();
    if (const Gazetteer* g = platform::editor_gazetteer())
        for (const PlaceHit& hit : search_places(*g, query, static_cast<std::size_t>(std::max(limit, 0))))
            out.push_back(platform::place_hit_to_json(hit));
    return platform::js_string(out.dump(-1, ' ', false, json::error_handler_t::replace));
}

EMSCRIPTEN_KEEPALIVE void explainer_gazetteer_prepare_search(const char* query, int request) {
    platform::prepare_place_search(query, resolve_request(request));
}

// A bad input is the draft's to report: prepare then resolves at once with "".
EMSCRIPTEN_KEEPALIVE void explainer_gazetteer_prepare_draft(const char* input_json, int request) {
    DraftInput input;
    draft_input_from_json(input_json, input);
    platform::prepare_draft_places(input, resolve_request(request));
}

} // extern "C"
