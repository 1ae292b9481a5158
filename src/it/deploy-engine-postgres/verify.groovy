import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
// 2 and 3 failed before anything went live
assert log =~ /(?i)no_such_column/
assert log.contains('FAIL   test   total_is_small')
// 4: the plan
assert log.contains('replace   view  it_engine.stg (SQL changed)')
assert log.contains('replace   table it_engine.totals (upstream changed)')
assert log.contains('replace   view  it_engine.report (upstream changed)')
assert log.contains('unchanged table it_engine.other (unchanged)')
assert log.contains('0 to create, 3 to replace, 0 to drop, 2 unchanged')
// 5, 6, 7
assert log.contains("Deployed to target 'prod' in one transaction: 0 created, 3 replaced, 2 unchanged")
assert log.contains("Target 'prod' is up to date: 5 relation(s) unchanged, nothing deployed.")
assert log =~ /Rolled back deploy \S+ on target 'prod': 3 relation\(s\) put back in one transaction\./

def db = TestDatabase.postgres()
try {
    // after the rollback, v1 is live again: amounts times 1
    assert db.rows('select id, amount from it_engine.stg order by id').collect { [it.id, it.amount] } == [[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]]
    assert db.rows('select total, n from it_engine.totals').collect { [it.total, it.n] } == [[150, 5]]
    assert db.value('select average from it_engine.report') == 30
    assert db.value('select answer from it_engine.other') == 42
    // v2 is kept as the previous version; nothing else is left over
    def extra = db.rows("select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'it_engine' and relname like '%\\_\\_wh\\_%' order by 1")*.relname
    assert extra == ['report__wh_prev', 'stg__wh_prev', 'totals__wh_prev']
    assert db.rows('select total from it_engine.totals__wh_prev')*.total == [300]

    def deploys = db.rows('select status, changed from it_engine._warehouse_deployments order by started_at')
    assert deploys.collect { [it.status, it.changed] } == [['deployed', 5], ['rolled_back', 3]]

    // DDL, from the database's own log: step 5 touched only stg, totals, report and their sidecars;
    // step 6 (between the v2 deploy and the rollback) ran none at all
    def v2 = db.rows("select started_at, finished_at from it_engine._warehouse_deployments where status = 'rolled_back'")[0]
    def duringV2 = db.rows("select distinct object from public.it_engine_ddl_log where at >= '${v2.started_at}' and at <= '${v2.finished_at}'")*.object
    assert !duringV2.isEmpty()
    assert duringV2.every { it =~ /^it_engine\.(stg|totals|report)(__wh_(cand|prev))?$/ || it.startsWith('it_engine._warehouse') }
    assert !duringV2.any { it.contains('other') || it.contains('base') }
    def up2date = db.rows("select command, object from public.it_engine_ddl_log where at > '${v2.finished_at}' and command <> 'ALTER TABLE' and command <> 'ALTER VIEW'")
    assert up2date.isEmpty() : "after the v2 deploy only the rollback's renames may run DDL: ${up2date}"
} finally {
    try {
        db.execute('drop event trigger if exists it_engine_ddl')
    } finally {
        db.close()
    }
}
return true
