package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * persist_docs, contract and sql_header applied in the database: descriptions as comments on a
 * table, a view and their columns (also after a protected deploy), a contracted table with the
 * declared types, order and a NOT NULL that rejects a null, a contract mismatch failing with dbt's
 * diff and leaving the live table as it was, and a header's session setting seen by the model.
 */
abstract class ConfigsAppliedContract extends DialectContract {
    /** The comment on a relation of the run's schema, null when none. */
    protected abstract String relationComment(String name) throws SQLException;

    /** The comment on a column of a relation of the run's schema, null when none. */
    protected abstract String columnComment(String name, String column) throws SQLException;

    /** A header that changes the session, and a select that shows the change as one text column "seen". */
    protected abstract String header();

    protected abstract String selectSeeingHeader();

    protected abstract String expectedSeen();

    /** The integer type's name as information_schema gives it. */
    protected abstract String integerType();

    private Path project;
    private final SafetyFixture.RecordingLog log = new SafetyFixture.RecordingLog();

    private Warehouse warehouse(boolean isProtected) {
        TargetDefinition target = target(isProtected);
        return new Warehouse(WarehouseRequest.builder().projectDirectory(project).fallbackName("applied")
                .outputDirectory(project.resolve("target/warehouse")).declaredTargets(List.of(target))
                .explicitTarget(target.name()).explicitUser("applier").systemUserName("applier")
                .userHome(project.resolve("no-home")).lockTimeoutSeconds(30).projectVersion("1.0")
                .log(log).build());
    }

    private void write(String file, String content) throws Exception {
        SafetyFixture.write(project, file, content);
    }

    private void documentedProject() throws Exception {
        project = tmp.resolve("applied");
        write("dbt_project.yml", "name: applied\nmodels:\n  applied:\n    +persist_docs:\n      relation: true\n"
                + "      columns: true\nseeds:\n  applied:\n    +persist_docs: {relation: true, columns: true}\n");
        write("models/docs.md", "{% docs order_id %}The order's id, from the shop.{% enddocs %}\n");
        write("models/orders.sql", "{{ config(materialized='table') }}\nselect 1 as id, 'a' as note");
        write("models/orders_view.sql", "select id from {{ ref('orders') }}");
        write("seeds/countries.csv", "code,name\nNL,Netherlands\n");
        write("models/schema.yml", """
                seeds:
                  - name: countries
                    description: Countries by ISO code
                    columns:
                      - name: code
                        description: Two letters
                models:
                  - name: orders
                    description: "Orders, one a row; it's the shop's"
                    columns:
                      - name: id
                        description: "{{ doc('order_id') }}"
                      - name: note
                        description: A note
                  - name: orders_view
                    description: A view of the orders
                    columns:
                      - name: id
                        description: The id again
                """);
    }

    private void assertDocumented() throws SQLException {
        assertThat(relationComment("orders")).isEqualTo("Orders, one a row; it's the shop's");
        assertThat(columnComment("orders", "id")).isEqualTo("The order's id, from the shop.");
        assertThat(columnComment("orders", "note")).isEqualTo("A note");
        assertThat(relationComment("orders_view")).isEqualTo("A view of the orders");
        assertThat(columnComment("orders_view", "id")).isEqualTo("The id again");
        assertThat(relationComment("countries")).isEqualTo("Countries by ISO code");
        assertThat(columnComment("countries", "code")).isEqualTo("Two letters");
        // a column without a description gets no comment
        assertThat(columnComment("countries", "name")).isNull();
    }

    @Test
    void persistDocsCommentsTablesViewsAndColumnsAndKeepsThemOnARebuild() throws Exception {
        documentedProject();
        warehouse(false).build();
        assertDocumented();

        // the second build replaces both through a temporary relation and a rename
        write("models/orders.sql", "{{ config(materialized='table') }}\nselect 2 as id, 'b' as note");
        warehouse(false).build();
        assertDocumented();
        assertThat(db.value("select id from \"" + schema + "\".orders")).hasToString("2");
    }

    @Test
    void persistDocsCommentsSurviveAProtectedDeploy() throws Exception {
        documentedProject();
        warehouse(true).deploy();
        assertDocumented();

        write("models/orders.sql", "{{ config(materialized='table') }}\nselect 3 as id, 'c' as note");
        warehouse(true).deploy();
        assertDocumented();
        assertThat(db.value("select id from \"" + schema + "\".orders")).hasToString("3");
    }

