#include "SnapshotCommand.h"

#include "AppPrometheus.h"
#include "ApplicationTheme.h"
#include "ChartExporter.h"
#include "ChartPanel.h"
#include "DashboardFile.h"
#include "DemoDeployOption.h"
#include "Duration.h"
#include "GuiSession.h"
#include "HeadlessVariables.h"
#include "LocalSourceResolution.h"
#include "OffscreenMessages.h"
#include "PanelChoice.h"
#include "PanelQueryBinding.h"
#include "PanelQueryRunner.h"
#include "PrometheusPage.h"
#include "QueryExpansion.h"
#include "Scorecard.h"
#include "StreamCollection.h"
#include "StreamSource.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>
#include <functional>
#include <memory>
#include <vector>

namespace perfdash {

namespace {
    constexpr QSize defaultPanelSize(900, 480);

    std::optional<QSize> parseSize(const QString& text)
    {
        static const QRegularExpression pattern(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
        const QRegularExpressionMatch match = pattern.match(text);
        if (!match.hasMatch())
            return std::nullopt;
        const QSize size(match.captured(1).toInt(), match.captured(2).toInt());
        // Smaller than this cannot hold a scorecard and a chart; larger is a typo that would eat memory.
        if (size.width() < 320 || size.height() < 200 || size.width() > 8000 || size.height() > 8000)
            return std::nullopt;
        return size;
    }

    // "2026-01-05T10:00:00Z", "2026-01-05T11:00:00+01:00", "2026-01-05T10:00:00" (local) or unix seconds.
    std::optional<qint64> parseTime(const QString& text)
    {
        bool isNumber = false;
        const qint64 seconds = text.toLongLong(&isNumber);
        if (isNumber)
            return seconds * 1000;
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid())
            return std::nullopt;
        return time.toMSecsSinceEpoch();
    }

    // PromQL panels get their answers over [fromMs, toMs] within waitMs: a range query for the chart and an
    // instant query for the scorecard. An answer without series is asked again (a Prometheus that started
    // seconds ago may not have two scrapes for rate() yet) until the wait is over. A panel without an
    // answer (its source is unreachable, its query fails, time runs out) is marked failed with the reason
    // and the others go on: one bad query must not lose the snapshot. Returns the failures' words.
    QStringList answerQueries(GuiSession& session, const DashboardSpec& dashboard, const QList<ChartPanel*>& panels,
        qint64 fromMs, qint64 toMs, qint64 waitMs)
    {
        QElapsedTimer clock;
        clock.start();
        QStringList failures;
        const QString waitText = QStringLiteral("%1 s (--wait)").arg(double(waitMs) / 1000.0);
        const auto failPanelsOf = [&](const QString& sourceId, const QString& reason) {
            for (ChartPanel* panel : panels) {
                if (!panel->spec().query.isEmpty() && panel->spec().sourceId == sourceId) {
                    panel->setFailure(reason);
                    failures << QStringLiteral("panel \"%1\": %2").arg(panel->spec().title, reason);
                }
            }
        };
        const ResolvedSources resolved = resolveLocalSources(session, dashboard, clock, waitMs);
        for (auto failure = resolved.failures.cbegin(); failure != resolved.failures.cend(); ++failure)
            failPanelsOf(failure.key(), failure.value());
        const QList<DataSourceSpec>& sources = resolved.sources;
        QList<ChartPanel*> asked;
        for (ChartPanel* panel : panels) {
            if (!panel->spec().query.isEmpty() && panel->failure().isEmpty())
                asked << panel;
        }
        if (asked.isEmpty())
            return failures;
        const ResolvedVariables variables
            = resolveVariablesOnce(dashboard.variables, sources, fromMs, toMs, clock, waitMs);
        for (const QString& problem : variables.problems)
            QTextStream(stderr) << "perfdash snapshot: " << problem << '\n';
        for (ChartPanel* panel : asked)
            panel->scorecard()->setShownTitle(expandVariables(panel->spec().title, variables.choices));
        PanelQueryRunner runner;
        runner.setVariableValues(variables.substitutions);
        bindPanelQueries(&runner, asked);
        runner.start();
        QueryTimeSettings settings;
        settings.absolute = true;
        settings.fromMs = fromMs;
        settings.toMs = toMs;
        settings.refreshMs = 0;
        runner.setSettings(settings);
        runner.setSources(sources);
        const auto anyWithoutSeries = [&] {
            for (int index = 0; index < asked.size(); ++index) {
                const PanelQueryState state = runner.lastState(index);
                if (state.phase == PanelQueryState::Phase::Loaded && state.lines.isEmpty())
                    return true;
            }
            return false;
        };
        for (;;) {
            waitFor(clock, waitMs, [&] { return !runner.isBusy(); });
            if (runner.isBusy() || !anyWithoutSeries() || clock.elapsed() + 1000 >= waitMs)
                break;
            QEventLoop pause;
            QTimer::singleShot(1000, &pause, &QEventLoop::quit);
            pause.exec();
            runner.refreshNow();
        }
        for (int index = 0; index < asked.size(); ++index) {
            const PanelSpec& spec = asked[index]->spec();
            const PanelQueryState state = runner.lastState(index);
            if (state.phase == PanelQueryState::Phase::Failed) {
                failures << QStringLiteral("panel \"%1\": %2").arg(spec.title, state.message);
            } else if (state.phase == PanelQueryState::Phase::Waiting) {
                const QString reason
                    = QStringLiteral("no answer from its Prometheus within %1%2")
                          .arg(waitText, state.message.isEmpty() ? QString() : QStringLiteral(": ") + state.message);
                asked[index]->setFailure(reason);
                failures << QStringLiteral("panel \"%1\": %2").arg(spec.title, reason);
            }
        }
        return failures;
    }

