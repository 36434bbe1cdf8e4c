#pragma once

#include "Annotation.h"
#include "Sample.h"

#include <QString>
#include <QStringList>

namespace perfdash {

// What a stream parser made of one message: the samples and annotations it could read and, for every
// part it could not, a reason naming where ("samples[3].value: expected a number or \"NaN\"",
// "annotations[2].endTs: before ts", "line 2: missing field set").
struct ParseResult {
    SampleBatch samples;
    QList<Annotation> annotations; // Origin::Stream
    QStringList errors;

    bool malformed() const { return !errors.isEmpty(); }
};

} // namespace perfdash
