#include "ProfileEngine.h"

#include "LiveMeter.h"
#include "NanoClock.h"
#include "ProcessMemory.h"
#include "Quantiles.h"
#include "Workload.h"

#include <algorithm>
#include <exception>
#include <future>
#include <limits>
#include <thread>

namespace perfdash {

ProfileEngine::ProfileEngine(ProfilingMetrics* metrics)
    : m_metrics(metrics)
{
}

ProfileRun ProfileEngine::run(
    const ProfileSettings& settings, int repetitions, const std::atomic<bool>& cancel, const Callbacks& callbacks)
{
    ProfileRun run;
    run.settings = settings;
    run.requestedRepetitions = repetitions;
    run.startedAt = QDateTime::currentDateTimeUtc();
    const std::int64_t runStart = steadyNanos();
    std::int64_t lastOpsAt = runStart;

    for (int repetition = 0; repetition < repetitions; ++repetition) {
        if (cancel.load()) {
            run.cancelled = true;
            break;
        }
        std::unique_ptr<Workload> workload = Workload::create(settings);
        LiveMeter meter;
        meter.begin(0, 0);
        QStringList notes;
        Workload::Context context { cancel, meter, m_metrics, repetition, &notes };
        const std::int64_t repetitionStart = steadyNanos();
        std::uint64_t peakMemory = ProcessMemory::residentBytes();
        std::uint64_t lastOps = 0;
        lastOpsAt = repetitionStart;

        std::packaged_task<QMap<QString, double>()> task([&] { return workload->run(context); });
        std::future<QMap<QString, double>> result = task.get_future();
        std::thread runner(std::move(task));

        auto report = [&] {
            const LiveMeter::Reading reading = meter.read();
            peakMemory = std::max(peakMemory, ProcessMemory::residentBytes());
            if (!callbacks.progress)
                return;
            const std::int64_t now = steadyNanos();
            ProfileProgress progress;
            progress.repetition = repetition;
            progress.repetitions = repetitions;
            progress.fraction = (double(repetition) + reading.fraction) / double(repetitions);
            progress.elapsedSeconds = double(now - runStart) / 1e9;
            const double interval = double(now - lastOpsAt) / 1e9;
            // A sliver of an interval (the report right after a repetition ends) says nothing about throughput.
            progress.throughput = interval >= 0.05 ? double(reading.ops - std::min(lastOps, reading.ops)) / interval
                                                   : std::numeric_limits<double>::quiet_NaN();
            lastOps = reading.ops;
            lastOpsAt = now;
            std::vector<double> latencies = reading.latenciesUs;
            std::sort(latencies.begin(), latencies.end());
            if (!latencies.empty()) {
                progress.p50Us = Quantiles::ofSorted(latencies, 0.50);
                progress.p95Us = Quantiles::ofSorted(latencies, 0.95);
                progress.p99Us = Quantiles::ofSorted(latencies, 0.99);
            }
            if (reading.hitRatio >= 0)
                progress.hitRatio = reading.hitRatio;
            callbacks.progress(progress);
        };
        while (result.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready)
            report();
        runner.join();
        report();

        RepetitionResult finished;
        finished.index = repetition;
        finished.durationMs = double(steadyNanos() - repetitionStart) / 1e6;
        try {
            finished.metrics = result.get();
        } catch (const std::exception& failure) {
            // The workload could not run (its input is bad): the run ends with the reason, keeping what finished.
            run.error = QString::fromStdString(failure.what());
            break;
        }
        finished.metrics.insert(QStringLiteral("peak_memory_bytes"), double(peakMemory));
        for (const QString& note : std::as_const(notes)) {
            if (!run.notes.contains(note))
                run.notes << note;
        }
        if (cancel.load()) {
            run.cancelled = true; // a repetition cut short measures something else: keep it out
            break;
        }
        run.repetitions << finished;
        if (callbacks.repetitionFinished)
            callbacks.repetitionFinished(finished);
    }
    return run;
}

} // namespace perfdash
