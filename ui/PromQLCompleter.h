#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>
#include <functional>

class QCompleter;
class QLineEdit;
class QStringListModel;

namespace perfdash {

// Autocomplete for a PromQL line edit: metric names (and functions) where an expression starts, label
// names inside {…} and by/without (…), label values after label=". Lists come from the data source
// through `fetch` (the app wires it to /api/v1/label/…/values and /api/v1/labels) and are cached.
class PromQLCompleter : public QObject {
    Q_OBJECT
public:
    // label: "__name__" for metric names, "" for label names, else the label whose values are wanted.
    using Fetch = std::function<void(const QString& label, QObject* context, std::function<void(QStringList)> done)>;

    PromQLCompleter(QLineEdit* edit, Fetch fetch);

    // What the completer offers at the cursor now, filtered by the word being typed (for tests).
    QStringList candidates() const;
    QCompleter* completer() const { return m_completer; }
    // Recomputes the context at the cursor and pops the list up when there is something to offer.
    void update();
    // Forgets the fetched lists: the data source changed.
    void clearCache();

private:
    struct Context {
        QString label; // as in Fetch
        QString prefix; // the part already typed
    };
    Context contextAtCursor() const;
    void insert(const QString& completion);
    void show(const Context& context, const QStringList& words);

    QLineEdit* m_edit = nullptr;
    Fetch m_fetch;
    QCompleter* m_completer = nullptr;
    QStringListModel* m_model = nullptr;
    QHash<QString, QStringList> m_cache;
    int m_cacheGeneration = 0; // answers fetched before clearCache() are dropped
    Context m_shown;
};

} // namespace perfdash
