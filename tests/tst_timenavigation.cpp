#include "TimeNavigation.h"

#include <QTest>

using namespace perfdash;

// Zoom, pan, back, forward and live, as the panels of one tab share them.
class TestTimeNavigation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void liveFollowsTheClock()
    {
        TimeNavigation navigation;
        QVERIFY(navigation.isLive());
        QCOMPARE(navigation.rangeAt(100'000, 60'000), (TimeRange { 40'000, 100'000 }));
        QCOMPARE(navigation.rangeAt(200'000, 60'000), (TimeRange { 140'000, 200'000 }));
        QVERIFY(!navigation.canGoBack());
    }

    void zoomHoldsStillAndBackReturnsToLive()
    {
        TimeNavigation navigation;
        navigation.zoomTo({ 50'000, 70'000 });
        QVERIFY(!navigation.isLive());
        QCOMPARE(navigation.rangeAt(999'999, 60'000), (TimeRange { 50'000, 70'000 }));
        navigation.zoomTo({ 62'000, 55'000 }); // dragged right to left
        QCOMPARE(navigation.rangeAt(0, 60'000), (TimeRange { 55'000, 62'000 }));
        navigation.back();
        QCOMPARE(navigation.rangeAt(0, 60'000), (TimeRange { 50'000, 70'000 }));
        navigation.back();
        QVERIFY(navigation.isLive());
        QVERIFY(!navigation.canGoBack());
        navigation.forward();
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ 50'000, 70'000 }));
        navigation.forward();
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ 55'000, 62'000 }));
        QVERIFY(!navigation.canGoForward());
    }

    void newZoomDropsForwardHistory()
    {
        TimeNavigation navigation;
        navigation.zoomTo({ 0, 10'000 });
        navigation.zoomTo({ 2'000, 4'000 });
        navigation.back();
        navigation.zoomTo({ 5'000, 9'000 });
        QVERIFY(!navigation.canGoForward());
        navigation.back();
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ 0, 10'000 }));
    }

    void tinyZoomIsWidenedAroundItsMiddle()
    {
        TimeNavigation navigation;
        navigation.zoomTo({ 10'000, 10'010 });
        const TimeRange range = *navigation.fixedRange();
        QCOMPARE(range.lengthMs(), TimeNavigation::minimumSpanMs);
        QVERIFY(range.contains(10'005));
    }

    void wheelZoomKeepsTheAnchorInPlace()
    {
        TimeNavigation navigation;
        // Live window [40 s, 100 s]; the cursor at 85 s, a quarter from the right edge.
        navigation.zoomAround(85'000, 0.5, 100'000, 60'000);
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ 62'500, 92'500 }));
        navigation.zoomAround(85'000, 0.5, 100'000, 60'000);
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ 73'750, 88'750 }));
        // The two notches are one gesture: back goes straight to live.
        navigation.back();
        QVERIFY(navigation.isLive());
    }

    void wheelZoomStopsAtTheLimits()
    {
        TimeNavigation navigation;
        for (int notch = 0; notch < 40; ++notch)
            navigation.zoomAround(50'000, 0.5, 100'000, 60'000);
        QCOMPARE(navigation.fixedRange()->lengthMs(), TimeNavigation::minimumSpanMs);
        QVERIFY(navigation.fixedRange()->contains(50'000));
        for (int notch = 0; notch < 80; ++notch)
            navigation.zoomAround(50'000, 4.0, 100'000, 60'000);
        QCOMPARE(navigation.fixedRange()->lengthMs(), TimeNavigation::maximumSpanMs);
        navigation.zoomAround(50'000, std::nan(""), 100'000, 60'000); // ignored, not a NaN range
        QCOMPARE(navigation.fixedRange()->lengthMs(), TimeNavigation::maximumSpanMs);
    }

    void panMovesBackAndStopsAtNow()
    {
        TimeNavigation navigation;
        navigation.pan(-30'000, 100'000, 60'000);
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ 10'000, 70'000 }));
        navigation.pan(-30'000, 100'000, 60'000);
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ -20'000, 40'000 }));
        navigation.pan(500'000, 100'000, 60'000);
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ 40'000, 100'000 }));
        QVERIFY(!navigation.isLive()); // at now, but held still until the user goes live
        navigation.back();
        QVERIFY(navigation.isLive());
    }

    void aDragLetGoEndsItsGesture()
    {
        TimeNavigation navigation;
        navigation.pan(-10'000, 100'000, 60'000);
        navigation.pan(-10'000, 100'000, 60'000);
        navigation.endGesture();
        navigation.pan(-5'000, 100'000, 60'000);
        navigation.back();
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ 20'000, 80'000 }));
        navigation.back();
        QVERIFY(navigation.isLive());
    }

    void goLiveIsRemembered()
    {
        TimeNavigation navigation;
        navigation.zoomTo({ 1'000, 9'000 });
        navigation.goLive();
        QVERIFY(navigation.isLive());
        navigation.back();
        QCOMPARE(navigation.fixedRange(), std::optional<TimeRange>({ 1'000, 9'000 }));
    }

    void historyIsBounded()
    {
        TimeNavigation navigation;
        for (int step = 0; step < 500; ++step)
            navigation.zoomTo({ step * 10'000LL, step * 10'000LL + 5'000 });
        int backs = 0;
        while (navigation.canGoBack()) {
            navigation.back();
            ++backs;
        }
        QCOMPARE(backs, TimeNavigation::historyLimit);
    }
};

QTEST_GUILESS_MAIN(TestTimeNavigation)
#include "tst_timenavigation.moc"
