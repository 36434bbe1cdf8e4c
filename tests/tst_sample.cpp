#include "HeadlessTestMain.h"
#include "Sample.h"

#include <QTest>

using namespace perfdash;

Q_DECLARE_METATYPE(perfdash::Labels)

class TestSample : public QObject {
    Q_OBJECT

private slots:
    void seriesKey_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<QString>("expected");

        QTest::addRow("no labels") << "up" << Labels {} << "up";
        QTest::addRow("one label") << "up" << Labels { { "job", "api" } } << R"(up{job="api"})";
        QTest::addRow("unsorted input is sorted")
            << "http_requests_total" << Labels { { "path", "/x" }, { "code", "200" }, { "method", "GET" } }
            << R"(http_requests_total{code="200",method="GET",path="/x"})";
        // Plain literals here: moc 6.4 misparses a raw string that contains \".
        QTest::addRow("quote escaped") << "m" << Labels { { "a", "say \"hi\"" } } << "m{a=\"say \\\"hi\\\"\"}";
        QTest::addRow("backslash escaped") << "m" << Labels { { "a", R"(C:\tmp)" } } << R"(m{a="C:\\tmp"})";
        QTest::addRow("newline escaped") << "m" << Labels { { "a", "one\ntwo" } } << R"(m{a="one\ntwo"})";
        QTest::addRow("empty value kept") << "m" << Labels { { "a", "" } } << R"(m{a=""})";
        QTest::addRow("non-ASCII untouched") << "m" << Labels { { "city", "Zürich" } } << R"(m{city="Zürich"})";
    }

    void seriesKey()
    {
        QFETCH(QString, metric);
        QFETCH(Labels, labels);
        QFETCH(QString, expected);
        perfdash::normalizeLabels(labels);
        QCOMPARE(perfdash::seriesKey(metric, labels), expected);
    }

    void equalLabelSetsGiveEqualKeys()
    {
        Labels forward { { "a", "1" }, { "b", "2" }, { "c", "3" } };
        Labels backward { { "c", "3" }, { "b", "2" }, { "a", "1" } };
        perfdash::normalizeLabels(forward);
        perfdash::normalizeLabels(backward);
        QCOMPARE(perfdash::seriesKey("m", forward), perfdash::seriesKey("m", backward));
    }

    void escapingKeepsDistinctValuesDistinct()
    {
        // Without escaping, a="x\",b=\"y" would collide with the two labels a="x", b="y".
        const Labels forged { { "a", R"(x",b="y)" } };
        const Labels genuine { { "a", "x" }, { "b", "y" } };
        QVERIFY(perfdash::seriesKey("m", forged) != perfdash::seriesKey("m", genuine));
    }

    void normalizeLabels_data()
    {
        QTest::addColumn<Labels>("input");
        QTest::addColumn<Labels>("expected");

        QTest::addRow("empty") << Labels {} << Labels {};
        QTest::addRow("already sorted") << Labels { { "a", "1" }, { "b", "2" } }
                                        << Labels { { "a", "1" }, { "b", "2" } };
        QTest::addRow("sorted by name") << Labels { { "z", "1" }, { "a", "2" } }
                                        << Labels { { "a", "2" }, { "z", "1" } };
        QTest::addRow("duplicate: last wins")
            << Labels { { "a", "first" }, { "a", "second" } } << Labels { { "a", "second" } };
        QTest::addRow("triplicate among others: last wins") << Labels { { "b", "1" }, { "a", "x" }, { "b", "2" },
            { "c", "3" }, { "b", "3" } } << Labels { { "a", "x" }, { "b", "3" }, { "c", "3" } };
        QTest::addRow("sort by name only, not by value")
            << Labels { { "k", "z" }, { "j", "y" }, { "k", "a" } } << Labels { { "j", "y" }, { "k", "a" } };
    }

    void normalizeLabels()
    {
        QFETCH(Labels, input);
        QFETCH(Labels, expected);
        perfdash::normalizeLabels(input);
        QCOMPARE(input, expected);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestSample)
#include "tst_sample.moc"
