#include "ChartTheme.h"

#include "Theme.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>

namespace perfdash {

void styleChart(QChart* chart, const Theme& theme)
{
    chart->setBackgroundBrush(theme.chartBackground);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(theme.text);
    chart->legend()->setLabelColor(theme.text);
    const QList<QAbstractAxis*> axes = chart->axes();
    for (QAbstractAxis* axis : axes) {
        axis->setLabelsColor(theme.text);
        axis->setTitleBrush(theme.mutedText);
        axis->setLinePenColor(theme.axisLine);
        axis->setGridLineColor(theme.gridLine);
        axis->setMinorGridLineColor(theme.gridLine);
    }
}

} // namespace perfdash
