package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.engine.BuildFailedException;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.report.NodeResult;
import org.sqlwarehouse.report.NodeStatus;

/**
 * How data tests are judged and what they leave, as in dbt: fail_calc, warn_if, error_if, limit,
 * severity and store_failures, checked in the results and in the database.
 */
abstract class DataTestConfigsContract extends DialectContract {
    private Warehouse warehouse(Path project) {
        TargetDefinition target = target(false);
        return new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("judged")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("judge").systemUserName("judge")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0")
                .log(new SafetyFixture.RecordingLog()).build());
    }

    private Map<String, NodeResult> testResults(Path project) {
        BuildFailedException failed = (BuildFailedException) catchThrowable(() -> warehouse(project).build());
        assertThat(failed).as("the build fails: some tests fail").isNotNull();
        return failed.results().stream().filter(r -> r.resourceType().equals("test"))
                .collect(Collectors.toMap(NodeResult::displayName, Function.identity()));
    }

    /**
     * Data test configs as dbt applies them: fail_calc sums the rows, warn_if and error_if compare
     * the sum, limit caps the rows, severity warn never fails; a test macro's config() counts.
     */
    @Test
    void dataTestConfigsJudgeAsDbtDoes() throws Exception {
        Path project = tmp.resolve("judged");
        SafetyFixture.write(project, "dbt_project.yml", "name: judged\n");
        SafetyFixture.write(project, "seeds/scores.csv", "id,score\n1,10\n2,\n3,\n");
        SafetyFixture.write(project, "tests/generic/sum_below.sql", """
                {% test sum_below(model, column_name, cap) %}
                {{ config(fail_calc='coalesce(sum(' ~ column_name ~ '), 0)', warn_if='> ' ~ cap, error_if='> ' ~ cap) }}
                select {{ column_name }} from {{ model }}
                {% endtest %}
                """);
        SafetyFixture.write(project, "seeds/scores.yml", """
                version: 2
                seeds:
                  - name: scores
                    columns:
                      - name: score
                        data_tests:
                          - not_null:
                              name: nulls_under_threshold
                              config: {error_if: ">2", warn_if: ">1"}
                          - not_null:
                              name: nulls_limited
                              config: {limit: 1}
                          - not_null:
                              name: nulls_warn_only
                              config: {severity: warn, warn_if: ">5"}
                          - sum_below:
                              name: sum_under_cap
                              cap: 100
                          - sum_below:
                              name: sum_over_cap
                              cap: 5
                """);
        Map<String, NodeResult> tests = testResults(project);
        assertThat(tests.get("nulls_under_threshold").status()).isEqualTo(NodeStatus.WARN);
        assertThat(tests.get("nulls_under_threshold").failures()).isEqualTo(2);
        assertThat(tests.get("nulls_limited").status()).isEqualTo(NodeStatus.FAIL);
        assertThat(tests.get("nulls_limited").failures()).isEqualTo(1);
        assertThat(tests.get("nulls_warn_only").status()).isEqualTo(NodeStatus.PASS);
        assertThat(tests.get("sum_under_cap").status()).isEqualTo(NodeStatus.PASS);
        assertThat(tests.get("sum_over_cap").status()).isEqualTo(NodeStatus.FAIL);
        assertThat(tests.get("sum_over_cap").failures()).isEqualTo(10);
        assertThat(tests.values()).filteredOn(r -> r.status().isFailure()).hasSize(2);
    }

    /** store_failures keeps the failing rows in the audit schema, replaced on every run. */
    @Test
    void storeFailuresKeepsTheFailingRowsInTheAuditSchema() throws Exception {
        Path project = tmp.resolve("judged");
        SafetyFixture.write(project, "dbt_project.yml", "name: judged\n");
        SafetyFixture.write(project, "seeds/scores.csv", "id,score\n1,10\n2,\n3,\n");
        SafetyFixture.write(project, "seeds/scores.yml", """
                version: 2
                seeds:
                  - name: scores
                    columns:
                      - name: score
                        data_tests:
                          - not_null:
                              name: nulls_kept
                              config: {store_failures: true}
                      - name: id
                        data_tests:
                          - unique:
                              config: {store_failures: true, schema: checks}
                """);
        NodeResult kept = testResults(project).get("nulls_kept");
        String audit = "\"" + schema + "_dbt_test__audit\".\"nulls_kept\"";
        assertThat(kept.message()).contains("; see them with select * from ")
                .endsWith(schema + "_dbt_test__audit\".\"nulls_kept\"");
        assertThat(db.rows("select id from " + audit + " order by id")).extracting(r -> ((Number) r.get("id"))
                .intValue()).containsExactly(2, 3);
        // a passing test stores its (no) rows too, in the schema its config names
        assertThat(db.count("\"" + schema + "_checks\".\"unique_scores_id\"")).isZero();

        SafetyFixture.write(project, "seeds/scores.csv", "id,score\n1,10\n2,\n3,30\n");
        testResults(project);
        assertThat(db.rows("select id from " + audit)).extracting(r -> ((Number) r.get("id")).intValue())
                .containsExactly(2);
    }
}
