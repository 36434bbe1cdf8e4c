#include "ProfileTableCells.h"

#include "ValueFormat.h"

#include <QTableWidgetItem>
#include <cmath>

namespace perfdash {

QString profileCellText(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    return formatNumber(value, 4);
}

QTableWidgetItem* profileTableItem(const QString& text, Qt::Alignment alignment)
{
    auto* cell = new QTableWidgetItem(text);
    cell->setTextAlignment(alignment);
    cell->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return cell;
}

} // namespace perfdash
