#pragma once

#include "Annotation.h"
#include "PanelSpec.h"
#include "QueryResult.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace perfdash {

class AnnotationLog;
class PrometheusClient;

// A range query's answer as annotations, the way Grafana reads an annotation query: each run of
// consecutive steps (points at most one step apart) where a series is non-zero and finite becomes ONE
// point annotation at the run's first step. Text: the query's text with {{label}} filled from the series'
// labels, or the expression when the query has none; tags: the query's; origin: Query.
QList<Annotation> annotationsFromSeries(
    const QList<QuerySeries>& series, const AnnotationQuerySpec& query, double stepMs);

// Runs a dashboard's annotation queries as PromQL range queries over a time range and hands back the
// annotations of the answer: with annotationsReady, and into an AnnotationLog when given one, where they
// replace the log's earlier Origin::Query annotations. A query whose source is unknown or whose server
// fails is reported with queryFailed, naming the query and the source, and keeps its previous answer.
// Clients come from `clients` (the PanelQueryRunner's, so a source has one client with its credentials).
class AnnotationQueryRunner : public QObject {
    Q_OBJECT
public:
    // The client of a Prometheus data source by id; nullptr when there is none (unknown, pending, failed).
    using ClientLookup = std::function<PrometheusClient*(const QString& sourceId)>;

    explicit AnnotationQueryRunner(ClientLookup clients, QObject* parent = nullptr);
    ~AnnotationQueryRunner() override;

    void setQueries(const QList<AnnotationQuerySpec>& queries);
    QList<AnnotationQuerySpec> queries() const { return m_queries; }
    // Not owned; must outlive the runner or be unset first. nullptr: answers go to annotationsReady only.
    void setLog(AnnotationLog* log) { m_log = log; }
    // What the dashboard variables stand for in the expressions, as for panel queries (PanelQueryRunner).
    void setVariableValues(const QHash<QString, QString>& values) { m_variableValues = values; }

    // Runs every query over [fromMs, toMs] with the step of a panel `pixelColumns` wide (about one step per
    // column), as PromQL panels choose theirs. A run started before the last one answered supersedes it.
    void run(qint64 fromMs, qint64 toMs, int pixelColumns = 1000);
    bool isBusy() const { return m_pending > 0; }

Q_SIGNALS:
    // After every query of a run answered or failed: the annotations of the range, in time order.
    void annotationsReady(qint64 fromMs, qint64 toMs, const QList<perfdash::Annotation>& annotations);
    // One per failing query: 'annotation query "EXPR" on source "ID": reason'.
    void queryFailed(const QString& reason);

private:
    void answered(int index, quint64 generation, const QList<Annotation>* annotations, const QString& error);
    void finishRun();

    ClientLookup m_clients;
    QList<AnnotationQuerySpec> m_queries;
    QHash<QString, QString> m_variableValues;
    AnnotationLog* m_log = nullptr;
    // The last good answer per query, kept while the query fails.
    QHash<int, QList<Annotation>> m_lastAnswers;
    quint64 m_generation = 0;
    int m_pending = 0;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace perfdash
