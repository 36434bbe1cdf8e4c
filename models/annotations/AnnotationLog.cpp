#include "AnnotationLog.h"

#include <QMutexLocker>
#include <algorithm>

namespace perfdash {

namespace {
    bool earlier(const Annotation& a, const Annotation& b)
    {
        return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.endMs < b.endMs;
    }
}

AnnotationLog::AnnotationLog(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(1, capacity))
{
}

void AnnotationLog::add(const Annotation& annotation) { add(QList<Annotation> { annotation }); }

void AnnotationLog::add(const QList<Annotation>& annotations)
{
    QMutexLocker lock(&m_mutex);
    bool changed = false;
    for (Annotation annotation : annotations) {
        annotation.endMs = std::max(annotation.endMs, annotation.timeMs);
        const auto at = std::lower_bound(m_byTime.begin(), m_byTime.end(), annotation, earlier);
        // Equal times sort together: a duplicate is among them.
        bool duplicate = false;
        for (auto same = at; same != m_byTime.end() && !earlier(annotation, *same); ++same)
            duplicate = duplicate || *same == annotation;
        if (duplicate)
            continue;
        m_byTime.insert(at, annotation);
        m_longestMs = std::max(m_longestMs, annotation.endMs - annotation.timeMs);
        changed = true;
    }
    if (qsizetype(m_byTime.size()) > m_capacity) {
        const auto excess = qsizetype(m_byTime.size()) - m_capacity;
        m_byTime.erase(m_byTime.begin(), m_byTime.begin() + excess);
        m_dropped += quint64(excess);
    }
    if (changed)
        ++m_revision;
}

void AnnotationLog::removeOrigin(Annotation::Origin origin)
{
    QMutexLocker lock(&m_mutex);
    const auto removed = std::erase_if(m_byTime, [origin](const Annotation& a) { return a.origin == origin; });
    if (removed > 0)
        ++m_revision;
}

bool AnnotationLog::remove(const Annotation& annotation)
{
    QMutexLocker lock(&m_mutex);
    const auto found = std::find(m_byTime.begin(), m_byTime.end(), annotation);
    if (found == m_byTime.end())
        return false;
    m_byTime.erase(found);
    ++m_revision;
    return true;
}

QList<Annotation> AnnotationLog::inRange(qint64 fromMs, qint64 toMs) const
{
    QMutexLocker lock(&m_mutex);
    QList<Annotation> result;
    // Starts before fromMs - longest cannot reach fromMs; starts after toMs are past the range.
    Annotation probe;
    probe.timeMs = fromMs - m_longestMs;
    probe.endMs = probe.timeMs;
    auto it = std::lower_bound(m_byTime.begin(), m_byTime.end(), probe, earlier);
    for (; it != m_byTime.end() && it->timeMs <= toMs; ++it) {
        if (it->overlaps(fromMs, toMs))
            result << *it;
    }
    return result;
}

QList<Annotation> AnnotationLog::all() const
{
    QMutexLocker lock(&m_mutex);
    return QList<Annotation>(m_byTime.begin(), m_byTime.end());
}

qsizetype AnnotationLog::size() const
{
    QMutexLocker lock(&m_mutex);
    return qsizetype(m_byTime.size());
}

quint64 AnnotationLog::droppedCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

quint64 AnnotationLog::revision() const
{
    QMutexLocker lock(&m_mutex);
    return m_revision;
}

} // namespace perfdash
