// explainer-validate PACK.json [...]
// explainer-validate --format PACK.json [...]
//
// Runs the app's own loader (load_pack) on each pack, prints every problem to stderr
// as FILE:LINE:COL or FILE: at /json/pointer, and one summary line per pack to stdout.
// With --format, each pack is rewritten in place in its canonical form (format_pack():
// the form the editor saves), after the same checks; a pack that is not JSON is left
// alone. --help (-h) prints the usage on stdout. Exit status: 0 when every pack is valid
// (or the usage was asked for), 1 when any pack has errors, 2 when a file cannot be read
// or written (or no file was given, or an unknown option).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack.h"
#include "core/pack_edit.h"
#include "cli_files.h"

namespace {

constexpr std::size_t kReadLimit = 64u * 1024u * 1024u;  // load_pack refuses > 4 MiB with a clear message
constexpr const char* kUsage = "usage: explainer-validate [--format] PACK.json|- [...]\n";

// "45 entities (12 places, 4 people, ...)"
std::string summary_of(const explainer::Pack& pack) {
    using explainer::EntityKind;
    const EntityKind order[] = {EntityKind::Place, EntityKind::Person, EntityKind::Organisation, EntityKind::Event,
                                EntityKind::Quote, EntityKind::Figure,       EntityKind::Work};
    static_assert(std::size(order) == explainer::kEntityKindCount, "every kind is counted");
    const char* singular[] = {"place", "person", "organisation", "event", "quote", "figure", "work"};
    const char* plural[] = {"places", "people", "organisations", "events", "quotes", "figures", "works"};
    std::ostringstream out;
    out << pack.entities.size() << (pack.entities.size() == 1 ? " entity" : " entities") << " (";
    bool first = true;
    for (std::size_t k = 0; k < std::size(order); ++k) {
        std::size_t n = 0;
        for (const auto& e : pack.entities) n += e.kind == order[k] ? 1 : 0;
        if (n == 0) continue;
        out << (first ? "" : ", ") << n << ' ' << (n == 1 ? singular[k] : plural[k]);
        first = false;
    }
    out << "), " << pack.article.paragraphs.size() << " paragraphs";
    return out.str();
}

// Rewrites the file in canonical form when it is JSON and not canonical already.
bool write_canonical(const char* path, const std::string& text) {
    const auto document = explainer::parse_pack_document(text);
    if (!document) {
        std::fprintf(stderr, "%s: not formatted: the file is not JSON\n", path);
        return true;
    }
    const std::string canonical = explainer::format_pack(*document);
    if (canonical == text) return true;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << canonical;
    if (!out) {
        std::fprintf(stderr, "%s: error: cannot write the formatted pack\n", path);
        return false;
    }
    std::fprintf(stderr, "%s: formatted\n", path);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    explainer::enable_author_checks();
    bool format = false;
    std::vector<const char*> packs;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (explainer::cli::asks_for_help(arg)) return explainer::cli::print_usage(kUsage, true);
        if (arg == "--format") format = true;
        else if (arg.size() > 1 && arg[0] == '-') return explainer::cli::refuse_option(arg, kUsage);
        else packs.push_back(argv[i]);
    }
    if (packs.empty()) return explainer::cli::print_usage(kUsage, false);
    int status = 0;
    for (const char* path : packs) {
        const auto text = explainer::cli::read_file(path, kReadLimit);
        if (!text) {
            std::fprintf(stderr, "%s: error: cannot read the file\n", path);
            std::printf("%s: unreadable\n", path);
            status = 2;
            continue;
        }
        const explainer::LoadResult result = explainer::load_pack(*text, path);
        for (const auto& d : result.errors) std::fprintf(stderr, "%s\n", explainer::format_diagnostic(d).c_str());
        for (const auto& d : result.warnings) std::fprintf(stderr, "%s\n", explainer::format_diagnostic(d).c_str());
        const std::size_t warnings = result.warnings.size();
        const std::string warned = warnings == 0 ? std::string()
            : ", " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
        if (result.pack) {
            std::printf("%s: ok \xE2\x80\x94 %s%s\n", path, summary_of(*result.pack).c_str(), warned.c_str());
        } else {
            std::printf("%s: %zu error%s%s\n", path, result.errors.size(), result.errors.size() == 1 ? "" : "s", warned.c_str());
            if (status == 0) status = 1;
        }
        if (format && !write_canonical(path, *text)) status = 2;
    }
    return status;
}
