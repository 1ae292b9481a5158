package org.sqlwarehouse.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.engine.Transactions;

/**
 * The deploy state, kept in the target database itself, in the target's own schema, so that every
 * machine that deploys sees the same, the role that owns the schema owns its state, and a dropped
 * schema takes its state along: per managed relation its fingerprint, who deployed it, when and from
 * which commit (table _warehouse_relations); per deploy a row in _warehouse_deployments. Anyone can
 * query them.
 */
public final class StateStore {
    public static final String RELATIONS = "_warehouse_relations";
    public static final String DEPLOYMENTS = "_warehouse_deployments";
    public static final String CANDIDATES = "_warehouse_candidates";

    private final Dialect dialect;
    private final String schema;

    /** @param schema the target's schema, where its state lives */
    public StateStore(Dialect dialect, String schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    private String relations() {
        return dialect.qualified(schema, RELATIONS);
    }

    private String deployments() {
        return dialect.qualified(schema, DEPLOYMENTS);
    }

    private String candidates() {
        return dialect.qualified(schema, CANDIDATES);
    }

    /**
     * Creates the state tables where they are missing. Called under the schema's lock (every build
     * and deploy takes it), so no other build creates them at the same time: a failure is a real
     * one (no privilege to create), not a race to retry.
     */
    public void ensureTables(Connection c) throws SQLException {
        if (dialect.relationKindsOf(c, schema, List.of(RELATIONS, DEPLOYMENTS, CANDIDATES)).size() == 3) {
            return;
        }
        dialect.createSchemaIfMissing(c, schema);
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists " + relations() + " (target_schema varchar(128),"
                    + " relation_schema varchar(128) not null, relation_name varchar(128) not null,"
                    + " unique_id varchar(512), kind varchar(16), sql_hash varchar(64), config_hash varchar(64),"
                    + " fingerprint varchar(64), previous_fingerprint varchar(64), has_previous boolean,"
                    + " deployed_at timestamp, deployed_by varchar(256), project varchar(128),"
                    + " project_version varchar(128), git_commit varchar(64), deploy_id varchar(64),"
                    + " columns_hash varchar(64), primary key (relation_schema, relation_name))");
            s.execute("create table if not exists " + deployments() + " (deploy_id varchar(64) primary key,"
                    + " target_schema varchar(128), project varchar(128), started_at timestamp,"
                    + " finished_at timestamp, deployed_by varchar(256), project_version varchar(128),"
                    + " git_commit varchar(64), changed integer, status varchar(32))");
            // the candidates staged by the last verify: a deploy promotes them only if they are its own
            s.execute("create table if not exists " + candidates() + " (unique_id varchar(512) primary key,"
                    + " fingerprint varchar(64), built_at timestamp)");
        }
    }

    /** Whether the state tables exist: plan must not create them. */
    public boolean exists(Connection c) throws SQLException {
        return dialect.relationKind(c, schema, RELATIONS).isPresent();
    }

