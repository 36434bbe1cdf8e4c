#pragma once

#include <memory>

namespace prometheus {
class Registry;
}

namespace perfdash {

struct DemoObservations;

// The demo system's Prometheus instrumentation, named and labelled the way the seed's
// prometheus_client code does it. Families and children are made once; record() only observes.
class DemoMetrics {
public:
    explicit DemoMetrics(std::shared_ptr<prometheus::Registry> registry);
    ~DemoMetrics();

    void record(const DemoObservations& observed);
    // The simulated process (re)started at this unix time: process_start_time_seconds says so, as every
    // Prometheus client library exposes it, and the since-start cache hit ratio starts over.
    void processStarted(double unixSeconds);

private:
    struct Children;
    std::shared_ptr<prometheus::Registry> m_registry;
    std::unique_ptr<Children> m_children;
};

} // namespace perfdash
