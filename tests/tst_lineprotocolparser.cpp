#include "HeadlessTestMain.h"
#include "LineProtocolParser.h"
#include "TimeSeriesStore.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace perfdash;

// Declared before any test data: moc misreads raw string literals with an odd number of quotes.
class TestLineProtocolParser : public QObject {
    Q_OBJECT

private slots:
    void valid_data();
    void valid();

    void specialFloatValues();

    void emptyInput_data();
    void emptyInput();

    void badLine_data();
    void badLine();

    void stringFields_data();
    void stringFields();

    void manyInterleavedSeries();
    void errorsNameTheirLines();

    void errorsAreCapped();

    void megabyteLines();

    void readsOnlyTheViewedBytes();
    void eventsCloserThanAMillisecondAllReachTheStore();
};

namespace {
constexpr qint64 receivedAt = 1764160000123;

// One line per sample, "series value @ms", so expectations read like the input.
QStringList describe(const SampleBatch& samples)
{
    QStringList lines;
    for (const Sample& sample : samples) {
        lines.append(seriesKey(sample.metric, sample.labels) + u' '
            + QString::number(sample.value, 'g', QLocale::FloatingPointShortest) + QStringLiteral(" @")
            + QString::number(sample.timestampMs));
    }
    return lines;
}
}

