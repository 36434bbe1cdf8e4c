#include "BinaryRun.h"
#include "FakePrometheusServer.h"
#include "HeadlessTestMain.h"
#include "ImageGray.h"
#include "LoopbackPort.h"
#include "RawWebSocketServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

// A FakePrometheusServer on a thread of its own, so it answers whatever this thread is doing.
class PrometheusOnAThread {
public:
    PrometheusOnAThread()
    {
        m_context.moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            &m_context,
            [this] {
                m_server = new FakePrometheusServer;
                m_port = m_server->isListening() ? m_server->port() : 0;
            },
            Qt::BlockingQueuedConnection);
    }
    ~PrometheusOnAThread()
    {
        QMetaObject::invokeMethod(
            &m_context, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }

private:
    QThread m_thread;
    QObject m_context; // lives on m_thread, so work can be queued there
    FakePrometheusServer* m_server = nullptr;
    quint16 m_port = 0;
};

// `perfdash snapshot` as CI runs it: the built binary, no display, checked by what it writes and says.
class TestSnapshot : public QObject {
    Q_OBJECT

    using Result = BinaryRun;

    QTemporaryDir m_dir;

    // No display at all: the command must pick the offscreen platform itself.
    static Result run(const QStringList& arguments)
    {
        return runBinary(QStringLiteral(PERFDASH_BINARY), QStringList { QStringLiteral("snapshot") } + arguments,
            { headlessEnvironment(), 60000 });
    }

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(bytes);
        return path;
    }

    // The "panels" of a bundle's manifest.json; empty when there is none.
    static QJsonArray panelsOf(const QString& bundle)
    {
        QFile manifest(bundle + QStringLiteral("manifest.json"));
        if (!manifest.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(manifest.readAll()).object().value(QStringLiteral("panels")).toArray();
    }

    // A dashboard of tests/fixtures/snapshot/ with its %1 replaced; empty when the fixture cannot be read.
    static QString fixture(const char* name, const QString& argument)
    {
        QFile file(QFINDTESTDATA(QStringLiteral("fixtures/snapshot/") + QLatin1String(name)));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).arg(argument);
    }

    QString promDashboardFile(const QString& name, quint16 port)
    {
        return writeFile(name, fixture("prometheus-up.perfdash.json", QString::number(port)).toUtf8());
    }