    @Test
    void aDescriptionChangedAloneIsDeployed() throws Exception {
        documentedProject();
        warehouse(true).deploy();

        String yml = java.nio.file.Files.readString(project.resolve("models/schema.yml"));
        write("models/schema.yml", yml.replace("A note", "A better note"));
        warehouse(true).deploy();

        assertThat(columnComment("orders", "note")).isEqualTo("A better note");
        assertThat(relationComment("orders")).isEqualTo("Orders, one a row; it's the shop's");
    }

    private void contractedProject(String select) throws Exception {
        project = tmp.resolve("contracted");
        write("dbt_project.yml", "name: contracted\n");
        write("models/amounts.sql", "{{ config(materialized='table', contract={'enforced': true}) }}\n" + select);
        write("models/amounts_view.sql", "{{ config(materialized='view', contract={'enforced': true}) }}\n"
                + "select 1 as id");
        write("models/schema.yml", """
                models:
                  - name: amounts
                    columns:
                      - name: id
                        data_type: int
                        constraints:
                          - type: not_null
                      - name: label
                        data_type: string
                      - name: amount
                        data_type: numeric(10, 2)
                  - name: amounts_view
                    columns:
                      - name: id
                        data_type: integer
                """);
    }

    @Test
    void aContractCreatesTheDeclaredColumnsWithTheirConstraints() throws Exception {
        contractedProject("select 2.5 as amount, 'first' as label, 1 as id");

        warehouse(false).build();

        // declared order, not the query's; int as the database names it, string as text, the declared scale
        assertThat(db.columns(schema, "amounts").keySet()).containsExactly("id", "label", "amount");
        assertThat(db.columns(schema, "amounts").get("id").toLowerCase()).isEqualTo(integerType());
        assertThat(db.value("select cast(amount as varchar) from \"" + schema + "\".amounts")).hasToString("2.50");
        assertThat(db.value("select label from \"" + schema + "\".amounts where id = 1")).isEqualTo("first");
        assertThatThrownBy(() -> db.execute("insert into \"" + schema + "\".amounts (id, label) values (null, 'x')"))
                .isInstanceOf(SQLException.class);
        assertThat(db.count("\"" + schema + "\".amounts")).isEqualTo(1);
    }

    @Test
    void aContractMismatchFailsWithTheDiffAndLeavesTheLiveTable() throws Exception {
        contractedProject("select 1 as id, 'first' as label, 2.5 as amount");
        warehouse(false).build();

        write("models/amounts.sql", "{{ config(materialized='table', contract={'enforced': true}) }}\n"
                + "select 'two' as id, 2 as extra");
        Throwable thrown = catchThrowable(() -> warehouse(false).build());

        assertThat(thrown).isNotNull();
        String logged = String.join("\n", log.lines());
        assertThat(logged).contains("enforced contract that failed")
                .containsPattern("\\| id .*data type mismatch")
                .containsPattern("\\| label .*missing in definition")
                .containsPattern("\\| extra .*missing in contract");
        assertThat(db.columns(schema, "amounts").keySet()).containsExactly("id", "label", "amount");
        assertThat(db.value("select label from \"" + schema + "\".amounts where id = 1")).isEqualTo("first");
    }

    @Test
    void aViewContractChecksTheColumnsOnly() throws Exception {
        contractedProject("select 1 as id, 'first' as label, 2.5 as amount");
        write("models/amounts_view.sql", "{{ config(materialized='view', contract={'enforced': true}) }}\n"
                + "select 1 as id, 2 as other");

        Throwable thrown = catchThrowable(() -> warehouse(false).build());

        assertThat(thrown).isNotNull();
        assertThat(String.join("\n", log.lines())).containsPattern("\\| other .*missing in contract");
        assertThat(db.relations(schema)).doesNotContainKey("amounts_view");
    }

