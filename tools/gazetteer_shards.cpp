// Splits the gazetteer (tools/build-gazetteer.mjs) for the browser: an index that the
// editor always fetches (the countries, the regions, the states and provinces that share a
// place's name, the most populous places and the
// list of shards) and shards fetched on demand, each the places whose folded names
// (name_key and loose_name_key, src/core/gazetteer.h) fall in one range of keys, about
// --shard-places places (150) each, so a lookup needs one small shard. A place is in the
// shard of each of its keys; the index's places are in no shard. The output is read back with the core's own parser (Gazetteer::parse
// and add_shard) before the tool succeeds, and must hold every place of the full file.
//
//   explainer-gazetteer-shards GAZETTEER.txt OUT-DIR [--index-places N] [--shard-places N]
//
// Built natively and, for the web build, with Emscripten for Node (cmake/gazetteer.cmake).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/gazetteer.h"

namespace {

using explainer::Gazetteer;

struct Place {
    std::vector<std::string> fields;  // the P record's fields; the last (the id step) is rewritten
    std::int64_t id = 0;
    std::int64_t population = 0;
    std::set<std::string> keys;       // name_key and loose_name_key of every name
};

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> out;
    std::string piece;
    std::istringstream in(line);
    while (std::getline(in, piece, separator)) out.push_back(piece);
    if (!line.empty() && line.back() == separator) out.emplace_back();
    return out;
}

// The places' lines, sorted by id, each with its step from the one before.
std::string place_lines(const std::vector<const Place*>& places) {
    std::vector<const Place*> sorted = places;
    std::sort(sorted.begin(), sorted.end(), [](const Place* a, const Place* b) { return a->id < b->id; });
    std::string out;
    std::int64_t previous = 0;
    for (const Place* p : sorted) {
        for (std::size_t i = 0; i + 1 < p->fields.size(); ++i) out += p->fields[i] + '\t';
        out += std::to_string(p->id - previous) + '\n';
        previous = p->id;
    }
    return out;
}

// The shortest start for a shard whose first key is `key`, the one before it `previous`:
// the shortest prefix of `key` that sorts after `previous`.
std::string shard_start(const std::string& previous, const std::string& key) {
    std::size_t n = 1;
    while (n < key.size() && key.substr(0, n) <= previous) ++n;
    return key.substr(0, n);
}

// Cuts the sorted keys into ranges of about `target` places, each cut where its start is
// shortest among the cuts between 3/4 and 5/4 of the target ("san j" rather than
// "san jose de"), since the index lists every start.
std::map<std::string, std::vector<const Place*>> cut_shards(const std::map<std::string, std::set<const Place*>>& by_key, std::size_t target) {
    std::vector<std::pair<std::string, const std::set<const Place*>*>> keys;
    for (const auto& [key, places] : by_key) keys.push_back({key, &places});
    std::map<std::string, std::vector<const Place*>> shards;
    std::size_t begin = 0;
    while (begin < keys.size()) {
        std::size_t end = begin, count = 0, best = keys.size();
        std::string best_start;
        // Places with several keys in one shard count more than once: near enough.
        while (end < keys.size() && count < target * 5 / 4) {
            count += keys[end].second->size();
            ++end;
            if (end < keys.size() && count >= target * 3 / 4) {
                std::string start = shard_start(keys[end - 1].first, keys[end].first);
                if (start.size() <= explainer::kMaxShardStart && (best == keys.size() || start.size() < best_start.size())) {
                    best = end;
                    best_start = std::move(start);
                }
            }
        }
        if (end < keys.size() && best == keys.size()) {
            // No short start in the window: take the next one that is short enough.
            while (end < keys.size() && shard_start(keys[end - 1].first, keys[end].first).size() > explainer::kMaxShardStart) ++end;
            best = end;
        }
        if (end >= keys.size()) best = keys.size();
        const std::string name = begin == 0 ? keys[0].first.substr(0, 1) : shard_start(keys[begin - 1].first, keys[begin].first);
        std::set<const Place*> places;
        for (std::size_t k = begin; k < best; ++k) places.insert(keys[k].second->begin(), keys[k].second->end());
        shards[name].assign(places.begin(), places.end());
        begin = best;
    }
    return shards;
}

