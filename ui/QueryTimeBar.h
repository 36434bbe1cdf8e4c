#pragma once

#include "QueryTimeSettings.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;

namespace perfdash {

// The controls of PromQL panels: data source (with its state), time range (last 5 m … 24 h or absolute
// from/to), UTC or local time, auto-refresh (off, 5 s, 15 s, 1 m) and "refresh now".
class QueryTimeBar : public QWidget {
    Q_OBJECT
public:
    explicit QueryTimeBar(QWidget* parent = nullptr);

    QueryTimeSettings settings() const;
    void setSettings(const QueryTimeSettings& settings);
    // What the data source is and how it is doing ("Prometheus 2.42.0 at http://…", or why it fails).
    void setSourceStatus(const QString& text, bool healthy);
    QString sourceStatusText() const;
    // Back, Forward and Live of the page's view, as buttons at the bar's end.
    void setNavigationActions(const QList<QAction*>& actions);

Q_SIGNALS:
    void settingsChanged(const perfdash::QueryTimeSettings& settings);
    void refreshRequested();
    void editSourceRequested();

private:
    void updateAbsoluteEditors();

    QLabel* m_source = nullptr;
    QComboBox* m_range = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QCheckBox* m_utc = nullptr;
    QComboBox* m_refresh = nullptr;
    QPushButton* m_refreshNow = nullptr;
    bool m_updating = false;
};

} // namespace perfdash
