#include "HistogramCsv.h"

#include "NumberText.h"

#include <QDateTime>

namespace perfdash {

QByteArray HistogramCsv::write(const HistogramFrames& frames, qint64 fromMs, qint64 toMs)
{
    QByteArray out = "time_utc,unix_ms,le_lower,le_upper,rate\n";
    for (const HistogramColumn& column : frames.columns) {
        if (column.timeMs < fromMs || column.timeMs > toMs)
            continue;
        const QByteArray time
            = QDateTime::fromMSecsSinceEpoch(column.timeMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1() + ','
            + QByteArray::number(column.timeMs) + ',';
        for (qsizetype bucket = 0; bucket < column.values.size(); ++bucket) {
            out += time;
            out += shortestNumberText(column.bounds[bucket]) + ',' + shortestNumberText(column.bounds[bucket + 1]) + ','
                + shortestNumberText(column.values[bucket]) + '\n';
        }
    }
    return out;
}

} // namespace perfdash
