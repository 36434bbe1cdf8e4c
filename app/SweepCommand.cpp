#include "SweepCommand.h"

#include "AtomicFileWrite.h"
#include "InterruptRequest.h"
#include "ProfilingMetrics.h"
#include "SweepEngine.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>
#include <optional>

namespace perfdash {

int runSweepCommand(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a bundled component at each value of one parameter, with repetitions, and prints each metric's "
        "median and interquartile range per value; for a cache, also the miss-ratio curve against LRU and "
        "Bélády's optimum on the same trace; for a pool, the knee of the throughput curve."));
    parser.addHelpOption();
    parser.addOption(
        { QStringLiteral("component"), QStringLiteral("cache, limiter, retry or pool."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("sweep"),
        QStringLiteral("The parameter and its range: NAME=FROM..TO[:lin|log[:POINTS]] (8 points by default)."),
        QStringLiteral("SPEC") });
    parser.addOption({ QStringLiteral("series"),
        QStringLiteral("One curve per value of a choice parameter: policy=lru,tinylfu,sieve,s3fifo."),
        QStringLiteral("CHOICE=A,B") });
    parser.addOption({ QStringLiteral("set"),
        QStringLiteral("Another parameter, fixed for the whole sweep (repeatable)."), QStringLiteral("NAME=VALUE") });
    parser.addOption({ QStringLiteral("repetitions"), QStringLiteral("Repetitions per point (default 5)."),
        QStringLiteral("N"), QStringLiteral("5") });
    parser.addOption({ QStringLiteral("out"), QStringLiteral("Write the sweep as JSON (perfdash-sweep, version 1)."),
        QStringLiteral("FILE") });
    parser.addOption(
        { QStringLiteral("csv"), QStringLiteral("Write one CSV row per point and metric."), QStringLiteral("FILE") });
    QStringList argv = arguments;
    argv.removeAt(1); // the "sweep" word
    if (!parser.parse(argv)) {
        err << "perfdash sweep: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    if (!parser.isSet(QStringLiteral("component")) || !parser.isSet(QStringLiteral("sweep"))) {
        err << "perfdash sweep: --component and --sweep are required (see perfdash sweep --help)\n";
        return 2;
    }
    const QString component = parser.value(QStringLiteral("component"));
    QString error;
    const auto overrides = ProfileSettings::parseAssignments(parser.values(QStringLiteral("set")), &error);
    const auto base = overrides ? ProfileSettings::make(component, *overrides, &error) : std::nullopt;
    const auto spec = base ? SweepSpec::parse(component, parser.value(QStringLiteral("sweep")), &error) : std::nullopt;
    std::optional<SweepSeries> series = SweepSeries {};
    if (spec && parser.isSet(QStringLiteral("series")))
        series = SweepSeries::parse(component, parser.value(QStringLiteral("series")), &error);
    if (!spec || !series) {
        err << "perfdash sweep: " << error << '\n';
        return 2;
    }
    if (series->parameter == spec->parameter) {
        err << "perfdash sweep: --series and --sweep name the same parameter\n";
        return 2;
    }
    bool ok = false;
    const int repetitions = parser.value(QStringLiteral("repetitions")).toInt(&ok);
    if (!ok || repetitions < 1 || repetitions > 1000) {
        err << "perfdash sweep: --repetitions takes a whole number from 1 to 1000, not \""
            << parser.value(QStringLiteral("repetitions")) << "\"\n";
        return 2;
    }

    const QStringList values = spec->values(component);
    const int curves = int(std::max<qsizetype>(series->values.size(), 1));
    err << "perfdash sweep: " << component << ", " << spec->parameter << " over " << values.join(u' ') << ", " << curves
        << (curves == 1 ? " curve, " : " curves, ") << repetitions << " repetitions per point\n";
    err.flush();
    ProfilingMetrics metrics;
    SweepEngine::Callbacks callbacks;
    callbacks.pointFinished = [&](const SweepResult& sofar) {
        err << QStringLiteral("  point %1/%2 done\n").arg(sofar.finishedPoints()).arg(sofar.totalPoints());
        err.flush();
    };
    std::optional<InterruptRequest> interrupt(std::in_place);
    const SweepResult result
        = SweepEngine(&metrics).run(*base, *spec, *series, repetitions, interrupt->flag(), callbacks);
    interrupt.reset();

    out << result.toText();
    for (const auto& [option, content] : { std::pair { QStringLiteral("out"), QJsonDocument(result.toJson()).toJson() },
             std::pair { QStringLiteral("csv"), result.toCsv() } }) {
        if (!parser.isSet(option))
            continue;
        const QString path = parser.value(option);
        if (!writeFileAtomically(path, content, &error)) {
            err << "perfdash sweep: " << error << '\n';
            return 2;
        }
        err << "wrote " << path << '\n';
    }
    if (!result.error.isEmpty()) {
        err << "perfdash sweep: " << result.error << '\n';
        return 2;
    }
    if (result.cancelled) {
        err << "perfdash sweep: interrupted after " << result.finishedPoints() << " of " << result.totalPoints()
            << " points\n";
        return 1;
    }
    return 0;
}

} // namespace perfdash
