import org.sqlwarehouse.testing.TestDatabase

def file = new File(basedir, 'target/wh.duckdb')
file.parentFile.mkdirs()
def db = TestDatabase.duckdb(file)
try {
    // prod's relations, and another user's dev schema whose name starts like ours
    db.execute('create schema analytics')
    db.execute('create table analytics.revenue as select 100 as amount')
    db.execute('create schema dbt_itx')
    db.execute('create table dbt_itx.keep as select 1 as x')
} finally {
    db.close()
}
return true
