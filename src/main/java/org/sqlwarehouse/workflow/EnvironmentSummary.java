package org.sqlwarehouse.workflow;

import java.sql.Timestamp;
import java.util.List;

/**
 * One environment of the project, as warehouse:environments lists it.
 *
 * @param schema          its base schema, where its state lives
 * @param declaredBy      the targets that declare that schema (none for a user's dev schema)
 * @param isProtected     whether a protected target declares it
 * @param relations       how many live relations of the project its state records
 * @param lastBuiltAt     when the newest of them was built or deployed (that machine's clock)
 * @param lastBuiltBy     who built it, user@host
 * @param gitCommit       the commit it was built from, or null when not in a git checkout
 * @param differences     how many of its relations differ from the warehouse.state environment's
 *                        (absent there, or another project fingerprint), or null without warehouse.state
 */
public record EnvironmentSummary(String schema, List<String> declaredBy, boolean isProtected, int relations,
        Timestamp lastBuiltAt, String lastBuiltBy, String gitCommit, Integer differences) {
}
