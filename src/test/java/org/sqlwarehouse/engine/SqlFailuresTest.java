package org.sqlwarehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.environment.TargetDefinition;

/** A database failure reaches the user with its SQLState and its cause, and without the password. */
class SqlFailuresTest {

    @Test
    void theFailureKeepsTheSqlStateAndTheCauseChainWithThePasswordRemoved() {
        SQLException root = new SQLException("connect to jdbc:postgresql://h/db?password=s3cret failed", "08001");
        SQLException top = new SQLException("relation \"x\" does not exist (s3cret)", "42P01", 7, root);

        TargetDefinition prod = TargetDefinition.builder("prod").type("postgres").password("s3cret").build();
        WarehouseException failure = SqlFailures.failure("promote the candidate", prod, top);

        assertThat(failure.getMessage()).isEqualTo("Could not promote the candidate on target 'prod': "
                + "relation \"x\" does not exist (****) [SQLState 42P01]");
        assertThat(failure.getCause()).isInstanceOf(SQLException.class);
        SQLException cause = (SQLException) failure.getCause();
        assertThat(cause.getSQLState()).isEqualTo("42P01");
        assertThat(cause.getErrorCode()).isEqualTo(7);
        assertThat(cause.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(cause.getCause()).isInstanceOf(SQLException.class);
        assertThat(((SQLException) cause.getCause()).getSQLState()).isEqualTo("08001");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain("s3cret");
        }
    }

    @Test
    void aFailureWithoutSqlStateSaysNothingAboutIt() {
        assertThat(SqlFailures.describe(new SQLException("boom"))).isEqualTo("boom");
        assertThat(SqlFailures.describe(new SQLException("boom", "XX000"))).isEqualTo("boom [SQLState XX000]");
    }
}
