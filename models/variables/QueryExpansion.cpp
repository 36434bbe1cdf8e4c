#include "QueryExpansion.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    // $name | [[name]] | [[name:format]] | ${name} | ${name:format}, as Grafana's template service reads them.
    const QRegularExpression& variablePattern()
    {
        static const QRegularExpression pattern(
            QStringLiteral(R"(\$(\w+)|\[\[(\w+?)(?::\w+)?\]\]|\$\{(\w+)(?::[^}]+)?\})"));
        return pattern;
    }

    QString nameOf(const QRegularExpressionMatch& match)
    {
        for (int group = 1; group <= 3; ++group) {
            if (match.capturedLength(group) > 0)
                return match.captured(group);
        }
        return {};
    }

    QHash<QString, QString> builtIns(const QueryExpansionScope& scope)
    {
        const double step = std::max(0.001, scope.stepSeconds);
        const double scrape = scope.scrapeIntervalSeconds > 0 ? scope.scrapeIntervalSeconds : defaultScrapeIntervalSeconds;
        const double rangeSeconds = double(scope.rangeMs) / 1000.0;
        return {
            { QStringLiteral("__interval"), promqlDuration(step) },
            { QStringLiteral("__interval_ms"), QString::number(qint64(std::ceil(step * 1000.0))) },
            { QStringLiteral("__rate_interval"), promqlDuration(std::max(step + scrape, 4.0 * scrape)) },
            { QStringLiteral("__range"), promqlDuration(rangeSeconds) },
            { QStringLiteral("__range_s"), QString::number(qint64(std::round(rangeSeconds))) },
            { QStringLiteral("__range_ms"), QString::number(scope.rangeMs) },
        };
    }

    QString substitute(
        const QString& query, const QHash<QString, QString>& values, const QHash<QString, QString>& builtIn)
    {
        QString expanded;
        qsizetype last = 0;
        QRegularExpressionMatchIterator matches = variablePattern().globalMatch(query);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            const QString name = nameOf(match);
            const auto value = values.constFind(name);
            const auto builtInValue = builtIn.constFind(name);
            if (value == values.cend() && builtInValue == builtIn.cend())
                continue;
            expanded += QStringView(query).mid(last, match.capturedStart() - last);
            expanded += value != values.cend() ? *value : *builtInValue;
            last = match.capturedEnd();
        }
        expanded += QStringView(query).mid(last);
        return expanded;
    }
}

QString promqlDuration(double seconds)
{
    const qint64 milliseconds = qint64(std::ceil(std::max(0.001, seconds) * 1000.0 - 1e-6));
    if (milliseconds % 1000 == 0)
        return QStringLiteral("%1s").arg(milliseconds / 1000);
    return QStringLiteral("%1ms").arg(milliseconds);
}

QString expandQuery(const QString& query, const QueryExpansionScope& scope)
{
    if (!query.contains(u'$') && !query.contains(QStringLiteral("[[")))
        return query;
    return substitute(query, scope.values, builtIns(scope));
}

QString expandVariables(const QString& text, const QHash<QString, QString>& values)
{
    if (!text.contains(u'$') && !text.contains(QStringLiteral("[[")))
        return text;
    return substitute(text, values, {});
}

QStringList referencedVariables(const QString& text, const QStringList& known)
{
    QStringList names;
    QRegularExpressionMatchIterator matches = variablePattern().globalMatch(text);
    while (matches.hasNext()) {
        const QString name = nameOf(matches.next());
        if (known.contains(name) && !names.contains(name))
            names << name;
    }
    return names;
}

} // namespace perfdash
