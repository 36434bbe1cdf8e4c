#pragma once

#include "PanelQueryState.h"
#include "PanelSpec.h"
#include "WindowComparison.h"

#include <QStringList>

namespace perfdash {

class TimeSeriesStore;

// What a panel holds in the before and after windows, in display units and time order (NaN kept, for the
// comparison to count): the series a panel draws, read from the store for a stream panel, or from the
// lines of a PromQL answer, whose points share one step in both windows.
PanelWindowValues storeWindowValues(const TimeSeriesStore& store, const PanelSpec& spec, const QStringList& seriesKeys,
    const TimeWindow& before, const TimeWindow& after);
PanelWindowValues lineWindowValues(const QList<PanelLine>& lines, const PanelSpec& spec, const QStringList& names,
    const TimeWindow& before, const TimeWindow& after);

} // namespace perfdash