    QString utcText(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    }

    // The first stored sample of any panel's metric at or after fromMs; nullopt when there is none.
    std::optional<qint64> firstDataAfter(
        const TimeSeriesStore& store, const DashboardSpec& dashboard, qint64 fromMs, qint64 toMs)
    {
        std::optional<qint64> first;
        for (const PanelSpec& panel : dashboard.panels) {
            for (const SeriesInfo& info : store.seriesForMetric(panel.storedMetric())) {
                const auto samples = store.samples(info.key, fromMs, toMs);
                if (!samples.empty() && (!first || samples.front().timestampMs < *first))
                    first = samples.front().timestampMs;
            }
        }
        return first;
    }

    // What `perfdash snapshot` was asked for, every option read and checked.
    struct SnapshotRequest {
        GuiOptions options;
        QString outPath;
        bool bundle = false; // a folder: PNG and CSV per panel, dashboard.png and manifest.json
        QSize panelSize = defaultPanelSize;
        double scale = 1;
        double waitSeconds = 5;
        std::optional<qint64> rangeMs;
        std::optional<qint64> fromMs;
        std::optional<qint64> toMs;
        bool pdfOnePanelPerPage = false;
        ThemeChoice theme = ThemeChoice::Light; // light unless asked: snapshots go to print and slides
    };

