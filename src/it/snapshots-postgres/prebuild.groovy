import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    for (schema in ['it_snap', 'it_snap_dev', 'it_snap_history']) {
        db.execute("drop schema if exists ${schema} cascade")
    }
} finally {
    db.close()
}
return true
