// The article is laid out as far as it is read: a frame lays out the paragraphs it shows
// (and a screen more), so neither the first frame nor a new width costs the whole article,
// however long the pack; find, a text selection and the keyboard's Shift lay out the rest.
// What a reader sees must not depend on how much was laid out before: the same text in the
// same places, the end of the article at the End key, a find match wherever it is.
#include <string>

#include <gtest/gtest.h>

#include "headless.h"
#include "core/url_state.h"
#include "ui/article_text.h"

namespace explainer::ui::testing {
namespace {

// The entity ids and rects the article panel drew in the last frame.
std::vector<LocatedRect> article_rects(const Headless& h) {
    std::vector<LocatedRect> out;
    for (const LocatedRect& r : h.app.located)
        if (std::string(r.panel) == "article") out.push_back(r);
    return out;
}

bool same_rects(const std::vector<LocatedRect>& a, const std::vector<LocatedRect>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::string_view(a[i].id.text) != std::string_view(b[i].id.text) || a[i].x != b[i].x || a[i].y != b[i].y || a[i].w != b[i].w || a[i].h != b[i].h) return false;
    return true;
}

std::size_t paragraph_count(const Headless& h) { return h.app.store.pack().article.paragraphs.size(); }

// An article whose paragraphs are long words, two or three to a phone's line: its lines
// leave much of their width empty, so a paragraph is far taller than its characters at
// the average width suggest (the estimate the scroll range starts from).
Pack long_words_pack(int paragraphs, int words = 24) {
    std::string json = R"({"format": "explainer-pack/1", "id": "long-words", "title": "Test fixture: long words",
        "article": {"headline": "Test fixture: paragraphs of long words", "source": "Explainer test fixture",
                    "published": {"iso": "2024-02-01"}, "paragraphs": [)";
    for (int p = 0; p < paragraphs; ++p) {
        json += std::string(p ? "," : "") + R"({"id": "p)" + std::to_string(p) + R"(", "text": ")";
        for (int w = 0; w < words; ++w) json += std::string(w ? " " : "") + "Internationalisation" + std::to_string(p);
        json += R"("})";
    }
    json += R"(]}, "entities": []})";
    LoadResult loaded = load_pack(json, "long-words.json");
    EXPECT_TRUE(loaded.pack) << (loaded.errors.empty() ? "" : format_diagnostic(loaded.errors.front()));
    return loaded.pack ? std::move(*loaded.pack) : Pack{};
}

// A long article on a phone, whose article tab shows a few paragraphs at a time: the long
// pack (four copies of the seed), or 60 paragraphs of long words.
struct LongArticle : Headless {
    explicit LongArticle(bool long_words = false) : Headless(390, 844, 3) {
        if (long_words) app_set_pack(app, long_words_pack(60));
        else set_pack(EXPLAINER_LONG_PACK);
        settle();
    }
};

constexpr const char* kLongArticles[] = {"four copies of the seed", "paragraphs of long words"};

TEST(ArticleLayout, TheFirstFrameLaysOutWhatItShowsWhateverTheLength) {
    Headless seed(390, 844, 3);
    seed.set_pack(kSeed);
    seed.frame();
    LongArticle long_article;
    const std::uint64_t shown = long_article.app.paragraph_layouts;
    EXPECT_GT(shown, 0u);
    EXPECT_LT(shown, paragraph_count(long_article) / 2) << "a phone's first screens, not the whole article";
    EXPECT_EQ(seed.app.paragraph_layouts, shown) << "the seed's first frame lays out as many paragraphs as four copies of it";
    EXPECT_LT(shown, paragraph_count(seed)) << "or the seed would not tell";
}

TEST(ArticleLayout, WhatIsShownIsTheSameAfterTheWholeArticleIsLaidOut) {
    LongArticle h;
    const std::vector<LocatedRect> before = article_rects(h);
    const std::uint64_t picture = picture_hash();
    ASSERT_FALSE(before.empty());
    // A find lays out every paragraph; closed, it leaves nothing drawn of it.
    find_in_article(h.app.reading, h.app.store.pack(), h.app.store.pack_revision(), "Raqqa");
    h.frame();
    EXPECT_EQ(h.app.paragraph_layouts, paragraph_count(h));
    close_find(h.app.reading);
    h.settle();
    EXPECT_TRUE(same_rects(article_rects(h), before)) << "the mentions in view moved when the rest was laid out";
    EXPECT_EQ(picture_hash(), picture);
}

