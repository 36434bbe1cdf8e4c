#include "HistogramProblems.h"

#include "UtcTimeText.h"

#include <algorithm>

namespace perfdash {

void HistogramProblems::add(const QString& what, qint64 timeMs)
{
    for (Problem& problem : m_problems) {
        if (problem.timed && problem.what == what) {
            problem.firstMs = std::min(problem.firstMs, timeMs);
            problem.lastMs = std::max(problem.lastMs, timeMs);
            ++problem.times;
            return;
        }
    }
    m_problems << Problem { what, true, timeMs, timeMs, 1 };
}

void HistogramProblems::add(const QString& what)
{
    for (const Problem& problem : m_problems)
        if (!problem.timed && problem.what == what)
            return;
    m_problems << Problem { what, false, 0, 0, 1 };
}

QStringList HistogramProblems::lines() const
{
    QStringList result;
    for (const Problem& problem : m_problems) {
        if (!problem.timed)
            result << problem.what;
        else if (problem.times == 1)
            result << QStringLiteral("%1 at %2").arg(problem.what, utcTimeText(problem.firstMs));
        else
            result << QStringLiteral("%1 at %2 and %3 more %4 until %5")
                          .arg(problem.what, utcTimeText(problem.firstMs))
                          .arg(problem.times - 1)
                          .arg(problem.times == 2 ? QStringLiteral("time") : QStringLiteral("times"),
                              utcTimeText(problem.lastMs));
    }
    return result;
}

} // namespace perfdash
