// What the command-line tools (explainer-validate, explainer-draft, explainer-draft-bench)
// share: their usage message, reading a file or standard input with a cap, and loading
// the build's gazetteer.
#pragma once
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "core/gazetteer.h"

namespace explainer::cli {

// "--help" or "-h": a request for the usage, not a file.
inline bool asks_for_help(std::string_view arg) { return arg == "--help" || arg == "-h"; }

// Prints `usage` and returns the exit status: asked for (--help), on stdout with 0, as
// a script reading the help expects; after a mistaken command line, on stderr with 2.
inline int print_usage(const char* usage, bool asked) {
    std::fputs(usage, asked ? stdout : stderr);
    return asked ? 0 : 2;
}

// An argument that looks like an option and is none: named, then the usage, status 2.
// A file whose name starts with '-' is still read as "./-name".
inline int refuse_option(std::string_view arg, const char* usage) {
    std::fprintf(stderr, "unknown option \"%.*s\" (a file whose name starts with '-' is given as \"./%.*s\")\n",
                 static_cast<int>(arg.size()), arg.data(), static_cast<int>(arg.size()), arg.data());
    return print_usage(usage, false);
}

// All of `in`, or as soon as it passes `limit` bytes what was read so far: the caller's
// parser then refuses the oversized text with its own message. nullopt on a read error.
inline std::optional<std::string> read_all(std::istream& in, std::size_t limit) {
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > limit) break;
    }
    if (in.bad()) return std::nullopt;
    return text;
}

// A file ("-" for standard input), read as read_all does; nullopt when it cannot be opened.
inline std::optional<std::string> read_file(const std::string& path, std::size_t limit) {
    if (path == "-") return read_all(std::cin, limit);
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return read_all(in, limit);
}

// The gazetteer at `path`, or (when it is empty) the build's gazetteer.txt beside the
// program. Says on stderr why it could not be loaded (with `hint` after an unreadable file).
inline std::optional<Gazetteer> load_gazetteer(std::string path, const char* argv0, const char* hint) {
    constexpr std::size_t kGazetteerLimit = 256u * 1024u * 1024u;
    if (path.empty()) {
        const std::string self = argv0;
        const std::size_t slash = self.rfind('/');
        path = (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/gazetteer.txt";
    }
    const auto data = read_file(path, kGazetteerLimit);
    if (!data) {
        std::fprintf(stderr, "%s: cannot read the gazetteer%s\n", path.c_str(), hint);
        return std::nullopt;
    }
    std::string error;
    std::optional<Gazetteer> gazetteer = Gazetteer::parse(*data, error);
    if (!gazetteer) std::fprintf(stderr, "%s: %s\n", path.c_str(), error.c_str());
    return gazetteer;
}

} // namespace explainer::cli
