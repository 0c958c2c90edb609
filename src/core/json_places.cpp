// Places of offsets and of JSON Pointers in a JSON text (json_places.h).
#include "json_places.h"

#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "index_sort.h"
#include "pack.h"  // pointer_escape

namespace explainer {

std::vector<TextPlace> places_of_offsets(std::string_view text, std::span<const std::size_t> offsets) {
    std::vector<std::size_t> order = identity_order(offsets.size());
    stable_sort_indices(order, [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
    std::vector<TextPlace> places(offsets.size());
    TextPlace at{1, 1};
    std::size_t i = 0;
    for (const std::size_t k : order) {
        const std::size_t offset = std::min(offsets[k], text.size());
        for (; i < offset; ++i) {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            if (c == '\n') {
                ++at.line;
                at.column = 1;
            } else if ((c & 0xC0u) != 0x80u) {
                ++at.column;  // a character's first byte
            }
        }
        places[k] = at;
    }
    return places;
}

namespace {

// A scan of a JSON text that parsed, value by value, keeping the pointer of the value at hand.
class PointerScan {
public:
    explicit PointerScan(std::string_view text) : text_(text) {}

    // Calls found(pointer, offset) at the start of every value, the root's pointer "".
    template <typename Found>
    void run(Found&& found) {
        skip_space();
        for (;;) {
            found(std::string_view(pointer_), at_);
            if (at_ >= text_.size()) return;
            const char c = text_[at_];
            if (c == '{' || c == '[') {
                open(c == '[');
                if (!stack_.empty() && stack_.back().opened_member) continue;  // a first member's value is next
            } else {
                skip_scalar();
            }
            if (!close_and_advance()) return;
        }
    }

private:
    struct Container {
        bool array = false;
        std::size_t index = 0;
        std::size_t pointer_length = 0;  // the container's own pointer
        bool opened_member = false;
    };

    void skip_space() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) ++at_;
    }

    // After '"' at at_: the offset just past the closing quote.
    std::size_t string_end(std::size_t from) const {
        for (std::size_t i = from + 1; i < text_.size(); ++i) {
            if (text_[i] == '\\') ++i;
            else if (text_[i] == '"') return i + 1;
        }
        return text_.size();
    }

    void skip_scalar() {
        if (text_[at_] == '"') {
            at_ = string_end(at_);
            return;
        }
        while (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '}' && text_[at_] != ']' && text_[at_] != ' ' &&
               text_[at_] != '\n' && text_[at_] != '\r' && text_[at_] != '\t')
            ++at_;
    }

    // Reads `"key" :` at at_ and appends the key to the pointer.
    void member_key() {
        const std::size_t end = string_end(at_);
        const nlohmann::json key = nlohmann::json::parse(text_.substr(at_, end - at_), nullptr, false);
        pointer_ += '/';
        pointer_ += pointer_escape(key.is_string() ? key.get_ref<const std::string&>() : std::string());
        at_ = end;
        skip_space();
        if (at_ < text_.size() && text_[at_] == ':') ++at_;
        skip_space();
    }

    // Enters the container at at_; opened_member tells whether a first value follows.
    void open(bool array) {
        stack_.push_back({array, 0, pointer_.size(), false});
        ++at_;
        skip_space();
        if (at_ < text_.size() && text_[at_] == (array ? ']' : '}')) return;  // empty: closed below
        stack_.back().opened_member = true;
        if (array) pointer_ += "/0";
        else member_key();
    }

    // After a value: closes the containers that end here, then moves to the next member
    // or element. False at the end of the document.
    bool close_and_advance() {
        for (;;) {
            skip_space();
            if (stack_.empty()) return false;
            Container& top = stack_.back();
            pointer_.resize(top.pointer_length);
            if (at_ < text_.size() && text_[at_] == ',') {
                ++at_;
                skip_space();
                if (top.array) pointer_ += "/" + std::to_string(++top.index);
                else member_key();
                return true;
            }
            // '}' or ']' (or the end of a text that was cut short): the container ends.
            if (at_ < text_.size()) ++at_;
            stack_.pop_back();
            if (at_ >= text_.size() && !stack_.empty()) return false;
        }
    }

    std::string_view text_;
    std::size_t at_ = 0;
    std::string pointer_;
    std::vector<Container> stack_;
};

} // namespace

std::vector<TextPlace> places_of_pointers(std::string_view text, std::span<const std::string> pointers) {
    // Every pointer and each of its ancestors: the deepest one found stands for it.
    std::unordered_map<std::string, std::size_t> offsets;
    for (const std::string& pointer : pointers)
        for (std::size_t cut = pointer.size();; cut = pointer.rfind('/', cut - 1)) {
            offsets.emplace(pointer.substr(0, cut), std::string::npos);
            if (cut == 0 || cut == std::string::npos) break;
        }
    PointerScan(text).run([&](std::string_view pointer, std::size_t offset) {
        if (const auto it = offsets.find(std::string(pointer)); it != offsets.end()) it->second = offset;
    });
    std::vector<std::size_t> found(pointers.size(), std::string::npos);
    for (std::size_t k = 0; k < pointers.size(); ++k)
        for (std::size_t cut = pointers[k].size();; cut = pointers[k].rfind('/', cut - 1)) {
            const std::size_t offset = offsets.at(pointers[k].substr(0, cut));
            if (offset != std::string::npos || cut == 0 || cut == std::string::npos) {
                found[k] = offset;
                break;
            }
        }
    std::vector<std::size_t> known;
    for (const std::size_t offset : found)
        if (offset != std::string::npos) known.push_back(offset);
    const std::vector<TextPlace> places = places_of_offsets(text, known);
    std::vector<TextPlace> out(pointers.size());
    for (std::size_t k = 0, next = 0; k < pointers.size(); ++k)
        if (found[k] != std::string::npos) out[k] = places[next++];
    return out;
}

} // namespace explainer