void TestLineProtocolParser::valid_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("spec example, field named value")
        << QByteArray("cpu,host=server01,region=uswest value=1.0 1434055562000000000")
        << QStringList { R"(cpu{host="server01",region="uswest"} 1 @1434055562000)" };
    QTest::addRow("several fields") << QByteArray(
        "weather,location=us-midwest temperature=82,humidity=71i 1465839830100400200")
                                    << QStringList { R"(weather_temperature{location="us-midwest"} 82 @1465839830100)",
                                           R"(weather_humidity{location="us-midwest"} 71 @1465839830100)" };
    // Too small for a double: 0, as Go's ParseFloat reads it in the peer decoders (it used to be refused).
    QTest::addRow("underflow is zero") << QByteArray("m x=1e-400 0") << QStringList { "m_x 0 @0" };
    QTest::addRow("no tags") << QByteArray("myMeasurement fieldKey=1 1556813561098000000")
                             << QStringList { "myMeasurement_fieldKey 1 @1556813561098" };
    QTest::addRow("no timestamp gets the receive time")
        << QByteArray("mem used=5") << QStringList { "mem_used 5 @1764160000123" };
    QTest::addRow("trailing spaces without timestamp")
        << QByteArray("mem used=5   ") << QStringList { "mem_used 5 @1764160000123" };
    QTest::addRow("several spaces between sections")
        << QByteArray("mem  used=5   7000000  ") << QStringList { "mem_used 5 @7" };
    QTest::addRow("leading whitespace") << QByteArray("  \tmem used=5 7000000") << QStringList { "mem_used 5 @7" };

    QTest::addRow("float forms") << QByteArray("m a=1,b=1.0,c=-1.234456e+78,d=1e3,e=.5,f=5.,g=1E-2,h=0.61")
                                 << QStringList { "m_a 1 @1764160000123", "m_b 1 @1764160000123",
                                        "m_c -1.234456e+78 @1764160000123", "m_d 1000 @1764160000123",
                                        "m_e 0.5 @1764160000123", "m_f 5 @1764160000123", "m_g 0.01 @1764160000123",
                                        "m_h 0.61 @1764160000123" };
    QTest::addRow("integers") << QByteArray("m a=12i,b=-12i,c=9223372036854775807i,d=-9223372036854775808i 0")
                              << QStringList { "m_a 12 @0", "m_b -12 @0", "m_c 9223372036854776000 @0",
                                     "m_d -9223372036854776000 @0" };
    QTest::addRow("unsigned") << QByteArray("m a=12u,b=0u,c=18446744073709551615u 0")
                              << QStringList { "m_a 12 @0", "m_b 0 @0", "m_c 18446744073709552000 @0" };
    QTest::addRow("booleans") << QByteArray("m a=t,b=T,c=true,d=True,e=TRUE,f=f,g=F,h=false,i=False,j=FALSE 0")
                              << QStringList { "m_a 1 @0", "m_b 1 @0", "m_c 1 @0", "m_d 1 @0", "m_e 1 @0", "m_f 0 @0",
                                     "m_g 0 @0", "m_h 0 @0", "m_i 0 @0", "m_j 0 @0" };

    QTest::addRow("escaped space and comma in measurement")
        << QByteArray(R"(my\ Measure\,ment value=1 0)") << QStringList { "my_Measure_ment 1 @0" };
    QTest::addRow("escapes in tags and field keys")
        << QByteArray(R"(m,tag\ Key1=tag\ Value1,k\,2=a\,b\=c field\ Key\=x=1 0)")
        << QStringList { R"(m_field_Key_x{k_2="a,b=c",tag_Key1="tag Value1"} 1 @0)" };
    // As InfluxDB 1.x, the Go decoder and the grammar read them: a backslash escapes only ',', '=' and ' '
    // (',' and ' ' in a measurement), two backslashes stay two, and a separator right after a
    // backslash is escaped whatever precedes that backslash. (Labels print with each backslash doubled.)
    QTest::addRow("backslashes are kept, only separators are escaped")
        << QByteArray(R"(m,a=x\\y,b=x\y,c=x\\\y,d=x\\\\y value=1 0)")
        << QStringList { R"(m{a="x\\\\y",b="x\\y",c="x\\\\\\y",d="x\\\\\\\\y"} 1 @0)" };
    QTest::addRow("two backslashes, then an escaped space")
        << QByteArray(R"(cpu,host=two\\ words value=42)") << QStringList { R"(cpu{host="two\\ words"} 42 @1764160000123)" };
    QTest::addRow("three backslashes, then an escaped space")
        << QByteArray(R"(cpu,host=two\\\ words value=42)")
        << QStringList { R"(cpu{host="two\\\\ words"} 42 @1764160000123)" };
    QTest::addRow("equals sign and quotes in measurement")
        << QByteArray("a=b\"c value=1 0") << QStringList { "a_b_c 1 @0" };
    QTest::addRow("names mapped to the Prometheus charset")
        << QByteArray("cpu.load-1m,host.name=a value=1,p99.9=2 0")
        << QStringList { R"(cpu_load_1m{host_name="a"} 1 @0)", R"(cpu_load_1m_p99_9{host_name="a"} 2 @0)" };
    QTest::addRow("colons stay in metric names, not label names")
        << QByteArray("job:rate,a:b=x value=1 0") << QStringList { R"(job:rate{a_b="x"} 1 @0)" };
    QTest::addRow("leading digit gets an underscore")
        << QByteArray("2xx,9k=v value=1 0") << QStringList { R"(_2xx{_9k="v"} 1 @0)" };
    QTest::addRow("multi-byte character becomes one underscore") << QByteArray(
        "température,lieu=Zürich value=1 0") << QStringList { QString::fromUtf8(R"(temp_rature{lieu="Zürich"} 1 @0)") };
    QTest::addRow("emoji tag value") << QByteArray("myMeasurement,tagKey=🍭 fieldKey=1 1556813561098000000")
                                     << QStringList { QString::fromUtf8(
                                            R"(myMeasurement_fieldKey{tagKey="🍭"} 1 @1556813561098)") };
    QTest::addRow("tags sorted") << QByteArray("m,z=1,a=2 value=1 0") << QStringList { R"(m{a="2",z="1"} 1 @0)" };
    QTest::addRow("timestamp truncated toward negative infinity")
        << QByteArray("m value=1 1999999\nm value=2 -1\nm value=3 -1000000\nm value=4 -1000001")
        << QStringList { "m 1 @1", "m 2 @-1", "m 3 @-1", "m 4 @-2" };

    QTest::addRow("comments and blank lines")
        << QByteArray("# a comment\n\n   \nm value=1 0\n  # indented comment\n\n") << QStringList { "m 1 @0" };
    QTest::addRow("CRLF line ends") << QByteArray("m value=1 0\r\nm value=2\r\n# c\r\n\r\nn value=3 1000000\r\n")
                                    << QStringList { "m 1 @0", "m 2 @1764160000123", "n 3 @1" };
    QTest::addRow("no final newline") << QByteArray("m value=1 0\nm value=2 0") << QStringList { "m 1 @0", "m 2 @0" };
    QTest::addRow("series changes between lines")
        << QByteArray("cpu,host=a v=1 0\ncpu,host=a v=2 0\ncpu,host=b v=3 0\nmem,host=b v=4 0\n"
                      "mem,host=b,dc=x v=5 0\nmem,host=b v=6 0\ncpu,host=a w=7,value=8 0")
        << QStringList { R"(cpu_v{host="a"} 1 @0)", R"(cpu_v{host="a"} 2 @0)", R"(cpu_v{host="b"} 3 @0)",
               R"(mem_v{host="b"} 4 @0)", R"(mem_v{dc="x",host="b"} 5 @0)", R"(mem_v{host="b"} 6 @0)",
               R"(cpu_w{host="a"} 7 @0)", R"(cpu{host="a"} 8 @0)" };
}