    @Test
    void anIncrementalContractCreatesTheTableAndChecksEachRun() throws Exception {
        project = tmp.resolve("incremental");
        write("dbt_project.yml", "name: incremental\n");
        String config = "{{ config(materialized='incremental', unique_key='id', contract={'enforced': true}) }}\n";
        write("models/events.sql", config + "select 'a' as label, 1 as id");
        write("models/schema.yml", """
                models:
                  - name: events
                    columns:
                      - name: id
                        data_type: integer
                        constraints:
                          - type: not_null
                      - name: label
                        data_type: text
                """);
        warehouse(false).build();
        write("models/events.sql", config + "select 'b' as label, 2 as id");
        warehouse(false).build();

        assertThat(db.columns(schema, "events").keySet()).containsExactly("id", "label");
        assertThat(db.rows("select id, label from \"" + schema + "\".events order by id"))
                .extracting(r -> r.get("id") + ":" + r.get("label")).containsExactly("1:a", "2:b");
        assertThatThrownBy(() -> db.execute("insert into \"" + schema + "\".events (id, label) values (null, 'x')"))
                .isInstanceOf(SQLException.class);

        write("models/events.sql", config + "select 'c' as label, 3 as id, 0 as extra");
        assertThat(catchThrowable(() -> warehouse(false).build())).isNotNull();
        assertThat(String.join("\n", log.lines())).containsPattern("\\| extra .*missing in contract");
        assertThat(db.count("\"" + schema + "\".events")).isEqualTo(2);
    }

    @Test
    void modelAndColumnConstraintsAreEnforced() throws Exception {
        project = tmp.resolve("constrained");
        write("dbt_project.yml", "name: constrained\n");
        write("models/parents.sql", "{{ config(materialized='table', contract={'enforced': true}) }}\n"
                + "select 1 as id, 1 as part");
        write("models/children.sql", "{{ config(materialized='table', contract={'enforced': true}) }}\n"
                + "select id, id as parent_id from {{ ref('parents') }}");
        write("models/schema.yml", """
                models:
                  - name: parents
                    columns:
                      - name: id
                        data_type: integer
                        constraints:
                          - type: primary_key
                          - type: check
                            expression: "id > 0"
                      - name: part
                        data_type: integer
                  - name: children
                    constraints:
                      - type: unique
                        columns: [id, parent_id]
                    columns:
                      - name: id
                        data_type: integer
                        constraints:
                          - type: not_null
                      - name: parent_id
                        data_type: integer
                        constraints:
                          - type: foreign_key
                            expression: '"%s".parents (id)'
                """.formatted(schema));
        warehouse(false).build();

        String parents = "\"" + schema + "\".parents";
        String children = "\"" + schema + "\".children";
        assertThatThrownBy(() -> db.execute("insert into " + parents + " values (1, 9)"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> db.execute("insert into " + parents + " values (-1, 2)"))
                .isInstanceOf(SQLException.class);
        db.execute("insert into " + parents + " values (2, 2)");
        assertThatThrownBy(() -> db.execute("insert into " + children + " values (1, 1)"))
                .isInstanceOf(SQLException.class);
        assertForeignKey(children, String.join("\n", log.lines()));
    }

    /**
     * The children's foreign key to parents (ids 1 and 2): PostgreSQL enforces it, DuckDB leaves it
     * out with a warning.
     */
    protected abstract void assertForeignKey(String children, String log) throws SQLException;

    @Test
    void theSqlHeaderRunsBeforeTheModelInItsSession() throws Exception {
        project = tmp.resolve("headed");
        write("dbt_project.yml", "name: headed\n");
        write("models/headed.sql", "{{ config(materialized='table') }}\n{% call set_sql_header(config) %}\n"
                + header() + "\n{% endcall %}\n" + selectSeeingHeader());
        write("models/configured.sql", "{{ config(materialized='table', sql_header=\"" + header() + "\") }}\n"
                + selectSeeingHeader());

        warehouse(false).build();

        assertThat(db.value("select seen from \"" + schema + "\".headed")).hasToString(expectedSeen());
        assertThat(db.value("select seen from \"" + schema + "\".configured")).hasToString(expectedSeen());
    }

    @Test
    void theSqlHeaderDoesNotReachTheNextModel() throws Exception {
        project = tmp.resolve("contained");
        write("dbt_project.yml", "name: contained\n");
        write("models/headed.sql", "{{ config(materialized='table', sql_header=\"" + header() + "\") }}\n"
                + selectSeeingHeader());
        write("models/after.sql", "{{ config(materialized='table') }}\n-- depends_on: {{ ref('headed') }}\n"
                + sessionProbe());

        warehouse(false).build();

        assertThat(db.value("select seen from \"" + schema + "\".after")).doesNotHaveToString(expectedSeen());
    }

    /** A select of one text column "seen" that shows whether the header's change is in the session. */
    protected abstract String sessionProbe();
}