    // Reads the command line in one place. Nullopt when there is nothing to render, with *exitCode: 0 after
    // --help, 2 for a bad option (said on err), 1 when --out cannot be written.
    std::optional<SnapshotRequest> parseSnapshotCommandLine(
        const QStringList& arguments, QTextStream& out, QTextStream& err, int* exitCode)
    {
        const auto usageError = [&](const QString& message) {
            err << "perfdash snapshot: " << message << "\n";
            *exitCode = 2;
            return std::nullopt;
        };
        QCommandLineParser parser;
        parser.setApplicationDescription(QStringLiteral(
            "Renders a dashboard without a display and writes it as PNG, SVG, PDF or CSV (chosen by the --out "
            "extension), or, when --out is a folder, a bundle: PNG and CSV per panel, dashboard.png and "
            "manifest.json."));
        parser.addHelpOption();
        parser.addOption(
            { QStringLiteral("dashboard"), QStringLiteral("The dashboard file to render."), QStringLiteral("FILE") });
        parser.addOption(
            { QStringLiteral("demo"), QStringLiteral("Render the default dashboard on the embedded demo.") });
        parser.addOption({ QStringLiteral("scenario"), QStringLiteral("With --demo: baseline (default) or optimized."),
            QStringLiteral("NAME"), QStringLiteral("baseline") });
        addDemoDeployOption(parser);
        parser.addOption({ QStringLiteral("out"),
            QStringLiteral("Output: FILE.png, .svg, .pdf or .csv, or a folder (an existing one, or a path ending in /) "
                           "for a bundle."),
            QStringLiteral("PATH") });
        parser.addOption(
            { QStringLiteral("panel"), QStringLiteral("Only the panel with this title."), QStringLiteral("TITLE") });
        parser.addOption({ QStringLiteral("size"), QStringLiteral("Size of each panel in pixels (default 900x480)."),
            QStringLiteral("WxH") });
        parser.addOption(
            { QStringLiteral("scale"), QStringLiteral("PNG scale factor, 2 for sharp high-DPI images (default 1)."),
                QStringLiteral("N"), QStringLiteral("1") });
        parser.addOption({ QStringLiteral("wait"), QStringLiteral("Seconds of live data to collect first (default 5)."),
            QStringLiteral("SECONDS"), QStringLiteral("5") });
        parser.addOption({ QStringLiteral("range"),
            QStringLiteral("Time range ending now, e.g. 15m or 1h (default: the dashboard's, from the first data on)."),
            QStringLiteral("DURATION") });
        parser.addOption({ QStringLiteral("from"),
            QStringLiteral("Range start: ISO 8601 (UTC with Z) or unix seconds."), QStringLiteral("T") });
        parser.addOption({ QStringLiteral("to"), QStringLiteral("Range end (default now)."), QStringLiteral("T") });
        parser.addOption(
            { QStringLiteral("pdf-one-panel-per-page"), QStringLiteral("PDF: each panel on its own page.") });
        parser.addOption({ QStringLiteral("var"),
            QStringLiteral("A dashboard variable's value, e.g. --var job=api or --var instance=All (repeatable; "
                           "default: the file's choice)."),
            QStringLiteral("NAME=VALUE") });
        parser.addOption({ QStringLiteral("theme"), QStringLiteral("light (default, for print and slides) or dark."),
            QStringLiteral("THEME"), QStringLiteral("light") });
        if (!parser.parse(arguments.mid(1)))
            return usageError(parser.errorText());
        if (parser.isSet(QStringLiteral("help"))) {
            QString help = parser.helpText();
            // Qt names the binary's path; say how the command is really typed.
            help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: perfdash snapshot [options]"));
            out << help;
            *exitCode = 0;
            return std::nullopt;
        }
        if (!parser.positionalArguments().isEmpty())
            return usageError(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

        // What to render.
        const bool demo = parser.isSet(QStringLiteral("demo"));
        if (demo == parser.isSet(QStringLiteral("dashboard")))
            return usageError(QStringLiteral("give either --dashboard FILE or --demo"));
        SnapshotRequest request;
        GuiOptions& options = request.options;
        if (demo) {
            options.dashboard = defaultDashboard();
            const auto scenario = parseDemoScenario(parser.value(QStringLiteral("scenario")));
            if (!scenario)
                return usageError(QStringLiteral("--scenario must be baseline or optimized"));
            options.scenario = *scenario;
        } else {
            const DashboardLoadResult loaded = DashboardFile::loadFile(parser.value(QStringLiteral("dashboard")));
            if (!loaded.dashboard)
                return usageError(loaded.error);
            options.dashboard = *loaded.dashboard;
        }
        // Also for a dashboard file: its "demo:" sources run the same embedded demo.
        if (QString deployError; !readDemoDeployOption(parser, &options.demoDeployAfterMs, &deployError))
            return usageError(deployError);
        DashboardSpec& dashboard = options.dashboard;
        if (parser.isSet(QStringLiteral("panel"))) {
            QString error;
            if (!keepOnlyPanel(dashboard, parser.value(QStringLiteral("panel")), &error))
                return usageError(error);
        }
        if (dashboard.panels.isEmpty())
            return usageError(QStringLiteral("the dashboard \"%1\" has no panels to render").arg(dashboard.name));
        for (const QString& assignment : parser.values(QStringLiteral("var"))) {
            if (QString error; !applyVariableChoice(dashboard, assignment, &error))
                return usageError(error);
        }

        // Where to write it: checked before waiting, so a typo fails in a second, not after the wait.
        const QString outPath = parser.value(QStringLiteral("out"));
        if (outPath.isEmpty())
            return usageError(QStringLiteral("--out PATH is required (.png, .svg, .pdf, .csv or a folder)"));
        const bool bundle = outPath.endsWith(u'/') || QFileInfo(outPath).isDir();
        if (!bundle && !ChartExporter::formatFor(outPath))
            return usageError(QStringLiteral("cannot tell the format of --out %1: use %2, or a folder for a bundle")
                                  .arg(outPath, ChartExporter::supportedExtensions()));
        const QFileInfo parent(
            QFileInfo(bundle ? QString(outPath).remove(QRegularExpression(QStringLiteral("/+$"))) : outPath)
                .absolutePath());
        if (!parent.isDir()) {
            err << "perfdash snapshot: cannot write " << outPath << ": " << parent.filePath() << " is not a folder\n";
            *exitCode = 1;
            return std::nullopt;
        }

        QSize& panelSize = request.panelSize;
        if (parser.isSet(QStringLiteral("size"))) {
            const auto size = parseSize(parser.value(QStringLiteral("size")));
            if (!size)
                return usageError(
                    QStringLiteral("--size must be WIDTHxHEIGHT in pixels, from 320x200 to 8000x8000, not \"%1\"")
                        .arg(parser.value(QStringLiteral("size"))));
            panelSize = *size;
        }
        bool ok = false;
        const double scale = parser.value(QStringLiteral("scale")).toDouble(&ok);
        if (!ok || scale < 0.25 || scale > 8)
            return usageError(QStringLiteral("--scale must be a number from 0.25 to 8"));
        const double waitSeconds = parser.value(QStringLiteral("wait")).toDouble(&ok);
        if (!ok || waitSeconds < 0 || waitSeconds > 3600)
            return usageError(QStringLiteral("--wait must be a number of seconds from 0 to 3600"));
        if (parser.isSet(QStringLiteral("range")) && parser.isSet(QStringLiteral("from")))
            return usageError(QStringLiteral("give either --range or --from/--to, not both"));
        std::optional<qint64>& rangeMs = request.rangeMs;
        if (parser.isSet(QStringLiteral("range"))) {
            rangeMs = parseDuration(parser.value(QStringLiteral("range")));
            if (!rangeMs || *rangeMs <= 0)
                return usageError(QStringLiteral("--range must be a duration like 90s, 15m or 1h"));
        }
        std::optional<qint64>& fromMs = request.fromMs;
        std::optional<qint64>& toMs = request.toMs;
        for (const auto& [name, target] :
            { std::pair { QStringLiteral("from"), &fromMs }, std::pair { QStringLiteral("to"), &toMs } }) {
            if (!parser.isSet(name))
                continue;
            *target = parseTime(parser.value(name));
            if (!*target)
                return usageError(
                    QStringLiteral("--%1 must be ISO 8601 (2026-01-05T10:00:00Z) or unix seconds, not \"%2\"")
                        .arg(name, parser.value(name)));
        }
        request.outPath = outPath;
        request.bundle = bundle;
        request.scale = scale;
        request.waitSeconds = waitSeconds;
        request.pdfOnePanelPerPage = parser.isSet(QStringLiteral("pdf-one-panel-per-page"));
        // No desktop offscreen to take "system" from: a snapshot says which it is.
        const auto theme = themeChoiceFromName(parser.value(QStringLiteral("theme")));
        if (!theme || *theme == ThemeChoice::System)
            return usageError(
                QStringLiteral("--theme must be light or dark, not \"%1\"").arg(parser.value(QStringLiteral("theme"))));
        request.theme = *theme;
        return request;
    }

    // One offscreen panel per spec, laid out at `size` and drawn from the store over [fromMs, toMs].
    std::vector<std::unique_ptr<ChartPanel>> renderPanels(
        const DashboardSpec& dashboard, const TimeSeriesStore& store, QSize size, qint64 fromMs, qint64 toMs)
    {
        std::vector<std::unique_ptr<ChartPanel>> panels;
        for (const PanelSpec& spec : dashboard.panels) {
            panels.push_back(std::make_unique<ChartPanel>(spec));
            panels.back()->setAttribute(Qt::WA_DontShowOnScreen);
            panels.back()->resize(size);
            panels.back()->show();
        }
        // Twice: the first refresh lays the chart out, the second decimates to its final plot width.
        for (int pass = 0; pass < 2; ++pass) {
            QCoreApplication::processEvents();
            for (const auto& panel : panels)
                panel->refresh(store, fromMs, toMs);
        }
        QCoreApplication::processEvents();
        return panels;
    }
}

int runSnapshotCommand(const QStringList& arguments)
{
    quietOffscreenMessages();
    QTextStream out(stdout);
    QTextStream err(stderr);
    int exitCode = 0;
    std::optional<SnapshotRequest> request = parseSnapshotCommandLine(arguments, out, err, &exitCode);
    if (!request)
        return exitCode;
    applyApplicationTheme(request->theme);
    const DashboardSpec& dashboard = request->options.dashboard;
    const std::optional<qint64>& rangeMs = request->rangeMs;
    const std::optional<qint64>& fromMs = request->fromMs;

    // Run the dashboard's sources and collect live data.
    GuiSession session(request->options);
    QString error;
    if (!session.start(&error)) {
        err << "perfdash snapshot: " << error << "\n";
        return 1;
    }
    // Every problem is reported and fails the exit code, but what did arrive is still written.
    QStringList problems = collectStreams(session, request->waitSeconds);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 to = request->toMs.value_or(now);
    qint64 from = fromMs.value_or(to - rangeMs.value_or(dashboard.timeRangeMs));
    if (from >= to) {
        err << "perfdash snapshot: the range is empty: --from must be before --to\n";
        return 2;
    }
    if (!rangeMs && !fromMs) {
        // A fresh session holds only the last few seconds; a mostly empty chart would look broken.
        if (const auto first = firstDataAfter(session.store(), dashboard, from, to)) {
            // A whole number of seconds, so the time axis can put its ticks on whole seconds.
            from = std::max(from, to - (to - *first + 999) / 1000 * 1000);
        }
    }

    const std::vector<std::unique_ptr<ChartPanel>> owned
        = renderPanels(dashboard, session.store(), request->panelSize, from, to);
    QList<ChartPanel*> panels;
    for (const auto& panel : owned)
        panels << panel.get();
    const bool hasQueries = std::any_of(
        panels.cbegin(), panels.cend(), [](const ChartPanel* panel) { return !panel->spec().query.isEmpty(); });
    if (hasQueries) {
        // PromQL panels show the range asked for (or the dashboard's), not only where the streams' data starts.
        const qint64 queryFrom = fromMs.value_or(to - rangeMs.value_or(dashboard.timeRangeMs));
        problems << answerQueries(session, dashboard, panels, queryFrom, to, qint64(request->waitSeconds * 1000));
        QCoreApplication::processEvents();
    }

    bool written = false;
    const QString& outPath = request->outPath;
    if (request->bundle)
        written = ChartExporter::exportBundle(dashboard, panels, outPath, request->scale, &error, { {}, {}, problems });
    else if (panels.size() == 1)
        written = ChartExporter::exportPanel(panels.first(), outPath, request->scale, &error);
    else
        written = ChartExporter::exportDashboard(
            dashboard, panels, outPath, request->scale, request->pdfOnePanelPerPage, &error);
    if (!written) {
        err << "perfdash snapshot: " << error << "\n";
        return 1;
    }
    out << "perfdash snapshot: wrote " << outPath << " (" << panels.size()
        << (panels.size() == 1 ? " panel, " : " panels, ") << utcText(from) << " – " << utcText(to) << ")\n";
    for (const QString& problem : std::as_const(problems))
        err << "perfdash snapshot: " << problem << "\n";
    if (!problems.isEmpty()) {
        err << "perfdash snapshot: " << problems.size() << (problems.size() == 1 ? " problem" : " problems")
            << "; what did arrive was written\n";
        return 1;
    }
    return 0;
}

} // namespace perfdash
