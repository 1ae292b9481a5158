package org.sqlwarehouse.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlwarehouse.dialect.Dialect;
import org.sqlwarehouse.dialect.RelationName;
import org.sqlwarehouse.engine.Transactions;

/**
 * The deploy state, kept in the target database itself, in the target's own schema, so that every
 * machine that deploys sees the same, the role that owns the schema owns its state, and a dropped
 * schema takes its state along: per managed relation its fingerprint, who deployed it, when and from
 * which commit (table _warehouse_relations, which also keeps the relations a deploy pruned until
 * the next one); per deploy a row in _warehouse_deployments, numbered in the order the server
 * recorded them; the candidates the last verify staged, and whether their data tests ran, in
 * _warehouse_candidates. Anyone can query them.
 */
public final class StateStore {
    public static final String RELATIONS = "_warehouse_relations";
    public static final String DEPLOYMENTS = "_warehouse_deployments";
    public static final String CANDIDATES = "_warehouse_candidates";

    /**
     * Columns added after the first release, by table: the state tables already in users' databases
     * get them in place. Rows written before read as null there, and every reader copes with that
     * (an old deploy orders before every new one, an old candidate counts as untested, an old
     * relation row as live).
     */
    private static final Map<String, Map<String, String>> ADDED_COLUMNS = Map.of(
            RELATIONS, Map.of("pruned_by", "varchar(64)", "project_fingerprint", "varchar(64)"),
            DEPLOYMENTS, Map.of("deploy_seq", "bigint", "recorded_at", "timestamp with time zone", "tested", "boolean"),
            CANDIDATES, Map.of("tested", "boolean"));

