#include "HeadlessTestMain.h"
#include "JsonV1Parser.h"

#include <QFile>
#include <QTest>
#include <cmath>
#include <limits>

using namespace perfdash;

// Declared before any test data: moc misreads raw string literals with an odd number of quotes.
class TestJsonV1Parser : public QObject {
    Q_OBJECT

private slots:
    void values_data();
    void values();

    void negativeZeroKeepsItsSign();

    void timestamps_data();
    void timestamps();

    void labels_data();
    void labels();

    void batch();

    void labelsOfNeighbouringSamples();
    void emptySamplesArray();

    void readsOnlyTheViewedBytes();

    void badSample_data();
    void badSample();

    void badMessage_data();
    void badMessage();

    void invalidJson_data();
    void invalidJson();

    void invalidJsonNamesTheByte();

    void invalidUtf8_data();
    void invalidUtf8();

    void deepNestingInsideValues();

    void errorsAreCapped();

    void exactlyTwentyErrorsAreNotSummarised();

    void largeMessagesAndParserReuse();

    void annotations();
    void annotationsWithoutSamples();

    void badAnnotation_data();
    void badAnnotation();

    void longAnnotationTextIsCut();
    void annotationsNotAnArrayKeepTheSamples();

    void histogramSampleIsStoredAsClassicBuckets();
    void histogramWithoutInfBucketGainsOne();
    void badHistogram_data();
    void badHistogram();
};

namespace {
const QByteArray goodSample = R"({"metric":"good","ts":1,"value":1})";

QByteArray message(const QByteArray& samples) { return R"({"v":1,"samples":[)" + samples + "]}"; }

QByteArray withValue(const QByteArray& value)
{
    return message(R"({"metric":"m","ts":1764160000123,"value":)" + value + "}");
}

QByteArray withLabels(const QByteArray& labels)
{
    return message(R"({"metric":"m","labels":)" + labels + R"(,"ts":1,"value":1})");
}

// good, ..., good (index of them), bad, good: the bad one is samples[index].
QByteArray aroundBad(const QByteArray& bad, int index)
{
    QByteArrayList samples;
    for (int i = 0; i < index; ++i)
        samples.append(goodSample);
    samples.append(bad);
    samples.append(goodSample);
    return message(samples.join(','));
}
}

void TestJsonV1Parser::values_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<double>("expected");

    const double inf = std::numeric_limits<double>::infinity();
    QTest::addRow("integer") << QByteArray("42") << 42.0;
    QTest::addRow("negative") << QByteArray("-7") << -7.0;
    QTest::addRow("fraction") << QByteArray("0.61") << 0.61;
    QTest::addRow("zero") << QByteArray("0") << 0.0;
    QTest::addRow("1e308") << QByteArray("1e308") << 1e308;
    QTest::addRow("-1.7976931348623157e308") << QByteArray("-1.7976931348623157e308") << -1.7976931348623157e308;
    QTest::addRow("exponent upper case") << QByteArray("2.5E-3") << 2.5e-3;
    QTest::addRow("exponent with plus") << QByteArray("1e+2") << 100.0;
    QTest::addRow("smallest subnormal") << QByteArray("5e-324") << 5e-324;
    QTest::addRow("uint64 max") << QByteArray("18446744073709551615") << 18446744073709551615.0;
    QTest::addRow("beyond uint64") << QByteArray("123456789012345678901234567890") << 1.2345678901234568e29;
    QTest::addRow("NaN") << QByteArray(R"("NaN")") << std::numeric_limits<double>::quiet_NaN();
    QTest::addRow("+Inf") << QByteArray(R"("+Inf")") << inf;
    QTest::addRow("Inf") << QByteArray(R"("Inf")") << inf;
    QTest::addRow("-Inf") << QByteArray(R"("-Inf")") << -inf;
    QTest::addRow("whitespace around") << QByteArray(" \n\t 3.5 \r\n ") << 3.5;
}

void TestJsonV1Parser::values()
{
    QFETCH(QByteArray, value);
    QFETCH(double, expected);

    const ParseResult result = JsonV1Parser::parse(withValue(value));
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.samples.size(), 1u);
    const Sample& sample = result.samples.front();
    QCOMPARE(sample.metric, QStringLiteral("m"));
    QCOMPARE(sample.timestampMs, 1764160000123);
    if (std::isnan(expected))
        QVERIFY(std::isnan(sample.value));
    else
        QCOMPARE(sample.value, expected);
}

void TestJsonV1Parser::negativeZeroKeepsItsSign()
{
    const ParseResult result = JsonV1Parser::parse(withValue("-0"));
    QCOMPARE(result.samples.size(), 1u);
    QCOMPARE(result.samples.front().value, 0.0);
    QVERIFY(std::signbit(result.samples.front().value));
}

void TestJsonV1Parser::timestamps_data()
{
    QTest::addColumn<QByteArray>("ts");
    QTest::addColumn<qint64>("expected");

    QTest::addRow("zero") << QByteArray("0") << qint64(0);
    QTest::addRow("before 1970") << QByteArray("-86400000") << qint64(-86400000);
    QTest::addRow("int64 max") << QByteArray("9223372036854775807") << std::numeric_limits<qint64>::max();
    QTest::addRow("int64 min") << QByteArray("-9223372036854775808") << std::numeric_limits<qint64>::min();
}