bool write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: explainer-gazetteer-shards GAZETTEER.txt OUT-DIR [--index-places N] [--shard-places N]\n";
        return 2;
    }
    std::size_t index_places = 2000, shard_places = 150;
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::size_t value = std::strtoul(argv[i + 1], nullptr, 10);
        if (flag == "--index-places") index_places = value;
        else if (flag == "--shard-places" && value > 0) shard_places = value;
        else {
            std::cerr << "explainer-gazetteer-shards: unknown option " << flag << "\n";
            return 2;
        }
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "explainer-gazetteer-shards: cannot read " << argv[1] << "\n";
        return 1;
    }
    const std::string full_text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string error;
    const auto full = Gazetteer::parse(full_text, error);
    if (!full) {
        std::cerr << argv[1] << ": " << error << "\n";
        return 1;
    }

    // [SECTION] Read the records: comments, countries and regions go to the index, and the
    // divisions that share a name with a place (the others change no draft).
    std::string header, index_records;
    std::vector<std::string> division_lines;
    std::vector<Place> places;
    std::istringstream lines(full_text);
    std::string line;
    std::int64_t id = 0;
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        if (line[0] == '#') {
            header += line + '\n';
            continue;
        }
        if (line[0] == 'D') {
            division_lines.push_back(line);
            continue;
        }
        if (line[0] != 'P') {
            index_records += line + '\n';
            continue;
        }
        Place p;
        p.fields = split(line, '\t');  // checked by the parse above: 8 fields
        id += std::stoll(p.fields[7]);
        p.id = id;
        p.population = std::stoll(p.fields[4]);
        for (const std::string& name : split(p.fields[1], '|'))
            for (std::string key : {explainer::name_key(name), explainer::loose_name_key(name)})
                if (!key.empty()) p.keys.insert(std::move(key));
        places.push_back(std::move(p));
    }

    std::set<std::string> place_keys;
    for (const Place& p : places) place_keys.insert(p.keys.begin(), p.keys.end());
    std::size_t divisions = 0;
    for (const std::string& line : division_lines)
        if (place_keys.count(explainer::name_key(split(line, '\t')[2]))) {  // checked by the parse above: 3 fields
            index_records += line + '\n';
            ++divisions;
        }

    // [SECTION] The most populous places go to the index, the rest to shards.
    std::vector<const Place*> by_population;
    for (const Place& p : places) by_population.push_back(&p);
    std::stable_sort(by_population.begin(), by_population.end(), [](const Place* a, const Place* b) { return a->population > b->population; });
    const std::size_t in_index = std::min(index_places, by_population.size());
    const std::vector<const Place*> index_list(by_population.begin(), by_population.begin() + static_cast<std::ptrdiff_t>(in_index));
    std::map<std::string, std::set<const Place*>> by_key;
    std::size_t unnamed = 0;
    for (std::size_t i = in_index; i < by_population.size(); ++i) {
        const Place* p = by_population[i];
        if (p->keys.empty()) ++unnamed;  // no Latin name: no lookup finds it, in the full file either
        for (const std::string& key : p->keys) by_key[key].insert(p);
    }
    const std::map<std::string, std::vector<const Place*>> shards = cut_shards(by_key, shard_places);

    // [SECTION] Write them.
    const std::filesystem::path out_dir = argv[2];
    std::filesystem::remove_all(out_dir);
    std::filesystem::create_directories(out_dir);
    std::string index = header + index_records;
    for (const auto& [prefix, list] : shards) index += "S\t" + prefix + "\t" + std::to_string(list.size()) + '\n';
    index += place_lines(index_list);
    bool ok = write_file(out_dir / std::string(explainer::kGazetteerIndexFile), index);
    const std::string shard_header = header.substr(0, header.find('\n') + 1) +
                                     "# GeoNames (https://www.geonames.org), CC BY 4.0: a shard of the explainer's gazetteer.\n";
    std::map<std::string, std::string> shard_texts;
    for (const auto& [prefix, list] : shards) {
        shard_texts[prefix] = shard_header + place_lines(list);
        ok = ok && write_file(out_dir / explainer::shard_file_name(prefix), shard_texts[prefix]);
    }
    if (!ok) {
        std::cerr << "explainer-gazetteer-shards: cannot write " << out_dir << "\n";
        return 1;
    }

    // [SECTION] Read back with the core's parser: every place of the full file is there.
    auto merged = Gazetteer::parse(index, error);
    for (const auto& [prefix, text] : shard_texts)
        if (merged && !merged->add_shard(prefix, text, error)) merged.reset();
    if (!merged) {
        std::cerr << "explainer-gazetteer-shards: the output does not read back: " << error << "\n";
        return 1;
    }
    if (merged->place_count() + unnamed != full->place_count()) {
        std::cerr << "explainer-gazetteer-shards: " << merged->place_count() << " places read back, expected " << full->place_count() - unnamed << "\n";
        return 1;
    }
    std::size_t largest = 0;  // places
    for (const auto& [prefix, list] : shards) largest = std::max(largest, list.size());
    std::cout << "gazetteer for the web: index " << index.size() << " bytes (" << in_index << " places, " << divisions
              << " of " << division_lines.size() << " divisions), " << shards.size()
              << " shards (at most " << largest << " places each) -> " << out_dir.string() << "\n";
    return 0;
}