void TestLineProtocolParser::valid()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);

    const ParseResult result = LineProtocolParser::parse(input, receivedAt);
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(describe(result.samples), expected);
}

void TestLineProtocolParser::specialFloatValues()
{
    const ParseResult result = LineProtocolParser::parse("m a=-0,b=1e308,c=-0.0 0", receivedAt);
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.samples.size(), 3u);
    QVERIFY(std::signbit(result.samples[0].value));
    QCOMPARE(result.samples[1].value, 1e308);
    QVERIFY(std::signbit(result.samples[2].value));
}

void TestLineProtocolParser::emptyInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("newlines") << QByteArray("\n\n\r\n");
    QTest::addRow("comments only") << QByteArray("# one\n#two");
}

void TestLineProtocolParser::emptyInput()
{
    QFETCH(QByteArray, input);
    const ParseResult result = LineProtocolParser::parse(input, receivedAt);
    QVERIFY(result.samples.empty());
    QCOMPARE(result.errors, QStringList());
}

void TestLineProtocolParser::badLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("error");

    QTest::addRow("measurement only") << QByteArray("m") << "line 2: missing field set";
    QTest::addRow("measurement and tags only") << QByteArray("m,t=1") << "line 2: missing field set";
    QTest::addRow("trailing space only") << QByteArray("m ") << "line 2: missing field set";
    QTest::addRow("escaped space is not a separator") << QByteArray(R"(m\ v=1)") << "line 2: missing field set";
    QTest::addRow("no measurement") << QByteArray(",t=1 v=1") << "line 2: missing measurement";
    QTest::addRow("tag without value") << QByteArray("m,t v=1") << R"(line 2: bad tag "t")";
    QTest::addRow("tag with empty value") << QByteArray("m,t= v=1") << R"(line 2: tag "t": missing value)";
    QTest::addRow("tag with empty key") << QByteArray("m,=x v=1") << R"(line 2: bad tag "=x")";
    QTest::addRow("empty tag") << QByteArray("m, v=1") << R"(line 2: bad tag "")";
    QTest::addRow("unescaped equals in tag value") << QByteArray("m,a=b=c v=1") << R"(line 2: bad tag "a=b=c")";
    QTest::addRow("field without value") << QByteArray("m v=") << R"(line 2: field "v": missing value)";
    QTest::addRow("field without equals") << QByteArray("m v") << R"(line 2: field "v": missing "=" and value)";
    QTest::addRow("field without name") << QByteArray("m =1") << "line 2: field with an empty name";
    QTest::addRow("trailing comma in fields") << QByteArray("m v=1,") << "line 2: field with an empty name";
    QTest::addRow("two dots") << QByteArray("m x=1.2.3") << R"(line 2: field "x": bad value "1.2.3")";
    QTest::addRow("NaN") << QByteArray("m x=NaN") << R"(line 2: field "x": bad value "NaN")";
    QTest::addRow("nan") << QByteArray("m x=nan") << R"(line 2: field "x": bad value "nan")";
    QTest::addRow("inf") << QByteArray("m x=inf") << R"(line 2: field "x": bad value "inf")";
    QTest::addRow("-inf") << QByteArray("m x=-inf") << R"(line 2: field "x": bad value "-inf")";
    QTest::addRow("leading plus") << QByteArray("m x=+1") << R"(line 2: field "x": bad value "+1")";
    QTest::addRow("float out of range") << QByteArray("m x=1e400") << R"(line 2: field "x": bad value "1e400")";
    QTest::addRow("hex") << QByteArray("m x=0x10") << R"(line 2: field "x": bad value "0x10")";
    QTest::addRow("integer out of range")
        << QByteArray("m x=9223372036854775808i") << R"(line 2: field "x": bad value "9223372036854775808i")";
    QTest::addRow("negative unsigned") << QByteArray("m x=-1u") << R"(line 2: field "x": bad value "-1u")";
    QTest::addRow("fractional integer") << QByteArray("m x=1.5i") << R"(line 2: field "x": bad value "1.5i")";
    QTest::addRow("bare i") << QByteArray("m x=i") << R"(line 2: field "x": bad value "i")";
    QTest::addRow("misspelt boolean") << QByteArray("m x=tru") << R"(line 2: field "x": bad value "tru")";
    QTest::addRow("unit suffix") << QByteArray("m x=12ms") << R"(line 2: field "x": bad value "12ms")";
    QTest::addRow("single-quoted string") << QByteArray("m x='a'") << R"(line 2: field "x": bad value "'a'")";
    QTest::addRow("unterminated string") << QByteArray(R"(m x="abc)") << R"(line 2: field "x": unterminated string)";
    QTest::addRow("escaped closing quote")
        << QByteArray(R"(m x="abc\")") << R"(line 2: field "x": unterminated string)";
    QTest::addRow("text after string") << QByteArray(R"(m x="a"b)")
                                       << R"(line 2: field "x": text after the closing quote)";
    QTest::addRow("bad timestamp") << QByteArray("m x=1 12x") << R"(line 2: bad timestamp "12x")";
    QTest::addRow("float timestamp") << QByteArray("m x=1 1.5e9") << R"(line 2: bad timestamp "1.5e9")";
    QTest::addRow("timestamp out of range")
        << QByteArray("m x=1 9223372036854775808") << R"(line 2: bad timestamp "9223372036854775808")";
    QTest::addRow("text after timestamp")
        << QByteArray("m x=1 1 2") << R"(line 2: unexpected text after the timestamp: "2")";
    // InfluxDB refuses a repeated tag key; keeping either value would change the series silently. Keys that
    // only meet after mapping to label names are refused the same way.
    QTest::addRow("duplicate tag") << QByteArray("m,b=2,c=3,b=1 v=1") << R"(line 2: duplicate tag "b")";
    QTest::addRow("tags that become one label")
        << QByteArray("m,a-b=1,a_b=2 v=1") << R"(line 2: tags "a-b" and "a_b" both become the label "a_b")";
    // The peer decoders refuse these; passing them on would put a control character or U+FFFD in a label.
    QTest::addRow("control character in a tag value")
        << QByteArray("m,k=x\x01y v=1") << "line 2: control character 0x01 in the measurement or a tag";
    QTest::addRow("invalid UTF-8 in a tag value")
        << QByteArray("m,foo=bad\xff v=1") << "line 2: invalid UTF-8 at byte 10 of the measurement and tags";
    QTest::addRow("overlong UTF-8") << QByteArray("m,k=\xc0\xaf v=1")
                                    << "line 2: invalid UTF-8 at byte 5 of the measurement and tags";
    QTest::addRow("long value is cut") << QByteArray("m x=" + QByteArray(100, '9') + "z")
                                       << "line 2: field \"x\": bad value \"" + QString(40, u'9') + "...\"";
}

