#pragma once

#include "ProfileSettings.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>

namespace perfdash {

class LiveMeter;
class ProfilingMetrics;

// One component's workload. run() executes one repetition on threads of its own and returns its
// metrics (ProfileMetric names); it stops early, returning what it measured, when cancel is set.
class Workload {
public:
    struct Context {
        const std::atomic<bool>& cancel;
        LiveMeter& meter;
        ProfilingMetrics* metrics = nullptr; // may be null
        int repetition = 0;
        // What the user should know about a repetition that still ran (a Redis tier that failed); may be null.
        QStringList* notes = nullptr;
    };

    virtual ~Workload() = default;
    virtual QMap<QString, double> run(Context& context) = 0;

    // The workload for the settings' component.
    static std::unique_ptr<Workload> create(const ProfileSettings& settings);
};

} // namespace perfdash
