#include "AnnotationLog.h"

#include <QTest>
#include <thread>

using namespace perfdash;

namespace {
Annotation mark(
    qint64 timeMs, qint64 endMs, const QString& text, Annotation::Origin origin = Annotation::Origin::Stream)
{
    Annotation annotation;
    annotation.timeMs = timeMs;
    annotation.endMs = endMs;
    annotation.text = text;
    annotation.origin = origin;
    return annotation;
}

QStringList texts(const QList<Annotation>& annotations)
{
    QStringList result;
    for (const Annotation& annotation : annotations)
        result << annotation.text;
    return result;
}
}

class TestAnnotationLog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rangeFindsPointsAndRangesThatReachIn()
    {
        AnnotationLog log;
        log.add({ mark(5'000, 5'000, "late point"), mark(1'000, 1'000, "early point"), mark(0, 10'000, "long run"),
            mark(3'000, 3'500, "short run"), mark(20'000, 20'000, "after") });
        QCOMPARE(texts(log.all()), QStringList({ "long run", "early point", "short run", "late point", "after" }));
        // [4 s, 6 s]: the long run started before it and reaches in; the short one ended before.
        QCOMPARE(texts(log.inRange(4'000, 6'000)), QStringList({ "long run", "late point" }));
        QCOMPARE(texts(log.inRange(3'500, 3'500)), QStringList({ "long run", "short run" })); // ends inclusive
        QVERIFY(log.inRange(10'001, 19'999).isEmpty());
    }

    void aRepeatedAnnotationIsKeptOnce()
    {
        AnnotationLog log;
        log.add(mark(1'000, 1'000, "deploy"));
        const quint64 revision = log.revision();
        log.add(mark(1'000, 1'000, "deploy"));
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.revision(), revision); // nothing changed: nothing to redraw
        log.add(mark(1'000, 1'000, "deploy", Annotation::Origin::Query)); // another place: another mark
        QCOMPARE(log.size(), 2);
        QVERIFY(log.revision() > revision);
    }

    void anEndBeforeItsStartBecomesAPoint()
    {
        AnnotationLog log;
        log.add(mark(5'000, 1'000, "backwards"));
        QCOMPARE(log.all().first().endMs, 5'000);
        QVERIFY(!log.all().first().isRange());
    }

    void capacityDropsTheOldestAndCountsThem()
    {
        AnnotationLog log(3);
        for (int i = 0; i < 5; ++i)
            log.add(mark(i * 1'000, i * 1'000, QString::number(i)));
        QCOMPARE(texts(log.all()), QStringList({ "2", "3", "4" }));
        QCOMPARE(log.droppedCount(), quint64(2));
    }

    void removeByOriginAndOne()
    {
        AnnotationLog log;
        log.add({ mark(1, 1, "q", Annotation::Origin::Query), mark(2, 2, "s"),
            mark(3, 3, "q2", Annotation::Origin::Query) });
        log.removeOrigin(Annotation::Origin::Query);
        QCOMPARE(texts(log.all()), QStringList({ "s" }));
        QVERIFY(log.remove(mark(2, 2, "s")));
        QVERIFY(!log.remove(mark(2, 2, "s")));
        QCOMPARE(log.size(), 0);
    }

    void concurrentWritersAndAReaderLoseNothing()
    {
        AnnotationLog log;
        std::thread first([&] {
            for (int i = 0; i < 2'000; ++i)
                log.add(mark(i, i, QStringLiteral("a")));
        });
        std::thread second([&] {
            for (int i = 0; i < 2'000; ++i)
                log.add(mark(i, i, QStringLiteral("b")));
        });
        qsizetype seen = 0;
        for (int i = 0; i < 200; ++i)
            seen = std::max(seen, log.inRange(0, 2'000).size());
        first.join();
        second.join();
        QCOMPARE(log.size(), 4'000);
        QVERIFY(seen <= 4'000);
    }
};

QTEST_GUILESS_MAIN(TestAnnotationLog)
#include "tst_annotationlog.moc"
