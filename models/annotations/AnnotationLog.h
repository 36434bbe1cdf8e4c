#pragma once

#include "Annotation.h"

#include <QMutex>
#include <QtGlobal>
#include <vector>

namespace perfdash {

// Every annotation a session knows, from all its places (stream, PromQL, profiling runs, user notes),
// kept in time order so a panel finds the ones in its range by binary search: 6,000 marks cost a panel
// only those it draws. Thread-safe: streams add from the ingest thread while the GUI reads.
// Bounded: past `capacity` the oldest are dropped and counted, never silently.
class AnnotationLog {
public:
    explicit AnnotationLog(qsizetype capacity = 100'000);

    // An annotation equal to one already kept (same times, text, tags and origin) is not added twice,
    // so a query answered again, or a stream that repeats itself, does not pile up duplicates.
    void add(const Annotation& annotation);
    void add(const QList<Annotation>& annotations);
    // Removes the annotations of one origin (e.g. before a query's fresh answer replaces them).
    void removeOrigin(Annotation::Origin origin);
    // Removes one annotation equal to `annotation`; false if there was none.
    bool remove(const Annotation& annotation);

    // The annotations that touch [fromMs, toMs], in time order.
    QList<Annotation> inRange(qint64 fromMs, qint64 toMs) const;
    QList<Annotation> all() const;
    qsizetype size() const;
    // Dropped for capacity since the log was made.
    quint64 droppedCount() const;
    // Changes whenever the content does, so a view redraws its marks only when they changed.
    quint64 revision() const;

private:
    mutable QMutex m_mutex;
    std::vector<Annotation> m_byTime; // sorted by timeMs, then endMs
    // Longest range kept: a range starting this long before fromMs may still reach into [fromMs, toMs].
    qint64 m_longestMs = 0;
    qsizetype m_capacity;
    quint64 m_dropped = 0;
    quint64 m_revision = 0;
};

} // namespace perfdash
