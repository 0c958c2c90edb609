// apply_action: each action changes its one field and tells history how to record it;
// re-applying what is already there records nothing.
#include <gtest/gtest.h>

#include "core/actions.h"

namespace explainer {
namespace {

TEST(Actions, SelectPushesAndRepeatIsNone) {
    AppState state;
    EXPECT_EQ(apply_action(state, SelectAction{"paris"}), ChangeKind::Push);
    EXPECT_EQ(state.selection, "paris");
    EXPECT_EQ(apply_action(state, SelectAction{"paris"}), ChangeKind::None);
    EXPECT_EQ(apply_action(state, SelectAction{"sinjar"}), ChangeKind::Push);
    EXPECT_EQ(state.selection, "sinjar");
    EXPECT_EQ(apply_action(state, SelectAction{""}), ChangeKind::Push);
    EXPECT_TRUE(state.selection.empty());
    EXPECT_EQ(apply_action(state, SelectAction{""}), ChangeKind::None);
}

TEST(Actions, HoverChangesStateButNeverHistory) {
    AppState state;
    EXPECT_EQ(apply_action(state, HoverAction{"paris"}), ChangeKind::None);
    EXPECT_EQ(state.hover, "paris");
    EXPECT_EQ(apply_action(state, HoverAction{""}), ChangeKind::None);
    EXPECT_TRUE(state.hover.empty());
    EXPECT_TRUE(state.selection.empty()) << "hover must not touch the selection";
}

TEST(Actions, MapReplacesAndToleratesRounding) {
    AppState state;
    EXPECT_EQ(apply_action(state, SetMapAction{{36.3, 41.9, 5.5}}), ChangeKind::Replace);
    EXPECT_DOUBLE_EQ(state.map.lat, 36.3);
    EXPECT_DOUBLE_EQ(state.map.lon, 41.9);
    EXPECT_DOUBLE_EQ(state.map.zoom, 5.5);
    EXPECT_EQ(apply_action(state, SetMapAction{{36.3, 41.9, 5.5}}), ChangeKind::None);
    // A link rounds coordinates; coming back through it is not a change.
    EXPECT_EQ(apply_action(state, SetMapAction{{36.3 + 1e-9, 41.9 - 1e-9, 5.5 + 1e-8}}), ChangeKind::None);
    EXPECT_EQ(apply_action(state, SetMapAction{{36.3, 41.9, 5.6}}), ChangeKind::Replace);
    EXPECT_EQ(apply_action(state, SetMapAction{{36.4, 41.9, 5.6}}), ChangeKind::Replace);
    EXPECT_EQ(apply_action(state, SetMapAction{{36.4, 42.0, 5.6}}), ChangeKind::Replace);
}

TEST(Actions, TimelineReplaces) {
    AppState state;
    EXPECT_EQ(apply_action(state, SetTimelineAction{TimeRange{16700.0, 16800.0}}), ChangeKind::Replace);
    EXPECT_DOUBLE_EQ(state.timeline->start_day, 16700.0);
    EXPECT_DOUBLE_EQ(state.timeline->end_day, 16800.0);
    EXPECT_EQ(apply_action(state, SetTimelineAction{TimeRange{16700.0, 16800.0}}), ChangeKind::None);
    EXPECT_EQ(apply_action(state, SetTimelineAction{TimeRange{16700.0, 16800.5}}), ChangeKind::Replace);
    EXPECT_EQ(apply_action(state, SetTimelineAction{TimeRange{16699.0, 16800.5}}), ChangeKind::Replace);
}

TEST(Actions, TimeCursorPushes) {
    AppState state;
    EXPECT_EQ(apply_action(state, SetTimeCursorAction{cursor_on_day(16752)}), ChangeKind::Push);
    EXPECT_EQ(state.time_cursor, cursor_on_day(16752));
    EXPECT_EQ(apply_action(state, SetTimeCursorAction{cursor_on_day(16752)}), ChangeKind::None);
    EXPECT_EQ(apply_action(state, SetTimeCursorAction{std::nullopt}), ChangeKind::Push);
    EXPECT_FALSE(state.time_cursor.has_value());
    EXPECT_EQ(apply_action(state, SetTimeCursorAction{std::nullopt}), ChangeKind::None);
    // Day 0 (1970-01-01) is a real cursor, not "no cursor".
    EXPECT_EQ(apply_action(state, SetTimeCursorAction{cursor_on_day(0)}), ChangeKind::Push);
    EXPECT_EQ(state.time_cursor, cursor_on_day(0));
}

TEST(Actions, ParagraphReplaces) {
    AppState state;
    EXPECT_EQ(apply_action(state, SetParagraphAction{"p3"}), ChangeKind::Replace);
    EXPECT_EQ(state.article_paragraph, "p3");
    EXPECT_EQ(apply_action(state, SetParagraphAction{"p3"}), ChangeKind::None);
    EXPECT_EQ(apply_action(state, SetParagraphAction{""}), ChangeKind::Replace);
    EXPECT_TRUE(state.article_paragraph.empty());
}

TEST(Actions, PanelPushes) {
    AppState state;
    ASSERT_EQ(state.panel, "article");
    EXPECT_EQ(apply_action(state, SetPanelAction{"article"}), ChangeKind::None);
    EXPECT_EQ(apply_action(state, SetPanelAction{"map"}), ChangeKind::Push);
    EXPECT_EQ(state.panel, "map");
    EXPECT_EQ(apply_action(state, SetPanelAction{"quotes"}), ChangeKind::Push);
    EXPECT_EQ(state.panel, "quotes");
}

TEST(Actions, QuoteFilterPushes) {
    AppState state;
    EXPECT_EQ(apply_action(state, SetQuoteFilterAction{"berger"}), ChangeKind::Push);
    EXPECT_EQ(state.quote_speaker_filter, "berger");
    EXPECT_EQ(apply_action(state, SetQuoteFilterAction{"berger"}), ChangeKind::None);
    EXPECT_EQ(apply_action(state, SetQuoteFilterAction{""}), ChangeKind::Push);
    EXPECT_TRUE(state.quote_speaker_filter.empty());
}

TEST(Actions, EachActionTouchesOnlyItsField) {
    AppState state;
    state.selection = "paris";
    state.map = {1.0, 2.0, 3.0};
    state.timeline = TimeRange{10.0, 20.0};
    state.time_cursor = cursor_on_day(15);
    state.article_paragraph = "p2";
    state.quote_speaker_filter = "berger";
    apply_action(state, SetPanelAction{"timeline"});
    apply_action(state, HoverAction{"sinjar"});
    EXPECT_EQ(state.selection, "paris");
    EXPECT_DOUBLE_EQ(state.map.zoom, 3.0);
    EXPECT_DOUBLE_EQ(state.timeline->end_day, 20.0);
    EXPECT_EQ(state.time_cursor, cursor_on_day(15));
    EXPECT_EQ(state.article_paragraph, "p2");
    EXPECT_EQ(state.quote_speaker_filter, "berger");
    EXPECT_EQ(state.panel, "timeline");
    EXPECT_EQ(state.hover, "sinjar");
}

TEST(Actions, QueueKeepsOrder) {
    Actions actions;
    actions.push(SelectAction{"a"});
    actions.push(SelectAction{"b"});
    AppState state;
    ChangeKind last = ChangeKind::None;
    for (const Action& action : actions.pending) last = apply_action(state, action);
    EXPECT_EQ(state.selection, "b");
    EXPECT_EQ(last, ChangeKind::Push);
}

} // namespace
} // namespace explainer
