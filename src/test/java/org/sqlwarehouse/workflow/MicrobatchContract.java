package org.sqlwarehouse.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;

/**
 * incremental_strategy microbatch: the model runs once per batch of its event time, its reads of
 * upstreams with an event_time filtered to the batch (a source and a model here; a table without one
 * is read whole), model.batch telling the batch; each batch replaces its window of the table. "Now"
 * is always given as warehouse.eventTimeEnd, so nothing depends on the wall clock. Checked in the
 * database.
 */
abstract class MicrobatchContract extends DialectContract {
    private Path project;

    @BeforeEach
    void writeProject() throws Exception {
        project = tmp.resolve("batches");
        db.execute("create schema if not exists \"" + schema + "\"");
        db.execute("create table \"" + schema + "\".raw_events (id integer, event_at timestamp, amount integer)");
        db.execute("create table \"" + schema + "\".raw_rates (factor integer)");
        db.execute("insert into \"" + schema + "\".raw_rates values (10)");
        insert(1, "2023-12-31 23:00:00", 1); // before begin
        insert(2, "2024-01-01 10:00:00", 2);
        insert(3, "2024-01-02 11:00:00", 3);
        insert(4, "2024-01-03 12:00:00", 4);
        insert(5, "2024-01-04 01:00:00", 5); // after the first run's end
        SafetyFixture.write(project, "dbt_project.yml", "name: batches\n");
        SafetyFixture.write(project, "models/sources.yml", "version: 2\nsources:\n  - name: raw\n    schema: " + schema
                + "\n    tables:\n      - name: raw_events\n        config:\n          event_time: event_at\n"
                + "      - name: raw_rates\n");
        SafetyFixture.write(project, "models/stg_events.sql", "{{ config(materialized='view', event_time='event_at') }}\n"
                + "select id, event_at, amount from {{ source('raw', 'raw_events') }}\n");
        daily("day", "2024-01-01", "");
    }

    private void insert(int id, String at, int amount) throws Exception {
        db.execute("insert into \"" + schema + "\".raw_events values (" + id + ", timestamp '" + at + "', " + amount
                + ")");
    }

    /** The microbatch model: each row says which batch wrote it and the batch's start as the template saw it. */
    private void daily(String batchSize, String begin, String extraConfig) throws Exception {
        SafetyFixture.write(project, "models/daily.sql", "{{ config(materialized='incremental',"
                + " incremental_strategy='microbatch', event_time='event_at', batch_size='" + batchSize + "',"
                + " begin='" + begin + "'" + extraConfig + ") }}\n"
                + "select id, event_at, amount * factor as amount, '{{ model.batch.id }}' as batch_id,"
                + " '{{ model.batch.event_time_start }}' as batch_start\n"
                // as dbt, a filtered ref renders as an aliased subquery: the model cannot alias it again
                + "from {{ ref('stg_events') }} cross join {{ source('raw', 'raw_rates') }}\n");
    }

    private void build(String eventTimeStart, String eventTimeEnd, boolean isProtected) throws Exception {
        TargetDefinition target = target(isProtected);
        SafetyFixture.RecordingLog log = new SafetyFixture.RecordingLog();
        Warehouse warehouse = new Warehouse(WarehouseRequest.builder().projectDirectory(project)
                .fallbackName("batches").outputDirectory(project.resolve("target/warehouse"))
                .declaredTargets(List.of(target)).explicitTarget(target.name()).explicitUser("batcher")
                .systemUserName("batcher").userHome(project.resolve("no-home")).lockTimeoutSeconds(30)
                .projectVersion("1.0").eventTimeStart(eventTimeStart).eventTimeEnd(eventTimeEnd)
                .log(log).build());
        try {
            if (isProtected) {
                warehouse.deploy();
            } else {
                warehouse.build();
            }
        } catch (WarehouseException e) {
            // what failed is in the log
            throw new WarehouseException(e.getMessage() + "\n--- log ---\n" + log, e.getHint(), e);
        }
    }

    private List<String> rows() throws Exception {
        return db.rows("select id, amount, batch_id from \"" + schema + "\".daily order by id").stream()
                .map(r -> r.get("id") + ":" + r.get("amount") + ":" + r.get("batch_id")).toList();
    }

    @Test
    void firstRunBuildsEveryBatchFromBeginEachFromItsWindow() throws Exception {
        build(null, "2024-01-04", false);

        // 3 day batches from begin to the end; the source without event_time is read whole in each
        assertThat(rows()).containsExactly("2:20:20240101", "3:30:20240102", "4:40:20240103");
        assertThat(db.rows("select distinct batch_start from \"" + schema + "\".daily order by batch_start"))
                .extracting(r -> String.valueOf(r.get("batch_start")))
                .containsExactly("2024-01-01 00:00:00+00:00", "2024-01-02 00:00:00+00:00", "2024-01-03 00:00:00+00:00");
    }

