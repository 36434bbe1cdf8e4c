#include "AnnotationQueryRunner.h"

#include "AnnotationLog.h"
#include "PanelQueryState.h"
#include "PrometheusClient.h"
#include "QueryExpansion.h"
#include "QueryTimeSettings.h"

#include <algorithm>
#include <cmath>

namespace perfdash {

QList<Annotation> annotationsFromSeries(
    const QList<QuerySeries>& series, const AnnotationQuerySpec& query, double stepMs)
{
    // Prometheus leaves out the steps where a series has no value: points further apart than a step (plus
    // slack for rounding) are a gap, and the run after it is a new one.
    const double longestStepMs = stepMs * 1.5;
    QList<Annotation> annotations;
    for (const QuerySeries& one : series) {
        const QString text = query.text.isEmpty() ? query.expr : legendNameFor(one.labels, query.text);
        bool inRun = false;
        double previousMs = 0;
        for (const QPointF& point : one.points) {
            const bool on = std::isfinite(point.y()) && point.y() != 0.0;
            if (on && !(inRun && point.x() - previousMs <= longestStepMs)) {
                Annotation annotation;
                annotation.timeMs = annotation.endMs = qint64(std::llround(point.x()));
                annotation.text = text;
                annotation.tags = query.tags;
                annotation.origin = Annotation::Origin::Query;
                annotations << annotation;
            }
            inRun = on;
            previousMs = point.x();
        }
    }
    return annotations;
}

AnnotationQueryRunner::AnnotationQueryRunner(ClientLookup clients, QObject* parent)
    : QObject(parent)
    , m_clients(std::move(clients))
{
}

AnnotationQueryRunner::~AnnotationQueryRunner() = default;

void AnnotationQueryRunner::setQueries(const QList<AnnotationQuerySpec>& queries)
{
    m_queries = queries;
    m_lastAnswers.clear(); // by index: they belonged to the queries replaced here
    ++m_generation; // answers on their way are for the old queries
    m_pending = 0;
}

void AnnotationQueryRunner::run(qint64 fromMs, qint64 toMs, int pixelColumns)
{
    const quint64 generation = ++m_generation;
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_pending = int(m_queries.size());
    if (m_queries.isEmpty()) {
        finishRun(); // no queries (any more): their annotations go from the log too
        return;
    }
    const double stepSeconds = queryStepSeconds(toMs - fromMs, pixelColumns, 0);
    for (int index = 0; index < m_queries.size(); ++index) {
        const AnnotationQuerySpec& query = m_queries[index];
        if (toMs <= fromMs) {
            answered(
                index, generation, nullptr, QStringLiteral("the time range is empty: \"to\" must be after \"from\""));
            continue;
        }
        PrometheusClient* client = m_clients ? m_clients(query.sourceId) : nullptr;
        if (!client) {
            answered(index, generation, nullptr,
                QStringLiteral("no Prometheus data source \"%1\" is configured or ready").arg(query.sourceId));
            continue;
        }
        client->queryRange(expandQuery(query.expr, { m_variableValues, toMs - fromMs, stepSeconds }), fromMs, toMs,
            stepSeconds, this, [this, index, generation, query, stepSeconds](const PrometheusResponse& response) {
                if (!response.ok()) {
                    answered(index, generation, nullptr, response.message());
                    return;
                }
                const QList<Annotation> annotations
                    = annotationsFromSeries(response.result.series, query, stepSeconds * 1000.0);
                answered(index, generation, &annotations, QString());
            });
    }
}

void AnnotationQueryRunner::answered(
    int index, quint64 generation, const QList<Annotation>* annotations, const QString& error)
{
    if (generation != m_generation)
        return; // a newer run or other queries superseded this one
    if (annotations) {
        m_lastAnswers.insert(index, *annotations);
    } else {
        const AnnotationQuerySpec& query = m_queries[index];
        Q_EMIT queryFailed(
            QStringLiteral("annotation query \"%1\" on source \"%2\": %3").arg(query.expr, query.sourceId, error));
    }
    if (--m_pending == 0)
        finishRun();
}

void AnnotationQueryRunner::finishRun()
{
    QList<Annotation> annotations;
    for (const QList<Annotation>& answer : std::as_const(m_lastAnswers)) {
        for (const Annotation& annotation : answer) {
            if (annotation.overlaps(m_fromMs, m_toMs))
                annotations << annotation;
        }
    }
    std::stable_sort(annotations.begin(), annotations.end(),
        [](const Annotation& a, const Annotation& b) { return a.timeMs < b.timeMs; });
    if (m_log) {
        m_log->removeOrigin(Annotation::Origin::Query);
        m_log->add(annotations);
    }
    Q_EMIT annotationsReady(m_fromMs, m_toMs, annotations);
}

} // namespace perfdash
