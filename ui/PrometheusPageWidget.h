#pragma once

#include "DataSourceDialog.h"
#include "PanelSpec.h"
#include "PromQLCompleter.h"

#include <QWidget>

namespace perfdash {

class DashboardView;
class QueryTimeBar;
class TimeSeriesStore;

// The "Prometheus" page: PromQL panels under a time range, refresh and data source bar. Right click on a
// panel edits its PromQL (with autocomplete from `lookup`) or refreshes; "Data source…" edits the
// server (its Test button runs `test`). It shows queries' results; whoever runs them listens here.
class PrometheusPageWidget : public QWidget {
    Q_OBJECT
public:
    PrometheusPageWidget(DashboardSpec spec, const TimeSeriesStore& store, DataSourceDialog::Tester test,
        PromQLCompleter::Fetch lookup, QWidget* parent = nullptr);

    DashboardView* view() const { return m_view; }
    QueryTimeBar* bar() const { return m_bar; }
    // The server the panels query changed elsewhere (it started, or another was given).
    void setSource(const DataSourceSpec& source);
    // The OS keychain behind the dialog's "Store in keychain…" and "Remove".
    void setKeychain(DataSourceDialog::Keychain keychain) { m_keychain = std::move(keychain); }

Q_SIGNALS:
    void refreshRequested();
    // A panel's PromQL was edited; the view shows the new spec already.
    void panelsEdited();
    // The user chose another server in "Data source…".
    void sourceEdited(const perfdash::DataSourceSpec& source);

private:
    void editSource();
    void editPanel(int index, const QPoint& globalPosition);

    DashboardSpec m_spec;
    DataSourceDialog::Tester m_test;
    DataSourceDialog::Keychain m_keychain;
    PromQLCompleter::Fetch m_lookup;
    QueryTimeBar* m_bar = nullptr;
    DashboardView* m_view = nullptr;
};

} // namespace perfdash
