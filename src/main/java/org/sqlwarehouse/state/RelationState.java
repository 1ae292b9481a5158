package org.sqlwarehouse.state;

import java.sql.Timestamp;

/**
 * One managed relation as the state table records it.
 *
 * @param previousFingerprint the fingerprint of the version kept for rollback, or null
 * @param hasPrevious         whether a previous version exists (kept as name__wh_prev)
 * @param columnsHash         a hash of the relation's columns and types as built, to notice a relation
 *                            altered outside the plugin; empty when unknown
 */
public record RelationState(String targetSchema, String relationSchema, String relationName, String uniqueId,
        String kind, String sqlHash, String configHash, String fingerprint, String previousFingerprint,
        boolean hasPrevious, Timestamp deployedAt, String deployedBy, String project, String projectVersion,
        String gitCommit, String deployId, String columnsHash) {

    public String key() {
        return relationSchema + "." + relationName;
    }
}