void TestJsonV1Parser::timestamps()
{
    QFETCH(QByteArray, ts);
    QFETCH(qint64, expected);

    const ParseResult result = JsonV1Parser::parse(message(R"({"metric":"m","ts":)" + ts + R"(,"value":1})"));
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.samples.size(), 1u);
    QCOMPARE(result.samples.front().timestampMs, expected);
}

void TestJsonV1Parser::labels_data()
{
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<Labels>("expected");

    QTest::addRow("empty object") << QByteArray("{}") << Labels {};
    QTest::addRow("sorted by name") << QByteArray(R"({"zone":"eu","app":"api","job":"x"})")
                                    << Labels { { "app", "api" }, { "job", "x" }, { "zone", "eu" } };
    QTest::addRow("duplicate name, last wins")
        << QByteArray(R"({"a":"1","b":"2","a":"3"})") << Labels { { "a", "3" }, { "b", "2" } };
    QTest::addRow("quote, backslash, newline")
        << QByteArray(R"({"path":"C:\\dir \"x\"\nnext"})") << Labels { { "path", "C:\\dir \"x\"\nnext" } };
    QTest::addRow("other escapes") << QByteArray(R"({"s":"\/\t\r\b\f"})") << Labels { { "s", "/\t\r\b\f" } };
    QTest::addRow("unicode escape") << QByteArray(R"({"city":"Z\u00fcrich"})")
                                    << Labels { { "city", QString::fromUtf8("Zürich") } };
    QTest::addRow("surrogate pair") << QByteArray(R"({"icon":"\ud83d\ude80"})")
                                    << Labels { { "icon", QString::fromUtf8("🚀") } };
    QTest::addRow("raw UTF-8") << QByteArray(R"({"city":"東京","emoji":"🍭"})")
                               << Labels { { "city", QString::fromUtf8("東京") }, { "emoji", QString::fromUtf8("🍭") } };
    QTest::addRow("escaped key") << QByteArray(R"({"h\u006fst":"a"})") << Labels { { "host", "a" } };
    QTest::addRow("empty value") << QByteArray(R"({"a":""})") << Labels { { "a", "" } };
    QTest::addRow("underscores") << QByteArray(R"({"__name__x":"1","_a9":"2"})")
                                 << Labels { { "__name__x", "1" }, { "_a9", "2" } };
}

void TestJsonV1Parser::labels()
{
    QFETCH(QByteArray, labels);
    QFETCH(Labels, expected);

    const ParseResult result = JsonV1Parser::parse(withLabels(labels));
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.samples.size(), 1u);
    QCOMPARE(result.samples.front().labels, expected);
}

void TestJsonV1Parser::batch()
{
    // Fields in any order, unknown keys at every level ignored, labels optional, "v" last.
    QFile fixture(QFINDTESTDATA("fixtures/jsonv1/batch.json"));
    QVERIFY2(fixture.open(QIODevice::ReadOnly), qPrintable(fixture.fileName()));
    const QByteArray json = fixture.readAll();
    const ParseResult result = JsonV1Parser::parse(json);
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.samples.size(), 5u);

    QStringList keys;
    QList<qint64> timestamps;
    for (const Sample& sample : result.samples) {
        keys.append(seriesKey(sample.metric, sample.labels));
        timestamps.append(sample.timestampMs);
    }
    QCOMPARE(keys,
        QStringList({ R"(cache_hit_ratio{cache_name="trends"})", "http_request_duration_seconds:p95",
            R"(cache_hit_ratio{cache_name="trends",host="a"})", R"(cache_hit_ratio{cache_name="other"})",
            R"(cache_hit_ratio{host="a"})" }));
    QCOMPARE(timestamps, QList<qint64>({ 1764160000123, 2, 3, 4, 5 }));
    QCOMPARE(result.samples[0].value, 0.61);
    QVERIFY(std::isnan(result.samples[3].value));
}

// The parser reuses strings of the previous sample's labels; whatever the neighbours, every sample
// must come out with exactly its own labels.
void TestJsonV1Parser::labelsOfNeighbouringSamples()
{
    const QByteArrayList labelSets = {
        R"({"a":"1","b":"2"})",
        R"({"a":"1","b":"3"})",
        R"({"b":"3","a":"1"})",
        R"({"a":"1","b":"3"})",
        R"({"a":"9","b":5})",
        R"({"a":"1","c":"3"})",
        R"({"a":"1"})",
        R"({"a":"1","b":"2","c":"3"})",
        R"({})",
        R"({"a":"2","a":"1"})",
        R"({"a":"1"})",
        R"({"x":"1","y":"2"})",
    };
    QByteArrayList samples;
    for (const QByteArray& labels : labelSets)
        samples.append(R"({"metric":"m","labels":)" + labels + R"(,"ts":1,"value":1})");
    const ParseResult result = JsonV1Parser::parse(message(samples.join(',')));
    QCOMPARE(result.errors, QStringList { "samples[4].labels.b: expected a string, got 5" });
    QStringList keys;
    for (const Sample& sample : result.samples)
        keys.append(seriesKey(sample.metric, sample.labels));
    QCOMPARE(keys,
        QStringList(
            { R"(m{a="1",b="2"})", R"(m{a="1",b="3"})", R"(m{a="1",b="3"})", R"(m{a="1",b="3"})", R"(m{a="1",c="3"})",
                R"(m{a="1"})", R"(m{a="1",b="2",c="3"})", "m", R"(m{a="1"})", R"(m{a="1"})", R"(m{x="1",y="2"})" }));
}

