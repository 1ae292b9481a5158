import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
// 1: refused before anything changed, naming the view and the way out
assert log.contains('Views outside the project depend on relations this deploy replaces: it_outside_bi.revenue (reads it_outside.orders). Nothing was changed.')
assert log.contains('-Dwarehouse.recreateOutsideViews=true')
// 2
assert log.contains('Outside views defined again over the relations now live, in the same transaction: it_outside_bi.revenue (reads it_outside.orders)')
assert log.contains("Deployed to target 'prod' in one transaction")

def db = TestDatabase.postgres()
try {
    assert db.rows('select id, amount, built_by from it_outside.orders order by id').collect { [it.id, it.amount, it.built_by] } == [[1, 10, 'plugin'], [2, 20, 'plugin'], [3, 30, 'plugin']]
    // the view reads the new table, and is the same view: its grant and comment are kept
    def view = db.rows('select revenue, built_by from it_outside_bi.revenue')[0]
    assert view.revenue == 60 && view.built_by == 'plugin'
    assert String.valueOf(db.value("select 'it_outside_bi.revenue'::regclass::oid")) == new File(basedir, 'revenue-oid.txt').text
    assert db.value("select obj_description('it_outside_bi.revenue'::regclass, 'pg_class')") == 'finance dashboard'
    assert db.value("select has_table_privilege('public', 'it_outside_bi.revenue', 'select')") == true
    // bound to the live table, not to the replaced one, which is kept for rollback
    def reads = db.rows("select distinct d.refobjid::regclass::text as rel from pg_depend d join pg_rewrite r on r.oid = d.objid where r.ev_class = 'it_outside_bi.revenue'::regclass and d.refobjid <> r.ev_class")*.rel
    assert reads == ['it_outside.orders']
    assert db.value('select built_by from it_outside.orders__wh_prev') == 'other tool'
    assert db.rows('select status from it_outside._warehouse_deployments')*.status == ['deployed']
} finally {
    db.close()
}
return true
