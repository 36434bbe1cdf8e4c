#pragma once

#include "VisibleSeries.h"

#include <QByteArray>

namespace perfdash {

// CSV of a panel's visible series: "time_utc,unix_ms,<series>…", one row per distinct timestamp in
// [fromMs, toMs]. A series without a sample at that time has an empty cell (a gap); NaN is written as
// "NaN" and infinities as "+Inf"/"-Inf", so nothing the chart had is lost or invented.
class SeriesCsv {
public:
    static QByteArray write(const QList<VisibleSeries>& series, qint64 fromMs, qint64 toMs);
    // RFC 4180 quoting for a cell that holds a comma, a quote or a line break.
    static QByteArray quoted(const QString& cell);
};

} // namespace perfdash
