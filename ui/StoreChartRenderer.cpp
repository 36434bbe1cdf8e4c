#include "StoreChartRenderer.h"

#include "PanelChart.h"
#include "ScorecardReduction.h"
#include "TimeAxisTicks.h"
#include "TimeSeriesStore.h"

#include <algorithm>
#include <limits>

namespace perfdash {

QString storeLegendName(const Labels& labels, const QString& metric)
{
    if (labels.empty())
        return metric;
    QStringList values;
    for (const auto& [name, value] : labels)
        values << value;
    return values.join(QStringLiteral(", "));
}

StoreChartRenderer::StoreChartRenderer(const PanelSpec& spec, PanelChart& chart)
    : m_spec(spec)
    , m_chart(chart)
{
}

SeriesSelection StoreChartRenderer::draw(
    const TimeSeriesStore& store, qint64 fromMs, qint64 toMs, const QSet<QString>& pinned)
{
    // One M4 column per pixel column: what a line chart can show, and a cost that follows pixels.
    const int columns = m_chart.plotColumns();
    m_decimatedColumns = columns;
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();

    SeriesSelection selection = selectSeries(
        reduceStoreSeries(store, m_spec, fromMs, toMs), m_spec.target.direction, m_spec.maxSeries, pinned);
    m_chart.assignSlots(
        selection.drawn, [&](const QString& key) { return storeLegendName(store.labels(key), m_spec.metric); });
    for (const QString& key : selection.drawn) {
        TimeSeriesStore::DecimatedSeries decimated = store.decimate(key, fromMs, toMs, columns);
        if (m_spec.displayScale != 1.0) {
            for (QPointF& point : decimated.points)
                point.setY(point.y() * m_spec.displayScale);
        }
        if (!decimated.points.isEmpty() && m_chart.isShown(key)) {
            // A negative scale would swap the extremes.
            const double a = decimated.minValue * m_spec.displayScale;
            const double b = decimated.maxValue * m_spec.displayScale;
            low = std::min({ low, a, b });
            high = std::max({ high, a, b });
        }
        m_chart.setPoints(key, std::move(decimated.points));
    }

    m_chart.fitValueAxis(fromMs, toMs, low, high);
    m_chart.setTimeRange(fromMs, toMs, liveTimeAxisTicks(toMs - fromMs));
    m_chart.placeReferenceLabels();
    return selection;
}

QList<VisibleSeries> StoreChartRenderer::visibleSeries(const TimeSeriesStore& store, qint64 fromMs, qint64 toMs) const
{
    QList<VisibleSeries> result;
    for (const QString& key : store.seriesKeys(m_spec.metric)) {
        if (m_chart.hiddenKeys().contains(key))
            continue;
        VisibleSeries series { storeLegendName(store.labels(key), m_spec.metric), {} };
        for (const LatestSample& sample : store.samples(key, fromMs, toMs))
            series.points.append(QPointF(double(sample.timestampMs), sample.value * m_spec.displayScale));
        result << series;
    }
    return result;
}

} // namespace perfdash