void TestJsonV1Parser::emptySamplesArray()
{
    const ParseResult result = JsonV1Parser::parse(R"({"v":1,"samples":[]})");
    QVERIFY(!result.malformed());
    QVERIFY(result.samples.empty());
}

void TestJsonV1Parser::readsOnlyTheViewedBytes()
{
    const QByteArray buffer = message(goodSample) + "garbage that follows in memory";
    const ParseResult result = JsonV1Parser::parse(QByteArrayView(buffer).first(message(goodSample).size()));
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.samples.size(), 1u);
}

void TestJsonV1Parser::badSample_data()
{
    QTest::addColumn<QByteArray>("sample");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("error");

    QTest::addRow("value is a word") << QByteArray(R"({"metric":"m","ts":1,"value":"abc"})") << 3
                                     << R"(samples[3].value: expected a number or "NaN"/"+Inf"/"-Inf", got "abc")";
    QTest::addRow("value nan in the wrong case")
        << QByteArray(R"({"metric":"m","ts":1,"value":"nan"})") << 0
        << R"(samples[0].value: expected a number or "NaN"/"+Inf"/"-Inf", got "nan")";
    QTest::addRow("value Infinity") << QByteArray(R"({"metric":"m","ts":1,"value":"Infinity"})") << 0
                                    << R"(samples[0].value: expected a number or "NaN"/"+Inf"/"-Inf", got "Infinity")";
    QTest::addRow("value as a numeric string")
        << QByteArray(R"({"metric":"m","ts":1,"value":"1.5"})") << 0
        << R"(samples[0].value: expected a number or "NaN"/"+Inf"/"-Inf", got "1.5")";
    QTest::addRow("value true") << QByteArray(R"({"metric":"m","ts":1,"value":true})") << 1
                                << R"(samples[1].value: expected a number or "NaN"/"+Inf"/"-Inf", got true)";
    QTest::addRow("value null") << QByteArray(R"({"metric":"m","ts":1,"value":null})") << 0
                                << R"(samples[0].value: expected a number or "NaN"/"+Inf"/"-Inf", got null)";
    QTest::addRow("value object") << QByteArray(R"({"metric":"m","ts":1,"value":{"x":1}})") << 0
                                  << R"(samples[0].value: expected a number or "NaN"/"+Inf"/"-Inf", got an object)";
    QTest::addRow("value array") << QByteArray(R"({"metric":"m","ts":1,"value":[1]})") << 0
                                 << R"(samples[0].value: expected a number or "NaN"/"+Inf"/"-Inf", got an array)";
    QTest::addRow("value out of range") << QByteArray(R"({"metric":"m","ts":1,"value":1e400})") << 0
                                        << "samples[0].value: number out of range: 1e400";
    QTest::addRow("value malformed number")
        << QByteArray(R"({"metric":"m","ts":1,"value":1.2.3})") << 0
        << R"(samples[0].value: expected a number or "NaN"/"+Inf"/"-Inf", got 1.2.3)";
    QTest::addRow("value long string is cut")
        << QByteArray(R"({"metric":"m","ts":1,"value":")" + QByteArray(100, 'a') + R"("})") << 0
        << R"(samples[0].value: expected a number or "NaN"/"+Inf"/"-Inf", got ")" + QString(39, u'a') + "...";
    QTest::addRow("value missing") << QByteArray(R"({"metric":"m","ts":1})") << 2
                                   << R"(samples[2].value: missing (or "buckets" for a histogram))";
    QTest::addRow("metric missing") << QByteArray(R"({"ts":1,"value":1})") << 0 << "samples[0].metric: missing";
    QTest::addRow("metric not a string") << QByteArray(R"({"metric":5,"ts":1,"value":1})") << 1
                                         << "samples[1].metric: expected a string, got 5";
    QTest::addRow("metric empty") << QByteArray(R"({"metric":"","ts":1,"value":1})") << 0 << "samples[0].metric: empty";
    QTest::addRow("metric starts with a digit") << QByteArray(R"({"metric":"1abc","ts":1,"value":1})") << 0
                                                << R"(samples[0].metric: invalid metric name "1abc")";
    QTest::addRow("metric with a dash") << QByteArray(R"({"metric":"http-requests","ts":1,"value":1})") << 0
                                        << R"(samples[0].metric: invalid metric name "http-requests")";
    QTest::addRow("metric with a space") << QByteArray(R"({"metric":"a b","ts":1,"value":1})") << 0
                                         << R"(samples[0].metric: invalid metric name "a b")";
    QTest::addRow("ts missing") << QByteArray(R"({"metric":"m","value":1})") << 0 << "samples[0].ts: missing";
    QTest::addRow("ts a string") << QByteArray(R"({"metric":"m","ts":"123","value":1})") << 0
                                 << R"(samples[0].ts: expected an integer (unix ms), got "123")";
    QTest::addRow("ts fractional") << QByteArray(R"({"metric":"m","ts":1.5,"value":1})") << 0
                                   << "samples[0].ts: expected an integer (unix ms), got 1.5";
    QTest::addRow("ts in exponent form") << QByteArray(R"({"metric":"m","ts":1e12,"value":1})") << 0
                                         << "samples[0].ts: expected an integer (unix ms), got 1e12";
    QTest::addRow("ts beyond int64") << QByteArray(R"({"metric":"m","ts":9223372036854775808,"value":1})") << 0
                                     << "samples[0].ts: expected an integer (unix ms), got 9223372036854775808";
    QTest::addRow("label value a number") << QByteArray(R"({"metric":"m","labels":{"host":5},"ts":1,"value":1})") << 2
                                          << "samples[2].labels.host: expected a string, got 5";
    QTest::addRow("label value null") << QByteArray(R"({"metric":"m","labels":{"a":"x","host":null},"ts":1,"value":1})")
                                      << 0 << "samples[0].labels.host: expected a string, got null";
    QTest::addRow("label value an object") << QByteArray(R"({"metric":"m","labels":{"host":{}},"ts":1,"value":1})") << 0
                                           << "samples[0].labels.host: expected a string, got an object";
    QTest::addRow("label value bad escape") << QByteArray(R"({"metric":"m","labels":{"host":"a\x"},"ts":1,"value":1})")
                                            << 0 << R"(samples[0].labels.host: invalid escape in string "a\x")";
    QTest::addRow("labels an array") << QByteArray(R"({"metric":"m","labels":["a"],"ts":1,"value":1})") << 0
                                     << "samples[0].labels: expected an object, got an array";
    QTest::addRow("label name starts with a digit")
        << QByteArray(R"({"metric":"m","labels":{"1x":"a"},"ts":1,"value":1})") << 0
        << R"(samples[0].labels: invalid label name "1x")";
    QTest::addRow("label name with a colon") << QByteArray(R"({"metric":"m","labels":{"a:b":"a"},"ts":1,"value":1})")
                                             << 0 << R"(samples[0].labels: invalid label name "a:b")";
    QTest::addRow("label name empty") << QByteArray(R"({"metric":"m","labels":{"":"a"},"ts":1,"value":1})") << 0
                                      << R"(samples[0].labels: invalid label name "")";
    QTest::addRow("sample a number") << QByteArray("5") << 0 << "samples[0]: expected an object, got 5";
    QTest::addRow("sample an array") << QByteArray("[1,2]") << 1 << "samples[1]: expected an object, got an array";
    QTest::addRow("sample null") << QByteArray("null") << 0 << "samples[0]: expected an object, got null";
}

