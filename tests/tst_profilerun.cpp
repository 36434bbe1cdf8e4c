#include "HeadlessTestMain.h"
#include "ProfileParameter.h"
#include "ProfileRunJson.h"
#include "RunComparison.h"
#include "RunComparisonJson.h"

#include <QJsonArray>
#include <QTest>
#include <cmath>

using namespace perfdash;

// Settings, the JSON format and before/after comparison, on hand-made runs.
class TestProfileRun : public QObject {
    Q_OBJECT

    static ProfileRun makeRun(const QString& component, const QMap<QString, QList<double>>& metrics,
        const QMap<QString, QString>& overrides = {})
    {
        QString error;
        ProfileRun run;
        run.settings = *ProfileSettings::make(component, overrides, &error);
        const qsizetype count = metrics.first().size();
        run.requestedRepetitions = int(count);
        run.startedAt = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
        for (qsizetype i = 0; i < count; ++i) {
            RepetitionResult repetition;
            repetition.index = int(i);
            repetition.durationMs = 10.5 + double(i);
            for (auto it = metrics.begin(); it != metrics.end(); ++it)
                repetition.metrics.insert(it.key(), it.value()[i]);
            run.repetitions << repetition;
        }
        return run;
    }

    static QList<double> around(double centre, double spread, int count, int offset = 0)
    {
        QList<double> values;
        for (int i = 0; i < count; ++i) {
            const int spreadIndex = ((i + offset) * 7) % count - count / 2; // a permutation, centred on 0
            values << centre + spread * double(spreadIndex) / count;
        }
        return values;
    }

private Q_SLOTS:
    void settingsFillDefaultsAndValidate()
    {
        QString error;
        const auto settings = ProfileSettings::make(QStringLiteral("cache"), { { "capacity", "50" } }, &error);
        QVERIFY2(settings, qPrintable(error));
        QCOMPARE(settings->integer(QStringLiteral("capacity")), 50);
        QCOMPARE(settings->text(QStringLiteral("policy")), QStringLiteral("tinylfu"));
        for (const QString& component : ProfileParameter::components())
            QVERIFY(ProfileSettings::make(component, {}, &error));
    }

    void badSettingsSayWhatIsWrong_data()
    {
        QTest::addColumn<QString>("component");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown component") << "disk"
                                           << ""
                                           << ""
                                           << "unknown component \"disk\" (known: cache, limiter, retry, pool)";
        QTest::addRow("unknown parameter") << "cache"
                                           << "capacityy"
                                           << "1"
                                           << "unknown parameter \"capacityy\" for component cache";
        QTest::addRow("not a number") << "cache"
                                      << "capacity"
                                      << "lots"
                                      << "\"capacity\" takes a whole number from 1 to 10000000, not \"lots\"";
        QTest::addRow("out of range") << "limiter"
                                      << "rate"
                                      << "-5"
                                      << "\"rate\" takes a number from 0.001 to 1e+09, not \"-5\"";
        QTest::addRow("bad choice") << "retry"
                                    << "jitter"
                                    << "fuzzy"
                                    << "\"jitter\" must be one of none, full, equal, decorrelated, not \"fuzzy\"";
    }

