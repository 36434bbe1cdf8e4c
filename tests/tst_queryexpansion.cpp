#include "DashboardVariable.h"
#include "QueryExpansion.h"

#include <QTest>

using namespace perfdash;

class TestQueryExpansion : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void variablesInEverySyntax()
    {
        QueryExpansionScope scope;
        scope.values = { { QStringLiteral("job"), QStringLiteral("node") }, { QStringLiteral("node"), QStringLiteral("h1:9100") } };
        QCOMPARE(expandQuery(QStringLiteral(R"(up{job="$job",instance="${node}"} or up{job="[[job]]",x="${job:regex}"})"), scope),
            QStringLiteral(R"(up{job="node",instance="h1:9100"} or up{job="node",x="node"})"));
        // A name that is a prefix of another is not replaced inside it; unknown names and $1 stay.
        scope.values.insert(QStringLiteral("jo"), QStringLiteral("WRONG"));
        QCOMPARE(expandQuery(QStringLiteral(R"q(label_replace(up{job="$job"}, "a", "$1", "b", "(.*)") $unknown)q"), scope),
            QStringLiteral(R"q(label_replace(up{job="node"}, "a", "$1", "b", "(.*)") $unknown)q"));
    }

    // Grafana's formulas: $__interval is the step, $__rate_interval max(step + scrape, 4 × scrape).
    void builtIns_data()
    {
        QTest::addColumn<double>("step");
        QTest::addColumn<qint64>("rangeMs");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::addRow("rate interval floor") << 5.0 << qint64(3'600'000) << QStringLiteral("rate(x[$__rate_interval])")
                                             << QStringLiteral("rate(x[60s])");
        QTest::addRow("rate interval past floor") << 120.0 << qint64(86'400'000)
                                                  << QStringLiteral("rate(x[$__rate_interval])")
                                                  << QStringLiteral("rate(x[135s])");
        QTest::addRow("interval") << 2.5 << qint64(600'000) << QStringLiteral("avg_over_time(x[${__interval}])")
                                  << QStringLiteral("avg_over_time(x[2500ms])");
        QTest::addRow("interval ms") << 2.5 << qint64(600'000) << QStringLiteral("$__interval_ms")
                                     << QStringLiteral("2500");
        QTest::addRow("range") << 15.0 << qint64(3'600'000) << QStringLiteral("increase(x[$__range]) / $__range_s")
                               << QStringLiteral("increase(x[3600s]) / 3600");
        QTest::addRow("range ms") << 15.0 << qint64(90'000) << QStringLiteral("$__range_ms") << QStringLiteral("90000");
    }

    void builtIns()
    {
        QFETCH(double, step);
        QFETCH(qint64, rangeMs);
        QFETCH(QString, query);
        QFETCH(QString, expected);
        QueryExpansionScope scope;
        scope.stepSeconds = step;
        scope.rangeMs = rangeMs;
        QCOMPARE(expandQuery(query, scope), expected);
    }

    void labelValuesQueries()
    {
        const auto plain = parseLabelValuesQuery(QStringLiteral("label_values(job)"));
        QVERIFY(plain);
        QCOMPARE(plain->label, QStringLiteral("job"));
        QVERIFY(plain->match.isEmpty());
        const auto chained = parseLabelValuesQuery(QStringLiteral(R"( label_values(node_uname_info{job="$job", a="b"}, instance) )"));
        QVERIFY(chained);
        QCOMPARE(chained->match, QStringLiteral(R"(node_uname_info{job="$job", a="b"})"));
        QCOMPARE(chained->label, QStringLiteral("instance"));
        QVERIFY(!parseLabelValuesQuery(QStringLiteral("query_result(up)")));
        QVERIFY(!parseLabelValuesQuery(QStringLiteral("label_values(up, )")));
    }

    void optionsThroughRegex()
    {
        const QStringList values = { QStringLiteral("api-canary"), QStringLiteral("web-canary"), QStringLiteral("api"),
            QStringLiteral("api-canary") };
        QCOMPARE(variableOptions(values, QString()), QStringList({ "api", "api-canary", "web-canary" }));
        QCOMPARE(variableOptions(values, QStringLiteral("/(.*)-canary/")), QStringList({ "api", "web" }));
        QCOMPARE(variableOptions(values, QStringLiteral("^web")), QStringList({ "web-canary" }));
        QString problem;
        QCOMPARE(variableOptions(values, QStringLiteral("/(unclosed/"), &problem).size(), 3);
        QVERIFY2(problem.contains(QStringLiteral("not valid")), qPrintable(problem));
    }

    void allAndChoices()
    {
        DashboardVariable variable;
        variable.name = QStringLiteral("instance");
        variable.includeAll = true;
        const QStringList options = { QStringLiteral("a.example:9100"), QStringLiteral("b") };
        QCOMPARE(variableSubstitution(variable, QStringLiteral("b"), options), QStringLiteral("b"));
        QCOMPARE(variableSubstitution(variable, DashboardVariable::allChoice(), options),
            QStringLiteral(R"((a\.example:9100|b))"));
        variable.allValue = QStringLiteral(".*");
        QCOMPARE(variableSubstitution(variable, DashboardVariable::allChoice(), options), QStringLiteral(".*"));

        variable.current = QStringLiteral("gone");
        QCOMPARE(initialChoice(variable, options), DashboardVariable::allChoice());
        variable.includeAll = false;
        QCOMPARE(initialChoice(variable, options), QStringLiteral("a.example:9100"));
        variable.current = QStringLiteral("b");
        QCOMPARE(initialChoice(variable, options), QStringLiteral("b"));
        QCOMPARE(initialChoice(variable, {}), QString());
    }
};

QTEST_GUILESS_MAIN(TestQueryExpansion)
#include "tst_queryexpansion.moc"
