#include "QueryTimeBar.h"

#include "TextTone.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimeZone>
#include <QToolButton>

namespace perfdash {

namespace {
    constexpr qint64 absoluteRange = -1;
}

QueryTimeBar::QueryTimeBar(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    auto* sourceButton = new QPushButton(QStringLiteral("Data source…"), this);
    sourceButton->setObjectName(QStringLiteral("editSourceButton"));
    connect(sourceButton, &QPushButton::clicked, this, &QueryTimeBar::editSourceRequested);
    layout->addWidget(sourceButton);
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("sourceStatus"));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_source, 1);

    layout->addWidget(new QLabel(QStringLiteral("Range:"), this));
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("rangeChoice"));
    const std::pair<const char*, qint64> ranges[]
        = { { "last 5 m", 5 * 60'000 }, { "last 15 m", 15 * 60'000 }, { "last 1 h", 3'600'000 },
              { "last 6 h", 6 * 3'600'000 }, { "last 24 h", 24 * 3'600'000 }, { "absolute…", absoluteRange } };
    for (const auto& [label, ms] : ranges)
        m_range->addItem(QString::fromLatin1(label), ms);
    layout->addWidget(m_range);
    m_from = new QDateTimeEdit(this);
    m_to = new QDateTimeEdit(this);
    for (QDateTimeEdit* edit : { m_from, m_to }) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
        layout->addWidget(edit);
    }
    m_utc = new QCheckBox(QStringLiteral("UTC"), this);
    m_utc->setObjectName(QStringLiteral("utcCheck"));
    m_utc->setToolTip(QStringLiteral("Show and enter times in UTC instead of local time"));
    layout->addWidget(m_utc);

    layout->addWidget(new QLabel(QStringLiteral("Refresh:"), this));
    m_refresh = new QComboBox(this);
    m_refresh->setObjectName(QStringLiteral("refreshChoice"));
    const std::pair<const char*, int> refreshes[]
        = { { "off", 0 }, { "5 s", 5'000 }, { "15 s", 15'000 }, { "1 m", 60'000 } };
    for (const auto& [label, ms] : refreshes)
        m_refresh->addItem(QString::fromLatin1(label), ms);
    layout->addWidget(m_refresh);
    m_refreshNow = new QPushButton(QStringLiteral("Refresh now"), this);
    m_refreshNow->setObjectName(QStringLiteral("refreshNowButton"));
    connect(m_refreshNow, &QPushButton::clicked, this, &QueryTimeBar::refreshRequested);
    layout->addWidget(m_refreshNow);

    const auto changed = [this] {
        if (m_updating)
            return;
        updateAbsoluteEditors();
        Q_EMIT settingsChanged(settings());
    };
    connect(m_range, &QComboBox::currentIndexChanged, this, changed);
    connect(m_refresh, &QComboBox::currentIndexChanged, this, changed);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, changed);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, changed);
    connect(m_utc, &QCheckBox::toggled, this, [this, changed](bool utc) {
        // The same instants, shown in the other zone.
        const QTimeZone zone = utc ? QTimeZone::utc() : QTimeZone::systemTimeZone();
        m_updating = true;
        m_from->setTimeSpec(utc ? Qt::UTC : Qt::LocalTime);
        m_to->setTimeSpec(utc ? Qt::UTC : Qt::LocalTime);
        m_from->setDateTime(m_from->dateTime().toTimeZone(zone));
        m_to->setDateTime(m_to->dateTime().toTimeZone(zone));
        m_updating = false;
        changed();
    });
    setSettings(QueryTimeSettings {});
}

QueryTimeSettings QueryTimeBar::settings() const
{
    QueryTimeSettings settings;
    const qint64 range = m_range->currentData().toLongLong();
    settings.absolute = range == absoluteRange;
    if (!settings.absolute)
        settings.lastMs = range;
    settings.fromMs = m_from->dateTime().toMSecsSinceEpoch();
    settings.toMs = m_to->dateTime().toMSecsSinceEpoch();
    settings.utc = m_utc->isChecked();
    settings.refreshMs = m_refresh->currentData().toInt();
    return settings;
}

void QueryTimeBar::setSettings(const QueryTimeSettings& settings)
{
    m_updating = true;
    const int range = m_range->findData(settings.absolute ? absoluteRange : settings.lastMs);
    m_range->setCurrentIndex(range >= 0 ? range : 1);
    m_utc->setChecked(settings.utc);
    const Qt::TimeSpec spec = settings.utc ? Qt::UTC : Qt::LocalTime;
    m_from->setTimeSpec(spec);
    m_to->setTimeSpec(spec);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = settings.absolute ? settings.fromMs : now - settings.lastMs;
    const qint64 to = settings.absolute ? settings.toMs : now;
    m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(from, spec));
    m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(to, spec));
    const int refresh = m_refresh->findData(settings.refreshMs);
    m_refresh->setCurrentIndex(refresh >= 0 ? refresh : 0);
    m_updating = false;
    updateAbsoluteEditors();
}

void QueryTimeBar::setSourceStatus(const QString& text, bool healthy)
{
    m_source->setText(text);
    setTextTone(m_source, healthy ? TextTone::Good : TextTone::Bad);
}

QString QueryTimeBar::sourceStatusText() const { return m_source->text(); }

void QueryTimeBar::setNavigationActions(const QList<QAction*>& actions)
{
    for (QAction* action : actions) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        layout()->addWidget(button);
    }
}

void QueryTimeBar::updateAbsoluteEditors()
{
    const bool absolute = m_range->currentData().toLongLong() == absoluteRange;
    m_from->setVisible(absolute);
    m_to->setVisible(absolute);
}

} // namespace perfdash