private Q_SLOTS:
    void promqlPanelsExportTheirAnswers()
    {
        const PrometheusOnAThread prometheus;
        const quint16 port = prometheus.port();
        QVERIFY(port != 0);
        const QString dashboard = promDashboardFile(QStringLiteral("prom.perfdash.json"), port);
        const QString csv = m_dir.filePath(QStringLiteral("prom.csv"));
        const QString bundle = m_dir.filePath(QStringLiteral("prom-bundle/"));
        const Result result = run({ QStringLiteral("--dashboard"), dashboard, QStringLiteral("--out"), csv });
        const Result bundled = run({ QStringLiteral("--dashboard"), dashboard, QStringLiteral("--out"), bundle });

        QVERIFY2(result.exitCode == 0, result.err.constData());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = file.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 3); // header and the two points of the range answer
        QCOMPARE(rows[0], QByteArray("time_utc,unix_ms,/a"));
        QVERIFY2(rows[1].endsWith(",1.5") && rows[2].endsWith(",1.25"), rows.join('|').constData());

        QVERIFY2(bundled.exitCode == 0, bundled.err.constData());
        const QJsonObject panel = panelsOf(bundle).at(0).toObject();
        QCOMPARE(panel.value(QStringLiteral("query")).toString(), QStringLiteral("up"));
        const QJsonObject target = panel.value(QStringLiteral("target")).toObject();
        QCOMPARE(target.value(QStringLiteral("current")).toDouble(), 1.25);
        QCOMPARE(target.value(QStringLiteral("met")), QJsonValue(false));
    }

    // Eight good panels and one bad query: the bundle is written all the same, the bad panel carries its
    // error on its image and in the manifest, and the exit code still tells CI something failed.
    void oneBadPanelDoesNotLoseTheSnapshot()
    {
        const PrometheusOnAThread prometheus;
        const quint16 port = prometheus.port();
        QVERIFY(port != 0);
        QStringList panels;
        for (int i = 0; i < 9; ++i) {
            panels << QStringLiteral("{\"title\": \"p%1\", \"source\": \"prom\", \"query\": \"%2\", \"target\": 1, "
                                     "\"baseline\": 2, \"direction\": \"lower-is-better\"}")
                          .arg(i)
                          .arg(i == 4 ? QStringLiteral("rate(up[") : QStringLiteral("up"));
        }
        const QString dashboard = writeFile(QStringLiteral("one-bad.perfdash.json"),
            QStringLiteral("{\"perfdash_dashboard\": 1, \"name\": \"n\", \"timeRange\": \"5m\", \"sources\": [{\"id\": "
                           "\"prom\", \"kind\": \"prometheus\", \"url\": \"http://127.0.0.1:%1\"}], \"panels\": [%2]}")
                .arg(port)
                .arg(panels.join(QLatin1Char(',')))
                .toUtf8());
        const QString bundle = m_dir.filePath(QStringLiteral("one-bad/"));
        const Result result = run({ QStringLiteral("--dashboard"), dashboard, QStringLiteral("--out"), bundle });

        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("panel \"p4\": ") && result.err.contains("parse error"), result.err.constData());
        const QJsonArray entries = panelsOf(bundle);
        QCOMPARE(entries.size(), 9);
        for (int i = 0; i < 9; ++i) {
            const QJsonObject entry = entries.at(i).toObject();
            QVERIFY(QFile::exists(bundle + entry.value(QStringLiteral("png")).toString()));
            QVERIFY(QFile::exists(bundle + entry.value(QStringLiteral("csv")).toString()));
            if (i == 4)
                QVERIFY2(entry.value(QStringLiteral("error")).toString().contains(QStringLiteral("parse error")),
                    qPrintable(entry.value(QStringLiteral("error")).toString()));
            else
                QVERIFY2(!entry.contains(QStringLiteral("error")), qPrintable(entry.value(QStringLiteral("error")).toString()));
        }
        QVERIFY(QFile::exists(bundle + QStringLiteral("dashboard.png")));
    }

    // One message with 13,414 series of one metric made a snapshot run for 5 min 50 s and peak at 1.7 GB.
    // Now it ends within --wait plus a few seconds, draws the worst series and exports every one.
    void aCardinalityExplosionKeepsTheSnapshotBounded()
    {
        QByteArray message = "{\"v\":1,\"samples\":[";
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        for (int id = 0; id < 13414; ++id) {
            if (id > 0)
                message += ',';
            message += "{\"metric\":\"api_latency_seconds\",\"labels\":{\"id\":\"" + QByteArray::number(id)
                + "\"},\"ts\":" + QByteArray::number(nowMs) + ",\"value\":" + QByteArray::number(1 + id % 100) + "}";
        }
        message += "]}";
        QThread thread;
        QObject context;
        context.moveToThread(&thread);
        thread.start();
        RawWebSocketServer* server = nullptr;
        QMetaObject::invokeMethod(
            &context,
            [&] {
                server = new RawWebSocketServer([message](QTcpSocket* socket) {
                    // Fragments of at most 60,000 bytes (the helper's frames are short ones).
                    constexpr qsizetype piece = 60'000;
                    for (qsizetype at = 0; at < message.size(); at += piece) {
                        const bool last = at + piece >= message.size();
                        socket->write(RawWebSocketServer::frame(at == 0 ? 0x1 : 0x0, message.mid(at, piece), last));
                    }
                });
            },
            Qt::BlockingQueuedConnection);
        const QString dashboard = writeFile(QStringLiteral("cardinality.perfdash.json"),
            fixture("cardinality.perfdash.json", server->url().toString()).toUtf8());
        const QString bundle = m_dir.filePath(QStringLiteral("cardinality/"));
        QElapsedTimer clock;
        clock.start();
        const Result result = run({ QStringLiteral("--dashboard"), dashboard, QStringLiteral("--wait"), QStringLiteral("3"),
            QStringLiteral("--range"), QStringLiteral("1m"), QStringLiteral("--out"), bundle });
        const qint64 elapsedMs = clock.elapsed();
        QMetaObject::invokeMethod(&context, [server] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();

        QVERIFY2(result.exitCode == 0, result.err.constData());
        // Generous for a loaded machine; what it guards against took minutes.
        QVERIFY2(elapsedMs < 3000 + 20'000, qPrintable(QString::number(elapsedMs)));
        const QJsonObject panel = panelsOf(bundle).at(0).toObject();
        QCOMPARE(panel.value(QStringLiteral("series")).toArray().size(), 13414);
        QCOMPARE(panel.value(QStringLiteral("seriesDrawn")).toInt(), 50);
        QCOMPARE(panel.value(QStringLiteral("target")).toObject().value(QStringLiteral("current")).toDouble(), 100.0);
        QFile csv(bundle + panel.value(QStringLiteral("csv")).toString());
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().count(','), 13414 + 1); // time_utc, unix_ms and every series
    }

    void unreachablePrometheusFailsTheSnapshot()
    {
        const quint16 port = closedLoopbackPort();
        QVERIFY(port != 0);
        const QString png = m_dir.filePath(QStringLiteral("unreachable-prom.png"));
        const Result result = run({ QStringLiteral("--dashboard"),
            promDashboardFile(QStringLiteral("unreachable-prom.perfdash.json"), port), QStringLiteral("--out"), png });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("perfdash snapshot: panel \"t\": cannot reach 127.0.0.1:%1: connection refused\n")
                                         .arg(port)
                                         .toUtf8()),
            result.err.constData());
        // The panel is written, its error drawn on it, so the image says why it is empty.
        QVERIFY(QFile::exists(png));
    }

    void demoToPngWithoutADisplay()
    {
        const QString path = m_dir.filePath(QStringLiteral("d.png"));
        const Result result = run(
            { QStringLiteral("--demo"), QStringLiteral("--wait"), QStringLiteral("2"), QStringLiteral("--out"), path });
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY2(result.out.contains("wrote " + path.toUtf8() + " (7 panels, "), result.out.constData());
        const QImage image(path);
        // Seven 900×480 panels in the default three columns, under a header.
        QCOMPARE(image.size(), QSize(8 + 3 * (900 + 8), 34 + 3 * (480 + 8)));
        int nonBackground = 0;
        const QRgb background = image.pixel(image.width() - 2, image.height() - 2); // the empty sixth cell
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4)
                nonBackground += image.pixel(x, y) != background;
        }
        QVERIFY2(nonBackground > image.width() * image.height() / 16 / 2, qPrintable(QString::number(nonBackground)));
    }

    // Light unless asked: a snapshot goes to print and slides. --theme dark draws the page and every panel
    // dark; anything else is refused by name.
    void themeIsLightUnlessDarkIsAsked()
    {
        const auto snapshot = [&](const QString& name, const QStringList& extra) {
            const QString path = m_dir.filePath(name);
            const Result result
                = run(QStringList { QStringLiteral("--demo"), QStringLiteral("--wait"), QStringLiteral("1"),
                          QStringLiteral("--panel"), QStringLiteral("Peak memory"), QStringLiteral("--out"), path }
                    + extra);
            return std::pair { result, QImage(path) };
        };
        const auto [lightRun, light] = snapshot(QStringLiteral("light.png"), {});
        QVERIFY2(lightRun.exitCode == 0, lightRun.err.constData());
        const auto [darkRun, dark]
            = snapshot(QStringLiteral("dark.png"), { QStringLiteral("--theme"), QStringLiteral("dark") });
        QVERIFY2(darkRun.exitCode == 0, darkRun.err.constData());
        QCOMPARE(dark.size(), light.size());
        for (const QPoint at : { QPoint(2, 2), QPoint(light.width() - 3, light.height() - 3) }) {
            QVERIFY2(qGray(light.pixel(at)) > 200, qPrintable(QString::number(qGray(light.pixel(at)))));
            QVERIFY2(qGray(dark.pixel(at)) < 70, qPrintable(QString::number(qGray(dark.pixel(at)))));
        }
        // The plot too, not only the margins.
        QVERIFY2(meanGray(light) > 200, qPrintable(QString::number(meanGray(light))));
        QVERIFY2(meanGray(dark) < 70, qPrintable(QString::number(meanGray(dark))));
        const auto [badRun, none]
            = snapshot(QStringLiteral("bad.png"), { QStringLiteral("--theme"), QStringLiteral("purple") });
        QCOMPARE(badRun.exitCode, 2);
        QVERIFY2(badRun.err.contains("--theme must be light or dark, not \"purple\""), badRun.err.constData());
        QVERIFY(none.isNull());
    }

    void onePanelAsCsvAndABundle()
    {
        const QString csv = m_dir.filePath(QStringLiteral("memory.csv"));
        Result result = run({ QStringLiteral("--demo"), QStringLiteral("--wait"), QStringLiteral("1.5"),
            QStringLiteral("--panel"), QStringLiteral("Peak memory"), QStringLiteral("--out"), csv });
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("time_utc,unix_ms,process_resident_memory_bytes"));
        QVERIFY2(lines.size() > 2, qPrintable(QString::number(lines.size())));

        const QString bundle = m_dir.filePath(QStringLiteral("bundle")) + QLatin1Char('/');
        result = run({ QStringLiteral("--demo"), QStringLiteral("--wait"), QStringLiteral("1.5"),
            QStringLiteral("--size"), QStringLiteral("400x300"), QStringLiteral("--out"), bundle });
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(QImage(bundle + QStringLiteral("01-api-response-time-p95.png")).size(), QSize(400, 300));
        QFile manifestFile(bundle + QStringLiteral("manifest.json"));
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        const QJsonArray panels = manifest.value(QStringLiteral("panels")).toArray();
        QCOMPARE(panels.size(), 7);
        // The request-latency heatmap: its quantiles and the share under the target, from the demo's stream.
        const QJsonObject heatmap = panels.at(5).toObject();
        QCOMPARE(heatmap.value(QStringLiteral("title")).toString(), QStringLiteral("API response time distribution"));
        const QJsonObject histogram = heatmap.value(QStringLiteral("histogram")).toObject();
        QCOMPARE(histogram.value(QStringLiteral("kind")).toString(), QStringLiteral("classic"));
        QVERIFY2(histogram.value(QStringLiteral("columns")).toInt() > 0, qPrintable(QJsonDocument(heatmap).toJson()));
        const double p95
            = histogram.value(QStringLiteral("quantiles")).toObject().value(QStringLiteral("p95")).toDouble();
        QVERIFY2(p95 > 1.0 && p95 < 3.0, qPrintable(QJsonDocument(heatmap).toJson()));
        const double share = histogram.value(QStringLiteral("shareUnderTarget")).toDouble();
        QVERIFY2(share > 0.5 && share < 1.0, qPrintable(QJsonDocument(heatmap).toJson()));
        QFile heatmapCsv(bundle + QStringLiteral("06-api-response-time-distribution.csv"));
        QVERIFY(heatmapCsv.open(QIODevice::ReadOnly));
        const QList<QByteArray> cells = heatmapCsv.readAll().trimmed().split('\n');
        QCOMPARE(cells.first(), QByteArray("time_utc,unix_ms,le_lower,le_upper,rate"));
        QVERIFY2(cells.size() > 2, qPrintable(QString::number(cells.size())));
        QCOMPARE(manifest.value(QStringLiteral("sources"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("url"))
                     .toString(),
            QStringLiteral("demo:"));
        // Headless has no Profiling tab, so no comparison can be open.
        QVERIFY(!manifest.contains(QStringLiteral("profilingComparison")));
    }

    void failuresExitNonZeroWithAReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QVERIFY(m_dir.isValid());
        const QString png = m_dir.filePath(QStringLiteral("x.png"));
        QTest::addRow("unknown panel") << QStringList {
            QStringLiteral("--demo"), QStringLiteral("--panel"), QStringLiteral("Nope"), QStringLiteral("--out"), png
        } << 2 << QStringLiteral("no panel titled \"Nope\"; the dashboard has \"API response time p95\"");
        const QString notAFolder = writeFile(QStringLiteral("plain"), "x");
        QTest::addRow("unwritable path") << QStringList {
            QStringLiteral("--demo"), QStringLiteral("--out"), notAFolder + QStringLiteral("/x.png")
        } << 1 << QStringLiteral("cannot write %1/x.png: %1 is not a folder").arg(notAFolder);
        QTest::addRow("unknown format") << QStringList {
            QStringLiteral("--demo"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.gif"))
        } << 2 << QStringLiteral("use .png, .svg, .pdf or .csv, or a folder for a bundle");
        QTest::addRow("no input") << QStringList { QStringLiteral("--out"), png } << 2
                                  << QStringLiteral("give either --dashboard FILE or --demo");
        QTest::addRow("bad size") << QStringList { QStringLiteral("--demo"), QStringLiteral("--size"),
            QStringLiteral("big"), QStringLiteral("--out"), png }
                                  << 2 << QStringLiteral("--size must be WIDTHxHEIGHT");
        const QString newer = writeFile(
            QStringLiteral("newer.perfdash.json"), "{\"perfdash_dashboard\": 7, \"name\": \"n\", \"panels\": []}");
        QTest::addRow("newer file") << QStringList { QStringLiteral("--dashboard"), newer, QStringLiteral("--out"),
            png } << 2 << newer + QStringLiteral(": perfdash_dashboard: the file is format version 7");

        // A stream nobody listens on: a port that was free a moment ago.
        const quint16 port = closedLoopbackPort();
        QVERIFY(port != 0);
        const QString unreachable = writeFile(QStringLiteral("unreachable.perfdash.json"),
            fixture("unreachable-stream.perfdash.json", QString::number(port)).toUtf8());
        QTest::addRow("unreachable source") << QStringList { QStringLiteral("--dashboard"), unreachable,
            QStringLiteral("--wait"), QStringLiteral("1"), QStringLiteral("--out"),
            m_dir.filePath(QStringLiteral("unreachable-stream.png")) }
                                            << 1
                                            << QStringLiteral("no data from stream ws://127.0.0.1:%1/x within 1 s").arg(port);
    }

    void failuresExitNonZeroWithAReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Result result = run(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(result.err).contains(message), result.err.constData());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.png"))));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
