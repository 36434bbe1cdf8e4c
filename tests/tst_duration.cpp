#include "Duration.h"

#include <QTest>

using namespace perfdash;

class TestDuration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::addRow("ms") << QStringLiteral("250ms") << qint64(250);
        QTest::addRow("s") << QStringLiteral("90s") << qint64(90'000);
        QTest::addRow("m") << QStringLiteral("15m") << qint64(900'000);
        QTest::addRow("h") << QStringLiteral("6h") << qint64(6 * 3'600'000);
        QTest::addRow("d") << QStringLiteral("1d") << qint64(86'400'000);
        QTest::addRow("no unit") << QStringLiteral("15") << qint64(-1);
        QTest::addRow("negative") << QStringLiteral("-5m") << qint64(-1);
        QTest::addRow("fraction") << QStringLiteral("1.5h") << qint64(-1);
    }

    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QCOMPARE(parseDuration(text).value_or(-1), ms);
        if (ms > 0)
            QCOMPARE(parseDuration(formatDuration(ms)).value_or(-1), ms);
    }
};

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
