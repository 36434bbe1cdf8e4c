#pragma once

#include "Sample.h"

#include <QString>
#include <QStringList>

namespace perfdash {

// What a stream parser made of one message: the samples it could read and, for every part it could
// not, a reason naming where ("samples[3].value: expected a number or \"NaN\"", "line 2: missing field set").
struct ParseResult {
    SampleBatch samples;
    QStringList errors;

    bool malformed() const { return !errors.isEmpty(); }
};

} // namespace perfdash
