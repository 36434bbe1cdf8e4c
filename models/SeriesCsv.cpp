#include "SeriesCsv.h"

#include "NumberText.h"

#include <QDateTime>
#include <cmath>
#include <map>
#include <optional>

namespace perfdash {

QByteArray SeriesCsv::quoted(const QString& cell)
{
    QByteArray bytes = cell.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') && !bytes.contains('\r'))
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

QByteArray SeriesCsv::write(const QList<VisibleSeries>& series, qint64 fromMs, qint64 toMs)
{
    QByteArray out = "time_utc,unix_ms";
    for (const VisibleSeries& one : series)
        out += ',' + quoted(one.name);
    out += '\n';

    // (timestamp, n-th sample of a series at that millisecond) → one cell per series; a missing cell stays
    // empty. Events closer than 1 ms share a millisecond, so each gets a row of its own.
    std::map<std::pair<qint64, int>, QList<QByteArray>> rows;
    for (qsizetype column = 0; column < series.size(); ++column) {
        std::optional<qint64> previousMs;
        int occurrence = 0;
        for (const QPointF& point : series[column].points) {
            const qint64 ms = qint64(point.x());
            if (ms < fromMs || ms > toMs)
                continue;
            occurrence = previousMs == ms ? occurrence + 1 : 0;
            previousMs = ms;
            QList<QByteArray>& row = rows[{ ms, occurrence }];
            if (row.isEmpty())
                row.resize(series.size());
            row[column] = shortestNumberText(point.y());
        }
    }
    for (const auto& [time, cells] : rows) {
        const qint64 ms = time.first;
        out += QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
        out += ',' + QByteArray::number(ms);
        for (const QByteArray& cell : cells)
            out += ',' + cell;
        out += '\n';
    }
    return out;
}

} // namespace perfdash