// End from the top: the scroll range grows as the paragraphs before the end are laid out,
// far past the estimate here, and the view goes all the way.
TEST(ArticleLayout, TheEndKeyReachesTheEndOfTheArticleFromTheTop) {
    for (const bool long_words : {false, true}) {
        SCOPED_TRACE(kLongArticles[long_words]);
        LongArticle h(long_words);
        ASSERT_LT(h.app.paragraph_layouts, paragraph_count(h)) << "the first frame laid out everything";
        h.click(ImVec2(195, 500));  // the keyboard goes to the article
        h.settle();
        EXPECT_LT(h.app.paragraph_layouts, paragraph_count(h)) << "the click laid out everything";
        h.key(ImGuiKey_End);
        h.settle();
        EXPECT_EQ(h.app.paragraph_layouts, paragraph_count(h)) << "the end is laid out, and so everything before it";
        // At the end: a further wheel notch down moves nothing.
        const std::vector<LocatedRect> at_end = article_rects(h);
        const std::uint64_t picture = picture_hash();
        h.wheel(ImVec2(195, 500), -3);
        h.settle();
        EXPECT_TRUE(same_rects(article_rects(h), at_end)) << "End stopped short of the article's end";
        EXPECT_EQ(picture_hash(), picture) << "End stopped short of the article's end";
    }
}

TEST(ArticleLayout, TheWheelReadsToTheEndLayingOutAsItGoes) {
    LongArticle h;
    const std::string last = h.app.store.pack().article.paragraphs.back().id;
    std::uint64_t laid_out = h.app.paragraph_layouts;
    int notches = 0;
    for (; notches < 400 && h.view().article_paragraph != last; ++notches) {
        h.wheel(ImVec2(195, 500), -3);
        h.settle();
        EXPECT_GE(h.app.paragraph_layouts, laid_out);
        EXPECT_LE(h.app.paragraph_layouts - laid_out, 8u) << "a wheel notch laid out more than a screen";
        laid_out = h.app.paragraph_layouts;
    }
    EXPECT_EQ(h.view().article_paragraph, last);
    EXPECT_EQ(h.app.paragraph_layouts, paragraph_count(h));
}

// A link lands on its paragraph in its first frame (no motion here), not on where the
// estimates put it before the paragraphs above were laid out.
TEST(ArticleLayout, ALinkToAParagraphFarDownShowsItFromItsFirstFrame) {
    for (const bool long_words : {false, true}) {
        SCOPED_TRACE(kLongArticles[long_words]);
        LongArticle h(long_words);
        h.info.reduced_motion = true;
        const std::string target = h.app.store.pack().article.paragraphs[30].id;
        h.app.store.dispatch(SetParagraphAction{target}, ChangeSource::Link, 0);
        h.frame();
        const std::vector<LocatedRect> first = article_rects(h);
        const std::uint64_t picture = picture_hash();
        h.settle();
        EXPECT_EQ(h.view().article_paragraph, target);
        EXPECT_LT(h.app.paragraph_layouts, paragraph_count(h)) << "the paragraphs after the view wait";
        EXPECT_TRUE(same_rects(article_rects(h), first)) << "the view moved after the link's first frame";
        EXPECT_EQ(picture_hash(), picture);
    }
}

TEST(ArticleLayout, FindJumpsToTheLastMatchInTheArticle) {
    LongArticle h;
    const FindResults& found = find_in_article(h.app.reading, h.app.store.pack(), h.app.store.pack_revision(), "Raqqa");
    ASSERT_GE(found.match_begins.size(), 4u) << "Raqqa in every copy";
    find_step(h.app.reading, -1);  // from the top, backwards: the last match
    h.settle();
    const std::optional<LocatedRect> current = h.located("find:current", "article");
    ASSERT_TRUE(current) << "the last match is on screen";
    EXPECT_GT(current->y, 0);
    EXPECT_LT(current->y, h.info.height);
    EXPECT_GE(h.app.store.pack().paragraph_index(h.view().article_paragraph).value_or(0), paragraph_count(h) - 12)
        << "the view is in the last copy of the seed";
}

// The editor changes the pack under an open find bar: the same search again counts the new
// text and draws its matches, keeping the match jumped to by its number, without scrolling.
TEST(ArticleLayout, FindAgainCountsTheEditedTextWithoutScrolling) {
    Headless h(1280, 800);
    h.set_pack(kSeed);
    h.settle();
    const std::size_t before = find_in_article(h.app.reading, h.app.store.pack(), h.app.store.pack_revision(), "Islamic State").match_begins.size();
    ASSERT_GE(before, 2u);
    find_step(h.app.reading, 1);
    find_step(h.app.reading, 1);
    h.settle();
    ASSERT_TRUE(h.located("find:current", "article"));
    const std::string top = h.view().article_paragraph;
    PackEdit edit;
    edit.apply = [](Pack& pack, PackEdit& inverse) {  // one more "Islamic State", at the article's end
        std::string& text = pack.article.paragraphs.back().text;
        inverse.apply = [old = text](Pack& back, PackEdit&) {
            back.article.paragraphs.back().text = old;
            return std::string();
        };
        text += " The Islamic State again.";
        return std::string();
    };
    h.app.store.dispatch(edit, ChangeSource::Editor, 0);
    h.settle();
    EXPECT_FALSE(h.located("find:current", "article")) << "matches found in the text before the edit are not drawn on the new one";
    const FindResults& again = find_again(h.app.reading, h.app.store.pack(), h.app.store.pack_revision());
    EXPECT_EQ(again.match_begins.size(), before + 1);
    EXPECT_EQ(again.current, 1) << "still the second match";
    h.settle();
    EXPECT_TRUE(h.located("find:current", "article")) << "drawn again, where it was";
    EXPECT_EQ(h.view().article_paragraph, top) << "and the article did not scroll";
}

