#include "PanelQueryState.h"

#include <QRegularExpression>
#include <QSet>

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

} // namespace perfdash