    /** The newest deploy of the target schema, whatever its status: [deploy_id, status]. */
    public Optional<String[]> newestDeployment(Connection c, String targetSchema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select deploy_id, status from " + deployments()
                + " where target_schema = ? order by finished_at desc")) {
            ps.setString(1, targetSchema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    /** The relations this target schema's deploys manage, by "schema.name". */
    public Map<String, RelationState> load(Connection c, String targetSchema) throws SQLException {
        Map<String, RelationState> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select target_schema, relation_schema, relation_name,"
                + " unique_id, kind, sql_hash, config_hash, fingerprint, previous_fingerprint, has_previous,"
                + " deployed_at, deployed_by, project, project_version, git_commit, deploy_id, columns_hash from "
                + relations()
                + " where target_schema = ? order by relation_schema, relation_name")) {
            ps.setString(1, targetSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RelationState r = new RelationState(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getBoolean(10), rs.getTimestamp(11), rs.getString(12),
                            rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                            rs.getString(17));
                    out.put(r.key(), r);
                }
            }
        }
        return out;
    }

    /**
     * Writes the rows of the given relations, replacing what was recorded for them: one batch of
     * deletes and one of inserts, in the caller's transaction, or in one of its own when the
     * connection autocommits, so that the state changes as a whole.
     */
    public void saveAll(Connection c, Collection<RelationState> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Transactions.runSql(c, tx -> {
            deleteAll(tx, rows);
            insertAll(tx, rows);
        });
    }

    private void deleteAll(Connection c, Collection<RelationState> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + relations()
                + " where relation_schema = ? and relation_name = ?")) {
            for (RelationState r : rows) {
                ps.setString(1, r.relationSchema());
                ps.setString(2, r.relationName());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertAll(Connection c, Collection<RelationState> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + relations() + " (target_schema,"
                + " relation_schema, relation_name, unique_id, kind, sql_hash, config_hash, fingerprint,"
                + " previous_fingerprint, has_previous, deployed_at, deployed_by, project, project_version,"
                + " git_commit, deploy_id, columns_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RelationState r : rows) {
                ps.setString(1, r.targetSchema());
                ps.setString(2, r.relationSchema());
                ps.setString(3, r.relationName());
                ps.setString(4, r.uniqueId());
                ps.setString(5, r.kind());
                ps.setString(6, r.sqlHash());
                ps.setString(7, r.configHash());
                ps.setString(8, r.fingerprint());
                ps.setString(9, r.previousFingerprint());
                ps.setBoolean(10, r.hasPrevious());
                ps.setTimestamp(11, r.deployedAt());
                ps.setString(12, r.deployedBy());
                ps.setString(13, r.project());
                ps.setString(14, r.projectVersion());
                ps.setString(15, r.gitCommit());
                ps.setString(16, r.deployId());
                ps.setString(17, r.columnsHash());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Forgets the staged candidates: a verify is about to build new ones, or a deploy promoted them. */
    public void clearCandidates(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("delete from " + candidates());
        }
    }

    /** Records which candidates a verify built, by node and fingerprint. */
    public void saveCandidates(Connection c, Map<String, String> fingerprints) throws SQLException {
        clearCandidates(c);
        try (PreparedStatement ps = c.prepareStatement("insert into " + candidates()
                + " (unique_id, fingerprint, built_at) values (?, ?, ?)")) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            for (Map.Entry<String, String> e : fingerprints.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.setTimestamp(3, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The staged candidates: node to fingerprint. */
    public Map<String, String> loadCandidates(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select unique_id, fingerprint from " + candidates())) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    public void delete(Connection c, String relationSchema, String relationName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + relations()
                + " where relation_schema = ? and relation_name = ?")) {
            ps.setString(1, relationSchema);
            ps.setString(2, relationName);
            ps.executeUpdate();
        }
    }

    public void recordDeployment(Connection c, String deployId, String targetSchema, String project,
            Timestamp started, Timestamp finished, String deployedBy, String version, String commit, int changed,
            String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + deployments() + " (deploy_id, target_schema,"
                + " project, started_at, finished_at, deployed_by, project_version, git_commit, changed, status)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, deployId);
            ps.setString(2, targetSchema);
            ps.setString(3, project);
            ps.setTimestamp(4, started);
            ps.setTimestamp(5, finished);
            ps.setString(6, deployedBy);
            ps.setString(7, version);
            ps.setString(8, commit);
            ps.setInt(9, changed);
            ps.setString(10, status);
            ps.executeUpdate();
        }
    }

    /** The newest deploy of the target schema that is live (not rolled back), if any. */
    public Optional<String> lastDeployment(Connection c, String targetSchema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select deploy_id from " + deployments()
                + " where target_schema = ? and status = 'deployed' order by finished_at desc")) {
            ps.setString(1, targetSchema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void setDeploymentStatus(Connection c, String deployId, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + deployments() + " set status = ? where deploy_id = ?")) {
            ps.setString(1, status);
            ps.setString(2, deployId);
            ps.executeUpdate();
        }
    }
}
