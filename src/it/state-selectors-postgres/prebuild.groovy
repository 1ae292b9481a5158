import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    for (schema in ['it_state_dev', 'it_state']) {
        db.execute("drop schema if exists ${schema} cascade")
    }
} finally {
    db.close()
}
return true
