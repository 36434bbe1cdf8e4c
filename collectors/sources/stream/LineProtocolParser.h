#pragma once

#include "ParseResult.h"

#include <QByteArrayView>

namespace perfdash {

// InfluxDB line protocol, one point per line:
//   measurement[,tag=value...] field=value[,field=value...] [timestamp-ns]
// Each field becomes a sample: metric "measurement" for a field named "value", otherwise
// "measurement_field". Tags become labels. Float, integer (1i), unsigned (1u) and boolean fields
// are read; string fields are skipped with a reason. Timestamps are nanoseconds and are truncated to
// milliseconds; a line without one gets receivedAtMs. A bad line is skipped with a reason naming it.
//
// Escapes and types follow the InfluxDB v2 line protocol reference: "\," "\ " (and "\=" in tag keys,
// tag values and field keys) escape, "\\" is one backslash, any other backslash is literal. Integers
// and unsigned become doubles (exact up to 2^53); booleans become 1 and 0; "NaN" and "inf" are not
// valid values. Timestamps are rounded toward negative infinity. "#" lines, blank lines and a "\r"
// before the newline are ignored. Measurement and field keys are mapped to the Prometheus metric
// charset and tag keys to the label charset: every other character (a multi-byte UTF-8 character
// counts as one) becomes '_', and a leading digit gets a '_' prefix. A string field is reported
// ("line 3: field "msg" is a string; ...") and the line's numeric fields are still kept.
// At most 20 reasons are listed per message, then one "... and N more errors".
class LineProtocolParser {
public:
    static ParseResult parse(QByteArrayView message, qint64 receivedAtMs);
};

} // namespace perfdash
