#include "CompareWindowsCommand.h"

#include "AnnotationLog.h"
#include "DashboardFile.h"
#include "DemoDeployOption.h"
#include "Duration.h"
#include "GuiSession.h"
#include "LocalSourceResolution.h"
#include "OffscreenMessages.h"
#include "PanelChoice.h"
#include "QueryWindowValues.h"
#include "StreamCollection.h"
#include "StreamWindowValues.h"
#include "WindowComparisonBundle.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>
#include <optional>

namespace perfdash {

namespace {
    constexpr double defaultWaitSeconds = 300;

    struct CompareWindowsRequest {
        DashboardSpec dashboard;
        std::optional<WindowPair> windows; // nullopt with --around-annotation until the annotation is found
        QString annotationTag;
        qint64 widthMs = 30 * 60 * 1000;
        QString outDirectory;
        WindowComparisonSettings settings;
        double waitSeconds = defaultWaitSeconds;
        qint64 demoDeployAfterMs = 0; // the embedded demo's deploy, for a demo: dashboard
    };

    // The latest annotation tagged `tag` (the dashboard file's notes for now), as windows of `widthMs` around it.
    std::optional<WindowPair> windowsAroundLatest(
        const QList<Annotation>& annotations, const QString& tag, qint64 widthMs)
    {
        const Annotation* latest = nullptr;
        for (const Annotation& annotation : annotations) {
            if (annotation.hasTag(tag) && (!latest || annotation.timeMs > latest->timeMs))
                latest = &annotation;
        }
        if (!latest)
            return std::nullopt;
        return windowsAroundAnnotation(latest->timeMs, latest->endMs, widthMs);
    }

    // Reads and checks the command line. Nullopt with *exitCode: 0 after --help, 2 for anything wrong (said on err).
    std::optional<CompareWindowsRequest> parseCommandLine(
        const QStringList& arguments, QTextStream& out, QTextStream& err, int* exitCode)
    {
        const auto usageError = [&](const QString& message) {
            err << "perfdash compare-windows: " << message << "\n";
            *exitCode = 2;
            return std::nullopt;
        };
        QCommandLineParser parser;
        parser.setApplicationDescription(QStringLiteral(
            "Compares every panel of a dashboard between two time windows (before and after a deploy): medians, "
            "Mann–Whitney U on block means (for autocorrelated samples), Holm-corrected over all series. Exit 1 on a "
            "significant regression on any panel, 0 otherwise, 2 on errors."));
        parser.addHelpOption();
        parser.addOption(
            { QStringLiteral("dashboard"), QStringLiteral("The dashboard file."), QStringLiteral("FILE") });
        parser.addOption({ QStringLiteral("before"),
            QStringLiteral("The window before: FROM..TO, each ISO 8601 (UTC unless it says), unix ms, now or -2h."),
            QStringLiteral("FROM..TO") });
        parser.addOption(
            { QStringLiteral("after"), QStringLiteral("The window after, as --before."), QStringLiteral("FROM..TO") });
        parser.addOption({ QStringLiteral("around-annotation"),
            QStringLiteral("Instead of --before/--after: --width before the latest annotation with this tag starts, "
                           "and --width after it ends."),
            QStringLiteral("TAG") });
        parser.addOption({ QStringLiteral("width"), QStringLiteral("With --around-annotation: each window's width."),
            QStringLiteral("DURATION"), QStringLiteral("30m") });
        parser.addOption(
            { QStringLiteral("panel"), QStringLiteral("Only the panel with this title."), QStringLiteral("TITLE") });
        parser.addOption({ QStringLiteral("out"),
            QStringLiteral("Also write a bundle to this folder: manifest.json and a CSV per panel."),
            QStringLiteral("DIR") });
        parser.addOption({ QStringLiteral("alpha"), QStringLiteral("Significance level (default 0.05)."),
            QStringLiteral("A"), QStringLiteral("0.05") });
        parser.addOption({ QStringLiteral("wait"),
            QStringLiteral("Stream panels: the longest to wait for the after window to end (default 300)."),
            QStringLiteral("SECONDS"), QString::number(defaultWaitSeconds) });
        addDemoDeployOption(parser);
        QStringList argv = arguments;
        argv.removeAt(1); // the "compare-windows" word
        if (!parser.parse(argv))
            return usageError(parser.errorText());
        if (parser.isSet(QStringLiteral("help"))) {
            QString help = parser.helpText();
            help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: perfdash compare-windows [options]"));
            out << help;
            *exitCode = 0;
            return std::nullopt;
        }
        if (!parser.positionalArguments().isEmpty())
            return usageError(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));

        CompareWindowsRequest request;
        bool ok = false;
        request.settings.alpha = parser.value(QStringLiteral("alpha")).toDouble(&ok);
        if (!ok || !(request.settings.alpha > 0 && request.settings.alpha < 1))
            return usageError(QStringLiteral("--alpha takes a number between 0 and 1, not \"%1\"")
                                  .arg(parser.value(QStringLiteral("alpha"))));
        request.waitSeconds = parser.value(QStringLiteral("wait")).toDouble(&ok);
        if (!ok || request.waitSeconds < 0 || request.waitSeconds > 24 * 3600)
            return usageError(QStringLiteral("--wait must be a number of seconds from 0 to 86400"));