    private final Dialect dialect;
    private final String schema;
    /** Whether the tables have every column of this version; null until asked. */
    private Boolean upToDate;
    /** The columns of ADDED_COLUMNS the relations table has; null until asked. */
    private Set<String> presentAdded;

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
        if (dialect.relationKindsOf(c, schema, List.of(RELATIONS, DEPLOYMENTS, CANDIDATES)).size() < 3) {
            dialect.createSchemaIfMissing(c, schema);
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists " + relations() + " (target_schema varchar(128),"
                        + " relation_schema varchar(128) not null, relation_name varchar(128) not null,"
                        + " unique_id varchar(512), kind varchar(16), sql_hash varchar(64), config_hash varchar(64),"
                        + " fingerprint varchar(64), previous_fingerprint varchar(64), has_previous boolean,"
                        + " deployed_at timestamp, deployed_by varchar(256), project varchar(128),"
                        + " project_version varchar(128), git_commit varchar(64), deploy_id varchar(64),"
                        + " columns_hash varchar(64), pruned_by varchar(64), project_fingerprint varchar(64),"
                        + " primary key (relation_schema, relation_name))");
                s.execute("create table if not exists " + deployments() + " (deploy_id varchar(64) primary key,"
                        + " target_schema varchar(128), project varchar(128), started_at timestamp,"
                        + " finished_at timestamp, deployed_by varchar(256), project_version varchar(128),"
                        + " git_commit varchar(64), changed integer, status varchar(32), deploy_seq bigint,"
                        + " recorded_at timestamp with time zone, tested boolean)");
                // the candidates staged by the last verify: a deploy promotes them only if they are its own
                s.execute("create table if not exists " + candidates() + " (unique_id varchar(512) primary key,"
                        + " fingerprint varchar(64), built_at timestamp, tested boolean)");
            }
        }
        upgrade(c);
    }

    /**
     * Adds the columns a state table of an earlier version lacks. The catalog is asked first, so
     * that tables already up to date see no DDL at all (an unchanged deploy runs none).
     */
    private void upgrade(Connection c) throws SQLException {
        for (Map.Entry<String, Map<String, String>> table : ADDED_COLUMNS.entrySet()) {
            for (String column : missingColumns(c, table.getKey())) {
                try (Statement s = c.createStatement()) {
                    s.execute(dialect.addColumnSql(schema, table.getKey(), column, table.getValue().get(column)));
                }
            }
        }
        upToDate = true;
        presentAdded = null;
    }

    private List<String> missingColumns(Connection c, String table) throws SQLException {
        Set<String> present = new HashSet<>();
        dialect.columns(c, schema, table).keySet().forEach(n -> present.add(n.toLowerCase(Locale.ROOT)));
        List<String> missing = new ArrayList<>();
        for (String column : ADDED_COLUMNS.get(table).keySet()) {
            if (!present.contains(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    /**
     * The added columns the relations table has: plan, and a comparison with another environment,
     * read the tables of an earlier version as they are, since they change nothing, not even them.
     */
    private Set<String> presentAddedColumns(Connection c) throws SQLException {
        if (presentAdded == null) {
            Set<String> present = new HashSet<>(ADDED_COLUMNS.get(RELATIONS).keySet());
            if (!Boolean.TRUE.equals(upToDate)) {
                present.removeAll(missingColumns(c, RELATIONS));
            }
            presentAdded = present;
        }
        return presentAdded;
    }

    /**
     * The schemas of the connected database that hold a relations state table: every environment
     * built or deployed there by any project (those the login may see), in one catalog query.
     */
    public static List<String> schemasWithState(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select distinct table_schema from information_schema.tables"
                + " where table_name = ? and table_catalog = current_database() order by table_schema")) {
            ps.setString(1, RELATIONS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Whether the state tables exist: plan must not create them. */
    public boolean exists(Connection c) throws SQLException {
        return dialect.relationKind(c, schema, RELATIONS).isPresent();
    }

    /**
     * The newest deploy of the project to the target schema, whatever its status, in the order the
     * server recorded them (deploy_seq), never by a deployer's clock: finished_at is the deploying
     * machine's wall clock, in its time zone. Deploys recorded before deploy_seq existed count as
     * older than every numbered one and are ordered among themselves by finished_at, the only order
     * they have.
     */
    public Optional<Deployment> newestDeployment(Connection c, String targetSchema, String project)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select deploy_id, deploy_seq, project, status, tested from "
                + deployments() + " where target_schema = ? and project = ?"
                + " order by coalesce(deploy_seq, 0) desc, finished_at desc")) {
            ps.setString(1, targetSchema);
            ps.setString(2, project);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                boolean tested = rs.getBoolean(5);
                return Optional.of(new Deployment(rs.getString(1), rs.getLong(2), rs.getString(3),
                        DeployStatus.fromColumn(rs.getString(4)), rs.wasNull() ? null : tested));
            }
        }
    }

    /**
     * Who the environment whose state lives here belongs to, where its relations are and when it was
     * last built: the projects of its relation and deploy rows, the schemas of its relations, and the
     * newest of their times. Both times are written from the
     * building machine's clock (deployed_at, finished_at), so they are compared with that alone.
     */
    public LastBuild lastBuild(Connection c, String targetSchema) throws SQLException {
        Set<String> projects = new HashSet<>();
        Set<String> relationSchemas = new HashSet<>();
        Newest newest = new Newest();
        readBuilds(c, "select project, deployed_at, deployed_by, git_commit, relation_schema from " + relations()
                + " where target_schema = ?", targetSchema, projects, relationSchemas, newest);
        if (dialect.relationKind(c, schema, DEPLOYMENTS).isPresent()) {
            readBuilds(c, "select project, finished_at, deployed_by, git_commit, cast(null as varchar(128)) from "
                    + deployments() + " where target_schema = ?", targetSchema, projects, relationSchemas, newest);
        }
        return new LastBuild(projects, relationSchemas, newest.at == null ? null : newest.at.toInstant(), newest.by,
                newest.commit);
    }

    /** The newest build seen so far while reading rows. */
    private static final class Newest {
        private Timestamp at;
        private String by;
        private String commit;
    }

    private static void readBuilds(Connection c, String sql, String targetSchema, Set<String> projects,
            Set<String> relationSchemas, Newest newest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, targetSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    projects.add(rs.getString(1));
                    if (rs.getString(5) != null) {
                        relationSchemas.add(rs.getString(5));
                    }
                    Timestamp at = rs.getTimestamp(2);
                    if (at != null && (newest.at == null || at.after(newest.at))) {
                        newest.at = at;
                        newest.by = rs.getString(3);
                        newest.commit = rs.getString(4);
                    }
                }
            }
        }
    }

    /** The live relations this target schema's deploys manage, by "schema.name". */
    public Map<String, RelationState> load(Connection c, String targetSchema) throws SQLException {
        return load(c, targetSchema, false);
    }

    /**
     * The relations deploys to this target schema pruned and keep as their previous version until
     * the next deploy, by "schema.name".
     */
    public Map<String, RelationState> loadPruned(Connection c, String targetSchema) throws SQLException {
        return load(c, targetSchema, true);
    }

    private Map<String, RelationState> load(Connection c, String targetSchema, boolean pruned) throws SQLException {
        Map<String, RelationState> out = new LinkedHashMap<>();
        Set<String> present = presentAddedColumns(c);
        boolean prunable = present.contains("pruned_by");
        if (pruned && !prunable) {
            // no version that could prune without dropping has written these tables
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("select target_schema, relation_schema, relation_name,"
                + " unique_id, kind, sql_hash, config_hash, fingerprint, previous_fingerprint, has_previous,"
                + " deployed_at, deployed_by, project, project_version, git_commit, deploy_id, columns_hash,"
                + (prunable ? " pruned_by" : " cast(null as varchar(64))")
                + (present.contains("project_fingerprint") ? ", project_fingerprint" : ", cast(null as varchar(64))")
                + " from " + relations()
                + " where target_schema = ?" + (prunable ? " and pruned_by is " + (pruned ? "not null" : "null") : "")
                + " order by relation_schema, relation_name")) {
            ps.setString(1, targetSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RelationState r = new RelationState(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getBoolean(10), rs.getTimestamp(11), rs.getString(12),
                            rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                            rs.getString(17), rs.getString(18), rs.getString(19));
                    out.put(r.key(), r);
                }
            }
        }
        return out;
    }

    /**
     * Records the project fingerprints of relations left unchanged (their environment's fingerprint
     * is equal, yet what the project says may differ, e.g. a template branch on target.name), so
     * that the state compares with other environments as the project now is.
     */
    public void updateProjectFingerprints(Connection c, Map<RelationName, String> fingerprints) throws SQLException {
        if (fingerprints.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update " + relations() + " set project_fingerprint = ?"
                + " where relation_schema = ? and relation_name = ?")) {
            for (Map.Entry<RelationName, String> e : fingerprints.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, e.getKey().schema());
                ps.setString(3, e.getKey().name());
                ps.addBatch();
            }
            ps.executeBatch();
        }
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
                + " git_commit, deploy_id, columns_hash, pruned_by, project_fingerprint)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                ps.setString(18, r.prunedBy());
                ps.setString(19, r.projectFingerprint());
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

    /** Records which candidates a verify built, by node and fingerprint, and whether their data tests ran. */
    public void saveCandidates(Connection c, Map<String, String> fingerprints, boolean tested) throws SQLException {
        clearCandidates(c);
        try (PreparedStatement ps = c.prepareStatement("insert into " + candidates()
                + " (unique_id, fingerprint, built_at, tested) values (?, ?, ?, ?)")) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            for (Map.Entry<String, String> e : fingerprints.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.setTimestamp(3, now);
                ps.setBoolean(4, tested);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The staged candidates; a row from before tests were recorded (null) counts as untested. */
    public StagedCandidates loadCandidates(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        boolean tested = true;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select unique_id, fingerprint, tested from " + candidates())) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
                boolean rowTested = rs.getBoolean(3);
                tested &= rowTested && !rs.wasNull();
            }
        }
        return new StagedCandidates(out, tested);
    }

    public void delete(Connection c, String relationSchema, String relationName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + relations()
                + " where relation_schema = ? and relation_name = ?")) {
            ps.setString(1, relationSchema);
            ps.setString(2, relationName);
            ps.executeUpdate();
        }
    }

    /**
     * Records a deploy, in the caller's transaction and under the deploy lock. Its sequence number is
     * the table's highest plus one: the deploy lock (PostgreSQL's advisory lock, DuckDB's file lock)
     * lets one deploy at a time write here, so no two get the same number, and unlike a database
     * sequence it needs no object that DuckDB and PostgreSQL create differently and that a table of
     * an earlier version lacks. recorded_at is the server's clock; started and finished are the
     * deploying machine's, for people to read, never to order by.
     */
    public Deployment recordDeployment(Connection c, String deployId, String targetSchema, String project,
            Timestamp started, Timestamp finished, String deployedBy, String version, String commit, int changed,
            boolean tested) throws SQLException {
        long sequence;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(deploy_seq), 0) + 1 from " + deployments())) {
            rs.next();
            sequence = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + deployments() + " (deploy_id, target_schema,"
                + " project, started_at, finished_at, deployed_by, project_version, git_commit, changed, status,"
                + " deploy_seq, recorded_at, tested) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp, ?)")) {
            ps.setString(1, deployId);
            ps.setString(2, targetSchema);
            ps.setString(3, project);
            ps.setTimestamp(4, started);
            ps.setTimestamp(5, finished);
            ps.setString(6, deployedBy);
            ps.setString(7, version);
            ps.setString(8, commit);
            ps.setInt(9, changed);
            ps.setString(10, DeployStatus.DEPLOYED.column());
            ps.setLong(11, sequence);
            ps.setBoolean(12, tested);
            ps.executeUpdate();
        }
        return new Deployment(deployId, sequence, project, DeployStatus.DEPLOYED, tested);
    }

    public void setDeploymentStatus(Connection c, String deployId, DeployStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + deployments() + " set status = ? where deploy_id = ?")) {
            ps.setString(1, status.column());
            ps.setString(2, deployId);
            ps.executeUpdate();
        }
    }
}