// A click on a mention selects it where it is: the article scrolled to the entity's first
// mention, far above, and the reader lost their place. Selected elsewhere (the map), an
// entity with no mention in view still brings its first one in.
TEST(ArticleLayout, AClickedMentionStaysWhereItIs) {
    Headless h(1280, 800);
    h.set_pack(kSeed);
    h.settle();
    const Pack& pack = h.app.store.pack();
    h.app.store.dispatch(SetParagraphAction{"p9"}, ChangeSource::Link, 0);
    h.settle();
    // A mention in view of an entity first mentioned above it.
    std::optional<LocatedRect> clicked;
    for (const LocatedRect& r : article_rects(h)) {
        const Entity* e = pack.find(r.id.text);
        if (e && !e->mentions.empty() && e->mentions.front().paragraph_index < pack.paragraph_index("p9").value() && r.y > 40)
            if (!clicked) clicked = r;
    }
    ASSERT_TRUE(clicked) << "p9 in view mentions an entity met earlier";
    h.click(Headless::centre(*clicked));
    h.settle();
    EXPECT_EQ(h.view().selection, std::string(clicked->id.text));
    EXPECT_EQ(h.view().article_paragraph, "p9") << "the article stayed where the reader clicked";
    // Selected on the map, a place mentioned only far above the view brings its first
    // mention in.
    h.key(ImGuiKey_Escape);
    h.app.store.dispatch(SetParagraphAction{"p11"}, ChangeSource::Link, 0);
    h.settle();
    const std::size_t end = pack.paragraph_index("p11").value();
    std::optional<LocatedRect> marker;
    for (const LocatedRect& r : h.app.located) {
        const Entity* e = pack.find(r.id.text);
        if (marker || std::string(r.panel) != "map" || !e || e->kind != EntityKind::Place || e->mentions.empty()) continue;
        if (std::all_of(e->mentions.begin(), e->mentions.end(), [&](const Mention& m) { return m.paragraph_index + 3 < end; })) marker = r;
    }
    ASSERT_TRUE(marker) << "the map shows a place mentioned only early";
    h.click(Headless::centre(*marker));
    h.settle();
    EXPECT_EQ(h.view().selection, std::string(marker->id.text));
    EXPECT_LT(pack.paragraph_index(h.view().article_paragraph).value() + 2, end)
        << "the article brought " << marker->id.text << "'s first mention into view";
}

// A link to a paragraph that cannot reach the view's top (the article ends first) opens
// with the view scrolled as far as it goes, and stays that link: before, the paragraph
// at the top replaced it in the state, and the link a host had just set changed by itself.
TEST(ArticleLayout, ALinkToAParagraphTooNearTheEndForTheTopStaysTheLink) {
    struct Case { const char* name; int paragraphs, words; };
    for (const Case c : {Case{"an article that fits the view", 3, 3}, Case{"a long one", 60, 24}}) {
        SCOPED_TRACE(c.name);
        Headless h(390, 844, 3);
        app_set_pack(h.app, long_words_pack(c.paragraphs, c.words));
        h.settle();
        const std::string first = h.app.store.pack().article.paragraphs.front().id;
        const std::string last = h.app.store.pack().article.paragraphs.back().id;
        h.app.store.dispatch(SetParagraphAction{last}, ChangeSource::Link, 0);
        h.settle();
        EXPECT_EQ(h.view().article_paragraph, last);
        EXPECT_EQ(encode_state(h.view(), h.app.store.defaults()), "v=1&p=" + last);
        // The view is at the article's end: a wheel notch down moves nothing, and keeps the link.
        const std::uint64_t picture = picture_hash();
        h.wheel(ImVec2(195, 500), -3);
        h.settle();
        EXPECT_EQ(picture_hash(), picture);
        EXPECT_EQ(h.view().article_paragraph, last);
        // A notch up, where there is room, names the paragraph then at the top.
        h.wheel(ImVec2(195, 500), 3);
        h.settle();
        if (c.paragraphs > 3) {
            EXPECT_NE(picture_hash(), picture);
            EXPECT_NE(h.view().article_paragraph, last);
            EXPECT_NE(h.view().article_paragraph, first);
        } else {
            EXPECT_EQ(picture_hash(), picture) << "the short article scrolled";
            EXPECT_EQ(h.view().article_paragraph, last);
        }
    }
}

} // namespace
} // namespace explainer::ui::testing
