import org.sqlwarehouse.testing.TestDatabase
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// the compile renders without a database and says which nodes render when built
assert log.contains('4 nodes ask the database while rendering; they are rendered again when built: event_counts, '
        + 'people_count, people_public, same_columns_people_public_ref_people_copy_')
// one null email: over warn_if (>0), not over error_if (>1)
assert log =~ /WARN\s+test\s+not_null_people_public_email/
assert log.contains('see them with select * from "it_asks_dev_dbt_test__audit"."not_null_people_public_email"')
assert log =~ /PASS\s+test\s+same_columns_people_public_ref_people_copy_/

def db = TestDatabase.postgres()
try {
    // built in place on dev by verify, then staged and promoted on prod by deploy: the same relations
    for (schema in ['it_asks_dev', 'it_asks']) {
        assert db.columns(schema, 'people_public').keySet() as List == ['id', 'name', 'email']
        assert db.columns(schema, 'event_counts').keySet() as List == ['person_id', 'buy_count', 'click_count', 'view_count']
        assert db.rows("select person_id, buy_count, click_count, view_count from ${schema}.event_counts order by person_id")
                .collect { [it.person_id, it.buy_count, it.click_count, it.view_count] } ==
                [[1, 0, 1, 1], [2, 0, 1, 0], [3, 1, 0, 0]]
        assert db.value("select people from ${schema}.people_count") == 3
        assert db.value("select count(*) from ${schema}.people_public") == 3
    }
    assert db.rows('select id, name from it_asks_dev_dbt_test__audit.not_null_people_public_email')
            .collect { [it.id, it.name] } == [[3, 'cy']]
    // nothing of the candidates is left in prod
    assert db.value("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            + "where n.nspname = 'it_asks' and relname like '%\\_\\_wh\\_%'") == 0
    // the live view reads the live seed, not a candidate that is gone
    assert db.value("select pg_get_viewdef('it_asks.people_public'::regclass)").contains('it_asks.people')
} finally {
    db.close()
}

// compiled/ and run_results.json show the SQL that ran, not the compile's render without a database
def compiled = new File(basedir, 'target/warehouse/compiled/asks/models/people_public.sql').text
assert compiled.contains('"id", "name", "email"') && !compiled.contains('secret') && !compiled.contains('*')
def results = new JsonSlurper().parse(new File(basedir, 'target/warehouse/run_results.json'))
def view = results.results.find { it.unique_id == 'model.asks.people_public' }
assert view.compiled_code == 'select "id", "name", "email" from "it_asks"."people"'
return true
