#include "DemoDeployOption.h"

#include "Duration.h"

#include <QCommandLineParser>

namespace perfdash {

namespace {
    const QString optionName = QStringLiteral("demo-deploy-after");
}

void addDemoDeployOption(QCommandLineParser& parser)
{
    parser.addOption({ optionName,
        QStringLiteral("After this long (e.g. 2m), the demo deploys its optimized build: the scenario switches to "
                       "optimized, the simulated process restarts and a \"deploy\" annotation marks the moment "
                       "(default: never)."),
        QStringLiteral("DURATION") });
}

bool readDemoDeployOption(const QCommandLineParser& parser, qint64* delayMs, QString* error)
{
    *delayMs = 0;
    if (!parser.isSet(optionName))
        return true;
    const QString text = parser.value(optionName);
    const auto delay = parseDuration(text);
    if (!delay) {
        *error = QStringLiteral("--%1 takes a duration such as 90s, 2m or 1h (0s: never), not \"%2\"")
                     .arg(optionName, text);
        return false;
    }
    *delayMs = *delay;
    return true;
}

} // namespace perfdash
