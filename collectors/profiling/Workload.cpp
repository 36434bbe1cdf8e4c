#include "Workload.h"

#include "CacheWorkload.h"
#include "LimiterWorkload.h"
#include "PoolWorkload.h"
#include "RetryWorkload.h"

namespace perfdash {

std::unique_ptr<Workload> Workload::create(const ProfileSettings& settings)
{
    const QString& component = settings.component();
    if (component == u"cache")
        return std::make_unique<CacheWorkload>(settings);
    if (component == u"limiter")
        return std::make_unique<LimiterWorkload>(settings);
    if (component == u"retry")
        return std::make_unique<RetryWorkload>(settings);
    if (component == u"pool")
        return std::make_unique<PoolWorkload>(settings);
    return nullptr;
}

} // namespace perfdash
