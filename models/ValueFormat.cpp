#include "ValueFormat.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    const QString noValue = QStringLiteral("\u2014"); // em dash
    const QString minusSign = QStringLiteral("\u2212");

    // Three significant digits without trailing zeros: 1.83, 72.4, 498, 2, 0.0123.
    QString formatNumber(double value)
    {
        if (std::isnan(value))
            return noValue;
        if (std::isinf(value))
            return value > 0 ? QStringLiteral("\u221e") : minusSign + QStringLiteral("\u221e");
        if (value == 0.0)
            return QStringLiteral("0");
        const int magnitude = int(std::floor(std::log10(std::abs(value))));
        const int decimals = std::clamp(2 - magnitude, 0, 6);
        QString text = QString::number(value, 'f', decimals);
        if (text.contains(u'.')) {
            while (text.endsWith(u'0'))
                text.chop(1);
            if (text.endsWith(u'.'))
                text.chop(1);
        }
        return text == QStringLiteral("-0") ? QStringLiteral("0") : text;
    }
}

QString formatValue(double value, const QString& unit)
{
    if (std::isnan(value))
        return noValue;
    const QString number = formatNumber(value);
    return unit.isEmpty() ? number : number + u' ' + unit;
}

QString formatPercentChange(double percent)
{
    if (!std::isfinite(percent))
        return noValue;
    const QString magnitude = QString::number(std::abs(percent), 'f', 1);
    if (magnitude == QStringLiteral("0.0"))
        return QStringLiteral("0.0 %");
    return (percent > 0 ? QStringLiteral("+") : minusSign) + magnitude + QStringLiteral(" %");
}

} // namespace perfdash
