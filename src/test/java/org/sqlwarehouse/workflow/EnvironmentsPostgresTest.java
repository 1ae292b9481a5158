package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.environment.TargetDefinition;
import org.sqlwarehouse.testing.ContractDatabase;

/**
 * warehouse:environments on PostgreSQL: the project's environments in the database are the schemas
 * whose state records its relations: prod (protected, deployed) and dev (built in place) are
 * listed with their protection, relation counts, builder and differences from prod; another
 * project's environment in the same database is not.
 */
class EnvironmentsPostgresTest extends DialectContract {
    private SafetyFixture.RecordingLog log;

    @Override
    protected ContractDatabase open(Path dir) throws SQLException {
        return ContractDatabase.postgres("whl_envs_", "_dev", "_other");
    }

    private List<TargetDefinition> targets() {
        return List.of(targetOnDatabase("prod").schema(schema).protectedFlag(true).build(),
                targetOnDatabase("dev").schema(schema + "_dev").protectedFlag(false).build(),
                targetOnDatabase("other").schema(schema + "_other").protectedFlag(false).build());
    }

    private Warehouse warehouse(Path project, String target, String state) {
        log = new SafetyFixture.RecordingLog();
        return new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("statesel")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(targets())
                .explicitTarget(target).explicitUser("env_tester").systemUserName("env_tester")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0").state(state)
                .log(log).build());
    }

    @Test
    void listsTheProjectsEnvironmentsWithProtectionBuilderCountsAndDifferencesButNotAnotherProjects()
            throws Exception {
        Path project = StateSelectorsContract.writeProject(tmp.resolve("project"));
        warehouse(project, "prod", null).deploy();
        Path otherProject = tmp.resolve("other-project");
        SafetyFixture.write(otherProject, "dbt_project.yml", "name: someone_else\n");
        SafetyFixture.write(otherProject, "models/elsewhere.sql", "select 1 as x\n");
        warehouse(otherProject, "other", null).build();
        SafetyFixture.write(project, "models/calc.sql", "select id, 7 as next_id from {{ ref('stg') }}\n");
        warehouse(project, "dev", null).build();
        assertThat(db.value("select count(*) from \"" + schema + "_other\"._warehouse_relations").toString())
                .isEqualTo("1");

        List<EnvironmentSummary> listed = warehouse(project, "dev", "prod").environments();

        // the test server is shared: environments of this project left by other runs are not this run's
        List<EnvironmentSummary> ours = listed.stream().filter(e -> e.schema().startsWith(schema)).toList();
        assertThat(ours).extracting(EnvironmentSummary::schema).containsExactly(schema, schema + "_dev");
        EnvironmentSummary prod = ours.get(0);
        assertThat(prod.isProtected()).isTrue();
        assertThat(prod.declaredBy()).containsExactly("prod (protected)");
        assertThat(prod.relations()).isEqualTo(5);
        assertThat(prod.lastBuiltBy()).startsWith("env_tester@");
        assertThat(prod.lastBuiltAt()).isNotNull();
        assertThat(prod.differences()).isZero();
        EnvironmentSummary dev = ours.get(1);
        assertThat(dev.isProtected()).isFalse();
        assertThat(dev.declaredBy()).containsExactly("dev");
        assertThat(dev.relations()).isEqualTo(5);
        assertThat(dev.differences()).as("calc and summary, downstream of it").isEqualTo(2);
        assertThat(listed).extracting(EnvironmentSummary::schema).doesNotContain(schema + "_other");

        assertThat(log.lines()).anyMatch(l -> l.contains("DIFFERS FROM PROD") && l.contains("SCHEMA"));
        assertThat(log.lines()).anyMatch(l -> l.contains(" " + schema + "_dev ") && l.contains(" no ")
                && l.contains("env_tester@"));
        assertThat(log.lines()).noneMatch(l -> l.contains(schema + "_other"));

        // without warehouse.state there is nothing to count against
        List<EnvironmentSummary> plain = warehouse(project, "prod", null).environments();
        assertThat(plain.stream().filter(e -> e.schema().startsWith(schema)))
                .allSatisfy(e -> assertThat(e.differences()).isNull()).hasSize(2);
        assertThat(log.lines()).noneMatch(l -> l.contains("DIFFERS"));
    }
}