        const bool around = parser.isSet(QStringLiteral("around-annotation"));
        const bool explicitWindows = parser.isSet(QStringLiteral("before")) || parser.isSet(QStringLiteral("after"));
        if (around == explicitWindows)
            return usageError(QStringLiteral("give either --before FROM..TO and --after FROM..TO, or "
                                             "--around-annotation TAG"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (explicitWindows) {
            QString error;
            std::optional<TimeWindow> windows[2];
            const QString names[2] = { QStringLiteral("before"), QStringLiteral("after") };
            for (int side = 0; side < 2; ++side) {
                if (!parser.isSet(names[side]))
                    return usageError(QStringLiteral("--%1 FROM..TO is missing").arg(names[side]));
                windows[side]
                    = TimeWindowSpec::parse(QStringLiteral("--") + names[side], parser.value(names[side]), now, &error);
                if (!windows[side])
                    return usageError(error);
            }
            request.windows = WindowPair { *windows[0], *windows[1] };
        } else {
            request.annotationTag = parser.value(QStringLiteral("around-annotation"));
            const auto width = parseDuration(parser.value(QStringLiteral("width")));
            if (!width || *width <= 0)
                return usageError(QStringLiteral("--width must be a duration like 30m or 1h, not \"%1\"")
                                      .arg(parser.value(QStringLiteral("width"))));
            request.widthMs = *width;
        }

        if (!parser.isSet(QStringLiteral("dashboard")))
            return usageError(QStringLiteral("--dashboard FILE is required"));
        const DashboardLoadResult loaded = DashboardFile::loadFile(parser.value(QStringLiteral("dashboard")));
        if (!loaded.dashboard)
            return usageError(loaded.error);
        request.dashboard = *loaded.dashboard;
        if (parser.isSet(QStringLiteral("panel"))) {
            QString error;
            if (!keepOnlyPanel(request.dashboard, parser.value(QStringLiteral("panel")), &error))
                return usageError(error);
        }
        if (request.dashboard.panels.isEmpty())
            return usageError(QStringLiteral("the dashboard \"%1\" has no panels").arg(request.dashboard.name));
        if (around) {
            // The dashboard file's notes first; else the streams' annotations, once they run.
            request.windows
                = windowsAroundLatest(request.dashboard.annotations, request.annotationTag, request.widthMs);
            const bool anyStream = std::any_of(request.dashboard.panels.cbegin(), request.dashboard.panels.cend(),
                [](const PanelSpec& panel) { return panel.query.isEmpty(); });
            if (!request.windows && !anyStream && request.dashboard.annotationQueries.isEmpty())
                return usageError(QStringLiteral("the dashboard has no annotation tagged \"%1\", and no stream or "
                                                 "annotation query that could mark one")
                                      .arg(request.annotationTag));
        }
        request.outDirectory = parser.value(QStringLiteral("out"));
        if (QString error; !readDemoDeployOption(parser, &request.demoDeployAfterMs, &error))
            return usageError(error);
        // The demo's deploy comes first, then the after window: the default wait covers both.
        if (request.demoDeployAfterMs > 0 && !parser.isSet(QStringLiteral("wait")))
            request.waitSeconds = std::max(
                request.waitSeconds, double(request.demoDeployAfterMs + request.widthMs) / 1000.0 + 60.0);
        return request;
    }

    // Stream panels: runs the dashboard's streams until the after window has ended (at most --wait), then reads
    // both windows from the store. With --around-annotation and no such note in the file, the windows come from
    // the first annotation with the tag that a stream sends (a deploy), waited for within the same --wait.
    // Windows outside what this run collected have no samples (said by the caller).
    // Panels that need this run's own session: stream panels (the dashboard's streams, or the embedded demo),
    // PromQL panels on "local:" (the app's own Prometheus, scraping the demo), and annotations still to
    // find. The session runs until the after window has ended (at most --wait); with --around-annotation
    // the windows come from the latest annotation with the tag that a stream or an annotation query marks.
    QStringList collectInSession(const CompareWindowsRequest& request, const QList<PanelSpec>& streamPanels,
        const QList<PanelSpec>& queryPanels, std::optional<WindowPair>* windows, QList<PanelWindowPoints>* collected)
    {
        const qint64 waitMs = qint64(request.waitSeconds * 1000);
        const auto untilEnd = [&] { return (*windows)->after.toMs - QDateTime::currentMSecsSinceEpoch(); };
        const auto tooLate = [&] {
            return QStringLiteral("the after window %1 ends in %2 s, after --wait %3 s: this run collects its "
                                  "stream and local panels itself, so the window must end within the wait (give a "
                                  "longer --wait)")
                .arg(windowText((*windows)->after))
                .arg(untilEnd() / 1000)
                .arg(request.waitSeconds);
        };
        if (*windows && untilEnd() > waitMs)
            return { tooLate() };
        GuiOptions options;
        options.dashboard = request.dashboard;
        options.demoDeployAfterMs = request.demoDeployAfterMs;
        GuiSession session(options);
        QString error;
        if (!session.start(&error))
            return { error };
        const AnnotationLog& annotations = session.annotations();
        QElapsedTimer clock;
        clock.start();
        if (!*windows) {
            waitFor(clock, waitMs, [&] {
                *windows = windowsAroundLatest(annotations.all(), request.annotationTag, request.widthMs);
                return windows->has_value();
            });
            if (!*windows) {
                session.stopStreams();
                return { QStringLiteral("no annotation tagged \"%1\" arrived within --wait %2 s")
                             .arg(request.annotationTag)
                             .arg(request.waitSeconds) };
            }
            if (untilEnd() > waitMs - clock.elapsed()) {
                session.stopStreams();
                return { tooLate() };
            }
        }
        waitFor(clock, waitMs, [&] { return untilEnd() <= 0; });
        QStringList problems
            = streamPanels.isEmpty() ? QStringList() : silentStreams(session, double(clock.elapsed()) / 1000.0);
        session.stopStreams();
        for (const PanelSpec& spec : streamPanels)
            *collected << storeWindowValues(session.store(), spec, **windows);
        if (!queryPanels.isEmpty()) {
            // "local:" becomes the session's own Prometheus, which must still run while it is asked.
            const ResolvedSources resolved = resolveLocalSources(session, request.dashboard, clock, waitMs);
            DashboardSpec answering = request.dashboard;
            answering.sources = resolved.sources;
            QList<PanelSpec> askable;
            for (const PanelSpec& spec : queryPanels) {
                if (resolved.failures.contains(spec.sourceId))
                    problems
                        << QStringLiteral("panel \"%1\": %2").arg(spec.title, resolved.failures.value(spec.sourceId));
                else
                    askable << spec;
            }
            QueryWindowValues answered = queryWindowValues(answering, askable, **windows);
            *collected << answered.panels;
            problems << answered.errors;
        }
        return problems;
    }

    bool hasRegression(const WindowComparison& comparison)
    {
        for (const PanelWindowComparison& panel : comparison.panels()) {
            for (const SeriesWindowComparison& series : panel.series) {
                if (series.regressed)
                    return true;
            }
        }
        return false;
    }
}

int runCompareWindowsCommand(const QStringList& arguments)
{
    quietOffscreenMessages();
    QTextStream out(stdout);
    QTextStream err(stderr);
    int exitCode = 0;
    const std::optional<CompareWindowsRequest> request = parseCommandLine(arguments, out, err, &exitCode);
    if (!request)
        return exitCode;
    std::optional<WindowPair> found = request->windows;

    QList<PanelSpec> queryPanels;
    QList<PanelSpec> streamPanels;
    for (const PanelSpec& panel : request->dashboard.panels)
        (panel.query.isEmpty() ? streamPanels : queryPanels) << panel;
    QList<PanelWindowPoints> collected;
    QStringList errors;
    const bool usesLocal = std::any_of(request->dashboard.sources.cbegin(), request->dashboard.sources.cend(),
        [](const DataSourceSpec& source) { return source.url == appPrometheusUrl(); });
    if (!streamPanels.isEmpty() || usesLocal || !found) {
        errors << collectInSession(*request, streamPanels, queryPanels, &found, &collected);
    } else if (!queryPanels.isEmpty()) {
        QueryWindowValues answered = queryWindowValues(request->dashboard, queryPanels, *found);
        collected << answered.panels;
        errors << answered.errors;
    }
    const WindowPair windows = found.value_or(WindowPair {});
    if (errors.isEmpty())
        errors << missingWindowData(collected, windows);
    if (!errors.isEmpty()) {
        for (const QString& error : std::as_const(errors))
            err << "perfdash compare-windows: " << error << "\n";
        return 2;
    }

    // In the dashboard's order, whatever kind each panel is.
    QList<PanelWindowPoints> ordered;
    QList<PanelWindowValues> values;
    for (const PanelSpec& spec : request->dashboard.panels) {
        for (const PanelWindowPoints& panel : std::as_const(collected)) {
            if (panel.spec == spec) {
                ordered << panel;
                values << panel.values();
                break;
            }
        }
    }
    const WindowComparison comparison
        = WindowComparison::compare(values, windows.before, windows.after, request->settings);
    out << QStringLiteral("%1: before %2 → after %3\n")
               .arg(request->dashboard.name, windowText(windows.before), windowText(windows.after));
    out << comparison.toText();
    if (!request->outDirectory.isEmpty()) {
        QString error;
        if (!writeWindowComparisonBundle(request->outDirectory, request->dashboard.name, ordered, comparison, &error)) {
            err << "perfdash compare-windows: " << error << "\n";
            return 2;
        }
        out << "wrote " << QDir::toNativeSeparators(request->outDirectory) << "\n";
    }
    return hasRegression(comparison) ? 1 : 0;
}

} // namespace perfdash