void TestJsonV1Parser::badSample()
{
    QFETCH(QByteArray, sample);
    QFETCH(int, index);
    QFETCH(QString, error);

    const ParseResult result = JsonV1Parser::parse(aroundBad(sample, index));
    QCOMPARE(result.errors, QStringList { error });
    // The good samples on both sides of the bad one are kept.
    QCOMPARE(result.samples.size(), std::size_t(index + 1));
    for (const Sample& kept : result.samples)
        QCOMPARE(kept.metric, QStringLiteral("good"));
}

void TestJsonV1Parser::badMessage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    const QByteArray samples = "[" + goodSample + "]";
    QTest::addRow("unsupported version") << QByteArray(R"({"v":2,"samples":)" + samples + "}")
                                         << "v: unsupported version 2 (this build reads 1)";
    QTest::addRow("version after the samples")
        << QByteArray(R"({"samples":)" + samples + R"(,"v":0})") << "v: unsupported version 0 (this build reads 1)";
    QTest::addRow("version as a string") << QByteArray(R"({"v":"1","samples":)" + samples + "}")
                                         << R"(v: unsupported version "1" (this build reads 1))";
    QTest::addRow("version fractional") << QByteArray(R"({"v":1.5,"samples":)" + samples + "}")
                                        << "v: unsupported version 1.5 (this build reads 1)";
    QTest::addRow("version missing") << QByteArray(R"({"samples":)" + samples + "}")
                                     << "v: missing (this build reads 1)";
    QTest::addRow("samples missing") << QByteArray(R"({"v":1})")
                                     << R"(samples: missing (a message carries "samples", "annotations" or both))";
    QTest::addRow("samples an object") << QByteArray(R"({"v":1,"samples":{}})")
                                       << "samples: expected an array, got an object";
    QTest::addRow("samples null") << QByteArray(R"({"v":1,"samples":null})") << "samples: expected an array, got null";
    QTest::addRow("top level array") << QByteArray("[" + goodSample + "]")
                                     << "top level: expected an object, got an array";
    QTest::addRow("top level string") << QByteArray(R"("v")") << "top level: expected an object, got a string";
    QTest::addRow("top level number") << QByteArray("1") << "top level: expected an object, got a number";
    QTest::addRow("empty") << QByteArray() << "empty message";
    QTest::addRow("whitespace only") << QByteArray(" \r\n\t ") << "empty message";
}

void TestJsonV1Parser::badMessage()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);

    const ParseResult result = JsonV1Parser::parse(json);
    QCOMPARE(result.errors, QStringList { error });
    QVERIFY(result.samples.empty());
}

