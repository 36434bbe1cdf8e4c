#pragma once

#include "Sample.h"

#include <QByteArray>

namespace perfdash {

// Writes a batch in the JSON v1 stream format that JsonV1Parser reads. Non-finite values are written
// as the strings "NaN", "+Inf" and "-Inf", since JSON numbers cannot hold them.
class JsonV1Writer {
public:
    static QByteArray write(const SampleBatch& batch);
};

} // namespace perfdash
