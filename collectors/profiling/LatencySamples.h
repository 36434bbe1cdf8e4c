#pragma once

#include <QMap>
#include <QString>
#include <cstdint>
#include <random>
#include <vector>

namespace perfdash {

// One thread's latency samples in microseconds. Past `limit` samples it keeps a uniform random subset
// (reservoir sampling), so long runs have bounded memory and unbiased percentiles.
class LatencySamples {
public:
    explicit LatencySamples(std::size_t limit = 1 << 20, std::uint64_t seed = 1);

    void add(double microseconds);
    std::uint64_t count() const { return m_seen; }

    // Merges the threads' samples and writes latency_p50_us, _p95_us and _p99_us (sorts in place).
    static void summarize(std::vector<LatencySamples>& perThread, QMap<QString, double>& metrics);
    static std::vector<double> merged(std::vector<LatencySamples>& perThread);

private:
    std::vector<double> m_values;
    std::size_t m_limit;
    std::uint64_t m_seen = 0;
    std::mt19937_64 m_random;
};

} // namespace perfdash
