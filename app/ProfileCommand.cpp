#include "ProfileCommand.h"

#include "InterruptRequest.h"
#include "MetricsAuthOptions.h"
#include "ProfileEngine.h"
#include "ProfileMetric.h"
#include "ProfileParameter.h"
#include "ProfileRunFile.h"
#include "ProfilingMetrics.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <cmath>
#include <optional>

namespace perfdash {

namespace {

    QString parameterList(const QString& component)
    {
        QString text = QStringLiteral("%1: %2\n").arg(component, ProfileParameter::componentDescription(component));
        for (const ProfileParameter& parameter : ProfileParameter::forComponent(component)) {
            QString range = QStringLiteral("%1..%2").arg(parameter.minimum).arg(parameter.maximum);
            if (parameter.kind == ProfileParameter::Kind::Choice)
                range = parameter.choices.join(u'|');
            else if (parameter.kind == ProfileParameter::Kind::Text)
                range = QStringLiteral("text");
            text += QStringLiteral("  %1 = %2  (%3) %4\n")
                        .arg(parameter.name.leftJustified(16), parameter.defaultValue.leftJustified(8), range,
                            parameter.help);
        }
        return text;
    }
}

int runProfileCommand(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a profiling session of a bundled component headless and writes the result as JSON.\n"
        "Components: cache, limiter, retry, pool. `perfdash profile --component cache --list` shows the parameters."));
    parser.addHelpOption();
    parser.addOption(
        { QStringLiteral("component"), QStringLiteral("cache, limiter, retry or pool."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("set"), QStringLiteral("Set a workload parameter (repeatable)."),
        QStringLiteral("key=value") });
    parser.addOption(
        { QStringLiteral("repetitions"), QStringLiteral("Repetitions (default 10; compare warns below 9)."),
            QStringLiteral("N"), QStringLiteral("10") });
    parser.addOption(
        { QStringLiteral("out"), QStringLiteral("Write the JSON result to this file."), QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("metrics-port"),
        QStringLiteral("Serve the components' Prometheus metrics on 127.0.0.1:N during the run (0: a free port)."),
        QStringLiteral("N") });
    addMetricsAuthOptions(parser);
    parser.addOption({ QStringLiteral("list"), QStringLiteral("List the component's parameters and defaults.") });
    QStringList argv = arguments;
    argv.removeAt(1); // the "profile" word
    if (!parser.parse(argv)) {
        err << "perfdash profile: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << "perfdash profile: unexpected argument \"" << parser.positionalArguments().first() << "\"\n";
        return 2;
    }
    const QString component = parser.value(QStringLiteral("component"));
    if (!ProfileParameter::components().contains(component)) {
        err << "perfdash profile: --component must be one of "
            << ProfileParameter::components().join(QStringLiteral(", "))
            << (component.isEmpty() ? QStringLiteral("") : QStringLiteral(", not \"%1\"").arg(component)) << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("list"))) {
        out << parameterList(component);
        return 0;
    }
    QString error;
    const auto overrides = ProfileSettings::parseAssignments(parser.values(QStringLiteral("set")), &error);
    const auto settings = overrides ? ProfileSettings::make(component, *overrides, &error) : std::nullopt;
    if (!settings) {
        err << "perfdash profile: " << error << '\n';
        return 2;
    }
    bool repetitionsOk = false;
    const int repetitions = parser.value(QStringLiteral("repetitions")).toInt(&repetitionsOk);
    if (!repetitionsOk || repetitions < 1 || repetitions > 10'000) {
        err << "perfdash profile: --repetitions takes a whole number from 1 to 10000, not \""
            << parser.value(QStringLiteral("repetitions")) << "\"\n";
        return 2;
    }

    std::optional<MetricsBasicAuth> metricsAuth;
    if (!readMetricsAuthOptions(parser, &metricsAuth, &error)) {
        err << "perfdash profile: " << error << '\n';
        return 2;
    }
    if (metricsAuth && !parser.isSet(QStringLiteral("metrics-port"))) {
        err << "perfdash profile: --metrics-user needs --metrics-port (there is no /metrics to protect)\n";
        return 2;
    }
    ProfilingMetrics metrics;
    if (parser.isSet(QStringLiteral("metrics-port"))) {
        bool portOk = false;
        const uint port = parser.value(QStringLiteral("metrics-port")).toUInt(&portOk);
        if (!portOk || port > 65535) {
            err << "perfdash profile: --metrics-port takes a port number 0-65535\n";
            return 2;
        }
        if (!metrics.expose(quint16(port), &error, metricsAuth ? &*metricsAuth : nullptr)) {
            err << "perfdash profile: " << error << '\n';
            return 1;
        }
        err << "metrics: http://127.0.0.1:" << metrics.port() << "/metrics\n";
        if (metricsAuth)
            err << "metrics auth: basic, user " << QString::fromStdString(metricsAuth->user()) << '\n';
        err.flush();
    }

    std::optional<InterruptRequest> interrupt(std::in_place); // released before the results are written
    err << "perfdash profile: " << component << ", " << repetitions << " repetitions\n";
    err.flush();
    ProfileEngine::Callbacks callbacks;
    callbacks.repetitionFinished = [&](const RepetitionResult& result) {
        err << QStringLiteral("  repetition %1/%2 done in %3 ms\n")
                   .arg(result.index + 1)
                   .arg(repetitions)
                   .arg(result.durationMs, 0, 'f', 0);
        err.flush();
    };
    const ProfileRun run = ProfileEngine(&metrics).run(*settings, repetitions, interrupt->flag(), callbacks);
    interrupt.reset();
    if (!run.error.isEmpty()) {
        err << "perfdash profile: " << run.error << '\n';
        return 2;
    }

    for (const QString& note : run.notes)
        err << "perfdash profile: note: " << note << '\n';
    out << QStringLiteral("%1 (median of %2 repetitions)\n").arg(component).arg(run.repetitions.size());
    for (const QString& name : run.metricNames()) {
        const ProfileMetric* metric = ProfileMetric::find(name);
        const double median = run.median(name);
        out << "  " << metric->label.leftJustified(40) << QString::number(median, 'g', 6) << ' ' << metric->unit
            << '\n';
    }
    if (parser.isSet(QStringLiteral("out"))) {
        const QString path = parser.value(QStringLiteral("out"));
        if (QString error; !writeProfileRunFile(run, path, &error)) {
            err << "perfdash profile: " << error << '\n';
            return 1;
        }
        err << "wrote " << path << '\n';
    }
    if (run.cancelled) {
        err << "perfdash profile: interrupted after " << run.repetitions.size() << " repetitions\n";
        return 1;
    }
    return 0;
}

} // namespace perfdash