// A structurally broken message yields one "invalid JSON" error and no samples, not even the
// ones before the break: its structure cannot be trusted.
void TestJsonV1Parser::invalidJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorStart");

    const QByteArray twoGood = message(goodSample + "," + goodSample);
    QTest::addRow("truncated after a sample") << twoGood.left(twoGood.size() - 2) << "invalid JSON at byte ";
    QTest::addRow("truncated inside a sample")
        << QByteArray(R"({"v":1,"samples":[{"metric":"good","ts":1,"value":1},{"ts":1,)") << "invalid JSON at byte ";
    QTest::addRow("truncated inside a label value")
        << QByteArray(R"({"v":1,"samples":[{"labels":{"a":"b)") << "invalid JSON";
    QTest::addRow("truncated inside a string") << QByteArray(R"({"v":1,"samples":[{"metric":"goo)") << "invalid JSON";
    QTest::addRow("truncated after the key") << QByteArray(R"({"v":1,"samples":)") << "invalid JSON";
    QTest::addRow("only an opening brace") << QByteArray("{") << "invalid JSON";
    QTest::addRow("missing comma between samples") << message(goodSample + " " + goodSample) << "invalid JSON at byte ";
    QTest::addRow("missing colon") << QByteArray(R"({"v" 1,"samples":[]})") << "invalid JSON";
    QTest::addRow("unquoted key") << QByteArray(R"({v:1,"samples":[]})") << "invalid JSON";
    QTest::addRow("single quotes") << QByteArray(R"({'v':1,'samples':[]})") << "invalid JSON";
    QTest::addRow("trailing comma") << message(goodSample + ",") << "invalid JSON";
    QTest::addRow("second document") << message(goodSample) + " {}"
                                     << "invalid JSON";
    QTest::addRow("extra closing brace") << message(goodSample) + "}"
                                         << "invalid JSON";
    QTest::addRow("mismatched bracket") << QByteArray(R"({"v":1,"samples":[)" + goodSample + "}}") << "invalid JSON";
    QTest::addRow("control character in a string")
        << message(R"({"metric":"a)" + QByteArray(1, '\x01') + R"(","ts":1,"value":1})") << "invalid JSON";
    QTest::addRow("NUL byte") << QByteArray(R"({"v":1,"samples":[]})").insert(8, '\0') << "invalid JSON";
    QTest::addRow("unclosed deep nesting") << QByteArray(100000, '[') << "top level: expected an object, got an array";
    QTest::addRow("deep nesting in samples")
        << QByteArray(R"({"v":1,"samples":)" + QByteArray(100000, '[')) << "invalid JSON";
    QTest::addRow("deep nesting in an unknown key")
        << QByteArray(R"({"v":1,"x":)" + QByteArray(100000, '[') + R"(,"samples":[]})") << "invalid JSON";
}

void TestJsonV1Parser::invalidJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorStart);

    const ParseResult result = JsonV1Parser::parse(json);
    QCOMPARE(result.errors.size(), 1);
    QVERIFY2(result.errors.front().startsWith(errorStart), qPrintable(result.errors.front()));
    QVERIFY(result.samples.empty());
}

void TestJsonV1Parser::invalidJsonNamesTheByte()
{
    // The second sample's ts has no value: simdjson stops at the '}' after it.
    const QByteArray json = R"({"v":1,"samples":[{"metric":"a","ts":1,"value":1},{"metric":"b","ts":}]})";
    const ParseResult result = JsonV1Parser::parse(json);
    QCOMPARE(result.errors.size(), 1);
    QVERIFY(result.samples.empty());
    const QString error = result.errors.front();
    QCOMPARE(error,
        QStringLiteral("invalid JSON at byte %1: The JSON document has an improper structure: missing or superfluous "
                       "commas, braces, missing keys, etc.")
            .arg(json.indexOf("ts\":}") + 4));
}

void TestJsonV1Parser::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::addRow("lone continuation byte") << QByteArray("\x80");
    QTest::addRow("0xff") << QByteArray("\xff");
    QTest::addRow("overlong slash") << QByteArray("\xc0\xaf");
    QTest::addRow("truncated sequence") << QByteArray("\xe6\x97");
    QTest::addRow("surrogate") << QByteArray("\xed\xa0\x80");
    QTest::addRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
}

void TestJsonV1Parser::invalidUtf8()
{
    QFETCH(QByteArray, bytes);

    const QByteArray prefix = message(goodSample + R"(,{"metric":"m","labels":{"host":"ok)");
    const QByteArray json = prefix + bytes + R"("},"ts":1,"value":1})" + "]}";
    const ParseResult result = JsonV1Parser::parse(json);
    QCOMPARE(result.errors,
        QStringList { QStringLiteral("invalid JSON at byte %1: The input is not valid UTF-8").arg(prefix.size()) });
    QVERIFY(result.samples.empty());
}

void TestJsonV1Parser::deepNestingInsideValues()
{
    // Balanced nesting far past any sane depth in places the parser skips or rejects: no
    // recursion, so no crash; the sample is reported and the rest kept.
    const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
    const QByteArray json = message(goodSample + R"(,{"metric":"m","ts":1,"value":)" + deep + "}," + goodSample
        + R"(,{"metric":"m","ts":1,"value":1,"unknown":)" + deep + "}," + deep);
    const ParseResult result = JsonV1Parser::parse(json);
    QCOMPARE(result.errors,
        QStringList({ R"(samples[1].value: expected a number or "NaN"/"+Inf"/"-Inf", got an array)",
            "samples[4]: expected an object, got an array" }));
    QCOMPARE(result.samples.size(), 3u);
}

void TestJsonV1Parser::errorsAreCapped()
{
    const int badCount = 200000;
    QByteArrayList samples;
    samples.append(goodSample);
    for (int i = 0; i < badCount; ++i)
        samples.append(R"({"metric":"m","ts":1,"value":"x"})");
    samples.append(goodSample);
    const ParseResult result = JsonV1Parser::parse(message(samples.join(',')));

    QCOMPARE(result.samples.size(), 2u);
    QCOMPARE(result.errors.size(), 21);
    QCOMPARE(result.errors.front(), R"(samples[1].value: expected a number or "NaN"/"+Inf"/"-Inf", got "x")");
    QCOMPARE(result.errors[19], R"(samples[20].value: expected a number or "NaN"/"+Inf"/"-Inf", got "x")");
    QCOMPARE(result.errors.back(), QStringLiteral("... and %1 more errors").arg(badCount - 20));
}

