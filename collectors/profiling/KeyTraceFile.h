#pragma once

#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

namespace perfdash {

// A user's cache key trace: the keys in the order they were asked for, as dense ids (the first new key is
// 0, the next new one 1, …), and their times when the file gives them.
struct KeyTrace {
    QString source;
    std::vector<std::uint32_t> keys;
    // Seconds, one per key; empty when the file has no timestamp column.
    std::vector<double> timesSeconds;
    std::size_t distinctKeys = 0;
};

// Reads a key trace, streamed (the text is never held whole: memory is 4 bytes per access, 8 more with
// times, plus the distinct keys), gzip or plain (told apart by content). A file named *.csv or *.csv.gz is
// CSV with a header row naming a `key` column and optionally a `timestamp` column (seconds, fractions
// allowed); any other file has one key per line. Blank lines are skipped. Null with *error naming the file
// and line at fault. The last trace read is kept, so the repetitions of a run read the file once.
std::shared_ptr<const KeyTrace> readKeyTrace(const QString& path, QString* error);

} // namespace perfdash