    @Test
    void laterRunRebuildsTheLookbackBatchesAndKeepsOlderOnes() throws Exception {
        build(null, "2024-01-04", false);
        db.execute("update \"" + schema + "\".raw_events set amount = 7 where id in (2, 4)");
        db.execute("delete from \"" + schema + "\".raw_events where id = 3");
        insert(6, "2024-01-04 09:00:00", 6);

        // now is 2024-01-04 12:00: the current batch (01-04) and one lookback batch (01-03)
        build(null, "2024-01-04 12:00:00", false);

        assertThat(rows()).containsExactly("2:20:20240101", "3:30:20240102", "4:70:20240103", "5:50:20240104",
                "6:60:20240104");
    }

    @Test
    void lookbackConfigWidensTheRebuiltWindow() throws Exception {
        build(null, "2024-01-04", false);
        daily("day", "2024-01-01", ", lookback=2");
        db.execute("update \"" + schema + "\".raw_events set amount = 7");

        build(null, "2024-01-04 12:00:00", false);

        assertThat(rows()).containsExactly("2:20:20240101", "3:70:20240102", "4:70:20240103", "5:70:20240104");
    }

    @Test
    void eventTimeStartAndEndBackfillOnlyTheirBatches() throws Exception {
        build(null, "2024-01-04", false);
        db.execute("update \"" + schema + "\".raw_events set amount = 9");

        build("2024-01-02", "2024-01-02 18:00:00", false);

        assertThat(rows()).containsExactly("2:20:20240101", "3:90:20240102", "4:40:20240103");
    }

    @Test
    void hourBatches() throws Exception {
        db.execute("delete from \"" + schema + "\".raw_events");
        insert(1, "2024-01-01 00:30:00", 1);
        insert(2, "2024-01-01 01:15:00", 2);
        insert(3, "2024-01-01 02:59:59", 3);
        insert(4, "2024-01-01 03:00:00", 4);
        daily("hour", "2024-01-01 00:00:00", "");

        build(null, "2024-01-01 03:00:00", false);

        assertThat(rows()).containsExactly("1:10:20240101T00", "2:20:20240101T01", "3:30:20240101T02");
    }

    @Test
    void monthBatches() throws Exception {
        db.execute("delete from \"" + schema + "\".raw_events");
        insert(1, "2024-01-31 23:59:00", 1);
        insert(2, "2024-02-29 12:00:00", 2);
        insert(3, "2024-03-20 00:00:00", 3);
        insert(4, "2024-04-02 00:00:00", 4);
        // begin inside January: batches start at the month
        daily("month", "2024-01-15", "");

        // the end rounds up to the end of its batch: March is whole
        build(null, "2024-03-15", false);

        assertThat(rows()).containsExactly("1:10:20240101", "2:20:20240201", "3:30:20240301");
    }

