#pragma once

#include "HistogramColumn.h"

namespace perfdash {

// Whether a native histogram holds observations below zero, above zero, or both: Prometheus narrows the
// zero bucket [-threshold, threshold] to [0, threshold] for a histogram with only positive buckets (and to
// [-threshold, 0] with only negative ones) before interpolating in it, for quantiles and fractions alike.
struct NativeBucketSides {
    bool negative = false;
    bool positive = false;

    // A side counts when one of its buckets is not empty (the HTTP API sends no empty bucket).
    static NativeBucketSides of(const HistogramColumn& column);
    // Narrows [lower, upper] if it is the zero bucket (lower < 0 < upper) and only one side is populated.
    void adjustZeroBucket(double& lower, double& upper) const;
};

} // namespace perfdash
