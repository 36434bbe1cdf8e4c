#include "DemoServerCommand.h"

#include "DemoDeployOption.h"
#include "DemoServer.h"
#include "Duration.h"
#include "MetricsAuthOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>
#include <csignal>

namespace perfdash {

namespace {
    std::optional<quint16> parsePort(const QString& text)
    {
        bool ok = false;
        const uint port = text.toUInt(&ok);
        if (!ok || port > 65535)
            return std::nullopt;
        return quint16(port);
    }

    volatile std::sig_atomic_t stopRequested = 0;

    // Only a flag is async-signal-safe; a timer turns it into a clean quit (so the exposer unbinds).
    void requestStop(int)
    {
        stopRequested = 1;
    }
}

int runDemoServerCommand(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the embedded demo of the seed team's system on 127.0.0.1: a WebSocket stream (JSON v1) and "
        "Prometheus metrics. A port left out is chosen free and printed."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("ws-port"), QStringLiteral("WebSocket stream port (default: a free one)."),
        QStringLiteral("N"), QStringLiteral("0") });
    parser.addOption({ QStringLiteral("metrics-port"), QStringLiteral("Prometheus /metrics port (default: a free one)."),
        QStringLiteral("N"), QStringLiteral("0") });
    addMetricsAuthOptions(parser);
    parser.addOption({ QStringLiteral("scenario"),
        QStringLiteral("baseline (the seed's current numbers) or optimized (meets the targets)."),
        QStringLiteral("NAME"), QStringLiteral("baseline") });
    parser.addOption({ QStringLiteral("tick-ms"), QStringLiteral("Simulation and stream interval in ms (default 250)."),
        QStringLiteral("MS"), QStringLiteral("250") });
    parser.addOption({ QStringLiteral("malformed-every"),
        QStringLiteral("Also send one malformed message every N ticks, to show error handling (default 0: never)."),
        QStringLiteral("N"), QStringLiteral("0") });
    addDemoDeployOption(parser);
    QStringList argv = arguments;
    argv.removeAt(1); // the "demo-server" word
    parser.process(argv);

    DemoServerOptions options;
    const auto streamPort = parsePort(parser.value(QStringLiteral("ws-port")));
    const auto metricsPort = parsePort(parser.value(QStringLiteral("metrics-port")));
    const auto scenario = parseDemoScenario(parser.value(QStringLiteral("scenario")));
    bool tickOk = false;
    bool malformedOk = false;
    options.tickMs = parser.value(QStringLiteral("tick-ms")).toInt(&tickOk);
    options.malformedEvery = parser.value(QStringLiteral("malformed-every")).toInt(&malformedOk);
    if (!streamPort || !metricsPort) {
        err << "perfdash demo-server: --ws-port and --metrics-port take a port number 0-65535\n";
        return 2;
    }
    if (!scenario) {
        err << "perfdash demo-server: --scenario must be baseline or optimized, not \""
            << parser.value(QStringLiteral("scenario")) << "\"\n";
        return 2;
    }
    if (!tickOk || options.tickMs < 10 || !malformedOk || options.malformedEvery < 0) {
        err << "perfdash demo-server: --tick-ms takes a whole number of at least 10, --malformed-every one of 0 or more\n";
        return 2;
    }
    options.streamPort = *streamPort;
    options.metricsPort = *metricsPort;
    options.scenario = *scenario;
    if (QString authError; !readMetricsAuthOptions(parser, &options.metricsAuth, &authError)) {
        err << "perfdash demo-server: " << authError << '\n';
        return 2;
    }
    if (QString deployError; !readDemoDeployOption(parser, &options.deployAfterMs, &deployError)) {
        err << "perfdash demo-server: " << deployError << '\n';
        return 2;
    }

    DemoServer server(options);
    QString error;
    if (!server.start(&error)) {
        err << "perfdash demo-server: " << error << '\n';
        return 1;
    }
    // Tests and scripts read these lines to find the ports.
    out << "perfdash demo-server: scenario " << demoScenarioName(options.scenario) << '\n'
        << "stream: " << server.streamUrl().toString() << '\n'
        << "metrics: " << server.metricsUrl().toString() << '\n';
    if (options.deployAfterMs > 0)
        out << "deploy: to optimized after " << formatDuration(options.deployAfterMs) << '\n';
    if (options.metricsAuth)
        out << "metrics auth: basic, user " << QString::fromStdString(options.metricsAuth->user()) << '\n';
    out.flush();

    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, [] {
        if (stopRequested)
            QCoreApplication::quit();
    });
    stopPoll.start(100);
    return QCoreApplication::exec();
}

} // namespace perfdash
