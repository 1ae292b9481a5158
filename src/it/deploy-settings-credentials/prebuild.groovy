import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    // a role that must log in with its password (.ci/run adds a scram-sha-256 rule for it to pg_hba.conf)
    if (db.value("select count(*) from pg_roles where rolname = 'warehouse_it'") == 0) {
        db.execute("create role warehouse_it login password 'Wh-It_S3cret!pw'")
    } else {
        db.execute("alter role warehouse_it login password 'Wh-It_S3cret!pw'")
    }
    db.execute('grant create on database ' + TestDatabase.pgDatabase() + ' to warehouse_it')
    db.execute('drop schema if exists it_creds_prod cascade')
} finally {
    db.close()
}
return true
