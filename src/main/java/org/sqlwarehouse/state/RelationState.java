package org.sqlwarehouse.state;

import java.sql.Timestamp;

/**
 * One managed relation as the state table records it.
 *
 * @param previousFingerprint the fingerprint of the version kept for rollback, or null
 * @param hasPrevious         whether a previous version exists (kept as name__wh_prev)
 * @param columnsHash         a hash of the relation's columns and types as built, to notice a relation
 *                            altered outside the plugin; empty when unknown
 * @param prunedBy            null for a live relation; for one a deploy pruned, that deploy's id: the
 *                            relation itself is kept as name__wh_prev, hidden from readers, until
 *                            the next deploy, so that rolling that deploy back puts it back
 * @param projectFingerprint  what the project says the relation is, independent of the environment
 *                            (see {@link ProjectFingerprints}); null when unknown: a row written before
 *                            the column existed, or a version a rollback put back
 */
public record RelationState(String targetSchema, String relationSchema, String relationName, String uniqueId,
        String kind, String sqlHash, String configHash, String fingerprint, String previousFingerprint,
        boolean hasPrevious, Timestamp deployedAt, String deployedBy, String project, String projectVersion,
        String gitCommit, String deployId, String columnsHash, String prunedBy, String projectFingerprint) {

    /**
     * The kind warehouse:clone records: a view over another environment's relation, standing in for
     * the node until a build replaces it with the node's own relation.
     */
    public static final String CLONE_KIND = "clone";

    public boolean isClone() {
        return CLONE_KIND.equals(kind);
    }

    public String key() {
        return relationSchema + "." + relationName;
    }

    public boolean pruned() {
        return prunedBy != null;
    }

    /**
     * This row as kept for a relation the given deploy prunes: the relation as it was, renamed to its
     * previous-version name; any older previous version is dropped to make room for it.
     */
    public RelationState prunedIn(String deployId) {
        return new RelationState(targetSchema, relationSchema, relationName, uniqueId, kind, sqlHash, configHash,
                fingerprint, null, false, deployedAt, deployedBy, project, projectVersion, gitCommit, this.deployId,
                columnsHash, deployId, projectFingerprint);
    }

    /** This row live again: rollback renamed the pruned relation back. */
    public RelationState restored() {
        return new RelationState(targetSchema, relationSchema, relationName, uniqueId, kind, sqlHash, configHash,
                fingerprint, null, false, deployedAt, deployedBy, project, projectVersion, gitCommit, deployId,
                columnsHash, null, projectFingerprint);
    }
}
