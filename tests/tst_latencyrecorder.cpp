#include "HeadlessTestMain.h"
#include "LatencyRecorder.h"

#include <QTest>

using namespace perfdash;

class TestLatencyRecorder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aSampleCountsFromArrivalToThePaintOfTheFrameThatReadIt()
    {
        LatencyRecorder recorder;
        recorder.recordStored(1000, 3);
        recorder.framePainted(1100); // painted before any frame read the store: shows nothing new
        QCOMPARE(recorder.summary().samples, quint64(0));
        recorder.frameStarted();
        recorder.recordStored(1040, 1); // stored after the frame read the store: waits for the next one
        recorder.framePainted(1050);
        LatencySummary summary = recorder.summary();
        QCOMPARE(summary.samples, quint64(3));
        QCOMPARE(summary.p50Ms, 50.0);
        QCOMPARE(summary.maxMs, 50.0);

        recorder.frameStarted();
        recorder.framePainted(1090);
        summary = recorder.summary();
        QCOMPARE(summary.samples, quint64(4));
        QCOMPARE(summary.maxMs, 50.0);
    }

    void percentilesAreNearestRankOverMilliseconds()
    {
        LatencyRecorder recorder;
        // 100 samples, latencies 1..100 ms.
        for (int i = 1; i <= 100; ++i)
            recorder.recordStored(1000 - i, 1);
        recorder.frameStarted();
        recorder.framePainted(1000);
        const LatencySummary summary = recorder.summary();
        QCOMPARE(summary.samples, quint64(100));
        QCOMPARE(summary.p50Ms, 50.0);
        QCOMPARE(summary.p99Ms, 99.0);
        QCOMPARE(summary.maxMs, 100.0);
    }

    void framesStartedTwiceBeforeAPaintShowBothBatches()
    {
        LatencyRecorder recorder;
        recorder.recordStored(0, 1);
        recorder.frameStarted();
        recorder.recordStored(10, 1);
        recorder.frameStarted();
        recorder.framePainted(20);
        const LatencySummary summary = recorder.summary();
        QCOMPARE(summary.samples, quint64(2));
        QCOMPARE(summary.p50Ms, 10.0);
        QCOMPARE(summary.maxMs, 20.0);
    }

    void hiddenChartsCountSamplesAsNotShown()
    {
        LatencyRecorder recorder;
        recorder.recordStored(0, 5);
        recorder.frameNotShown();
        recorder.frameStarted();
        recorder.framePainted(5000);
        const LatencySummary summary = recorder.summary();
        QCOMPARE(summary.samples, quint64(0));
        QCOMPARE(summary.notShown, quint64(5));
    }

    void slowerThanTheHistogramStillCounts()
    {
        LatencyRecorder recorder;
        recorder.recordStored(0, 1);
        recorder.recordStored(-1, 1); // a wall clock stepping backwards must not index below zero
        recorder.frameStarted();
        recorder.framePainted(60'000);
        const LatencySummary summary = recorder.summary();
        QCOMPARE(summary.samples, quint64(2));
        QCOMPARE(summary.maxMs, 60'001.0);
        QCOMPARE(summary.p99Ms, 9999.0); // the overflow bucket: "at least 10 s"
    }

    void resetForgetsMeasurements()
    {
        LatencyRecorder recorder;
        recorder.recordStored(0, 1);
        recorder.frameStarted();
        recorder.framePainted(7);
        recorder.reset();
        QCOMPARE(recorder.summary().samples, quint64(0));
        QCOMPARE(recorder.summary().maxMs, 0.0);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestLatencyRecorder)
#include "tst_latencyrecorder.moc"
