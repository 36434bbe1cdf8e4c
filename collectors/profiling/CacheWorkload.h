#pragma once

#include "Workload.h"

namespace perfdash {

// Zipf-distributed keys against a TtlCache used cache-aside: a read that misses waits the simulated
// backend latency and stores the value (single-flight), so the hit ratio shows up as request latency.
// Also replays the same key trace offline through LRU and Bélády's optimal for reference. With the
// `trace` parameter the keys come from the user's file (KeyTraceFile) instead; an unreadable file throws
// std::runtime_error naming it. With the `redis` parameter Redis is a second tier between the cache and
// the backend (RedisTier), a private redis-server or the user's.
class CacheWorkload : public Workload {
public:
    explicit CacheWorkload(const ProfileSettings& settings);
    QMap<QString, double> run(Context& context) override;

private:
    ProfileSettings m_settings;
};

} // namespace perfdash
