package org.sqlwarehouse.state;

/**
 * One deploy as _warehouse_deployments records it.
 *
 * @param sequence the order the server recorded it in (1, 2, ...), or 0 for a deploy recorded
 *                 before the table had a sequence; deploys are ordered by it, never by a clock
 * @param tested   whether the data tests ran on the candidate it promoted; null for a deploy
 *                 recorded before that was kept
 */
public record Deployment(String deployId, long sequence, String project, DeployStatus status, Boolean tested) {
}
