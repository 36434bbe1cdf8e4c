#pragma once

class QChart;

namespace perfdash {

struct Theme;

// A chart's background, title, legend labels and every axis (labels, title, line, grid) in the theme's
// colours. Qt Charts' own themes would also recolour the series and reset fonts, so they are not used.
void styleChart(QChart* chart, const Theme& theme);

} // namespace perfdash
