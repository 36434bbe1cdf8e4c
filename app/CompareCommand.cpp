#include "CompareCommand.h"

#include "ProfileRunFile.h"
#include "RunComparison.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace perfdash {

int runCompareCommand(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compares a profiling run with a baseline, metric by metric (two-sided Mann–Whitney U over the "
        "repetitions, Holm-corrected). Exit 1 when any metric regressed significantly, 0 otherwise, 2 on errors."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("BASE.json"), QStringLiteral("The baseline run."));
    parser.addPositionalArgument(QStringLiteral("NEW.json"), QStringLiteral("The run to judge."));
    parser.addOption({ QStringLiteral("alpha"), QStringLiteral("Significance level (default 0.05)."),
        QStringLiteral("A"), QStringLiteral("0.05") });
    QStringList argv = arguments;
    argv.removeAt(1); // the "compare" word
    if (!parser.parse(argv)) {
        err << "perfdash compare: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2) {
        err << "perfdash compare: expected two files, BASE.json and NEW.json; got " << files.size() << '\n';
        return 2;
    }
    bool alphaOk = false;
    const double alpha = parser.value(QStringLiteral("alpha")).toDouble(&alphaOk);
    if (!alphaOk || !(alpha > 0 && alpha < 1)) {
        err << "perfdash compare: --alpha takes a number between 0 and 1, not \""
            << parser.value(QStringLiteral("alpha")) << "\"\n";
        return 2;
    }
    QString error;
    const auto base = readProfileRunFile(files[0], &error);
    const auto candidate = base ? readProfileRunFile(files[1], &error) : std::nullopt;
    const auto comparison = candidate ? RunComparison::compare(*base, *candidate, alpha, &error) : std::nullopt;
    if (!comparison) {
        err << "perfdash compare: " << error << '\n';
        return 2;
    }
    out << QStringLiteral("%1: %2 (%3 repetitions) → %4 (%5 repetitions)\n")
               .arg(base->settings.component(), files[0])
               .arg(base->repetitions.size())
               .arg(files[1])
               .arg(candidate->repetitions.size());
    out << comparison->toText();
    return comparison->hasRegression() ? 1 : 0;
}

} // namespace perfdash
