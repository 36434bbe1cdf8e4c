#include "ChartExporter.h"
#include "ChartPanel.h"
#include "DashboardActions.h"
#include "DashboardFile.h"
#include "DashboardView.h"
#include "HeadlessTestMain.h"
#include "MainWindow.h"
#include "PanelEditorDialog.h"
#include "RunComparison.h"
#include "RunComparisonJson.h"
#include "TimeSeriesStore.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <algorithm>
#include <cmath>
#include <memory>

using namespace perfdash;

namespace {
constexpr qint64 t0 = 1'764'160'000'000; // 2025-11-26T12:26:40Z
const QString metric = QStringLiteral("latency_seconds");

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int pdfPageCount(const QByteArray& pdf)
{
    // Page objects, not the /Pages tree node.
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?!s)"));
    int count = 0;
    for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
        ++count;
    return count;
}

PanelSpec latencyPanel(const QString& title)
{
    PanelSpec panel;
    panel.title = title;
    panel.metric = metric;
    panel.unit = QStringLiteral("ms");
    panel.displayScale = 1000;
    panel.target = { 2000, 1600, Direction::LowerIsBetter };
    return panel;
}
}

// Every export format checked for content: what a reader of the file would see, not just that it exists.
class TestChartExporter : public QObject {
    Q_OBJECT

    TimeSeriesStore m_store;
    QTemporaryDir m_dir;

    // Two series over 10 s at 1 s steps: "a" has a NaN at t0+3 s; "b" skips t0+5 s (a gap) and starts at t0+1 s.
    void fillStore()
    {
        SampleBatch batch;
        for (int i = 0; i < 10; ++i) {
            batch.push_back({ metric, { { QStringLiteral("host"), QStringLiteral("a") } }, t0 + i * 1000,
                i == 3 ? std::nan("") : 1.0 + i * 0.1 });
            if (i != 0 && i != 5)
                batch.push_back({ metric, { { QStringLiteral("host"), QStringLiteral("b") } }, t0 + i * 1000, 1.5 });
        }
        m_store.append(batch);
    }

    std::unique_ptr<ChartPanel> shownPanel(const PanelSpec& spec)
    {
        auto panel = std::make_unique<ChartPanel>(spec);
        panel->resize(640, 360);
        panel->show();
        for (int pass = 0; pass < 2; ++pass) {
            QCoreApplication::processEvents();
            panel->refresh(m_store, t0, t0 + 9000);
        }
        return panel;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        fillStore();
        QCoreApplication::setOrganizationName(QStringLiteral("perfdash-tests"));
        QSettings().clear();
    }

    void formatFollowsTheExtension()
    {
        QCOMPARE(ChartExporter::formatFor(QStringLiteral("a/b.PNG")), ChartExporter::Format::Png);
        QCOMPARE(ChartExporter::formatFor(QStringLiteral("x.svg")), ChartExporter::Format::Svg);
        QCOMPARE(ChartExporter::formatFor(QStringLiteral("x.pdf")), ChartExporter::Format::Pdf);
        QCOMPARE(ChartExporter::formatFor(QStringLiteral("x.csv")), ChartExporter::Format::Csv);
        QVERIFY(!ChartExporter::formatFor(QStringLiteral("x.jpeg")));
        auto panel = shownPanel(latencyPanel(QStringLiteral("p")));
        QString error;
        QVERIFY(!ChartExporter::exportPanel(panel.get(), m_dir.filePath(QStringLiteral("x.gif")), 1, &error));
        QVERIFY2(error.contains(QStringLiteral("use .png, .svg, .pdf or .csv")), qPrintable(error));
    }

