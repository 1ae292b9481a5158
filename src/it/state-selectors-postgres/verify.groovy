import org.sqlwarehouse.testing.TestDatabase
import groovy.json.JsonSlurper

def db = TestDatabase.postgres()
try {
    def fingerprints = { schema ->
        db.rows("select relation_name, project_fingerprint from ${schema}._warehouse_relations where pruned_by is null")
                .collectEntries { [(it.relation_name): it.project_fingerprint] }
    }
    def prod = fingerprints('it_state')
    def dev = fingerprints('it_state_dev')
    assert prod.keySet() == ['base', 'stg', 'calc', 'summary', 'other'] as Set
    assert dev.keySet() == prod.keySet()
    assert prod.values().every { it != null }
    // the same project in both, though schemas and target.name render differently...
    for (name in ['base', 'stg', 'other']) {
        assert dev[name] == prod[name]
    }
    // ...but for the changed model and what is downstream of it
    assert dev.calc != prod.calc && dev.summary != prod.summary
    // step 3 built only what state:modified selected, from the changed checkout
    assert db.value("select min(version) from it_state_dev.calc") == 'v2'
    assert !db.columns('it_state', 'calc').containsKey('version')
    assert db.value("select built_in from it_state_dev.other") == 'it_state_dev'
    assert db.value("select built_in from it_state.other") == 'it_state'
} finally {
    db.close()
}

def results = new JsonSlurper().parse(new File(basedir, 'target/warehouse/run_results.json'))
assert results.results.collect { it.unique_id }.findAll { !it.startsWith('test.') } as Set ==
        ['model.statesel.calc', 'model.statesel.summary'] as Set

def log = new File(basedir, 'build.log').text
assert log.contains("Comparing with the state of target 'prod' (schema it_state): 5 relation(s) of project 'statesel'")
assert log =~ /SCHEMA\s+PROTECTED\s+TARGETS\s+RELATIONS\s+LAST BUILT\s+BY\s+COMMIT\s+DIFFERS FROM PROD/
assert log =~ /it_state\s+yes\s+prod \(protected\)\s+5\s.*\s0\s*\n/
assert log =~ /it_state_dev\s+no\s+dev\s+5\s.*\s2\s*\n/
return true
