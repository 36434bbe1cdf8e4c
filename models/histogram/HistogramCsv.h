#pragma once

#include "HistogramColumn.h"

#include <QByteArray>

namespace perfdash {

// CSV of a heatmap in long form, one row per column and bucket in [fromMs, toMs]:
// "time_utc,unix_ms,le_lower,le_upper,rate". Every bucket is written, empty ones too, so a spreadsheet sees
// the layout; NaN stays "NaN" and the +Inf bucket's bound "+Inf".
class HistogramCsv {
public:
    static QByteArray write(const HistogramFrames& frames, qint64 fromMs, qint64 toMs);
};

} // namespace perfdash
