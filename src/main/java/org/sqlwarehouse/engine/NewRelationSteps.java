package org.sqlwarehouse.engine;

import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationKind;

/**
 * What a new relation gets before it takes its name: its indexes, its comments (persist_docs), then
 * its grants. Done on the new relation, they go with it when it is renamed into place.
 */
final class NewRelationSteps {
    private NewRelationSteps() {
    }

    /** The steps as one creator; null when there is nothing to give the relation. */
    static RelationReplacer.Creator of(Dialect dialect, Grants grants, Indexes indexes, DocsComments comments,
            RelationKind kind, String schema) {
        boolean granting = !grants.isEmpty() && dialect.supportsGrants();
        boolean indexing = !indexes.isEmpty() && dialect.supportsIndexes();
        boolean commenting = !comments.isEmpty();
        if (!granting && !indexing && !commenting) {
            return null;
        }
        return (conn, created) -> {
            if (indexing) {
                indexes.create(conn, dialect, schema, created);
            }
            if (commenting) {
                comments.write(conn, dialect, kind, schema, created);
            }
            if (granting) {
                grants.apply(conn, dialect, schema, created);
            }
        };
    }
}
