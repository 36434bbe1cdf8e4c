#pragma once

#include "PanelWindowPoints.h"
#include "TimeSeriesStore.h"

namespace perfdash {

// A stream panel's values in both windows, from what the session stored: every series of the panel's metric,
// its raw samples (TimeSeriesStore::samples) inside each half-open window, named as the legend names them.
PanelWindowPoints storeWindowValues(const TimeSeriesStore& store, const PanelSpec& spec, const WindowPair& windows);

} // namespace perfdash
