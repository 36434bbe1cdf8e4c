#include "GuiCommand.h"

#include "ApplicationTheme.h"
#include "DashboardActions.h"
#include "DashboardFile.h"
#include "DataSourceValidation.h"
#include "DemoDeployOption.h"
#include "Duration.h"
#include "GuiSession.h"
#include "MainWindow.h"
#include "MetricsAuthOptions.h"
#include "ProfilingController.h"
#include "ProfilingPage.h"
#include "RunHistoryWindow.h"
#include "WindowState.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

namespace perfdash {

namespace {

    const char* const usageCommands
        = "\nCommands:\n"
          "  demo-server   Run the embedded demo system (see perfdash demo-server --help).\n"
          "  profile       Profile a bundled cache, limiter, retry or pool (see perfdash profile --help).\n"
          "  compare       Compare two profile results; exit 1 on a significant regression.\n"
          "  sweep         Profile a component over a range of one parameter (see perfdash sweep --help).\n"
          "  history       Find change points across profile results over time; exit 1 when the latest is a\n"
          "                regression (see perfdash history --help).\n"
          "  compare-windows  Compare a dashboard's panels between two time windows; exit 1 on a significant\n"
          "                regression (see perfdash compare-windows --help).\n"
          "  snapshot      Render a dashboard to PNG/SVG/PDF/CSV with no display (see perfdash snapshot --help).\n"
          "  import-grafana  Turn a Grafana dashboard JSON into a perfdash dashboard (see perfdash import-grafana\n"
          "                --help).\n";