void TestJsonV1Parser::exactlyTwentyErrorsAreNotSummarised()
{
    QByteArrayList samples;
    for (int i = 0; i < 20; ++i)
        samples.append(R"({"metric":"m","ts":1})");
    const ParseResult result = JsonV1Parser::parse(message(samples.join(',')));
    QCOMPARE(result.errors.size(), 20);
    QCOMPARE(result.errors.back(), QStringLiteral(R"(samples[19].value: missing (or "buckets" for a histogram))"));
}

void TestJsonV1Parser::largeMessagesAndParserReuse()
{
    // Over the size the thread keeps its buffers for, then a small one on the same thread.
    const int count = 100000;
    QByteArrayList samples;
    for (int i = 0; i < count; ++i)
        samples.append(QByteArray(R"({"metric":"load","labels":{"host":"h)") + QByteArray::number(i % 7)
            + R"(","padding":")" + QByteArray(40, 'p') + R"("},"ts":)" + QByteArray::number(i) + R"(,"value":)"
            + QByteArray::number(i * 0.5) + "}");
    const QByteArray big = message(samples.join(','));
    QVERIFY(big.size() > 8 * 1024 * 1024);

    const ParseResult first = JsonV1Parser::parse(big);
    QCOMPARE(first.errors, QStringList());
    QCOMPARE(first.samples.size(), std::size_t(count));
    QCOMPARE(first.samples[12345].timestampMs, 12345);
    QCOMPARE(first.samples[12345].value, 12345 * 0.5);
    QCOMPARE(first.samples[12345].labels.front(), std::make_pair(QStringLiteral("host"), QStringLiteral("h4")));

    const ParseResult small = JsonV1Parser::parse(message(goodSample));
    QCOMPARE(small.samples.size(), 1u);
    const ParseResult again = JsonV1Parser::parse(big);
    QCOMPARE(again.samples.size(), std::size_t(count));
}

namespace {
const QByteArray goodAnnotation = R"({"ts":5,"text":"good"})";

// A bad annotation between good ones, beside a good sample.
QByteArray aroundBadAnnotation(const QByteArray& bad, int index)
{
    QByteArray annotations;
    for (int i = 0; i < index; ++i)
        annotations += goodAnnotation + ",";
    return R"({"v":1,"samples":[)" + goodSample + R"(],"annotations":[)" + annotations + bad + "," + goodAnnotation
        + "]}";
}
}

void TestJsonV1Parser::annotations()
{
    const ParseResult result = JsonV1Parser::parse(QByteArray(R"({"v":1,"samples":[)" + goodSample
        + R"(],"annotations":[{"ts":1764160000123,"endTs":1764160005000,"text":"deploy 4f2a","tags":["deploy","api"]},)"
          R"({"text":"caf\u00e9 \"warm\"","ts":1764160009000,"colour":"red"}]})"));
    QVERIFY2(!result.malformed(), qPrintable(result.errors.join(u'\n')));
    QCOMPARE(result.samples.size(), std::size_t(1));
    QCOMPARE(result.annotations.size(), 2);
    const Annotation& range = result.annotations[0];
    QCOMPARE(range.timeMs, 1764160000123);
    QCOMPARE(range.endMs, 1764160005000);
    QCOMPARE(range.text, QStringLiteral("deploy 4f2a"));
    QCOMPARE(range.tags, (QStringList { QStringLiteral("deploy"), QStringLiteral("api") }));
    QCOMPARE(range.origin, Annotation::Origin::Stream);
    // Without "endTs" a point; keys in any order; unknown keys ignored; escapes read.
    const Annotation& point = result.annotations[1];
    QCOMPARE(point.timeMs, 1764160009000);
    QVERIFY(!point.isRange());
    QCOMPARE(point.text, QStringLiteral("caf\u00e9 \"warm\""));
    QVERIFY(point.tags.isEmpty());
}

void TestJsonV1Parser::annotationsWithoutSamples()
{
    const ParseResult result = JsonV1Parser::parse(QByteArray(R"({"v":1,"annotations":[)" + goodAnnotation + "]}"));
    QVERIFY2(!result.malformed(), qPrintable(result.errors.join(u'\n')));
    QVERIFY(result.samples.empty());
    QCOMPARE(result.annotations.size(), 1);
    QCOMPARE(result.annotations[0].text, QStringLiteral("good"));
}

