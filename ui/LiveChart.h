#pragma once

#include <QList>
#include <QPointF>
#include <QWidget>

namespace perfdash {

// A small line chart for live values: series are handed whole lists through replace() and the axes
// are fitted to the data (Qt Charts axes do not follow data). Hides every Qt Charts type.
class LiveChart : public QWidget {
    Q_OBJECT
public:
    LiveChart(const QString& title, const QString& unit, const QStringList& seriesNames, QWidget* parent = nullptr);
    ~LiveChart() override;

    // One list per series, in the order of seriesNames. yFloor/yCeiling fix the axis when both are set.
    void setData(const QList<QList<QPointF>>& series, double yFloor = qQNaN(), double yCeiling = qQNaN());
    void clear();
    int pointCount() const { return m_points; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyTheme();

    struct Parts;
    Parts* m_parts;
    int m_points = 0;
};

} // namespace perfdash
