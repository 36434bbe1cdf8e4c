#include "PanelQueryState.h"

#include <QRegularExpression>

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

} // namespace perfdash
