#include "DashboardFile.h"
#include "GrafanaImport.h"

#include <QFile>
#include <QTest>
#include <cmath>

using namespace perfdash;

namespace {
QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(PERFDASH_GRAFANA_FIXTURES "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    return file.readAll();
}

const PanelSpec* panelTitled(const DashboardSpec& dashboard, const QString& title)
{
    for (const PanelSpec& panel : dashboard.panels) {
        if (panel.title == title)
            return &panel;
    }
    return nullptr;
}

QStringList notesFor(const GrafanaImportResult& result, const QString& panel)
{
    QStringList messages;
    for (const GrafanaImportNote& note : result.notes) {
        if (note.panel == panel)
            messages << note.message;
    }
    return messages;
}

bool anyContains(const QStringList& messages, const QString& text)
{
    return std::any_of(messages.cbegin(), messages.cend(), [&](const QString& message) { return message.contains(text); });
}
}

class TestGrafanaImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nodeExporterFull()
    {
        GrafanaImportOptions options;
        options.prometheusUrl = QUrl(QStringLiteral("http://127.0.0.1:9090"));
        const GrafanaImportResult result = importGrafanaDashboard(fixture(QStringLiteral("node-exporter-full-shape.json")), options);
        QVERIFY2(result.dashboard, qPrintable(result.error));
        const DashboardSpec& dashboard = *result.dashboard;
        QCOMPARE(dashboard.name, QStringLiteral("Node Exporter Full"));
        QCOMPARE(dashboard.timeRangeMs, qint64(24 * 3600'000));
        QCOMPARE(dashboard.refreshIntervalMs, 60'000);
        QCOMPARE(dashboard.sources.size(), 1);
        QCOMPARE(dashboard.sources[0].url, options.prometheusUrl);

        // Rows give the order: the first row by position (Uptime at x 0 before CPU Busy at x 3), then the
        // collapsed row's panels, then the panels after it. The table and the Loki panel are left out.
        QStringList titles;
        for (const PanelSpec& panel : dashboard.panels)
            titles << panel.title;
        QCOMPARE(titles, QStringList({ "Uptime", "CPU Busy", "Memory Basic (A)", "Memory Basic (B)",
                             "Network Traffic Basic", "Disk IO latency" }));
        QVERIFY(anyContains(notesFor(result, QStringLiteral("Kernel")), QStringLiteral("panel type \"table\"")));
        QVERIFY(anyContains(notesFor(result, QStringLiteral("System logs")), QStringLiteral("\"loki\" datasource")));

        // Dashboard variables stay as references; the custom one is inlined; built-ins stay for the runner.
        QCOMPARE(dashboard.variables.size(), 2);
        QCOMPARE(dashboard.variables[0].name, QStringLiteral("job"));
        QCOMPARE(dashboard.variables[0].query, QStringLiteral("label_values(node_uname_info, job)"));
        QCOMPARE(dashboard.variables[1].name, QStringLiteral("node"));
        QCOMPARE(dashboard.variables[1].label, QStringLiteral("Host"));
        QCOMPARE(dashboard.variables[1].query, QStringLiteral(R"(label_values(node_uname_info{job="$job"}, instance))"));
        const PanelSpec* network = panelTitled(dashboard, QStringLiteral("Network Traffic Basic"));
        QVERIFY(network);
        QCOMPARE(network->query,
            QStringLiteral(R"(rate(node_network_receive_bytes_total{instance="$node",device=~"[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+"}[$__rate_interval])*8)"));
        QCOMPARE(network->unit, QStringLiteral("Mbit/s"));
        QCOMPARE(network->displayScale, 1e-6);
        QVERIFY(anyContains(notesFor(result, QStringLiteral("Network Traffic Basic")), QStringLiteral("transformations not applied (organize)")));

        // Thresholds: rgba steps; the red one is the target, lower is better; the orange one stays a threshold.
        const PanelSpec* cpu = panelTitled(dashboard, QStringLiteral("CPU Busy"));
        QVERIFY(cpu);
        QCOMPARE(cpu->unit, QStringLiteral("%"));
        QCOMPARE(cpu->target.target, 95.0);
        QCOMPARE(cpu->target.direction, Direction::LowerIsBetter);
        QVERIFY(std::isnan(cpu->target.baseline));
        QCOMPARE(cpu->thresholds.size(), 1);
        QCOMPARE(cpu->thresholds[0].value, 85.0);
        QCOMPARE(cpu->thresholds[0].color, QStringLiteral("#ed8128"));
        // A red base step under green: higher is better, the target is where green starts.
        const PanelSpec* uptime = panelTitled(dashboard, QStringLiteral("Uptime"));
        QVERIFY(uptime);
        QCOMPARE(uptime->target.target, 3600.0);
        QCOMPARE(uptime->target.direction, Direction::HigherIsBetter);

        // Several targets become several panels; the hidden one is reported; interval and max data points.
        const PanelSpec* memoryA = panelTitled(dashboard, QStringLiteral("Memory Basic (A)"));
        QVERIFY(memoryA);
        QCOMPARE(memoryA->legendFormat, QStringLiteral("RAM Total"));
        QCOMPARE(memoryA->minStepSeconds, 30.0);
        QCOMPARE(memoryA->maxDataPoints, 400);
        QCOMPARE(memoryA->unit, QStringLiteral("MiB"));
        QVERIFY(std::isnan(memoryA->target.target));
        const QStringList memoryNotes = notesFor(result, QStringLiteral("Memory Basic"));
        QVERIFY(anyContains(memoryNotes, QStringLiteral("target C is hidden")));
        QVERIFY(anyContains(memoryNotes, QStringLiteral("1 series override")));
        QVERIFY(anyContains(memoryNotes, QStringLiteral("stacking not imported")));
        QVERIFY(anyContains(memoryNotes, QStringLiteral("targets A, B became 2 panels")));

        const PanelSpec* heatmap = panelTitled(dashboard, QStringLiteral("Disk IO latency"));
        QVERIFY(heatmap);
        QVERIFY(heatmap->isHeatmap());

        // Panels are 3 and 12 grid units wide; 12 is the most common: two columns.
        QCOMPARE(dashboard.gridColumns, 2);
        // The Prometheus annotation is imported; Grafana's own is reported.
        QCOMPARE(dashboard.annotationQueries.size(), 1);
        QCOMPARE(dashboard.annotationQueries[0].text, QStringLiteral("{{instance}} rebooted"));
        const QStringList dashboardNotes = notesFor(result, QString());
        QVERIFY(anyContains(dashboardNotes, QStringLiteral("\"Annotations & Alerts\" is Grafana's own")));
        QVERIFY(anyContains(dashboardNotes, QStringLiteral("1 dashboard link")));
        QVERIFY(anyContains(dashboardNotes, QStringLiteral("$diskdevices (custom) inlined")));

        const QString report = result.report();
        QVERIFY2(report.contains(QStringLiteral("Panel \"Kernel\":")), qPrintable(report));
        QVERIFY(report.startsWith(QStringLiteral("Imported \"Node Exporter Full\": 6 panels, 2 variables")));
    }

    // What the importer writes is a dashboard file perfdash opens again unchanged, variables and
    // missing targets included.
    void importedDashboardRoundTrips()
    {
        const GrafanaImportResult result = importGrafanaDashboard(fixture(QStringLiteral("node-exporter-full-shape.json")));
        QVERIFY(result.dashboard);
        const QByteArray json = DashboardFile::toJson(*result.dashboard);
        const DashboardLoadResult loaded = DashboardFile::load(json);
        QVERIFY2(loaded.dashboard, qPrintable(loaded.error));
        QCOMPARE(loaded.dashboard->variables, result.dashboard->variables);
        QCOMPARE(DashboardFile::toJson(*loaded.dashboard), json);
        QVERIFY(json.contains("\"target\": null"));
        QVERIFY(json.contains("\"minStep\": \"30s\""));
    }

    void prometheusStats()
    {
        const GrafanaImportResult result = importGrafanaDashboard(fixture(QStringLiteral("prometheus-2-stats-shape.json")));
        QVERIFY2(result.dashboard, qPrintable(result.error));
        const DashboardSpec& dashboard = *result.dashboard;
        QCOMPARE(dashboard.timeRangeMs, qint64(3600'000));
        QCOMPARE(dashboard.panels.size(), 4); // the text panel is reported
        QVERIFY(anyContains(notesFor(result, QStringLiteral("About")), QStringLiteral("panel type \"text\"")));
        // singlestat "0.5,0.8" with colours green, orange, red in percentunit: target < 80 %.
        const PanelSpec* share = panelTitled(dashboard, QStringLiteral("Target sync share"));
        QVERIFY(share);
        QCOMPARE(share->unit, QStringLiteral("%"));
        QCOMPARE(share->target.target, 80.0);
        QCOMPARE(share->thresholds.size(), 1);
        QCOMPARE(share->thresholds[0].value, 50.0);
        // graph: the critical line is the target, the warning line a threshold; yaxes' format is the unit.
        const PanelSpec* durations = panelTitled(dashboard, QStringLiteral("Query durations p99"));
        QVERIFY(durations);
        QCOMPARE(durations->unit, QStringLiteral("s"));
        QCOMPARE(durations->target.target, 1.5);
        QCOMPARE(durations->thresholds.size(), 1);
        QCOMPARE(durations->minStepSeconds, 15.0);
        QCOMPARE(durations->legendFormat, QStringLiteral("{{slice}}"));
        const PanelSpec* samples = panelTitled(dashboard, QStringLiteral("Samples appended"));
        QVERIFY(samples);
        QCOMPARE(samples->unit, QStringLiteral("ops/s"));
        QVERIFY(anyContains(notesFor(result, QStringLiteral("Samples appended")), QStringLiteral("no red threshold step")));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::addRow("not json") << QByteArray("{\"panels\": [") << QStringLiteral("not valid JSON");
        QTest::addRow("not a dashboard") << QByteArray(R"({"perfdash_dashboard": 1})") << QStringLiteral("not a Grafana dashboard");
        QTest::addRow("old schema") << QByteArray(R"({"schemaVersion": 14, "rows": [{"panels": []}]})")
                                    << QStringLiteral("schemaVersion: 14");
        QTest::addRow("no schema") << QByteArray(R"({"panels": []})") << QStringLiteral("schemaVersion: missing");
    }

    void refusals()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const GrafanaImportResult result = importGrafanaDashboard(json);
        QVERIFY(!result.dashboard);
        QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    }

    // Grafana's HTTP API wraps the model: {"dashboard": …, "meta": …}. Odd values never crash the import.
    void apiWrapperAndOddValues()
    {
        const QByteArray json = R"({"meta": {}, "dashboard": {"schemaVersion": 36, "title": "",
            "panels": [{"type": "timeseries", "title": "", "id": 4, "gridPos": {"w": 1e308},
                        "maxDataPoints": 1e308, "targets": [{"expr": "up", "interval": "NaN"}],
                        "fieldConfig": {"defaults": {"unit": "currencyUSD",
                          "thresholds": {"steps": [{"color": "green", "value": null}, {"color": "red", "value": "x"}]}}}},
                       {"type": "row", "panels": "not a list"}, 17, null],
            "templating": {"list": [{"type": "query", "name": "v", "query": 5}, {"type": "adhoc", "name": "f"}]},
            "time": {"from": "2026-01-01", "to": "now"}}})";
        const GrafanaImportResult result = importGrafanaDashboard(json);
        QVERIFY2(result.dashboard, qPrintable(result.error));
        QCOMPARE(result.dashboard->name, QStringLiteral("Imported Grafana dashboard"));
        QCOMPARE(result.dashboard->panels.size(), 1);
        const PanelSpec& panel = result.dashboard->panels[0];
        QCOMPARE(panel.title, QStringLiteral("timeseries panel 4"));
        QCOMPARE(panel.maxDataPoints, 11'000);
        QCOMPARE(panel.minStepSeconds, 0.0);
        QVERIFY(anyContains(notesFor(result, panel.title), QStringLiteral("unit \"currencyUSD\"")));
        QVERIFY(anyContains(notesFor(result, QString()), QStringLiteral("variables of type \"adhoc\"")));
        QVERIFY(anyContains(notesFor(result, QString()), QStringLiteral("time range 2026-01-01")));
        // And what it made is a valid dashboard file.
        QVERIFY(DashboardFile::load(DashboardFile::toJson(*result.dashboard)).dashboard);
    }
};

QTEST_GUILESS_MAIN(TestGrafanaImport)
#include "tst_grafanaimport.moc"
