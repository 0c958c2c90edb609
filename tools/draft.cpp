// explainer-draft [--source S] [--published ISO] [--url URL] [--language TAG] [--gazetteer FILE] [--no-places] ARTICLE.txt|- > draft.json
//
// Drafts a pack from an article's plain text (src/core/draft.h): the first line is the
// headline, then optional "Source:", "Published:", "URL:" and "Language:" lines, then the paragraphs,
// separated by blank lines. Flags win over those lines. The gazetteer is the build's
// gazetteer.txt (found beside this program unless --gazetteer says where).
// --help (-h) prints the usage on stdout. Exit status: 0 with the pack on stdout (or
// the usage asked for); 1 when the text is refused (the reason on stderr); 2 for a usage
// error or a file that cannot be read.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "core/draft.h"
#include "core/gazetteer.h"
#include "cli_files.h"

namespace {

constexpr std::size_t kReadLimit = 8u * 1024u * 1024u;  // draft_pack refuses more than 2 MiB with its own message

constexpr const char* kUsage =
    "usage: explainer-draft [--source S] [--published YYYY-MM-DD] [--url URL] [--language TAG] [--gazetteer FILE] [--no-places] ARTICLE.txt|-\n";

int usage() { return explainer::cli::print_usage(kUsage, false); }

} // namespace

int main(int argc, char** argv) {
    explainer::DraftInput input;
    std::string gazetteer_path;
    std::string article_path;
    bool places = true;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&](std::string& target) {
            if (i + 1 >= argc) return false;
            target = argv[++i];
            return true;
        };
        if (explainer::cli::asks_for_help(arg)) return explainer::cli::print_usage(kUsage, true);
        else if (arg == "--source") { if (!value(input.source)) return usage(); }
        else if (arg == "--published") { if (!value(input.published)) return usage(); }
        else if (arg == "--url") { if (!value(input.url)) return usage(); }
        else if (arg == "--language") { if (!value(input.language)) return usage(); }
        else if (arg == "--gazetteer") { if (!value(gazetteer_path)) return usage(); }
        else if (arg == "--no-places") places = false;
        else if (arg.size() > 1 && arg[0] == '-') return explainer::cli::refuse_option(arg, kUsage);
        else if (article_path.empty()) article_path = arg;
        else return usage();
    }
    if (article_path.empty()) return usage();
    const auto text = explainer::cli::read_file(article_path, kReadLimit);
    if (!text) {
        std::fprintf(stderr, "%s: cannot read the file\n", article_path.c_str());
        return 2;
    }
    if (const std::string error = explainer::parse_article_text(*text, input); !error.empty()) {
        std::fprintf(stderr, "%s: error: %s\n", article_path.c_str(), error.c_str());
        return 1;
    }
    std::optional<explainer::Gazetteer> gazetteer;
    if (places) {
        gazetteer = explainer::cli::load_gazetteer(gazetteer_path, argv[0],
                                                   " (build it with scripts/build native, or pass --gazetteer FILE or --no-places)");
        if (!gazetteer) return 2;
    }
    const explainer::DraftResult result = explainer::draft_pack(input, gazetteer ? &*gazetteer : nullptr);
    if (!result.error.empty()) {
        const char* where = result.error.starts_with("published:") ? " (a \"Published:\" line of the text, or --published)" : "";
        std::fprintf(stderr, "%s: error: %s%s\n", article_path.c_str(), result.error.c_str(), where);
        return 1;
    }
    for (const std::string& warning : result.warnings) std::fprintf(stderr, "%s: warning: %s\n", article_path.c_str(), warning.c_str());
    std::fwrite(result.pack_json.data(), 1, result.pack_json.size(), stdout);
    return 0;
}
