#pragma once

#include "JsonObjectReader.h"
#include "PanelSpec.h"

#include <QJsonArray>
#include <QList>

namespace perfdash {

// The dashboard file's two annotation fields, read and written beside the others by DashboardFile:
//   "annotations": [{"time": "2026-12-02T07:00:00Z", "end": "…", "text": "deploy 4f2a", "tags": ["deploy"]}]
//   "annotationQueries": [{"source": "prom", "expr": "…", "text": "restart of {{job}}", "tags": ["deploy"]}]
// Readers take their key from the dashboard's reader and throw JsonReadError naming the place, like the
// file's other fields; an absent key reads as an empty list. Writers give an empty array for an empty list,
// which DashboardFile leaves out so files without annotations stay byte for byte what they were.

// User notes (Origin::User). Times are ISO 8601 strings with a zone, or whole unix milliseconds.
QList<Annotation> readAnnotations(JsonObjectReader& dashboard);
// `sources` are the dashboard's: each query must name one of its Prometheus sources.
QList<AnnotationQuerySpec> readAnnotationQueries(JsonObjectReader& dashboard, const QList<DataSourceSpec>& sources);

QJsonArray writeAnnotations(const QList<Annotation>& annotations);
QJsonArray writeAnnotationQueries(const QList<AnnotationQuerySpec>& queries);

} // namespace perfdash
