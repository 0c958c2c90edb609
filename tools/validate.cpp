// explainer-validate PACK.json [...]
//
// Runs the app's own loader (load_pack) on each pack, prints every problem to stderr
// as FILE:LINE:COL or FILE: at /json/pointer, and one summary line per pack to stdout.
// Exit status: 0 when every pack is valid, 1 when any pack has errors, 2 when a file
// cannot be read (or no file was given).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>

#include "core/pack.h"

namespace {

constexpr std::size_t kReadLimit = 64u * 1024u * 1024u;  // load_pack refuses > 4 MiB with a clear message

std::optional<std::string> read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kReadLimit) break;
    }
    if (in.bad()) return std::nullopt;
    return text;
}

// "45 entities (12 places, 4 people, ...)"
std::string summary_of(const explainer::Pack& pack) {
    using explainer::EntityKind;
    const EntityKind order[] = {EntityKind::Place, EntityKind::Person, EntityKind::Organisation,
                                EntityKind::Event, EntityKind::Quote,  EntityKind::Figure};
    const char* singular[] = {"place", "person", "organisation", "event", "quote", "figure"};
    const char* plural[] = {"places", "people", "organisations", "events", "quotes", "figures"};
    std::ostringstream out;
    out << pack.entities.size() << (pack.entities.size() == 1 ? " entity" : " entities") << " (";
    bool first = true;
    for (int k = 0; k < 6; ++k) {
        std::size_t n = 0;
        for (const auto& e : pack.entities) n += e.kind == order[k] ? 1 : 0;
        if (n == 0) continue;
        out << (first ? "" : ", ") << n << ' ' << (n == 1 ? singular[k] : plural[k]);
        first = false;
    }
    out << "), " << pack.article.paragraphs.size() << " paragraphs";
    return out.str();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PACK.json [...]\n", argv[0]);
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        const auto text = read_file(argv[i]);
        if (!text) {
            std::fprintf(stderr, "%s: error: cannot read the file\n", argv[i]);
            std::printf("%s: unreadable\n", argv[i]);
            status = 2;
            continue;
        }
        const explainer::LoadResult result = explainer::load_pack(*text, argv[i]);
        for (const auto& d : result.errors) std::fprintf(stderr, "%s\n", explainer::format_diagnostic(d).c_str());
        for (const auto& d : result.warnings) std::fprintf(stderr, "%s\n", explainer::format_diagnostic(d).c_str());
        const std::size_t warnings = result.warnings.size();
        const std::string warned = warnings == 0 ? std::string()
            : ", " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
        if (result.pack) {
            std::printf("%s: ok \xE2\x80\x94 %s%s\n", argv[i], summary_of(*result.pack).c_str(), warned.c_str());
        } else {
            std::printf("%s: %zu error%s%s\n", argv[i], result.errors.size(), result.errors.size() == 1 ? "" : "s", warned.c_str());
            if (status == 0) status = 1;
        }
    }
    return status;
}