void TestJsonV1Parser::badAnnotation_data()
{
    QTest::addColumn<QByteArray>("annotation");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("error");

    QTest::addRow("not an object") << QByteArray("5") << 1 << "annotations[1]: expected an object, got 5";
    QTest::addRow("ts missing") << QByteArray(R"({"text":"x"})") << 0 << "annotations[0].ts: missing";
    QTest::addRow("ts a string") << QByteArray(R"({"ts":"5","text":"x"})") << 0
                                 << R"(annotations[0].ts: expected an integer (unix ms), got "5")";
    QTest::addRow("ts fractional") << QByteArray(R"({"ts":1.5,"text":"x"})") << 0
                                   << "annotations[0].ts: expected an integer (unix ms), got 1.5";
    QTest::addRow("endTs before ts") << QByteArray(R"({"ts":10,"endTs":9,"text":"x"})") << 2
                                     << "annotations[2].endTs: before ts";
    QTest::addRow("endTs null") << QByteArray(R"({"ts":10,"endTs":null,"text":"x"})") << 0
                                << "annotations[0].endTs: expected an integer (unix ms), got null";
    QTest::addRow("text missing") << QByteArray(R"({"ts":1})") << 0 << "annotations[0].text: missing";
    QTest::addRow("text a number") << QByteArray(R"({"ts":1,"text":5})") << 0
                                   << "annotations[0].text: expected a string, got 5";
    QTest::addRow("text empty") << QByteArray(R"({"ts":1,"text":""})") << 0 << "annotations[0].text: empty";
    QTest::addRow("text bad escape") << QByteArray(R"({"ts":1,"text":"a\x"})") << 0
                                     << R"(annotations[0].text: invalid escape in string "a\x")";
    QTest::addRow("tags a string") << QByteArray(R"({"ts":1,"text":"x","tags":"deploy"})") << 0
                                   << R"(annotations[0].tags: expected an array, got "deploy")";
    QTest::addRow("tag a number") << QByteArray(R"({"ts":1,"text":"x","tags":["a",2]})") << 1
                                  << "annotations[1].tags[1]: expected a string, got 2";
    QTest::addRow("tag empty") << QByteArray(R"({"ts":1,"text":"x","tags":[""]})") << 0
                               << "annotations[0].tags[0]: empty";
}

void TestJsonV1Parser::badAnnotation()
{
    QFETCH(QByteArray, annotation);
    QFETCH(int, index);
    QFETCH(QString, error);

    const ParseResult result = JsonV1Parser::parse(aroundBadAnnotation(annotation, index));
    QCOMPARE(result.errors, QStringList { error });
    // The good annotations on both sides of the bad one are kept, and so is the sample.
    QCOMPARE(result.annotations.size(), index + 1);
    for (const Annotation& kept : result.annotations)
        QCOMPARE(kept.text, QStringLiteral("good"));
    QCOMPARE(result.samples.size(), std::size_t(1));
}

void TestJsonV1Parser::longAnnotationTextIsCut()
{
    // A surrogate pair straddles the cut: it goes whole, never half.
    const QByteArray text = QByteArray(998, 'a') + "\xF0\x9F\x9A\x80" + QByteArray(10, 'b');
    const ParseResult result
        = JsonV1Parser::parse(QByteArray(R"({"v":1,"annotations":[{"ts":1,"text":")" + text + R"("}]})"));
    QCOMPARE(result.errors, QStringList { QStringLiteral("annotations[0].text: 1010 characters, cut to 1000") });
    QCOMPARE(result.annotations.size(), 1);
    QCOMPARE(result.annotations[0].text, QString(998, u'a') + QChar(0x2026));
}

// One reason, and unlike "samples" that is not an array, the samples beside it stay.
void TestJsonV1Parser::annotationsNotAnArrayKeepTheSamples()
{
    const ParseResult notArray
        = JsonV1Parser::parse(QByteArray(R"({"v":1,"annotations":{},"samples":[)" + goodSample + "]}"));
    QCOMPARE(notArray.errors, QStringList { QStringLiteral("annotations: expected an array, got an object") });
    QCOMPARE(notArray.samples.size(), std::size_t(1));
}

namespace {
QString labelsText(const Labels& labels)
{
    QStringList parts;
    for (const auto& [name, value] : labels)
        parts << name + QLatin1Char('=') + value;
    return parts.join(QLatin1Char(','));
}
}

// The wire form of a histogram: cumulative [le, count] pairs, as Prometheus's classic buckets, stored as
// the series Prometheus would expose for it, so a heatmap reads both the same way.
void TestJsonV1Parser::histogramSampleIsStoredAsClassicBuckets()
{
    const ParseResult result = JsonV1Parser::parse(
        message(R"({"metric":"agent_execution_seconds","labels":{"status":"ok","agent_name":"a"},"ts":5000,)"
                R"("buckets":[[1,2],[5,7],[10,7],[30,9],["+Inf",10]],"count":10,"sum":123.5})"));
    QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.join('\n')));
    QCOMPARE(result.samples.size(), std::size_t(7));
    const QStringList les { "1", "5", "10", "30", "+Inf" };
    const QList<double> counts { 2, 7, 7, 9, 10 };
    for (qsizetype i = 0; i < les.size(); ++i) {
        const Sample& bucket = result.samples[std::size_t(i)];
        QCOMPARE(bucket.metric, QStringLiteral("agent_execution_seconds_bucket"));
        QCOMPARE(labelsText(bucket.labels), QStringLiteral("agent_name=a,le=%1,status=ok").arg(les[i]));
        QCOMPARE(bucket.timestampMs, qint64(5000));
        QCOMPARE(bucket.value, counts[i]);
    }
    QCOMPARE(result.samples[5].metric, QStringLiteral("agent_execution_seconds_count"));
    QCOMPARE(labelsText(result.samples[5].labels), QStringLiteral("agent_name=a,status=ok"));
    QCOMPARE(result.samples[5].value, 10.0);
    QCOMPARE(result.samples[6].metric, QStringLiteral("agent_execution_seconds_sum"));
    QCOMPARE(result.samples[6].value, 123.5);
}

