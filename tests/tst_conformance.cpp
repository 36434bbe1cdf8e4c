#include "HeadlessTestMain.h"
#include "LineProtocolParser.h"
#include "PrometheusResponseParser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTest>
#include <cmath>

using namespace perfdash;

namespace {
constexpr qint64 receivedAt = 1764160000123;

QJsonArray casesOf(const QString& file)
{
    QFile fixture(QFINDTESTDATA(QStringLiteral("fixtures/conformance/") + file));
    if (!fixture.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(fixture.fileName()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(fixture.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("%s: %s", qPrintable(file), qPrintable(error.errorString()));
    return document.object().value(QStringLiteral("cases")).toArray();
}

QStringList strings(const QJsonValue& value)
{
    QStringList out;
    for (const auto& item : value.toArray())
        out << item.toString();
    return out;
}

QString number(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// "{a="b"} 1000:1 2000:2.5", then native histograms: " h1000:count=2,sum=3,(0.5,1]=2"
QString describe(const QuerySeries& series)
{
    QStringList labels;
    for (auto it = series.labels.cbegin(); it != series.labels.cend(); ++it)
        labels << QStringLiteral("%1=\"%2\"").arg(it.key(), it.value());
    QString text = u'{' + labels.join(u',') + u'}';
    for (const QPointF& point : series.points)
        text += QStringLiteral(" %1:%2").arg(qint64(point.x())).arg(number(point.y()));
    for (const NativeHistogramSample& sample : series.histograms) {
        text += QStringLiteral(" h%1:count=%2,sum=%3").arg(sample.timeMs).arg(number(sample.count), number(sample.sum));
        for (const NativeHistogramBucket& bucket : sample.buckets) {
            const bool closedLeft = bucket.boundaryRule == 1 || bucket.boundaryRule == 3;
            const bool closedRight = bucket.boundaryRule == 0 || bucket.boundaryRule == 3;
            text += QStringLiteral(",%1%2,%3%4=%5")
                        .arg(closedLeft ? QStringLiteral("[") : QStringLiteral("("), number(bucket.lower),
                            number(bucket.upper), closedRight ? QStringLiteral("]") : QStringLiteral(")"),
                            number(bucket.count));
        }
    }
    return text;
}

QString kindName(PrometheusResponse::Kind kind)
{
    switch (kind) {
    case PrometheusResponse::Kind::Success:
        return QStringLiteral("Success");
    case PrometheusResponse::Kind::ServerError:
        return QStringLiteral("ServerError");
    case PrometheusResponse::Kind::Malformed:
        return QStringLiteral("Malformed");
    case PrometheusResponse::Kind::RequestFailed:
        return QStringLiteral("RequestFailed");
    case PrometheusResponse::Kind::Unchartable:
        return QStringLiteral("Unchartable");
    }
    return {};
}

// Every case says whether the peers read it the same, or why perfdash differs: a new difference cannot pass
// unexplained.
void checkPeersNote(const QJsonObject& item)
{
    const QString peers = item.value(QStringLiteral("peers")).toString();
    QVERIFY2(peers.startsWith(QStringLiteral("agree")) || peers.startsWith(QStringLiteral("differs")),
        qPrintable(QStringLiteral("%1: \"peers\" must start with agree or differs, with the reason")
                       .arg(item.value(QStringLiteral("name")).toString())));
}

void addRows(const QString& file)
{
    QTest::addColumn<QJsonObject>("item");
    for (const auto& value : casesOf(file)) {
        const QJsonObject item = value.toObject();
        QTest::newRow(qPrintable(item.value(QStringLiteral("name")).toString())) << item;
    }
}

QString tally(const QString& file)
{
    int agree = 0;
    int differs = 0;
    for (const auto& value : casesOf(file))
        (value.toObject().value(QStringLiteral("peers")).toString().startsWith(QStringLiteral("agree")) ? agree
                                                                                                        : differs)++;
    return QStringLiteral("%1: %2 cases, %3 agree with the peers, %4 differ by a documented choice")
        .arg(file)
        .arg(agree + differs)
        .arg(agree)
        .arg(differs);
}
}

// perfdash's stream and Prometheus parsers on cases that pin down how the formats' own implementations read
// them (tests/fixtures/conformance/, each case with its peers' reading).
class TestConformance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qInfo("%s", qPrintable(tally(QStringLiteral("lineprotocol.json"))));
        qInfo("%s", qPrintable(tally(QStringLiteral("prometheus.json"))));
    }

    void lineProtocol_data() { addRows(QStringLiteral("lineprotocol.json")); }

    void lineProtocol()
    {
        QFETCH(QJsonObject, item);
        checkPeersNote(item);
        const QByteArray input = item.contains(QStringLiteral("inputHex"))
            ? QByteArray::fromHex(item.value(QStringLiteral("inputHex")).toString().toLatin1())
            : item.value(QStringLiteral("input")).toString().toUtf8();
        const ParseResult result = LineProtocolParser::parse(input, receivedAt);
        QStringList samples;
        for (const Sample& sample : result.samples)
            samples << seriesKey(sample.metric, sample.labels) + u' ' + number(sample.value) + QStringLiteral(" @")
                    + QString::number(sample.timestampMs);
        QCOMPARE(samples, strings(item.value(QStringLiteral("samples"))));
        QCOMPARE(result.errors, strings(item.value(QStringLiteral("errors"))));
    }

    void prometheus_data() { addRows(QStringLiteral("prometheus.json")); }

    void prometheus()
    {
        QFETCH(QJsonObject, item);
        checkPeersNote(item);
        const QByteArray body = item.value(QStringLiteral("body")).toString().toUtf8();
        const PrometheusResponse response = PrometheusResponseParser::parseQueryResponse(body);
        if (item.contains(QStringLiteral("kind"))) {
            QCOMPARE(kindName(response.kind), item.value(QStringLiteral("kind")).toString());
            QCOMPARE(response.message(), item.value(QStringLiteral("message")).toString());
            return;
        }
        QVERIFY2(response.ok(), qPrintable(response.message()));
        QStringList series;
        for (const QuerySeries& one : response.result.series)
            series << describe(one);
        QCOMPARE(series, strings(item.value(QStringLiteral("series"))));
        QCOMPARE(response.result.infos, strings(item.value(QStringLiteral("infos"))));
        QCOMPARE(response.result.warnings, strings(item.value(QStringLiteral("warnings"))));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
