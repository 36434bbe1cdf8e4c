#include "HeadlessTestMain.h"
#include "NumberText.h"
#include "SeriesCsv.h"
#include "ValueFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

using namespace perfdash;

namespace {
const double largest = std::numeric_limits<double>::max();
const double smallestDenormal = std::numeric_limits<double>::denorm_min();
const double infinity = std::numeric_limits<double>::infinity();

bool sameBits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }
}

// Numbers as people see them (ValueFormat) and as files keep them (NumberText), at the edges of double.
class TestNumberText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shownNumbersFitWhateverTheValue_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("shown");
        QTest::addRow("latency") << 1.834 << QStringLiteral("1.83");
        QTest::addRow("ratio") << 72.44 << QStringLiteral("72.4");
        QTest::addRow("whole below a million") << 498765.0 << QStringLiteral("498765");
        QTest::addRow("a million") << 1e6 << QStringLiteral("1e6");
        QTest::addRow("rounds up to a million") << 999999.7 << QStringLiteral("1e6");
        QTest::addRow("DBL_MAX") << largest << QStringLiteral("1.8e308");
        QTest::addRow("-DBL_MAX") << -largest << QStringLiteral("-1.8e308");
        QTest::addRow("small") << 0.00123 << QStringLiteral("0.00123");
        QTest::addRow("smaller") << 0.000123 << QStringLiteral("1.23e-4");
        QTest::addRow("smallest normal") << DBL_MIN << QStringLiteral("2.23e-308");
        QTest::addRow("denormal") << smallestDenormal << QStringLiteral("4.94e-324");
        QTest::addRow("-0") << -0.0 << QStringLiteral("0");
        QTest::addRow("NaN") << std::nan("") << QStringLiteral("\u2014");
        QTest::addRow("+Inf") << infinity << QStringLiteral("\u221e");
        QTest::addRow("-Inf") << -infinity << QStringLiteral("\u2212\u221e");
    }

    void shownNumbersFitWhateverTheValue()
    {
        QFETCH(double, value);
        QTEST(formatNumber(value), "shown");
        QVERIFY(formatValue(value, QStringLiteral("s")).size() <= 12);
    }

    void percentChangeStaysShort()
    {
        QCOMPARE(formatPercentChange(12.34), QStringLiteral("+12.3 %"));
        QCOMPARE(formatPercentChange(-8.06), QStringLiteral("\u22128.1 %"));
        QCOMPARE(formatPercentChange(largest / 1e10), QStringLiteral("+1.8e298 %"));
        QCOMPARE(formatPercentChange(std::nan("")), QStringLiteral("\u2014"));
    }

    void fourDigitTablesToo()
    {
        QCOMPARE(formatNumber(1234.5, 4), QStringLiteral("1235"));
        QCOMPARE(formatNumber(0.12345, 4), QStringLiteral("0.1235"));
        QCOMPARE(formatNumber(largest, 4), QStringLiteral("1.798e308"));
    }

    void writtenNumbersReadBackTheSame_data()
    {
        QTest::addColumn<double>("value");
        QTest::addRow("DBL_MAX") << largest;
        QTest::addRow("-DBL_MAX") << -largest;
        QTest::addRow("denormal") << smallestDenormal;
        QTest::addRow("smallest normal") << DBL_MIN;
        QTest::addRow("-0") << -0.0;
        QTest::addRow("scaled noise") << 65.38000000000001;
        QTest::addRow("a third") << 1.0 / 3.0;
    }

    void writtenNumbersReadBackTheSame()
    {
        QFETCH(double, value);
        const QByteArray text = shortestNumberText(value);
        QVERIFY2(sameBits(std::strtod(text.constData(), nullptr), value), text.constData());
        // 15 significant digits turned DBL_MAX into a number that reads back as +Inf.
        QVERIFY(text.size() <= 24);
        // Qt's JSON writer keeps every digit too.
        const QByteArray json = QJsonDocument(QJsonArray { jsonNumber(value) }).toJson(QJsonDocument::Compact);
        const double back = QJsonDocument::fromJson(json).array().at(0).toDouble();
        QVERIFY2(back == value, json.constData());
    }

    void nonFiniteNumbersAreWordsInJson()
    {
        for (const double value : { std::nan(""), infinity, -infinity }) {
            const QJsonValue json = jsonNumber(value);
            QVERIFY(json.isString()); // never null: a reader must get back what was measured
            const std::optional<double> back = numberFromJson(json);
            QVERIFY(back);
            QVERIFY(std::isnan(value) ? std::isnan(*back) : *back == value);
        }
        QCOMPARE(jsonNumber(infinity).toString(), QStringLiteral("+Inf"));
        QVERIFY(!numberFromJson(QJsonValue(QStringLiteral("high"))));
        QVERIFY(!numberFromJson(QJsonValue()));
    }

    // The CSV export wrote 1.79769313486232e+308, which reads back as +Inf: the export changed the data.
    void csvKeepsExtremeValuesExactly()
    {
        const QList<double> values { largest, -largest, smallestDenormal, -0.0, std::nan(""), infinity };
        VisibleSeries series { QStringLiteral("s"), {} };
        for (qsizetype i = 0; i < values.size(); ++i)
            series.points.append(QPointF(1000.0 * double(i + 1), values[i]));
        const QList<QByteArray> rows = SeriesCsv::write({ series }, 0, 10000).trimmed().split('\n');
        QCOMPARE(rows.size(), values.size() + 1);
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QByteArray cell = rows[i + 1].split(',').last();
            const double back = std::strtod(cell.constData(), nullptr);
            if (std::isnan(values[i]))
                QCOMPARE(cell, QByteArray("NaN"));
            else
                QVERIFY2(sameBits(back, values[i]), cell.constData());
        }
        QCOMPARE(rows[6].split(',').last(), QByteArray("+Inf"));
    }

    // Events closer than 1 ms share a millisecond: each gets its own row, none overwrites another.
    void csvKeepsSamplesThatShareAMillisecond()
    {
        VisibleSeries a { QStringLiteral("a"), { QPointF(1000, 1), QPointF(1000, 2), QPointF(1001, 3) } };
        VisibleSeries b { QStringLiteral("b"), { QPointF(1000, 9) } };
        const QList<QByteArray> rows = SeriesCsv::write({ a, b }, 0, 2000).trimmed().split('\n');
        QCOMPARE(rows.size(), 4);
        QVERIFY2(rows[1].endsWith(",1000,1,9"), rows[1].constData());
        QVERIFY2(rows[2].endsWith(",1000,2,"), rows[2].constData());
        QVERIFY2(rows[3].endsWith(",1001,3,"), rows[3].constData());
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestNumberText)
#include "tst_numbertext.moc"
