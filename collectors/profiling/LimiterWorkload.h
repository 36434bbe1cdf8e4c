#pragma once

#include "Workload.h"

namespace perfdash {

// Clients offering requests to a TokenBucket with constant, Poisson or bursty arrivals. Reports the
// tryAcquire latency, the admitted rate, and how close it comes to what the bucket may grant.
class LimiterWorkload : public Workload {
public:
    explicit LimiterWorkload(const ProfileSettings& settings);
    QMap<QString, double> run(Context& context) override;

private:
    ProfileSettings m_settings;
};

} // namespace perfdash
