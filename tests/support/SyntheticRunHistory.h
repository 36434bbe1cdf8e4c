#pragma once

// Header-only, like StartedSession.h: it needs perfdash_models, which only the tests that include it link.

#include "ProfileRunFile.h"
#include "ProfileSettings.h"

#include <QDir>
#include <QTimeZone>
#include <random>
#include <stdexcept>

// Cache runs as CI would leave them, one a day from 1 November 2026 09:00 UTC, five repetitions each with
// the hit ratio and the latency p95 scattered around the levels given.
inline perfdash::ProfileRun syntheticCacheRun(
    int day, double hitRatio, double p95Us, int capacity, std::mt19937_64& random)
{
    QString error;
    perfdash::ProfileRun run;
    run.settings = *perfdash::ProfileSettings::make(
        QStringLiteral("cache"), { { QStringLiteral("capacity"), QString::number(capacity) } }, &error);
    run.startedAt = QDateTime(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC).addDays(day);
    run.requestedRepetitions = 5;
    std::normal_distribution<double> noise(0, 1);
    for (int i = 0; i < 5; ++i) {
        perfdash::RepetitionResult repetition;
        repetition.index = i;
        repetition.durationMs = 100;
        repetition.metrics.insert(QStringLiteral("hit_ratio"), hitRatio + 0.004 * noise(random));
        repetition.metrics.insert(QStringLiteral("latency_p95_us"), p95Us + 2 * noise(random));
        run.repetitions << repetition;
    }
    return run;
}

// 30 such runs in `folder`: from run `changeAt` (1-based) on, the capacity is 200 instead of 1000 and the hit
// ratio hitAfter instead of hitBefore; the p95 stays at 120 µs. Named so that name order is the reverse of
// time order (run 1 is commit-29.json), as a history must sort by start time.
inline void writeSyntheticCacheHistory(const QString& folder, int changeAt, double hitBefore, double hitAfter)
{
    QDir().mkpath(folder);
    // The same history every time: a fixed seed per shape, never the (random) folder name.
    std::mt19937_64 random(
        std::uint64_t(changeAt) * 1'000'003 + std::uint64_t(hitBefore * 1000) * 1009 + std::uint64_t(hitAfter * 1000));
    for (int day = 0; day < 30; ++day) {
        const bool changed = day + 1 >= changeAt;
        const perfdash::ProfileRun run
            = syntheticCacheRun(day, changed ? hitAfter : hitBefore, 120, changed ? 200 : 1000, random);
        QString error;
        const QString file = QDir(folder).filePath(QStringLiteral("commit-%1.json").arg(29 - day, 2, 10, QChar(u'0')));
        if (!perfdash::writeProfileRunFile(run, file, &error))
            throw std::runtime_error(error.toStdString());
    }
}