void TestJsonV1Parser::histogramWithoutInfBucketGainsOne()
{
    const ParseResult result
        = JsonV1Parser::parse(message(R"({"metric":"h","ts":1,"buckets":[[0.1,1],[0.25,3]],"count":4})"));
    QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.join('\n')));
    QCOMPARE(result.samples.size(), std::size_t(4)); // 0.1, 0.25, +Inf and _count; no sum was sent
    QCOMPARE(labelsText(result.samples[0].labels), QStringLiteral("le=0.1"));
    QCOMPARE(labelsText(result.samples[1].labels), QStringLiteral("le=0.25"));
    QCOMPARE(labelsText(result.samples[2].labels), QStringLiteral("le=+Inf"));
    QCOMPARE(result.samples[2].value, 4.0);
    QCOMPARE(result.samples[3].metric, QStringLiteral("h_count"));
}

void TestJsonV1Parser::badHistogram_data()
{
    QTest::addColumn<QByteArray>("sample");
    QTest::addColumn<QString>("error");
    QTest::addRow("buckets not an array")
        << QByteArray(R"({"metric":"h","ts":1,"buckets":{}})")
        << "samples[1].buckets: expected an array of [le, cumulativeCount], got an object";
    QTest::addRow("empty buckets") << QByteArray(R"({"metric":"h","ts":1,"buckets":[]})")
                                   << "samples[1].buckets: empty";
    QTest::addRow("bucket not a pair") << QByteArray(R"({"metric":"h","ts":1,"buckets":[[1,2],3]})")
                                       << "samples[1].buckets[1]: expected [le, cumulativeCount], got 3";
    QTest::addRow("bucket of three") << QByteArray(R"({"metric":"h","ts":1,"buckets":[[1,2,3]]})")
                                     << "samples[1].buckets[0]: expected [le, cumulativeCount], got 3 elements";
    QTest::addRow("le a word") << QByteArray(R"({"metric":"h","ts":1,"buckets":[["x",2]]})")
                               << R"(samples[1].buckets[0][0]: expected an upper bound (a number or "+Inf"), got "x")";
    QTest::addRow("le falling") << QByteArray(R"({"metric":"h","ts":1,"buckets":[[5,1],[1,2]]})")
                                << "samples[1].buckets[1]: le 1 not above the previous bucket's 5 (buckets go from the "
                                   "lowest up)";
    QTest::addRow("count falling") << QByteArray(R"({"metric":"h","ts":1,"buckets":[[1,5],[2,3]]})")
                                   << "samples[1].buckets[1]: count 3 below the previous bucket's 5 (counts are "
                                      "cumulative)";
    QTest::addRow("negative count") << QByteArray(R"({"metric":"h","ts":1,"buckets":[[1,-1]]})")
                                    << "samples[1].buckets[0]: expected a finite count, 0 or more, got -1";
    QTest::addRow("count as a string") << QByteArray(R"({"metric":"h","ts":1,"buckets":[[1,"NaN"]]})")
                                       << R"(samples[1].buckets[0][1]: expected a cumulative count, got "NaN")";
    QTest::addRow("absurd count") << QByteArray(R"({"metric":"h","ts":1,"buckets":[[1,1e400]]})")
                                  << "samples[1].buckets[0][1]: number out of range: 1e400";
    QTest::addRow("count beside +Inf differs")
        << QByteArray(R"({"metric":"h","ts":1,"buckets":[["+Inf",4]],"count":5})")
        << "samples[1].count: 5 differs from the +Inf bucket's 4";
    QTest::addRow("count below the last bucket") << QByteArray(R"({"metric":"h","ts":1,"buckets":[[1,4]],"count":3})")
                                                 << "samples[1].count: 3 below the last bucket's 4";
    QTest::addRow("negative total") << QByteArray(R"({"metric":"h","ts":1,"buckets":[[1,0]],"count":-2})")
                                    << "samples[1].count: expected a finite count, 0 or more, got -2";
    QTest::addRow("both value and buckets")
        << QByteArray(R"({"metric":"h","ts":1,"value":1,"buckets":[[1,1]]})")
        << R"(samples[1]: both "value" and "buckets"; a sample is one or the other)";
    QTest::addRow("count beside a value") << QByteArray(R"({"metric":"h","ts":1,"value":1,"count":1})")
                                          << R"(samples[1]: "count" and "sum" belong to a histogram sample (with )"
                                             R"("buckets"), not beside "value")";
    QTest::addRow("le as a label")
        << QByteArray(R"({"metric":"h","labels":{"le":"1"},"ts":1,"buckets":[[1,1]]})")
        << "samples[1].labels.le: a histogram sample's buckets carry le; it cannot be a label";
}

// A bad histogram is skipped whole, with its reason; the samples around it are kept.
void TestJsonV1Parser::badHistogram()
{
    QFETCH(QByteArray, sample);
    QFETCH(QString, error);
    const ParseResult result = JsonV1Parser::parse(aroundBad(sample, 1));
    QCOMPARE(result.errors, QStringList { error });
    QCOMPARE(result.samples.size(), std::size_t(2));
    for (const Sample& kept : result.samples)
        QCOMPARE(kept.metric, QStringLiteral("good"));
}

PERFDASH_TEST_GUILESS_MAIN(TestJsonV1Parser)
#include "tst_jsonv1parser.moc"
