#pragma once

#include "Annotation.h"
#include "CumulativeHistogram.h"
#include "Sample.h"

#include <QByteArray>

namespace perfdash {

// Writes a batch in the JSON v1 stream format that JsonV1Parser reads. Non-finite values are written
// as the strings "NaN", "+Inf" and "-Inf", since JSON numbers cannot hold them.
class JsonV1Writer {
public:
    // Histograms go beside the samples: {"metric":…,"labels":…,"ts":…,"buckets":[[le, cumulative], …,
    // ["+Inf", count]],"count":…,"sum":…}, all at timestampMs.
    static QByteArray write(
        const SampleBatch& batch, const std::vector<CumulativeHistogram>& histograms = {}, qint64 timestampMs = 0);
    // A message of annotations: {"v":1,"samples":[],"annotations":[{"ts":…,"endTs":…,"text":…,"tags":[…]}]}.
    // endTs only for a range. The empty "samples" keeps the message valid for readers that require that field.
    static QByteArray writeAnnotations(const QList<Annotation>& annotations);
};

} // namespace perfdash
