#pragma once

#include <QDialog>
#include <QSet>
#include <QStringList>

class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

namespace perfdash {

// Every series of a panel, searchable, with a check box each: the checked ones are pinned, so the panel
// draws them whatever their values. Built for tens of thousands of series (one list model, filtered).
class SeriesPickerDialog : public QDialog {
    Q_OBJECT
public:
    SeriesPickerDialog(const QStringList& keys, const QSet<QString>& pinned, int maxDrawn, QWidget* parent = nullptr);

    QSet<QString> pinnedSeries() const;
    // For tests: type into the search field, check a row of what it shows.
    void setFilterText(const QString& text);
    int shownCount() const;
    void setShownRowChecked(int row, bool checked);

private:
    void updateCount();

    QStandardItemModel* m_model = nullptr;
    QSortFilterProxyModel* m_filter = nullptr;
    QLineEdit* m_search = nullptr;
    QListView* m_list = nullptr;
    QLabel* m_count = nullptr;
    int m_maxDrawn = 0;
    QSet<QString> m_checked; // kept as boxes change: scanning 20,000 rows per click would not do
};

} // namespace perfdash
