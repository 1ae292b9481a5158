import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    db.execute('drop schema if exists it_unit_fail cascade')
} finally {
    db.close()
}
return true