    void badSettingsSayWhatIsWrong()
    {
        QFETCH(QString, component);
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, message);
        QMap<QString, QString> overrides;
        if (!name.isEmpty())
            overrides.insert(name, value);
        QString error;
        QVERIFY(!ProfileSettings::make(component, overrides, &error));
        QVERIFY2(error.startsWith(message), qPrintable(error));
    }

    void assignmentsNeedAnEqualsSign()
    {
        QString error;
        QCOMPARE(ProfileSettings::parseAssignments({ QStringLiteral("a=1"), QStringLiteral("b= x=y") }, &error),
            (std::optional<QMap<QString, QString>>({ { "a", "1" }, { "b", " x=y" } })));
        QVERIFY(!ProfileSettings::parseAssignments({ QStringLiteral("capacity") }, &error));
        QCOMPARE(error, QStringLiteral("--set takes name=value, not \"capacity\""));
    }

    void jsonRoundTrips()
    {
        ProfileRun run = makeRun(QStringLiteral("cache"),
            { { "hit_ratio", { 0.5, 0.625, 0.75 } }, { "latency_p99_us", { 120.25, 99, 101 } } },
            { { "capacity", "64" }, { "zipf", "1.25" } });
        run.cancelled = true;
        run.notes << QStringLiteral("repetition 2: 3 Redis errors");
        QString error;
        const auto read = ProfileRunJson::read(ProfileRunJson::write(run), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->settings, run.settings);
        QCOMPARE(read->repetitions.size(), 3);
        QCOMPARE(read->repetitions[1].metrics, run.repetitions[1].metrics);
        QCOMPARE(read->repetitions[2].durationMs, 12.5);
        QCOMPARE(read->startedAt, run.startedAt);
        QVERIFY(read->cancelled);
        QCOMPARE(read->notes, run.notes);
        QVERIFY(ProfileRunJson::write(run).contains("\"capacity\": 64"));
    }

    void badJsonSaysWhere_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const QByteArray head = R"({"format":"perfdash-profile-run","version":1,"component":"cache",)";
        QTest::addRow("not json") << QByteArray("{oops") << "not valid JSON at byte ";
        QTest::addRow("array") << QByteArray("[]") << "expected a JSON object at the top level";
        QTest::addRow("other format") << QByteArray(R"({"format":"x"})") << "format: expected \"perfdash-profile-run\"";
        QTest::addRow("version") << QByteArray(R"({"format":"perfdash-profile-run","version":7})")
                                 << "version: this perfdash reads version 1 only";
        QTest::addRow("component") << QByteArray(R"({"format":"perfdash-profile-run","version":1,"component":"gpu"})")
                                   << "component: unknown component \"gpu\"";
        QTest::addRow("unknown parameter") << head + R"("parameters":{"size":3},"repetitions":[]})"
                                           << "parameters: unknown parameter \"size\" for component cache";
        QTest::addRow("bad parameter") << head + R"("parameters":{"capacity":1.5},"repetitions":[]})"
                                       << "parameters: \"capacity\" takes a whole number";
        QTest::addRow("no repetitions") << head + R"("parameters":{}})"
                                        << "repetitions: expected an array, got nothing";
        QTest::addRow("metric not a number")
            << head + R"("repetitions":[{"metrics":{"hit_ratio":0.5}},{"metrics":{"hit_ratio":"high"}}]})"
            << "repetitions[1].metrics.hit_ratio: expected a number, \"NaN\", \"+Inf\" or \"-Inf\", got the string \"high\"";
        QTest::addRow("unknown metric") << head + R"("repetitions":[{"metrics":{"speed":1}}]})"
                                        << "repetitions[0].metrics.speed: unknown metric";
    }

    void badJsonSaysWhere()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!ProfileRunJson::read(json, &error));
        QVERIFY2(error.startsWith(message), qPrintable(error));
    }

    void aRunComparedWithItselfShowsNoChange()
    {
        const ProfileRun run = makeRun(QStringLiteral("cache"),
            { { "throughput_ops_per_s", around(1e6, 2e5, 10) }, { "latency_p95_us", around(80, 30, 10) },
                { "hit_ratio", around(0.8, 0.05, 10) } });
        QString error;
        const auto comparison = RunComparison::compare(run, run, 0.05, &error);
        QVERIFY2(comparison, qPrintable(error));
        QCOMPARE(comparison->rows().size(), 3);
        for (const MetricComparison& row : comparison->rows()) {
            QCOMPARE(row.verdict, QStringLiteral("no detectable change"));
            QCOMPARE(row.relativeChange, 0.0);
        }
        QVERIFY(!comparison->hasRegression());
        QVERIFY(comparison->notes().isEmpty());
        QVERIFY(comparison->toText().contains("result: no regression"));
    }

    void verdictsFollowEachMetricsDirection()
    {
        const ProfileRun base = makeRun(QStringLiteral("cache"),
            { { "throughput_ops_per_s", around(1e6, 1e4, 10) }, { "latency_p95_us", around(80, 2, 10) },
                { "hit_ratio", around(0.80, 0.01, 10) }, { "peak_memory_bytes", around(5e7, 1e6, 10) } });
        const ProfileRun candidate = makeRun(QStringLiteral("cache"),
            { { "throughput_ops_per_s", around(1.2e6, 1e4, 10, 3) }, { "latency_p95_us", around(60, 2, 10, 1) },
                { "hit_ratio", around(0.60, 0.01, 10, 2) }, { "peak_memory_bytes", around(5e7, 1e6, 10, 5) } },
            { { "capacity", "100" } });
        QString error;
        const auto comparison = RunComparison::compare(base, candidate, 0.05, &error);
        QVERIFY2(comparison, qPrintable(error));
        QMap<QString, QString> verdicts;
        for (const MetricComparison& row : comparison->rows())
            verdicts.insert(row.metric.name, row.verdict);
        QCOMPARE(verdicts.value("throughput_ops_per_s"), QStringLiteral("faster, significant"));
        QCOMPARE(verdicts.value("latency_p95_us"), QStringLiteral("faster, significant"));
        QCOMPARE(verdicts.value("hit_ratio"), QStringLiteral("worse, significant"));
        QCOMPARE(verdicts.value("peak_memory_bytes"), QStringLiteral("no detectable change"));
        QVERIFY(comparison->hasRegression());
        QVERIFY(comparison->notes().contains(QStringLiteral("parameter capacity: 1000 → 100")));
        const QString text = comparison->toText();
        QVERIFY2(text.contains("worse, significant  ← regression"), qPrintable(text));
        QVERIFY(text.contains("result: regression"));
    }

    void comparisonJsonHoldsTheTable()
    {
        // Each metric's two samples do not overlap, except memory (no change) and the zero-base miss count.
        const ProfileRun base = makeRun(QStringLiteral("cache"),
            { { "throughput_ops_per_s", around(1e6, 1e4, 10) }, { "hit_ratio", around(0.80, 0.01, 10) },
                { "peak_memory_bytes", around(5e7, 1e6, 10) }, { "latency_p95_us", QList<double>(10, 0.0) } });
        ProfileRun candidate = makeRun(QStringLiteral("cache"),
            { { "throughput_ops_per_s", around(1.2e6, 1e4, 10, 3) }, { "hit_ratio", around(0.60, 0.01, 10, 2) },
                { "peak_memory_bytes", around(5e7, 1e6, 10, 5) }, { "latency_p95_us", QList<double>(10, 0.0) } },
            { { "capacity", "100" } });
        candidate.startedAt = candidate.startedAt.addSecs(60);
        QString error;
        const auto comparison = RunComparison::compare(base, candidate, 0.05, &error);
        QVERIFY2(comparison, qPrintable(error));
        const QJsonObject json = RunComparisonJson::write(base, candidate, *comparison);

        QCOMPARE(json.value("alpha").toDouble(), 0.05);
        QCOMPARE(json.value("regression"), QJsonValue(true));
        const QJsonObject baseline = json.value("baseline").toObject();
        QCOMPARE(baseline.value("component").toString(), QStringLiteral("cache"));
        QCOMPARE(baseline.value("startedAtUtc").toString(), QStringLiteral("2025-01-02T03:04:05.006Z"));
        QCOMPARE(baseline.value("repetitions").toInt(), 10);
        QCOMPARE(baseline.value("parameters").toObject().value("capacity"), QJsonValue(1000)); // typed, as in a run file
        const QJsonObject compared = json.value("compared").toObject();
        QCOMPARE(compared.value("startedAtUtc").toString(), QStringLiteral("2025-01-02T03:05:05.006Z"));
        QCOMPARE(compared.value("parameters").toObject().value("capacity"), QJsonValue(100));
        QCOMPARE(json.value("notes").toArray().toVariantList(), QVariant(comparison->notes()).toList());
        QVERIFY(comparison->notes().contains(QStringLiteral("parameter capacity: 1000 → 100")));

        QMap<QString, QJsonObject> rows;
        for (const auto& row : json.value("rows").toArray())
            rows.insert(row.toObject().value("metric").toString(), row.toObject());
        QCOMPARE(rows.size(), comparison->rows().size());
        QCOMPARE(rows.size(), 4);
        const QJsonObject throughput = rows.value("throughput_ops_per_s");
        QCOMPARE(throughput.value("verdict").toString(), QStringLiteral("faster, significant"));
        QCOMPARE(throughput.value("direction").toString(), QStringLiteral("higher-is-better"));
        QCOMPARE(throughput.value("unit").toString(), comparison->rows().first().metric.unit);
        // Ten against ten with no overlap: the exact two-sided p is 2 / C(20, 10).
        QCOMPARE(throughput.value("pValue").toDouble(), 2.0 / 184756);
        QCOMPARE(throughput.value("exact"), QJsonValue(true));
        QCOMPARE(throughput.value("regression"), QJsonValue(false));
        const QJsonObject hitRatio = rows.value("hit_ratio");
        QCOMPARE(hitRatio.value("verdict").toString(), QStringLiteral("worse, significant"));
        QCOMPARE(hitRatio.value("significant"), QJsonValue(true));
        QCOMPARE(hitRatio.value("regression"), QJsonValue(true));
        QCOMPARE(hitRatio.value("pValue").toDouble(), 2.0 / 184756);
        QCOMPARE(rows.value("peak_memory_bytes").value("verdict").toString(), QStringLiteral("no detectable change"));
        QCOMPARE(rows.value("peak_memory_bytes").value("significant"), QJsonValue(false));
        // A zero base median has no relative change: JSON has no NaN, so it is the string Prometheus uses.
        QCOMPARE(rows.value("latency_p95_us").value("relativeChangePercent"), QJsonValue(QStringLiteral("NaN")));
        for (const MetricComparison& expected : comparison->rows()) {
            const QJsonObject row = rows.value(expected.metric.name);
            QCOMPARE(row.value("verdict").toString(), expected.verdict);
            QCOMPARE(row.value("pValue").toDouble(), expected.pValue);
            QCOMPARE(row.value("baseMedian").toDouble(), expected.baseMedian);
            QCOMPARE(row.value("newMedian").toDouble(), expected.newMedian);
            if (std::isfinite(expected.relativeChange))
                QCOMPARE(row.value("relativeChangePercent").toDouble(), expected.relativeChange * 100);
        }
    }

    void fewRepetitionsAreWarnedAbout()
    {
        const ProfileRun base = makeRun(QStringLiteral("pool"), { { "latency_p50_us", { 1, 2, 3, 4, 5 } } });
        QString error;
        const auto comparison = RunComparison::compare(base, base, 0.05, &error);
        QVERIFY(comparison);
        QVERIFY(comparison->notes().first().startsWith("warning: only 5 repetitions"));
    }

    void runsOfDifferentComponentsDoNotCompare()
    {
        const ProfileRun cache = makeRun(QStringLiteral("cache"), { { "hit_ratio", { 1 } } });
        const ProfileRun pool = makeRun(QStringLiteral("pool"), { { "latency_p50_us", { 1 } } });
        QString error;
        QVERIFY(!RunComparison::compare(cache, pool, 0.05, &error));
        QCOMPARE(error, QStringLiteral("cannot compare a cache run with a pool run"));
        QVERIFY(!RunComparison::compare(cache, cache, 1.5, &error));
    }
};

PERFDASH_TEST_GUILESS_MAIN(TestProfileRun)
#include "tst_profilerun.moc"
