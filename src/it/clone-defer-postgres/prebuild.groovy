import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    for (schema in ['it_cd_prod', 'dbt_alice', 'dbt_bob']) {
        db.execute("drop schema if exists ${schema} cascade")
    }
} finally {
    db.close()
}
return true
