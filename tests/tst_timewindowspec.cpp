#include "HeadlessTestMain.h"
#include "TimeWindowSpec.h"

#include <QTest>

using namespace perfdash;

namespace {
constexpr qint64 hourMs = 3'600'000;
// 2026-12-02T08:00:00Z: every relative time below counts from here.
constexpr qint64 nowMs = 1'796'198'400'000;
}

class TestTimeWindowSpec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesWindows_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("fromMs");
        QTest::addColumn<qint64>("toMs");

        QTest::addRow("relative hours") << "-2h..-1h" << nowMs - 2 * hourMs << nowMs - hourMs;
        QTest::addRow("relative minutes to now") << "-90m..now" << nowMs - 90 * 60'000 << nowMs;
        QTest::addRow("relative seconds") << "-30s..now" << nowMs - 30'000 << nowMs;
        QTest::addRow("ISO UTC") << "2026-12-02T07:00:00Z..2026-12-02T07:30:00Z" << nowMs - hourMs
                                 << nowMs - hourMs / 2;
        QTest::addRow("ISO with ms") << "2026-12-02T07:00:00.250Z..now" << nowMs - hourMs + 250 << nowMs;
        QTest::addRow("ISO with offset") << "2026-12-02T09:00:00+02:00..2026-12-02T07:30:00Z" << nowMs - hourMs
                                         << nowMs - hourMs / 2;
        QTest::addRow("ISO offset without colon") << "2026-12-02T09:00:00+0200..now" << nowMs - hourMs << nowMs;
        QTest::addRow("ISO without seconds") << "2026-12-02T07:00Z..now" << nowMs - hourMs << nowMs;
        QTest::addRow("ISO without zone is UTC") << "2026-12-02T07:00:00..now" << nowMs - hourMs << nowMs;
        QTest::addRow("unix ms") << "1796194800000..1796198400000" << nowMs - hourMs << nowMs;
        QTest::addRow("mixed, spaces trimmed") << " 1796194800000 .. -30m " << nowMs - hourMs << nowMs - hourMs / 2;
    }

    void parsesWindows()
    {
        QFETCH(QString, text);
        QFETCH(qint64, fromMs);
        QFETCH(qint64, toMs);
        QString error;
        const std::optional<TimeWindow> window = TimeWindowSpec::parse("--before", text, nowMs, &error);
        QVERIFY2(window, qPrintable(error));
        QCOMPARE(window->fromMs, fromMs);
        QCOMPARE(window->toMs, toMs);
    }

    void rejectsBadWindows_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");

        const QString notATime = "is not a time (expected ISO 8601, unix ms, now or -DURATION)";
        QTest::addRow("reversed") << "--before"
                                  << "-1h..-2h"
                                  << R"(--before "-1h..-2h": the window ends before it starts)";
        QTest::addRow("not a time") << "--after"
                                    << "x..now"
                                    << R"(--after "x..now": "x" )" + notATime;
        QTest::addRow("bad unit") << "--after"
                                  << "-2x..now"
                                  << R"(--after "-2x..now": "-2x" )" + notATime;
        QTest::addRow("bad TO") << "--before"
                                << "-1h..later"
                                << R"(--before "-1h..later": "later" )" + notATime;
        QTest::addRow("no month 13") << "--before"
                                     << "2026-13-02T07:00:00Z..now"
                                     << R"(--before "2026-13-02T07:00:00Z..now": "2026-13-02T07:00:00Z" )" + notATime;
        QTest::addRow("date only") << "--before"
                                   << "2026-12-02..now"
                                   << R"(--before "2026-12-02..now": "2026-12-02" )" + notATime;
        QTest::addRow("plus is not relative") << "--after"
                                              << "+1h..now"
                                              << R"(--after "+1h..now": "+1h" )" + notATime;
        QTest::addRow("one time") << "--before"
                                  << "now"
                                  << R"(--before "now": expected FROM..TO)";
        QTest::addRow("three times") << "--before"
                                     << "-2h..-1h..now"
                                     << R"(--before "-2h..-1h..now": expected FROM..TO)";
        QTest::addRow("empty") << "--after"
                               << "now..now"
                               << R"(--after "now..now": the window is empty)";
        QTest::addRow("empty FROM") << "--after"
                                    << "..now"
                                    << R"(--after "..now": "" )" + notATime;
    }

    void rejectsBadWindows()
    {
        QFETCH(QString, option);
        QFETCH(QString, text);
        QFETCH(QString, error);
        QString actual;
        QVERIFY(!TimeWindowSpec::parse(option, text, nowMs, &actual));
        QCOMPARE(actual, error);
    }

    void windowsAroundAnAnnotation()
    {
        // A ten-minute deploy: the hour before it started and the hour after it ended.
        const qint64 start = nowMs - hourMs;
        const WindowPair range = windowsAroundAnnotation(start, start + 600'000, hourMs);
        QCOMPARE(range.before, (TimeWindow { start - hourMs, start }));
        QCOMPARE(range.after, (TimeWindow { start + 600'000, start + 600'000 + hourMs }));
        // A point mark: the windows meet at it, and the half-open windows share no sample.
        const WindowPair point = windowsAroundAnnotation(start, start, hourMs);
        QCOMPARE(point.before.toMs, point.after.fromMs);
        QVERIFY(!point.before.contains(start));
        QVERIFY(point.after.contains(start));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestTimeWindowSpec)
#include "tst_timewindowspec.moc"