    std::optional<qint64> parseWindow(const QString& text)
    {
        const std::pair<const char*, qint64> windows[] = { { "1m", 60'000 }, { "5m", 300'000 }, { "15m", 900'000 },
            { "1h", 3'600'000 }, { "6h", 6 * 3'600'000 }, { "24h", 24 * 3'600'000 } };
        for (const auto& [name, ms] : windows) {
            if (text == QLatin1String(name))
                return ms;
        }
        return std::nullopt;
    }

    // What `perfdash` without a command was asked for.
    struct GuiCommandLine {
        GuiOptions session;
        QString dashboardPath;
        double quitAfterSeconds = 0;
        QString screenshotPath;
        std::optional<QString> page;
        QString historyFolder;
        // Restore the last session's window and dashboard and save this one's on quit: off for timed runs
        // (--quit-after: screenshots, smoke tests), which must show the same thing every time, and --no-restore.
        bool keepSession = true;
        // --theme, else View → Theme's stored choice for a kept session, else the desktop's.
        ThemeChoice theme = ThemeChoice::System;
    };

    const QString lastDashboardKey = QStringLiteral("session/lastDashboard");

    // Every option of the GUI command, read and checked in one place. Nullopt when one is wrong; it said why on err.
    std::optional<GuiCommandLine> parseGuiCommandLine(QApplication& app, QTextStream& err)
    {
        QCommandLineParser parser;
        parser.setApplicationDescription(
            QStringLiteral("perfdash: live performance dashboards against targets.\n"
                           "Without options it starts the embedded demo system and shows the default dashboard."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption({ QStringLiteral("stream"),
            QStringLiteral("Watch this live stream (ws:// or wss://, JSON v1 or line protocol) instead of the demo."),
            QStringLiteral("URL") });
        parser.addOption({ QStringLiteral("scenario"),
            QStringLiteral("Scenario of the embedded demo: baseline (default) or optimized."), QStringLiteral("NAME"),
            QStringLiteral("baseline") });
        parser.addOption({ QStringLiteral("demo-tick-ms"),
            QStringLiteral("Interval of the embedded demo's simulation and stream in ms (default 250)."),
            QStringLiteral("MS"), QStringLiteral("250") });
        addDemoDeployOption(parser);
        parser.addOption({ QStringLiteral("metrics-port"),
            QStringLiteral("Serve the profiling components' Prometheus metrics on 127.0.0.1:N (0 = a free port; "
                           "off by default)."),
            QStringLiteral("N") });
        addMetricsAuthOptions(parser);
        parser.addOption({ QStringLiteral("retention"),
            QStringLiteral("History kept per series, e.g. 15m or 24h (default 24h)."), QStringLiteral("DURATION") });
        parser.addOption({ QStringLiteral("demo-malformed-every"),
            QStringLiteral("Let the demo send a malformed message every N ticks (shows error handling)."),
            QStringLiteral("N"), QStringLiteral("0") });
        parser.addOption({ QStringLiteral("window"),
            QStringLiteral("Visible time window: 1m, 5m, 15m, 1h, 6h or 24h (default: the dashboard's time range)."),
            QStringLiteral("W"), QStringLiteral("1m") });
        parser.addOption({ QStringLiteral("platform"),
            QStringLiteral("Qt platform plugin; offscreen runs without a display."), QStringLiteral("NAME") });
        parser.addOption({ QStringLiteral("quit-after"), QStringLiteral("Quit after this many seconds."),
            QStringLiteral("SECONDS") });
        parser.addOption({ QStringLiteral("prometheus"),
            QStringLiteral(
                "Prometheus-API server (http:// or https://) of the Prometheus page. Default: a local Prometheus "
                "that perfdash starts to scrape the embedded demo."),
            QStringLiteral("URL") });
        parser.addOption({ QStringLiteral("page"),
            QStringLiteral("Open on this page: Dashboard (default), Prometheus, Diagnostics, …"),
            QStringLiteral("NAME") });
        parser.addOption({ QStringLiteral("dashboard"),
            QStringLiteral("Open this dashboard file (see the README for the format) instead of the default."),
            QStringLiteral("FILE") });
        parser.addOption({ QStringLiteral("theme"),
            QStringLiteral("system, light or dark for this run (default: View → Theme's choice, at first system)."),
            QStringLiteral("THEME") });
        parser.addOption({ QStringLiteral("history"),
            QStringLiteral("Open Profiling → Run history on this folder of run files."), QStringLiteral("FOLDER") });
        parser.addOption({ QStringLiteral("no-restore"),
            QStringLiteral("Neither restore the last window, tab and dashboard nor remember this session's.") });
        parser.addOption({ QStringLiteral("screenshot"),
            QStringLiteral("With --quit-after: save the window as this PNG just before quitting."),
            QStringLiteral("FILE") });
        parser.process(app);
        if (!parser.positionalArguments().isEmpty()) {
            err << "perfdash: unknown command \"" << parser.positionalArguments().first() << "\"" << usageCommands;
            return std::nullopt;
        }

        GuiCommandLine line;
        line.historyFolder = parser.value(QStringLiteral("history"));
        GuiOptions& options = line.session;
        if (parser.isSet(QStringLiteral("stream"))) {
            options.streamUrl = QUrl(parser.value(QStringLiteral("stream")), QUrl::StrictMode);
            if (const QString problem = urlProblem(DataSourceKind::Stream, options.streamUrl,
                    parser.value(QStringLiteral("stream")), UrlPlaceholders::Refused);
                !problem.isEmpty()) {
                err << "perfdash: --stream: " << problem << "\n";
                return std::nullopt;
            }
        }
        const auto scenario = parseDemoScenario(parser.value(QStringLiteral("scenario")));
        if (!scenario) {
            err << "perfdash: --scenario must be baseline or optimized\n";
            return std::nullopt;
        }
        options.scenario = *scenario;
        const auto window = parseWindow(parser.value(QStringLiteral("window")));
        if (!window) {
            err << "perfdash: --window must be 1m, 5m, 15m, 1h, 6h or 24h\n";
            return std::nullopt;
        }
        if (parser.isSet(QStringLiteral("window")))
            options.windowMs = *window; // else the dashboard's own time range
        options.demoMalformedEvery = parser.value(QStringLiteral("demo-malformed-every")).toInt();
        bool tickOk = false;
        options.demoTickMs = parser.value(QStringLiteral("demo-tick-ms")).toInt(&tickOk);
        if (!tickOk || options.demoTickMs < 10) {
            err << "perfdash: --demo-tick-ms takes a whole number of milliseconds, 10 or more\n";
            return std::nullopt;
        }
        if (QString deployError; !readDemoDeployOption(parser, &options.demoDeployAfterMs, &deployError)) {
            err << "perfdash: " << deployError << '\n';
            return std::nullopt;
        }
        if (parser.isSet(QStringLiteral("metrics-port"))) {
            bool portOk = false;
            const uint port = parser.value(QStringLiteral("metrics-port")).toUInt(&portOk);
            if (!portOk || port > 65535) {
                err << "perfdash: --metrics-port takes a port number 0-65535, not \""
                    << parser.value(QStringLiteral("metrics-port")) << "\"\n";
                return std::nullopt;
            }
            options.metricsPort = int(port);
        }
        if (QString authError; !readMetricsAuthOptions(parser, &options.metricsAuth, &authError)) {
            err << "perfdash: " << authError << '\n';
            return std::nullopt;
        }
        if (parser.isSet(QStringLiteral("retention"))) {
            const auto retention = parseDuration(parser.value(QStringLiteral("retention")));
            if (!retention || *retention <= 0) {
                err << "perfdash: --retention takes a duration such as 90s, 15m, 1h or 2d, not \""
                    << parser.value(QStringLiteral("retention")) << "\"\n";
                return std::nullopt;
            }
            options.retentionMs = *retention;
        }
        line.keepSession = !parser.isSet(QStringLiteral("no-restore")) && !parser.isSet(QStringLiteral("quit-after"));
        line.theme = line.keepSession ? storedThemeChoice() : ThemeChoice::System;
        if (parser.isSet(QStringLiteral("theme"))) {
            const auto theme = themeChoiceFromName(parser.value(QStringLiteral("theme")));
            if (!theme) {
                err << "perfdash: --theme must be system, light or dark, not \""
                    << parser.value(QStringLiteral("theme")) << "\"\n";
                return std::nullopt;
            }
            line.theme = *theme;
        }
        QString dashboardPath = parser.value(QStringLiteral("dashboard"));
        if (dashboardPath.isEmpty() && line.keepSession) {
            // The dashboard open when perfdash last quit; one that is gone or broken now is said and skipped.
            const QString last = QSettings().value(lastDashboardKey).toString();
            if (!last.isEmpty()) {
                if (const DashboardLoadResult loaded = DashboardFile::loadFile(last); loaded.dashboard) {
                    options.dashboard = *loaded.dashboard;
                    dashboardPath = last;
                } else {
                    err << "perfdash: not reopening the last dashboard: " << loaded.error << '\n';
                }
            }
        } else if (!dashboardPath.isEmpty()) {
            const DashboardLoadResult loaded = DashboardFile::loadFile(dashboardPath);
            if (!loaded.dashboard) {
                err << "perfdash: " << loaded.error << '\n';
                return std::nullopt;
            }
            options.dashboard = *loaded.dashboard;
        }
        if (parser.isSet(QStringLiteral("quit-after"))) {
            bool ok = false;
            line.quitAfterSeconds = parser.value(QStringLiteral("quit-after")).toDouble(&ok);
            if (!ok || line.quitAfterSeconds <= 0) {
                err << "perfdash: --quit-after takes a positive number of seconds\n";
                return std::nullopt;
            }
        }

        if (parser.isSet(QStringLiteral("prometheus"))) {
            options.prometheusUrl = QUrl(parser.value(QStringLiteral("prometheus")), QUrl::StrictMode);
            if (const QString problem = urlProblem(DataSourceKind::Prometheus, options.prometheusUrl,
                    parser.value(QStringLiteral("prometheus")), UrlPlaceholders::Refused);
                !problem.isEmpty()) {
                err << "perfdash: --prometheus: " << problem << "\n";
                return std::nullopt;
            }
        }
        line.dashboardPath = dashboardPath;
        line.screenshotPath = parser.value(QStringLiteral("screenshot"));
        if (parser.isSet(QStringLiteral("page")))
            line.page = parser.value(QStringLiteral("page"));
        return line;
    }

} // namespace

int runGuiCommand(QApplication& app)
{
    QTextStream err(stderr);
    const std::optional<GuiCommandLine> line = parseGuiCommandLine(app, err);
    if (!line)
        return 2;
    applyApplicationTheme(line->theme); // before any widget, so every one starts in it
    GuiSession session(line->session);
    if (!line->dashboardPath.isEmpty())
        session.window()->dashboardActions()->setFilePath(line->dashboardPath);
    QString error;
    if (!session.start(&error)) {
        err << "perfdash: " << error << '\n';
        return 1;
    }
    if (line->keepSession)
        restoreWindowState(*session.window(), QSettings());
    session.window()->show();
    if (line->page) {
        const QString page = *line->page;
        QTabWidget* pages = session.window()->pages();
        int index = -1;
        for (int i = 0; i < pages->count() && index < 0; ++i) {
            if (pages->tabText(i).compare(page, Qt::CaseInsensitive) == 0)
                index = i;
        }
        if (index < 0) {
            err << "perfdash: --page: no page called \"" << page << "\"\n";
            return 2;
        }
        pages->setCurrentIndex(index);
    }
    if (!line->historyFolder.isEmpty()) {
        RunHistoryWindow* history = session.profiling()->page()->runHistoryWindow();
        if (!history->openFolder(line->historyFolder, &error)) {
            err << "perfdash: --history: " << error << '\n';
            return 2;
        }
        history->show();
    }

    int exitCode = 0;
    if (line->quitAfterSeconds > 0) {
        const QString screenshot = line->screenshotPath;
        QTimer::singleShot(int(line->quitAfterSeconds * 1000), &app, [&, screenshot] {
            if (!screenshot.isEmpty() && !session.window()->grab().save(screenshot, "PNG")) {
                err << "perfdash: cannot write screenshot " << screenshot << '\n';
                exitCode = 1;
            }
            app.quit();
        });
    }
    const int loopCode = app.exec();
    if (line->keepSession) {
        QSettings settings;
        saveWindowState(*session.window(), settings);
        // Only a dashboard with a file: an unsaved one cannot be reopened.
        settings.setValue(lastDashboardKey, session.window()->dashboardActions()->path());
    }
    return exitCode != 0 ? exitCode : loopCode;
}

} // namespace perfdash