    @Test
    void failedBatchFailsTheModelNamingItAndKeepsTheBatchesBefore() throws Exception {
        SafetyFixture.write(project, "models/daily.sql", "{{ config(materialized='incremental',"
                + " incremental_strategy='microbatch', event_time='event_at', batch_size='day', begin='2024-01-01') }}\n"
                + "select id, event_at, amount, '{{ model.batch.id }}' as batch_id,"
                + " {{ \"cast('boom' as integer)\" if model.batch.id == '20240103' else '1' }} as ok\n"
                + "from {{ ref('stg_events') }}\n");

        assertThatThrownBy(() -> build(null, "2024-01-04", false)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Batch 20240103");

        assertThat(rows()).containsExactly("2:2:20240101", "3:3:20240102");
    }

    @Test
    void onAProtectedTargetAFailedBatchLeavesTheLiveTableAsItWas() throws Exception {
        build(null, "2024-01-04", true);
        assertThat(rows()).containsExactly("2:20:20240101", "3:30:20240102", "4:40:20240103");
        db.execute("update \"" + schema + "\".raw_events set amount = 8");
        SafetyFixture.write(project, "models/daily.sql", "{{ config(materialized='incremental',"
                + " incremental_strategy='microbatch', event_time='event_at', batch_size='day', begin='2024-01-01') }}\n"
                + "select id, event_at, amount * 10 as amount, '{{ model.batch.id }}' as batch_id,"
                + " {{ \"cast('boom' as integer)\" if model.batch.id == '20240104' else \"'x'\" }} as batch_start\n"
                + "from {{ ref('stg_events') }}\n");

        // batch 01-03 succeeds in the candidate, 01-04 fails: nothing is promoted
        assertThatThrownBy(() -> build(null, "2024-01-04 12:00:00", true)).isInstanceOf(WarehouseException.class);

        assertThat(rows()).containsExactly("2:20:20240101", "3:30:20240102", "4:40:20240103");
    }

    @Test
    void aSourceWithEventTimeIsFilteredAndRenderOptsOut() throws Exception {
        SafetyFixture.write(project, "models/daily.sql", "{{ config(materialized='incremental',"
                + " incremental_strategy='microbatch', event_time='event_at', batch_size='day', begin='2024-01-01') }}\n"
                + "select id, event_at, amount, '{{ model.batch.id }}' as batch_id,"
                + " (select count(*) from {{ ref('stg_events').render() }}) as seen\n"
                + "from {{ source('raw', 'raw_events') }}\n");

        build(null, "2024-01-04", false);

        assertThat(db.rows("select id, batch_id, seen from \"" + schema + "\".daily order by id"))
                .extracting(r -> r.get("id") + ":" + r.get("batch_id") + ":" + r.get("seen"))
                .containsExactly("2:20240101:5", "3:20240102:5", "4:20240103:5");
    }

    @Test
    void aMicrobatchModelWithoutBeginIsRefusedAtCompile() throws Exception {
        SafetyFixture.write(project, "models/daily.sql", "{{ config(materialized='incremental',"
                + " incremental_strategy='microbatch', event_time='event_at', batch_size='week') }}\n"
                + "select * from {{ ref('stg_events') }}\n");

        assertThatThrownBy(() -> build(null, "2024-01-04", false)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("batch_size config of hour, day, month or year, not 'week'")
                .hasMessageContaining("needs a begin config");
        assertThat(db.relations(schema)).doesNotContainKey("daily");
    }

    @Test
    void anUnreadableEventTimeEndIsRefusedBeforeAnythingRuns() throws Exception {
        assertThatThrownBy(() -> build(null, "yesterday", false)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("warehouse.eventTimeEnd");
        assertThat(db.relations(schema)).doesNotContainKey("stg_events");
    }

    @Test
    void dateEventTimeColumnsCompareWithTheWindow() throws Exception {
        SafetyFixture.write(project, "models/stg_events.sql", "{{ config(materialized='view', event_time='event_day') }}\n"
                + "select id, cast(event_at as date) as event_day, amount from {{ source('raw', 'raw_events') }}\n");
        SafetyFixture.write(project, "models/daily.sql", "{{ config(materialized='incremental',"
                + " incremental_strategy='microbatch', event_time='event_day', batch_size='day', begin='2024-01-01') }}\n"
                + "select id, event_day, amount, '{{ model.batch.id }}' as batch_id from {{ ref('stg_events') }}\n");

        build(null, "2024-01-04", false);
        db.execute("update \"" + schema + "\".raw_events set amount = 6");
        build(null, "2024-01-03 12:00:00", false);

        assertThat(rows()).containsExactly("2:2:20240101", "3:6:20240102", "4:6:20240103");
    }

    @Test
    void withAUniqueKeyARowThatMovedIntoTheBatchIsReplacedNotDuplicated() throws Exception {
        daily("day", "2024-01-01", ", unique_key='id'");
        build(null, "2024-01-04", false);
        db.execute("update \"" + schema + "\".raw_events set event_at = timestamp '2024-01-03 18:00:00', amount = 9"
                + " where id = 2");

        build(null, "2024-01-03 12:00:00", false);

        assertThat(rows()).containsExactly("2:90:20240103", "3:30:20240102", "4:40:20240103");
    }

    @Test
    void upstreamEventTimeMayComeFromAPropertyFileOrTheProject() throws Exception {
        SafetyFixture.write(project, "dbt_project.yml", "name: batches\nmodels:\n  batches:\n    daily:\n"
                + "      +incremental_strategy: microbatch\n      +batch_size: day\n      +begin: '2024-01-01'\n");
        SafetyFixture.write(project, "models/stg_events.sql", "select id, event_at, amount from {{ source('raw', 'raw_events') }}\n");
        SafetyFixture.write(project, "models/stg_events.yml", "version: 2\nmodels:\n  - name: stg_events\n"
                + "    config:\n      event_time: event_at\n");
        SafetyFixture.write(project, "models/daily.sql", "{{ config(materialized='incremental', event_time='event_at') }}\n"
                + "select id, event_at, amount * factor as amount, '{{ model.batch.id }}' as batch_id\n"
                + "from {{ ref('stg_events') }} cross join {{ source('raw', 'raw_rates') }}\n");

        build(null, "2024-01-04", false);

        assertThat(rows()).containsExactly("2:20:20240101", "3:30:20240102", "4:40:20240103");
    }
}
