#pragma once

#include "Workload.h"

namespace perfdash {

// N clients start at once against a flaky dependency that serves only so many calls per slot, each
// retrying with the chosen jitter: a discrete-event simulation in virtual time (fast, deterministic),
// so the strategies compare on total calls and completion time as in the AWS study.
class RetryWorkload : public Workload {
public:
    explicit RetryWorkload(const ProfileSettings& settings);
    QMap<QString, double> run(Context& context) override;

private:
    ProfileSettings m_settings;
};

} // namespace perfdash
