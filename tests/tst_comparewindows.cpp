#include "BinaryRun.h"
#include "HeadlessTestMain.h"
#include "LoopbackPort.h"
#include "ScriptedHttpServer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <cmath>
#include <random>

// `perfdash compare-windows` as a user runs it, against a Prometheus on loopback whose range answers are
// synthetic: a level of 1 before 07:30 UTC and of 1.3 ("latency_up"), 0.7 ("latency_down") or 1 ("latency_flat")
// from then on, with AR(1) noise (φ = 0.6, 3 % innovations), so neighbouring steps are correlated as real
// latencies are and the block method has to widen its blocks. Each 30-minute window is 360 steps of 5 s (the
// comparison's floor).
class TestCompareWindows : public QObject {
    Q_OBJECT

    static constexpr qint64 changeSeconds = 1767598200; // 2026-01-05T07:30:00Z
    static inline const QString before = QStringLiteral("2026-01-05T07:00:00Z..2026-01-05T07:30:00Z");
    static inline const QString after = QStringLiteral("2026-01-05T07:30:00Z..2026-01-05T08:00:00Z");

    static double levelAfterChange(const QString& query)
    {
        if (query.contains(QLatin1String("latency_up")))
            return 1.3;
        if (query.contains(QLatin1String("latency_down")))
            return 0.7;
        return 1.0;
    }

    // A query_range answer over [start, end] at `step`, generated from the request, deterministic per request.
    static ScriptedHttpServer::Response answer(const ScriptedHttpServer::Request& request)
    {
        const qsizetype question = request.target.indexOf('?');
        const QUrlQuery parameters(QString::fromUtf8(
            request.method == "POST" ? request.body : request.target.mid(question < 0 ? 0 : question + 1)));
        if (!request.target.contains("/api/v1/query_range"))
            return { 404, R"({"status":"error","errorType":"not_found","error":"only query_range here"})" };
        const QString query = parameters.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded);
        const double start = parameters.queryItemValue(QStringLiteral("start")).toDouble();
        const double end = parameters.queryItemValue(QStringLiteral("end")).toDouble();
        const double step = parameters.queryItemValue(QStringLiteral("step")).toDouble();
        if (query.contains(QLatin1String("latency_none")) || step <= 0)
            return { 200, R"({"status":"success","data":{"resultType":"matrix","result":[]}})" };
        std::mt19937 generator { quint32(start) };
        std::normal_distribution<double> innovation(0.0, 0.03);
        double noise = 0;
        QByteArray values;
        for (qint64 k = 0; start + double(k) * step <= end + 1e-6; ++k) {
            const double t = start + double(k) * step;
            noise = 0.6 * noise + innovation(generator);
            const double level = t < double(changeSeconds) ? 1.0 : levelAfterChange(query);
            if (!values.isEmpty())
                values += ',';
            values += '[' + QByteArray::number(t, 'f', 3) + ",\"" + QByteArray::number(level + noise, 'g', 10) + "\"]";
        }
        return { 200,
            R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"endpoint":"/a"},"values":[)"
                + values + "]}]}}" };
    }

    QTemporaryDir m_dir;

    // A dashboard of four PromQL panels (lower is better) on `url`.
    QString dashboard(const QString& url)
    {
        QJsonArray panels;
        for (const char* name : { "up", "down", "flat", "none" }) {
            panels.append(QJsonObject { { QStringLiteral("title"), QStringLiteral("Latency %1").arg(name) },
                { QStringLiteral("source"), QStringLiteral("prom") },
                { QStringLiteral("query"), QStringLiteral("latency_%1").arg(name) },
                { QStringLiteral("legendFormat"), QStringLiteral("{{endpoint}}") },
                { QStringLiteral("unit"), QStringLiteral("s") }, { QStringLiteral("target"), 0.8 },
                { QStringLiteral("baseline"), 1.0 },
                { QStringLiteral("direction"), QStringLiteral("lower-is-better") } });
        }
        const QJsonObject file { { QStringLiteral("perfdash_dashboard"), 1 },
            { QStringLiteral("name"), QStringLiteral("synthetic") },
            { QStringLiteral("sources"),
                QJsonArray { QJsonObject { { QStringLiteral("id"), QStringLiteral("prom") },
                    { QStringLiteral("kind"), QStringLiteral("prometheus") }, { QStringLiteral("url"), url } } } },
            { QStringLiteral("panels"), panels } };
        QString path = m_dir.filePath(QStringLiteral("synthetic-%1.perfdash.json").arg(qHash(url)));
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(file).toJson()) < 0)
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static BinaryRun compareWindows(const QStringList& arguments)
    {
        return runBinary(QStringLiteral(PERFDASH_BINARY), QStringList { QStringLiteral("compare-windows") } + arguments,
            { headlessEnvironment(), 60000 });
    }

    QStringList windowsOf(const QString& path, const QString& panel)
    {
        return { QStringLiteral("--dashboard"), path, QStringLiteral("--before"), before, QStringLiteral("--after"),
            after, QStringLiteral("--panel"), panel };
    }

