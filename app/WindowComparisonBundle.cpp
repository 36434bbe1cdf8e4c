#include "WindowComparisonBundle.h"

#include "ChartExporter.h"
#include "SeriesCsv.h"
#include "WindowComparisonJson.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <cmath>

namespace perfdash {

namespace {
    bool writeBytes(const QString& path, const QByteArray& bytes, QString* error)
    {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            file.cancelWriting();
            return false;
        }
        return true;
    }

    QByteArray valueText(double value)
    {
        if (std::isnan(value))
            return "NaN";
        if (std::isinf(value))
            return value > 0 ? "+Inf" : "-Inf";
        return QByteArray::number(value, 'g', 17);
    }
}

QByteArray windowPointsCsv(const PanelWindowPoints& panel)
{
    QByteArray csv = "window,time_utc,unix_ms,series,value\n";
    for (const bool after : { false, true }) {
        for (const SeriesWindowPoints& series : panel.series) {
            const QByteArray name = SeriesCsv::quoted(series.series);
            for (const TimedValue& point : after ? series.after : series.before) {
                csv += after ? "after," : "before,";
                csv += QDateTime::fromMSecsSinceEpoch(point.timestampMs, Qt::UTC)
                           .toString(Qt::ISODateWithMs)
                           .toLatin1();
                csv += ',' + QByteArray::number(point.timestampMs) + ',' + name + ',' + valueText(point.value) + '\n';
            }
        }
    }
    return csv;
}

bool writeWindowComparisonBundle(const QString& directory, const QString& dashboardName,
    const QList<PanelWindowPoints>& panels, const WindowComparison& comparison, QString* error)
{
    QDir dir(directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        *error = QStringLiteral("cannot make the folder %1").arg(directory);
        return false;
    }
    QJsonArray entries;
    for (qsizetype index = 0; index < panels.size(); ++index) {
        const PanelWindowPoints& panel = panels[index];
        const QString csv = ChartExporter::fileStem(int(index), panel.spec.title) + QStringLiteral(".csv");
        if (!writeBytes(dir.filePath(csv), windowPointsCsv(panel), error))
            return false;
        entries.append(QJsonObject { { QStringLiteral("title"), panel.spec.title }, { QStringLiteral("csv"), csv },
            { QStringLiteral("unit"), panel.spec.unit } });
    }
    const QJsonObject manifest { { QStringLiteral("command"), QStringLiteral("compare-windows") },
        { QStringLiteral("dashboard"), dashboardName }, { QStringLiteral("app"), QStringLiteral("perfdash") },
        { QStringLiteral("appVersion"), QStringLiteral(PERFDASH_VERSION) },
        { QStringLiteral("createdUtc"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
        { QStringLiteral("panels"), entries },
        { QStringLiteral("windowComparison"), WindowComparisonJson::write(comparison) } };
    return writeBytes(
        dir.filePath(QStringLiteral("manifest.json")), QJsonDocument(manifest).toJson(QJsonDocument::Indented), error);
}

} // namespace perfdash
