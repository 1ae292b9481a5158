import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    for (schema in ['it_slim', 'dbt_pr_123']) {
        db.execute("drop schema if exists ${schema} cascade")
    }
} finally {
    db.close()
}
return true
