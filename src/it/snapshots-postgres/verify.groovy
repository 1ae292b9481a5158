import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
assert log =~ /FAIL\s+test\s+fails_when_asked/
assert log.contains('Deployed to target \'prod\' in one transaction')

def db = TestDatabase.postgres()
try {
    // the first and third deploys each recorded one run; the failed second one ('lost') left nothing
    def versions = db.rows('select id, status, dbt_valid_to is null as current from it_snap_history.orders_history '
            + 'order by id, dbt_valid_from').collect { "${it.id} ${it.status} ${it.current}" }
    assert versions == ['1 new false', '1 shipped true', '2 steady true']
    // the YAML snapshot keeps the same history in its renamed meta columns
    def renamed = db.rows('select id, status, valid_to is null as current from it_snap_history.orders_renamed '
            + 'order by id, valid_from').collect { "${it.id} ${it.status} ${it.current}" }
    assert renamed == ['1 new false', '1 shipped true', '2 steady true']
    def columns = db.rows("select column_name from information_schema.columns where table_schema = 'it_snap_history' "
            + "and table_name = 'orders_renamed' order by ordinal_position").collect { it.column_name }
    assert columns == ['id', 'status', 'version_id', 'changed_at', 'valid_from', 'valid_to']
    assert db.value("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            + "where n.nspname like 'it\\_snap%' and relname like '%\\_\\_wh\\_cand'") == 0
    assert db.value("select count(*) from it_snap._warehouse_deployments") == 2
} finally {
    db.close()
}
return true
