#pragma once

#include <QJsonValue>
#include <cmath>

namespace perfdash {

// JSON has no NaN or infinity: a number that is not finite is written as null.
inline QJsonValue jsonNumberOrNull(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

} // namespace perfdash
