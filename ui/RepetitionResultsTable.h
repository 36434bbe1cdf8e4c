#pragma once

#include "ProfileRun.h"

#include <QList>
#include <QTableWidget>

namespace perfdash {

// The results of a run, one row per repetition: its number, duration and every metric any repetition
// reported, in ProfileMetric's order ("–" where a repetition has none).
class RepetitionResultsTable : public QTableWidget {
    Q_OBJECT
public:
    explicit RepetitionResultsTable(QWidget* parent = nullptr);

    void clearResults();
    void addRepetition(const RepetitionResult& result);
    // Shows exactly these repetitions (a finished run whose rows were missed while it ran).
    void setRepetitions(const QList<RepetitionResult>& repetitions);
    qsizetype repetitionCount() const { return m_repetitions.size(); }

private:
    void rebuild();

    QList<RepetitionResult> m_repetitions;
};

} // namespace perfdash
