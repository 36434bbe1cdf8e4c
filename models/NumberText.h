#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <optional>

namespace perfdash {

// How perfdash writes numbers into files (CSV, manifests, run files, dashboards): the shortest decimal
// that reads back to the same double (std::to_chars), so an export never changes the data. 15 digits, for
// instance, turn DBL_MAX into a number that reads back as +Inf. Non-finite values are the words Prometheus
// uses: "NaN", "+Inf", "-Inf".
QByteArray shortestNumberText(double value);

// JSON has no NaN or infinity. A finite value is a JSON number (Qt writes the shortest round-trip form);
// NaN and ±Inf are the strings above, never null, so a reader gets back what was measured.
QJsonValue jsonNumber(double value);
// Reads what jsonNumber() wrote: a JSON number, or one of the strings "NaN", "+Inf", "-Inf" (also "Inf"
// and "-inf"-style spellings Prometheus accepts). nullopt for anything else.
std::optional<double> numberFromJson(const QJsonValue& value);

} // namespace perfdash
