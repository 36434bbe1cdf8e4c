#include "DashboardFile.h"
#include "HeadlessTestMain.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace perfdash;

namespace {
QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A small valid file; invalid cases below replace one piece of it.
QByteArray validFile(const QByteArray& panelFields = "\"target\": 1.6, \"baseline\": 2")
{
    return "{\"perfdash_dashboard\": 1, \"name\": \"t\","
           " \"sources\": [{\"id\": \"live\", \"kind\": \"stream\", \"url\": \"ws://127.0.0.1:1/x\"},"
           "               {\"id\": \"prom\", \"kind\": \"prometheus\", \"url\": \"http://127.0.0.1:9090\"}],"
           " \"panels\": [{\"title\": \"a\", \"metric\": \"m\", \"target\": 1, \"baseline\": 2, \"direction\": "
           "\"lower-is-better\"},"
           "   {\"title\": \"b\", \"metric\": \"m\", \"direction\": \"lower-is-better\", "
        + panelFields + "}]}";
}

// validFile() with more top-level fields, e.g. "\"annotations\": [...]".
QByteArray validFileWith(const QByteArray& rootFields)
{
    QByteArray file = validFile();
    file.chop(1);
    return file + ", " + rootFields + "}";
}

QByteArray withNote(const QByteArray& noteFields) { return validFileWith("\"annotations\": [" + noteFields + "]"); }

QByteArray withQuery(const QByteArray& queryFields)
{
    return validFileWith("\"annotationQueries\": [" + queryFields + "]");
}

constexpr qint64 deployMs = 1'796'194'800'000; // 2026-12-02T07:00:00Z
}

class TestDashboardFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyFieldRoundTrips()
    {
        DashboardSpec dashboard = defaultDashboard();
        dashboard.name = QStringLiteral("Round trip");
        dashboard.gridColumns = 2;
        dashboard.timeRangeMs = 15 * 60'000;
        dashboard.refreshIntervalMs = 5000;
        DataSourceSpec prometheus;
        prometheus.id = QStringLiteral("prom");
        prometheus.kind = DataSourceKind::Prometheus;
        prometheus.url = QUrl(QStringLiteral("https://prom.example:9090/sub"));
        prometheus.auth = DataSourceAuth::Basic;
        prometheus.username = QStringLiteral("grafana");
        prometheus.secretRef = QStringLiteral("keychain:perfdash/prom");
        prometheus.caFile = QStringLiteral("/etc/ssl/our-ca.pem");
        prometheus.skipTlsVerify = true;
        prometheus.queryTimeoutMs = 12'500;
        dashboard.sources << prometheus;
        PanelSpec promPanel;
        promPanel.title = QStringLiteral("p95 by endpoint");
        promPanel.sourceId = QStringLiteral("prom");
        promPanel.query = QStringLiteral("histogram_quantile(0.95, sum by (le, endpoint) (rate(x_bucket[1m])))");
        promPanel.legendFormat = QStringLiteral("{{endpoint}}");
        promPanel.stepSeconds = 2.5;
        promPanel.unit = QStringLiteral("ms");
        promPanel.displayScale = 1000;
        promPanel.target = { 250.5, 200, Direction::HigherIsBetter };
        promPanel.reduce = ScorecardReduce::WindowPeak;
        promPanel.maxSeries = 120;
        promPanel.thresholds = { { 300, QStringLiteral("warning"), QStringLiteral("#e6a100") },
            { 450.5, QStringLiteral("critical"), QString() }, { 500, QString(), QString() } };
        dashboard.panels << promPanel;
        Annotation range { deployMs, deployMs + 300'000, QStringLiteral("deploy 4f2a"), { QStringLiteral("deploy") } };
        Annotation point { deployMs + 1'250, deployMs + 1'250, QStringLiteral("note with ms"), {} };
        dashboard.annotations = { range, point };
        dashboard.annotationQueries = { { QStringLiteral("prom"), QStringLiteral("changes(up[1m]) > 0"),
            QStringLiteral("restart of {{job}}"), { QStringLiteral("deploy"), QStringLiteral("restart") } } };

        const DashboardLoadResult loaded = DashboardFile::load(DashboardFile::toJson(dashboard));
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        QCOMPARE(loaded.dashboard->panels.size(), dashboard.panels.size());
        for (qsizetype i = 0; i < dashboard.panels.size(); ++i)
            QVERIFY2(loaded.dashboard->panels[i] == dashboard.panels[i], qPrintable(dashboard.panels[i].title));
        QCOMPARE(loaded.dashboard->sources, dashboard.sources);
        QVERIFY(*loaded.dashboard == dashboard);
    }

    void unknownFieldsAreKeptOnSave()
    {
        const QByteArray file = "{\"perfdash_dashboard\": 1, \"name\": \"future\", \"theme\": {\"dark\": true},"
                                " \"layout\": {\"columns\": 2, \"rowHeight\": 300},"
                                " \"sources\": [{\"id\": \"s\", \"kind\": \"stream\", \"url\": \"wss://h/x\", "
                                "\"compression\": \"zstd\"}],"
                                " \"panels\": [{\"title\": \"a\", \"source\": \"s\", \"metric\": \"m\", \"target\": 1,"
                                " \"baseline\": 2, \"direction\": \"lower-is-better\", \"links\": [\"a\", \"b\"]}]}";
        const DashboardLoadResult first = DashboardFile::load(file);
        QVERIFY2(first.dashboard, qPrintable(first.error));
        const QByteArray saved = DashboardFile::toJson(*first.dashboard);
        const DashboardLoadResult second = DashboardFile::load(saved);
        QVERIFY2(second.dashboard, qPrintable(second.error));
        QVERIFY(*second.dashboard == *first.dashboard);

        const QJsonObject root = QJsonDocument::fromJson(saved).object();
        QCOMPARE(root.value(QStringLiteral("theme")).toObject().value(QStringLiteral("dark")).toBool(), true);
        QCOMPARE(root.value(QStringLiteral("layout")).toObject().value(QStringLiteral("rowHeight")).toInt(), 300);
        QCOMPARE(root.value(QStringLiteral("layout")).toObject().value(QStringLiteral("columns")).toInt(), 2);
        QCOMPARE(root.value(QStringLiteral("sources"))[0].toObject().value(QStringLiteral("compression")).toString(),
            QStringLiteral("zstd"));
        QCOMPARE(root.value(QStringLiteral("panels"))[0].toObject().value(QStringLiteral("links")).toArray().size(), 2);
        // People diff these files: the version and name come first.
        QVERIFY2(
            saved.startsWith("{\n  \"perfdash_dashboard\": 1,\n  \"name\": \"future\""), saved.left(60).constData());
    }

    void annotationsLoadAndSaveUnchanged()
    {
        const QString path = QFINDTESTDATA("fixtures/dashboards/annotations.perfdash.json");
        const DashboardLoadResult loaded = DashboardFile::loadFile(path);
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        const QList<Annotation>& notes = loaded.dashboard->annotations;
        QCOMPARE(notes.size(), 2);
        QCOMPARE(notes[0].timeMs, deployMs);
        QCOMPARE(notes[0].endMs, deployMs + 5 * 60'000);
        QCOMPARE(notes[0].text, QStringLiteral("deploy 4f2a"));
        QCOMPARE(notes[0].tags, QStringList { QStringLiteral("deploy") });
        QCOMPARE(notes[0].origin, Annotation::Origin::User);
        // Without "end" a note is a point; a field this version does not know stays with its note.
        QCOMPARE(notes[1].timeMs, 1'796'203'800'250);
        QVERIFY(!notes[1].isRange());
        QCOMPARE(notes[1].unknownFields.value(QStringLiteral("pinned")).toBool(), true);
        QCOMPARE(loaded.dashboard->annotationQueries.size(), 1);
        const AnnotationQuerySpec& query = loaded.dashboard->annotationQueries[0];
        QCOMPARE(query.sourceId, QStringLiteral("prom"));
        QCOMPARE(query.expr, QStringLiteral("changes(process_start_time_seconds[1m]) > 0"));
        QCOMPARE(query.text, QStringLiteral("restart of {{job}}"));
        QCOMPARE(query.tags, (QStringList { QStringLiteral("deploy"), QStringLiteral("restart") }));
        // Times come back as they were written: UTC, with milliseconds only when there are some.
        QCOMPARE(DashboardFile::toJson(*loaded.dashboard), readAll(path));
    }

    void annotationTimesAreWrittenInUtc_data()
    {
        QTest::addColumn<QByteArray>("time");
        QTest::addRow("zulu") << QByteArray("\"2026-12-02T07:00:00Z\"");
        QTest::addRow("zulu with ms") << QByteArray("\"2026-12-02T07:00:00.000Z\"");
        QTest::addRow("offset") << QByteArray("\"2026-12-02T08:00:00+01:00\"");
        QTest::addRow("unix ms") << QByteArray("1796194800000");
    }

    void annotationTimesAreWrittenInUtc()
    {
        QFETCH(QByteArray, time);
        const DashboardLoadResult loaded = DashboardFile::load(withNote("{\"time\": " + time + ", \"text\": \"x\"}"));
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        QCOMPARE(loaded.dashboard->annotations.value(0).timeMs, deployMs);
        const QJsonObject written = QJsonDocument::fromJson(DashboardFile::toJson(*loaded.dashboard)).object();
        QCOMPARE(written.value(QStringLiteral("annotations"))[0].toObject().value(QStringLiteral("time")).toString(),
            QStringLiteral("2026-12-02T07:00:00Z"));
    }

    void filesWithoutAnnotationsWriteNoAnnotationFields()
    {
        const QByteArray written = DashboardFile::toJson(defaultDashboard());
        QVERIFY(!written.contains("annotations"));
        QVERIFY(!written.contains("annotationQueries"));
    }

    void shippedFilesLoad_data()
    {
        QTest::addColumn<QString>("path");
        for (const char* name :
            { "default.perfdash.json", "examples/stream.perfdash.json", "examples/prometheus.perfdash.json",
                "examples/demo-prometheus.perfdash.json" })
            QTest::addRow("%s", name) << QStringLiteral(PERFDASH_RESOURCES "/") + QLatin1String(name);
    }

    void shippedFilesLoad()
    {
        QFETCH(QString, path);
        const DashboardLoadResult loaded = DashboardFile::loadFile(path);
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        QVERIFY(!loaded.dashboard->panels.isEmpty());
        // Shipped files are written the way perfdash saves them, so saving one changes nothing.
        QCOMPARE(DashboardFile::toJson(*loaded.dashboard), readAll(path));
    }

    void shippedDefaultIsTheBuiltInDefault()
    {
        // One source of truth: the app's defaultDashboard() and resources/default.perfdash.json must agree.
        const DashboardLoadResult loaded
            = DashboardFile::loadFile(QStringLiteral(PERFDASH_RESOURCES "/default.perfdash.json"));
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        QVERIFY2(*loaded.dashboard == defaultDashboard(),
            "resources/default.perfdash.json differs from defaultDashboard(); regenerate it with "
            "DashboardFile::toJson");
    }

    void invalidFilesNameTheProblem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("not json") << QByteArray("{\n  \"name\": \"x\",\n  oops\n}")
                                  << QStringLiteral("line 3, column 4: not valid JSON: unterminated object");
        QTest::addRow("array at top") << QByteArray("[]") << QStringLiteral("expected a JSON object at the top level");
        QTest::addRow("no version") << QByteArray("{\"name\": \"x\", \"panels\": []}")
                                    << QStringLiteral(
                                           "perfdash_dashboard: missing: this is not a perfdash dashboard file");
        QTest::addRow("newer version") << QByteArray("{\"perfdash_dashboard\": 2, \"name\": \"x\", \"panels\": []}")
                                       << QStringLiteral(
                                              "perfdash_dashboard: the file is format version 2, newer than this "
                                              "perfdash " PERFDASH_VERSION " reads (1); update perfdash to open it");
        // Found by fuzz_dashboard: the version went through qint64 for the message (undefined behaviour).
        QTest::addRow("absurd version") << QByteArray("{\"perfdash_dashboard\": 1e300, \"name\": \"x\", \"panels\": []}")
                                        << QStringLiteral(
                                               "perfdash_dashboard: the file is format version 1e+300, newer than "
                                               "this perfdash " PERFDASH_VERSION " reads (1); update perfdash to open it");
        // Found by fuzz_dashboard: 969 days of milliseconds wrapped around in an int and saved back as another value.
        QTest::addRow("refresh over a day") << QByteArray(
            "{\"perfdash_dashboard\": 1, \"name\": \"x\", \"refresh\": \"969d\", \"panels\": []}")
                                            << QStringLiteral("refresh: expected at most 24h, or \"off\"");
        QTest::addRow("version text") << QByteArray("{\"perfdash_dashboard\": \"1\", \"name\": \"x\", \"panels\": []}")
                                      << QStringLiteral("perfdash_dashboard: expected a format version number (1)");
        QTest::addRow("no name") << QByteArray("{\"perfdash_dashboard\": 1, \"panels\": []}")
                                 << QStringLiteral("name: missing (expected a string)");
        QTest::addRow("no panels") << QByteArray("{\"perfdash_dashboard\": 1, \"name\": \"x\"}")
                                   << QStringLiteral("panels: missing (expected an array)");
        QTest::addRow("target text") << validFile("\"target\": \"fast\", \"baseline\": 2")
                                     << QStringLiteral("panels[1].target: expected a number");
        QTest::addRow("maxSeries zero") << validFile("\"target\": 1, \"baseline\": 2, \"maxSeries\": 0")
                                        << QStringLiteral("panels[1].maxSeries: expected a whole number of series to "
                                                          "draw, from 1 to 500");
        QTest::addRow("maxSeries fraction") << validFile("\"target\": 1, \"baseline\": 2, \"maxSeries\": 2.5")
                                            << QStringLiteral("panels[1].maxSeries: expected a whole number of "
                                                              "series to draw, from 1 to 500");
        QTest::addRow("baseline missing")
            << validFile("\"target\": 1") << QStringLiteral("panels[1].baseline: missing (expected a number)");
        QTest::addRow("direction")
            << validFile("\"target\": 1, \"baseline\": 2, \"direction\": \"down\"")
            << QStringLiteral("panels[1].direction: expected one of \"lower-is-better\", \"higher-is-better\"");
        QTest::addRow("unknown source") << validFile("\"target\": 1, \"baseline\": 2, \"source\": \"nope\"")
                                        << QStringLiteral(
                                               "panels[1].source: no data source with id \"nope\" in \"sources\"");
        QTest::addRow("prometheus without query")
            << validFile("\"target\": 1, \"baseline\": 2, \"source\": \"prom\"")
            << QStringLiteral("panels[1].query: missing (source \"prom\" is a Prometheus server: give a PromQL query)");
        QTest::addRow("scale zero") << validFile("\"target\": 1, \"baseline\": 2, \"scale\": 0")
                                    << QStringLiteral("panels[1].scale: must not be 0");
        QTest::addRow("thresholds not a list")
            << validFile("\"target\": 1, \"baseline\": 2, \"thresholds\": 1.8")
            << QStringLiteral("panels[1].thresholds: expected a list like [{\"value\": 1.8, \"label\": \"warning\"}]");
        QTest::addRow("threshold not object") << validFile("\"target\": 1, \"baseline\": 2, \"thresholds\": [1.8]")
                                              << QStringLiteral("panels[1].thresholds[0]: expected an object with a "
                                                                "\"value\"");
        QTest::addRow("threshold value text")
            << validFile("\"target\": 1, \"baseline\": 2, \"thresholds\": [{\"value\": 1}, {\"value\": \"high\"}]")
            << QStringLiteral("panels[1].thresholds[1].value: expected a number");
        QTest::addRow("threshold value missing")
            << validFile("\"target\": 1, \"baseline\": 2, \"thresholds\": [{\"label\": \"warning\"}]")
            << QStringLiteral("panels[1].thresholds[0].value: missing (expected a number)");
        QTest::addRow("threshold color") << validFile(
            "\"target\": 1, \"baseline\": 2, \"thresholds\": [{\"value\": 1, \"color\": \"orange\"}]")
                                         << QStringLiteral(
                                                "panels[1].thresholds[0].color: expected a color like \"#e6a100\"");
        QTest::addRow("threshold unknown field")
            << validFile("\"target\": 1, \"baseline\": 2, \"thresholds\": [{\"value\": 1, \"level\": 2}]")
            << QStringLiteral("panels[1].thresholds[0].level: unknown threshold field (expected \"value\", \"label\" "
                              "or \"color\")");
        QTest::addRow("panel not object") << QByteArray("{\"perfdash_dashboard\": 1, \"name\": \"x\", \"panels\": [3]}")
                                          << QStringLiteral("panels[0]: expected an object");
        QTest::addRow("columns") << QByteArray(
            "{\"perfdash_dashboard\": 1, \"name\": \"x\", \"layout\": {\"columns\": 2.5}, \"panels\": []}")
                                 << QStringLiteral("layout.columns: expected a whole number from 1 to 6");
        QTest::addRow("time range") << QByteArray(
            "{\"perfdash_dashboard\": 1, \"name\": \"x\", \"timeRange\": 60, \"panels\": []}")
                                    << QStringLiteral("timeRange: expected a duration like \"30s\", \"15m\" or \"1h\"");
        const QByteArray head = "{\"perfdash_dashboard\": 1, \"name\": \"x\", \"panels\": [], \"sources\": [";
        QTest::addRow("token in file") << head
                + "{\"id\": \"p\", \"kind\": \"prometheus\", \"url\": \"http://h\", \"token\": \"abc\"}]}"
                                       << QStringLiteral(
                                              "sources[0].token: secrets are never stored in dashboard files; use "
                                              "\"secretRef\": \"env:NAME\" or \"keychain:SERVICE/ACCOUNT\"");
        QTest::addRow("password in url") << head
                + "{\"id\": \"p\", \"kind\": \"prometheus\", \"url\": \"http://u:pw@h\"}]}"
                                         << QStringLiteral(
                                                "sources[0].url: the URL holds a password; secrets are never stored "
                                                "with a data source, use basic authentication with a \"secretRef\"");
        QTest::addRow("bad secret ref")
            << head
                + "{\"id\": \"p\", \"kind\": \"prometheus\", \"url\": \"http://h\", \"auth\": \"bearer\", "
                  "\"secretRef\": \"hunter2\"}]}"
            << QStringLiteral("sources[0].secretRef: secret reference \"hunter2\": expected env:NAME or "
                              "keychain:SERVICE/ACCOUNT (secrets themselves are never stored)");
        // The same rule as the data source dialog's: a reference the dialog refuses cannot load either.
        QTest::addRow("bad env name in secret ref")
            << head + "{\"id\": \"p\", \"kind\": \"prometheus\", \"url\": \"http://h\", \"secretRef\": \"env:1BAD\"}]}"
            << QStringLiteral("sources[0].secretRef: secret reference \"env:1BAD\": env: needs an environment variable "
                              "name like env:PROMETHEUS_TOKEN");
        QTest::addRow("stream without host") << head + "{\"id\": \"s\", \"kind\": \"stream\", \"url\": \"ws:nohost\"}]}"
                                             << QStringLiteral("sources[0].url: a stream needs a ws:// or wss:// URL with "
                                                               "a host (or \"demo:\" for the embedded demo), not \"ws:nohost\"");
        QTest::addRow("bearer without ref")
            << head + "{\"id\": \"p\", \"kind\": \"prometheus\", \"url\": \"http://h\", \"auth\": \"bearer\"}]}"
            << QStringLiteral("sources[0].secretRef: missing (auth \"bearer\" needs a secret reference)");
        QTest::addRow("stream over http") << head + "{\"id\": \"s\", \"kind\": \"stream\", \"url\": \"http://h\"}]}"
                                          << QStringLiteral("sources[0].url: a stream needs a ws:// or wss:// URL with a "
                                                            "host (or \"demo:\" for the embedded demo), not \"http://h\"");
        QTest::addRow("prometheus over ws") << head
                + "{\"id\": \"p\", \"kind\": \"prometheus\", \"url\": \"ws://h\"}]}"
                                            << QStringLiteral("sources[0].url: a Prometheus server needs an http:// or "
                                                              "https:// URL with a host (or \"local:\" for the app's own "
                                                              "Prometheus), not \"ws://h\"");
        QTest::addRow("kind") << head + "{\"id\": \"s\", \"kind\": \"kafka\", \"url\": \"ws://h\"}]}"
                              << QStringLiteral("sources[0].kind: expected one of \"stream\", \"prometheus\"");
        QTest::addRow("duplicate id") << head
                + "{\"id\": \"s\", \"kind\": \"stream\", \"url\": \"ws://h\"},"
                  "{\"id\": \"s\", \"kind\": \"stream\", \"url\": \"ws://g\"}]}"
                                      << QStringLiteral("sources[1].id: \"s\" is used twice");
    }

    void invalidAnnotationsNameTheProblem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("annotations not a list")
            << validFileWith("\"annotations\": {}")
            << QStringLiteral("annotations: expected a list like [{\"time\": \"2026-12-02T07:00:00Z\", \"text\": "
                              "\"deploy\"}]");
        QTest::addRow("note not object") << withNote(
            "3") << QStringLiteral("annotations[0]: expected an object with a \"time\" and a \"text\"");
        QTest::addRow("time missing")
            << withNote("{\"text\": \"x\"}")
            << QStringLiteral("annotations[0].time: missing (expected an ISO 8601 time like \"2026-12-02T07:00:00Z\")");
        QTest::addRow("time not a time") << withNote(
            "{\"time\": 1, \"text\": \"x\"}, {\"time\": \"yesterday\", \"text\": \"x\"}")
                                         << QStringLiteral(
                                                "annotations[1].time: \"yesterday\" is not an ISO 8601 time");
        QTest::addRow("date only") << withNote("{\"time\": \"2026-12-02\", \"text\": \"x\"}")
                                   << QStringLiteral("annotations[0].time: \"2026-12-02\" is not an ISO 8601 time");
        QTest::addRow("local time") << withNote("{\"time\": \"2026-12-02T07:00:00\", \"text\": \"x\"}")
                                    << QStringLiteral("annotations[0].time: \"2026-12-02T07:00:00\" has no time zone "
                                                      "(end it with Z for UTC)");
        QTest::addRow("time fraction") << withNote("{\"time\": 1.5, \"text\": \"x\"}")
                                       << QStringLiteral("annotations[0].time: expected an ISO 8601 time like "
                                                         "\"2026-12-02T07:00:00Z\", or whole unix milliseconds");
        QTest::addRow("time bool") << withNote("{\"time\": true, \"text\": \"x\"}")
                                   << QStringLiteral("annotations[0].time: expected an ISO 8601 time like "
                                                     "\"2026-12-02T07:00:00Z\", or whole unix milliseconds");
        QTest::addRow("time before 1970") << withNote("{\"time\": -1, \"text\": \"x\"}")
                                          << QStringLiteral("annotations[0].time: -1 ms is outside 1970 to 9999");
        QTest::addRow("time past 9999") << withNote("{\"time\": 1e300, \"text\": \"x\"}")
                                        << QStringLiteral("annotations[0].time: 1e+300 ms is outside 1970 to 9999");
        QTest::addRow("end before time") << withNote(
            "{\"time\": \"2026-12-02T07:00:00Z\", \"end\": \"2026-12-02T06:59:59Z\", \"text\": \"x\"}")
                                         << QStringLiteral("annotations[0].end: before its time");
        QTest::addRow("end not a time") << withNote("{\"time\": 1, \"end\": \"soon\", \"text\": \"x\"}")
                                        << QStringLiteral("annotations[0].end: \"soon\" is not an ISO 8601 time");
        QTest::addRow("text missing") << withNote("{\"time\": 1}")
                                      << QStringLiteral("annotations[0].text: missing (expected a string)");
        QTest::addRow("text blank") << withNote("{\"time\": 1, \"text\": \" \"}")
                                    << QStringLiteral("annotations[0].text: must not be empty");
        QTest::addRow("tags not a list") << withNote("{\"time\": 1, \"text\": \"x\", \"tags\": \"deploy\"}")
                                         << QStringLiteral(
                                                "annotations[0].tags: expected a list of strings like [\"deploy\"]");
        QTest::addRow("tag not a string") << withNote("{\"time\": 1, \"text\": \"x\", \"tags\": [\"a\", 2]}")
                                          << QStringLiteral("annotations[0].tags[1]: expected a string");
        QTest::addRow("tag blank") << withNote("{\"time\": 1, \"text\": \"x\", \"tags\": [\"\"]}")
                                   << QStringLiteral("annotations[0].tags[0]: must not be empty");
        QTest::addRow("queries not a list")
            << validFileWith("\"annotationQueries\": 1")
            << QStringLiteral("annotationQueries: expected a list like [{\"source\": \"prom\", \"expr\": "
                              "\"changes(process_start_time_seconds[1m]) > 0\"}]");
        QTest::addRow("query not object") << withQuery(
            "\"up\"") << QStringLiteral("annotationQueries[0]: expected an object with a \"source\" and an \"expr\"");
        QTest::addRow("query source missing") << withQuery(
            "{\"expr\": \"up\"}") << QStringLiteral("annotationQueries[0].source: missing (expected a string)");
        QTest::addRow("query source unknown")
            << withQuery("{\"source\": \"prom\", \"expr\": \"up\"}, {\"source\": \"nope\", \"expr\": \"up\"}")
            << QStringLiteral("annotationQueries[1].source: no data source with id \"nope\" in \"sources\"");
        QTest::addRow("query source a stream")
            << withQuery("{\"source\": \"live\", \"expr\": \"up\"}")
            << QStringLiteral("annotationQueries[0].source: \"live\" is not a Prometheus data source; annotation "
                              "queries are PromQL");
        QTest::addRow("query expr missing") << withQuery("{\"source\": \"prom\"}")
                                            << QStringLiteral("annotationQueries[0].expr: missing (expected a string)");
        QTest::addRow("query expr empty") << withQuery("{\"source\": \"prom\", \"expr\": \"\"}")
                                          << QStringLiteral("annotationQueries[0].expr: must not be empty");
        QTest::addRow("query text not a string") << withQuery("{\"source\": \"prom\", \"expr\": \"up\", \"text\": 1}")
                                                 << QStringLiteral("annotationQueries[0].text: expected a string");
    }

    // Like any other problem in the file: refused whole, naming the place; nothing half-loaded.
    void invalidAnnotationsNameTheProblem() { invalidFilesNameTheProblem(); }

    void invalidFilesNameTheProblem()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const DashboardLoadResult loaded = DashboardFile::load(json);
        QVERIFY(!loaded.dashboard);
        QCOMPARE(loaded.error, error);
    }

    void loadFileNamesTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.perfdash.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(validFile("\"target\": \"x\", \"baseline\": 2"));
        file.close();
        QCOMPARE(DashboardFile::loadFile(path).error, path + QStringLiteral(": panels[1].target: expected a number"));
        const QString missing = dir.filePath(QStringLiteral("missing.json"));
        QVERIFY(DashboardFile::loadFile(missing).error.startsWith(missing + QStringLiteral(": cannot open: ")));
    }

    void saveWritesAFileThatLoads()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("team.perfdash.json"));
        QString error;
        QVERIFY2(DashboardFile::save(defaultDashboard(), path, &error), qPrintable(error));
        const DashboardLoadResult loaded = DashboardFile::loadFile(path);
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        QVERIFY(*loaded.dashboard == defaultDashboard());
        // QSaveFile leaves no temporary file behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { QStringLiteral("team.perfdash.json") });
    }

    void failedSaveKeepsTheOldFileAndSaysWhy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("team.perfdash.json"));
        QString error;
        QVERIFY(DashboardFile::save(defaultDashboard(), path, &error));
        const QByteArray before = readAll(path);

        // Tests run as root, and root writes into read-only directories anyway. A path whose parent is a
        // regular *file* fails for everyone, exactly like a read-only directory: the temporary file that
        // QSaveFile writes first cannot be created, so the target is never touched.
        const QString notADirectory = dir.filePath(QStringLiteral("plain-file"));
        QFile plain(notADirectory);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        const QString unwritable = notADirectory + QStringLiteral("/team.perfdash.json");
        DashboardSpec changed = defaultDashboard();
        changed.name = QStringLiteral("changed");
        QVERIFY(!DashboardFile::save(changed, unwritable, &error));
        QVERIFY2(
            error.startsWith(QStringLiteral("Cannot save ") + unwritable + QStringLiteral(": ")), qPrintable(error));
        QVERIFY2(error.size() > QStringLiteral("Cannot save : ").size() + unwritable.size(), qPrintable(error));

        // The real file beside it is untouched.
        QCOMPARE(readAll(path), before);

        // Replacing a file the OS refuses to write leaves the old contents: a directory where the file would go.
        const QString occupied = dir.filePath(QStringLiteral("occupied.perfdash.json"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("occupied.perfdash.json")));
        QVERIFY(!DashboardFile::save(changed, occupied, &error));
        QVERIFY2(error.startsWith(QStringLiteral("Cannot save ") + occupied), qPrintable(error));
        QVERIFY(QFileInfo(occupied).isDir());
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestDashboardFile)
#include "tst_dashboardfile.moc"
