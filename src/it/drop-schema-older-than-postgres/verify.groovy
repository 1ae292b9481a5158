import org.sqlwarehouse.testing.TestDatabase

def log = new File(basedir, 'build.log').text
// 5: the dry run lists each environment of this project with its last build, and drops nothing
assert log.contains("Would drop environment dbt_itdsot_old (last built 2020-01-02 ")
assert log =~ /Would drop environment dbt_itdsot_old \(last built 2020-01-02 \d\d:\d\d UTC, \d+d ago, by itdsot_old@[^)]+\), siblings dbt_itdsot_old_marketing\n/
assert log =~ /Kept environment dbt_itdsot_new \(last built .*, by itdsot_new@[^)]+\), siblings dbt_itdsot_new_marketing: built within the last 14d/
assert log =~ /Kept environment dbt_itdsot_sandbox \(last built 2020-01-02 .*\), siblings dbt_itdsot_sandbox_marketing: target 'sandbox' declares it/
assert log =~ /Kept environment it_dsot_prod \(last built 2020-01-02 .*\), siblings it_dsot_prod_marketing: it is the schema of target 'prod', which is protected/
assert log.contains('drop-schema -Dwarehouse.olderThan=14d: would drop 1 environment (2 schemas), kept 3; dry run, nothing was dropped.')
// another project's environment and a schema without state are not listed at all
assert !log.contains('environment dbt_itdsot_other')
assert !log.contains('environment dbt_itdsot_nostate')
// 6: a bad age is refused before anything is touched
assert log.contains("warehouse.olderThan='two weeks' is not an age: drop-schema dropped nothing.")
// 7: the real run drops the old environment with its sibling
assert log =~ /Dropped environment dbt_itdsot_old \(last built 2020-01-02 .*\), siblings dbt_itdsot_old_marketing\n/
assert log.contains('drop-schema -Dwarehouse.olderThan=14d: dropped 1 environment (2 schemas), kept 3.')
assert log.count('Dropped environment') == 1

def db = TestDatabase.postgres()
try {
    def schemas = db.rows("select nspname from pg_namespace where nspname like 'dbt\\_itdsot%' or nspname = 'it_dsot_prod' order by 1")*.nspname
    assert schemas == ['dbt_itdsot_new', 'dbt_itdsot_new_marketing', 'dbt_itdsot_nostate', 'dbt_itdsot_other',
                       'dbt_itdsot_sandbox', 'dbt_itdsot_sandbox_marketing', 'it_dsot_prod']
    assert db.value('select count(*) from dbt_itdsot_new_marketing.campaigns') == 1
    assert db.value('select count(*) from dbt_itdsot_sandbox_marketing.campaigns') == 1
    assert db.value('select count(*) from it_dsot_prod.base') == 1
    assert db.value('select id from dbt_itdsot_other.orders') == 1
    assert db.value('select id from dbt_itdsot_nostate.notes') == 2
    ['dbt_itdsot_new', 'dbt_itdsot_sandbox', 'it_dsot_prod'].each {
        assert db.stateTables(it).contains('_warehouse_relations')
    }
} finally {
    db.close()
}
return true
