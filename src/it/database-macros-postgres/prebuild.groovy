import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    for (schema in ['it_asks_dev', 'it_asks_dev_dbt_test__audit', 'it_asks', 'it_asks_dbt_test__audit']) {
        db.execute("drop schema if exists ${schema} cascade")
    }
} finally {
    db.close()
}
return true