void TestLineProtocolParser::badLine()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, error);

    // The bad line sits between good ones, which are kept.
    const ParseResult result
        = LineProtocolParser::parse("good,h=a value=1 1000000\n" + line + "\ngood,h=a value=3 3000000\n", receivedAt);
    QCOMPARE(result.errors, QStringList { error });
    QCOMPARE(describe(result.samples), QStringList({ R"(good{h="a"} 1 @1)", R"(good{h="a"} 3 @3)" }));
}

void TestLineProtocolParser::stringFields_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("errors");

    QTest::addRow("spec example")
        << QByteArray(R"(myMeasurement,tag1=value1,tag2=value2 fieldKey="fieldValue" 1556813561098000000)")
        << QStringList()
        << QStringList { R"(line 1: field "fieldKey" is a string; only numeric fields become samples)" };
    QTest::addRow("numeric fields of the line are kept")
        << QByteArray(R"(m msg="hello",v=2,note="x" 0)") << QStringList { "m_v 2 @0" }
        << QStringList { R"(line 1: field "msg" is a string; only numeric fields become samples)",
               R"(line 1: field "note" is a string; only numeric fields become samples)" };
    QTest::addRow("escapes, commas, spaces and equals inside the string")
        << QByteArray(R"(m msg="a \"quoted\" \\, b = c",v=2 0)") << QStringList { "m_v 2 @0" }
        << QStringList { R"(line 1: field "msg" is a string; only numeric fields become samples)" };
    QTest::addRow("empty string") << QByteArray(R"(m msg="",v=2 0)") << QStringList { "m_v 2 @0" }
                                  << QStringList {
                                         R"(line 1: field "msg" is a string; only numeric fields become samples)"
                                     };
    // Line protocol allows a newline inside a string field value: the line goes on after it.
    QTest::addRow("a newline inside a string")
        << QByteArray("cpu,host=serverA,region=us-east value=1.0,str=\"foo\nbar\" 1000000000")
        << QStringList { R"(cpu{host="serverA",region="us-east"} 1 @1000)" }
        << QStringList { R"(line 1: field "str" is a string; only numeric fields become samples)" };
    QTest::addRow("no sample made up from a string's text")
        << QByteArray("m value=2,s=\"a\nphantom x=1\n\" 2000000\nnext v=3 3000000\nbad")
        << QStringList { "m 2 @2", "next_v 3 @3" }
        << QStringList { R"(line 1: field "s" is a string; only numeric fields become samples)",
               "line 5: missing field set" };
    QTest::addRow("an escaped quote does not end the string")
        << QByteArray("m s=\"say \\\"hi\n\\\"\",v=1 0") << QStringList { "m_v 1 @0" }
        << QStringList { R"(line 1: field "s" is a string; only numeric fields become samples)" };
    QTest::addRow("quotes in a comment mean nothing")
        << QByteArray("# say \"hi\nm v=1 0") << QStringList { "m_v 1 @0" } << QStringList();
    QTest::addRow("UTF-8 tags are fine") << QByteArray("m,city=Z\xc3\xbcrich v=1 0")
                                         << QStringList { QString::fromUtf8("m_v{city=\"Z\xc3\xbcrich\"} 1 @0") }
                                         << QStringList();
    // A repeated field would be two samples at one time: the last value is kept, as InfluxDB keeps it.
    QTest::addRow("repeated field") << QByteArray("m a=1,a=2 0") << QStringList { "m_a 2 @0" }
                                    << QStringList { R"(line 1: field "a" appears twice; the last value is kept)" };
    QTest::addRow("fields that become one name")
        << QByteArray("m a-b=1,a_b=2 0") << QStringList { "m_a_b 2 @0" }
        << QStringList { R"(line 1: fields "a-b" and "a_b" both become "m_a_b"; the last value is kept)" };
    QTest::addRow("string in a bad line is not reported separately") << QByteArray(
        R"(m msg="x",v=oops 0)") << QStringList() << QStringList { R"(line 1: field "v": bad value "oops")" };
}

