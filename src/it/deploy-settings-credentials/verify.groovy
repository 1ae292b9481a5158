import org.sqlwarehouse.testing.TestDatabase

def secret = 'Wh-It_S3cret!pw'
def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]')                  // the build really ran at -X
assert log.contains('OK     table  it_creds_prod.numbers')
assert !log.contains(secret)                     // not in any log line at any level
assert !log.contains('S3cret')
def results = new File(basedir, 'target/warehouse/run_results.json').text
assert !results.contains(secret)

def db = TestDatabase.postgres()
try {
    assert db.relations('it_creds_prod') == [evens: 'VIEW', numbers: 'BASE TABLE']
    assert db.count('it_creds_prod.evens') == 5
    // built by the role from settings.xml, not by the superuser
    assert db.value("select tableowner from pg_tables where schemaname = 'it_creds_prod' and tablename = 'numbers'") == 'warehouse_it'
    // where the server asks this role for its password, the decrypted one is what got in
    def rules = db.value("select count(*) from pg_hba_file_rules where 'warehouse_it' = any(user_name) and auth_method in ('scram-sha-256', 'md5')")
    if (TestDatabase.postgresRequired()) {
        assert rules > 0 : '.ci/run should have made PostgreSQL ask warehouse_it for its password'
    }
    if (rules > 0) {
        def props = new Properties()
        props.setProperty('user', 'warehouse_it')
        props.setProperty('password', 'wrong-password')
        def refused = false
        try {
            new org.postgresql.Driver().connect("jdbc:postgresql://${TestDatabase.pgHost()}:${TestDatabase.pgPort()}/${TestDatabase.pgDatabase()}", props).close()
        } catch (java.sql.SQLException e) {
            refused = true
        }
        assert refused : 'a wrong password must be refused, or this test proves nothing'
    }
} finally {
    db.close()
}
return true
