#include "ValueFormat.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

namespace {
    const QString noValue = QStringLiteral("\u2014"); // em dash
    const QString minusSign = QStringLiteral("\u2212");
    constexpr double plainBelow = 1e6;
    constexpr double plainFrom = 1e-3;

    QString withoutTrailingZeros(QString text)
    {
        if (text.contains(u'.')) {
            while (text.endsWith(u'0'))
                text.chop(1);
            if (text.endsWith(u'.'))
                text.chop(1);
        }
        return text;
    }

    // "1.80e+308" → "1.8e308", "1.23e-09" → "1.23e-9".
    QString scientific(double value, int significantDigits)
    {
        const QString text = QString::number(value, 'e', significantDigits - 1);
        const qsizetype e = text.indexOf(u'e');
        const QString mantissa = withoutTrailingZeros(text.left(e));
        const int exponent = text.mid(e + 1).toInt();
        return mantissa + u'e' + QString::number(exponent);
    }
}

QString formatNumber(double value, int significantDigits)
{
    if (std::isnan(value))
        return noValue;
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("\u221e") : minusSign + QStringLiteral("\u221e");
    if (value == 0.0)
        return QStringLiteral("0"); // −0 too
    significantDigits = std::clamp(significantDigits, 1, 17);
    const double magnitudeOf = std::abs(value);
    if (magnitudeOf >= plainBelow || magnitudeOf < plainFrom)
        return scientific(value, significantDigits);
    const int magnitude = int(std::floor(std::log10(magnitudeOf)));
    const int decimals = std::clamp(significantDigits - 1 - magnitude, 0, 6);
    const QString text = withoutTrailingZeros(QString::number(value, 'f', decimals));
    if (text == QStringLiteral("1000000") || text == QStringLiteral("-1000000"))
        return scientific(value, significantDigits); // 999999.7 rounds up past the plain range
    return text == QStringLiteral("-0") ? QStringLiteral("0") : text;
}

QString formatValue(double value, const QString& unit)
{
    if (std::isnan(value))
        return noValue;
    const QString number = formatNumber(value);
    return unit.isEmpty() ? number : number + u' ' + unit;
}

QString quantileLabel(double quantile) { return QLatin1Char('p') + QString::number(quantile * 100.0, 'g', 4); }

QString formatPercentChange(double percent)
{
    if (!std::isfinite(percent))
        return noValue;
    const QString sign = percent > 0 ? QStringLiteral("+") : minusSign;
    if (std::abs(percent) >= 1e5)
        return sign + scientific(std::abs(percent), 2) + QStringLiteral(" %");
    const QString magnitude = QString::number(std::abs(percent), 'f', 1);
    if (magnitude == QStringLiteral("0.0"))
        return QStringLiteral("0.0 %");
    return sign + magnitude + QStringLiteral(" %");
}

} // namespace perfdash