private Q_SLOTS:
    void verdictAndExitCode_data()
    {
        QTest::addColumn<QString>("panel");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("verdict");
        QTest::addRow("30 %% lower: improvement")
            << QStringLiteral("Latency down") << 0 << QByteArray("improved, significant");
        QTest::addRow("30 %% higher: regression")
            << QStringLiteral("Latency up") << 1 << QByteArray("worse, significant");
        QTest::addRow("unchanged") << QStringLiteral("Latency flat") << 0 << QByteArray("no detectable change");
    }

    void verdictAndExitCode()
    {
        QFETCH(QString, panel);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, verdict);
        ScriptedHttpServer server(&TestCompareWindows::answer);
        const BinaryRun result = compareWindows(windowsOf(dashboard(server.url().toString()), panel));
        QVERIFY2(result.exitCode == exitCode, result.out + result.err);
        QVERIFY2(result.out.contains(panel.toUtf8()), result.out.constData());
        QVERIFY2(result.out.contains("  /a "), result.out.constData());
        QVERIFY2(result.out.contains(verdict), result.out.constData());
        // One range query per window, at the same step.
        QCOMPARE(server.requests().size(), 2);
        const auto stepOf = [](const ScriptedHttpServer::Request& request) {
            return QUrlQuery(QString::fromUtf8(request.target.mid(request.target.indexOf('?') + 1)))
                .queryItemValue(QStringLiteral("step"));
        };
        QCOMPARE(stepOf(server.requests()[0]), QStringLiteral("5")); // 30 min / 1,000 is under the 5 s floor
        QCOMPARE(stepOf(server.requests()[1]), QStringLiteral("5"));
    }

    void badInputsExitTwoAndSayWhy_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("reachable");
        QTest::addColumn<QByteArray>("message");
        QTest::addRow("bad window") << QStringList { QStringLiteral("--before"), QStringLiteral("x..now"),
            QStringLiteral("--after"), after }
                                    << true << QByteArray("--before");
        QTest::addRow("unknown panel") << QStringList { QStringLiteral("--before"), before, QStringLiteral("--after"),
            after, QStringLiteral("--panel"), QStringLiteral("Nope") }
                                       << true
                                       << QByteArray("no panel titled \"Nope\"; the dashboard has \"Latency up\", "
                                                     "\"Latency down\", \"Latency flat\", \"Latency none\"");
        QTest::addRow("no samples") << QStringList { QStringLiteral("--before"), before, QStringLiteral("--after"),
            after, QStringLiteral("--panel"), QStringLiteral("Latency none") }
                                    << true
                                    << QByteArray("panel \"Latency none\": no samples in the before window "
                                                  "2026-01-05 07:00:00–07:30:00 UTC");
        QTest::addRow("unreachable") << QStringList { QStringLiteral("--before"), before, QStringLiteral("--after"),
            after, QStringLiteral("--panel"), QStringLiteral("Latency up") }
                                     << false << QByteArray("panel \"Latency up\": source \"prom\" (http://127.0.0.1:");
        QTest::addRow("alpha") << QStringList { QStringLiteral("--before"), before, QStringLiteral("--after"), after,
            QStringLiteral("--alpha"), QStringLiteral("2") }
                               << true << QByteArray("--alpha takes a number between 0 and 1, not \"2\"");
        QTest::addRow("no windows") << QStringList {} << true
                                    << QByteArray("give either --before FROM..TO and --after FROM..TO, or "
                                                  "--around-annotation TAG");
    }

    void badInputsExitTwoAndSayWhy()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, reachable);
        QFETCH(QByteArray, message);
        ScriptedHttpServer server(&TestCompareWindows::answer);
        const QString url
            = reachable ? server.url().toString() : QStringLiteral("http://127.0.0.1:%1").arg(closedLoopbackPort());
        const BinaryRun result
            = compareWindows(QStringList { QStringLiteral("--dashboard"), dashboard(url) } + arguments);
        QVERIFY2(result.exitCode == 2, result.out + result.err);
        QVERIFY2(result.err.contains("perfdash compare-windows: " + message), result.err.constData());
    }

    void outWritesTheBundle()
    {
        ScriptedHttpServer server(&TestCompareWindows::answer);
        const QString out = m_dir.filePath(QStringLiteral("bundle"));
        const BinaryRun result
            = compareWindows(windowsOf(dashboard(server.url().toString()), QStringLiteral("Latency up"))
                + QStringList { QStringLiteral("--out"), out });
        QVERIFY2(result.exitCode == 1, result.out + result.err);
        QFile manifestFile(QDir(out).filePath(QStringLiteral("manifest.json")));
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        QCOMPARE(manifest.value(QStringLiteral("command")).toString(), QStringLiteral("compare-windows"));
        const QJsonObject comparison = manifest.value(QStringLiteral("windowComparison")).toObject();
        QVERIFY2(!comparison.isEmpty(), manifestFile.fileName().toUtf8());
        const QJsonArray panels = manifest.value(QStringLiteral("panels")).toArray();
        QCOMPARE(panels.size(), 1);
        const QString csvName = panels[0].toObject().value(QStringLiteral("csv")).toString();
        QCOMPARE(csvName, QStringLiteral("01-latency-up.csv"));
        QFile csv(QDir(out).filePath(csvName));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = csv.readAll().split('\n');
        QCOMPARE(rows.first(), QByteArray("window,time_utc,unix_ms,series,value"));
        QVERIFY2(rows[1].startsWith("before,2026-01-05T07:00:00.000Z,1767596400000,/a,"), rows[1]);
        // 1,000 steps per window, a header and the last line's end.
        QCOMPARE(rows.size(), 2 * 360 + 2);
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestCompareWindows)
#include "tst_comparewindows.moc"
