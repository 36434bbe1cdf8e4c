#include "HistoryCommand.h"

#include "RunHistoryFiles.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace perfdash {

int runHistoryCommand(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Charts each metric of a component's profiling runs across time (run files, for example CI artifacts, "
        "one per commit) and finds change points by E-divisive means with a permutation test. Exit 1 when the "
        "latest segment of a metric is a significant regression, 0 otherwise, 2 on errors."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("FILES"), QStringLiteral("Run files (perfdash profile --out), or folders of them."));
    const ChangePointOptions defaults;
    parser.addOption({ QStringLiteral("min-segment"),
        QStringLiteral("Fewest runs on either side of a change point (default %1).").arg(defaults.minSegment),
        QStringLiteral("N"), QString::number(defaults.minSegment) });
    parser.addOption({ QStringLiteral("p-value"),
        QStringLiteral("Largest permutation p-value a change point may have (default %1).").arg(defaults.maxPValue),
        QStringLiteral("P"), QString::number(defaults.maxPValue) });
    parser.addOption({ QStringLiteral("min-change"),
        QStringLiteral("Ignore changes smaller than this many percent of the level before (default 0)."),
        QStringLiteral("PCT"), QStringLiteral("0") });
    QStringList argv = arguments;
    argv.removeAt(1); // the "history" word
    if (!parser.parse(argv)) {
        err << "perfdash history: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }

    ChangePointOptions options;
    bool ok = false;
    options.minSegment = parser.value(QStringLiteral("min-segment")).toInt(&ok);
    if (!ok || options.minSegment < 2 || options.minSegment > 1000) {
        err << "perfdash history: --min-segment takes a whole number from 2 to 1000, not \""
            << parser.value(QStringLiteral("min-segment")) << "\"\n";
        return 2;
    }
    options.maxPValue = parser.value(QStringLiteral("p-value")).toDouble(&ok);
    // 499 permutations cannot show a p-value below 1/500.
    const double smallestP = 1.0 / (options.permutations + 1);
    if (!ok || !(options.maxPValue >= smallestP && options.maxPValue < 1)) {
        err << "perfdash history: --p-value takes a number from " << smallestP << " to below 1, not \""
            << parser.value(QStringLiteral("p-value")) << "\"\n";
        return 2;
    }
    const double minChangePercent = parser.value(QStringLiteral("min-change")).toDouble(&ok);
    if (!ok || !(minChangePercent >= 0 && minChangePercent <= 1e6)) {
        err << "perfdash history: --min-change takes a percentage from 0 up, not \""
            << parser.value(QStringLiteral("min-change")) << "\"\n";
        return 2;
    }
    options.minRelativeChange = minChangePercent / 100;

    if (parser.positionalArguments().isEmpty()) {
        err << "perfdash history: name the run files, or a folder of them\n";
        return 2;
    }
    QString error;
    auto runs = readHistoryRuns(parser.positionalArguments(), &error);
    if (!runs) {
        err << "perfdash history: " << error << '\n';
        return 2;
    }
    const auto history = RunHistory::analyse(std::move(*runs), options, &error);
    if (!history) {
        err << "perfdash history: " << error << '\n';
        return 2;
    }
    out << history->toText();
    return history->hasRegression() ? 1 : 0;
}

} // namespace perfdash
