#include "SeriesCsv.h"

#include <QDateTime>
#include <cmath>
#include <map>

namespace perfdash {

namespace {
    QByteArray valueText(double value)
    {
        if (std::isnan(value))
            return "NaN";
        if (std::isinf(value))
            return value > 0 ? "+Inf" : "-Inf";
        // 15 significant digits: all a double holds reliably, without the noise of scaling (65.38000000000001).
        return QByteArray::number(value, 'g', 15);
    }
}

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

    // timestamp → one cell per series; a missing cell stays empty.
    std::map<qint64, QList<QByteArray>> rows;
    for (qsizetype column = 0; column < series.size(); ++column) {
        for (const QPointF& point : series[column].points) {
            const qint64 ms = qint64(point.x());
            if (ms < fromMs || ms > toMs)
                continue;
            QList<QByteArray>& row = rows[ms];
            if (row.isEmpty())
                row.resize(series.size());
            row[column] = valueText(point.y());
        }
    }
    for (const auto& [ms, cells] : rows) {
        out += QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
        out += ',' + QByteArray::number(ms);
        for (const QByteArray& cell : cells)
            out += ',' + cell;
        out += '\n';
    }
    return out;
}

} // namespace perfdash
