package org.sqlwarehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.project.BatchSize;
import org.sqlwarehouse.project.BatchWindow;
import org.sqlwarehouse.project.EventTimes;
import org.sqlwarehouse.project.Microbatch;

/** Which batches a run builds, against the examples of dbt's docs and MicrobatchBuilder. */
class MicrobatchPlanTest {
    private static LocalDateTime at(String time) {
        return EventTimes.parse(time);
    }

    private static List<String> plan(BatchSize size, String begin, int lookback, boolean incremental, String start,
            String end, String now) {
        return MicrobatchPlan.batches(new Microbatch("event_at", size, at(begin), lookback), incremental,
                start == null ? null : at(start), end == null ? null : at(end), at(now)).stream()
                .map(BatchWindow::toString).toList();
    }

    @Test
    void incrementalRunBuildsTheCurrentBatchAndTheLookbackOnes() {
        // dbt's docs: run on October 1 with lookback 3 builds September 28 to October 1, four batches
        assertThat(plan(BatchSize.DAY, "2020-01-01", 3, true, null, null, "2024-10-01 10:00:00")).containsExactly(
                "20240928 [2024-09-28 00:00:00+00:00, 2024-09-29 00:00:00+00:00)",
                "20240929 [2024-09-29 00:00:00+00:00, 2024-09-30 00:00:00+00:00)",
                "20240930 [2024-09-30 00:00:00+00:00, 2024-10-01 00:00:00+00:00)",
                "20241001 [2024-10-01 00:00:00+00:00, 2024-10-02 00:00:00+00:00)");
    }

    @Test
    void firstRunStartsAtBeginTruncatedToTheBatch() {
        assertThat(plan(BatchSize.MONTH, "2024-01-15 08:00", 1, false, null, null, "2024-03-02"))
                .containsExactly("20240101 [2024-01-01 00:00:00+00:00, 2024-02-01 00:00:00+00:00)",
                        "20240201 [2024-02-01 00:00:00+00:00, 2024-03-01 00:00:00+00:00)",
                        "20240301 [2024-03-01 00:00:00+00:00, 2024-04-01 00:00:00+00:00)");
    }

    @Test
    void eventTimeStartAndEndAreTruncatedAndRoundedUp() {
        assertThat(plan(BatchSize.HOUR, "2020-01-01", 1, true, "2024-09-17 16:06", "2024-09-17 17:30", "2030-01-01"))
                .containsExactly("20240917T16 [2024-09-17 16:00:00+00:00, 2024-09-17 17:00:00+00:00)",
                        "20240917T17 [2024-09-17 17:00:00+00:00, 2024-09-17 18:00:00+00:00)");
        assertThat(plan(BatchSize.YEAR, "2020-01-01", 0, true, null, null, "2024-06-01")).containsExactly(
                "20240101 [2024-01-01 00:00:00+00:00, 2025-01-01 00:00:00+00:00)");
    }

    @Test
    void timesAreReadAsUtc() {
        assertThat(EventTimes.parse("2024-10-01")).isEqualTo(LocalDateTime.of(2024, 10, 1, 0, 0));
        assertThat(EventTimes.parse("2024-10-01T06:30:15")).isEqualTo(LocalDateTime.of(2024, 10, 1, 6, 30, 15));
        assertThat(EventTimes.parse("2024-10-01 02:00:00+02:00")).isEqualTo(LocalDateTime.of(2024, 10, 1, 0, 0));
        assertThatThrownBy(() -> EventTimes.parse("October")).isInstanceOf(IllegalArgumentException.class);
    }
}
