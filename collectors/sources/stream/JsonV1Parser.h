#pragma once

#include "ParseResult.h"

#include <QByteArrayView>

namespace perfdash {

// JSON v1 stream messages:
//   {"v":1,"samples":[{"metric":"cache_hit_ratio","labels":{"cache_name":"trends"},"ts":1764160000123,"value":0.61}],
//    "annotations":[{"ts":1764160000123,"endTs":1764160005000,"text":"deploy 4f2a","tags":["deploy"]}]}
// "ts" is unix milliseconds (integer). "value" is a JSON number or one of the strings
// "NaN", "+Inf", "-Inf", "Inf". "labels" is optional. A bad sample is skipped with a reason;
// the good samples of the same message are kept.
//
// A message carries "samples", "annotations" or both. An annotation marks the time axis of every panel:
// "ts" (integer unix ms) and "text" (a non-empty string) are required; "endTs" (integer unix ms, not
// before "ts") makes it a range; "tags" is an optional array of non-empty strings. A bad annotation is
// skipped with a reason ("annotations[2].endTs: before ts"), the good ones and all samples kept; so is
// an "annotations" that is not an array. A text longer than maxAnnotationTextChars is cut to that length
// (ending in "…") and kept, with a reason, so the producer learns of it while the mark still shows.
//
// Names follow Prometheus: metric [a-zA-Z_:][a-zA-Z0-9_:]*, label [a-zA-Z_][a-zA-Z0-9_]*. Labels come
// out sorted; of duplicate label names the last wins. Unknown keys are ignored.
// A missing or other "v", a top level that is not an object, or "samples" that is not an array
// give one error and no samples. So does broken JSON ("invalid JSON at byte 57: ..."): the samples
// before the break are dropped too, since a message whose structure is broken cannot be trusted.
// A malformed scalar in a sample field (1.2.3, tru) only makes that sample bad. Values under unknown
// keys are skipped unread (simdjson On-Demand), so only their bracket balance is checked.
// At most 20 reasons are listed per message, then one "... and N more errors".
class JsonV1Parser {
public:
    // An annotation is a label on a chart, not a changelog; longer texts are cut (see above).
    static constexpr qsizetype maxAnnotationTextChars = 1000;

    static ParseResult parse(QByteArrayView message);
};

} // namespace perfdash
