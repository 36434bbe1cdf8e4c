#pragma once

// Shared by every bench_*.cpp: how a benchmark becomes one side of a row of the scripts/bench table.
//
// A row pairs "ours" with one or more baselines measured in the same run on the same data:
//   rowLabel(state, "JSON", "v1 batches, 1,000 samples", "ours", "M samples/s");
//   rowLabel(state, "JSON", "v1 batches, 1,000 samples", "baseline: QJsonDocument", "M samples/s");
// The figure is state.counters["value"] when set, otherwise the benchmark's real time per iteration (in
// ms). An optional state.counters["goal"] is checked against "ours", or "gain_goal" against the gain. Units ending in "/s" are better
// when higher, every other unit when lower; the table's gain column is oriented so that > 1 means ours
// is better.

#include <QByteArray>
#include <QStringList>
#include <benchmark/benchmark.h>
#include <cstdint>
#include <string>
#include <vector>

namespace perfdash::bench {

void rowLabel(benchmark::State& state, const std::string& section, const std::string& row, const std::string& role,
    const std::string& unit);
inline void setValue(benchmark::State& state, double value) { state.counters["value"] = value; }
inline void setGoal(benchmark::State& state, double goal) { state.counters["goal"] = goal; }
// A goal on the gain over the row's first baseline instead of on ours: "at least 10x faster than it".
inline void setGainGoal(benchmark::State& state, double gain) { state.counters["gain_goal"] = gain; }

// Child processes, for figures that need a fresh process (RSS): a bench registers a mode and runs
// itself with --child=NAME; the child's stdout comes back.
using ChildMain = int (*)(const QStringList& arguments);
bool registerChild(const char* name, ChildMain main);
int runChildIfRequested(int argc, char** argv); // -1 when this is not a child
QByteArray runChild(const char* name, const QStringList& arguments = {}, int timeoutMs = 300'000);
// Resident set size of this process, from /proc/self/status.
double residentMegabytes();

// Demo-like values: a random walk rounded to `decimals`, the way exporters print latencies and ratios.
std::vector<double> demoLikeValues(std::size_t n, std::uint64_t seed, int decimals = 3);

} // namespace perfdash::bench