void TestLineProtocolParser::stringFields()
{
    QFETCH(QByteArray, line);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, errors);

    const ParseResult result = LineProtocolParser::parse(line, receivedAt);
    QCOMPARE(result.errors, errors);
    QCOMPARE(describe(result.samples), expected);
}

// More series than the parser remembers, revisited in rounds, with bad lines and reordered tags in
// between: every sample must still get exactly its own metric and labels.
void TestLineProtocolParser::manyInterleavedSeries()
{
    QByteArray input;
    QStringList expected;
    QStringList errors;
    int lineNumber = 0;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 40; ++i) {
            const QByteArray measurement = i % 2 ? "cpu" : "mem";
            const QByteArray host = "h" + QByteArray::number(i % 20);
            const QByteArray zone = "z" + QByteArray::number(i % 3);
            const QByteArray value = QByteArray::number(round * 100 + i);
            const QByteArray tags = i % 5 == 0 ? ",zone=" + zone + ",host=" + host : ",host=" + host + ",zone=" + zone;
            input += measurement + tags + " value=" + value + ",f" + QByteArray::number(i % 4) + "=" + value + " 0\n";
            ++lineNumber;
            const QString labels
                = QStringLiteral(R"({host="%1",zone="%2"})").arg(QString::fromLatin1(host), QString::fromLatin1(zone));
            expected.append(QString::fromLatin1(measurement) + labels + " " + QString::fromLatin1(value) + " @0");
            expected.append(QString::fromLatin1(measurement) + "_f" + QString::number(i % 4) + labels + " "
                + QString::fromLatin1(value) + " @0");
            if (i % 7 == 0) {
                input += measurement + tags + ",bad value=1 0\n";
                ++lineNumber;
                errors.append(QStringLiteral(R"(line %1: bad tag "bad")").arg(lineNumber));
            }
        }
    }
    const ParseResult result = LineProtocolParser::parse(input, receivedAt);
    QCOMPARE(describe(result.samples), expected);
    QCOMPARE(result.errors.mid(0, 20), errors.mid(0, 20));
}

