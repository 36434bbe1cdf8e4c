#include "ProfileRunAnnotation.h"

#include <QTest>

using namespace perfdash;

class TestProfileRunAnnotation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aRunIsARangeNamingItsComponentParametersAndVerdict()
    {
        QString error;
        const std::optional<ProfileSettings> settings = ProfileSettings::make(
            QStringLiteral("cache"), { { QStringLiteral("capacity"), QStringLiteral("512") } }, &error);
        QVERIFY2(settings, qPrintable(error));
        ProfileRun run;
        run.settings = *settings;
        run.requestedRepetitions = 9;
        run.repetitions.resize(9);
        run.startedAt = QDateTime::fromMSecsSinceEpoch(1'000'000);
        const Annotation annotation = profileRunAnnotation(run, 1'060'000, std::nullopt);
        QCOMPARE(annotation.timeMs, 1'000'000);
        QCOMPARE(annotation.endMs, 1'060'000);
        QVERIFY(annotation.isRange());
        QCOMPARE(annotation.origin, Annotation::Origin::Profiling);
        QVERIFY(annotation.hasTag(QStringLiteral("profiling")) && annotation.hasTag(QStringLiteral("cache")));
        QVERIFY2(annotation.text.startsWith(QStringLiteral("profiling run: cache (")), qPrintable(annotation.text));
        QVERIFY2(annotation.text.contains(QStringLiteral("capacity=512")), qPrintable(annotation.text));
        QVERIFY2(annotation.text.contains(QStringLiteral("9 of 9 repetitions")), qPrintable(annotation.text));
        QVERIFY2(annotation.text.endsWith(QStringLiteral("no baseline pinned")), qPrintable(annotation.text));
    }

    void aCancelledRunSaysSo()
    {
        QString error;
        ProfileRun run;
        run.settings = *ProfileSettings::make(QStringLiteral("limiter"), {}, &error);
        run.requestedRepetitions = 9;
        run.repetitions.resize(2);
        run.cancelled = true;
        const Annotation annotation = profileRunAnnotation(run, 5'000, std::nullopt);
        QCOMPARE(annotation.timeMs, 5'000); // no start time: it marks its end
        QVERIFY2(
            annotation.text.contains(QStringLiteral("2 of 9 repetitions, cancelled")), qPrintable(annotation.text));
    }
};

QTEST_GUILESS_MAIN(TestProfileRunAnnotation)
#include "tst_profilerunannotation.moc"
