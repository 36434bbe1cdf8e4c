#pragma once

#include <vector>

namespace perfdash {

// Holm's step-down correction for a family of tests: sorted ascending, p(k) is compared with
// alpha / (m − k + 1) until the first one fails. It controls the chance of any false positive in the
// family without assuming the tests are independent, and rejects at least as much as Bonferroni.
class HolmCorrection {
public:
    // The adjusted p-values, in the input's order: the smallest alpha at which each test would be
    // rejected, max over j ≤ k of min(1, (m − j + 1) · p(j)). A test is significant when its adjusted
    // p-value is at most alpha (Holm's "p(k) ≤ alpha / (m − k + 1)", so p = 0.01 among five passes at 0.05).
    static std::vector<double> adjust(const std::vector<double>& pValues);
    static std::vector<bool> significant(const std::vector<double>& pValues, double alpha);
};

} // namespace perfdash