void TestLineProtocolParser::errorsNameTheirLines()
{
    const QByteArray input = "m value=1 0\r\n"
                             "m\r\n"
                             "# comment\r\n"
                             "\r\n"
                             "m value=5 12x\r\n"
                             "m value=6 0\r\n"
                             "m x=1.2.3\r\n"
                             "m value=8 0\r\n";
    const ParseResult result = LineProtocolParser::parse(input, receivedAt);
    QCOMPARE(result.errors,
        QStringList({ "line 2: missing field set", R"(line 5: bad timestamp "12x")",
            R"(line 7: field "x": bad value "1.2.3")" }));
    QCOMPARE(describe(result.samples), QStringList({ "m 1 @0", "m 6 @0", "m 8 @0" }));
}

void TestLineProtocolParser::errorsAreCapped()
{
    QByteArray input;
    for (int i = 0; i < 100000; ++i)
        input += "m value=bad\n";
    input += "m value=1 0\n";
    const ParseResult result = LineProtocolParser::parse(input, receivedAt);
    QCOMPARE(result.samples.size(), 1u);
    QCOMPARE(result.errors.size(), 21);
    QCOMPARE(result.errors.front(), R"(line 1: field "value": bad value "bad")");
    QCOMPARE(result.errors[19], R"(line 20: field "value": bad value "bad")");
    QCOMPARE(result.errors.back(), "... and 99980 more errors");
}

