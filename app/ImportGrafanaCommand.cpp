#include "ImportGrafanaCommand.h"

#include "DashboardFile.h"
#include "DataSourceValidation.h"
#include "GrafanaImport.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

namespace perfdash {

int runImportGrafanaCommand(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Converts a Grafana dashboard (JSON, schema 16 and later) into a perfdash dashboard file: its "
        "Prometheus panels, thresholds, rows and variables. Prints what could not be mapped, by panel."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("IN.json"), QStringLiteral("The Grafana dashboard JSON."));
    parser.addOption({ QStringLiteral("out"), QStringLiteral("The perfdash dashboard to write (NAME.perfdash.json)."),
        QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("prometheus"),
        QStringLiteral("The Prometheus server the panels query (default local:, the app's own)."),
        QStringLiteral("URL"), QStringLiteral("local:") });
    parser.addOption({ QStringLiteral("no-targets"),
        QStringLiteral("Do not take the first red threshold step as a panel's target.") });
    parser.addOption({ QStringLiteral("force"), QStringLiteral("Overwrite --out if it exists.") });
    QStringList argv = arguments;
    argv.removeAt(1); // the "import-grafana" word
    if (!parser.parse(argv)) {
        err << "perfdash import-grafana: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        err << "perfdash import-grafana: expected one Grafana dashboard file; got " << files.size() << '\n';
        return 2;
    }
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty()) {
        err << "perfdash import-grafana: --out FILE is required (NAME" << DashboardFile::suffix() << ")\n";
        return 2;
    }
    if (QFileInfo::exists(outPath) && !parser.isSet(QStringLiteral("force"))) {
        err << "perfdash import-grafana: --out " << outPath << " exists; give --force to overwrite it\n";
        return 2;
    }
    GrafanaImportOptions options;
    const QString urlText = parser.value(QStringLiteral("prometheus"));
    options.prometheusUrl = QUrl(urlText, QUrl::StrictMode);
    if (const QString problem
        = urlProblem(DataSourceKind::Prometheus, options.prometheusUrl, urlText, UrlPlaceholders::Allowed);
        !problem.isEmpty()) {
        err << "perfdash import-grafana: --prometheus: " << problem << '\n';
        return 2;
    }
    options.targetFromRedStep = !parser.isSet(QStringLiteral("no-targets"));
    const GrafanaImportResult result = importGrafanaDashboardFile(files[0], options);
    if (!result.dashboard) {
        err << "perfdash import-grafana: " << result.error << '\n';
        return 2;
    }
    QString error;
    if (!DashboardFile::save(*result.dashboard, outPath, &error)) {
        err << "perfdash import-grafana: " << error << '\n';
        return 2;
    }
    out << result.report() << "\nWrote " << outPath << '\n';
    return 0;
}

} // namespace perfdash
