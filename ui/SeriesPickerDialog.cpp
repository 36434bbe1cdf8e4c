#include "SeriesPickerDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace perfdash {

SeriesPickerDialog::SeriesPickerDialog(
    const QStringList& keys, const QSet<QString>& pinned, int maxDrawn, QWidget* parent)
    : QDialog(parent)
    , m_maxDrawn(maxDrawn)
{
    resize(560, 480);
    m_model = new QStandardItemModel(this);
    m_model->setColumnCount(1);
    QList<QStandardItem*> items;
    items.reserve(keys.size());
    for (const QString& key : keys) {
        auto* item = new QStandardItem(key);
        item->setEditable(false);
        item->setCheckable(true);
        item->setCheckState(pinned.contains(key) ? Qt::Checked : Qt::Unchecked);
        items << item;
    }
    // One call for all rows: appending row by row would signal once per row.
    m_model->insertRows(0, int(items.size()));
    for (int row = 0; row < items.size(); ++row)
        m_model->setItem(row, items[row]);
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("seriesSearch"));
    m_search->setPlaceholderText(QStringLiteral("Search series, e.g. id=\"42\" or endpoint"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setFilterFixedString(text);
        updateCount();
    });
    m_list = new QListView(this);
    m_list->setModel(m_filter);
    m_list->setUniformItemSizes(true); // tens of thousands of rows lay out at the cost of one
    m_checked = pinned;
    connect(m_model, &QStandardItemModel::itemChanged, this, [this](QStandardItem* item) {
        if (item->checkState() == Qt::Checked)
            m_checked.insert(item->text());
        else
            m_checked.remove(item->text());
        updateCount();
    });
    m_count = new QLabel(this);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Pin checked"));
    QPushButton* clear = buttons->addButton(QStringLiteral("Unpin all"), QDialogButtonBox::ResetRole);
    connect(clear, &QPushButton::clicked, this, [this] {
        for (int row = 0; row < m_model->rowCount() && !m_checked.isEmpty(); ++row) {
            if (m_model->item(row)->checkState() == Qt::Checked)
                m_model->item(row)->setCheckState(Qt::Unchecked);
        }
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_count);
    layout->addWidget(buttons);
    updateCount();
}

QSet<QString> SeriesPickerDialog::pinnedSeries() const { return m_checked; }

void SeriesPickerDialog::setFilterText(const QString& text) { m_search->setText(text); }

int SeriesPickerDialog::shownCount() const { return m_filter->rowCount(); }

void SeriesPickerDialog::setShownRowChecked(int row, bool checked)
{
    const QModelIndex source = m_filter->mapToSource(m_filter->index(row, 0));
    if (QStandardItem* item = m_model->itemFromIndex(source))
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void SeriesPickerDialog::updateCount()
{
    const QLocale english(QLocale::English);
    const qsizetype pinned = m_checked.size();
    QString text = QStringLiteral("%1 of %2 series shown · %3 pinned")
                       .arg(english.toString(m_filter->rowCount()), english.toString(m_model->rowCount()),
                           english.toString(qlonglong(pinned)));
    if (pinned > m_maxDrawn)
        text += QStringLiteral(" · the panel draws at most %1, so only the first %1 pinned by name are drawn")
                    .arg(m_maxDrawn);
    m_count->setText(text);
}

} // namespace perfdash