void TestLineProtocolParser::megabyteLines()
{
    const int megabyte = 1024 * 1024;

    // A huge string field next to a numeric one.
    const ParseResult withString
        = LineProtocolParser::parse("m,h=a log=\"" + QByteArray(megabyte, 'x') + "\",v=1 0", receivedAt);
    QCOMPARE(describe(withString.samples), QStringList { R"(m_v{h="a"} 1 @0)" });
    QCOMPARE(
        withString.errors, QStringList { R"(line 1: field "log" is a string; only numeric fields become samples)" });

    // A huge tag value.
    const ParseResult withTag
        = LineProtocolParser::parse("m,h=" + QByteArray(megabyte, 'y') + " value=2 0", receivedAt);
    QCOMPARE(withTag.errors, QStringList());
    QCOMPARE(withTag.samples.size(), 1u);
    QCOMPARE(withTag.samples.front().labels.front().second.size(), megabyte);

    // About a megabyte of distinct fields on one line.
    QByteArray fields;
    const int fieldCount = 100000;
    for (int i = 0; i < fieldCount; ++i)
        fields += (i ? "," : "") + QByteArray("f") + QByteArray::number(i) + "=" + QByteArray::number(i);
    QVERIFY(fields.size() > megabyte);
    const ParseResult manyFields = LineProtocolParser::parse("m,h=a " + fields + " 5000000", receivedAt);
    QCOMPARE(manyFields.errors, QStringList());
    QCOMPARE(manyFields.samples.size(), std::size_t(fieldCount));
    QCOMPARE(manyFields.samples[12345].metric, QStringLiteral("m_f12345"));
    QCOMPARE(manyFields.samples[12345].value, 12345.0);
    QCOMPARE(manyFields.samples[12345].timestampMs, 5);

    // A huge bad value: the error quotes only its start.
    const ParseResult badValue = LineProtocolParser::parse("m v=" + QByteArray(megabyte, '1') + "x", receivedAt);
    QCOMPARE(badValue.errors, QStringList { "line 1: field \"v\": bad value \"" + QString(40, u'1') + "...\"" });
}

void TestLineProtocolParser::readsOnlyTheViewedBytes()
{
    const QByteArray buffer = "m value=1 0garbage";
    const ParseResult result = LineProtocolParser::parse(QByteArrayView(buffer).first(11), receivedAt);
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(describe(result.samples), QStringList { "m 1 @0" });
}

// Per-request latencies at 10 per millisecond, each with its own nanosecond time: the parser keeps the
// part below the millisecond, so the store keeps all 5,000 (it kept 500, one per millisecond).
void TestLineProtocolParser::eventsCloserThanAMillisecondAllReachTheStore()
{
    QByteArray input;
    for (int i = 0; i < 5000; ++i) {
        const qint64 nanoseconds = 1'700'000'000'000'000'000LL + qint64(i) * 100'000;
        input += "request_latency,endpoint=/a seconds=" + QByteArray::number(0.01 + 0.001 * (i % 7)) + ' '
            + QByteArray::number(nanoseconds) + '\n';
    }
    const ParseResult result = LineProtocolParser::parse(input, receivedAt);
    QCOMPARE(result.errors, QStringList());
    QCOMPARE(result.samples.size(), std::size_t(5000));
    QCOMPARE(result.samples[13].timestampMs, 1'700'000'000'001LL);
    QCOMPARE(result.samples[13].subMsNanos, 300'000);
    TimeSeriesStore store;
    const AppendResult appended = store.append(result.samples);
    QCOMPARE(appended.stored, std::size_t(5000));
    QCOMPARE(appended.rejectedOutOfOrder + appended.rejectedDuplicate, std::size_t(0));
}

PERFDASH_TEST_GUILESS_MAIN(TestLineProtocolParser)
#include "tst_lineprotocolparser.moc"