    void pngHasTheScaledSizeAndIsDrawn()
    {
        auto panel = shownPanel(latencyPanel(QStringLiteral("Latency")));
        const QString path = m_dir.filePath(QStringLiteral("panel.png"));
        QString error;
        QVERIFY2(ChartExporter::exportPanel(panel.get(), path, 2.0, &error), qPrintable(error));
        QImage image(path);
        QCOMPARE(image.size(), QSize(1280, 720));
        // Drawn, not blank: many distinct colours, and the series' blue (Okabe–Ito #0072B2) is among them.
        QSet<QRgb> colours;
        bool seriesBlue = false;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                const QRgb pixel = image.pixel(x, y);
                colours.insert(pixel);
                seriesBlue |= qAbs(qRed(pixel) - 0x00) < 24 && qAbs(qGreen(pixel) - 0x72) < 24
                    && qAbs(qBlue(pixel) - 0xB2) < 24;
            }
        }
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        QVERIFY(seriesBlue);
    }

    void svgIsXmlWithPathsAndText()
    {
        auto panel = shownPanel(latencyPanel(QStringLiteral("Latency")));
        const QString path = m_dir.filePath(QStringLiteral("panel.svg"));
        QString error;
        QVERIFY2(ChartExporter::exportPanel(panel.get(), path, 1.0, &error), qPrintable(error));
        const QByteArray svg = readAll(path);
        QXmlStreamReader xml(svg);
        int paths = 0;
        QString text;
        // The data lines are vector polylines in the series' colour (the group around them holds the pen).
        QStringList strokes { QString() };
        QList<int> blueLines; // points per polyline of series "a"'s colour
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"path")
                ++paths;
            if (xml.isStartElement() && xml.name() == u"g")
                strokes << xml.attributes().value(QLatin1String("stroke")).toString();
            if (xml.isEndElement() && xml.name() == u"g")
                strokes.removeLast();
            if (xml.isStartElement() && xml.name() == u"polyline" && strokes.last() == u"#0072b2") {
                blueLines << int(
                    xml.attributes().value(QLatin1String("points")).toString().split(u' ', Qt::SkipEmptyParts).size());
            }
            if (xml.isCharacters())
                text += xml.text();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(paths >= 3, qPrintable(QString::number(paths)));
        // Series "a": its 9 finite samples in two lines, broken where the NaN is (samples 0-2, then 4-9).
        QCOMPARE(blueLines, QList<int>({ 3, 6 }));
        // Vector text, so the title and the labelled target line are searchable in the file.
        QVERIFY2(text.contains(QStringLiteral("Latency")), qPrintable(text.left(200)));
        QVERIFY(text.contains(QStringLiteral("target < 1600 ms")));
    }

    void pdfHasOnePageOrOnePerPanel()
    {
        auto first = shownPanel(latencyPanel(QStringLiteral("one")));
        auto second = shownPanel(latencyPanel(QStringLiteral("two")));
        auto third = shownPanel(latencyPanel(QStringLiteral("three")));
        const QList<ChartPanel*> panels { first.get(), second.get(), third.get() };
        DashboardSpec dashboard;
        dashboard.name = QStringLiteral("pdf");
        QString error;
        const QString onePage = m_dir.filePath(QStringLiteral("one.pdf"));
        QVERIFY2(ChartExporter::exportDashboard(dashboard, panels, onePage, 1, false, &error), qPrintable(error));
        QVERIFY(readAll(onePage).startsWith("%PDF"));
        QCOMPARE(pdfPageCount(readAll(onePage)), 1);
        const QString perPanel = m_dir.filePath(QStringLiteral("pages.pdf"));
        QVERIFY2(ChartExporter::exportDashboard(dashboard, panels, perPanel, 1, true, &error), qPrintable(error));
        QVERIFY(readAll(perPanel).startsWith("%PDF"));
        QCOMPARE(pdfPageCount(readAll(perPanel)), 3);
    }

    void csvHoldsExactlyTheVisibleSeriesAndRange()
    {
        auto panel = shownPanel(latencyPanel(QStringLiteral("Latency")));
        const QString path = m_dir.filePath(QStringLiteral("panel.csv"));
        QString error;
        QVERIFY2(ChartExporter::exportPanel(panel.get(), path, 1, &error), qPrintable(error));
        const QList<QByteArray> lines = readAll(path).trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("time_utc,unix_ms,a,b"));
        QCOMPARE(lines.size(), 1 + 10); // one row per distinct timestamp in the range
        QCOMPARE(lines[1], QByteArray("2025-11-26T12:26:40.000Z,1764160000000,1000,")); // b starts later: empty
        QCOMPARE(lines[4], QByteArray("2025-11-26T12:26:43.000Z,1764160003000,NaN,1500")); // NaN kept, scaled
        QCOMPARE(lines[6], QByteArray("2025-11-26T12:26:45.000Z,1764160005000,1500,")); // the gap in b

        // A series hidden in the legend is not visible, so it is not exported; a narrower range has fewer rows.
        QVERIFY(panel->toggleLegendEntry(QStringLiteral("b")));
        panel->refresh(m_store, t0 + 2000, t0 + 4000);
        QVERIFY(ChartExporter::exportPanel(panel.get(), path, 1, &error));
        const QList<QByteArray> narrowed = readAll(path).trimmed().split('\n');
        QCOMPARE(narrowed.first(), QByteArray("time_utc,unix_ms,a"));
        QCOMPARE(narrowed.size(), 1 + 3);
    }

    void thresholdsAreDrawnLabelledAndFitTheValueAxis()
    {
        PanelSpec spec = latencyPanel(QStringLiteral("Thresholds"));
        // Data peaks at 1900 ms and the target is 2000 ms: only the 5000 ms threshold can stretch the axis.
        spec.thresholds
            = { { 5000, QStringLiteral("critical"), QStringLiteral("#d93025") }, { 1800, QString(), QString() } };
        auto panel = shownPanel(spec);
        const QStringList labels = panel->thresholdLineLabels();
        QCOMPARE(labels.size(), 2);
        QVERIFY2(labels[0].startsWith(QStringLiteral("critical 5")), qPrintable(labels[0]));
        QVERIFY2(labels[1].startsWith(QStringLiteral("1")), qPrintable(labels[1]));
        QVERIFY2(panel->valueAxisMax() >= 5000, qPrintable(QString::number(panel->valueAxisMax())));
        auto plain = shownPanel(latencyPanel(QStringLiteral("No thresholds")));
        QVERIFY(plain->thresholdLineLabels().isEmpty());
        QVERIFY(plain->valueAxisMax() < 5000);
    }

    void panelEditorReadsAndValidatesThresholds()
    {
        PanelSpec spec = latencyPanel(QStringLiteral("Edited"));
        spec.thresholds = { { 1.8, QStringLiteral("warning"), QString() },
            { 2.5, QStringLiteral("critical"), QStringLiteral("#d93025") } };
        PanelEditorDialog dialog(spec, {});
        QCOMPARE(dialog.thresholdsEdit()->text(), QStringLiteral("1.8 warning, 2.5 critical #d93025"));
        QCOMPARE(dialog.panel().thresholds, spec.thresholds);

        dialog.thresholdsEdit()->setText(QStringLiteral("1.8 warning, high critical"));
        QCOMPARE(dialog.problem(),
            QStringLiteral("Threshold 2 (\"high critical\") must start with a number, like \"1.8 warning\"."));
        dialog.thresholdsEdit()->setText(QStringLiteral("3 slow #orange"));
        QCOMPARE(dialog.problem(), QStringLiteral("Threshold 1: the color \"#orange\" must look like #e6a100."));
        dialog.thresholdsEdit()->setText(QStringLiteral("3 slow,"));
        QCOMPARE(dialog.problem(), QStringLiteral("Threshold 2 is empty; write e.g. \"1.8 warning, 2.5 critical\"."));
        dialog.thresholdsEdit()->setText(QStringLiteral("  "));
        QCOMPARE(dialog.problem(), QString());
        QVERIFY(dialog.panel().thresholds.isEmpty());
        dialog.thresholdsEdit()->setText(QStringLiteral("3 very slow"));
        QCOMPARE(dialog.problem(), QString());
        QCOMPARE(dialog.panel().thresholds, (QList<PanelThreshold> { { 3, QStringLiteral("very slow"), QString() } }));
    }

    void panelEditorSetsHowManySeriesAreDrawn()
    {
        PanelSpec spec = latencyPanel(QStringLiteral("Many"));
        spec.maxSeries = 50;
        PanelEditorDialog dialog(spec, {});
        auto* maxSeries = dialog.findChild<QSpinBox*>(QStringLiteral("maxSeries"));
        QVERIFY(maxSeries);
        QCOMPARE(maxSeries->value(), 50);
        maxSeries->setValue(12);
        QCOMPARE(dialog.panel().maxSeries, 12);
        QCOMPARE(maxSeries->maximum(), PanelSpec::maxSeriesLimit);
    }

    void bundleHasEveryPanelAndAManifest()
    {
        auto first = shownPanel(latencyPanel(QStringLiteral("API p95")));
        PanelSpec met = latencyPanel(QStringLiteral("Met one"));
        met.target = { 3000, 2500, Direction::LowerIsBetter };
        met.thresholds = { { 2000, QStringLiteral("warning"), QStringLiteral("#e6a100") } };
        auto second = shownPanel(met);
        DashboardSpec dashboard;
        dashboard.name = QStringLiteral("Bundle");
        const QString directory = m_dir.filePath(QStringLiteral("bundle"));
        QString error;
        QVERIFY2(ChartExporter::exportBundle(dashboard, { first.get(), second.get() }, directory, 1, &error),
            qPrintable(error));
        for (const char* name :
            { "01-api-p95.png", "01-api-p95.csv", "02-met-one.png", "02-met-one.csv", "dashboard.png" })
            QVERIFY2(QFile::exists(directory + QLatin1Char('/') + QLatin1String(name)), name);
        const QJsonObject manifest
            = QJsonDocument::fromJson(readAll(directory + QStringLiteral("/manifest.json"))).object();
        QCOMPARE(manifest.value(QStringLiteral("dashboard")).toString(), QStringLiteral("Bundle"));
        QCOMPARE(manifest.value(QStringLiteral("appVersion")).toString(), QStringLiteral(PERFDASH_VERSION));
        const QJsonObject range = manifest.value(QStringLiteral("timeRange")).toObject();
        QCOMPARE(range.value(QStringLiteral("from")).toObject().value(QStringLiteral("utc")).toString(),
            QStringLiteral("2025-11-26T12:26:40.000Z"));
        QVERIFY(range.value(QStringLiteral("to")).toObject().contains(QStringLiteral("local")));
        const QJsonArray panels = manifest.value(QStringLiteral("panels")).toArray();
        QCOMPARE(panels.size(), 2);
        const QJsonObject api = panels[0].toObject();
        QCOMPARE(api.value(QStringLiteral("metric")).toString(), metric);
        // Worst latest value: a ends at 1.9 s = 1900 ms, b at 1500 ms; 1900 is not under the 1600 ms target.
        const QJsonObject apiTarget = api.value(QStringLiteral("target")).toObject();
        QCOMPARE(apiTarget.value(QStringLiteral("current")).toDouble(), 1900.0);
        QCOMPARE(apiTarget.value(QStringLiteral("target")).toDouble(), 1600.0);
        QCOMPARE(apiTarget.value(QStringLiteral("met")), QJsonValue(false));
        // The second panel's target is 2500 ms: met.
        QCOMPARE(panels[1].toObject().value(QStringLiteral("target")).toObject().value(QStringLiteral("met")),
            QJsonValue(true));
        // Thresholds sit next to each panel's target; a panel without any has an empty list.
        QCOMPARE(api.value(QStringLiteral("thresholds")).toArray().size(), 0);
        const QJsonArray thresholds = panels[1].toObject().value(QStringLiteral("thresholds")).toArray();
        QCOMPARE(thresholds.size(), 1);
        QCOMPARE(thresholds[0].toObject().value(QStringLiteral("value")).toDouble(), 2000.0);
        QCOMPARE(thresholds[0].toObject().value(QStringLiteral("label")).toString(), QStringLiteral("warning"));
        QCOMPARE(thresholds[0].toObject().value(QStringLiteral("color")).toString(), QStringLiteral("#e6a100"));
        // No profiling comparison was given: the key is absent, not null.
        QVERIFY(!manifest.contains(QStringLiteral("profilingComparison")));
    }

    // The manifest carries the comparison the app's provider reports open, through File → Export's path.
    void bundleManifestHasTheOpenProfilingComparison()
    {
        // Nine repetitions each; the new run's hit ratio is lower in every one, its throughput within noise.
        auto run = [](double hitRatio, double throughputOffset) {
            ProfileRun result;
            QString error;
            result.settings = *ProfileSettings::make(QStringLiteral("cache"), {}, &error);
            result.requestedRepetitions = 9;
            result.startedAt = QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC);
            for (int i = 0; i < 9; ++i) {
                RepetitionResult repetition;
                repetition.index = i;
                repetition.metrics.insert(QStringLiteral("hit_ratio"), hitRatio + 0.001 * i);
                repetition.metrics.insert(
                    QStringLiteral("throughput_ops_per_s"), 1e6 + 1e3 * ((i * 4 + int(throughputOffset)) % 9));
                result.repetitions << repetition;
            }
            return result;
        };
        const ProfileRun base = run(0.80, 0);
        const ProfileRun candidate = run(0.70, 2);
        QString error;
        const auto comparison = RunComparison::compare(base, candidate, 0.05, &error);
        QVERIFY2(comparison, qPrintable(error));

        DashboardSpec dashboard;
        dashboard.name = QStringLiteral("With comparison");
        dashboard.panels = { latencyPanel(QStringLiteral("one")) };
        MainWindow window(dashboard, m_store);
        DashboardActions* actions = window.dashboardActions();
        bool open = false;
        actions->setProfilingComparisonProvider(
            [&] { return open ? RunComparisonJson::write(base, candidate, *comparison) : QJsonObject(); });

        const QString closedDirectory = m_dir.filePath(QStringLiteral("bundle-closed"));
        QVERIFY2(actions->exportBundle(closedDirectory, 1, &error), qPrintable(error));
        QVERIFY(!QJsonDocument::fromJson(readAll(closedDirectory + QStringLiteral("/manifest.json")))
                     .object()
                     .contains(QStringLiteral("profilingComparison")));

        open = true;
        const QString directory = m_dir.filePath(QStringLiteral("bundle-comparison"));
        QVERIFY2(actions->exportBundle(directory, 1, &error), qPrintable(error));
        const QJsonObject manifest
            = QJsonDocument::fromJson(readAll(directory + QStringLiteral("/manifest.json"))).object();
        QCOMPARE(manifest.value(QStringLiteral("dashboard")).toString(), QStringLiteral("With comparison"));
        const QJsonObject table = manifest.value(QStringLiteral("profilingComparison")).toObject();
        QCOMPARE(table.value(QStringLiteral("baseline")).toObject().value(QStringLiteral("component")).toString(),
            QStringLiteral("cache"));
        QCOMPARE(table.value(QStringLiteral("compared")).toObject().value(QStringLiteral("repetitions")).toInt(), 9);
        QCOMPARE(table.value(QStringLiteral("alpha")).toDouble(), 0.05);
        QCOMPARE(table.value(QStringLiteral("regression")), QJsonValue(true));
        const QJsonArray rows = table.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 2);
        QMap<QString, QJsonObject> byMetric;
        for (const auto& row : rows)
            byMetric.insert(row.toObject().value(QStringLiteral("metric")).toString(), row.toObject());
        const QJsonObject hitRatio = byMetric.value(QStringLiteral("hit_ratio"));
        QCOMPARE(hitRatio.value(QStringLiteral("verdict")).toString(), QStringLiteral("worse, significant"));
        QCOMPARE(hitRatio.value(QStringLiteral("regression")), QJsonValue(true));
        // Nine against nine with no overlap: the exact two-sided p is 2 / C(18, 9).
        QCOMPARE(hitRatio.value(QStringLiteral("pValue")).toDouble(), 2.0 / 48620);
        QCOMPARE(hitRatio.value(QStringLiteral("baseMedian")).toDouble(), 0.804);
        QCOMPARE(byMetric.value(QStringLiteral("throughput_ops_per_s")).value(QStringLiteral("verdict")).toString(),
            QStringLiteral("no detectable change"));
        for (const MetricComparison& expected : comparison->rows()) {
            const QJsonObject row = byMetric.value(expected.metric.name);
            QCOMPARE(row.value(QStringLiteral("verdict")).toString(), expected.verdict);
            QCOMPARE(row.value(QStringLiteral("pValue")).toDouble(), expected.pValue);
        }
    }

    void windowOpensEditsAndSavesDashboards()
    {
        DashboardSpec dashboard;
        dashboard.name = QStringLiteral("Start");
        dashboard.panels = { latencyPanel(QStringLiteral("one")), latencyPanel(QStringLiteral("two")) };
        MainWindow window(dashboard, m_store);
        DashboardActions* actions = window.dashboardActions();
        QSignalSpy changed(actions, &DashboardActions::dashboardChanged);

        actions->movePanel(0, 1);
        QCOMPARE(window.dashboard()->panels().at(0)->spec().title, QStringLiteral("two"));
        QVERIFY(actions->isModified());
        PanelSpec edited = latencyPanel(QStringLiteral("edited"));
        edited.target = { 5, 4, Direction::HigherIsBetter };
        actions->replacePanel(1, edited);
        actions->addPanel(latencyPanel(QStringLiteral("three")));
        actions->removePanel(0);
        QCOMPARE(changed.size(), 4);
        QCOMPARE(window.dashboard()->panels().size(), 2);

        const QString path = m_dir.filePath(QStringLiteral("edited.perfdash.json"));
        QString error;
        QVERIFY2(actions->saveTo(path, &error), qPrintable(error));
        QVERIFY(!actions->isModified());
        QCOMPARE(actions->recentFiles().value(0), path);
        const DashboardLoadResult saved = DashboardFile::loadFile(path);
        QVERIFY2(saved.dashboard, qPrintable(saved.error));
        QCOMPARE(saved.dashboard->panels.size(), 2);
        QVERIFY(saved.dashboard->panels[0] == edited);

        // A broken file is refused whole: the window keeps showing what it showed.
        const QString broken = m_dir.filePath(QStringLiteral("broken.perfdash.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"perfdash_dashboard\": 1, \"name\": \"x\", \"panels\": [{\"title\": \"t\", \"metric\": \"m\", "
                   "\"target\": \"soon\", \"baseline\": 1, \"direction\": \"lower-is-better\"}]}");
        file.close();
        QVERIFY(!actions->openFile(broken, &error));
        QCOMPARE(error, broken + QStringLiteral(": panels[0].target: expected a number"));
        QCOMPARE(window.dashboard()->panels().size(), 2);
        QCOMPARE(actions->path(), path);

        QVERIFY2(
            actions->openFile(QStringLiteral(":/dashboards/examples/stream.perfdash.json"), &error), qPrintable(error));
        QCOMPARE(window.dashboard()->dashboardSpec().name, QStringLiteral("Checkout service (live stream)"));

        // The panel context menu offers every export and the edits.
        std::unique_ptr<QMenu> menu(actions->createPanelMenu(0, &window));
        QStringList texts;
        for (QAction* action : menu->actions())
            texts << action->text();
        for (const char* expected : { "&Edit…", "Move &Left", "Move &Right", "Re&move", "Export PNG…", "Export SVG…",
                 "Export PDF…", "Export CSV…", "&Copy Image" })
            QVERIFY2(texts.contains(QString::fromUtf8(expected)), expected);
    }
};

PERFDASH_TEST_MAIN(TestChartExporter)
#include "tst_chartexporter.moc"
