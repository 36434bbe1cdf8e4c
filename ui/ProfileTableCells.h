#pragma once

#include <QString>

class QTableWidgetItem;

namespace perfdash {

// How the Profiling tab's tables show a number: four significant digits, "–" for none.
QString profileCellText(double value);

// A read-only table cell, right-aligned unless told otherwise.
QTableWidgetItem* profileTableItem(const QString& text, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter);

} // namespace perfdash
