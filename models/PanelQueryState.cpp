#include "PanelQueryState.h"

#include "QueryTimeSettings.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace perfdash {

QString legendNameFor(const QMap<QString, QString>& labels, const QString& legendFormat)
{
    if (!legendFormat.isEmpty()) {
        static const QRegularExpression placeholder(QStringLiteral("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\}\\}"));
        QString name;
        qsizetype last = 0;
        for (auto it = placeholder.globalMatch(legendFormat); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            name += legendFormat.mid(last, match.capturedStart() - last);
            name += labels.value(match.captured(1));
            last = match.capturedEnd();
        }
        return name + legendFormat.mid(last);
    }
    QStringList values;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        if (it.key() != QLatin1String("__name__"))
            values << it.value();
    }
    if (!values.isEmpty())
        return values.join(QStringLiteral(", "));
    return labels.value(QStringLiteral("__name__"), QStringLiteral("value"));
}

QList<PanelLine> panelLinesFor(const QList<QuerySeries>& series, const QString& legendFormat)
{
    QList<PanelLine> lines;
    QSet<QString> names;
    for (const QuerySeries& one : series) {
        const QString base = legendNameFor(one.labels, legendFormat);
        QString name = base;
        for (int copy = 2; names.contains(name); ++copy)
            name = base + QStringLiteral(" (%1)").arg(copy);
        names.insert(name);
        lines.append({ name, one.points });
    }
    return lines;
}

double panelStepSeconds(const PanelQuery& panel, qint64 rangeMs)
{
    const PanelSpec& spec = panel.spec;
    if (spec.stepSeconds > 0)
        return queryStepSeconds(rangeMs, 1, spec.stepSeconds);
    int columns = std::max(50, panel.plotWidthPx);
    if (spec.maxDataPoints > 0)
        columns = std::min(columns, spec.maxDataPoints);
    const double automatic = queryStepSeconds(rangeMs, columns, 0);
    return spec.minStepSeconds > automatic ? queryStepSeconds(rangeMs, 1, spec.minStepSeconds) : automatic;
}

} // namespace perfdash
