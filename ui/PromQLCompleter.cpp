#include "PromQLCompleter.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStringListModel>
#include <algorithm>

namespace perfdash {

namespace {
    const QStringList promqlFunctions
        = { QStringLiteral("rate"), QStringLiteral("irate"), QStringLiteral("increase"), QStringLiteral("sum"),
              QStringLiteral("avg"), QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("count"),
              QStringLiteral("histogram_quantile"), QStringLiteral("max_over_time"), QStringLiteral("avg_over_time"),
              QStringLiteral("min_over_time"), QStringLiteral("quantile_over_time"), QStringLiteral("topk"),
              QStringLiteral("bottomk"), QStringLiteral("delta"), QStringLiteral("deriv"), QStringLiteral("abs"),
              QStringLiteral("clamp_min"), QStringLiteral("clamp_max"), QStringLiteral("label_replace") };
}

PromQLCompleter::PromQLCompleter(QLineEdit* edit, Fetch fetch)
    : QObject(edit)
    , m_edit(edit)
    , m_fetch(std::move(fetch))
{
    m_model = new QStringListModel(this);
    m_completer = new QCompleter(m_model, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    // Not edit->setCompleter(): that would replace the whole query with the chosen word.
    m_completer->setWidget(edit);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this, &PromQLCompleter::insert);
    connect(edit, &QLineEdit::textEdited, this, &PromQLCompleter::update);
}

PromQLCompleter::Context PromQLCompleter::contextAtCursor() const
{
    const QString before = m_edit->text().left(m_edit->cursorPosition());
    static const QRegularExpression labelValue(
        QStringLiteral("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)$"));
    if (const auto match = labelValue.match(before); match.hasMatch())
        return { match.captured(1), match.captured(3) };
    static const QRegularExpression word(QStringLiteral("[a-zA-Z0-9_:]*$"));
    const QString prefix = word.match(before).captured(0);
    const QString head = before.left(before.size() - prefix.size());
    // Inside an unclosed { } or by/without ( ): label names.
    const bool inSelector = head.lastIndexOf(QLatin1Char('{')) > head.lastIndexOf(QLatin1Char('}'));
    static const QRegularExpression grouping(QStringLiteral("\\b(by|without)\\s*\\([^)]*$"));
    if (inSelector || grouping.match(head).hasMatch())
        return { QString(), prefix };
    return { QStringLiteral("__name__"), prefix };
}

void PromQLCompleter::update()
{
    const Context context = contextAtCursor();
    if (context.label == QLatin1String("__name__") && context.prefix.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    const auto cached = m_cache.constFind(context.label);
    if (cached != m_cache.cend()) {
        show(context, *cached);
        return;
    }
    if (!m_fetch)
        return;
    m_fetch(context.label, this, [this, label = context.label, generation = m_cacheGeneration](QStringList words) {
        if (generation != m_cacheGeneration)
            return;
        if (label == QLatin1String("__name__"))
            words += promqlFunctions;
        m_cache.insert(label, words);
        const Context now = contextAtCursor();
        if (now.label == label)
            show(now, words);
        else
            m_shown = now;
    });
}

void PromQLCompleter::show(const Context& context, const QStringList& words)
{
    m_shown = context;
    m_model->setStringList(words);
    m_completer->setCompletionPrefix(context.prefix);
    // The list is kept either way; it pops up only where the user is typing.
    if (m_completer->completionCount() > 0 && m_edit->isVisible() && m_edit->hasFocus()) {
        // As wide as the longest name: metric names are long and the edit may be narrow.
        QAbstractItemView* popup = m_completer->popup();
        QRect below = m_edit->rect();
        below.setWidth(std::max(below.width(),
            popup->sizeHintForColumn(0) + popup->verticalScrollBar()->sizeHint().width() + 2 * popup->frameWidth()));
        m_completer->complete(below);
    } else
        m_completer->popup()->hide();
}

void PromQLCompleter::clearCache()
{
    m_cache.clear();
    ++m_cacheGeneration;
    m_model->setStringList({});
    m_completer->popup()->hide();
}

QStringList PromQLCompleter::candidates() const
{
    const Context context = contextAtCursor();
    QStringList words = m_cache.value(context.label);
    if (context.label == QLatin1String("__name__") && context.prefix.isEmpty())
        return {};
    return words.filter(context.prefix, Qt::CaseInsensitive);
}

void PromQLCompleter::insert(const QString& completion)
{
    const Context context = contextAtCursor();
    const int cursor = m_edit->cursorPosition();
    QString text = m_edit->text();
    text.replace(cursor - context.prefix.size(), context.prefix.size(), completion);
    m_edit->setText(text);
    m_edit->setCursorPosition(cursor - int(context.prefix.size()) + int(completion.size()));
}

} // namespace perfdash
