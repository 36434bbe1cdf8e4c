#pragma once

#include "Workload.h"

namespace perfdash {

// Producers flood a WorkerPool with tasks of a chosen duration distribution. Latency is a task's time
// from submit to completion; queue wait is reported on its own.
class PoolWorkload : public Workload {
public:
    explicit PoolWorkload(const ProfileSettings& settings);
    QMap<QString, double> run(Context& context) override;

private:
    ProfileSettings m_settings;
};

} // namespace perfdash
