#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace perfdash {

// What was wrong with a histogram's data, folded so that a fault repeated at every step of a range reads
// as one line ("no +Inf bucket at 2026-12-02T07:00:00Z and 119 more times until 2026-12-02T09:00:00Z")
// instead of burying the panel under a line per column. Lines keep the order of first appearance.
class HistogramProblems {
public:
    // `what` names the fault without its time ("cumulative count falls at le=10"); the same text at
    // another time counts as a repeat.
    void add(const QString& what, qint64 timeMs);
    // A fault with no time of its own (a series without an le label).
    void add(const QString& what);

    bool isEmpty() const { return m_problems.isEmpty(); }
    QStringList lines() const;

private:
    struct Problem {
        QString what;
        bool timed = false;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
        qsizetype times = 0;
    };
    QList<Problem> m_problems;
};

} // namespace perfdash
