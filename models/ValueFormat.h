#pragma once

#include <QString>

namespace perfdash {

// "1.83 s", "72.4 %", "498 MB", "—" for NaN: three significant digits without trailing zeros,
// enough to compare with a target; whole numbers from 1000 up, never exponents.
QString formatValue(double value, const QString& unit);
// "+12.3 %" or "−8.1 %" (a real minus sign), "—" for NaN.
QString formatPercentChange(double percent);

} // namespace perfdash
