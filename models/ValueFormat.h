#pragma once

#include <QString>

namespace perfdash {

// How perfdash shows numbers to a person (scorecards, axes, legends, tables, exported text). The length
// never depends on the value's size: from 1e-3 to below 1e6 plain decimals, beyond that scientific
// notation ("1.8e308", "4.94e-324"), so DBL_MAX is 7 characters, not 309 digits. What perfdash writes
// into files is NumberText's job, which keeps every digit.

// "1.83", "72.4", "498", "12345", "1.23e7", "—" for NaN, "∞" for infinity: `significantDigits` significant
// digits without trailing zeros (whole numbers below 1e6 keep all their digits); −0 shows as "0".
QString formatNumber(double value, int significantDigits = 3);
// "1.83 s", "72.4 %", "498 MB", "—" for NaN: formatNumber() and the unit.
QString formatValue(double value, const QString& unit);
// "+12.3 %" or "−8.1 %" (a real minus sign), "—" for NaN; "+1.2e7 %" when it is that far off.
QString formatPercentChange(double percent);
// A quantile as latency engineers name it: 0.95 → "p95", 0.5 → "p50", 0.999 → "p99.9".
QString quantileLabel(double quantile);

} // namespace perfdash
