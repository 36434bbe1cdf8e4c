#include "TimeAxisTicks.h"

#include <QTest>

using namespace perfdash;

class TestTimeAxisTicks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void liveRanges_data()
    {
        QTest::addColumn<qint64>("spanMs");
        QTest::addColumn<int>("ticks");
        QTest::addColumn<QString>("format");
        QTest::addRow("a minute: four 15 s intervals") << qint64(60'000) << 5 << QStringLiteral("HH:mm:ss");
        QTest::addRow("10 s: five whole seconds") << qint64(10'000) << 6 << QStringLiteral("HH:mm:ss");
        QTest::addRow("9 s: three whole seconds") << qint64(9'000) << 4 << QStringLiteral("HH:mm:ss");
        QTest::addRow("7 s: no whole-second spacing") << qint64(7'000) << 5 << QStringLiteral("HH:mm:ss.zzz");
        QTest::addRow("1 s: milliseconds in the labels") << qint64(1'000) << 5 << QStringLiteral("HH:mm:ss.zzz");
        QTest::addRow("a wheel-zoomed 59.784 s: whole seconds") << qint64(59'784) << 5 << QStringLiteral("HH:mm:ss");
        QTest::addRow("a day: with the date") << qint64(86'400'000) << 5 << QStringLiteral("dd HH:mm");
    }

    void liveRanges()
    {
        QFETCH(qint64, spanMs);
        const TimeAxisTicks ticks = liveTimeAxisTicks(spanMs);
        QTEST(ticks.tickCount, "ticks");
        QTEST(ticks.format, "format");
    }

    void queryRanges_data()
    {
        QTest::addColumn<qint64>("spanMs");
        QTest::addColumn<QString>("format");
        QTest::addRow("an hour") << qint64(3'600'000) << QStringLiteral("HH:mm:ss");
        QTest::addRow("six hours") << qint64(6 * 3'600'000) << QStringLiteral("HH:mm:ss");
        QTest::addRow("beyond six hours shows the day") << qint64(6 * 3'600'000 + 1) << QStringLiteral("dd HH:mm");
    }

    void queryRanges()
    {
        QFETCH(qint64, spanMs);
        const TimeAxisTicks ticks = queryTimeAxisTicks(spanMs);
        QCOMPARE(ticks.tickCount, 5);
        QTEST(ticks.format, "format");
    }
};

QTEST_GUILESS_MAIN(TestTimeAxisTicks)
#include "tst_timeaxisticks.moc"
